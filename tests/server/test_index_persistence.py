"""The saved HNSW graph (``search/index_file.py``, ``search/index_sync.py``): a restart loads
it instead of building it, it always equals the database (or is built again), a crash never
leaves a wrong one, processes sharing a data dir never corrupt it, and a deleted memory's
vector does not stay in it.

Most tests drive the index in this process on a real data dir (``open_database``), with
small random vectors and a low HNSW threshold; the last ones run real servers."""

from __future__ import annotations

import logging
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from mnemexa_server.registry import open_database
from mnemexa_server.resources.memory.sqlite_store import SqliteMemoryStore
from mnemexa_server.resources.memory.store import NewMemory
from mnemexa_server.resources.workspace.sql_store import SqlWorkspaceStore
from mnemexa_server.search.index_file import (
    DIRECTORY,
    IndexFiles,
    Layout,
    fingerprints,
    scan,
)
from mnemexa_server.search.index_sync import SyncedVectorIndex
from mnemexa_server.search.vector_index import VectorIndex, quantize

# Absolute: the kill -9 and sharing workers import this module on its own, not as a package's.
from tests.server.new_memories import new_memory

pytestmark = pytest.mark.sqlite_only("the in-process index and its files in the data dir")

DIM = 24
THRESHOLD = 150
EMBEDDER = "test-embedder"


def _unit(rng: np.random.Generator, n: int) -> np.ndarray:
    v = rng.standard_normal((n, DIM)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _memory(i: int, vector: np.ndarray) -> NewMemory:
    return new_memory(f"memory {i}", vector, text_hash=f"hash-{i}")


class Data:
    """A data dir with one workspace, written as the server writes (with the change log)."""

    def __init__(self, path: Path, seed: int = 0, workspace: int = 0) -> None:
        self.path = path
        self.db = open_database(path)
        self.store = SqliteMemoryStore(self.db)
        self.workspace = workspace or SqlWorkspaceStore(self.db).create_key("persisted")[0].id
        self.rng = np.random.default_rng(seed)
        self.written = 10_000 * seed

    def insert(self, n: int) -> list[int]:
        vectors = _unit(self.rng, n)
        with self.db.transaction():
            ids = [
                self.store.insert(self.workspace, _memory(self.written + i, v))
                for i, v in enumerate(vectors)
            ]
        self.written += n
        return ids

    def update(self, memory_id: int) -> None:
        with self.db.transaction():
            self.store.replace(self.workspace, memory_id, _memory(memory_id, _unit(self.rng, 1)[0]))

    def delete(self, memory_id: int) -> None:
        with self.db.transaction():
            assert self.store.delete(self.workspace, memory_id)

    def vectors(self) -> dict[int, np.ndarray]:
        return {
            int(i): v
            for ids, vs in self.store.vector_pages(self.workspace)
            for i, v in zip(ids, vs)
        }

    def files(self, embedder: str = EMBEDDER) -> IndexFiles:
        return IndexFiles(self.path / DIRECTORY, embedder, DIM)

    def index(self, embedder: str = EMBEDDER) -> SyncedVectorIndex:
        return SyncedVectorIndex(self.store, VectorIndex(DIM, THRESHOLD), self.files(embedder))


def _started(data: Data, embedder: str = EMBEDDER) -> SyncedVectorIndex:
    """A started index whose background build (if any) has finished and been saved."""
    index = data.index(embedder)
    index.rebuild()
    index.index.workspace(data.workspace).wait_for_build()
    return index


def _graph_bytes(data: Data) -> bytes:
    return b"".join(p.read_bytes() for p in sorted((data.path / DIRECTORY).glob("*.hnsw")))


def _assert_equals_database(index: SyncedVectorIndex, data: Data) -> None:
    """The index holds exactly the database's memories and vectors: the exact search among
    every id finds each memory's own vector first, with cosine 1, and nothing else."""
    stored = data.vectors()
    workspace = index.index.workspace(data.workspace)
    assert len(workspace) == len(stored)
    ids = list(stored)
    for memory_id, vector in list(stored.items())[:: max(1, len(stored) // 40)]:
        best = workspace.search_among(vector, 1, ids)
        assert best[0][0] == memory_id
        assert best[0][1] == pytest.approx(1.0, abs=1e-5)
    if workspace.kind == "hnsw":
        graph = workspace._hnsw
        assert np.array_equal(np.asarray(graph.get_items(ids)), np.vstack(list(stored.values())))


def _loaded(caplog: pytest.LogCaptureFixture) -> bool:
    return any("vector index loaded" in r.getMessage() for r in caplog.records)


def _rebuilt(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if "building the HNSW graph" in r.getMessage() or "is not used" in r.getMessage()
    ]


@pytest.fixture(autouse=True)
def _info_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="mnemexa.server")


# -- the int8 copy behind exact pre-filtered search -----------------------------------------


def test_int8_bound_holds_and_search_among_is_exact():
    rng = np.random.default_rng(3)
    vectors = _unit(rng, 2000)
    rows, scale, error = quantize(vectors)
    queries = _unit(rng, 30)
    approx = (rows.astype(np.float64) * scale[:, None]) @ queries.T.astype(np.float64)
    exact = vectors.astype(np.float64) @ queries.T.astype(np.float64)
    assert (np.abs(approx - exact) <= error[:, None]).all()

    workspace = VectorIndex(DIM, 500).workspace(1)
    ids = list(range(1, 2001))
    workspace.upsert(ids, vectors)
    workspace.wait_for_build()
    assert workspace.kind == "hnsw"
    among = ids[::37]  # 55 of 2000
    for query in queries:
        sims = vectors[::37] @ query
        expected = [among[i] for i in np.argsort(-sims)[:10]]
        got = workspace.search_among(query, 10, among)
        assert [i for i, _ in got] == expected
        assert [s for _, s in got] == pytest.approx(sorted(sims, reverse=True)[:10], abs=1e-6)


# -- restart ---------------------------------------------------------------------------------


def test_restart_loads_the_saved_graph_and_searches_the_same(tmp_path, caplog):
    data = Data(tmp_path)
    data.insert(400)
    first = _started(data)
    assert first.index.workspace(data.workspace).kind == "hnsw"
    assert (tmp_path / DIRECTORY / f"ws-{data.workspace}.json").exists()
    queries = _unit(np.random.default_rng(9), 20)
    before = [first.search(data.workspace, q, 10) for q in queries]
    first.stop()

    caplog.clear()
    second = data.index()
    second.rebuild()
    assert _loaded(caplog)
    assert _rebuilt(caplog) == []
    workspace = second.index.workspace(data.workspace)
    assert workspace.kind == "hnsw"
    assert not workspace.building
    assert [second.search(data.workspace, q, 10) for q in queries] == before
    _assert_equals_database(second, data)


def test_saved_graph_plus_the_change_log_equals_the_database(tmp_path, caplog):
    data = Data(tmp_path)
    ids = data.insert(400)
    _started(data).stop()
    # writes the saved graph has not seen: new, replaced and deleted memories
    added = data.insert(60)
    for memory_id in ids[:10] + added[:5]:
        data.update(memory_id)
    for memory_id in ids[10:30] + added[5:10]:
        data.delete(memory_id)

    index = _reloaded(data, caplog)
    # and it goes on following the log
    more = data.insert(5)
    data.delete(ids[40])
    index.catch_up()
    assert more[0] in {i for i, _ in index.search(data.workspace, data.vectors()[more[0]], 1)}
    _assert_equals_database(index, data)


# -- mismatches -------------------------------------------------------------------------------


def _corrupt_a_vector(data: Data) -> None:
    path = next((data.path / DIRECTORY).glob("*.hnsw"))
    layout = Layout.read(path)
    with open(path, "r+b") as f:
        f.seek(layout.slot_at(3) + layout.data_offset)
        f.write(b"\x00\x00\x80\x3f")


def _replace_a_vector_behind_the_logs_back(data: Data) -> None:
    with data.db.transaction():  # as a re-embedding does: no change-log entry
        data.store.set_embeddings([(data.vectors().popitem()[0], _unit(data.rng, 1)[0])])


def _move_the_log_back(data: Data) -> None:
    with sqlite3.connect(data.path / "mnemexa.db") as conn:
        conn.execute(
            "DELETE FROM memory_changes WHERE seq > (SELECT MAX(seq) - 5 FROM memory_changes)"
        )


def _another_database_at_the_same_seq(data: Data) -> None:
    with sqlite3.connect(data.path / "mnemexa.db") as conn:
        conn.execute(
            "UPDATE memory_changes SET memory_id = memory_id + 1000000 WHERE seq = (SELECT MAX(seq) FROM memory_changes)"
        )


def _truncate_the_graph(data: Data) -> None:
    path = next((data.path / DIRECTORY).glob("*.hnsw"))
    os.truncate(path, path.stat().st_size - 100)


def _garble_the_header(data: Data) -> None:
    (data.path / DIRECTORY / f"ws-{data.workspace}.json").write_text("{not json")


@pytest.mark.parametrize(
    ("spoil", "embedder"),
    [
        (_corrupt_a_vector, EMBEDDER),
        (_replace_a_vector_behind_the_logs_back, EMBEDDER),
        (_move_the_log_back, EMBEDDER),
        (_another_database_at_the_same_seq, EMBEDDER),
        (_truncate_the_graph, EMBEDDER),
        (_garble_the_header, EMBEDDER),
        (lambda data: None, "another-embedder"),
    ],
    ids=["checksum", "vector", "seq-ahead", "other-db", "truncated", "header", "embedder"],
)
def test_any_mismatch_builds_the_graph_again(tmp_path, caplog, spoil, embedder):
    data = Data(tmp_path)
    data.insert(400)
    _started(data).stop()
    spoil(data)

    caplog.clear()
    index = data.index(embedder)
    index.rebuild()
    assert not _loaded(caplog)
    assert _rebuilt(caplog)
    workspace = index.index.workspace(data.workspace)
    workspace.wait_for_build()
    assert workspace.kind == "hnsw"
    _assert_equals_database(index, data)
    # the rebuilt graph was saved, and the next start uses it
    caplog.clear()
    data.index(embedder).rebuild()
    assert _loaded(caplog)


# -- deleted means gone ----------------------------------------------------------------------


def test_a_deleted_memorys_vector_leaves_the_saved_graph(tmp_path):
    data = Data(tmp_path)
    ids = data.insert(400)
    index = _started(data)
    doomed = ids[7:10]
    doomed_bytes = [data.vectors()[i].tobytes() for i in doomed]
    kept_bytes = data.vectors()[ids[11]].tobytes()
    graph = _graph_bytes(data)
    assert all(b in graph for b in doomed_bytes)  # the check can see vectors in the file

    for memory_id in doomed:
        data.delete(memory_id)
    index.catch_up()  # as after the delete's commit: scrubbed from the saved graph
    graph = _graph_bytes(data)
    assert not any(b in graph for b in doomed_bytes)
    assert kept_bytes in graph

    index.save(data.workspace)  # a later save writes the (deleted) slots scrubbed too
    graph = _graph_bytes(data)
    assert not any(b in graph for b in doomed_bytes)
    assert kept_bytes in graph
    # the scrubbed file still loads, and equals the database
    again = data.index()
    again.rebuild()
    _assert_equals_database(again, data)


def test_a_delete_by_another_process_is_scrubbed_by_whoever_applies_it(tmp_path):
    data = Data(tmp_path)
    ids = data.insert(400)
    _started(data).stop()
    doomed = data.vectors()[ids[5]].tobytes()
    data.delete(ids[5])  # another process deleted it and died before scrubbing
    assert doomed in _graph_bytes(data)
    data.index().rebuild()  # the next start applies the delete: it scrubs it
    assert doomed not in _graph_bytes(data)


def test_an_emptied_workspace_loses_its_saved_graph(tmp_path):
    data = Data(tmp_path)
    data.insert(400)
    index = _started(data)
    assert list((tmp_path / DIRECTORY).glob("*.hnsw"))
    with data.db.transaction():
        data.store.delete_workspace(data.workspace)
    index.catch_up()
    assert not list((tmp_path / DIRECTORY).glob("*.hnsw"))
    assert not (tmp_path / DIRECTORY / f"ws-{data.workspace}.json").exists()


# -- crashes and several processes -----------------------------------------------------------

# Another server process: starts its index (loading the saved graph), then writes, deletes
# and saves in a loop.
_WORKER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    sys.path[:0] = {paths!r}
    from test_index_persistence import Data, _started
    data = Data(Path(sys.argv[1]), seed=int(sys.argv[3]), workspace=int(sys.argv[2]))
    index = _started(data)
    print("ready", flush=True)
    for _ in range(int(sys.argv[4])):
        ids = data.insert(15)
        data.delete(ids[0])
        index.catch_up()
        index.save(data.workspace)
    print("done", flush=True)
    """
)


def _reloaded(data: Data, caplog: pytest.LogCaptureFixture) -> SyncedVectorIndex:
    """A new index on ``data``: it loads the saved graph (not a rebuild), equal to the database."""
    caplog.clear()
    index = data.index()
    index.rebuild()
    assert _loaded(caplog)
    assert _rebuilt(caplog) == []
    _assert_equals_database(index, data)
    return index


def _worker(data: Data, seed: int, rounds: int) -> subprocess.Popen[str]:
    here = Path(__file__).parent
    paths = [str(here), *sys.path]
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            _WORKER.format(paths=paths),
            str(data.path),
            str(data.workspace),
            str(seed),
            str(rounds),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )


def test_kill_9_while_saving_never_leaves_a_wrong_graph(tmp_path, caplog):
    data = Data(tmp_path)
    data.insert(400)
    _started(data).stop()
    rng = np.random.default_rng(5)
    for attempt in range(4):
        worker = _worker(data, attempt + 1, rounds=1000)
        assert worker.stdout is not None
        assert worker.stdout.readline().strip() == "ready"
        time.sleep(float(rng.uniform(0.05, 0.6)))  # somewhere in a save, or between saves
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        caplog.clear()
        index = data.index()
        index.rebuild()
        workspace = index.index.workspace(data.workspace)
        workspace.wait_for_build()
        _assert_equals_database(index, data)  # loaded, or built again: never wrong


def test_processes_sharing_a_data_dir_never_corrupt_the_graph(tmp_path, caplog):
    data = Data(tmp_path)
    data.insert(400)
    _started(data).stop()
    workers = [_worker(data, seed, rounds=6) for seed in (1, 2, 3)]
    for worker in workers:
        out, _ = worker.communicate(timeout=300)
        assert worker.returncode == 0
        assert out.split() == ["ready", "done"]
    _reloaded(data, caplog)
    assert len(list((tmp_path / DIRECTORY).glob("*.hnsw"))) == 1
    assert not list((tmp_path / DIRECTORY).glob("*.tmp"))


# -- the file format -------------------------------------------------------------------------


def test_scan_reads_labels_deleted_marks_and_vectors(tmp_path):
    data = Data(tmp_path)
    ids = data.insert(300)
    index = _started(data)
    data.delete(ids[4])
    index.catch_up()
    index.save(data.workspace)
    header = data.files().header(data.workspace)
    assert header is not None
    path = tmp_path / DIRECTORY / header.graph
    slots, blocks = scan(path, Layout.read(path))
    assert blocks == header.blocks
    assert header.seq == data.store.latest_change()
    assert header.change == data.store.change_at(header.seq)
    assert header.count == 299
    live, prints = slots.live()
    stored = data.vectors()
    assert live.tolist() == sorted(stored)
    assert np.array_equal(prints, fingerprints(np.vstack([stored[i] for i in live.tolist()])))
    assert ids[4] in slots.labels[slots.deleted].tolist()  # still a slot, marked deleted
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)


# -- through a real server -------------------------------------------------------------------


def _server_vectors(server: Any) -> dict[int, bytes]:
    return {int(i): bytes(v) for i, v in server.sql("SELECT id, embedding FROM memories")}


def test_a_restarted_server_loads_its_saved_graph(fresh_server):
    fresh_server.env_overrides = {"MNEMEXA_HNSW_THRESHOLD": "60", "MNEMEXA_EMBEDDER": "hashing"}
    fresh_server.start()
    client = fresh_server.client("restart")
    texts = [
        f"Locker {i} at the gym holds spare item number {i * 7} for team {i % 5}."
        for i in range(90)
    ]
    client.memory.store_batch(texts[:45], dedup_mode="off")
    client.memory.store_batch(texts[45:], dedup_mode="off")
    fresh_server.log_when(lambda log: "vector index saved" in log, timeout=60)
    queries = ["spare item at the gym", "team 3 locker", "number 140"]
    before = [[m.memory_id for m in client.memory.retrieve(q, top_k=5).memories] for q in queries]
    doomed = before[0][0]
    fresh_server.stop()

    fresh_server.start()
    log = fresh_server.log_path.read_text().rsplit("vector index ready", 2)[-2]
    assert "vector index loaded" in log
    assert "building the HNSW graph" not in log
    client = fresh_server.client("restart")
    assert [
        [m.memory_id for m in client.memory.retrieve(q, top_k=5).memories] for q in queries
    ] == before

    doomed_bytes = _server_vectors(fresh_server)[doomed]
    assert doomed_bytes in _graph_bytes_of(fresh_server.data_dir)
    client.memory.delete(doomed)  # answered after the delete is scrubbed from the file
    assert doomed_bytes not in _graph_bytes_of(fresh_server.data_dir)
    assert doomed not in {
        m.memory_id for m in client.memory.retrieve(queries[0], top_k=10).memories
    }


def _graph_bytes_of(data_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted((data_dir / DIRECTORY).glob("*.hnsw")))
