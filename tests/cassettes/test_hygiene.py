"""The committed cassettes: no secrets, one per test and mode, none left over."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest
import yaml

from tests.cassettes.files import RECORDED, interactions, key_like, recorded_files
from tests.cassettes.normalise import SECRET_HEADERS

# Every cassette module of this folder (each test records one cassette per client mode).
MODULES = tuple(
    importlib.import_module(f"tests.cassettes.{path.stem}")
    for path in sorted(Path(__file__).parent.glob("test_*.py"))
    if path.stem != Path(__file__).stem
)


def _expected() -> set[Path]:
    expected = set()
    for module in MODULES:
        for name, _ in inspect.getmembers(module, inspect.iscoroutinefunction):
            if name.startswith("test_"):
                for mode in ("sync", "async"):
                    expected.add(
                        RECORDED / module.__name__.rsplit(".", 1)[-1] / f"{name}[{mode}].yaml"
                    )
    return expected


def test_every_cassette_test_has_its_cassette_and_no_cassette_is_stale():
    found = set(recorded_files())
    expected = _expected()
    assert not expected - found, f"missing cassettes (run make record): {sorted(expected - found)}"
    assert not found - expected, f"stale cassettes: {sorted(found - expected)}"


@pytest.mark.parametrize("path", recorded_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_cassette_holds_a_key_or_a_credential_header(path: Path):
    text = path.read_text()
    assert key_like(text) == []
    for item in yaml.safe_load(text)["interactions"]:
        request_headers = {n.lower(): v for n, v in item["request"]["headers"].items()}
        names = set(request_headers) | {n.lower() for n in item["response"]["headers"]}
        assert not names & set(SECRET_HEADERS)
        for key in request_headers.get("idempotency-key", []):
            assert key.startswith("idem-")  # the random key is replaced by a sequence number


def test_key_scan_would_catch_a_leaked_key():
    assert key_like("authorization: Bearer mnx_ws_0123456789abcdef") != []


def test_recorded_request_ids_and_idempotency_keys_are_normalised():
    seen = list(interactions())
    assert len(seen) >= 60
    for interaction in seen:
        assert interaction.header("x-request-id").startswith("req_rec_")
        assert interaction.header("date") is None
