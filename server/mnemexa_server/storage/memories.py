"""Memory rows: insert, update, delete, page, and lexical (FTS5) search, per workspace.

Every write also appends to ``memory_changes``, the log from which each server process keeps
its in-memory vector index current (see ``index_sync``).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

import numpy as np

from ..clock import to_iso, utc_iso
from ..embedding.base import Vectors

_FTS_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class NewMemory:
    """Everything the pipeline decided about a memory, ready to store."""

    text: str
    text_hash: str
    meta: dict[str, Any]
    importance: int
    categories: list[str]
    temporal_type: str
    temporal_raw: Optional[str]
    valid_until: Optional[str]
    embedding: np.ndarray
    history: list[dict[str, Any]] = field(default_factory=list)

    def column_values(self) -> tuple[Any, ...]:
        """The values of ``CONTENT_COLUMNS``, in that order, as SQLite stores them."""
        return (
            self.text,
            self.text_hash,
            json.dumps(self.meta),
            self.importance,
            json.dumps(self.categories),
            self.temporal_type,
            self.temporal_raw,
            self.valid_until,
            self.embedding.astype(np.float32).tobytes(),
            json.dumps(self.history),
        )


CONTENT_COLUMNS = (
    "text",
    "text_hash",
    "meta",
    "importance",
    "categories",
    "temporal_type",
    "temporal_raw",
    "valid_until",
    "embedding",
    "history",
)
# Built once from the constant column names above; every value is a bound parameter.
_COLUMNS = ", ".join(CONTENT_COLUMNS)
_MARKS = ", ".join("?" * (len(CONTENT_COLUMNS) + 3))
_ASSIGN = ", ".join(f"{column}=?" for column in CONTENT_COLUMNS)
_INSERT = (
    f"INSERT INTO memories (workspace_id, {_COLUMNS}, created_at, updated_at) VALUES ({_MARKS})"  # noqa: S608
)
_REPLACE = f"UPDATE memories SET {_ASSIGN}, updated_at=? WHERE id=? AND workspace_id=?"  # noqa: S608


def memory_to_api(row: sqlite3.Row) -> dict[str, Any]:
    """A row in the spec's ``Memory`` shape."""
    return {
        "memory_id": row["id"],
        "text": row["text"],
        "meta": json.loads(row["meta"]),
        "importance": row["importance"],
        "categories": json.loads(row["categories"]),
        "temporal": {
            "type": row["temporal_type"],
            "raw_text": row["temporal_raw"],
            "valid_until": row["valid_until"],
        },
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
        "history": json.loads(row["history"]),
    }


def vector_of(row: sqlite3.Row) -> np.ndarray:
    return np.frombuffer(row["embedding"], dtype=np.float32)


def encode_cursor(memory_id: int) -> str:
    return base64.urlsafe_b64encode(f"m:{memory_id}".encode()).decode().rstrip("=")


_CURSOR_ID = re.compile(r"[1-9][0-9]{0,18}")  # a positive id, at most 19 ASCII digits
_MAX_ID = 2**63 - 1  # SQLite's largest rowid


def decode_cursor(cursor: str) -> int:
    """The memory id a cursor points after; ValueError if the cursor was not made here
    (including an id no SQLite row can have, which would overflow the query parameter)."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise ValueError("malformed cursor") from exc
    kind, _, number = raw.partition(":")
    if kind != "m" or not _CURSOR_ID.fullmatch(number) or int(number) > _MAX_ID:
        raise ValueError("malformed cursor")
    return int(number)


def fts_query(text: str) -> Optional[str]:
    """An FTS5 query matching any word of ``text`` (each quoted, so no syntax leaks in)."""
    words = {w.lower() for w in _FTS_WORD.findall(text)}
    return " OR ".join(f'"{w}"' for w in sorted(words)) or None


class MemoryStore:
    """Memory rows of all workspaces. Writers pass the connection of an open transaction."""

    def insert(self, conn: sqlite3.Connection, workspace_id: int, memory: NewMemory) -> int:
        now = utc_iso()
        cur = conn.execute(_INSERT, (workspace_id, *memory.column_values(), now, now))
        memory_id = int(cur.lastrowid or 0)
        self._log(conn, workspace_id, memory_id, "upsert")
        return memory_id

    def replace(
        self, conn: sqlite3.Connection, workspace_id: int, memory_id: int, memory: NewMemory
    ) -> None:
        """Overwrite a memory's content (an update or a merge), keeping its id."""
        conn.execute(_REPLACE, (*memory.column_values(), utc_iso(), memory_id, workspace_id))
        self._log(conn, workspace_id, memory_id, "upsert")

    def update_meta(
        self, conn: sqlite3.Connection, workspace_id: int, memory_id: int, meta: dict[str, Any]
    ) -> None:
        conn.execute(
            "UPDATE memories SET meta=?, updated_at=? WHERE id=? AND workspace_id=?",
            (json.dumps(meta), utc_iso(), memory_id, workspace_id),
        )

    def delete(self, conn: sqlite3.Connection, workspace_id: int, memory_id: int) -> bool:
        cur = conn.execute(
            "DELETE FROM memories WHERE id=? AND workspace_id=?", (memory_id, workspace_id)
        )
        if cur.rowcount:
            self._log(conn, workspace_id, memory_id, "delete")
        return bool(cur.rowcount)

    def delete_workspace(self, conn: sqlite3.Connection, workspace_id: int) -> list[int]:
        """Delete every memory of a workspace; return their ids."""
        ids = [
            int(row[0])
            for row in conn.execute("SELECT id FROM memories WHERE workspace_id=?", (workspace_id,))
        ]
        conn.execute("DELETE FROM memories WHERE workspace_id=?", (workspace_id,))
        conn.executemany(
            "INSERT INTO memory_changes (workspace_id, memory_id, op) VALUES (?,?,'delete')",
            [(workspace_id, memory_id) for memory_id in ids],
        )
        return ids

    @staticmethod
    def compact_text_index(conn: sqlite3.Connection) -> None:
        """Merge the FTS5 index into one segment, so that the terms of deleted rows leave
        the index instead of lingering in older segments (SQLite 3.40 has no FTS5
        ``secure-delete``). With ``secure_delete=ON`` the freed pages are zeroed."""
        conn.execute("INSERT INTO memories_fts(memories_fts) VALUES ('optimize')")

    @staticmethod
    def _log(conn: sqlite3.Connection, workspace_id: int, memory_id: int, op: str) -> None:
        conn.execute(
            "INSERT INTO memory_changes (workspace_id, memory_id, op) VALUES (?,?,?)",
            (workspace_id, memory_id, op),
        )

    def get(
        self, conn: sqlite3.Connection, workspace_id: int, memory_id: int
    ) -> Optional[sqlite3.Row]:
        row: Optional[sqlite3.Row] = conn.execute(
            "SELECT * FROM memories WHERE id=? AND workspace_id=?", (memory_id, workspace_id)
        ).fetchone()
        return row

    def get_many(
        self, conn: sqlite3.Connection, workspace_id: int, memory_ids: Sequence[int]
    ) -> dict[int, sqlite3.Row]:
        if not memory_ids:
            return {}
        marks = ",".join("?" * len(memory_ids))
        rows = conn.execute(
            f"SELECT * FROM memories WHERE workspace_id=? AND id IN ({marks})",  # noqa: S608
            (workspace_id, *memory_ids),
        ).fetchall()
        return {row["id"]: row for row in rows}

    def find_by_hash(
        self, conn: sqlite3.Connection, workspace_id: int, text_hash: str
    ) -> Optional[sqlite3.Row]:
        row: Optional[sqlite3.Row] = conn.execute(
            "SELECT * FROM memories WHERE workspace_id=? AND text_hash=? ORDER BY id LIMIT 1",
            (workspace_id, text_hash),
        ).fetchone()
        return row

    def page(
        self,
        conn: sqlite3.Connection,
        workspace_id: int,
        *,
        limit: int,
        after_id: Optional[int],
        category: Optional[str],
        temporal_type: Optional[str],
        min_importance: Optional[int],
        created_after: Optional[str],
        created_before: Optional[str],
        include_expired: bool,
    ) -> tuple[list[sqlite3.Row], bool]:
        """Up to ``limit`` rows, newest first, and whether more follow."""
        filters: list[tuple[str, Any]] = [
            ("workspace_id = ?", workspace_id),
            ("id < ?", after_id),
            ("EXISTS (SELECT 1 FROM json_each(categories) WHERE value = ?)", category),
            ("temporal_type = ?", temporal_type),
            ("importance >= ?", min_importance),
            ("created_at >= ?", created_after),
            ("created_at < ?", created_before),
            ("(valid_until IS NULL OR valid_until > ?)", None if include_expired else utc_iso()),
        ]
        where = [clause for clause, value in filters if value is not None]
        args = [value for _, value in filters if value is not None]
        rows = conn.execute(
            f"SELECT * FROM memories WHERE {' AND '.join(where)} "  # noqa: S608
            "ORDER BY id DESC LIMIT ?",
            (*args, limit + 1),
        ).fetchall()
        return rows[:limit], len(rows) > limit

    def lexical(
        self, conn: sqlite3.Connection, workspace_id: int, query: str, limit: int
    ) -> dict[int, float]:
        """BM25 relevance (higher is better) of the best lexical matches."""
        match = fts_query(query)
        if match is None:
            return {}
        rows = conn.execute(
            "SELECT m.id, -bm25(memories_fts) AS score FROM memories_fts "
            "JOIN memories m ON m.id = memories_fts.rowid "
            "WHERE memories_fts MATCH ? AND m.workspace_id = ? "
            "ORDER BY bm25(memories_fts) LIMIT ?",
            (match, workspace_id, limit),
        ).fetchall()
        return {row["id"]: float(row["score"]) for row in rows}

    def stats(self, conn: sqlite3.Connection, workspace_id: int) -> dict[str, Any]:
        now = utc_iso()
        row = conn.execute(
            "SELECT COUNT(*) AS total, "
            "SUM(CASE WHEN valid_until IS NOT NULL AND valid_until <= ? THEN 1 ELSE 0 END) "
            "  AS expired, "
            "AVG(CASE WHEN valid_until IS NULL OR valid_until > ? THEN importance END) "
            "  AS avg_importance, "
            "SUM(CASE WHEN categories != '[]' THEN 1 ELSE 0 END) AS categorized "
            "FROM memories WHERE workspace_id = ?",
            (now, now, workspace_id),
        ).fetchone()
        return dict(row)

    def all_vectors(self, conn: sqlite3.Connection) -> tuple[list[int], list[int], Vectors]:
        """(workspace ids, memory ids, vectors) of every memory, for rebuilding the index."""
        ws_ids, mem_ids, vectors = [], [], []
        for row in conn.execute("SELECT id, workspace_id, embedding FROM memories ORDER BY id"):
            ws_ids.append(row["workspace_id"])
            mem_ids.append(row["id"])
            vectors.append(vector_of(row))
        dim = len(vectors[0]) if vectors else 0
        matrix = np.vstack(vectors) if vectors else np.zeros((0, dim), dtype=np.float32)
        return ws_ids, mem_ids, matrix


def iso_param(value: Optional[Any]) -> Optional[str]:
    """A datetime query parameter in the stored timestamp format.

    The spec layer hands over aware datetimes already in UTC (it answers 422 for an
    instant outside years 1-9999 in UTC), so the conversion here cannot overflow.
    """
    return to_iso(value) if value is not None else None
