"""The word lists ``facts.py`` reads texts with, loaded from ``data/fact_words.json``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Union

_DATA: dict[str, Any] = json.loads(
    (Path(__file__).parent / "data" / "fact_words.json").read_text(encoding="utf-8")
)

STOP_WORDS: frozenset[str] = frozenset(_DATA["stop_words"])
COMMON_CAPITALISED: frozenset[str] = frozenset(_DATA["common_capitalised"])
NEGATIONS: frozenset[str] = frozenset(_DATA["negations"])
IMPLIED_NEGATIONS: frozenset[str] = frozenset(_DATA["implied_negations"])
IMPLIED_NEGATION_PHRASES: tuple[str, ...] = tuple(_DATA["implied_negation_phrases"])
IMPLIED_NEGATIONS_ALONE: frozenset[str] = frozenset(_DATA["implied_negations_alone"])
CHANGE_CUES: tuple[str, ...] = tuple(_DATA["change_cues"])
MODALITY: dict[str, str] = dict(_DATA["modality"])
ID_NOUNS: frozenset[str] = frozenset(_DATA["id_nouns"])
MEASURE_UNITS: frozenset[str] = frozenset(_DATA["measure_units"])
QUANTITY_WORDS: frozenset[str] = frozenset(_DATA["quantity_words"])
UNITS: dict[str, str] = dict(_DATA["units"])
NUMBER_WORDS: dict[str, Union[int, float, str]] = dict(_DATA["number_words"])
SCALE_WORDS: dict[str, int] = dict(_DATA["scale_words"])
CURRENCY_WORDS: dict[str, str] = dict(_DATA["currency_words"])
MONTHS: dict[str, int] = dict(_DATA["months"])
WEEKDAYS: dict[str, str] = dict(_DATA["weekdays"])
DAYPARTS: dict[str, str] = dict(_DATA["dayparts"])
FREQUENCIES: dict[str, str] = dict(_DATA["frequencies"])
NAME_SUFFIXES: frozenset[str] = frozenset(_DATA["name_suffixes"])
NAME_ABBREVIATIONS: dict[str, str] = dict(_DATA["name_abbreviations"])
NAME_DESIGNATORS: frozenset[str] = frozenset(_DATA["name_designators"])
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = tuple(tuple(g.split()) for g in _DATA["synonyms"])
CONTRASTS: dict[str, tuple[str, ...]] = {
    kind: tuple(groups) for kind, groups in _DATA["contrasts"].items()
}
VALUE_NOUNS: frozenset[str] = frozenset(_DATA["value_nouns"])
