"""schemathesis against a live reference server: every operation, every check, stateful links.

``make fuzz`` runs the long version (``python -m tests.contract.fuzz``); ``make test`` runs a
bounded one through ``test_schemathesis.py``. Both start a server on 127.0.0.1 with a fresh
data dir, create a workspace key, and fail on any failure schemathesis reports.

``make fuzz`` then runs the hostile-JSON Hypothesis test (``tests/server/test_hostile_json.py``)
with ``--hostile-examples`` cases (20,000 by default; ``make test`` runs 2,000) and, given a
``--hostile-seed``, other cases than the fixed set ``make test`` runs.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from tests.server.conftest import ServerProcess

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "openapi.yaml"
_CASES = re.compile(r"(\d+) generated, (.*)")
_TESTED = re.compile(r"Tested: (\d+)")
_SCENARIOS = re.compile(r"Scenarios:\s+(\d+)")


@dataclass(frozen=True)
class FuzzRun:
    """What one schemathesis run reported."""

    returncode: int
    output: str
    cases: int
    operations_tested: int
    stateful_scenarios: int

    @property
    def passed(self) -> bool:
        return self.returncode == 0


def _number(pattern: re.Pattern[str], output: str) -> int:
    found = pattern.search(output)
    return int(found.group(1)) if found else -1


def run(
    server: ServerProcess,
    key: str,
    *,
    max_examples: int,
    seed: int = 1,
    max_time: Optional[int] = None,
    extra: Sequence[str] = (),
) -> FuzzRun:
    """Run schemathesis with every check and phase against ``server``."""
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "run",
        str(SPEC),
        "--url",
        server.url,
        "-H",
        f"Authorization: Bearer {key}",
        "--checks",
        "all",
        "--max-examples",
        str(max_examples),
        "--seed",
        str(seed),
        "--generation-database",
        "none",
        "--no-color",
        *(["--max-time", str(max_time)] if max_time else []),
        *extra,
    ]
    # From the root, schemathesis reads schemathesis.toml, which loads the API's own rules.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("SCHEMATHESIS_HOOKS", None)
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=3600, check=False
    )
    output = done.stdout + done.stderr
    return FuzzRun(
        returncode=done.returncode,
        output=output,
        cases=_number(_CASES, output),
        operations_tested=_number(_TESTED, output),
        stateful_scenarios=_number(_SCENARIOS, output),
    )


HOSTILE_TEST = "tests/server/test_hostile_json.py"


def run_hostile(examples: int, seed: Optional[int]) -> int:
    """The hostile-JSON Hypothesis test with ``examples`` cases; it prints its own figures."""
    env = {**os.environ, "MNEMEXA_HOSTILE_EXAMPLES": str(examples), "PYTHONPATH": str(ROOT)}
    if seed is not None:
        env["MNEMEXA_HOSTILE_SEED"] = str(seed)
    command = [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", HOSTILE_TEST]
    return subprocess.run(command, cwd=ROOT, env=env, timeout=7200, check=False).returncode


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=500, help="cases per operation")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-time", type=int, default=None, help="seconds for the whole run")
    parser.add_argument(
        "--hostile-examples", type=int, default=20_000, help="hostile-JSON cases (0: skip)"
    )
    parser.add_argument(
        "--hostile-seed", type=int, default=None, help="default: the fixed cases of make test"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        server = ServerProcess(Path(tmp))
        server.start()
        try:
            result = run(
                server,
                server.new_key("fuzz"),
                max_examples=args.max_examples,
                seed=args.seed,
                max_time=args.max_time,
            )
        finally:
            server.stop()
    print(result.output)
    print(
        f"fuzz: {result.cases} cases, {result.operations_tested} operations, "
        f"{result.stateful_scenarios} stateful scenarios: {'PASS' if result.passed else 'FAIL'}"
    )
    hostile = run_hostile(args.hostile_examples, args.hostile_seed) if args.hostile_examples else 0
    return result.returncode or hostile


if __name__ == "__main__":
    raise SystemExit(main())
