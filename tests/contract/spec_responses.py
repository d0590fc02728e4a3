"""``openapi.yaml`` as a response contract: what status, body and headers each operation may answer."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi.yaml"
_URI = "urn:mnemexa:openapi"
HTTP_METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class SpecOperation:
    operation_id: str
    method: str
    template: str
    pattern: re.Pattern[str]
    pointer: str  # JSON pointer of the operation object


@functools.lru_cache(maxsize=1)
def spec() -> Dict[str, Any]:
    loaded: Dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text())
    return loaded


@functools.lru_cache(maxsize=1)
def operations() -> Tuple[SpecOperation, ...]:
    found = []
    for template, item in spec()["paths"].items():
        regex = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        for method in HTTP_METHODS:
            if method in item:
                pointer = f"/paths/{_escape(template)}/{method}"
                found.append(
                    SpecOperation(
                        item[method]["operationId"], method, template, re.compile(regex), pointer
                    )
                )
    return tuple(found)


def find(method: str, path: str) -> Optional[SpecOperation]:
    for op in operations():
        if op.method == method and op.pattern.match(path):
            return op
    return None


def problems(op: SpecOperation, status: int, headers: Dict[str, List[str]], body: Any) -> List[str]:
    """Everything in a response that the spec does not allow; empty when it conforms."""
    responses = _resolve(_at(op.pointer))["responses"]
    if str(status) not in responses:
        return [f"status {status} is not declared for {op.operation_id}"]
    pointer = f"{op.pointer}/responses/{status}"
    response = _resolve(_at(pointer))
    pointer = _resolved_pointer(pointer)
    found: List[str] = []
    names = {name.lower() for name in headers}
    for name, header in (response.get("headers") or {}).items():
        if _resolve(header).get("required") and name.lower() not in names:
            found.append(f"required header {name} is missing")
    content = response.get("content")
    if content is None:
        if body not in (None, ""):
            found.append("a body where the spec declares none")
        return found
    validator = _validator(f"{pointer}/content/application~1json/schema")
    found += [f"body{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(body)]
    return found


def _escape(text: str) -> str:
    return text.replace("~", "~0").replace("/", "~1")


def _at(pointer: str) -> Any:
    node: Any = spec()
    for part in pointer.strip("/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _resolve(node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        node = _at(node["$ref"].lstrip("#"))
    return node


def _resolved_pointer(pointer: str) -> str:
    node = _at(pointer)
    while isinstance(node, dict) and "$ref" in node:
        pointer = node["$ref"].lstrip("#")
        node = _at(pointer)
    return pointer


@functools.cache
def _validator(pointer: str) -> Draft202012Validator:
    registry: Registry = Registry().with_resource(
        _URI, Resource.from_contents(spec(), default_specification=DRAFT202012)
    )
    return Draft202012Validator({"$ref": f"{_URI}#{pointer}"}, registry=registry)
