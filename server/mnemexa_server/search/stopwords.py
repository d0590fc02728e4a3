"""English stop words, left out of lexical queries.

The list is the Snowball English list that PostgreSQL's ``english`` text search configuration
uses, so both backends drop the same words. A query made only of stop words keeps them all.
"""

from __future__ import annotations

from collections.abc import Sequence

ENGLISH = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about against
    between into through during before after above below to from up down in out on off over
    under again further then once here there when where why how all any both each few more
    most other some such no nor not only own same so than too very s t can will just don
    should now
    """.split()  # noqa: SIM905 - the list as the Snowball project prints it
)


def content_words(words: Sequence[str]) -> list[str]:
    """``words`` (lower-cased) without stop words, in order; all of them if none is left."""
    kept = [w for w in words if w not in ENGLISH]
    return kept or list(words)
