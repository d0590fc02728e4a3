"""How much each section of ``make bench`` does: the full plan, the smoke plan, and the
figure names every run must produce."""

from __future__ import annotations

from dataclasses import dataclass, field

from .server_latency import ScalePlan, label


@dataclass(frozen=True)
class Plan:
    overhead_calls: int = 2_000  # per caller, for retrieve and for store
    overhead_preload: int = 1_000
    async_blocks: int = 10  # per side
    async_block: int = 500
    async_concurrency: int = 32
    import_runs: int = 20
    scale: ScalePlan = field(default_factory=ScalePlan)
    load_seconds: float = 60.0
    load_clients: int = 64
    load_workers: tuple[int, ...] = (1, 2)


FULL = Plan()

# A few seconds per section: proves that every script still runs and reports every figure.
SMOKE = Plan(
    overhead_calls=20,
    overhead_preload=30,
    async_blocks=2,
    async_block=48,
    async_concurrency=8,
    import_runs=2,
    scale=ScalePlan(sizes=(100, 200, 400), samples=10, embedder="hashing", hnsw_threshold=300),
    load_seconds=2.0,
    load_clients=8,
)

SECTIONS = ("import", "sdk", "server", "load")


def expected_figures(plan: Plan, sections: tuple[str, ...] = SECTIONS) -> list[str]:
    """``section.name`` of every figure a run of ``sections`` prints and writes."""
    names: dict[str, list[str]] = {
        "import": [
            "import.httpx_ms",
            "import.mnemexa_ms",
            "import.ratio_mnemexa_vs_httpx",
            "import.ratio_imports_only",
        ],
        "sdk": [
            *(
                f"sdk_overhead.{op}_{what}"
                for op in ("retrieve", "store")
                for what in ("ratio_vs_httpx", "overhead_us", "ratio_vs_generated")
            ),
            "async.sdk_rps",
            "async.httpx_rps",
            "async.ratio_sdk_vs_httpx",
        ],
        "server": [
            "server.batch_store_items_per_s",
            *(
                f"server.retrieve_{label(n)}_{p}_ms"
                for n in plan.scale.sizes
                for p in ("p50", "p95")
            ),
            "server.store_p50_ms",
            "server.store_p95_ms",
            "index.recall_at_10",
            "server.retrieve_one_user_p50_ms",
            "server.retrieve_one_user_p95_ms",
            "server.retrieve_one_user_full_top10",
            "server.retrieve_user_1pct_p50_ms",
            "server.retrieve_user_1pct_p95_ms",
            f"server.start_{label(plan.scale.sizes[-1])}_s",
            f"server.rss_{label(plan.scale.sizes[-1])}_mb",
            "server.peak_rss_mb",
        ],
        "load": [
            f"load.{w}_worker{'s' if w > 1 else ''}_{what}"
            for w in plan.load_workers
            for what in ("rps", "p99_ms", "errors")
        ],
    }
    return [name for section in sections for name in names[section]]
