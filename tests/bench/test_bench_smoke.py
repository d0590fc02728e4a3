"""``make bench`` in miniature: every section runs and reports every figure.

Only that the scripts run and report is checked, never a timing: that is the benchmark's job.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.plan import SMOKE, expected_figures
from bench.server_latency import label

LARGEST = label(SMOKE.scale.sizes[-1])  # the scale targets apply at the largest size

ROOT = Path(__file__).resolve().parents[2]


def test_bench_smoke_prints_and_writes_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    written = json.loads(out.read_text())
    summary = result.stdout.split("== Summary", 1)[1]
    for name in expected_figures(SMOKE):
        section, key = name.split(".")
        assert key in written[section], name
        assert name in summary, name
    assert {"M", "ef_construction", "ef", "queries"} <= written["index"].keys()
    assert len(written["import"]["heaviest_modules_us"]) == 5
    assert written["meta"]["plan"] == "smoke"
    assert set(written["targets"]) == {
        "sdk_overhead.retrieve_ratio_vs_httpx",
        "sdk_overhead.store_ratio_vs_httpx",
        "async.ratio_sdk_vs_httpx",
        "import.ratio_mnemexa_vs_httpx",
        "import.ratio_imports_only",
        "index.recall_at_10",
        "server.retrieve_one_user_full_top10",
        *(f"server.retrieve_{LARGEST}_{p}_ms" for p in ("p50", "p95")),
        f"server.start_{LARGEST}_s",
        f"server.rss_{LARGEST}_mb",
        "load.1_worker_errors",
        "load.2_workers_errors",
    }
