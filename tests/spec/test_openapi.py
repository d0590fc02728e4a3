"""``openapi.yaml`` is a valid OpenAPI 3.1 document and follows the API's conventions."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Iterator, Tuple

import pytest
import yaml
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi.yaml"
METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def spec() -> Dict[str, Any]:
    return yaml.safe_load(SPEC_PATH.read_text())


def _resolve(spec: Dict[str, Any], node: Dict[str, Any]) -> Dict[str, Any]:
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def _operations(spec: Dict[str, Any]) -> Iterator[Tuple[str, str, Dict[str, Any]]]:
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method in METHODS:
                yield path, method, op


def test_spec_is_valid_openapi_3_1():
    spec_dict, base_uri = read_from_filename(str(SPEC_PATH))
    assert spec_dict["openapi"].startswith("3.1")
    validate(spec_dict, base_uri=base_uri)


def test_the_seed_operations_exist_as_the_seed_names_them(spec):
    ops = {(m.upper(), p): op["operationId"] for p, m, op in _operations(spec)}
    assert (
        ops.items()
        >= {
            ("POST", "/v1/memory/store"): "store_memory",
            ("POST", "/v1/memory/store_batch"): "store_memory_batch",
            ("POST", "/v1/memory/retrieve"): "retrieve_memories",
            ("GET", "/v1/memory"): "list_memories",
            ("GET", "/v1/memory/{memory_id}"): "get_memory",
            ("PATCH", "/v1/memory/{memory_id}"): "update_memory",
            ("DELETE", "/v1/memory/{memory_id}"): "delete_memory",
            ("GET", "/v1/optimize/health"): "get_health",
            ("GET", "/v1/status"): "get_status",
        }.items()
    )


READ_ONLY_POSTS = {
    "retrieve_memories",
    "get_event_status",
}  # DESIGN.md: read-only POSTs declare no key


def test_every_state_changing_operation_accepts_an_idempotency_key(spec):
    """DESIGN.md: writes (POST, PATCH, DELETE) declare the key and say when a response is a
    replay; reads, read-only POSTs included, declare neither."""
    for path, method, op in _operations(spec):
        names = {_resolve(spec, p)["name"] for p in op.get("parameters", [])}
        writes = method != "get" and op["operationId"] not in READ_ONLY_POSTS
        assert ("Idempotency-Key" in names) == writes, (method, path)
        success = next(r for status, r in op["responses"].items() if status.startswith("2"))
        assert ("Idempotency-Replayed" in success.get("headers", {})) == writes, (method, path)


def test_every_response_has_a_request_id_and_errors_use_the_error_schema(spec):
    for path, method, op in _operations(spec):
        assert op.get("security", spec["security"]) == [{"bearerAuth": []}]
        statuses = set(op["responses"])
        assert {"401", "403", "429", "503"} <= statuses, (method, path)
        for status, response in op["responses"].items():
            response = _resolve(spec, response)
            assert "x-request-id" in response.get("headers", {}), (method, path, status)
            if int(status) >= 400:
                schema = response["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Error"}, (method, path, status)
            if status in ("429", "503"):
                assert "Retry-After" in response["headers"], (method, path, status)


def test_store_request_and_response_match_the_seed(spec):
    schemas = spec["components"]["schemas"]
    request = schemas["MemoryStoreRequest"]
    assert request["required"] == ["text"]
    assert (
        request["properties"]["text"]["minLength"],
        request["properties"]["text"]["maxLength"],
    ) == (1, 10000)
    response = schemas["MemoryStoreResponse"]
    assert set(response["required"]) == {
        "status",
        "memory_id",
        "workspace_id",
        "dedup",
        "importance",
        "categories",
        "temporal",
    }
    assert set(schemas["Dedup"]["properties"]) == {"action", "existing_id"}
    assert set(schemas["Temporal"]["properties"]) == {"type", "raw_text", "valid_until"}
    retrieve = schemas["MemoryRetrieveRequest"]["properties"]
    assert retrieve["top_k"] == {**retrieve["top_k"], "default": 5, "minimum": 1, "maximum": 100}
    assert (retrieve["min_score"]["minimum"], retrieve["min_score"]["maximum"]) == (0, 1)
    item = set(schemas["RetrievedMemory"]["required"])
    assert {
        "memory_id",
        "text",
        "score",
        "meta",
        "importance",
        "categories",
        "temporal",
        "created_at",
    } <= item
    assert schemas["MemoryStoreBatchRequest"]["properties"]["items"]["maxItems"] == 100
    assert set(schemas["Error"]["properties"]) == {"code", "message", "details", "request_id"}
