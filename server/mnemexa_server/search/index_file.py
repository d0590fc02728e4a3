"""A workspace's HNSW graph saved in the data dir, so that a start loads it instead of
building it again (45 s at 50k vectors, over a minute at 100k on 2 cores).

Files, in ``<data dir>/vector-index/``:

- ``ws-<id>.<seq>.<random>.hnsw``: the graph, as hnswlib's ``save_index`` writes it.
- ``ws-<id>.json``: the header, which names the graph file it belongs to. Renaming a new
  header over the old one is the commit point of a save.
- ``ws-<id>.lock``: ``flock``-ed by whoever saves, scrubs, loads or removes the files, so
  that processes sharing a data dir never interleave their writes.

The header records the change-log sequence the graph was saved at (``seq``) and the change
logged under that sequence (another database, say one restored from a backup, will not have
the same one), the embedder's name and dimension, the graph file's size and the SHA-256 of
each MiB of it. ``load`` refuses (``IndexFileError``) a graph whose header or bytes do not
match, and whoever loads it then compares every vector in it with the database
(``slot_fingerprints``; ``search/index_sync.py``) before using it.

Writing is crash-safe: the graph goes to a temporary file, is scrubbed, ``fsync``-ed and
renamed; then the header likewise; then the directory is ``fsync``-ed and the old graph file
removed. A ``kill -9`` at any point leaves either the old header and graph, or the new ones,
and at worst stray files that the next save removes.

**Deleted means gone.** hnswlib only marks a deleted element; its vector stays in the
element's slot and ``save_index`` writes it out. So before a graph file is committed, each
deleted slot's vector is overwritten with the vector of one of its live neighbours (it keeps
the slot near where it was, for the searches that pass through it), and ``scrub`` does the
same in the committed file for memories deleted after it was saved: each deleting process
does it right after its delete commits.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import secrets
import struct
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

import numpy as np

log = logging.getLogger("mnemexa.server")

FORMAT = 1
DIRECTORY = "vector-index"
BLOCK = 1 << 20  # the size of each checksummed piece of a graph file
READ_SLOTS = 4096  # slots read at a time when scanning a graph file
DIR_MODE = 0o700
FILE_MODE = 0o600

# hnswlib 0.8's file header (hnswalg.h, saveIndex): offsetLevel0, max_elements,
# cur_element_count, size_data_per_element, label_offset, offsetData (size_t each), maxlevel
# (int), enterpoint_node (uint32), maxM, maxM0, M (size_t), mult (double), ef_construction.
_GRAPH_HEADER = struct.Struct("<QQQQQQiIQQQdQ")
_DELETED = 0x01  # in byte 2 of an element's level-0 link header
_FINGERPRINT_SEED = 20_260_517


class _NothingToScrubError(Exception):
    pass


class IndexFileError(Exception):
    """A saved graph that must not be used (the reason is the message)."""


@dataclass(frozen=True)
class Header:
    format: int
    workspace_id: int
    seq: int  # the change-log sequence the graph holds every change up to
    change: Optional[list[Any]]  # [workspace_id, memory_id, op] logged at ``seq``
    scrubbed_seq: int  # memories deleted up to here are scrubbed from the file
    embedder: str
    dim: int
    count: int  # live memories in the graph when saved
    graph: str  # the graph file's name
    graph_bytes: int
    blocks: list[str]  # SHA-256 of each BLOCK of the graph file
    saved_at: float

    @classmethod
    def parse(cls, raw: bytes) -> Header:
        fields = json.loads(raw)
        return cls(**fields)

    def dump(self) -> bytes:
        return json.dumps(asdict(self), indent=1).encode()


@dataclass(frozen=True)
class Layout:
    """Where things are in an hnswlib graph file."""

    count: int  # elements (slots) in the file, deleted ones included
    slot_bytes: int
    label_offset: int
    data_offset: int
    dim: int

    @classmethod
    def read(cls, path: Path) -> Layout:
        with open(path, "rb") as f:
            raw = f.read(_GRAPH_HEADER.size)
        if len(raw) < _GRAPH_HEADER.size:
            raise IndexFileError("the graph file is shorter than its header")
        values = _GRAPH_HEADER.unpack(raw)
        offset_level0, _, count, slot_bytes, label_offset, data_offset = values[:6]
        if offset_level0 != 0 or not 0 < data_offset < label_offset < slot_bytes:
            raise IndexFileError("not an hnswlib 0.8 graph file")
        return cls(count, slot_bytes, label_offset, data_offset, (label_offset - data_offset) // 4)

    def slot_at(self, slot: int) -> int:
        return _GRAPH_HEADER.size + slot * self.slot_bytes


@dataclass(frozen=True)
class Slots:
    """What a graph file holds, slot by slot."""

    labels: np.ndarray  # int64 memory id of each slot
    deleted: np.ndarray  # bool
    fingerprints: np.ndarray  # uint64 fingerprint of each slot's vector

    def live(self) -> tuple[np.ndarray, np.ndarray]:
        """(memory ids, fingerprints) of the live slots, sorted by id."""
        keep = ~self.deleted
        labels, prints = self.labels[keep], self.fingerprints[keep]
        order = np.argsort(labels, kind="stable")
        return labels[order], prints[order]


@dataclass(frozen=True)
class Loaded:
    graph: Any  # hnswlib.Index
    header: Header
    slots: Slots


def fingerprints(vectors: np.ndarray) -> np.ndarray:
    """A 64-bit fingerprint of each float32 row's bytes (for comparing, not for security)."""
    rows = np.ascontiguousarray(vectors, dtype=np.float32)
    words = rows.view(np.uint64) if rows.shape[1] % 2 == 0 else _padded(rows)
    weights = _weights(words.shape[1])
    with np.errstate(over="ignore"):
        summed: np.ndarray = (words * weights).sum(axis=1, dtype=np.uint64)
    return summed


def _padded(rows: np.ndarray) -> np.ndarray:
    padded = np.zeros((rows.shape[0], rows.shape[1] + 1), dtype=np.float32)
    padded[:, :-1] = rows
    return padded.view(np.uint64)


def _weights(n: int) -> np.ndarray:
    rng = np.random.default_rng(_FINGERPRINT_SEED)
    return rng.integers(0, 2**63, size=n, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


def scan(path: Path, layout: Layout) -> tuple[Slots, list[str]]:
    """Read a graph file once: its slots, and the SHA-256 of each BLOCK of the whole file."""
    labels = np.empty(layout.count, dtype=np.int64)
    deleted = np.empty(layout.count, dtype=bool)
    prints = np.empty(layout.count, dtype=np.uint64)
    blocks: list[str] = []
    block = hashlib.sha256()
    in_block = 0

    def digest(data: memoryview) -> None:
        nonlocal block, in_block
        while len(data):
            take = min(len(data), BLOCK - in_block)
            block.update(data[:take])
            data, in_block = data[take:], in_block + take
            if in_block == BLOCK:
                blocks.append(block.hexdigest())
                block, in_block = hashlib.sha256(), 0

    with open(path, "rb") as f:
        digest(memoryview(f.read(_GRAPH_HEADER.size)))
        buffer = bytearray(READ_SLOTS * layout.slot_bytes)
        for start in range(0, layout.count, READ_SLOTS):
            n = min(READ_SLOTS, layout.count - start)
            view = memoryview(buffer)[: n * layout.slot_bytes]
            if f.readinto(view) != len(view):
                raise IndexFileError("the graph file is truncated")
            digest(view)
            slots = np.frombuffer(view, dtype=np.uint8).reshape(n, layout.slot_bytes)
            labels[start : start + n] = (
                slots[:, layout.label_offset : layout.label_offset + 8].copy().view("<i8")[:, 0]
            )
            deleted[start : start + n] = (slots[:, 2] & _DELETED) != 0
            vectors = slots[:, layout.data_offset : layout.data_offset + 4 * layout.dim]
            prints[start : start + n] = fingerprints(vectors.copy().view("<f4"))
        while chunk := f.read(BLOCK):
            digest(memoryview(chunk))
    if in_block or not blocks:
        blocks.append(block.hexdigest())
    return Slots(labels, deleted, prints), blocks


def _hash_blocks(f: Any, size: int, which: Sequence[int], blocks: list[str]) -> None:
    for index in which:
        f.seek(index * BLOCK)
        blocks[index] = hashlib.sha256(f.read(min(BLOCK, size - index * BLOCK))).hexdigest()


def scrub_slots(f: Any, layout: Layout, slots: Sequence[int]) -> None:
    """Mark ``slots`` deleted in an open graph file and overwrite each one's vector with a
    live neighbour's (zeros if it has none)."""
    vector_bytes = 4 * layout.dim
    for slot in slots:
        at = layout.slot_at(slot)
        f.seek(at)
        head = bytearray(f.read(4))
        count = int.from_bytes(head[:2], "little")
        neighbours = np.frombuffer(f.read(4 * count), dtype="<u4")
        replacement = bytes(vector_bytes)
        for neighbour in neighbours.tolist():
            if neighbour >= layout.count or neighbour == slot:
                continue
            f.seek(layout.slot_at(neighbour) + 2)
            if f.read(1)[0] & _DELETED:
                continue
            f.seek(layout.slot_at(neighbour) + layout.data_offset)
            replacement = f.read(vector_bytes)
            break
        head[2] |= _DELETED
        f.seek(at)
        f.write(head)
        f.seek(at + layout.data_offset)
        f.write(replacement)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


# Saves: (graph path to write) -> (seq, change at seq, live count), or None: nothing to save.
Snapshot = Callable[[str], Optional[tuple[int, Optional[list[Any]], int]]]


class IndexFiles:
    """The saved graphs of one data dir, for one embedder."""

    def __init__(self, directory: Path, embedder: str, dim: int) -> None:
        self.directory = Path(directory)
        self.embedder = embedder
        self.dim = dim
        self._threads: dict[int, threading.RLock] = {}
        self._held: dict[int, tuple[int, int]] = {}  # workspace -> (fd, depth)
        self._guard = threading.Lock()
        self._slots: dict[tuple[int, str], np.ndarray] = {}  # (ws, graph) -> labels by slot

    # -- paths and the lock ---------------------------------------------------------------

    def header_path(self, workspace_id: int) -> Path:
        return self.directory / f"ws-{workspace_id}.json"

    def _ensure_dir(self) -> None:
        self.directory.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)

    @contextlib.contextmanager
    def lock(self, workspace_id: int) -> Iterator[None]:
        """Exclusive use of a workspace's files, across threads and processes (reentrant)."""
        with self._guard:
            thread_lock = self._threads.setdefault(workspace_id, threading.RLock())
        with thread_lock:
            fd, depth = self._held.get(workspace_id, (-1, 0))
            if depth == 0:
                self._ensure_dir()
                fd = os.open(
                    self.directory / f"ws-{workspace_id}.lock", os.O_RDWR | os.O_CREAT, FILE_MODE
                )
                fcntl.flock(fd, fcntl.LOCK_EX)
            self._held[workspace_id] = (fd, depth + 1)
            try:
                yield
            finally:
                fd, depth = self._held[workspace_id]
                if depth == 1:
                    del self._held[workspace_id]
                    fcntl.flock(fd, fcntl.LOCK_UN)
                    os.close(fd)
                else:
                    self._held[workspace_id] = (fd, depth - 1)

    def header(self, workspace_id: int) -> Optional[Header]:
        """The committed header, or None (no file, or one that cannot be read)."""
        try:
            return Header.parse(self.header_path(workspace_id).read_bytes())
        except FileNotFoundError:
            return None
        except (ValueError, TypeError) as exc:
            log.warning("vector index header of workspace %d unreadable: %s", workspace_id, exc)
            return None

    def saved_workspaces(self) -> set[int]:
        if not self.directory.is_dir():
            return set()
        found = set()
        for path in self.directory.glob("ws-*.*"):
            with contextlib.suppress(ValueError):
                found.add(int(path.name.split(".")[0][3:]))
        return found

    # -- save -----------------------------------------------------------------------------

    def save(self, workspace_id: int, snapshot: Snapshot) -> Optional[Header]:
        """Save a workspace's graph: ``snapshot(path)`` writes it (after catching up, under
        this lock) and returns what it holds. Keeps a newer save of another process."""
        with self.lock(workspace_id):
            started = time.perf_counter()
            old = self.header(workspace_id)
            name = f"ws-{workspace_id}.{secrets.token_hex(6)}.hnsw"
            temporary = self.directory / f"{name}.tmp"
            try:
                taken = snapshot(str(temporary))
                if taken is None:
                    return None
                seq, change, count = taken
                if old is not None and old.seq >= seq:
                    return old  # another process saved this or a later state
                os.chmod(temporary, FILE_MODE)
                layout = Layout.read(temporary)
                with open(temporary, "r+b") as f:
                    scrub_slots(f, layout, self._deleted_slots(temporary, layout))
                    f.flush()
                    os.fsync(f.fileno())
                slots, blocks = scan(temporary, layout)
                final = self.directory / f"ws-{workspace_id}.{seq}.{name.split('.')[1]}.hnsw"
                os.replace(temporary, final)
                _fsync_dir(self.directory)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    temporary.unlink()
            header = Header(
                format=FORMAT,
                workspace_id=workspace_id,
                seq=seq,
                change=change,
                scrubbed_seq=seq,
                embedder=self.embedder,
                dim=self.dim,
                count=count,
                graph=final.name,
                graph_bytes=final.stat().st_size,
                blocks=blocks,
                saved_at=time.time(),
            )
            self._commit(header)
            self._slots = {k: v for k, v in self._slots.items() if k[0] != workspace_id}
            self._slots[(workspace_id, final.name)] = slots.labels
            self._remove_graphs(workspace_id, keep=final.name)
            log.info(
                "vector index saved: workspace %d, %d memories at change %d, %.1f MiB in %.0f ms",
                workspace_id,
                count,
                seq,
                header.graph_bytes / 2**20,
                (time.perf_counter() - started) * 1000,
            )
            return header

    @staticmethod
    def _deleted_slots(path: Path, layout: Layout) -> list[int]:
        """Slots marked deleted in a graph file."""
        found: list[int] = []
        with open(path, "rb") as f:
            for start in range(0, layout.count, READ_SLOTS):
                n = min(READ_SLOTS, layout.count - start)
                f.seek(layout.slot_at(start))
                raw = f.read(n * layout.slot_bytes)
                flags = np.frombuffer(raw, dtype=np.uint8).reshape(n, layout.slot_bytes)[:, 2]
                found.extend((np.nonzero(flags & _DELETED)[0] + start).tolist())
        return found

    def _commit(self, header: Header) -> None:
        path = self.header_path(header.workspace_id)
        temporary = path.with_name(path.name + ".tmp")
        _write_private(temporary, header.dump())
        os.replace(temporary, path)
        _fsync_dir(self.directory)

    def _remove_graphs(self, workspace_id: int, keep: Optional[str] = None) -> None:
        for path in self.directory.glob(f"ws-{workspace_id}.*"):
            if path.name != keep and path.suffix in (".hnsw", ".tmp"):
                path.unlink(missing_ok=True)

    # -- load -----------------------------------------------------------------------------

    def load(
        self, workspace_id: int, latest_seq: int, change_at: Callable[[int], Optional[list[Any]]]
    ) -> Optional[Loaded]:
        """The saved graph of a workspace, checked against its header; None if there is
        none; ``IndexFileError`` if there is one that must not be used."""
        import hnswlib

        with self.lock(workspace_id):
            header = self.header(workspace_id)
            if header is None:
                if self.header_path(workspace_id).exists():
                    raise IndexFileError("unreadable header")
                return None
            self._check(header, workspace_id, latest_seq, change_at)
            path = self.directory / header.graph
            if not path.is_file() or path.stat().st_size != header.graph_bytes:
                raise IndexFileError("the graph file is missing or has another size")
            layout = Layout.read(path)
            if layout.dim != self.dim:
                raise IndexFileError(f"the graph holds {layout.dim}-dim vectors")
            slots, blocks = scan(path, layout)
            if blocks != header.blocks:
                raise IndexFileError("the graph file's checksum differs from its header's")
            graph = hnswlib.Index(space="ip", dim=self.dim)
            capacity = layout.count + 1024  # grows (by mremap, no copy) when needed
            graph.load_index(str(path), max_elements=capacity, allow_replace_deleted=True)
            self._slots[(workspace_id, header.graph)] = slots.labels
            return Loaded(graph, header, slots)

    def _check(
        self,
        header: Header,
        workspace_id: int,
        latest_seq: int,
        change_at: Callable[[int], Optional[list[Any]]],
    ) -> None:
        if header.format != FORMAT:
            raise IndexFileError(f"format {header.format}, expected {FORMAT}")
        if header.workspace_id != workspace_id:
            raise IndexFileError(f"the header is workspace {header.workspace_id}'s")
        if (header.embedder, header.dim) != (self.embedder, self.dim):
            raise IndexFileError(f"saved with embedder {header.embedder} ({header.dim}-dim)")
        if header.seq > latest_seq:
            raise IndexFileError(f"saved at change {header.seq}, the database is at {latest_seq}")
        if change_at(header.seq) != header.change:
            raise IndexFileError(f"change {header.seq} of the database is not the saved one")

    # -- scrub and remove -----------------------------------------------------------------

    def scrub(
        self, workspace_id: int, upto: int, deleted_between: Callable[[int, int], list[int]]
    ) -> int:
        """Remove from the saved graph the vectors of memories deleted up to change
        ``upto`` (``deleted_between(after, upto)`` lists them); return how many."""
        if not self.header_path(workspace_id).exists():
            return 0
        with self.lock(workspace_id):
            header = self.header(workspace_id)
            if header is None:
                return 0
            done = max(header.seq, header.scrubbed_seq)
            if done >= upto:
                return 0
            path = self.directory / header.graph
            deleted = set(deleted_between(done, upto))
            try:
                layout = Layout.read(path)
                labels = self._slots.get((workspace_id, header.graph))
                if labels is None:
                    labels = scan(path, layout)[0].labels
                    self._slots[(workspace_id, header.graph)] = labels
                targets = np.nonzero(np.isin(labels, np.fromiter(deleted, np.int64)))[0]
                slots = targets.tolist()
                blocks = list(header.blocks)
                with open(path, "r+b") if slots else contextlib.nullcontext() as f:
                    if f is None:  # none of them is in the file
                        raise _NothingToScrubError
                    scrub_slots(f, layout, slots)
                    f.flush()
                    os.fsync(f.fileno())
                    touched = sorted(
                        {
                            (layout.slot_at(s) + offset) // BLOCK
                            for s in slots
                            for offset in (0, 3, layout.data_offset, layout.label_offset - 1)
                        }
                    )
                    _hash_blocks(f, header.graph_bytes, touched, blocks)
            except _NothingToScrubError:
                slots = []
            except (OSError, IndexFileError) as exc:
                log.warning("vector index file of workspace %d dropped: %s", workspace_id, exc)
                self._remove_all(workspace_id)
                return 0
            scrubbed = Header(**{**asdict(header), "scrubbed_seq": upto, "blocks": blocks})
            self._commit(scrubbed)
            return len(slots)

    def remove(self, workspace_id: int) -> None:
        """Delete a workspace's saved graph (its workspace is empty, or the file is bad)."""
        if not self.directory.is_dir():
            return
        with self.lock(workspace_id):
            self._remove_all(workspace_id)

    def _remove_all(self, workspace_id: int) -> None:
        self.header_path(workspace_id).unlink(missing_ok=True)
        self._remove_graphs(workspace_id)
        self._slots = {k: v for k, v in self._slots.items() if k[0] != workspace_id}
        _fsync_dir(self.directory)

    def prune(self, keep: set[int]) -> None:
        """Delete the saved graphs of workspaces other than ``keep`` (deleted or emptied
        while no server ran)."""
        for workspace_id in self.saved_workspaces() - keep:
            self.remove(workspace_id)
