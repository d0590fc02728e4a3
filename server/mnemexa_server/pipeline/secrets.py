"""Credentials with a known shape: detect-secrets' detectors, plus the prefixes it lacks.

detect-secrets (Yelp) keeps a maintained list of token formats (AWS, GitHub, GitLab, Slack,
Stripe, SendGrid, Twilio, JWT, OpenAI, npm, PyPI, Discord, Telegram, Mailchimp, Square,
Artifactory, Azure, IBM). Its keyword and high-entropy detectors are written for source files,
not prose, so they are not used; ``pii.py`` has its own context rule for unprefixed tokens.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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

    return (
        ArtifactoryDetector(),
        AWSKeyDetector(),
        AzureStorageKeyDetector(),
        DiscordBotTokenDetector(),
        GitHubTokenDetector(),
        GitLabTokenDetector(),
        IbmCloudIamDetector(),
        JwtTokenDetector(),
        MailchimpDetector(),
        OpenAIDetector(),
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
    for value in values:
        if _PLACEHOLDER.search(value) or len(set(value)) < 8 or _IDENTIFIER.match(value):
            continue
        for m in re.finditer(re.escape(value), text):
            yield m.start(), m.end()
