"""The fault suite's operation table is the spec's: every operation, served by one SDK method.

``operations.py`` derives the table from ``openapi.yaml`` and ``mnemexa.Client``. These tests
fail when a spec operation has no SDK method, when an SDK method serves no spec operation, and
when the derived requests or success bodies do not conform to the spec.
"""

from __future__ import annotations

import json
import types
from typing import Any, Dict
from urllib.parse import parse_qsl, urlsplit

import pytest
from jsonschema import Draft202012Validator
from mnemexa._operation import Call, Resource, operation
from referencing import Registry
from referencing import Resource as SchemaResource
from referencing.jsonschema import DRAFT202012

from .conftest import run_call
from .fault_server import FaultServer, Reply
from .operations import (
    MEMORY,
    OPERATIONS,
    STATUS,
    STORE,
    Operation,
    body_locations,
    coverage,
    get_path,
    load_spec,
    operations,
    sdk_client,
    spec_operations,
)

_URI = "urn:mnemexa:openapi"


def _validator(spec: Dict[str, Any], schema: Dict[str, Any]) -> Draft202012Validator:
    """Validates against ``schema``, whose ``$ref``s point into ``spec``."""
    document = {**spec, "x-under-test": schema}
    resource = SchemaResource.from_contents(document, default_specification=DRAFT202012)
    registry: Registry = Registry().with_resource(_URI, resource)
    return Draft202012Validator({"$ref": f"{_URI}#/x-under-test"}, registry=registry)


def _errors(spec: Dict[str, Any], schema: Dict[str, Any], instance: Any) -> list:
    return [e.message for e in _validator(spec, schema).iter_errors(instance)]


# ---- coverage -----------------------------------------------------------------------------


def test_every_spec_operation_has_an_sdk_method() -> None:
    assert coverage(load_spec(), sdk_client()).uncovered == []


def test_every_sdk_method_serves_a_spec_operation() -> None:
    assert coverage(load_spec(), sdk_client()).unmatched == []


def test_every_spec_operation_is_under_fault() -> None:
    spec_ids = [op.operation_id for op in spec_operations(load_spec())]
    assert [op.spec_operation.operation_id for op in OPERATIONS if op.unwrap == ()] == spec_ids
    assert len({op.name for op in OPERATIONS}) == len(OPERATIONS)
    assert any(op.unwrap for op in OPERATIONS), "no pager is iterated"


def _with_pin_operation(spec: Dict[str, Any]) -> Dict[str, Any]:
    spec["paths"]["/v1/memory/{memory_id}/pin"] = {
        "parameters": spec["paths"]["/v1/memory/{memory_id}"]["parameters"],
        "post": {
            "operationId": "pin_memory",
            "parameters": [{"$ref": "#/components/parameters/IdempotencyKey"}],
            "responses": {
                "200": {
                    "description": "The pinned memory.",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Memory"}}
                    },
                }
            },
        },
    }
    return spec


class _PinResource(Resource[Any]):
    @operation
    def pin(self, memory_id: int, *, timeout: Any = None) -> Call[Any]:
        endpoint = types.ModuleType("mnemexa_api.api.memory.pin_memory")
        return Call(endpoint, memory_id=memory_id)


def test_an_operation_without_an_sdk_method_is_reported() -> None:
    found = coverage(_with_pin_operation(load_spec()), sdk_client())
    assert found.uncovered == ["pin_memory"]
    assert found.unmatched == []


def test_a_method_serving_no_spec_operation_is_reported() -> None:
    spec = load_spec()
    del spec["paths"]["/v1/optimize/health"]
    found = coverage(spec, sdk_client())
    assert found.uncovered == []
    assert len(found.unmatched) == 1
    assert found.unmatched[0].startswith("optimize.health calls get_health")


def test_a_new_operation_with_a_method_joins_the_table_without_edits() -> None:
    client = sdk_client()
    client.pins = _PinResource(client._runner)  # type: ignore[attr-defined]
    spec = _with_pin_operation(load_spec())
    found = coverage(spec, client)
    assert (found.uncovered, found.unmatched) == ([], [])
    (pin,) = [op for op in operations(spec, client) if op.name == "pin_memory"]
    assert (pin.sdk_method, pin.http_method, pin.path) == ("pins.pin", "POST", "/v1/memory/1/pin")
    assert pin.idempotency_key
    assert pin.ok_body == MEMORY
    assert (pin.value_at, pin.nested_at, pin.enum_at) == (
        ("memory_id",),
        ("temporal",),
        ("temporal", "type"),
    )


# ---- the derived values conform to the spec -----------------------------------------------


@pytest.mark.parametrize("op", [op for op in OPERATIONS if op.has_body], ids=lambda op: op.name)
def test_the_success_body_conforms_to_the_spec(op: Operation) -> None:
    schema = op.spec_operation.response_schema
    assert schema is not None
    assert _errors(load_spec(), schema, op.ok_body) == []


@pytest.mark.parametrize(
    ("name", "body"),
    [("MemoryStoreResponse", STORE), ("Memory", MEMORY), ("StatusResponse", STATUS)],
)
def test_the_shared_bodies_conform_to_the_spec(name: str, body: Dict[str, Any]) -> None:
    assert _errors(load_spec(), {"$ref": f"#/components/schemas/{name}"}, body) == []


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.name)
def test_the_mutation_locations_exist_in_the_body(op: Operation) -> None:
    if not op.has_body:
        assert (op.value_at, op.nested_at, op.enum_at) == ((), (), ())
        return
    assert op.value_at, "a body with no required scalar"
    for path in (op.value_at, op.nested_at, op.enum_at):
        if not path:  # a body without a nested object or a documented string has no such place
            continue
        assert path[: len(op.unwrap)] == op.unwrap
        get_path(op.body(), path)
    assert not isinstance(get_path(op.body(), op.value_at), (dict, list, type(None)))
    if op.nested_at:
        assert isinstance(get_path(op.body(), op.nested_at), dict)
    if op.enum_at:
        assert isinstance(get_path(op.body(), op.enum_at), str)


def test_mutation_locations_are_the_first_of_each_kind_depth_first() -> None:
    spec: Dict[str, Any] = {"components": {"schemas": {}}}
    schema = {
        "type": "object",
        "required": ["items", "count"],
        "properties": {
            "note": {"type": "string"},
            "items": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["inner", "id"],
                    "properties": {
                        "inner": {
                            "type": "object",
                            "required": ["kind"],
                            "properties": {
                                "kind": {
                                    "type": "string",
                                    "description": "`a` or `b`.",
                                    "examples": ["a"],
                                }
                            },
                        },
                        "id": {"type": "integer"},
                    },
                },
            },
            "count": {"type": "integer"},
        },
    }
    body = {"note": "n", "items": [{"inner": {"kind": "a"}, "id": 3}], "count": 1}
    found = list(body_locations(spec, schema, body))
    assert found == [
        ("nested", ("items", 0, "inner")),
        ("value", ("items", 0, "inner", "kind")),
        ("enum", ("items", 0, "inner", "kind")),
        ("value", ("items", 0, "id")),
        ("value", ("count",)),
    ]


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.name)
def test_the_call_sends_a_request_the_spec_accepts(
    op: Operation, fault_server: FaultServer
) -> None:
    status = op.ok_status
    fault_server.script(
        Reply(status, op.body()) if op.has_body else Reply(status, b"", content_type=None)
    )
    outcome, _ = run_call("sync", fault_server.url, op.call, max_retries=0)
    assert not isinstance(outcome, Exception), outcome
    (request,) = fault_server.requests
    url = urlsplit(request.path)
    assert (request.method, url.path) == (op.http_method, op.path)
    spec = load_spec()
    declared = {p["name"]: p for p in op.spec_operation.parameters if p["in"] == "query"}
    query = dict(parse_qsl(url.query))
    assert set(query) <= set(declared)
    assert {n for n, p in declared.items() if p.get("required")} <= set(query)
    schema = op.spec_operation.request_schema
    if schema is None:
        assert request.body == b""
    else:
        assert _errors(spec, schema, json.loads(request.body)) == []
