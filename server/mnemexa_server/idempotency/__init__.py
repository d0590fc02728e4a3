"""Idempotency keys: the same key and body within 24 hours replays the first response.

Only state-changing operations record anything; a read-only POST (retrieve) ignores the key.
The record is written in the same transaction as the operation's own writes, so either both
commit or neither does. Two concurrent requests with one key cannot both store: the second
transaction's insert of the record fails, it rolls back, and replays the first one's response.
Only 2xx responses are recorded; a failed request can simply be retried.

Deleted means gone here too: each record lists the memories its response mentions, and
deleting a memory scrubs that memory's content (text, meta, history, the temporal excerpt)
from every recorded response. What stays is a tombstone: the status, the ids and the
fingerprint, so a retried store still never stores twice and a replay never returns the text.
"""

from .replay import Recorded, fingerprint, memory_ids, scrub
from .store import MIGRATIONS, IdempotencyStore, KeyTakenError

__all__ = [
    "MIGRATIONS",
    "IdempotencyStore",
    "KeyTakenError",
    "Recorded",
    "fingerprint",
    "memory_ids",
    "scrub",
]
