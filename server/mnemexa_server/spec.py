"""``openapi.yaml`` as the server's source of truth.

The server registers one route per spec operation and validates each request's parameters and
body against the spec's own JSON Schemas (OpenAPI 3.1 is JSON Schema 2020-12). Validation
messages name the failing location and rule, never the submitted value, so a rejected secret
is never echoed back.

Bodies are parsed as strict JSON (:func:`parse_json`): UTF-8, finite numbers, integers of
at most ``MAX_INT_DIGITS`` digits, no lone surrogates, no NUL characters, no duplicate keys,
bounded nesting.
Whatever passes can be stored, serialised and read back unchanged (an integer of any size
that passes comes back with the same digits). Three schema keywords of our own state the limits
JSON Schema cannot express, and are enforced like the standard ones: ``x-max-depth``,
``x-max-json-bytes`` and ``x-max-key-length`` (see ``Meta`` in the spec).
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator, Mapping, Optional

import numpy as np
import yaml
from jsonschema import Draft202012Validator, ValidationError, validators
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from starlette.convertors import Convertor, register_url_convertor

from .clock import parse_iso
from .errors import InvalidError, invalid

SPEC_PATH = Path(__file__).with_name("openapi.yaml")
_SPEC_URI = "urn:mnemexa:openapi"
HTTP_METHODS = ("get", "post", "put", "patch", "delete")

MAX_JSON_DEPTH = 32  # nesting of any request body: arrays and objects, the outermost is 1
# Python converts at most 4,300 digits between int and str (sys.get_int_max_str_digits);
# a longer integer could be parsed but never written back, so it is refused here.
MAX_INT_DIGITS = 4300


@functools.lru_cache(maxsize=1)
def load_spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text())
    return loaded


@functools.lru_cache(maxsize=1)
def spec_json() -> bytes:
    return json.dumps(load_spec()).encode()


# --- strict JSON ---------------------------------------------------------------------------


class _RefusedJsonError(Exception):
    """A body that parses as Python's JSON but breaks our stricter rules."""


def _no_constant(name: str) -> Any:
    raise _RefusedJsonError("NaN and Infinity are not JSON numbers")


def _finite(literal: str) -> float:
    number = float(literal)
    if not math.isfinite(number):
        raise _RefusedJsonError("a number is too large to be finite")
    return number


def _integer(literal: str) -> int:
    if len(literal.lstrip("-")) > MAX_INT_DIGITS:
        raise _RefusedJsonError(f"an integer has more than {MAX_INT_DIGITS} digits")
    return int(literal)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _RefusedJsonError("an object has the same key twice")
    return obj


_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)  # never fails, so linear
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _nesting(text: str) -> int:
    """How deeply the arrays and objects of a JSON text nest (strings skipped)."""
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return 0  # cannot be deeper than the limit: skip the scan
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text)).encode("ascii")
    codes = np.frombuffer(brackets, dtype=np.uint8)
    steps = np.where((codes == ord("[")) | (codes == ord("{")), 1, -1)
    return int(np.cumsum(steps).max()) if len(steps) else 0


def parse_json(raw: bytes) -> Any:
    """Strict JSON: every value it returns serialises back to the same JSON; else 422."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise invalid("the request body is not valid UTF-8") from None
    if _nesting(text) > MAX_JSON_DEPTH:
        raise invalid(f"the request body nests deeper than {MAX_JSON_DEPTH} levels")
    try:
        value = json.loads(
            text,
            parse_constant=_no_constant,
            parse_float=_finite,
            parse_int=_integer,
            object_pairs_hook=_unique_keys,
        )
    except _RefusedJsonError as refused:
        raise invalid(f"the request body is not valid JSON: {refused}") from None
    except (ValueError, RecursionError):
        raise invalid("the request body is not valid JSON") from None
    if _SURROGATE_ESCAPE.search(text):
        try:  # a pair of surrogate escapes is one character; a lone one cannot be encoded
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise invalid(
                "the request body is not valid JSON: a string holds a lone surrogate"
            ) from None
    if "\\u0000" in text and _holds_nul(value):  # only an escape can put one in a string
        raise invalid(
            "strings in the request body may not hold the NUL character (U+0000)", rule="no-nul"
        )
    return value


def _holds_nul(value: Any) -> bool:
    """Whether any string in ``value``, object keys included, holds U+0000 (PostgreSQL's
    text cannot, so neither backend takes one)."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if "\x00" in node:
                return True
        elif isinstance(node, dict):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


# --- our schema keywords ----------------------------------------------------------------


def _containers(instance: Any) -> Iterator[tuple[Any, int]]:
    """Every list and dict inside ``instance`` with its depth (``instance`` is 1); iterative."""
    stack = [(instance, 1)] if isinstance(instance, (dict, list)) else []
    while stack:
        node, depth = stack.pop()
        yield node, depth
        children = node.values() if isinstance(node, dict) else node
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))


def _max_depth(validator: Any, limit: int, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if any(depth > limit for _, depth in _containers(instance)):
        yield ValidationError(f"nests deeper than {limit} levels")


def _max_key_length(
    validator: Any, limit: int, instance: Any, schema: Any
) -> Iterator[ValidationError]:
    for node, _ in _containers(instance):
        if isinstance(node, dict) and any(len(key) > limit for key in node):
            yield ValidationError(f"has a key longer than {limit} characters")
            return


def _max_json_bytes(
    validator: Any, limit: int, instance: Any, schema: Any
) -> Iterator[ValidationError]:
    compact = json.dumps(instance, ensure_ascii=False, separators=(",", ":"))
    if len(compact) > limit or len(compact.encode("utf-8")) > limit:
        yield ValidationError(f"is larger than {limit} bytes as JSON")


@functools.lru_cache(maxsize=64)
def _ecma_regex(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled as JSON Schema (ECMA-262) reads it: ``$`` is the very end of
    the string, where Python's ``$`` also matches before a final newline."""
    out, escaped, in_class = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            char = r"\Z"
        out.append(char)
    return re.compile("".join(out))


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if isinstance(instance, str) and not _ecma_regex(pattern).search(instance):
        yield ValidationError(f"does not match {pattern!r}")


_Validator = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator,
    {
        "pattern": _pattern,
        "x-max-depth": _max_depth,
        "x-max-json-bytes": _max_json_bytes,
        "x-max-key-length": _max_key_length,
    },
)


def _validator(pointer: str) -> Draft202012Validator:
    spec = load_spec()
    registry: Registry = Registry().with_resource(
        _SPEC_URI, Resource.from_contents(spec, default_specification=DRAFT202012)
    )
    validator: Draft202012Validator = _Validator(
        {"$ref": f"{_SPEC_URI}#{pointer}"}, registry=registry
    )
    return validator


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
                if len(raw) > 20:  # past int64 whatever the digits; int() would be slow
                    raise invalid(
                        f"{self.name} is outside the signed 64-bit range", parameter=self.name
                    )
                return int(raw)
            if kind == "number":
                number = float(raw)
                if not math.isfinite(number):
                    raise ValueError
                return number
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
        """The path with Starlette converters, so ``/v1/memory/store`` is never an id.

        An integer segment matches digits only and stays a string: ``parse_parameters``
        converts and range-checks it (Starlette's ``int`` would raise on 5,000 digits).
        """
        path = self.path
        for p in self.parameters:
            if p.location == "path" and p.schema.get("type") == "integer":
                path = path.replace("{" + p.name + "}", "{" + p.name + ":digits}")
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
                value = parse_datetime(p.name, value)
            values[p.name] = value
        return values

    def parse_body(self, raw: bytes) -> Any:
        if self.body_validator is None:
            return None
        body = parse_json(raw) if raw.strip() else None
        if body is None:
            raise invalid("a JSON request body is required")
        _check(self.body_validator, body, "body")
        return body


class _Digits(Convertor[str]):
    regex = "[0-9]+"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return str(value)


register_url_convertor("digits", _Digits())


def parse_datetime(name: str, value: str) -> datetime:
    """An aware datetime in UTC; 422 unless the instant is within years 1-9999 in UTC."""
    try:
        parsed = parse_iso(value)
    except ValueError:
        raise invalid(f"{name} must be an ISO 8601 date-time", parameter=name) from None
    try:
        return parsed.astimezone(timezone.utc)
    except OverflowError:
        raise invalid(
            f"{name} must be an instant between years 1 and 9999 in UTC",
            parameter=name,
            rule="instant-range",
        ) from None


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
    raise InvalidError(message, details={"errors": problems})


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
