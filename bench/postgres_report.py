"""The side-by-side table of ``make bench-postgres``: one row per figure, SQLite and
PostgreSQL in two columns (figures of the same name in sections ``sqlite`` and ``postgres``),
and their ratio."""

from __future__ import annotations

from dataclasses import replace
from typing import Optional

from .report import Figure, Report

SIDES = ("sqlite", "postgres")

# name -> label, in the table's order; figures not listed follow, by name
LABELS = {
    "store_p50_ms": "store p50 (SDK -> HTTP, real embedder)",
    "store_p95_ms": "store p95",
    "batch_store_items_per_s": "batch store, texts/s (first size)",
    "retrieve_first_p50_ms": "retrieve p50 at the first size",
    "retrieve_first_p95_ms": "retrieve p95 at the first size",
    "bulk_rows_per_s": "bulk load of synthetic rows, rows/s",
    "start_s": "server start at full size (until it answers)",
    "index_build_s": "index build logged at start (SQLite: load)",
    "index_ready_s": "index ready (start + any background build)",
    "retrieve_p50_ms": "retrieve p50 at full size",
    "retrieve_p95_ms": "retrieve p95 at full size",
    "retrieve_user_p50_ms": "retrieve p50, user_id filter (1%)",
    "retrieve_user_p95_ms": "retrieve p95, user_id filter (1%)",
    "user_full_top10": "user filter: full top 10 of the user's",
    "recall_at_10": "recall@10 served (API, dense only)",
    "recall_user_at_10": "recall@10 served, user filter",
    "index_recall_at_10": "recall@10 of the index's SQL (200 q)",
    "vector_sql_p50_ms": "vector SQL alone p50 (top 40)",
    "peak_rss_mb": "server peak RSS at full size",
    "postgres_pss_mb": "PostgreSQL processes, PSS",
    "load_1_node_stores_per_s": "load, 1 node: stores/s",
    "load_1_node_retrieves_per_s": "load, 1 node: retrieves/s",
    "load_1_node_p99_ms": "load, 1 node: p99",
    "load_1_node_errors": "load, 1 node: errors",
    "node_2_start_s": "second node start",
    "load_2_nodes_stores_per_s": "load, 2 nodes: stores/s",
    "load_2_nodes_retrieves_per_s": "load, 2 nodes: retrieves/s",
    "load_2_nodes_p99_ms": "load, 2 nodes: p99",
    "load_2_nodes_errors": "load, 2 nodes: errors",
    "load_2_vs_1_node_rps": "load: 2 nodes / 1 node, requests/s",
}


def _value(figure: Optional[Figure]) -> str:
    if figure is None:
        return "-"
    verdict = figure.verdict()
    return replace(figure, unit="").shown() + (f" ({verdict})" if verdict else "")


def _ratio(sqlite: Optional[Figure], postgres: Optional[Figure]) -> str:
    if sqlite is None or postgres is None:
        return ""
    try:
        a, b = float(sqlite.value), float(postgres.value)
    except (TypeError, ValueError):
        return ""
    return f"{b / a:.2f}x" if a else ""


def side_by_side(report: Report) -> str:
    """Every figure of both sides as one row: label, unit, SQLite, PostgreSQL, PG/SQLite."""
    by_name: dict[str, dict[str, Figure]] = {}
    for figure in report.figures:
        if figure.section in SIDES:
            by_name.setdefault(figure.name, {})[figure.section] = figure
    names = [n for n in LABELS if n in by_name] + sorted(set(by_name) - set(LABELS))
    rows = [("figure", "unit", "SQLite", "PostgreSQL", "PG/SQLite")]
    for name in names:
        pair = by_name[name]
        unit = next(iter(pair.values())).unit
        sqlite, postgres = pair.get("sqlite"), pair.get("postgres")
        rows.append(
            (
                LABELS.get(name, name),
                unit,
                _value(sqlite),
                _value(postgres),
                _ratio(sqlite, postgres),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = [
        "  ".join(
            cell.ljust(width) if i < 2 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths))
        )
        for row in rows
    ]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)
