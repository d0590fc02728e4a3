"""Load: a second process sends a mixed store/retrieve workload to one and to two workers.

For each worker count, a server (real embedder) starts on a copy of the database the latency
section left after its first size, waits until every worker is idle (models loaded, index
built), and ``load_client`` runs against it in its own process for ``seconds``. The rate
limit is off (as in every server this benchmark starts) and all clients share one key.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .report import Report, Target
from .server import peak_rss_mb, running_server, wait_until_idle

SECTION = "load"
ERRORS_TARGET = Target("==", 0)
ROOT = Path(__file__).resolve().parent.parent


def run(
    report: Report,
    database: Path,
    workdir: Path,
    *,
    embedder: str,
    seconds: float,
    clients: int,
    workers: tuple[int, ...] = (1, 2),
) -> None:
    for count in workers:
        data = workdir / f"load-{count}-workers"
        shutil.copytree(database, data)
        with running_server(data, embedder=embedder, workers=count) as server:
            assert server.process is not None
            key = server.new_key("bench")
            wait_until_idle(server.process.pid)
            out = workdir / f"load-{count}.json"
            env = {**os.environ, "MNEMEXA_API_KEY": key, "MNEMEXA_BASE_URL": server.url}
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bench.load_client",
                    "--seconds",
                    str(seconds),
                    "--clients",
                    str(clients),
                    "--out",
                    str(out),
                ],
                check=True,
                cwd=ROOT,
                env=env,
            )
            result = json.loads(out.read_text())
            result["peak_rss_mb"] = round(peak_rss_mb(server.process.pid), 1)
        _record(report, count, result)


def _record(report: Report, workers: int, result: dict[str, object]) -> None:
    name = f"{workers}_worker{'s' if workers > 1 else ''}"
    report.detail(SECTION, name, result)
    print(
        f"  {workers} worker(s): {result['requests']:,} requests in {result['seconds']} s from "
        f"{result['clients']} clients, ops {result['ops']}, errors {result['error_kinds'] or 0}, "
        f"server peak RSS {result['peak_rss_mb']} MiB",
        flush=True,
    )
    report.add(SECTION, f"{name}_rps", result["rps"], "req/s")
    report.add(SECTION, f"{name}_p99_ms", result["p99_ms"], "ms")
    report.add(SECTION, f"{name}_errors", result["errors"], "", ERRORS_TARGET)
