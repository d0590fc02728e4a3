"""Memory rows in SQLite, with the ``memory_changes`` log every write appends to.

``postgres_store`` runs the same statements on PostgreSQL; what differs between the two
(vectors, JSON functions, the change log) is in the methods and attributes it overrides.
"""

from __future__ import annotations

import json
from typing import Any, Iterator, Optional, Sequence

import numpy as np

from ...clock import utc_iso
from ...embedding.base import Vectors
from ...storage.backend import Db
from .store import (
    SCOPE_FIELDS,
    Candidate,
    Change,
    Filter,
    Memory,
    MemoryStats,
    NewMemory,
    PageQuery,
    Scope,
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
_SCOPE_COLUMNS = ", ".join(SCOPE_FIELDS)
_SCOPE_MARKS = ", ".join("?" * len(SCOPE_FIELDS))
_INSERT = (
    f"INSERT INTO memories (workspace_id, {_COLUMNS}, created_at, updated_at, "  # noqa: S608
    f"{_SCOPE_COLUMNS}, observed_at) VALUES ({{marks}}, {_SCOPE_MARKS}, ?) RETURNING id"
)
# Whether a workspace has any scoped memory: one probe of each field's partial index (an OR
# of the five in one WHERE would scan the workspace).
_PROBE = "EXISTS (SELECT 1 FROM memories WHERE workspace_id = ? AND {} IS NOT NULL)"
_PROBES = [_PROBE.format(name) for name in SCOPE_FIELDS]
_ANY_SCOPED = "SELECT " + " OR ".join(_PROBES)


def _same_scope(scope: Scope) -> tuple[str, list[Optional[str]]]:
    """SQL matching exactly ``scope``: ``= ?`` for a set field (so its index serves), and
    ``IS NULL`` for an unset one."""
    values = scope.values()
    clauses = [f"{n} = ?" if v else f"{n} IS NULL" for n, v in zip(SCOPE_FIELDS, values)]
    return " AND ".join(clauses), [v for v in values if v]


# Every column of a memory, and the ids of its source events (oldest link first).
_SELECT = (
    "SELECT *, (SELECT json_group_array(event_id) FROM memory_sources "
    "WHERE memory_sources.memory_id = memories.id) AS sources FROM memories"
)

_REPLACE = f"UPDATE memories SET {_ASSIGN}, updated_at=? WHERE id=? AND workspace_id=?"  # noqa: S608


def _columns(memory: NewMemory, vector: Any) -> tuple[Any, ...]:
    """The values of ``CONTENT_COLUMNS``, in that order (``vector``: the stored embedding)."""
    return (
        memory.text,
        memory.text_hash,
        json.dumps(memory.meta),
        memory.importance,
        json.dumps(memory.categories),
        memory.temporal_type,
        memory.temporal_raw,
        memory.valid_until,
        vector,
        json.dumps(memory.history),
    )


def _memory(row: Any, vector: np.ndarray) -> Memory:
    return Memory(
        memory_id=row["id"],
        workspace_id=row["workspace_id"],
        text=row["text"],
        text_hash=row["text_hash"],
        meta=json.loads(row["meta"]),
        importance=row["importance"],
        categories=json.loads(row["categories"]),
        temporal_type=row["temporal_type"],
        temporal_raw=row["temporal_raw"],
        valid_until=row["valid_until"],
        embedding=vector,
        history=json.loads(row["history"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        scope=Scope(*(row[name] for name in SCOPE_FIELDS)),
        observed_at=row["observed_at"] or row["created_at"],
        source_event_ids=tuple(json.loads(row["sources"] or "[]")),
    )


# A memory has a category: the JSON array ``categories`` holds it (per dialect).
HAS_CATEGORY = {
    "sqlite": "EXISTS (SELECT 1 FROM json_each({p}categories) WHERE value = ?)",
    "postgres": "{p}categories::jsonb @> jsonb_build_array(?::text)",
}


def filter_sql(
    where: Filter, alias: str = "", dialect: str = "sqlite"
) -> tuple[list[str], list[Any]]:
    """SQL conditions (on columns of ``alias``) and their arguments for ``where``."""
    p = f"{alias}." if alias else ""
    conditions: list[tuple[str, Any]] = [
        *((f"{p}{name} = ?", value) for name, value in where.scope.set_fields().items()),
        (HAS_CATEGORY[dialect].format(p=p), where.category),
        (f"{p}temporal_type = ?", where.temporal_type),
        (f"{p}importance >= ?", where.min_importance),
        (f"{p}created_at >= ?", where.created_after),
        (f"{p}created_at < ?", where.created_before),
        (
            f"({p}valid_until IS NULL OR {p}valid_until > ?)",
            None if where.include_expired else utc_iso(),
        ),
    ]
    kept = [(clause, value) for clause, value in conditions if value is not None]
    return [clause for clause, _ in kept], [value for _, value in kept]


class SqliteMemoryStore:
    # What PostgresMemoryStore overrides: how a vector is written and read, and the SQL
    # that reads whole memories, counts categories and logs changes.
    dialect = "sqlite"
    vector_mark = "?"  # the placeholder of the embedding column
    select = _SELECT
    count_categories = (
        "SELECT c.value, COUNT(*) FROM memories, json_each(memories.categories) AS c "
        "WHERE {matching} GROUP BY c.value ORDER BY COUNT(*) DESC, c.value"
    )
    logs_changes = True  # the in-process vector index follows memory_changes

    def __init__(self, db: Db) -> None:
        self.db = db
        marks = ["?"] * (len(CONTENT_COLUMNS) + 3)
        marks[1 + CONTENT_COLUMNS.index("embedding")] = self.vector_mark
        self._insert = _INSERT.format(marks=", ".join(marks))
        self._replace = _REPLACE.replace("embedding=?", f"embedding={self.vector_mark}")

    def encode(self, vector: np.ndarray) -> Any:
        """An embedding as the ``embedding`` column stores it."""
        return vector.astype(np.float32).tobytes()

    def decode(self, value: Any) -> np.ndarray:
        return np.frombuffer(value, dtype=np.float32)

    def _row(self, row: Any) -> Memory:
        return _memory(row, self.decode(row["embedding"]))

    def insert(self, workspace_id: int, memory: NewMemory) -> int:
        now = utc_iso()
        scope = memory.scope.values()
        observed = memory.observed_at or now
        values = _columns(memory, self.encode(memory.embedding))
        row = self.db.conn.execute(
            self._insert, (workspace_id, *values, now, now, *scope, observed)
        ).fetchone()
        memory_id = int(row[0])
        self._log(workspace_id, [memory_id], "upsert")
        return memory_id

    def replace(self, workspace_id: int, memory_id: int, memory: NewMemory) -> None:
        values = _columns(memory, self.encode(memory.embedding))
        self.db.conn.execute(self._replace, (*values, utc_iso(), memory_id, workspace_id))
        self._log(workspace_id, [memory_id], "upsert")

    def update_meta(self, workspace_id: int, memory_id: int, meta: dict[str, Any]) -> None:
        self.db.conn.execute(
            "UPDATE memories SET meta=?, updated_at=? WHERE id=? AND workspace_id=?",
            (json.dumps(meta), utc_iso(), memory_id, workspace_id),
        )

    def delete(self, workspace_id: int, memory_id: int) -> bool:
        cur = self.db.conn.execute(
            "DELETE FROM memories WHERE id=? AND workspace_id=?", (memory_id, workspace_id)
        )
        if cur.rowcount:
            self._log(workspace_id, [memory_id], "delete")
        return bool(cur.rowcount)

    def delete_workspace(self, workspace_id: int) -> list[int]:
        conn = self.db.conn
        ids = [
            int(row[0])
            for row in conn.execute("SELECT id FROM memories WHERE workspace_id=?", (workspace_id,))
        ]
        conn.execute("DELETE FROM memories WHERE workspace_id=?", (workspace_id,))
        self._log(workspace_id, ids, "delete")
        return ids

    def delete_scope(self, workspace_id: int, scope: Scope) -> list[int]:
        if not scope:
            raise ValueError("delete_scope needs at least one scope field")
        conditions, args = filter_sql(Filter(scope=scope), dialect=self.dialect)
        where = " AND ".join(["workspace_id = ?", *conditions])
        conn = self.db.conn
        ids = [
            int(row[0])
            for row in conn.execute(
                f"SELECT id FROM memories WHERE {where}",  # noqa: S608
                (workspace_id, *args),
            )
        ]
        conn.execute(f"DELETE FROM memories WHERE {where}", (workspace_id, *args))  # noqa: S608
        self._log(workspace_id, ids, "delete")
        return ids

    def link_sources(self, workspace_id: int, memory_id: int, event_ids: Sequence[str]) -> None:
        self.db.conn.executemany(
            "INSERT INTO memory_sources (workspace_id, memory_id, event_id) "
            "VALUES (?,?,?) ON CONFLICT DO NOTHING",
            [(workspace_id, memory_id, event_id) for event_id in event_ids],
        )

    def _log(self, workspace_id: int, memory_ids: Sequence[int], op: str) -> None:
        if self.logs_changes:
            self.db.conn.executemany(
                "INSERT INTO memory_changes (workspace_id, memory_id, op) VALUES (?,?,?)",
                [(workspace_id, memory_id, op) for memory_id in memory_ids],
            )

    def get(self, workspace_id: int, memory_id: int) -> Optional[Memory]:
        row = self.db.conn.execute(
            f"{self.select} WHERE id=? AND workspace_id=?", (memory_id, workspace_id)
        ).fetchone()
        return self._row(row) if row is not None else None

    def get_many(self, workspace_id: int, memory_ids: Sequence[int]) -> dict[int, Memory]:
        if not memory_ids:
            return {}
        marks = ",".join("?" * len(memory_ids))
        rows = self.db.conn.execute(
            f"{self.select} WHERE workspace_id=? AND id IN ({marks})",
            (workspace_id, *memory_ids),
        ).fetchall()
        return {row["id"]: self._row(row) for row in rows}

    def candidates(self, workspace_id: int, memory_ids: Sequence[int]) -> dict[int, Candidate]:
        if not memory_ids:
            return {}
        marks = ",".join("?" * len(memory_ids))
        rows = self.db.conn.execute(
            "SELECT id, valid_until, session_id, embedding FROM memories "  # noqa: S608
            f"WHERE workspace_id=? AND id IN ({marks})",
            (workspace_id, *memory_ids),
        ).fetchall()
        return {int(r[0]): Candidate(int(r[0]), r[1], r[2], self.decode(r[3])) for r in rows}

    def find_by_hash(self, workspace_id: int, text_hash: str, scope: Scope) -> Optional[Memory]:
        same, args = _same_scope(scope)
        row = self.db.conn.execute(
            f"{self.select} WHERE workspace_id=? AND text_hash=? AND {same} ORDER BY id LIMIT 1",
            (workspace_id, text_hash, *args),
        ).fetchone()
        return self._row(row) if row is not None else None

    def matching_ids(self, workspace_id: int, where: Filter) -> list[int]:
        conditions, args = filter_sql(where, dialect=self.dialect)
        rows = self.db.conn.execute(
            f"SELECT id FROM memories WHERE {' AND '.join(['workspace_id = ?', *conditions])}",  # noqa: S608
            (workspace_id, *args),
        )
        return [int(row[0]) for row in rows]

    def session_neighbours(
        self, workspace_id: int, memory_ids: Sequence[int], where: Filter
    ) -> dict[int, tuple[Optional[int], Optional[int]]]:
        """The memories just before and after each of ``memory_ids`` in its session, in the
        order things were observed, among the memories ``where`` lets through. A memory
        without a session has none."""
        if not memory_ids:
            return {}
        conditions, args = filter_sql(where, alias="m", dialect=self.dialect)
        marks = ",".join("?" * len(memory_ids))
        rows = self.db.conn.execute(
            "SELECT id, before_id, after_id FROM (SELECT m.id, "  # noqa: S608
            "LAG(m.id) OVER w AS before_id, LEAD(m.id) OVER w AS after_id FROM memories m "
            f"WHERE {' AND '.join(['m.workspace_id = ?', *conditions])} AND m.session_id IN "
            f"(SELECT session_id FROM memories WHERE workspace_id = ? AND id IN ({marks})) "
            "WINDOW w AS (PARTITION BY m.session_id ORDER BY m.observed_at, m.id)) AS s "
            f"WHERE id IN ({marks})",
            (workspace_id, *args, workspace_id, *memory_ids, *memory_ids),
        ).fetchall()
        return {int(r[0]): (r[1], r[2]) for r in rows}

    def same_scope_ids(self, workspace_id: int, scope: Scope) -> Optional[list[int]]:
        conn = self.db.conn
        if not scope:
            probe = conn.execute(_ANY_SCOPED, (workspace_id,) * len(SCOPE_FIELDS)).fetchone()
            if not probe[0]:
                return None
        same, args = _same_scope(scope)
        rows = conn.execute(
            f"SELECT id FROM memories WHERE workspace_id=? AND {same}",  # noqa: S608
            (workspace_id, *args),
        )
        return [int(row[0]) for row in rows]

    def page(self, workspace_id: int, query: PageQuery) -> tuple[list[Memory], bool]:
        conditions, args = filter_sql(query.filter, dialect=self.dialect)
        if query.after_id is not None:
            conditions.append("id < ?")
            args.append(query.after_id)
        rows = self.db.conn.execute(
            f"{self.select} WHERE {' AND '.join(['workspace_id = ?', *conditions])} "
            "ORDER BY id DESC LIMIT ?",
            (workspace_id, *args, query.limit + 1),
        ).fetchall()
        return [self._row(r) for r in rows[: query.limit]], len(rows) > query.limit

    def stats(self, workspace_id: int, now_iso: str) -> dict[str, Any]:
        row = self.db.conn.execute(
            "SELECT COUNT(*) AS total, "
            "SUM(CASE WHEN valid_until IS NOT NULL AND valid_until <= ? THEN 1 ELSE 0 END) "
            "  AS expired, "
            "AVG(CASE WHEN valid_until IS NULL OR valid_until > ? THEN importance END) "
            "  AS avg_importance, "
            "SUM(CASE WHEN categories != '[]' THEN 1 ELSE 0 END) AS categorized "
            "FROM memories WHERE workspace_id = ?",
            (now_iso, now_iso, workspace_id),
        ).fetchone()
        return dict(row)

    def totals(self, workspace_id: int, where: Filter, top: int = 100) -> MemoryStats:
        conditions, args = filter_sql(where, dialect=self.dialect)
        matching = " AND ".join(["workspace_id = ?", *conditions])
        params = (workspace_id, *args)
        conn = self.db.conn
        row = conn.execute(
            "SELECT COUNT(*), COALESCE(AVG(importance), 0), MAX(updated_at) "  # noqa: S608
            f"FROM memories WHERE {matching}",
            params,
        ).fetchone()
        by_category = dict(
            conn.execute(self.count_categories.format(matching=matching), params).fetchall()
        )
        by_scope = {
            name: dict(
                conn.execute(
                    f"SELECT {name}, COUNT(*) FROM memories "  # noqa: S608 - a SCOPE_FIELDS name
                    f"WHERE {matching} AND {name} IS NOT NULL "
                    f"GROUP BY {name} ORDER BY COUNT(*) DESC, {name} LIMIT ?",
                    (*params, top),
                ).fetchall()
            )
            for name in SCOPE_FIELDS
        }
        return MemoryStats(
            total=int(row[0]),
            avg_importance=round(float(row[1]), 4),
            by_category=by_category,
            by_scope=by_scope,
            last_write_at=row[2],
        )

    def all_texts(self) -> list[tuple[int, str, Optional[str]]]:
        rows = self.db.conn.execute("SELECT id, text, user_id FROM memories ORDER BY id").fetchall()
        return [(int(r["id"]), str(r["text"]), r["user_id"]) for r in rows]

    def set_embeddings(self, embeddings: Sequence[tuple[int, np.ndarray]]) -> None:
        self.db.conn.executemany(
            f"UPDATE memories SET embedding={self.vector_mark} WHERE id=?",  # noqa: S608
            [(self.encode(vector), memory_id) for memory_id, vector in embeddings],
        )

    def all_vectors(self) -> tuple[list[int], list[int], Vectors]:
        ws_ids, mem_ids, vectors = [], [], []
        for row in self.db.conn.execute(
            "SELECT id, workspace_id, embedding FROM memories ORDER BY id"
        ):
            ws_ids.append(row["workspace_id"])
            mem_ids.append(row["id"])
            vectors.append(self.decode(row["embedding"]))
        dim = len(vectors[0]) if vectors else 0
        matrix = np.vstack(vectors) if vectors else np.zeros((0, dim), dtype=np.float32)
        return ws_ids, mem_ids, matrix

    def latest_change(self) -> int:
        row = self.db.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM memory_changes").fetchone()
        return int(row[0])

    def changes_since(self, seq: int) -> list[Change]:
        rows = self.db.conn.execute(
            "SELECT seq, workspace_id, memory_id, op FROM memory_changes WHERE seq > ? "
            "ORDER BY seq",
            (seq,),
        ).fetchall()
        return [Change(r["seq"], r["workspace_id"], r["memory_id"], r["op"]) for r in rows]

    # -- for the saved vector index (search/index_sync.py, search/index_file.py) ----------
    # They read the column the index holds: the same one ``all_vectors`` reads.

    def workspace_sizes(self) -> dict[int, int]:
        """How many memories each workspace holds (workspaces with none are absent)."""
        rows = self.db.conn.execute(
            "SELECT workspace_id, COUNT(*) FROM memories GROUP BY workspace_id"
        ).fetchall()
        return {int(r[0]): int(r[1]) for r in rows}

    def vector_pages(
        self, workspace_id: int, page: int = 4096
    ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """(memory ids, vectors) of a workspace in id order, ``page`` rows at a time."""
        last = 0
        while True:
            rows = self.db.conn.execute(
                "SELECT id, embedding FROM memories WHERE workspace_id=? AND id>? "
                "ORDER BY id LIMIT ?",
                (workspace_id, last, page),
            ).fetchall()
            if not rows:
                return
            ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
            if self.dialect == "sqlite":  # float32 bytes: decode them all at once
                vectors = self.decode(b"".join(r[1] for r in rows)).reshape(len(rows), -1)
            else:
                vectors = np.vstack([self.decode(r[1]) for r in rows])
            yield ids, vectors.astype(np.float32)
            last = int(ids[-1])

    def change_at(self, seq: int) -> Optional[list[Any]]:
        """[workspace id, memory id, op] logged under ``seq``, or None."""
        row = self.db.conn.execute(
            "SELECT workspace_id, memory_id, op FROM memory_changes WHERE seq=?", (seq,)
        ).fetchone()
        return [int(row[0]), int(row[1]), str(row[2])] if row is not None else None
