"""Every recorded response conforms to ``openapi.yaml``, and every operation has a cassette."""

from __future__ import annotations

import json

import pytest

from tests.cassettes.files import Interaction, interactions
from tests.contract import spec_responses

RECORDED = list(interactions())


def _id(interaction: Interaction) -> str:
    return f"{interaction.cassette.parent.name}/{interaction.cassette.stem}:{interaction.method}:{interaction.path}"


@pytest.mark.parametrize("interaction", RECORDED, ids=_id)
def test_recorded_response_conforms_to_the_spec(interaction: Interaction) -> None:
    op = spec_responses.find(interaction.method, interaction.path)
    assert op is not None, f"{interaction.method.upper()} {interaction.path} is not in the spec"
    body = json.loads(interaction.body) if interaction.body else None
    assert spec_responses.problems(op, interaction.status, interaction.headers, body) == []


def test_every_operation_has_a_cassette() -> None:
    covered = {
        op.operation_id
        for i in RECORDED
        if (op := spec_responses.find(i.method, i.path)) is not None
    }
    missing = sorted(
        op.operation_id for op in spec_responses.operations() if op.operation_id not in covered
    )
    assert missing == [], f"operations with no cassette: {missing}"


def test_the_cassettes_record_errors_401_404_422_429_and_503() -> None:
    statuses = {i.status for i in RECORDED}
    assert {401, 404, 422, 429, 503} <= statuses


def test_the_checker_rejects_a_non_conforming_response() -> None:
    op = spec_responses.find("get", "/v1/memory/7")
    assert op is not None
    assert spec_responses.problems(op, 200, {}, {"memory_id": "seven"}) != []  # no header, bad body
    assert spec_responses.problems(op, 418, {"x-request-id": ["r"]}, None) != []
    limited = spec_responses.problems(
        op,
        429,
        {"x-request-id": ["r"]},
        {"code": "rate_limited", "message": "m", "request_id": "r"},
    )
    assert limited == ["required header Retry-After is missing"]
