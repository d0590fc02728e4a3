"""schemathesis against the live reference server, bounded for ``make test`` (``make fuzz`` runs long)."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.contract import fuzz
from tests.server.conftest import ServerProcess

HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


def test_schemathesis_finds_no_failure_in_any_operation(tmp_path: Path) -> None:
    spec = yaml.safe_load(fuzz.SPEC.read_text())
    operations = sum(len(HTTP_METHODS & set(item)) for item in spec["paths"].values())
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
