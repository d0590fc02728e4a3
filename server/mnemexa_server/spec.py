"""``openapi.yaml`` as the server's source of truth.

The server registers one route per spec operation and validates each request's parameters and
body against the spec's own JSON Schemas (OpenAPI 3.1 is JSON Schema 2020-12). Validation
messages name the failing location and rule, never the submitted value, so a rejected secret
is never echoed back.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Mapping, Optional

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from .clock import parse_iso
from .errors import ApiError, invalid

SPEC_PATH = Path(__file__).with_name("openapi.yaml")
_SPEC_URI = "urn:mnemexa:openapi"
HTTP_METHODS = ("get", "post", "put", "patch", "delete")


@functools.lru_cache(maxsize=1)
def load_spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text())
    return loaded


@functools.lru_cache(maxsize=1)
def spec_json() -> bytes:
    return json.dumps(load_spec()).encode()


def _validator(pointer: str) -> Draft202012Validator:
    spec = load_spec()
    registry: Registry = Registry().with_resource(
        _SPEC_URI, Resource.from_contents(spec, default_specification=DRAFT202012)
    )
    return Draft202012Validator({"$ref": f"{_SPEC_URI}#{pointer}"}, registry=registry)


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str  # path | query | header
    required: bool
    schema: dict[str, Any]
    validator: Draft202012Validator

    def coerce(self, raw: str) -> Any:
        """Turn a raw string into the schema's type; 422 if it is not one."""
        kind = self.schema.get("type")
        try:
            if kind == "integer":
                return int(raw)
            if kind == "number":
                return float(raw)
            if kind == "boolean":
                if raw.lower() not in ("true", "false"):
                    raise ValueError
                return raw.lower() == "true"
        except ValueError:
            raise invalid(f"{self.name} must be {kind}", parameter=self.name) from None
        return raw


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str
    parameters: tuple[Parameter, ...]
    body_validator: Optional[Draft202012Validator]
    responses: dict[str, Any] = field(default_factory=dict)

    @property
    def route_path(self) -> str:
        """The path with Starlette converters, so ``/v1/memory/store`` is never an id."""
        path = self.path
        for p in self.parameters:
            if p.location == "path" and p.schema.get("type") == "integer":
                path = path.replace("{" + p.name + "}", "{" + p.name + ":int}")
        return path

    def parse_parameters(
        self,
        path: dict[str, Any],
        query: dict[str, str],
        headers: Optional[Mapping[str, str]] = None,
    ) -> dict[str, Any]:
        """Coerce and validate the declared parameters; 422 names the first that fails.

        ``headers`` must look names up case-insensitively (Starlette's ``Headers`` does).
        """
        sources: dict[str, Mapping[str, Any]] = {
            "path": path,
            "query": query,
            "header": headers if headers is not None else {},
        }
        values: dict[str, Any] = {}
        for p in self.parameters:
            raw = sources[p.location].get(p.name)
            if raw is None:
                if p.required:
                    raise invalid(f"{p.name} is required", parameter=p.name)
                continue
            value = p.coerce(str(raw))
            _check(p.validator, value, p.name)
            if p.schema.get("format") == "date-time":
                value = _datetime(p.name, value)
            values[p.name] = value
        return values

    def parse_body(self, raw: bytes) -> Any:
        if self.body_validator is None:
            return None
        try:
            body = json.loads(raw) if raw else None
        except (ValueError, UnicodeDecodeError):
            raise invalid("the request body is not valid JSON") from None
        if body is None:
            raise invalid("a JSON request body is required")
        _check(self.body_validator, body, "body")
        return body


def _datetime(name: str, value: str) -> datetime:
    try:
        return parse_iso(value)
    except ValueError:
        raise invalid(f"{name} must be an ISO 8601 date-time", parameter=name) from None


def _check(validator: Draft202012Validator, value: Any, where: str) -> None:
    errors = sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path))
    if not errors:
        return
    problems = [
        {
            "location": where
            + "".join(f"[{p!r}]" if isinstance(p, int) else f".{p}" for p in e.absolute_path),
            "rule": str(e.validator),
            "expected": e.validator_value
            if not isinstance(e.validator_value, (dict, list))
            else None,
        }
        for e in errors[:10]
    ]
    first = problems[0]
    message = f"{first['location']} fails '{first['rule']}'"
    if first["expected"] is not None:
        message += f" ({first['expected']})"
    raise ApiError(422, "invalid_request", message, {"errors": problems})


@functools.lru_cache(maxsize=1)
def operations() -> tuple[Operation, ...]:
    """Every operation in the spec, with compiled validators."""
    spec = load_spec()
    found = []
    for path, item in spec["paths"].items():
        shared = item.get("parameters", [])
        for method in HTTP_METHODS:
            op = item.get(method)
            if op is None:
                continue
            params = []
            located = [
                (ref, f"/paths/{_escape(path)}/parameters/{i}") for i, ref in enumerate(shared)
            ] + [
                (ref, f"/paths/{_escape(path)}/{method}/parameters/{i}")
                for i, ref in enumerate(op.get("parameters", []))
            ]
            for ref, where in located:
                pointer, param = _locate(spec, ref, where)
                params.append(
                    Parameter(
                        name=param["name"],
                        location=param["in"],
                        required=param.get("required", False),
                        schema=param["schema"],
                        validator=_validator(pointer + "/schema"),
                    )
                )
            body_validator = None
            if "requestBody" in op:
                body_validator = _validator(
                    f"/paths/{_escape(path)}/{method}/requestBody/content/application~1json/schema"
                )
            found.append(
                Operation(
                    op["operationId"], method, path, tuple(params), body_validator, op["responses"]
                )
            )
    return tuple(found)


def _escape(path: str) -> str:
    return path.replace("~", "~0").replace("/", "~1")


def _locate(spec: dict[str, Any], node: dict[str, Any], pointer: str) -> tuple[str, dict[str, Any]]:
    """Follow a local ``$ref``; return the JSON pointer of the target and the target."""
    if "$ref" in node:
        pointer = node["$ref"][1:]
        target: Any = spec
        for part in pointer.lstrip("/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        return pointer, target
    return pointer, node
