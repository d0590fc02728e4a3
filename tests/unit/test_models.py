"""Responses are typed models that behave like the JSON they came from.

- Every property of every schema in ``openapi.yaml`` is an attribute of its generated model
  under its JSON name (``temporal.type``), derived from the spec, not listed here.
- ``model["name"]`` reads any field, declared or unknown; free-form objects (``Meta``) are
  ``Mapping``s; ``to_dict()`` gives back the body a model was parsed from.
- A batch item is a union mypy narrows, and a failed one reprs as its error.
- Fields and values a newer server adds are kept and readable.

The spec-derived tests need PyYAML, and the typing test needs mypy: both are in the ``dev`` extra
(``make setup``); the per-Python matrix installs only ``test`` and skips them.
"""

from __future__ import annotations

import collections.abc
import copy
import datetime
import functools
import importlib
import importlib.util
import sys
import textwrap
from pathlib import Path
from typing import Any, Dict, List

import attrs
import mnemexa
import mnemexa_api.models
import pytest
from mnemexa.types import (
    UNSET,
    Memory,
    MemoryStoreBatchResponse,
    MemoryStoreBatchResultError,
    MemoryStoreBatchResultOk,
    MemoryStoreResponse,
    Meta,
    RetrievedMemory,
    Temporal,
)

from .conftest import STORE_OK, Recorder, memory, reply

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi.yaml"
UNKNOWN = "added_later"
"""A field no schema declares, as a newer server might send it."""
SAMPLE_TIME = "2026-11-01T10:00:00+00:00"  # as isoformat() writes it, so to_dict() gives it back

Schema = Dict[str, Any]


# ---- the spec, and a valid body for each of its schemas ----------------------------------


def _parse_yaml(text: str) -> Dict[str, Any]:
    yaml = pytest.importorskip("yaml")
    loaded: Dict[str, Any] = yaml.safe_load(text)
    return loaded


@functools.lru_cache(maxsize=1)
def _load_spec() -> Dict[str, Any]:
    return _parse_yaml(SPEC_PATH.read_text(encoding="utf-8"))


@pytest.fixture
def spec() -> Dict[str, Any]:
    return copy.deepcopy(_load_spec())


def resolve(spec: Dict[str, Any], schema: Any) -> Any:
    while isinstance(schema, dict) and "$ref" in schema:
        node: Any = spec
        for part in schema["$ref"][2:].split("/"):
            node = node[part]
        schema = node
    return schema


def _variants(schema: Schema) -> List[Schema]:
    return list(schema.get("oneOf") or schema.get("anyOf") or [])


def _kind(schema: Schema) -> str:
    declared = schema.get("type")
    types = [declared] if isinstance(declared, str) else list(declared or [])
    non_null = [t for t in types if t != "null"]
    if non_null:
        return str(non_null[0])
    if types:
        return "null"
    return "object" if "properties" in schema or "additionalProperties" in schema else "any"


def _pascal(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.replace("-", "_").split("_"))


def model_schemas(spec: Dict[str, Any]) -> Dict[str, Schema]:
    """Every object schema the generator makes a model of, by class name: each component, and
    each inline object property (``Error.details`` -> ``ErrorDetails``). A ``oneOf`` is not a
    model: its variants are (as components of their own)."""
    found: Dict[str, Schema] = {}

    def visit(name: str, schema: Schema) -> None:
        if "$ref" in schema or _variants(schema) or _kind(schema) != "object":
            return
        found[name] = schema
        for prop, sub in schema.get("properties", {}).items():
            visit(name + _pascal(prop), sub)

    for name, schema in spec["components"]["schemas"].items():
        visit(name, schema)
    return found


def union_schemas(spec: Dict[str, Any]) -> Dict[str, Schema]:
    return {n: s for n, s in spec["components"]["schemas"].items() if _variants(s)}


def is_free_form(schema: Schema) -> bool:
    return not schema.get("properties") and schema.get("additionalProperties", True) is not False


def example(spec: Dict[str, Any], schema: Any, name: str = "x", *, complete: bool = True) -> Any:
    """A valid body for ``schema``: every property (or only the required ones), one item per
    array (one per variant where the items are a ``oneOf``), the spec's example where it has
    one, a value rather than ``null`` where both are allowed, and an ``UNKNOWN`` field in every
    object that admits fields it does not declare."""
    schema = resolve(spec, schema)
    if "const" in schema:
        return schema["const"]
    if _variants(schema):
        return example(spec, _variants(schema)[0], name, complete=complete)
    kind = _kind(schema)
    if kind == "object":
        if is_free_form(schema) and schema.get("examples"):
            body = copy.deepcopy(schema["examples"][0])
        else:
            required = schema.get("required", [])
            body = {
                prop: example(spec, sub, prop, complete=complete)
                for prop, sub in schema.get("properties", {}).items()
                if complete or prop in required
            }
        if schema.get("additionalProperties", True) is not False:
            body[UNKNOWN] = {"nested": [1, {"deeper": None}]}
        return body
    if kind == "array":
        items = resolve(spec, schema.get("items", {}))
        choices = _variants(items) or [items]
        return [example(spec, choice, name, complete=complete) for choice in choices]
    if schema.get("examples"):
        return copy.deepcopy(schema["examples"][0])
    if schema.get("enum"):
        return schema["enum"][0]
    if kind == "string":
        return SAMPLE_TIME if schema.get("format") == "date-time" else f"{name} value"
    if kind == "integer":
        return int(schema.get("minimum", 0)) + 1
    if kind == "number":
        return 0.5
    if kind == "boolean":
        return True
    if kind == "null":
        return None
    raise AssertionError(f"no example for {name}: {schema}")


def unreachable(model: Any, schema: Schema) -> List[str]:
    """The properties of ``schema`` that ``model`` (a class or an instance) does not have as an
    attribute under their JSON name."""
    missing = []
    for name in schema.get("properties", {}):
        try:
            getattr(model, name)
        except AttributeError:
            missing.append(name)
    return missing


def _generated_models() -> Dict[str, type]:
    """Every attrs class the generator wrote, by name (enums left out)."""
    classes = {name: getattr(mnemexa_api.models, name) for name in mnemexa_api.models.__all__}
    return {name: cls for name, cls in classes.items() if attrs.has(cls)}


# ---- seed field names: every property under its JSON name ---------------------------------


def test_every_generated_model_comes_from_a_schema_of_the_spec(spec):
    assert sorted(model_schemas(spec)) == sorted(_generated_models())


def test_every_property_of_every_schema_is_an_attribute_under_its_json_name(spec):
    models = _generated_models()
    problems = []
    for name, schema in model_schemas(spec).items():
        cls = models[name]
        instance = cls.from_dict(example(spec, schema))
        for where in (cls, instance):
            problems += [f"{name}.{prop} ({where!r:.40})" for prop in unreachable(where, schema)]
        for prop in schema.get("properties", {}):
            if getattr(instance, prop) is not instance[prop]:
                problems.append(f"{name}[{prop!r}] is not {name}.{prop}")
    assert problems == []


def test_each_variant_of_a_union_has_the_properties_the_union_declares(spec):
    models = _generated_models()
    problems = []
    for name, schema in union_schemas(spec).items():
        variants = [models[v["$ref"].rpartition("/")[2]] for v in _variants(schema)]
        for prop in schema.get("properties", {}):
            having = [v for v in variants if not unreachable(v, {"properties": {prop: {}}})]
            if prop in schema.get("required", []) and having != variants:
                problems.append(f"{name}.{prop}: required, but not on every variant")
            if not having:
                problems.append(f"{name}.{prop}: on no variant")
    assert problems == []


def test_the_walk_finds_a_renamed_property():
    """What the upstream generator emits for ``type`` (``type_`` only) is reported."""

    @attrs.define
    class Renamed:
        type_: str

    schema = {"properties": {"type": {"type": "string"}}}
    assert unreachable(Renamed, schema) == ["type"]
    assert unreachable(Temporal, schema) == []


def test_seed_names_read_the_same_values_as_the_python_names(make_client):
    result = make_client(Recorder(reply(200, STORE_OK))).memory.store("x")
    assert isinstance(result, MemoryStoreResponse)
    assert result.memory_id == 8421
    assert result.dedup.action == "stored_new"
    assert result.dedup.existing_id is None
    assert result.categories == ["project_management", "team_workflow"]
    assert result.temporal.type == "persistent"
    assert result.temporal.type is result.temporal.type_  # the attrs field keeps its name
    with pytest.raises(AttributeError):
        result.temporal.type = "temporal"  # read-only: the attrs field is type_


# ---- [] reads any field ---------------------------------------------------------------------


def test_brackets_read_declared_fields_as_the_attributes_do(make_client):
    result = make_client(Recorder(reply(200, STORE_OK))).memory.store("x")
    assert result["temporal"] is result.temporal
    assert result["temporal"]["type"] == "persistent"
    assert result["memory_id"] == 8421
    assert "temporal" in result
    assert "pii" not in result  # optional and absent: UNSET as an attribute, KeyError with []
    assert result.pii is UNSET
    with pytest.raises(KeyError):
        result["pii"]
    with pytest.raises(KeyError):
        result["never_sent"]


def test_brackets_write_declared_fields_and_keep_unknown_ones(make_client):
    result = make_client(Recorder(reply(200, STORE_OK))).memory.store("x")
    result["importance"] = 9
    assert result.importance == 9
    result["note"] = "mine"
    assert result.additional_properties == {"note": "mine"}
    assert result.to_dict()["importance"] == 9
    assert result.to_dict()["note"] == "mine"
    del result["note"]
    assert "note" not in result
    with pytest.raises(TypeError, match="declared field"):
        del result["importance"]


def test_unknown_fields_are_preserved_top_level_and_nested(make_client):
    body = {
        **STORE_OK,
        "sentiment": {"label": "positive", "score": 0.91},
        "dedup": {"action": "merged_v2", "existing_id": 7, "similarity": 0.93},
        "temporal": {**STORE_OK["temporal"], "timezone": "Asia/Kolkata"},
    }
    result = make_client(Recorder(reply(200, body))).memory.store("x")
    assert result["sentiment"] == {"label": "positive", "score": 0.91}
    assert "sentiment" in result
    assert result.additional_properties == {"sentiment": {"label": "positive", "score": 0.91}}
    assert result.dedup.action == "merged_v2"  # an action this SDK does not know yet
    assert result.dedup["similarity"] == 0.93
    assert result.temporal["timezone"] == "Asia/Kolkata"
    assert result.to_dict() == body


def test_a_model_is_not_iterable_and_not_a_mapping(make_client):
    result = make_client(Recorder(reply(200, STORE_OK))).memory.store("x")
    assert not isinstance(result, collections.abc.Mapping)
    with pytest.raises(TypeError, match="not iterable"):
        list(result)
    with pytest.raises(TypeError):
        dict(result)


# ---- free-form objects are Mappings ---------------------------------------------------------


def test_meta_is_a_mapping(make_client):
    meta = {"source": "kickoff_meeting", "tags": ["a", "b"], "nested": {"depth": 2}}
    m = make_client(Recorder(reply(200, memory(9, meta=meta)))).memory.get(9)
    assert isinstance(m, Memory)
    assert isinstance(m.meta, collections.abc.Mapping)
    assert dict(m.meta) == meta
    assert m.meta.get("source") == "kickoff_meeting"
    assert m.meta.get("missing") is None
    assert m.meta.get("missing", 0) == 0
    assert len(m.meta) == 3
    assert list(m.meta) == ["source", "tags", "nested"]
    assert "tags" in m.meta
    assert "missing" not in m.meta
    assert m.meta == meta
    assert m.meta != {"source": "elsewhere"}
    assert dict(m.meta.items()) == meta
    assert list(m.meta.keys()) == list(meta)
    assert m["meta"] is m.meta


def test_every_free_form_schema_is_a_mapping_and_no_other_is(spec):
    models = _generated_models()
    for name, schema in model_schemas(spec).items():
        cls = models[name]
        assert issubclass(cls, collections.abc.Mapping) == is_free_form(schema), name
        if is_free_form(schema):
            body = example(spec, schema)
            free = cls.from_dict(body)
            assert dict(free) == free == body, name
            assert len(free) == len(body)
            assert list(free) == list(body)
            assert free == cls.from_dict(body)


def test_an_empty_meta_is_an_empty_mapping():
    empty = Meta.from_dict({})
    assert dict(empty) == {}
    assert len(empty) == 0
    assert not empty
    assert empty == {}


# ---- to_dict() gives back the body ------------------------------------------------------


@pytest.mark.parametrize("complete", [True, False], ids=["every_property", "required_only"])
def test_to_dict_gives_back_the_body_for_every_model(spec, complete):
    """Nested models, unknown fields, date-times, unions and absent optional fields included."""
    models = _generated_models()
    problems = []
    for name, schema in model_schemas(spec).items():
        body = example(spec, schema, complete=complete)
        model = models[name].from_dict(copy.deepcopy(body))
        if model.to_dict() != body:
            problems.append(f"{name}: {model.to_dict()} != {body}")
        again = models[name].from_dict(model.to_dict())
        if again.to_dict() != model.to_dict():
            problems.append(f"{name}: a second round trip differs")
    assert problems == []


def test_the_round_trip_keeps_types(spec):
    body = example(spec, {"$ref": "#/components/schemas/MemoryStoreBatchResponse"})
    parsed = MemoryStoreBatchResponse.from_dict(body)
    assert [type(item) for item in parsed.results] == [
        MemoryStoreBatchResultOk,
        MemoryStoreBatchResultError,
    ]
    ok = parsed.results[0]
    assert isinstance(ok, MemoryStoreBatchResultOk)
    assert isinstance(ok.result.temporal.valid_until, datetime.datetime)
    assert ok.result[UNKNOWN] == body["results"][0]["result"][UNKNOWN]


def test_retrieve_parses_scores_meta_and_datetimes(make_client):
    hit = {**memory(9, meta={"source": "kickoff_meeting"}), "score": 0.87}
    hit["temporal"] = {
        "type": "temporal",
        "raw_text": "until Friday",
        "valid_until": "2026-11-27T23:59:59Z",
    }
    hits = make_client(Recorder(reply(200, {"memories": [hit]}))).memory.retrieve("prefs", top_k=3)
    (m,) = hits.memories
    assert isinstance(m, RetrievedMemory)
    assert m.score == 0.87
    assert m.meta["source"] == "kickoff_meeting"
    assert m.created_at == datetime.datetime(2026, 11, 1, 10, tzinfo=datetime.timezone.utc)
    assert m.temporal.type == "temporal"
    assert m.temporal.valid_until == datetime.datetime(
        2026, 11, 27, 23, 59, 59, tzinfo=datetime.timezone.utc
    )


# ---- batch results: a union mypy narrows -------------------------------------------------

BATCH = {
    "results": [
        {"index": 0, "status": "ok", "result": STORE_OK},
        {
            "index": 1,
            "status": "error",
            "error": {"code": "pii_rejected", "message": "card", "request_id": "r"},
        },
    ]
}


def test_store_batch_maps_strings_and_mappings(make_client):
    recorder = Recorder(reply(200, BATCH))
    batch = make_client(recorder).memory.store_batch(
        ["plain text", {"text": "card 4111 1111 1111 1111", "meta": {"src": "chat"}}]
    )
    assert recorder.json_body() == {
        "items": [
            {"text": "plain text"},
            {"text": "card 4111 1111 1111 1111", "meta": {"src": "chat"}},
        ]
    }
    ok, failed = batch.results
    assert isinstance(ok, MemoryStoreBatchResultOk)
    assert ok.result.memory_id == 8421
    assert isinstance(failed, MemoryStoreBatchResultError)
    assert failed.error.code == "pii_rejected"
    assert not hasattr(failed, "result")
    assert batch.to_dict() == BATCH


def test_a_failed_batch_item_reprs_as_its_error(make_client):
    batch = make_client(Recorder(reply(200, BATCH))).memory.store_batch(["a", "b"])
    ok, failed = batch.results
    shown = repr(failed)
    assert shown.startswith("MemoryStoreBatchResultError(index=1, status='error', error=Error(")
    assert "code='pii_rejected'" in shown
    assert "message='card'" in shown
    assert "Unset object" not in shown
    assert "details=UNSET" in shown
    assert "Unset object" not in repr(ok)
    assert repr(UNSET) == "UNSET"


def test_a_batch_item_status_outside_the_spec_is_a_validation_error(make_client):
    body = {"results": [{"index": 0, "status": "queued", "result": STORE_OK}]}
    with pytest.raises(mnemexa.APIResponseValidationError):
        make_client(Recorder(reply(200, body))).memory.store_batch(["a"])


USER_CODE = """
    from mnemexa import Client
    from mnemexa.types import MemoryStoreBatchResult, MemoryStoreBatchResultOk


    def by_status(client: Client) -> None:
        batch = client.memory.store_batch(["a", {"text": "b", "meta": {"k": 1}}])
        for item in batch.results:
            if item.status == "ok":
                print(item.result.memory_id, item.result.temporal.type)
            else:
                print(item.error.code)


    def by_class(items: list[MemoryStoreBatchResult]) -> int:
        stored = 0
        for item in items:
            if isinstance(item, MemoryStoreBatchResultOk):
                stored += item.result.memory_id
            else:
                print(item.error.message)
        return stored


    def seed_names(client: Client) -> str:
        memory = client.memory.get(1)
        meta: dict[str, object] = dict(memory.meta)
        print(meta, memory.meta.get("k"), len(memory.meta))
        return memory.temporal.type
"""

UNNARROWED = """
    from mnemexa import Client


    def careless(client: Client) -> int:
        return client.memory.store_batch(["a"]).results[0].result.memory_id
"""


def test_mypy_narrows_batch_items_and_knows_seed_names(tmp_path, monkeypatch):
    api = pytest.importorskip("mypy.api")
    (tmp_path / "user_code.py").write_text(textwrap.dedent(USER_CODE))
    (tmp_path / "unnarrowed.py").write_text(textwrap.dedent(UNNARROWED))
    monkeypatch.chdir(ROOT)  # pyproject.toml's mypy_path is relative to it
    out, err, _ = api.run(
        [
            "--strict",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(tmp_path / "mypy_cache"),
            "--no-error-summary",
            str(tmp_path / "user_code.py"),
            str(tmp_path / "unnarrowed.py"),
        ]
    )
    lines = [line for line in out.splitlines() if line.strip()]
    assert err == ""
    assert [line for line in lines if "user_code.py" in line] == []
    # without narrowing, the failed variant has no ``result``: mypy says so
    assert len(lines) == 1, lines
    assert "unnarrowed.py" in lines[0]
    assert '"MemoryStoreBatchResultError" of' in lines[0]
    assert 'has no attribute "result"' in lines[0]


# ---- the templates on names the spec does not have yet -----------------------------------

SYNTHETIC_SPEC = """
openapi: 3.1.0
info: {title: Synthetic, version: "1"}
paths:
  /thing:
    get:
      operationId: get_thing
      responses:
        "200":
          description: A thing.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
components:
  schemas:
    Thing:
      type: object
      required: [type, str, list]
      properties:
        type: {type: string}
        format: {type: string}
        str: {type: [string, "null"]}
        list: {type: array, items: {type: string}}
        dict: {type: object, additionalProperties: {type: integer}}
        from: {type: string, format: date-time}
        camelCase: {type: integer}
        x-trace: {type: string}
        plain: {type: boolean}
"""

SYNTHETIC_BODY = {
    "type": "entity",
    "format": "markdown",
    "str": None,
    "list": ["a"],
    "dict": {"n": 1},
    "from": SAMPLE_TIME,
    "camelCase": 3,
    "x-trace": "t-1",
    "plain": True,
    UNKNOWN: [1],
}


@pytest.fixture
def generate(tmp_path, monkeypatch):
    """Generate ``SYNTHETIC_SPEC`` as ``package`` (with the project's templates or the
    generator's own) and import its models; the packages are unloaded afterwards."""
    pytest.importorskip("openapi_python_client")
    spec = importlib.util.spec_from_file_location("generate", ROOT / "generator" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    (tmp_path / "spec.yaml").write_text(SYNTHETIC_SPEC)
    monkeypatch.syspath_prepend(str(tmp_path))
    packages: List[str] = []

    def run(package: str, *, custom: bool) -> Any:
        config = tmp_path / f"{package}.yaml"
        config.write_text(
            f"project_name_override: {package}\npackage_name_override: {package}\npost_hooks: []\n"
        )
        generator.generate_into(
            tmp_path / package,
            spec=tmp_path / "spec.yaml",
            config=config,
            **({} if custom else {"templates": None}),
        )
        packages.append(package)
        return importlib.import_module(f"{package}.models")

    yield run
    for name in [m for m in sys.modules if m.partition(".")[0] in packages]:
        del sys.modules[name]


def test_the_templates_give_every_future_name_its_attribute(generate):
    """Builtins (``type``, ``format``, ``str``, ``list``, ``dict``), a keyword (``from``),
    camelCase and a name that is no identifier, on code generated from a synthetic spec; the
    generator's own templates reach none of them, which is what the spec walk catches."""
    schema = _parse_yaml(SYNTHETIC_SPEC)["components"]["schemas"]["Thing"]
    ours = generate("synthetic_ours", custom=True)
    thing = ours.Thing.from_dict(copy.deepcopy(SYNTHETIC_BODY))
    assert unreachable(ours.Thing, schema) == []
    assert unreachable(thing, schema) == []
    assert thing.type == "entity"
    assert thing.format == "markdown"
    assert thing.str is None
    assert thing.list == ["a"]
    assert thing.dict == {"n": 1}
    assert isinstance(thing.dict, collections.abc.Mapping)
    assert getattr(thing, "from") == datetime.datetime(
        2026, 11, 1, 10, tzinfo=datetime.timezone.utc
    )
    assert thing.camelCase == 3
    assert getattr(thing, "x-trace") == "t-1"
    for name in schema["properties"]:
        assert thing[name] is getattr(thing, name), name
    assert thing[UNKNOWN] == [1]
    assert thing.to_dict() == SYNTHETIC_BODY

    upstream = generate("synthetic_upstream", custom=False)
    missing = unreachable(upstream.Thing, schema)
    assert missing == ["type", "format", "str", "list", "dict", "from", "camelCase", "x-trace"]


SYNTHETIC_USER_CODE = """
    from synthetic_typed.models import Thing


    def read(thing: Thing) -> None:
        reveal_type(thing.type)
        reveal_type(thing.str)
        reveal_type(thing.list)
        reveal_type(thing.format)
        reveal_type(thing.dict)
        reveal_type(thing.camelCase)
        reveal_type(thing.str_)
        reveal_type(Thing.from_dict({}))
"""


def test_mypy_reads_builtin_named_fields_with_their_own_types(generate, tmp_path, monkeypatch):
    """In the class body, a property named ``str`` would shadow ``str`` in the annotations after
    it: the templates' module-level aliases keep every type exact, and the package --strict."""
    api = pytest.importorskip("mypy.api")
    generate("synthetic_typed", custom=True)
    (tmp_path / "reads.py").write_text(textwrap.dedent(SYNTHETIC_USER_CODE))
    monkeypatch.chdir(tmp_path)
    args = ["--strict", "--config-file", "", "--cache-dir", str(tmp_path / "mypy_cache")]
    out, err, status = api.run([*args, "reads.py", "synthetic_typed"])
    revealed = [line.partition("Revealed type is ")[2] for line in out.splitlines()]
    assert [r for r in revealed if r] == [
        '"builtins.str"',
        '"None | builtins.str"',
        '"builtins.list[builtins.str]"',
        '"synthetic_typed.types.Unset | builtins.str"',
        '"synthetic_typed.types.Unset | synthetic_typed.models.thing_dict.ThingDict"',
        '"synthetic_typed.types.Unset | builtins.int"',
        '"None | builtins.str"',
        '"synthetic_typed.models.thing.Thing"',
    ], out
    assert "error" not in out, out
    assert (err, status) == ("", 0)


# ---- the rest of the public surface -----------------------------------------------------


def test_request_bodies_follow_the_spec(make_client):
    recorder = Recorder(reply(200, STORE_OK))
    client = make_client(recorder)
    client.memory.store("Client prefers async standups.", meta={"source": "kickoff_meeting"})
    assert recorder.json_body() == {
        "text": "Client prefers async standups.",
        "meta": {"source": "kickoff_meeting"},
    }
    client.memory.store("no meta")
    assert recorder.json_body() == {"text": "no meta"}

    recorder.outcomes = [reply(200, {"memories": []})]
    client.memory.retrieve("q")
    assert recorder.json_body() == {"query": "q"}  # server defaults apply
    client.memory.retrieve("q", top_k=7, min_score=0.25)
    assert recorder.json_body() == {"query": "q", "top_k": 7, "min_score": 0.25}


def test_update_get_delete_paths_and_bodies(make_client):
    recorder = Recorder(reply(200, memory(12, text="new")))
    client = make_client(recorder)
    updated = client.memory.update(12, text="new", meta={"a": 1})
    assert updated.text == "new"
    assert recorder.requests[-1].method == "PATCH"
    assert recorder.requests[-1].url.path == "/v1/memory/12"
    assert recorder.json_body() == {"text": "new", "meta": {"a": 1}}
    client.memory.update(12, meta={"b": 2})
    assert recorder.json_body() == {"meta": {"b": 2}}

    assert client.memory.get(12).memory_id == 12
    assert recorder.requests[-1].method == "GET"

    recorder.outcomes = [reply(204)]
    assert client.memory.delete(12) is None
    assert recorder.requests[-1].method == "DELETE"


def test_meta_must_be_a_mapping(make_client):
    client = make_client(Recorder(reply(200, STORE_OK)))
    with pytest.raises(mnemexa.InvalidArgumentError, match="meta must be a mapping"):
        client.memory.store("x", meta=["not", "a", "mapping"])  # type: ignore[arg-type]


def test_public_names_are_exported():
    for name in mnemexa.__all__:
        assert hasattr(mnemexa, name), name
    for name in mnemexa.types.__all__:
        assert hasattr(mnemexa.types, name), name
