"""schemathesis against the live reference server, bounded for ``make test`` (``make fuzz`` runs long)."""

from __future__ import annotations

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
