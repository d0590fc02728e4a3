"""The async example from the Mnemexa Python SDK documentation.

Run it against a server: MNEMEXA_API_KEY=... MNEMEXA_BASE_URL=http://127.0.0.1:8080 python examples/quickstart_async.py
"""

import asyncio

import mnemexa


async def main():
    async with mnemexa.AsyncClient() as client:
        result = await client.memory.store(text="Async memory.")
        hits = await client.memory.retrieve(query="memory", top_k=3)
        print(result.memory_id, len(hits.memories))


asyncio.run(main())
