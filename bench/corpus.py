"""Synthetic but varied agent-memory sentences, reproducible from a seed."""

from __future__ import annotations

import random

PEOPLE = [
    "Priya",
    "Omar",
    "Dana",
    "Ravi",
    "Maria",
    "Tom",
    "Chen",
    "Aisha",
    "Lukas",
    "Sofia",
    "Kenji",
    "Fatima",
    "Diego",
    "Nora",
    "Ivan",
    "Grace",
]
CUSTOMERS = [
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
    "Hooli",
    "Vandelay",
    "Soylent",
    "Tyrell",
    "Cyberdyne",
    "Wonka",
]
SYSTEMS = [
    "billing service",
    "search cluster",
    "mobile app",
    "data warehouse",
    "auth gateway",
    "payments API",
    "CI pipeline",
    "staging environment",
    "analytics dashboard",
    "notification service",
    "CRM sync",
    "feature flag service",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
TEMPLATES = [
    "{person} prefers {channel} updates about the {system}.",
    "{customer} wants the {system} migrated before {day}.",
    "The {system} is owned by {person} and reviewed every {day}.",
    "{person} decided to move the {system} to {cloud}.",
    "{customer} renewed their contract for {n} seats at ${k}k per year.",
    "Incidents on the {system} are escalated to {person} within {n} minutes.",
    "{person} is allergic to {food}; keep it off the team lunch order.",
    "The {system} dashboard shows p95 latency of {n} ms after the {day} release.",
    "{customer} asked for SSO and audit logs in the {system}.",
    "Standups for the {system} team happen on {day} at {hour}am.",
    "{person} will present the {system} roadmap to {customer} next quarter.",
    "Never deploy the {system} on {day} afternoons, says {person}.",
]
CHANNELS = ["Slack", "email", "weekly written", "async video", "phone"]
CLOUDS = ["AWS", "GCP", "Azure", "on-prem Kubernetes"]
FOODS = ["peanuts", "shellfish", "gluten", "dairy", "sesame"]


def sentences(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out, seen = [], set()
    while len(out) < count:
        text = rng.choice(TEMPLATES).format(
            person=rng.choice(PEOPLE),
            customer=rng.choice(CUSTOMERS),
            system=rng.choice(SYSTEMS),
            day=rng.choice(DAYS),
            channel=rng.choice(CHANNELS),
            cloud=rng.choice(CLOUDS),
            food=rng.choice(FOODS),
            n=rng.randint(2, 900),
            k=rng.randint(5, 400),
            hour=rng.randint(8, 11),
        )
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out


SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]


def unique_texts(count: int, seed: int = 11, words: int = 10) -> list[str]:
    """Texts of made-up words that share almost nothing: every store of one is ``stored_new``.

    Used where two clients must cause identical server work per call: no text is a near
    duplicate of another, so dedup never merges or folds any of them.
    """
    rng = random.Random(seed)
    out: list[str] = []
    for i in range(count):
        body = " ".join(
            "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(words)
        )
        out.append(f"Note {i}: {body}.")
    return out
