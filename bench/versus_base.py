"""Before and after: store and retrieve p50 of a baseline commit's server and the working tree's.

The issue's bound: store and retrieve p50 through the API must not regress by more than 10%.
Both servers run side by side in this one process's run, so that they see the same machine:

1. "before" is ``server/`` of a git ref (``MNEMEXA_BENCH_BASE``, default ``c1d7f43``): the
   ref's tree, exported by ``git archive`` into a temporary directory (no checkout, no
   worktree), has its ``server/`` put first on ``PYTHONPATH`` of that server's processes.
   "after" is the working tree (the venv's editable install). A child with each server's
   environment is checked to import ``mnemexa_server`` from where it should.
2. Each server gets its own fresh data dir and the settings every bench server has (rate limit
   off, one worker) with the real embedder, and the same ``prefill`` texts by ``store_batch``
   (dedup off, so that both hold exactly that many memories).
3. Warm-up, then timed ``retrieve`` calls on the pre-filled stores and timed single ``store``
   calls of new sentences. The two servers take turns every 10 requests, the same texts in
   the same order on each, the one that goes first alternating, so that drift in the
   machine's load hits both alike (``_alternate`` says why not request by request).

Printed: p50 and p90 before and after, the ratio after/before with a 95% bootstrap interval
(resampling blocks of requests), and ``REGRESSION`` when a p50 ratio exceeds 1.10, with the
machine's load average: other work on the machine widens the interval. If the checkout is not
a git repository or the ref is missing, the section says why and measures nothing.

    python -m bench.versus_base [--base REF] [--after REF] [--smoke]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional, Sequence

from .corpus import sentences
from .report import Report, Target
from .server import running_server, wait_until_idle
from .stats import percentile

if TYPE_CHECKING:
    import mnemexa

SECTION = "versus"
BASE_ENV = "MNEMEXA_BENCH_BASE"
DEFAULT_BASE = "c1d7f43"
LIMIT = Target("<=", 1.10)
ROOT = Path(__file__).resolve().parent.parent
WORKSPACE = "versus"
BATCH = 100
BLOCK = 10  # requests to one server before the other's turn
SETTLE = 0.12  # seconds of quiet before each turn (see _alternate)
SIDES = ("before", "after")
WHERE = "import mnemexa_server, sys; sys.stdout.write(mnemexa_server.__file__)"


@dataclass(frozen=True)
class VersusPlan:
    prefill: int = 2_000  # texts sent by store_batch to each server before timing
    prefill_seconds: float = 40.0  # at most (once half the texts are sent)
    retrieves: int = 300  # timed, per server
    stores: int = 300  # timed, per server
    warmup: int = 10  # retrieves and stores per server, untimed
    retrieve_seconds: float = 25.0  # at most (once a third of the retrieves are done)
    store_seconds: float = 35.0  # at most (once a third of the stores are done)
    embedder: str = "minilm"
    limit: bool = True  # apply the 10% bound (not to the smoke plan's noise)
    resamples: int = 1_000  # bootstrap resamples for the interval of each ratio


FULL = VersusPlan()
SMOKE = VersusPlan(
    prefill=60, retrieves=20, stores=20, warmup=2, embedder="hashing", limit=False, resamples=200
)


class UnavailableError(Exception):
    """The section cannot run here (no git checkout, no such ref); the reason is printed."""


@dataclass(frozen=True)
class Tree:
    """Where one side's server code comes from."""

    label: str  # "c1d7f43 (c1d7f430680a)" or "working tree"
    server_dir: Path  # the directory that holds the mnemexa_server package
    pythonpath: Optional[str]  # None: the venv's own install (the working tree)


def _git(*args: str) -> subprocess.CompletedProcess[bytes]:
    git = shutil.which("git")
    if git is None:
        raise UnavailableError("git is not installed")
    return subprocess.run([git, "-C", str(ROOT), *args], capture_output=True, timeout=120)


def resolve(ref: str) -> str:
    """The commit ``ref`` names, or ``UnavailableError`` saying why there is none."""
    if _git("rev-parse", "--is-inside-work-tree").returncode != 0:
        raise UnavailableError(f"{ROOT} is not a git checkout")
    found = _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if found.returncode != 0:
        raise UnavailableError(
            f"ref {ref!r} is not in this checkout (shallow clone? fetch it, or set {BASE_ENV})"
        )
    return found.stdout.decode().strip()


def export_tree(ref: str, dest: Path) -> Tree:
    """The tree at ``ref`` extracted under ``dest`` by ``git archive`` (a few MB; no checkout).

    The whole tree, not only ``server/``: the server's ``openapi.yaml`` is a symlink into it.
    """
    sha = resolve(ref)
    archive = _git("archive", "--format=tar", sha)
    if archive.returncode != 0:
        raise UnavailableError(f"git archive {ref} failed: {archive.stderr.decode().strip()}")
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(dest, filter="data")
        else:  # Pythons without extraction filters; the archive is our own repository's
            tar.extractall(dest)  # noqa: S202
    server_dir = dest / "server"
    if not (server_dir / "mnemexa_server" / "__init__.py").is_file():
        raise UnavailableError(f"{ref} has no server/mnemexa_server")
    label = sha[:12] if ref == sha else ref if sha.startswith(ref) else f"{ref} ({sha[:12]})"
    previous = os.environ.get("PYTHONPATH")
    pythonpath = str(server_dir) + (os.pathsep + previous if previous else "")
    return Tree(label, server_dir, pythonpath)


def working_tree() -> Tree:
    return Tree("working tree", ROOT / "server", None)


def _changed_files(sha: str) -> str:
    """How the working tree's ``server/`` differs from ``sha``: a short phrase."""
    changed = _git("diff", "--name-only", sha, "--", "server").stdout.decode().split()
    untracked = _git("ls-files", "--others", "--exclude-standard", "--", "server")
    new = untracked.stdout.decode().split()
    return f"{len(changed)} tracked files differ from the base, {len(new)} untracked"


def check_loaded(tree: Tree, env: dict[str, str]) -> Path:
    """Where a child with the server's environment imports ``mnemexa_server`` from.

    Raises if it is not ``tree``'s copy: measuring the wrong code would be worse than nothing.
    """
    result = subprocess.run(
        [sys.executable, "-c", WHERE], env=env, capture_output=True, text=True, timeout=120
    )
    if result.returncode != 0:
        raise RuntimeError(f"{tree.label}: mnemexa_server does not import:\n{result.stderr}")
    loaded = Path(result.stdout.strip()).resolve()
    expected = (tree.server_dir / "mnemexa_server").resolve()
    if loaded.parent != expected:
        raise RuntimeError(f"{tree.label}: the server would load {loaded}, not {expected}")
    return loaded


# -- measuring ----------------------------------------------------------------------------


def _alternate(
    clients: Sequence[mnemexa.Client],
    items: Sequence[str],
    call: Callable[[mnemexa.Client, str], Any],
    seconds: float = float("inf"),
) -> tuple[list[list[float]], list[list[Any]]]:
    """The items in blocks of ``BLOCK``: each block to every client in turn, a pause between.

    Block ``b`` starts with client ``b % n``. Before each client's turn the machine gets
    ``SETTLE`` seconds: numpy's OpenBLAS threads spin about 0.1 s after each call, and on two
    cores a request sent to one server right after the other's would run next to them
    (whichever went second was 25-60% slower, measured on this 2-core machine). Stops early,
    after a whole block, once ``seconds`` have passed and a third of the items are done (a
    loaded machine gets fewer samples, not a longer run). Returns the milliseconds and the
    responses, per client, in item order.
    """
    n = len(clients)
    times: list[list[float]] = [[] for _ in clients]
    replies: list[list[Any]] = [[] for _ in clients]
    deadline = time.perf_counter() + seconds
    for b, first in enumerate(range(0, len(items), BLOCK)):
        if first >= len(items) // 3 and time.perf_counter() > deadline:
            break
        for j in range(n):
            side = (b + j) % n
            time.sleep(SETTLE)
            for item in items[first : first + BLOCK]:
                started = time.perf_counter()
                reply = call(clients[side], item)
                times[side].append((time.perf_counter() - started) * 1000)
                replies[side].append(reply)
    return times, replies


def ratio_interval(
    before: Sequence[float], after: Sequence[float], q: float, resamples: int, seed: int = 1
) -> tuple[float, float]:
    """95% percentile-bootstrap interval of ``quantile(after) / quantile(before)``.

    Resamples whole blocks (``BLOCK`` requests of each side, sent within a second of each
    other), so that bursts of load from outside, which last longer than one request, widen the
    interval as much as they move the figures.
    """
    rng = random.Random(seed)
    blocks = [range(k, min(k + BLOCK, len(before))) for k in range(0, len(before), BLOCK)]
    ratios = []
    for _ in range(resamples):
        picks = [i for _ in blocks for i in blocks[rng.randrange(len(blocks))]]
        ratios.append(
            percentile([after[i] for i in picks], q) / percentile([before[i] for i in picks], q)
        )
    return percentile(ratios, 0.025), percentile(ratios, 0.975)


def _prefill(
    clients: Sequence[mnemexa.Client], texts: Sequence[str], seconds: float
) -> tuple[int, list[int]]:
    """``texts`` by ``store_batch``, dedup off, to all clients at once, batch by batch (untimed).

    Stops after a batch once ``seconds`` have passed and half the texts are sent. Returns the
    texts sent to each and the memories each server holds.
    """
    deadline, sent = time.perf_counter() + seconds, 0
    with ThreadPoolExecutor(len(clients)) as pool:
        while sent < len(texts) and (sent < len(texts) // 2 or time.perf_counter() < deadline):
            batch = list(texts[sent : sent + BATCH])
            calls = [pool.submit(c.memory.store_batch, batch, dedup_mode="off") for c in clients]
            for call in calls:
                call.result()
            sent += len(batch)
    return sent, [int(c.optimize.health().signals.total_memories) for c in clients]


def _dedup_actions(replies: Sequence[Any]) -> dict[str, int]:
    """How many stores dedup kept new, merged, folded...: the work each server did."""
    return dict(Counter(str(getattr(getattr(r, "dedup", None), "action", "?")) for r in replies))


@dataclass(frozen=True)
class Comparison:
    name: str  # "store_p50"
    before: float
    after: float
    low: float
    high: float
    limited: bool

    @property
    def ratio(self) -> float:
        return self.after / self.before

    @property
    def regressed(self) -> bool:
        return self.limited and not LIMIT.met(self.ratio)


def _compare(name: str, times: list[list[float]], plan: VersusPlan) -> list[Comparison]:
    """p50 (under the limit) and p90 (shown only) of one operation, before against after."""
    before, after = times
    out = []
    for pname, pq, limited in ((f"{name}_p50", 0.5, plan.limit), (f"{name}_p90", 0.9, False)):
        low, high = ratio_interval(before, after, pq, plan.resamples)
        out.append(
            Comparison(pname, percentile(before, pq), percentile(after, pq), low, high, limited)
        )
    return out


def _verdict(row: Comparison) -> str:
    bound = LIMIT.bound
    if row.regressed:
        if row.low > bound:
            return f"REGRESSION (> {bound:.2f}, beyond the noise)"
        return f"REGRESSION (> {bound:.2f}; the interval reaches under it: re-run to confirm)"
    if row.high > bound:
        return f"ok (limit {bound:.2f}; the interval reaches past it: noisy run)"
    return f"ok (limit {bound:.2f})"


def _table(rows: Sequence[Comparison], labels: tuple[str, str], plan: VersusPlan) -> str:
    head = f"  {'':<13}{'before':>10}{'after':>10}{'after/before':>14}{'95% interval':>16}  verdict"
    lines = [f"  before = {labels[0]}, after = {labels[1]}", head]
    for row in rows:
        if row.limited:
            verdict = _verdict(row)
        else:
            verdict = "" if plan.limit else "limit not applied (smoke plan)"
        interval = f"{row.low:.3f}-{row.high:.3f}"
        lines.append(
            f"  {row.name.replace('_', ' '):<13}{row.before:>7.2f} ms{row.after:>7.2f} ms"
            f"{row.ratio:>14.3f}{interval:>16}  {verdict}"
        )
    return "\n".join(lines)


def measure(
    report: Report, plan: VersusPlan, trees: tuple[Tree, Tree], workdir: Path
) -> list[Comparison]:
    """Both servers up side by side, the same workload on each, turn by turn."""
    pool = sentences(plan.prefill + plan.stores + plan.warmup, seed=23)
    prefill, fresh = pool[: plan.prefill], pool[plan.prefill :]
    warm_stores, stores = fresh[: plan.warmup], fresh[plan.warmup :]
    queries = [s[: 30 + i % 30] for i, s in enumerate(sentences(plan.retrieves + plan.warmup, 41))]
    warm_queries, queries = queries[: plan.warmup], queries[plan.warmup :]

    with ExitStack() as stack:
        clients, pids = [], []
        for side, tree in zip(SIDES, trees):
            env = {"PYTHONPATH": tree.pythonpath} if tree.pythonpath else {}
            started = time.perf_counter()
            data = workdir / f"versus-{side}"
            server = stack.enter_context(running_server(data, embedder=plan.embedder, env=env))
            assert server.process is not None
            pids.append(server.process.pid)
            loaded = check_loaded(tree, server.env())
            print(
                f"  {side}: {tree.label}, server up in {time.perf_counter() - started:.1f} s, "
                f"loads {loaded}",
                flush=True,
            )
            report.detail(SECTION, f"{side}_code", str(loaded))
            client = server.client(WORKSPACE, max_retries=0)
            clients.append(stack.enter_context(client))

        started = time.perf_counter()
        sent, kept = _prefill(clients, prefill, plan.prefill_seconds)
        for pid in pids:
            wait_until_idle(pid, settle=1.0, timeout=120)
        print(
            f"  pre-filled each by store_batch (dedup off, both at once) with {sent:,} texts in "
            f"{time.perf_counter() - started:.1f} s: memories before {kept[0]:,}, "
            f"after {kept[1]:,}",
            flush=True,
        )
        report.detail(SECTION, "memories_before", kept[0])
        report.detail(SECTION, "memories_after", kept[1])

        def retrieve(c: mnemexa.Client, q: str) -> Any:
            return c.memory.retrieve(q, top_k=10)

        def store(c: mnemexa.Client, t: str) -> Any:
            return c.memory.store(t)

        started = time.perf_counter()
        _alternate(clients, warm_queries, retrieve)
        _alternate(clients, warm_stores, store)
        retrieve_ms, _ = _alternate(clients, queries, retrieve, plan.retrieve_seconds)
        store_ms, replies = _alternate(clients, stores, store, plan.store_seconds)
        samples = {"retrieve": len(retrieve_ms[0]), "store": len(store_ms[0])}
        report.detail(SECTION, "samples", samples)
        print(
            f"  timed per server: {samples['retrieve']} retrieves (top_k 10), then "
            f"{samples['store']} stores, in {time.perf_counter() - started:.1f} s "
            f"(after {plan.warmup} of each to warm up)",
            flush=True,
        )
        outcomes = [_dedup_actions(r) for r in replies]
        report.detail(SECTION, "store_dedup_before", outcomes[0])
        report.detail(SECTION, "store_dedup_after", outcomes[1])
        if outcomes[0] != outcomes[1]:
            print(
                f"  note: the stores ended differently (before {outcomes[0]}, after "
                f"{outcomes[1]}): part of any store difference is different work",
                flush=True,
            )
    return [*_compare("store", store_ms, plan), *_compare("retrieve", retrieve_ms, plan)]


def _record(report: Report, rows: Sequence[Comparison], plan: VersusPlan) -> None:
    for row in rows:
        report.add(SECTION, f"{row.name}_before_ms", row.before, "ms")
        report.add(SECTION, f"{row.name}_after_ms", row.after, "ms")
        report.add(SECTION, f"{row.name}_ratio", row.ratio, "", LIMIT if row.limited else None)
        report.detail(SECTION, f"{row.name}_ratio_95", [round(row.low, 3), round(row.high, 3)])


def run(
    report: Report,
    plan: VersusPlan,
    workdir: Path,
    base: Optional[str] = None,
    after: Optional[str] = None,
) -> bool:
    """The section; ``after`` None is the working tree. False when skipped (reason printed)."""
    base = base or os.environ.get(BASE_ENV) or DEFAULT_BASE
    started, load = time.perf_counter(), _load()
    trees_dir = workdir / "versus-trees"
    try:
        before_tree = export_tree(base, trees_dir / "before")
        if after:
            after_tree = export_tree(after, trees_dir / "after")
        else:
            after_tree = working_tree()
            print(f"  working tree server/: {_changed_files(resolve(base))}", flush=True)
        report.detail(SECTION, "before", before_tree.label)
        report.detail(SECTION, "after", after_tree.label)
        rows = measure(report, plan, (before_tree, after_tree), workdir)
    except UnavailableError as why:
        print(f"  skipped: {why}", flush=True)
        report.detail(SECTION, "skipped", str(why))
        return False
    finally:
        shutil.rmtree(trees_dir, ignore_errors=True)
    _record(report, rows, plan)
    print(_table(rows, (before_tree.label, after_tree.label), plan), flush=True)
    for row in rows:
        if row.regressed:
            print(
                f"  REGRESSION: {row.name.replace('_', ' ')} after/before = {row.ratio:.3f}, "
                f"more than {LIMIT.bound:.2f} (95% interval {row.low:.3f}-{row.high:.3f})",
                flush=True,
            )
    seconds, load = time.perf_counter() - started, f"{load} at the start, {_load()} at the end"
    report.detail(SECTION, "seconds", round(seconds, 1))
    report.detail(SECTION, "load_average", load)
    print(f"  section took {seconds:.0f} s; 1-minute load average {load}", flush=True)
    return True


def _load() -> str:
    """The 1-minute load average over the CPU count, e.g. ``0.4/2``."""
    if not hasattr(os, "getloadavg"):
        return "?"
    return f"{os.getloadavg()[0]:.1f}/{os.cpu_count()}"


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.versus_base", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--base", help=f"the 'before' git ref (default ${BASE_ENV} or {DEFAULT_BASE})"
    )
    parser.add_argument("--after", help="an 'after' git ref instead of the working tree")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: checks it all runs")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)  # clean up (servers, temp dirs) on kill too
    with tempfile.TemporaryDirectory(prefix="mnemexa-bench-versus-") as tmp:
        run(Report(), SMOKE if args.smoke else FULL, Path(tmp), args.base, args.after)
    return 0


if __name__ == "__main__":
    sys.exit(main())
