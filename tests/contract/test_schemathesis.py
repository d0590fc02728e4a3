"""schemathesis against the live reference server, bounded for ``make test`` (``make fuzz`` runs long)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.contract import fuzz, spec_responses
from tests.server.conftest import ServerProcess


def test_schemathesis_finds_no_failure_in_any_operation(tmp_path: Path) -> None:
    operations = len(spec_responses.operations())
    server = ServerProcess(tmp_path)
    server.start()
    try:
        result = fuzz.run(server, server.new_key("fuzz"), max_examples=20)
    finally:
        server.stop()
    assert result.passed, result.output[-8000:]
    assert result.operations_tested == operations
    assert result.stateful_scenarios > 0  # store → get/update/delete → get, through the links
    assert result.cases >= 400
    print(f"\nschemathesis: {result.cases} cases over {operations} operations, 0 failures")


def test_an_outside_run_with_default_settings_is_clean(tmp_path: Path) -> None:
    """What a user gets: ``schemathesis run openapi.yaml --checks all`` from the repository
    root, nothing else set, against a fresh server with its default settings."""
    server = ServerProcess(tmp_path, env_overrides={"MNEMEXA_RATE_LIMIT": "50"})
    server.start()
    try:
        command = [sys.executable, "-m", "schemathesis.cli", "run", "openapi.yaml"]
        command += ["--url", server.url, "-H", f"Authorization: Bearer {server.new_key('st')}"]
        env = {k: v for k, v in os.environ.items() if not k.startswith("SCHEMATHESIS_")}
        done = subprocess.run(
            [*command, "--checks", "all", "--no-color"],
            cwd=fuzz.ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    finally:
        server.stop()
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-8000:]
    assert fuzz._number(fuzz._TESTED, output) == len(spec_responses.operations()), output[-4000:]
