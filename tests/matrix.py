"""Run the SDK unit tests on every Python 3.9-3.13 found on this machine.

Interpreters are looked up in pyenv (``$PYENV_ROOT/versions``) and on PATH. Each gets its own
venv under ``.venv-matrix/`` with the package and the ``test`` extra installed. Exits non-zero
if any version fails, or if 3.9 or 3.13 (the ends of the supported range) cannot be found.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, Optional

ROOT = Path(__file__).resolve().parent.parent
MINORS = ["3.9", "3.10", "3.11", "3.12", "3.13"]
REQUIRED = {"3.9", "3.13"}


def _version_of(python: str) -> Optional[str]:
    try:
        out = subprocess.run(
            [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return out or None


def find_interpreters() -> Dict[str, str]:
    found: Dict[str, str] = {}
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates = sorted(pyenv_root.glob("3.*/bin/python3")) if pyenv_root.is_dir() else []
    for minor in MINORS:
        for path in [*candidates, shutil.which(f"python{minor}")]:
            named = path and re.search(rf"(^|/|python){re.escape(minor)}(\.|/|$)", str(path))
            if named and _version_of(str(path)) == minor:
                found[minor] = str(path)
                break
    return found


def _venv_for(minor: str, python: str) -> Path:
    venv = ROOT / ".venv-matrix" / f"py{minor}"
    stamp = venv / ".installed"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([python, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-e", f"{ROOT}[test]"], check=True)
    stamp.write_text(digest)
    return venv


def main() -> int:
    interpreters = find_interpreters()
    rows = []
    failed = False
    for minor in MINORS:
        python = interpreters.get(minor)
        if python is None:
            rows.append((minor, "not found", ""))
            failed = failed or minor in REQUIRED
            continue
        venv = _venv_for(minor, python)
        started = time.monotonic()
        result = subprocess.run(
            [
                str(venv / "bin" / "python"),
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "tests/unit",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        summary = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
        status = "passed" if result.returncode == 0 else "FAILED"
        failed = failed or result.returncode != 0
        rows.append((minor, status, f"{summary}  [{time.monotonic() - started:.1f}s]"))
        if result.returncode != 0:
            print(result.stdout[-4000:], result.stderr[-2000:], sep="\n")
    print("\nSDK unit tests by Python version")
    for minor, status, summary in rows:
        print(f"  Python {minor:<5} {status:<10} {summary}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
