"""Categories: multi-label tags from a fixed taxonomy, by embedding prototypes plus keywords.

Each tag has a definition, a few example memories (its prototypes) and keywords. A memory's
score for a tag is its best cosine similarity to the tag's prototypes, plus ``KEYWORD_BONUS`` when
one of the tag's keywords appears. Of its ``MAX_TAGS`` best tags it gets each that scores at
least ``THRESHOLD``, or within ``NEAR_BEST`` of the best one (and at least ``THRESHOLD - 0.1``);
with none of those, its best tag. The keywords and constants were tuned on the ``tune`` half of
``tests/data/categories.jsonl``; the ``test`` half measures them on text they were not fit to.

The taxonomy (20 tags) is ``TAXONOMY`` below; each definition says when a tag applies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

import numpy as np

from ..embedding.base import Embedder


@dataclass(frozen=True)
class Tag:
    name: str
    definition: str
    keywords: tuple[str, ...]
    prototypes: tuple[str, ...]


TAXONOMY: tuple[Tag, ...] = (
    Tag(
        "preferences",
        "what a person or client likes, dislikes, wants, or how they want things done",
        ("doesn't like", "does not like", "always show", "always use", "asked me to always", "never wants", "prefer", "prefers", "preferred", "preference", "likes", "dislikes", "favorite", "favourite", "would rather", "hates", "loves", "can't stand"),
        (
            "Sam prefers short bullet-point summaries over long reports.",
            "The client dislikes being contacted before 10am.",
            "Her favourite tea is jasmine green tea.",
            "Jordan would rather pair program than do async reviews.",
            "He wants all invoices sent as PDF, not Excel.",
        ),
    ),
    Tag(
        "project_management",
        "plans, milestones, scope, status, priorities, task ownership, timelines, sprint planning, project cadence",
        ("status is", "on track", "owner", "needs an owner", "action item", "plan", "q3 plan", "q4 plan", "project", "runs ten weeks", "deferred", "scope cut", "milestone", "milestones", "roadmap", "backlog", "sprint", "sprints", "kickoff", "deliverable", "deliverables", "timeline", "scope", "priority", "priorities", "epic", "status update", "on track", "behind schedule", "standup", "standups", "project plan", "phase"),
        (
            "The migration project is two weeks behind schedule; phase 2 slips to March.",
            "Sprint planning moved the payments epic to the top of the backlog.",
            "Milestone 3 of the mobile app is the offline sync feature.",
            "Lena owns the data export task and will report status on Monday.",
            "We hold standups twice a week for the onboarding project.",
            "Scope for v2 was cut: no SSO and no audit log.",
        ),
    ),
    Tag(
        "team_workflow",
        "how the team works together: code review and merge rules, branching, testing gates, standup format, on-call rotations, handoffs, rituals, conventions",
        ("trunk-based", "feature branches", "critiques", "convention", "team convention", "signs off on every", "design docs", "reviewers", "pair", "page people", "release candidate", "definition of done", "code review", "pull request", "pull requests", "merge", "merging", "merged", "branch", "branching", "approvals", "on-call", "rotation", "handoff", "pairing", "retro", "retrospective", "async standup", "async standups", "passing tests", "workflow", "conventions", "squash"),
        (
            "Every pull request needs two approvals before it can be merged to main.",
            "We squash commits and use conventional commit messages.",
            "The on-call rotation changes every Monday at noon.",
            "Standups are async in Slack: post yesterday, today and blockers.",
            "Tests must pass in CI before anything is merged.",
            "Handoffs between the EU and US teams happen in the shared doc at 5pm.",
        ),
    ),
    Tag(
        "engineering",
        "code, APIs, bugs, architecture, libraries, languages, repositories, tests as code",
        ("test", "tests", "flaky", "broke", "memory leak", "handler", "decorator", "refactored", "react", "strict mode", "integration tests", "models.py", "dependency", "dependencies", "monorepo", "websocket", "retry logic", "request ids", "sql", "cve", "lodash", "crash", "crashes", "code", "api", "bug", "function", "refactor", "repository", "repo", "library", "python", "typescript", "javascript", "rust", "golang", "java", "endpoint", "schema", "unit test", "stack trace", "exception", "null pointer", "regex", "sdk", "microservice", "module", "class"),
        (
            "The parse_invoice function fails on empty line items and raises a KeyError.",
            "The billing service is written in Go and exposes a gRPC API.",
            "We use SQLAlchemy 2.0 with async sessions in the backend repo.",
            "The bug in the date picker comes from a timezone conversion in utils.ts.",
            "Refactor the auth module to remove the circular import.",
        ),
    ),
    Tag(
        "infrastructure",
        "servers, cloud, deployment, databases as operated systems, networking, monitoring, CI/CD runners, capacity, uptime",
        ("cron", "kafka", "retention", "node", "uptime", "alerts", "pagerduty", "backups", "warehouse", "topic", "server", "servers", "kubernetes", "k8s", "aws", "gcp", "azure", "docker", "cluster", "terraform", "deploy", "deployment", "deployed", "load balancer", "dns", "cdn", "uptime", "latency", "monitoring", "grafana", "datadog", "prometheus", "ec2", "s3", "postgres", "redis", "replica", "staging", "production", "prod", "ci runners", "nginx", "vpc", "disk"),
        (
            "Production runs on three EKS clusters in eu-west-1 behind an ALB.",
            "The Postgres primary is at 80% disk; add a read replica before Black Friday.",
            "Deploys go through ArgoCD from the main branch to staging, then prod.",
            "Grafana alerts page the on-call engineer when p99 latency exceeds 500 ms.",
            "The CI runners are self-hosted on two bare-metal machines.",
        ),
    ),
    Tag(
        "deadlines",
        "due dates and time-bound commitments",
        ("must be finished by", "has to be submitted by", "have to be submitted", "by tomorrow", "within 48 hours", "has to ship by", "code freeze", "must be submitted by", "has to be approved by", "by september", "by march", "by april", "sunset", "deadline", "deadlines", "due", "due date", "by friday", "by monday", "by tuesday", "by wednesday", "by thursday", "by end of", "no later than", "cutoff", "cut-off", "eod", "must ship by", "must be done by", "expires"),
        (
            "The security questionnaire is due to Acme by Friday.",
            "Final designs must be delivered no later than March 3.",
            "Tax filing deadline for the German entity is July 31.",
            "The grant report has to be submitted by end of month.",
            "Code freeze for the release is Thursday at 5pm.",
        ),
    ),
    Tag(
        "decisions",
        "a choice that was made or approved",
        ("voted", "settled", "decided to", "we'll add", "will be fully", "decided", "decision", "agreed", "approved", "chose", "chosen", "went with", "going with", "signed off", "settled on", "we will use", "opted", "final call", "vetoed", "rejected the"),
        (
            "We decided to use Postgres instead of MongoDB for the new service.",
            "Leadership approved hiring two more support agents.",
            "The team agreed to drop IE11 support in the next release.",
            "After the review we went with Vendor B for payroll.",
            "Final call: the launch will be invite-only.",
        ),
    ),
    Tag(
        "people",
        "who someone is: roles, titles, reporting lines, ownership, joining or leaving, skills",
        ("understands", "the only one", "on point", "account manager", "controller", "director", "admin", "it admin", "career", "manager", "reports to", "ceo", "cto", "cfo", "vp", "head of", "lead", "engineer", "designer", "joined", "hired", "left the company", "new hire", "intern", "owner", "owns", "is responsible for", "works on", "team lead", "founder"),
        (
            "Priya is the new head of data and reports to the CTO.",
            "Marco joined the platform team last month as a senior engineer.",
            "Elena owns the billing service and knows the legacy code best.",
            "Tom left the company; his accounts go to Aisha.",
            "Kenji is the designer on the mobile app and speaks Japanese.",
        ),
    ),
    Tag(
        "contacts",
        "how to reach someone: emails, phone numbers, handles, addresses, the channel to reach a person",
        ("email", "e-mail", "phone", "mobile", "cell", "call him", "call her", "reach", "contact", "slack handle", "handle", "address", "whatsapp", "telegram", "linkedin", "@"),
        (
            "Maria's email is maria.lopez@northwind.example and her mobile is +34 600 123 456.",
            "The best way to reach the vendor's account rep is WhatsApp.",
            "Support contact at Globex: support@globex.example, phone 555-0142.",
            "Ping Raj on Slack as @raj.k; he ignores email.",
            "The office address is 221 Baker Street, London.",
        ),
    ),
    Tag(
        "customer",
        "a client or customer account: their situation, feedback, requests, satisfaction, churn",
        ("churned", "reference customer", "their integration", "business reviews", "requires all their data", "check-ins", "said our onboarding", "bug report from", "client", "clients", "customer", "customers", "account", "user feedback", "churn", "nps", "csat", "complained", "renewal risk", "onboarding"),
        (
            "Acme Corp is unhappy with report load times and may churn.",
            "The client asked for a weekly usage summary by email.",
            "Initech onboarded 40 users this week and loves the dashboard.",
            "Customer feedback: the export button is hard to find.",
            "Our biggest customer wants a dedicated support engineer.",
        ),
    ),
    Tag(
        "sales",
        "deals, prospects, pipeline, quotes, pricing offers, renewals, upsell, negotiations",
        ("opportunities", "opportunity", "inbound", "converted", "trial", "reseller", "margin", "procurement", "competitor", "sign the expansion", "expansion", "webinar", "questionnaire before they sign", "follow up", "deal", "deals", "prospect", "prospects", "pipeline", "quote", "quoted", "pricing", "discount", "renewal", "renew", "upsell", "negotiation", "proposal", "lead", "arr", "acv", "closed won", "closed lost", "rfp", "demo request", "seats"),
        (
            "Globex wants a 15% discount to renew for three years.",
            "The Initech deal is in legal review; expected close is December.",
            "We quoted $48k ARR for 200 seats to Umbrella.",
            "New inbound lead from a fintech in Berlin asking for a demo.",
            "Upsell opportunity: Hooli's marketing team wants the analytics add-on.",
        ),
    ),
    Tag(
        "finance",
        "budgets, invoices, payments, costs, spend, revenue, expenses, payroll",
        ("mrr", "subscriptions", "bill", "corporate card", "expense it", "folio", "salaries", "po numbers", "capped at $", "budget", "invoice", "invoices", "payment", "payments", "paid", "cost", "costs", "spend", "spending", "revenue", "expense", "expenses", "billing", "payroll", "reimburse", "reimbursement", "refund", "vat", "tax", "accounts payable", "cash"),
        (
            "The Q3 marketing budget is capped at $120k.",
            "Invoice 2291 from the cloud provider is overdue by 30 days.",
            "AWS spend went up 18% last month because of the new GPU nodes.",
            "Submit travel expenses through Expensify within 30 days.",
            "Payroll runs on the 25th of each month.",
        ),
    ),
    Tag(
        "legal",
        "contracts and their terms, NDAs, compliance regimes, licences, policy",
        ("agreement", "policy", "soc 2 type", "licence audit", "gpl", "ip assignment", "baa", "observation window", "data to stay", "legal", "contract", "contracts", "nda", "msa", "dpa", "sla terms", "compliance", "gdpr", "soc2", "soc 2", "hipaa", "iso 27001", "license", "licence", "licensing", "terms", "clause", "liability", "lawyer", "counsel", "regulation", "data residency", "indemnity"),
        (
            "The MSA with Acme caps our liability at 12 months of fees.",
            "Everyone must sign the NDA before the vendor demo.",
            "GDPR requires that EU customer data stays in the EU region.",
            "We cannot use AGPL libraries in the product because of licensing.",
            "The DPA needs a signature from their counsel before go-live.",
        ),
    ),
    Tag(
        "security",
        "access control, credentials handling, vulnerabilities, security incidents, SSO and 2FA, encryption, access audits",
        ("offboarding", "phishing", "read-only access", "kms", "security", "password", "passwords", "credential", "credentials", "secret", "secrets", "vulnerability", "cve", "breach", "phishing", "encryption", "encrypted", "sso", "2fa", "mfa", "access", "permissions", "vault", "penetration test", "pentest", "api key", "api keys", "token", "tokens", "least privilege"),
        (
            "All admin accounts must use hardware 2FA keys.",
            "API keys are stored in Vault and rotated every 90 days.",
            "A phishing email targeted the finance team; nobody clicked.",
            "The pentest found an IDOR in the invoices endpoint.",
            "Contractors get read-only access to production logs.",
        ),
    ),
    Tag(
        "product",
        "features, product requirements, UX and design, release contents, product roadmap items",
        ("prd", "usability", "redesign", "navigation", "layout", "page", "flag", "users want", "admins want", "interviews", "export button", "permissions page", "settings page", "widget", "sunset", "known issue", "feature", "features", "product", "release", "released", "launch", "ux", "ui", "design", "mockup", "mockups", "wireframe", "requirement", "requirements", "user story", "dark mode", "onboarding flow", "dashboard", "beta", "v2", "changelog"),
        (
            "Version 3.2 adds dark mode and CSV export.",
            "Users need to be able to bulk-edit tags from the list view.",
            "The new onboarding flow cuts signup to three steps.",
            "Design wants the pricing page to show annual prices first.",
            "The mobile beta will include offline mode but not push notifications.",
        ),
    ),
    Tag(
        "meetings",
        "specific meetings and calls: when, who, agenda, outcomes, scheduling",
        ("call", "lunch with", "skip-level", "full-day meeting", "update call", "syncs", "quarterly business reviews", "from the architecture call", "meeting", "meetings", "call with", "a call", "the call", "sync", "1:1", "one-on-one", "agenda", "calendar", "invite", "zoom", "google meet", "teams call", "rescheduled", "workshop", "offsite", "all-hands", "minutes"),
        (
            "The quarterly review meeting with the board is on the 14th at 3pm.",
            "My 1:1 with Dana moved to Thursday afternoons.",
            "Agenda for tomorrow's sync: hiring plan, budget, launch checklist.",
            "In the call with Globex they asked about SSO pricing.",
            "The kickoff call with the agency is on Zoom next Monday at 9:30.",
        ),
    ),
    Tag(
        "communication",
        "channels and norms of communicating: Slack vs email, response times, tone, announcements",
        ("messages", "announcements", "plain language", "status page", "customer-facing", "no jargon", "teams workspace", "rather than email", "slack", "email", "message", "messages", "channel", "announce", "announcement", "newsletter", "reply", "respond", "response time", "tone", "notify", "cc", "thread", "dm", "update them", "communicate", "communication"),
        (
            "Use the #incidents channel, not DMs, for anything customer-facing.",
            "The client expects replies within four business hours.",
            "Announce releases in the all-hands newsletter every Friday.",
            "Keep messages to the CEO short and lead with the decision needed.",
            "Write to the German team in English; they prefer it over translations.",
        ),
    ),
    Tag(
        "travel",
        "trips, flights, hotels, visas, conferences attended, being on-site somewhere",
        ("train", "passport", "fly", "uber from", "summit", "euston", "flight", "flights", "hotel", "travel", "traveling", "travelling", "trip", "airport", "visa", "passport", "conference", "on-site", "onsite", "train", "layover", "boarding", "itinerary", "airbnb", "booked"),
        (
            "Flight to Singapore leaves Tuesday at 23:40 from Heathrow, seat 42A.",
            "The team is booked at the Marriott near the venue for KubeCon.",
            "Ahmed needs a Schengen visa for the Berlin offsite.",
            "I'll be on-site at the customer's office in Lyon all next week.",
            "She prefers window seats and avoids red-eye flights.",
        ),
    ),
    Tag(
        "personal",
        "personal life: family, hobbies, birthdays, health, diet and allergies, pets, personal time off",
        ("learning the", "plays", "hike", "fasting", "ramadan", "concert", "photos", "cello", "gigs", "weekend", "birthday", "family", "wife", "husband", "partner", "kids", "children", "daughter", "son", "hobby", "marathon", "allergic", "allergy", "vegetarian", "vegan", "gluten", "dog", "cat", "pet", "anniversary", "wedding", "sick", "doctor", "parental leave", "vacation", "holiday"),
        (
            "Nina's birthday is on May 4; she likes dark chocolate.",
            "Carlos is allergic to peanuts.",
            "Her daughter starts school in September, so she leaves at 3pm on Fridays.",
            "He runs marathons and is training for Berlin.",
            "Mia is vegetarian and has a dog called Pixel.",
        ),
    ),
    Tag(
        "support",
        "support tickets, incidents and outages as handled for users, SLAs, escalations, user bug reports",
        ("known issue", "crashes", "status page", "support hours", "p2", "workaround", "works around", "support", "ticket", "tickets", "incident", "incidents", "outage", "outages", "downtime", "sla", "escalation", "escalated", "helpdesk", "zendesk", "bug report", "customer reported", "postmortem", "post-mortem", "sev1", "sev2", "p1"),
        (
            "Ticket #4821: the customer cannot reset their password from the mobile app.",
            "The outage on Tuesday lasted 42 minutes and hit all EU customers.",
            "Enterprise SLA: first response within one hour for P1 tickets.",
            "Escalate any billing complaint from Acme directly to Maya.",
            "Postmortem for the login incident is scheduled for Friday.",
        ),
    ),
)

THRESHOLD = 0.65
NEAR_BEST = 0.05
KEYWORD_BONUS = 0.375
MAX_TAGS = 3


def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    parts = [
        rf"\b{re.escape(k)}\b" if k[0].isalnum() and k[-1].isalnum() else re.escape(k)
        for k in keywords
    ]
    return re.compile("|".join(parts), re.IGNORECASE)


class CategoryTagger:
    """Tags a memory from its text and its embedding."""

    def __init__(self, embedder: Optional[Embedder] = None) -> None:
        self._embedder = embedder
        self._prototypes: Optional[list[np.ndarray]] = None
        self._keywords = [_keyword_pattern(tag.keywords) for tag in TAXONOMY]

    def prepare(self) -> None:
        """Embed the prototypes now rather than on the first store."""
        self._prototype_vectors()

    def _prototype_vectors(self) -> Optional[list[np.ndarray]]:
        if self._embedder is None:
            return None
        if self._prototypes is None:
            texts = [p for tag in TAXONOMY for p in tag.prototypes]
            vectors = self._embedder.embed(texts)
            self._prototypes, start = [], 0
            for tag in TAXONOMY:
                self._prototypes.append(vectors[start : start + len(tag.prototypes)])
                start += len(tag.prototypes)
        return self._prototypes

    def scores(self, text: str, vector: Optional[np.ndarray] = None) -> dict[str, float]:
        """Each tag's score: best prototype cosine, plus the keyword bonus."""
        prototypes = self._prototype_vectors() if vector is not None else None
        result = {}
        for i, tag in enumerate(TAXONOMY):
            similarity = float(np.max(prototypes[i] @ vector)) if prototypes is not None else 0.0
            bonus = KEYWORD_BONUS if self._keywords[i].search(text) else 0.0
            result[tag.name] = similarity + bonus
        return result

    def tag(self, text: str, vector: Optional[np.ndarray] = None) -> list[str]:
        """Up to ``MAX_TAGS`` tags, best first."""
        scores = self.scores(text, vector)
        ranked = sorted(scores, key=lambda name: -scores[name])
        best = scores[ranked[0]]
        chosen = [
            name
            for name in ranked[:MAX_TAGS]
            if scores[name] >= THRESHOLD
            or scores[name] >= max(best - NEAR_BEST, THRESHOLD - 0.1)
        ]
        return chosen or ranked[:1]
