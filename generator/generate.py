"""Generate ``generated/mnemexa_api`` from ``openapi.yaml``, or check that it is up to date.

Usage::

    python generator/generate.py            # regenerate generated/mnemexa_api
    python generator/generate.py --check    # regenerate into a temp dir and diff

Everything runs from the interpreter that runs this script (the project's venv): the pinned
openapi-python-client and the pinned ruff are called by path, never looked up on PATH.

``generator/templates/`` overrides a few of the generator's own templates (each file says what it
changes): every JSON property is readable under its JSON name (``temporal.type``, not only
``temporal.type_``), ``model["name"]`` reads declared and unknown fields alike, free-form objects
(``Meta``) are ``Mapping``s, an absent optional array stays ``UNSET``, and ``UNSET`` reprs as such.
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Optional

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import agent_tools  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi.yaml"
CONFIG = ROOT / "generator" / "config.yaml"
TEMPLATES = ROOT / "generator" / "templates"  # overrides of the generator's own templates
RUFF_CONFIG = ROOT / "generator" / "ruff.toml"
TARGET = ROOT / "generated" / "mnemexa_api"
BIN = Path(sys.executable).parent


def _run(*args: str | Path) -> None:
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT)


def generate_into(out: Path, spec: Path = SPEC, config: Path = CONFIG, templates: Optional[Path] = TEMPLATES) -> None:
    """Run the pinned generator and formatter, writing the package to ``out``.

    ``spec``, ``config`` and ``templates`` default to the project's; tests pass others to run
    the templates on schemas the project does not have yet, or to compare with the generator's
    own templates (``templates=None``).
    """
    custom = ["--custom-template-path", templates] if templates is not None else []
    _run(
        BIN / "openapi-python-client",
        "generate",
        "--path",
        spec,
        "--config",
        config,
        *custom,
        "--meta",
        "none",
        "--output-path",
        out,
        "--overwrite",
    )
    _run(BIN / "ruff", "check", "--quiet", "--fix-only", "--exit-zero", "--config", RUFF_CONFIG, out)
    _run(BIN / "ruff", "format", "--quiet", "--config", RUFF_CONFIG, out)
    # --meta none writes no py.typed; the SDK is typed end to end, so ship the marker.
    (out / "py.typed").write_text("")
    # The agent tool manifest: the SDK cannot read YAML, so the spec's x-agent-tool operations
    # go to JSON beside the generated code.
    (out / "agent_tools.json").write_text(agent_tools.render(yaml.safe_load(spec.read_text())))


def _tree(root: Path) -> dict[str, Path]:
    return {
        str(p.relative_to(root)): p for p in sorted(root.rglob("*")) if p.is_file() and "__pycache__" not in p.parts
    }


def diff_trees(expected: Path, actual: Path) -> list[str]:
    """Return a unified diff (as lines) between two generated trees; empty if identical."""
    want, have = _tree(expected), _tree(actual)
    out: list[str] = []
    for name in sorted(set(want) | set(have)):
        if name not in have:
            out.append(f"missing from generated/: {name}\n")
        elif name not in want:
            out.append(f"not produced by the generator: {name}\n")
        elif not filecmp.cmp(want[name], have[name], shallow=False):
            out.extend(
                difflib.unified_diff(
                    want[name].read_text().splitlines(keepends=True),
                    have[name].read_text().splitlines(keepends=True),
                    f"regenerated/{name}",
                    f"generated/mnemexa_api/{name}",
                )
            )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if generated/ differs from a fresh generation")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "mnemexa_api"
        generate_into(fresh)
        if args.check:
            problems = diff_trees(fresh, TARGET)
            if problems:
                sys.stdout.writelines(problems[:200])
                print("\ngenerated/mnemexa_api is stale or was edited by hand: run `make generate`.")
                return 1
            print("generated/mnemexa_api matches openapi.yaml + generator/.")
            return 0
        if TARGET.exists():
            shutil.rmtree(TARGET)
        shutil.copytree(fresh, TARGET)
        print(f"wrote {TARGET.relative_to(ROOT)} ({len(_tree(TARGET))} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
