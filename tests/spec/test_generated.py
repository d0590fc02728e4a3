"""``make check-generated`` catches a hand edit or a stale generation of ``generated/``."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "generated" / "mnemexa_api"


def _generator():
    spec = importlib.util.spec_from_file_location("generate", ROOT / "generator" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_identical_trees_have_no_diff(tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(GENERATED, copy)
    assert _generator().diff_trees(GENERATED, copy) == []


def test_hand_edit_added_file_and_removed_file_are_all_reported(tmp_path):
    edited = tmp_path / "edited"
    shutil.copytree(GENERATED, edited)
    target = edited / "api" / "memory" / "store_memory.py"
    target.write_text(target.read_text().replace('"/v1/memory/store"', '"/v1/memory/stash"'))
    (edited / "models" / "extra.py").write_text("X = 1\n")
    (edited / "types.py").unlink()
    report = "".join(_generator().diff_trees(GENERATED, edited))
    assert '+        "url": "/v1/memory/stash"' in report
    assert "not produced by the generator: models/extra.py" in report
    assert "missing from generated/: types.py" in report


def test_generated_package_ships_py_typed():
    assert (GENERATED / "py.typed").exists()
    assert (ROOT / "wrapper" / "mnemexa" / "py.typed").exists()


def _agent_tools():
    spec = importlib.util.spec_from_file_location(
        "agent_tools", ROOT / "generator" / "agent_tools.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_an_agent_tool_on_one_record_must_read_it_first():
    """A tool that takes a record's id names a scope_check, or fixed scopes would not hold."""
    import pytest
    import yaml

    agent_tools = _agent_tools()
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    names = [tool["name"] for tool in agent_tools.build(spec)["tools"]]
    assert "brain.forget" in names
    del spec["paths"]["/v1/memory/{memory_id}"]["delete"]["x-agent-tool"]["scope_check"]
    with pytest.raises(ValueError, match="names no scope_check"):
        agent_tools.build(spec)
