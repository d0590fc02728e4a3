"""``make bench``: run every section, print one table of figures, write them as JSON.

    python -m bench [--json PATH] [--smoke] [--only import,sdk,server,load,ingest,versus]

Sections, in order: ``import`` (import time), ``sdk`` (SDK overhead per call and async
throughput, against a server with the fast hashing embedder so that the SDK's own cost is
as visible as it can be), ``server`` (latency at three sizes and the index's recall, real
embedder), ``load`` (one and two workers, real embedder; needs ``server``), ``ingest``
(events accepted and processed per second, and exactly once across a ``kill -9``;
``bench/ingest.py``), ``versus`` (store and retrieve p50 of a baseline commit's server
against the working tree's, side by side; ``bench/versus_base.py``).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional, Sequence

from . import (
    async_throughput,
    import_time,
    ingest,
    load,
    sdk_overhead,
    server_latency,
    versus_base,
)
from .corpus import sentences
from .plan import FULL, SECTIONS, SMOKE, Plan, expected_figures
from .report import Report
from .server import running_server

DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "latest.json"
# ingest and versus: their figures are checked by their own sections, not expected_figures
ALL_SECTIONS = (*SECTIONS, ingest.SECTION, versus_base.SECTION)


def _sdk_sections(report: Report, plan: Plan, workdir: Path) -> None:
    with running_server(workdir / "sdk", embedder="hashing") as server:
        with server.client("sdk-bench") as client:
            texts = sentences(plan.overhead_preload, seed=3)
            for i in range(0, len(texts), 100):
                client.memory.store_batch(texts[i : i + 100])
        key = server.keys[-1]
        _header("SDK overhead per call (sync)")
        sdk_overhead.run(report, server.url, key, plan.overhead_calls)
        _header("Async throughput")
        async_throughput.run(
            report,
            server.url,
            key,
            blocks=plan.async_blocks,
            block=plan.async_block,
            concurrency=plan.async_concurrency,
        )


def _header(title: str) -> None:
    print(f"\n== {title}", flush=True)


def run(plan: Plan, sections: tuple[str, ...], workdir: Path) -> Report:
    report = Report()
    if "import" in sections:
        _header("Import time")
        import_time.run(report, plan.import_runs)
    if "sdk" in sections:
        _sdk_sections(report, plan, workdir)
    if "server" in sections:
        _header(f"Server latency and scale (embedder: {plan.scale.embedder})")
        first_size = server_latency.run(report, plan.scale, workdir)
        if "load" in sections:
            _header("Load")
            load.run(
                report,
                first_size,
                workdir,
                embedder=plan.scale.embedder,
                seconds=plan.load_seconds,
                clients=plan.load_clients,
                workers=plan.load_workers,
            )
    if ingest.SECTION in sections:
        _header("Ingestion: events accepted and processed, exactly once across kill -9")
        ingest.run(report, ingest.SMOKE if plan == SMOKE else ingest.FULL, workdir)
    if versus_base.SECTION in sections:
        _header("Before and after: store and retrieve p50, baseline commit vs working tree")
        versus_base.run(report, versus_base.SMOKE if plan == SMOKE else versus_base.FULL, workdir)
    return report


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write JSON")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: checks it all runs")
    parser.add_argument("--only", default=",".join(ALL_SECTIONS), help="comma-separated sections")
    args = parser.parse_args(argv)
    sections = tuple(s for s in ALL_SECTIONS if s in args.only.split(","))
    if "load" in sections and "server" not in sections:
        parser.error("the load section needs the server section (it loads its database)")
    plan = SMOKE if args.smoke else FULL
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mnemexa-bench-") as tmp:
        report = run(plan, sections, Path(tmp))
    elapsed = time.perf_counter() - started
    print(f"\n== Summary ({'smoke' if args.smoke else 'full'} plan, {elapsed:.0f} s)\n")
    print(report.table())
    missing = set(expected_figures(plan, tuple(s for s in sections if s in SECTIONS))) - {
        f"{f.section}.{f.name}" for f in report.figures
    }
    meta = {
        "plan": "smoke" if args.smoke else "full",
        "sections": list(sections),
        "seconds": round(elapsed, 1),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "finished": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    report.write(args.json, meta)
    print(f"\nwritten to {args.json}")
    if missing:
        print(f"missing figures: {sorted(missing)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
