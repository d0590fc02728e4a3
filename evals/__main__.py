"""``python -m evals [stage ...] [--verbose] [--json PATH]``: print every stage's figures."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path

from .report import StageReport, render, to_json

STAGES = [
    "pii",
    "dedup",
    "importance",
    "temporal",
    "categories",
    "retrieval",
    "retrieval-conversations",
    "performance",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals", description=__doc__)
    parser.add_argument("stages", nargs="*", help=f"any of {', '.join(STAGES)} (default: all)")
    parser.add_argument("--verbose", action="store_true", help="also list every miss")
    parser.add_argument("--json", type=Path, help="write the figures to this file as well")
    args = parser.parse_args(argv)
    unknown = set(args.stages) - set(STAGES)
    if unknown:
        parser.error(f"unknown stage: {', '.join(sorted(unknown))}")
    reports: list[StageReport] = []
    for stage in args.stages or STAGES:
        started = time.monotonic()
        print(f"evaluating {stage} ...", file=sys.stderr, flush=True)
        module = importlib.import_module(f"evals.{stage.replace('-', '_')}")
        reports.append(module.evaluate(verbose=args.verbose))
        print(f"  {stage}: {time.monotonic() - started:.1f} s", file=sys.stderr, flush=True)
    print(render(reports))
    if args.json:
        args.json.write_text(json.dumps(to_json(reports), indent=2) + "\n")
    failures = [(r.stage, f.name) for r in reports for f in r.failures]
    for stage, name in failures:
        print(f"FAILED: {stage}: {name}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
