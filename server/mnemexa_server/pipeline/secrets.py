"""Credentials with a known shape: detect-secrets' detectors, plus the prefixes it lacks.

detect-secrets (Yelp) keeps a maintained list of token formats (AWS, GitHub, GitLab, Slack,
Stripe, SendGrid, Twilio, JWT, OpenAI, npm, PyPI, Discord, Telegram, Mailchimp, Square,
Artifactory, Azure, IBM). Its keyword and high-entropy detectors are written for source files,
not prose, so they are not used; ``pii.py`` has its own context rule for unprefixed tokens.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from functools import lru_cache
from typing import Any

# Prefixed formats detect-secrets does not know (or knows only in a config-file context).
_EXTRA_PREFIXES = re.compile(
    r"(?<![\w-])(?:"
    r"sk-(?:proj-|ant-(?:api\d\d-)?|svcacct-)?[A-Za-z0-9_\-]{20,}"  # OpenAI / Anthropic
    r"|(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}"  # Stripe secret and restricted keys (pk_ is public)
    r"|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}"
    r"|glpat-[A-Za-z0-9_\-]{20,}"
    r"|xox[abprse]-[A-Za-z0-9\-]{10,}"
    r"|AIza[0-9A-Za-z_\-]{35}"
    r"|hf_[A-Za-z0-9]{30,}"
    r"|npm_[A-Za-z0-9]{36}"
    r"|SG\.[A-Za-z0-9_\-]{16,}\.[A-Za-z0-9_\-]{16,}"
    r"|whsec_[A-Za-z0-9+/=]{24,}"
    r"|pat[A-Za-z0-9]{14}\.[a-f0-9]{64}"  # Airtable
    r"|SK[0-9a-f]{32}"  # Twilio API key (an account SID, AC..., identifies; it is not a secret)
    r"|1//0[A-Za-z0-9_\-]{30,}"  # Google OAuth refresh token
    r"|ya29\.[A-Za-z0-9_\-]{20,}"  # Google OAuth access token
    r"|do[opr]_v1_[a-f0-9]{64}"  # DigitalOcean
    r"|shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}"  # Shopify
    r"|lin_(?:api|oauth)_[A-Za-z0-9]{32,}"  # Linear
    r"|ntn_[A-Za-z0-9]{40,}|secret_[A-Za-z0-9]{43}"  # Notion
    r"|sbp_[a-f0-9]{40}"  # Supabase
    r"|sntr[ysu]_[A-Za-z0-9_=+/]{30,}"  # Sentry
    r"|gl(?:c|sa)_[A-Za-z0-9_+/=]{32,}"  # Grafana
    r"|ATATT3[A-Za-z0-9_\-=]{30,}"  # Atlassian
    r"|PMAK-[a-f0-9]{24}-[a-f0-9]{34}"  # Postman
    r"|NRAK-[A-Z0-9]{27}"  # New Relic
    r"|dp\.(?:pt|st|sa|ct)\.[A-Za-z0-9]{40,}"  # Doppler
    r"|figd_[A-Za-z0-9_\-]{30,}"  # Figma
    r"|(?:gsk|r8|fo1)_[A-Za-z0-9_\-]{30,}|(?:pplx|tvly)-[A-Za-z0-9]{30,}"  # Groq, Replicate, Fly, Perplexity, Tavily
    r"|key-[a-f0-9]{32}"  # Mailgun
    r"|xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}"  # Brevo
    r"|HRKU-[A-Za-z0-9_\-]{40,}"  # Heroku
    r"|APP_USR-\d{10,}-\d{6}-[a-f0-9]{32}-\d+"  # Mercado Pago
    r"|AAAA[A-Za-z0-9_\-]{7}:APA91b[A-Za-z0-9_\-]{100,}"  # Firebase Cloud Messaging server key
    r"|mnx_ws_[A-Za-z0-9_\-]{16,}"  # Mnemexa
    r")"
)
_PLACEHOLDER = re.compile(r"(?i)example|x{6,}|\*{4,}|0{8,}|your[_-]?(?:api[_-]?)?key|<[^>]*>")


# Three of detect-secrets' patterns take more than linear time on some texts; the detectors
# below are theirs with that fixed and the same findings.
#
# IBM Cloud IAM: " *(?:=|:|:=|=>| +|::) *" tries every split of a run of spaces in three:
# cubic, 4 s for a "key" and 1,000 spaces. " +|(?: *)(?:=>?|:[:=]?) *" is the same set of
# strings, and the value after it starts at the first character that can start one (spaces,
# '=', ':', '>' and quotes cannot), so every match is the same.
_IBM_SEPARATOR = "(?: *)(?:=|:|:=|=>| +|::)(?: *)"
_IBM_SEPARATOR_LINEAR = "(?: +|(?: *)(?:=>?|:[:=]?) *)"


def _linear_ibm(pattern: re.Pattern[str]) -> re.Pattern[str]:
    if _IBM_SEPARATOR not in pattern.pattern:  # a newer detect-secrets: use its pattern
        return pattern
    return re.compile(pattern.pattern.replace(_IBM_SEPARATOR, _IBM_SEPARATOR_LINEAR), pattern.flags)


# JWT ("eyJeyJeyJ...") and OpenAI ("sk-sk-sk-..."): each prefix reads the run of token
# characters that holds it to its end before the pattern can fail, so a run holding many
# prefixes costs O(n) per prefix. Failing at one prefix, the pattern fails at every later
# prefix in the same run: those are not tried.
_JWT = r"eyJ[A-Za-z0-9-_=]+\.[A-Za-z0-9-_=]+\.?[A-Za-z0-9-_.+/=]*?"
_OPENAI = r"sk-[A-Za-z0-9-_]*[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}"
_RUNS = {
    _JWT: ("eyJ", re.compile(r"[A-Za-z0-9-_=]+")),
    _OPENAI: ("sk-", re.compile(r"[A-Za-z0-9-_]+")),
}


def _findall_by_run(pattern: re.Pattern[str], text: str) -> Iterator[str]:
    """``pattern.findall(text)`` for the JWT and OpenAI patterns (no groups)."""
    prefix, run = _RUNS[pattern.pattern]
    position = 0
    at = text.find(prefix)
    while at >= 0:
        m = pattern.match(text, at)
        if m is not None:
            yield m.group()
            position = m.end()
        else:
            held = run.match(text, at)
            position = held.end() if held is not None else at + 1
        at = text.find(prefix, max(position, at + 1))


def _analyze(detector: Any, text: str) -> Iterator[str]:
    """``RegexBasedDetector.analyze_string``, JWT and OpenAI patterns read by run."""
    for pattern in detector.denylist:
        if pattern.pattern in _RUNS and pattern.flags == re.UNICODE:
            yield from _findall_by_run(pattern, text)
        else:
            for match in pattern.findall(text):
                if isinstance(match, tuple):
                    yield from filter(bool, match)
                else:
                    yield match


@lru_cache(maxsize=1)
def _detectors() -> tuple[Any, ...]:
    from detect_secrets.plugins.artifactory import ArtifactoryDetector
    from detect_secrets.plugins.aws import AWSKeyDetector
    from detect_secrets.plugins.azure_storage_key import AzureStorageKeyDetector
    from detect_secrets.plugins.discord import DiscordBotTokenDetector
    from detect_secrets.plugins.github_token import GitHubTokenDetector
    from detect_secrets.plugins.gitlab_token import GitLabTokenDetector
    from detect_secrets.plugins.ibm_cloud_iam import IbmCloudIamDetector
    from detect_secrets.plugins.jwt import JwtTokenDetector
    from detect_secrets.plugins.mailchimp import MailchimpDetector
    from detect_secrets.plugins.openai import OpenAIDetector
    from detect_secrets.plugins.pypi_token import PypiTokenDetector
    from detect_secrets.plugins.sendgrid import SendGridDetector
    from detect_secrets.plugins.slack import SlackDetector
    from detect_secrets.plugins.square_oauth import SquareOAuthDetector
    from detect_secrets.plugins.stripe import StripeDetector
    from detect_secrets.plugins.telegram_token import TelegramBotTokenDetector
    from detect_secrets.plugins.twilio import TwilioKeyDetector

    class LinearIbmCloudIamDetector(IbmCloudIamDetector):
        denylist = [_linear_ibm(p) for p in IbmCloudIamDetector.denylist]  # noqa: RUF012

    class LinearJwtTokenDetector(JwtTokenDetector):
        def analyze_string(self, string: str) -> Generator[str, None, None]:
            yield from filter(self.is_formally_valid, _analyze(self, string))

    class LinearOpenAIDetector(OpenAIDetector):
        def analyze_string(self, string: str) -> Generator[str, None, None]:
            yield from _analyze(self, string)

    return (
        ArtifactoryDetector(),
        AWSKeyDetector(),
        AzureStorageKeyDetector(),
        DiscordBotTokenDetector(),
        GitHubTokenDetector(),
        GitLabTokenDetector(),
        LinearIbmCloudIamDetector(),
        LinearJwtTokenDetector(),
        MailchimpDetector(),
        LinearOpenAIDetector(),
        PypiTokenDetector(),
        SendGridDetector(),
        SlackDetector(),
        SquareOAuthDetector(),
        StripeDetector(),
        TelegramBotTokenDetector(),
        TwilioKeyDetector(),
    )


# Formats the detectors match that identify an account rather than authenticate it.
_IDENTIFIER = re.compile(r"^AC[0-9a-fA-F]{32}$")  # Twilio account SID


def known_tokens_ready() -> None:
    """Import and build the detectors (about 0.2 s, once per process)."""
    _detectors()


def known_tokens(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every token with a known credential format, placeholders excluded."""
    values = {m.group(0) for m in _EXTRA_PREFIXES.finditer(text)}
    for detector in _detectors():
        values.update(v for v in detector.analyze_string(text) if len(v) >= 16)
    yield from _occurrences(
        {
            value
            for value in values
            if not _PLACEHOLDER.search(value)
            and len(set(value)) >= 8
            and not _IDENTIFIER.match(value)
        },
        text,
    )


# A scan of the text for each value costs O(n) a value, O(n^2) for a text made of tokens;
# past this many values, one pass over the text finds them all.
_SCAN_EACH_UP_TO = 256


def _occurrences(values: set[str], text: str) -> Iterator[tuple[int, int]]:
    """For each value, the spans ``re.finditer(re.escape(value), text)`` gives (in no order)."""
    if len(values) <= _SCAN_EACH_UP_TO:
        for value in values:
            for m in re.finditer(re.escape(value), text):
                yield m.start(), m.end()
        return
    width = min(16, *(len(value) for value in values))
    lengths: dict[str, set[int]] = {}
    for value in values:
        lengths.setdefault(value[:width], set()).add(len(value))
    free_from = dict.fromkeys(values, 0)  # occurrences of one value do not overlap
    never = len(text) + 1
    for start in [i for i in range(len(text) - width + 1) if text[i : i + width] in lengths]:
        for length in lengths[text[start : start + width]]:
            value = text[start : start + length]
            if len(value) == length and free_from.get(value, never) <= start:
                free_from[value] = start + length
                yield start, start + length
