"""Categories: multi-label tags from a fixed taxonomy.

Each tag has keywords; a memory gets every tag whose keywords it mentions (at most four, the
most-matched first). The taxonomy:

``preferences`` ``project_management`` ``team_workflow`` ``engineering`` ``deadlines``
``decisions`` ``people`` ``contacts`` ``customer`` ``sales`` ``finance`` ``legal``
``security`` ``product`` ``meetings`` ``communication`` ``travel`` ``personal`` ``health``
``support`` ``infrastructure``
"""

from __future__ import annotations

import re

TAXONOMY: dict[str, list[str]] = {
    "preferences": [
        "prefer",
        "prefers",
        "preference",
        "likes",
        "dislikes",
        "favorite",
        "favourite",
        "wants",
        "rather",
    ],
    "project_management": [
        "standup",
        "standups",
        "sprint",
        "milestone",
        "roadmap",
        "backlog",
        "kickoff",
        "deliverable",
        "timeline",
        "scope",
        "jira",
        "ticket",
        "planning",
        "retro",
    ],
    "team_workflow": [
        "standup",
        "standups",
        "async",
        "merging",
        "merge",
        "pull request",
        "code review",
        "review",
        "tests before",
        "passing tests",
        "workflow",
        "process",
        "handoff",
        "on-call",
        "pairing",
    ],
    "engineering": [
        "code",
        "api",
        "bug",
        "deploy",
        "repository",
        "repo",
        "function",
        "python",
        "typescript",
        "database",
        "refactor",
        "commit",
        "branch",
        "ci",
        "build",
        "tests",
    ],
    "deadlines": [
        "deadline",
        "due",
        "by friday",
        "by monday",
        "end of q",
        "launch date",
        "eod",
        "cutoff",
    ],
    "decisions": ["decided", "decision", "approved", "chose", "going with", "agreed", "signed off"],
    "people": [
        "manager",
        "ceo",
        "cto",
        "engineer",
        "designer",
        "colleague",
        "teammate",
        "hired",
        "joined",
    ],
    "contacts": ["email", "phone", "contact", "reach", "slack handle", "@"],
    "customer": ["client", "customer", "account", "user feedback", "churn"],
    "sales": [
        "deal",
        "pipeline",
        "prospect",
        "quote",
        "renewal",
        "upsell",
        "contract value",
        "pricing",
    ],
    "finance": [
        "budget",
        "invoice",
        "payment",
        "cost",
        "revenue",
        "$",
        "€",
        "£",
        "expense",
        "billing",
    ],
    "legal": ["legal", "contract", "nda", "compliance", "gdpr", "license", "terms"],
    "security": [
        "security",
        "password",
        "credential",
        "vulnerability",
        "breach",
        "encryption",
        "sso",
        "2fa",
        "access",
    ],
    "product": ["feature", "product", "release", "launch", "ux", "design", "spec", "requirement"],
    "meetings": [
        "meeting",
        "call",
        "sync",
        "standup",
        "standups",
        "1:1",
        "agenda",
        "calendar",
        "demo",
    ],
    "communication": [
        "email",
        "slack",
        "message",
        "notify",
        "communication",
        "announce",
        "update them",
        "channel",
    ],
    "travel": ["flight", "hotel", "travel", "trip", "airport", "visa", "vacation", "conference"],
    "personal": [
        "birthday",
        "family",
        "kids",
        "hobby",
        "allergic",
        "vegetarian",
        "anniversary",
        "pet",
    ],
    "health": ["allergic", "allergy", "sick", "doctor", "medical", "health", "diet"],
    "support": ["support", "ticket", "escalation", "incident", "outage", "sla", "complaint"],
    "infrastructure": [
        "server",
        "kubernetes",
        "aws",
        "gcp",
        "azure",
        "docker",
        "database",
        "latency",
        "uptime",
        "cluster",
        "terraform",
    ],
}
MAX_TAGS = 4


def _pattern(keyword: str) -> re.Pattern[str]:
    if keyword[0].isalnum():
        return re.compile(rf"(?i)\b{re.escape(keyword)}\b")
    return re.compile(re.escape(keyword))


_PATTERNS = {tag: [_pattern(k) for k in words] for tag, words in TAXONOMY.items()}


class CategoryTagger:
    def tag(self, text: str) -> list[str]:
        hits = {
            tag: sum(1 for p in patterns if p.search(text)) for tag, patterns in _PATTERNS.items()
        }
        ranked = sorted(
            (t for t, n in hits.items() if n), key=lambda t: (-hits[t], list(TAXONOMY).index(t))
        )
        return ranked[:MAX_TAGS]
