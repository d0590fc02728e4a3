"""``import mnemexa`` against ``import httpx``: median wall time of fresh interpreter processes."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 21


def median_ms(code: str) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> int:
    bare, httpx_ms, mnemexa_ms = (
        median_ms("pass"),
        median_ms("import httpx"),
        median_ms("import mnemexa"),
    )
    print(
        f"median of {RUNS} fresh processes: python alone {bare:.1f} ms, "
        f"import httpx {httpx_ms:.1f} ms, import mnemexa {mnemexa_ms:.1f} ms"
    )
    print(
        f"ratio mnemexa/httpx: {mnemexa_ms / httpx_ms:.2f} "
        f"(imports only, startup subtracted: {(mnemexa_ms - bare) / (httpx_ms - bare):.2f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
