"""Build the wheel, install it into a fresh venv, and import the SDK from it.

Proves the distribution is complete on its own: both packages, both ``py.typed`` markers, the
version, and a working client, with no path back to this checkout.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import importlib.resources, pathlib, sys
import mnemexa, mnemexa_api
assert "site-packages" in mnemexa.__file__, mnemexa.__file__
assert mnemexa.__version__ == sys.argv[1], mnemexa.__version__
for pkg in ("mnemexa", "mnemexa_api"):
    assert importlib.resources.files(pkg).joinpath("py.typed").is_file(), pkg
client = mnemexa.Client(api_key="k", base_url="http://127.0.0.1:9")
assert client.timeout == 30.0 and client.max_retries == 2
import mnemexa.types
print("installed", mnemexa.__version__, "from", pathlib.Path(mnemexa.__file__).parent)
"""


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        dist, venv = Path(tmp) / "dist", Path(tmp) / "venv"
        subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
            check=True,
            capture_output=True,
        )
        (wheel,) = dist.glob("mnemexa-*.whl")
        names = zipfile.ZipFile(wheel).namelist()
        assert not any(n.startswith(("tests/", "server/", "generator/")) for n in names), names
        for shipped in (
            "mnemexa/py.typed",
            "mnemexa_api/py.typed",
            "mnemexa_server/openapi.yaml",
            "mnemexa_server/embedding/data/all-MiniLM-L6-v2/tokenizer.json",
            "mnemexa_server/pipeline/data/category_examples.jsonl",
            "mnemexa_server/pipeline/data/category_examples.npz",
        ):
            assert shipped in names, f"{shipped} missing from the wheel"
        spec = zipfile.ZipFile(wheel).read("mnemexa_server/openapi.yaml")
        assert spec == (ROOT / "openapi.yaml").read_bytes(), "the wheel's spec is not openapi.yaml"
        version = wheel.name.split("-")[1]
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = str(venv / "bin" / "python")
        subprocess.run([python, "-m", "pip", "install", "--quiet", str(wheel)], check=True)
        subprocess.run([python, "-c", PROBE, version], check=True, cwd=tmp)
        print(f"wheel ok: {wheel.name} ({len(names)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
