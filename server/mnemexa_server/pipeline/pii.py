"""PII and secret detection, and redaction.

Blocking types (a ``reject`` workspace answers 422 ``pii_rejected``; a ``redact`` workspace
stores a typed placeholder instead):

- ``password``: a value after "password", "passphrase", "pwd", "PIN", "passcode" and the like
  ("is", ":", "=", "to" or nothing between), after ``requirepass`` and env-style names
  (``DB_PASSWORD=``), ``user / secret`` after "login", credentials in a URL
  (``scheme://user:secret@host``), ``mysql -p<secret>``, ``docker login -p <secret>`` and
  ``--password <secret>``. Talk about passwords without a value ("reset your password"),
  references (``$DB_PASSWORD``, ``${...}``, ``$(...)``, ``<placeholder>``), masks
  (``********``) and labels ("Password policy: ...") are not one. "opens with" and
  "unlocks with" also introduce a value (a lockbox, an archive).
- ``credit_card``: 12-19 digits, unbroken or grouped (4-4-4-4, Amex 4-6-5, Diners 4-6-4),
  with an issuer prefix and a length that network issues, passing Luhn, and not named as
  something else just before (IMEI, IBAN, serial, order, account, gift card, ...) or part
  of an IBAN.
- ``ssn``: ``AAA-GG-SSSS`` with a valid area, group and serial; spaced or unbroken only next to
  "SSN" / "social security".
- ``api_key``: tokens with a known format (``secrets.py``: detect-secrets plus extra prefixes),
  or a random-looking token of 16+ characters within a few words after "key", "token",
  "secret", "credential" or "SID". UUIDs and placeholders are not keys.
- ``private_key``: a PEM or PGP private key block (public keys and certificates are not).

Reported only, never blocking by default: ``email`` and ``phone``.

Findings carry types and offsets, never the matched values, so nothing here can leak a value
into a log line or an error body.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass

from .secrets import known_tokens, known_tokens_ready

BLOCKING = frozenset({"password", "credit_card", "ssn", "api_key", "private_key"})
REPORTED = frozenset({"email", "phone"})


@dataclass(frozen=True)
class PiiFinding:
    type: str
    start: int
    end: int

    @property
    def blocking(self) -> bool:
        return self.type in BLOCKING


_PRIVATE_KEY = re.compile(
    r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)"
)
# "[\"']?\s*(?:(?:is|...)\s*)?[\"']?" is "[\"']?\s*(?:is|...)?\s*[\"']?" without trying every
# split of a run of spaces between two \s* (quadratic in the spaces after a "key").
_KEY_CONTEXT = re.compile(
    r"(?i)(?<![a-z])(?:key|token|secret|credential|credentials|bearer|api[ _-]?key|client[ _-]?secret|schlüssel|clé|clave|chave)\b"
    r"(?:[\"']?\s*(?:(?:is|was|[:=]|->|→)\s*)?[\"']?|(?:\s+[\w.-]+){0,6}?\s*(?:\bis\b|\bwas\b|\blautet\b|\best\b|\bes\b|[:=]|->|→)\s*[\"']?|\s+)"
    r"([A-Za-z0-9_\-+/=.]{16,})"
)
# Tokens on a command line (any value, UUIDs included) and signed-URL signatures.
_TOKEN_FLAG = re.compile(
    r"(?<!\S)--?(?:token|api-key|apikey|auth-token|access-token|secret)[= ]['\"]?([A-Za-z0-9_\-+/=.]{16,})"
    r"|[?&]sig=([A-Za-z0-9%+/=]{20,})"
    r"|\bAC[0-9a-f]{32}['\"]?\s*[,:]\s*['\"]?([0-9a-f]{32})\b"  # a Twilio auth token after its account SID
)
# A value assigned to an env-style or config name that holds a secret: SECRET_KEY = '...',
# HEROKU_API_KEY=<uuid>, define('AUTH_SALT', '...'). Any 16+ characters, UUIDs included.
_ASSIGNED_SECRET = re.compile(
    r"\b[A-Z0-9_]*(?:API_KEY|SECRET_KEY|ACCESS_KEY|PRIVATE_KEY|SECRET|TOKEN|AUTH_KEY|SALT|SIGNING_KEY)['\"]?"
    r"(?:[ \t]*(?:[:=]|=>)[ \t]*(?:['\"](?P<quoted>[^'\"\s]{16,})['\"]|(?P<bare>[A-Za-z0-9_\-+/=.]{16,}))"
    r"|[ \t]*,[ \t]*['\"](?P<argument>[^'\"\s]{16,})['\"])"  # a comma only before a quoted value
)
_UUID = re.compile(r"(?i)^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_PASSWORD_WORD = re.compile(
    r"(?i)\b(?:password|passwd|passphrase|pass ?phrase|pwd|pass(?=\s*[:=])|passcode|pass ?code|pin|requirepass|(?:opens|unlocks) with|combo|combination|kombination|combinación|puk(?: code)?|mot de passe|\w*-?passwort|kennwort|contraseña|senha|palavra-passe|unlock (?:phrase|code)|(?:disarm|keypad|door|gate|alarm|access|lock) code)\b"
    r"|\b[A-Z0-9]+(?:_[A-Z0-9]+)*_(?:PASSWORD|PASSWD|PASS|PWD|PASSPHRASE)\b(?=\s*[:=])"  # db_pass =, ansible_become_pass=
)
# Upper-case config names ending in PASSWORD and the like, quoted or not, then := , or =>:
# PGPASSWORD='...', define('DB_PASSWORD', '...'), "SMTP_PASS": "...".
_PASSWORD_NAME = re.compile(
    r"\b[A-Z0-9_]*(?:PASSWORD|PASSWD|PWD|PASS|PASSPHRASE)\b['\"]?"
    r"(?:[ \t]*(?:[:=]|=>)[ \t]*(?:['\"](?P<quoted>[^'\"\n]{4,80})['\"]|(?P<bare>[^\s'\",;]{4,}))"
    r"|[ \t]*,[ \t]*['\"](?P<argument>[^'\"\n]{4,80})['\"])"
)
# A bare value is the shortest run of 4+ non-spaces, with the ! and ? after it, that ends
# the word. "\S{4}(?:\S*?[^\s!?])??[!?]*" tries the same ends as "\S{4,}?[!?]*" but reads
# each run of ! and ? once, not once per character before it ("password !!!!...x").
_PASSWORD_VALUE = re.compile(
    r"(?i)(?:\s*(?P<sep>is|was|[:=]|->|→|(?:changed |set |reset )?to|with|literally|est|ist|lautet|es|é)\s*|\s+)"
    r"(?:[\"“'‘](?P<quoted>[^\"”'’\n]{4,60})[\"”'’]|(?P<bare>\S{4}(?:\S*?[^\s!?])??[!?]*)(?=[\s,;)]|\.(?:\s|$)|$))"
)
_FILLER_WORD = re.compile(r"\s+[^\s.;:=]+")
_LOGIN_WORD = re.compile(r"(?i)\b(?:login|log in|creds|credentials|user(?:name)?|account)\b")
_LOGIN_PAIR = re.compile(
    _LOGIN_WORD.pattern + r"[^/\n]{0,40}?[\w.@-]+\s*/\s*(\S{4,}?)(?=[\s,;)]|[.!?](?:\s|$)|$)"
)
_LOGIN_NAME_RUN = re.compile(r"[\w.@-]+")
# "\s*(?:[:=]\s*)?" matches what "\s*[:=]?\s*" does without trying every split of the spaces.
_USER_WORD = re.compile(r"(?i)\b(?:user(?:name)?|login)\b")
_USER_PASS = re.compile(
    _USER_WORD.pattern
    + r"\s*(?:[:=]\s*)?\S+?[,;]?\s+(?:pass|pw)\b\s*(?:[:=]\s*)?(\S{4,}?)(?=[\s,;)]|[.!?](?:\s|$)|$)"
)
_SPACES = re.compile(r"\s*")
_NON_SPACE_RUN = re.compile(r"\S+")
_URL_CREDENTIALS = re.compile(r"\b[a-z][a-z0-9+.-]*://[^:/\s@]*:([^@\s/]+)@")  # user may be empty
_URL_AFTER_SCHEME = re.compile(r"://[^:/\s@]*:([^@\s/]+)@")
_URL_SCHEME_START = re.compile(r"\b[a-z]")
_URL_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789+.-")
# Command lines: (the command, what follows it).
_LATER_ON_THE_LINE = r"[^\n]*?"
_CLI_COMMANDS = (
    # psql's -p is a port
    (r"\b(?:mysql|mysqldump|7z|7za|zip|unzip|rar|unrar)\b", _LATER_ON_THE_LINE + r"\s-p(\S{4,})"),
    (r"\b(?:sshpass)", r"\s+-p\s*(\S{4,})"),
    (r"\bredis-cli\b", _LATER_ON_THE_LINE + r"\s-a\s+(\S{4,})"),
    (r"(?<!\S)-(?:storepass|keypass|srcstorepass|deststorepass)", r"\s+(\S{4,})"),
    (r"\b(?:ipmitool|mosquitto_pub|mosquitto_sub)\b", _LATER_ON_THE_LINE + r"\s-P\s+(\S{4,})"),
    (r"\bldap(?:search|modify|add|delete|passwd)\b", _LATER_ON_THE_LINE + r"\s-w\s+(\S{4,})"),
    (r"\bsmbclient\b", _LATER_ON_THE_LINE + r"\s-U\s+[^%\s]+%(\S{4,})"),
    # -[^\Wb]*b\w* is -\w*b\w* (a flag word with a b) without trying every b of a long word.
    (r"\bhtpasswd", r"\s+-[^\Wb]*b\w*\s+(?:\S+\s+){2}(\S{4,})"),
    (r"\brabbitmqctl", r"\s+(?:add_user|change_password)\s+\S+\s+(\S{4,})"),
    (r"\becho", r"\s+(\S{4,})\s*\|\s*sudo\s+-S\b"),
    (r"\bcurl\b", _LATER_ON_THE_LINE + r"\s(?:-u|--user)\s+[^:\s]+:(\S{4,})"),
    (
        r"\b(?:docker|podman|buildah|skopeo|helm)\s+(?:registry\s+)?login\b",
        _LATER_ON_THE_LINE + r"\s-p\s+(\S{4,})",
    ),
    (r"(?<!\S)--password", r"[ =](\S{4,})"),
)
_CLI_PASSWORD = re.compile("|".join(command + rest for command, rest in _CLI_COMMANDS))
_CLI_COMMAND = re.compile(
    "|".join(f"(?P<c{i}>{command})" for i, (command, _) in enumerate(_CLI_COMMANDS))
)
_CLI_LATER_ON_THE_LINE = frozenset(
    f"c{i}" for i, (_, rest) in enumerate(_CLI_COMMANDS) if rest.startswith(_LATER_ON_THE_LINE)
)
_NOT_A_PASSWORD = frozenset(
    [
        "must",
        "should",
        "needs",
        "need",
        "policy",
        "policies",
        "reset",
        "resets",
        "expired",
        "expires",
        "expire",
        "changed",
        "change",
        "manager",
        "managers",
        "rotation",
        "rotate",
        "rotated",
        "required",
        "requirement",
        "length",
        "field",
        "fields",
        "protected",
        "here",
        "there",
        "this",
        "that",
        "the",
        "a",
        "an",
        "it",
        "our",
        "your",
        "their",
        "every",
        "each",
        "when",
        "with",
        "from",
        "hint",
        "hints",
        "screen",
        "page",
        "prompt",
        "dialog",
        "vault",
        "vaults",
        "authentication",
        "auth",
        "login",
        "logins",
        "strength",
    ]
)
# Words that show a sentence is about passwords in general, not giving one.
_ABOUT_PASSWORDS = frozenset(
    [
        "hint",
        "hints",
        "policy",
        "policies",
        "column",
        "field",
        "fields",
        "reset",
        "manager",
        "managers",
        "must",
        "should",
        "needs",
        "requirement",
        "requirements",
        "strength",
        "expires",
        "expired",
        "rotation",
        "rotate",
        "via",
        "through",
        "cli",
    ]
)
# A reference to a value ($VAR, ${VAR}, $(cmd), {{ var }}, <placeholder>, %VAR%) or a mask.
_NOT_A_VALUE = re.compile(
    r"^(?:\$(?:\{|\(|[A-Za-z_]\w*$)|\{\{|<|%\w+%|\()|^[*•·x#.\-]+$|^(?:redacted|hidden|masked)\b"
    r"|^(?:os\.environ|os\.getenv|getenv|process\.env|ENV\[|System\.getenv|settings\.|config\.|vault\b)"
    r"|^[A-Z0-9_]+[:=]$",  # the next line's empty assignment, not a value
    re.I,
)
_NOT_A_KEY = re.compile(
    r"(?i)fingerprint|checksum|digest|hash|sha\d|uuid|request[ _-]?id|trace|arn:|"
    r"(?:site|publishable|public|encryption) key|key/"
)
# A documented example or a placeholder, not a live secret.
_EXAMPLE_VALUE = re.compile(r"(?i)example|placeholder|dummy|changeme|your[_-]|xxxx|1234567890")
_CARD = re.compile(
    r"(?<![\w.-])(?:\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?|\d{4}(?:\.\d{4}){3}|\d{4}[ -]\d{6}[ -]\d{4,5}|\d{13,19})(?![\w-])"
)
# Issuer prefixes (IIN ranges) and the lengths each network issues.
_CARD_ISSUERS = (
    (re.compile(r"^4"), (13, 16, 19)),  # Visa
    (re.compile(r"^(?:5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720))"), (16,)),  # Mastercard
    (re.compile(r"^3[47]"), (15,)),  # American Express
    (re.compile(r"^3(?:0[0-5]|[68])"), (14, 16, 19)),  # Diners Club
    (re.compile(r"^35(?:2[89]|[3-8]\d)"), (16, 17, 18, 19)),  # JCB
    (re.compile(r"^6(?:011|5|4[4-9]|2)"), (16, 17, 18, 19)),  # Discover, UnionPay
    (re.compile(r"^(?:5[06-9]|6\d)"), tuple(range(12, 20))),  # Maestro, RuPay (60, 65)
    (re.compile(r"^220[0-4]"), (16, 17, 18, 19)),  # Mir
    (re.compile(r"^(?:81|82|508)"), (16,)),  # RuPay
)
# Numbers named as something else just before them: not a card, not an SSN.
_NAMED_OTHERWISE = re.compile(
    r"(?i)\b(?:imei|iban|serial|s/n|tracking|order|invoice|account|acct|routing|aba|gift ?card|ticket|ref(?:erence)?|isbn|ean|upc|sku|part|catalog|catalogue|model|item)"
    r"\s*(?:(?:no\.?|number|num|id|code)\s*)?(?:[:#=]|is|was)?\s*$"
)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
_SSN = re.compile(r"(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-])")
_SSN_CONTEXT = re.compile(
    r"(?i)(?<![a-z])(?:ssn|social security(?: number| no\.?| #)?)\b\D{0,30}?\b((?!000|666|9\d\d)\d{3}[ -]?(?!00)\d{2}[ -]?(?!0000)\d{4})\b"
)
_EMAIL = re.compile(r"\b[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}\b")
_PHONE = re.compile(
    r"(?<![\w+-])(?<!\d )(?:"
    r"\+\d{1,3}(?:[ .-]?\(?\d{1,5}\)?){2,5}"  # international
    r"|(?:1[ .-])?(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4}"  # North American
    r"|0\d{2,4}[ ]\d{3,4}[ ]?\d{3,4}"  # national trunk prefix (UK, EU)
    r")(?![\w-])(?! \d)"
)
_PHONE_CONTEXT = re.compile(
    r"(?i)\b(?:call|ring|phone|mobile|cell|tel|text|sms|whatsapp)\b\D{0,25}?\b(\d{10,11})\b"
)
_NOT_A_PHONE = re.compile(
    r"(?i)\b(?:part|model|serial|order|invoice|ticket|no\.|sku|id)\s*[#:]?\s*$"
)


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _matched_group(m: re.Match[str]) -> int | str:
    """The name (or number) of the one alternative group that matched."""
    named = [name for name, value in m.groupdict().items() if value is not None]
    if named:
        return named[0]
    return next(i for i, value in enumerate(m.groups(), 1) if value is not None)


def _named_otherwise(text: str, start: int) -> bool:
    """Whether the number at ``start`` is named as something else (an IMEI, an order, ...)."""
    return _NAMED_OTHERWISE.search(text[max(0, start - 40) : start]) is not None


def _issued(digits: str) -> bool:
    """Whether a card network issues numbers with this prefix and length."""
    return any(prefix.match(digits) and len(digits) in lengths for prefix, lengths in _CARD_ISSUERS)


def shannon_entropy(token: str) -> float:
    counts = Counter(token)
    return -sum(c / len(token) * math.log2(c / len(token)) for c in counts.values())


def _looks_random(token: str) -> bool:
    has_digit = any(c.isdigit() for c in token)
    has_alpha = any(c.isalpha() for c in token)
    return has_digit and has_alpha and shannon_entropy(token) >= 3.3 and not _UUID.match(token)


def _looks_like_password(value: str, quoted: bool) -> bool:
    bare = value.strip("\"'“”‘’.,;:")
    if len(bare) < 4 or bare.lower() in _NOT_A_PASSWORD or _NOT_A_VALUE.match(bare):
        return False
    if bare.isdigit():
        return 4 <= len(bare) <= 8
    if quoted:
        return True
    return any(not c.isalpha() for c in bare) or (
        any(c.isupper() for c in bare[1:]) and any(c.islower() for c in bare)
    )


def _password_after(text: str, keyword: re.Match[str]) -> tuple[int, int] | None:
    """The span of the password value within a few words after ``keyword``, if any.

    Right after the keyword a value needs no separator ("password raspberry-Nova7"); after
    other words it does ("password for the VPN is ..."); a PIN is digits.
    """
    position, skipped = keyword.end(), 0
    pin = keyword.group(0).lower() == "pin"
    while skipped < 7:
        m = _PASSWORD_VALUE.match(text, position)
        if m is not None and (skipped == 0 or m.group("sep")):
            quoted = m.group("quoted") is not None
            group = "quoted" if quoted else "bare"
            value = m.group(group)
            if (not pin or value.isdigit()) and _looks_like_password(value, quoted=quoted):
                return m.start(group), m.end(group)
        filler = _FILLER_WORD.match(text, position)
        if filler is None or filler.group(0).strip().lower() in _ABOUT_PASSWORDS:
            return None
        position, skipped = filler.end(), skipped + 1
    return None


# Linear scanning. A backtracking regex that fails at a start after reading a long stretch
# reads it again from the next start: "user.user.user..." costs O(n) per "user", O(n^2) in
# all. The drivers below give what ``pattern.finditer(text)`` gives, in the same order and
# with the same groups (the pattern itself makes every match), but do not try a start whose
# outcome is already known to be a failure.


class _Runs:
    """The matches of a pattern in a text (the maximal runs of a character class, say), found
    once, looked up by bisection."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for m in pattern.finditer(text):
            self._starts.append(m.start())
            self._ends.append(m.end())

    def end(self, position: int) -> int | None:
        """Where the match that holds ``position`` ends (None outside every match)."""
        i = bisect_right(self._starts, position) - 1
        return self._ends[i] if i >= 0 and position < self._ends[i] else None

    def ends_from(self, first: int, last: int) -> list[int]:
        """The ends of the runs that hold a position in ``first..last``, in order."""
        i = bisect_right(self._starts, first) - 1
        if i < 0 or self._ends[i] <= first:
            i += 1
        ends = []
        while i < len(self._starts) and self._starts[i] <= last:
            ends.append(self._ends[i])
            i += 1
        return ends


def _deciding(
    pattern: re.Pattern[str],
    text: str,
    starts: Iterable[re.Match[str]],
    deciders: Callable[[re.Match[str]], tuple[Hashable, ...]],
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that can only match where one of ``starts``
    (a keyword) begins. ``deciders(start)`` names what decides the outcome there (the end of
    the run the pattern reads to, say), chosen so that a name that failed at an earlier start
    fails at this one too: a start whose every name has failed is not tried. A start with no
    names always is."""
    position = 0
    failed: set[Hashable] = set()
    for start in starts:
        if start.start() < position:
            continue
        keys = deciders(start)
        if keys and failed.issuperset(keys):
            continue
        m = pattern.match(text, start.start())
        if m is None:
            failed.update(keys)
        else:
            yield m
            position = m.end()


def _login_pairs(text: str) -> Iterator[re.Match[str]]:
    r"""``_LOGIN_PAIR.finditer(text)``. After the keyword, ``[^/\n]{0,40}?`` reaches each run
    of ``[\w.@-]`` in the next 40 characters (before a '/' or a line break); the run is read
    to its end, and what follows that end decides."""
    runs: _Runs | None = None

    def deciders(keyword: re.Match[str]) -> tuple[Hashable, ...]:
        nonlocal runs
        end = keyword.end()
        gap = text[end : end + 41]
        stops = [i for i in (gap.find("/"), gap.find("\n")) if i >= 0]
        last = end + min(40, min(stops, default=len(gap)) - 1)
        if runs is None:
            runs = _Runs(_LOGIN_NAME_RUN, text)
        return tuple(runs.ends_from(end, last))

    return _deciding(_LOGIN_PAIR, text, _LOGIN_WORD.finditer(text), deciders)


def _user_passes(text: str) -> Iterator[re.Match[str]]:
    """``_USER_PASS.finditer(text)``. The user name starts after the spaces (and a ':' or
    '=' and its spaces), or at the ':' or '='; it is read to the end of its non-space run,
    and what follows that end decides."""
    runs: _Runs | None = None

    def deciders(keyword: re.Match[str]) -> tuple[Hashable, ...]:
        nonlocal runs
        spaces = _SPACES.match(text, keyword.end())
        assert spaces is not None
        name = spaces.end()
        if name == len(text):
            return ()
        names = []
        if text[name] in ":=":
            after = _SPACES.match(text, name + 1)
            assert after is not None
            if after.end() < len(text):
                names.append(after.end())
        names.append(name)
        if runs is None:
            runs = _Runs(_NON_SPACE_RUN, text)
        return tuple(runs.end(n) for n in names)

    return _deciding(_USER_PASS, text, _USER_WORD.finditer(text), deciders)


def _cli_passwords(text: str) -> Iterator[re.Match[str]]:
    """``_CLI_PASSWORD.finditer(text)``. A command whose value may come anywhere later on
    its line and is not there is not tried again further along the same line."""
    line_end = -1

    def deciders(command: re.Match[str]) -> tuple[Hashable, ...]:
        nonlocal line_end
        if command.lastgroup not in _CLI_LATER_ON_THE_LINE:
            return ()
        if command.end() > line_end:
            line_end = text.find("\n", command.end())
            if line_end < 0:
                line_end = len(text)
        # Failing after one command, the same command fails after any later one on the line.
        return ((command.lastgroup, line_end),)

    return _deciding(_CLI_PASSWORD, text, _CLI_COMMAND.finditer(text), deciders)


def _anchored(
    pattern: re.Pattern[str],
    text: str,
    anchor: str,
    after: re.Pattern[str],
    run: frozenset[str],
    first: re.Pattern[str],
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern made of a run of ``run`` characters that
    starts where ``first`` matches, then ``anchor`` right after the run, then ``after``
    (which begins with the anchor). Whether ``after`` matches at an anchor decides for every
    start in the run before it, and the match starts at the first such start."""
    position = 0
    at = text.find(anchor)
    while at >= 0:
        if at >= position and after.match(text, at):
            start = at
            while start > position and text[start - 1] in run:
                start -= 1
            head = first.search(text, start, at)
            if head is not None and head.start() < at:
                m = pattern.match(text, head.start())
                if m is not None:
                    yield m
                    position = m.end()
        at = text.find(anchor, at + 1)


_EMAIL_LOCAL_CHARS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-"
)
_EMAIL_DOMAIN = re.compile(r"@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}\b")
_WORD_BOUNDARY = re.compile(r"\b")


def _emails(text: str) -> Iterator[re.Match[str]]:
    return _anchored(_EMAIL, text, "@", _EMAIL_DOMAIN, _EMAIL_LOCAL_CHARS, _WORD_BOUNDARY)


def _url_credentials(text: str) -> Iterator[re.Match[str]]:
    return _anchored(
        _URL_CREDENTIALS, text, "://", _URL_AFTER_SCHEME, _URL_SCHEME_CHARS, _URL_SCHEME_START
    )


class PiiDetector:
    """Finds PII and secrets in text."""

    def prepare(self) -> None:
        """Load detect-secrets' detectors now rather than on the first store."""
        known_tokens_ready()

    def detect(self, text: str) -> list[PiiFinding]:
        return _drop_overlaps(list(self._scan(text)))

    def _scan(self, text: str) -> Iterator[PiiFinding]:
        for m in _PRIVATE_KEY.finditer(text):
            yield PiiFinding("private_key", m.start(), m.end())
        for start, end in sorted(known_tokens(text)):
            yield PiiFinding("api_key", start, end)
        yield from self._passwords(text)
        for m in _TOKEN_FLAG.finditer(text):
            group = _matched_group(m)
            if not _EXAMPLE_VALUE.search(m.group(group)):
                yield PiiFinding("api_key", m.start(group), m.end(group))
        for m in _ASSIGNED_SECRET.finditer(text):
            group = _matched_group(m)
            value = m.group(group)
            if (
                not _NOT_A_VALUE.match(value)
                and not _EXAMPLE_VALUE.search(value)
                and shannon_entropy(value) >= 3.0
            ):
                yield PiiFinding("api_key", m.start(group), m.end(group))
        for m in _KEY_CONTEXT.finditer(text):
            value = m.group(1).rstrip(".")
            if (
                _looks_random(value)
                and not value.startswith("/")
                and not _NOT_A_KEY.search(text[max(0, m.start() - 16) : m.end()])
                and not _EXAMPLE_VALUE.search(value)
            ):
                yield PiiFinding("api_key", m.start(1), m.end(1) - m.group(1).endswith("."))
        ibans = _Runs(_IBAN, text)  # IBANs do not overlap: bisection, not a scan per card
        for m in _CARD.finditer(text):
            digits = re.sub(r"\D", "", m.group())
            if (
                ibans.end(m.start()) is None
                and _issued(digits)
                and luhn_valid(digits)
                and not _named_otherwise(text, m.start())
            ):
                yield PiiFinding("credit_card", m.start(), m.end())
        for m in _SSN.finditer(text):
            if not _named_otherwise(text, m.start()):
                yield PiiFinding("ssn", m.start(), m.end())
        for m in _SSN_CONTEXT.finditer(text):
            yield PiiFinding("ssn", m.start(1), m.end(1))
        for m in _emails(text):
            yield PiiFinding("email", m.start(), m.end())
        yield from self._phones(text)

    @staticmethod
    def _passwords(text: str) -> Iterator[PiiFinding]:
        for m in _PASSWORD_WORD.finditer(text):
            found = _password_after(text, m)
            if found is not None:
                yield PiiFinding("password", *found)
        for m in _PASSWORD_NAME.finditer(text):
            group = _matched_group(m)
            if _looks_like_password(m.group(group), quoted=group != "bare"):
                yield PiiFinding("password", m.start(group), m.end(group))
        for matches in (_login_pairs, _user_passes, _url_credentials, _cli_passwords):
            for m in matches(text):
                group = _matched_group(m)
                if _looks_like_password(m.group(group), quoted=False):
                    yield PiiFinding("password", m.start(group), m.end(group))

    @staticmethod
    def _phones(text: str) -> Iterator[PiiFinding]:
        for m in _PHONE.finditer(text):
            digits = sum(c.isdigit() for c in m.group())
            if 8 <= digits <= 15 and not _NOT_A_PHONE.search(
                text[max(0, m.start() - 12) : m.start()]
            ):
                yield PiiFinding("phone", m.start(), m.end())
        for m in _PHONE_CONTEXT.finditer(text):
            yield PiiFinding("phone", m.start(1), m.end(1))


def _drop_overlaps(findings: list[PiiFinding]) -> list[PiiFinding]:
    """Keep the first-found (most specific) finding where two overlap.

    The kept findings are disjoint and non-empty, so sorted by start they are sorted by end
    too: only the last one that starts before a new finding ends can overlap it.
    """
    kept: list[PiiFinding] = []
    starts: list[int] = []
    for finding in findings:
        i = bisect_left(starts, finding.end)
        if i and kept[i - 1].end > finding.start:
            continue
        kept.insert(i, finding)
        starts.insert(i, finding.start)
    return kept


def redact(text: str, findings: Iterable[PiiFinding]) -> str:
    """Replace each finding with ``[REDACTED:<type>]``."""
    out, cursor = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        out.append(text[cursor : finding.start])
        out.append(f"[REDACTED:{finding.type}]")
        cursor = finding.end
    out.append(text[cursor:])
    return "".join(out)
