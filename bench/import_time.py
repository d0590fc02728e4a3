"""``import mnemexa`` against ``import httpx``: median wall time of fresh interpreter processes.

Both run with bytecode cached in a private ``PYTHONPYCACHEPREFIX`` (written by one warm-up
run each), as after a ``pip install``, even where ``PYTHONDONTWRITEBYTECODE`` is set. The
heaviest modules come from ``python -X importtime``: median self time over a few runs.

    python -m bench.import_time [RUNS]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict

from .report import Report, Target
from .stats import median

SECTION = "import"
TARGET = Target("<=", 1.5)
RUNS = 20
PROFILE_RUNS = 5
HEAVIEST = 5


def _env(cache: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": cache}


def median_ms(code: str, runs: int, env: dict[str, str]) -> float:
    subprocess.run([sys.executable, "-c", code], check=True, env=env)  # warm the cache
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        times.append(time.perf_counter() - started)
    return median(times) * 1000


def heaviest_modules(code: str, env: dict[str, str], top: int = HEAVIEST) -> list[list[object]]:
    """The ``top`` modules with the largest median self import time, as [name, µs]."""
    selves: dict[str, list[int]] = defaultdict(list)
    for _ in range(PROFILE_RUNS):
        stderr = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code],
            check=True,
            env=env,
            capture_output=True,
            text=True,
        ).stderr
        for line in stderr.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            self_us, _, name = line.removeprefix("import time:").split("|")
            selves[name.strip()].append(int(self_us))
    ranked = sorted(selves.items(), key=lambda item: -median(item[1]))
    return [[name, round(median(times))] for name, times in ranked[:top]]


def run(report: Report, runs: int = RUNS) -> None:
    with tempfile.TemporaryDirectory(prefix="mnemexa-pycache-") as cache:
        env = _env(cache)
        bare = median_ms("pass", runs, env)
        httpx_ms = median_ms("import httpx", runs, env)
        mnemexa_ms = median_ms("import mnemexa", runs, env)
        heaviest = heaviest_modules("import mnemexa", env)
    report.detail(SECTION, "runs", runs)
    report.detail(SECTION, "python_startup_ms", round(bare, 1))
    report.detail(SECTION, "heaviest_modules_us", heaviest)
    print(f"  median of {runs} fresh processes; python alone {bare:.1f} ms", flush=True)
    print("  heaviest modules of `import mnemexa` (self time, median of 5 -X importtime runs):")
    for name, us in heaviest:
        print(f"    {name:<40} {us:>7,} us")
    report.add(SECTION, "httpx_ms", httpx_ms, "ms")
    report.add(SECTION, "mnemexa_ms", mnemexa_ms, "ms")
    report.add(SECTION, "ratio_mnemexa_vs_httpx", mnemexa_ms / httpx_ms, "x", TARGET)
    imports_only = (mnemexa_ms - bare) / max(httpx_ms - bare, 1e-9)
    report.add(SECTION, "ratio_imports_only", imports_only, "x", TARGET)


if __name__ == "__main__":
    run(Report(), int(sys.argv[1]) if len(sys.argv) > 1 else RUNS)
