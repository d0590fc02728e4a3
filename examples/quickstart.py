"""The quick example from the Mnemexa Python SDK documentation.

Run it against a server: MNEMEXA_API_KEY=... MNEMEXA_BASE_URL=http://127.0.0.1:8080 python examples/quickstart.py
"""

import mnemexa

# Reads MNEMEXA_API_KEY from environment if not passed explicitly
client = mnemexa.Client()

# 1. Verify connection
status = client.status()
print(f"Connected to {status.workspace_name} ({status.workspace_status})")

# 2. Store a memory
result = client.memory.store(
    text="Client prefers async standups on Tuesdays at 9am IST.",
    meta={"source": "kickoff_meeting"},
)
print(f"stored: id={result.memory_id} importance={result.importance}")

# 3. Retrieve relevant memories
hits = client.memory.retrieve(query="communication preferences", top_k=5)
for m in hits.memories:
    print(f"[{m.score:.3f}] {m.text}")

# 4. Inspect workspace health
health = client.optimize.health()
print(f"Quality: {health.quality_score}/100, total: {health.signals.total_memories}")
