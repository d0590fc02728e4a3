"""With the real embedder, the seed's query finds the seed's memory first."""

from __future__ import annotations

DISTRACTORS = [
    "The production database runs PostgreSQL 15 on AWS RDS.",
    "Maria from finance approved the Q3 marketing budget of $40k.",
    "Our mobile app crashes on Android 12 when the camera is opened.",
    "The office Wi-Fi password rotates every month.",
    "Deployments are frozen during the last week of December.",
    "Ravi is allergic to shellfish; avoid seafood at team dinners.",
    "The billing service retries failed card charges three times.",
    "Customer Globex wants SSO via Okta before signing.",
    "Our API rate limit is 600 requests per minute per key.",
    "The design system uses Inter as the primary font.",
    "Quarterly business reviews happen in the first week of each quarter.",
    "Staging is reset every Sunday night at 02:00 UTC.",
    "The data team migrated the warehouse from Redshift to BigQuery.",
    "Tom is the on-call lead for the payments platform this month.",
    "Invoices are payable within 30 days of issue.",
    "The Berlin office moves to a new building in spring.",
    "Feature flags are managed in LaunchDarkly.",
    "Our SOC 2 audit is scheduled with an external firm.",
    "The search service is built on OpenSearch 2.11.",
    "Customer churn rose slightly after the pricing change.",
    "Kubernetes clusters are upgraded one minor version per quarter.",
    "The support team uses Zendesk macros for refunds.",
]
TARGET = "Client prefers async standups on Tuesdays at 9am IST."


def test_communication_preferences_finds_the_standup_preference_first(server, workspace_name):
    client = server.client(workspace_name)
    client.memory.store_batch(DISTRACTORS[:11])
    target = client.memory.store(TARGET, meta={"source": "kickoff_meeting"})
    client.memory.store_batch(DISTRACTORS[11:])
    assert client.optimize.health().signals.total_memories == len(DISTRACTORS) + 1
    hits = client.memory.retrieve("communication preferences", top_k=5)
    assert hits.memories[0].memory_id == target.memory_id
    assert hits.memories[0].text == TARGET
    assert hits.memories[0].meta["source"] == "kickoff_meeting"
