"""Build both wheels, check what each ships, install them into fresh venvs and run them.

- ``mnemexa``, the SDK: at most 1 MB, with no server code and no model files.
- ``mnemexa-server``: the server with its spec (the real file, identical to ``openapi.yaml``), the
  tokenizer and the pipeline's data, its ``mnemexa.commands`` entry points, and a dependency on
  the SDK that names this clone's folder, so that no index is ever asked for ``mnemexa`` (the
  name belongs to another publisher there).

An SDK-only venv must import the SDK, give its agent tools (``describe()`` and ``run_tool()``
read the shipped ``mnemexa_api/agent_tools.json``; a mock transport answers), and have
``mnemexa serve`` say what to install. A second
venv gets both wheels in one ``pip install --no-index`` and must run ``mnemexa --version`` and a
server command. Third-party dependencies come from the index first, in a command of their own.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from email.parser import Parser
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / "server"
MAX_SDK_BYTES = 1_000_000
MODEL_FILES = (".onnx", ".npz", ".safetensors", ".bin", ".pt", "tokenizer.json")
COMMANDS = ("keys", "serve", "vacuum", "workspaces")

SDK_PROBE = """
import importlib.resources, pathlib, sys
import mnemexa, mnemexa_api
assert "site-packages" in mnemexa.__file__, mnemexa.__file__
assert mnemexa.__version__ == sys.argv[1], mnemexa.__version__
for pkg in ("mnemexa", "mnemexa_api"):
    assert importlib.resources.files(pkg).joinpath("py.typed").is_file(), pkg
client = mnemexa.Client(api_key="k", base_url="http://127.0.0.1:9")
assert client.timeout == 30.0 and client.max_retries == 2
import httpx
STATUS = {"workspace_id": 1, "workspace_name": "probe", "workspace_status": "active",
          "api_version": "0"}
def answer(request):
    assert request.url.path == "/v1/status", request.url
    return httpx.Response(200, json=STATUS)
mock = httpx.Client(transport=httpx.MockTransport(answer))
client = mnemexa.Client(api_key="k", base_url="http://127.0.0.1:9", http_client=mock)
tools = client.describe(user_id="u")  # the manifest, read from the installed mnemexa_api
names = [tool["name"] for tool in tools.as_anthropic_tools()]
assert "brain_remember" in names and "brain_status" in names, names
assert all("user_id" not in tool.input_schema.get("properties", {}) for tool in tools.tools)
assert client.run_tool("brain_status", "{}", user_id="u")["workspace_name"] == "probe"
import mnemexa.types
try:
    import mnemexa_server
except ImportError:
    pass
else:
    raise AssertionError("the SDK-only venv can import mnemexa_server")
print("installed", mnemexa.__version__, "from", pathlib.Path(mnemexa.__file__).parent)
"""

SERVER_PROBE = """
import importlib.resources, pathlib, sys
import mnemexa, mnemexa_server.app
for module in (mnemexa, mnemexa_server.app):
    assert module.__file__.startswith(sys.prefix), module.__file__
spec = importlib.resources.files("mnemexa_server").joinpath("openapi.yaml").read_bytes()
assert spec == pathlib.Path(sys.argv[1]).read_bytes(), "the installed spec is not openapi.yaml"
"""


def run(cmd: Sequence[str], cwd: Optional[str] = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(cmd), check=True, text=True, capture_output=True, cwd=cwd)


def build(project: Path, dist: Path) -> Path:
    run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(project)])
    name = "mnemexa_server" if project == SERVER else "mnemexa"
    (wheel,) = dist.glob(f"{name}-*.whl")
    return wheel


def metadata(wheel: Path) -> Tuple[str, List[Requirement], str]:
    """The version, the unconditional requirements and the entry points of a wheel."""
    with zipfile.ZipFile(wheel) as zf:
        info = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        meta = Parser().parsestr(zf.read(info).decode())
        entry_points = zf.read(info.replace("METADATA", "entry_points.txt")).decode()
    requires = [Requirement(r) for r in meta.get_all("Requires-Dist") or []]
    unconditional = [r for r in requires if not (r.marker and "extra" in str(r.marker))]
    return meta["Version"], unconditional, entry_points


def check_sdk(wheel: Path, entry_points: str) -> List[str]:
    names = zipfile.ZipFile(wheel).namelist()
    size = wheel.stat().st_size
    assert size <= MAX_SDK_BYTES, f"the SDK wheel is {size} bytes, over {MAX_SDK_BYTES}"
    assert not [n for n in names if n.startswith("mnemexa_server/")], "server code in the SDK"
    assert not [n for n in names if n.endswith(MODEL_FILES)], "model files in the SDK"
    assert not any(n.startswith(("tests/", "server/", "generator/")) for n in names), names
    for shipped in (
        "mnemexa/py.typed",
        "mnemexa_api/py.typed",
        "mnemexa_api/agent_tools.json",  # describe() and run_tool() read it
        "mnemexa/_cli.py",
    ):
        assert shipped in names, f"{shipped} missing from the SDK wheel"
    assert "mnemexa = mnemexa._cli:main" in entry_points, entry_points
    return names


def check_server(wheel: Path, requires: List[Requirement], entry_points: str) -> List[str]:
    zf = zipfile.ZipFile(wheel)
    names = zf.namelist()
    assert not [n for n in names if n.startswith(("mnemexa/", "mnemexa_api/"))], "SDK in server"
    data = [
        p.relative_to(SERVER).as_posix()
        for folder in ("mnemexa_server/embedding/data", "mnemexa_server/pipeline/data")
        for p in sorted((SERVER / folder).rglob("*"))
        if p.is_file()
    ]
    for shipped in [
        "mnemexa_server/app.py",
        "mnemexa_server/commands.py",
        "mnemexa_server/openapi.yaml",
        "mnemexa_server/embedding/data/all-MiniLM-L6-v2/tokenizer.json",
        "mnemexa_server/pipeline/data/category_examples.jsonl",
        "mnemexa_server/pipeline/data/category_examples.npz",
        *data,
    ]:
        assert shipped in names, f"{shipped} missing from the server wheel"
    spec = zf.read("mnemexa_server/openapi.yaml")
    assert spec == (ROOT / "openapi.yaml").read_bytes(), "the server's spec is not openapi.yaml"
    for name in COMMANDS:
        assert f"{name} = mnemexa_server.commands:{name}" in entry_points, entry_points
    (sdk,) = [r for r in requires if r.name == "mnemexa"]
    # A direct reference to this clone: pip builds it from here and never asks an index.
    assert sdk.url == ROOT.as_uri(), f"mnemexa-server requires {sdk}"
    assert not sdk.specifier, f"mnemexa-server requires {sdk}"
    return names


def venv(path: Path, wheels: Sequence[Path], requires: Sequence[Requirement]) -> str:
    """A fresh venv: third-party dependencies from the index, then our wheels without it."""
    run([sys.executable, "-m", "venv", str(path)])
    python = str(path / "bin" / "python")
    pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    run([*pip, *sorted({str(r) for r in requires if r.name != "mnemexa"})])
    run([*pip, "--no-index", "--no-deps", *map(str, wheels)])
    run([python, "-m", "pip", "check"])
    return str(path / "bin")


def main() -> int:
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        dist = Path(tmp) / "dist"
        sdk_wheel, server_wheel = build(ROOT, dist), build(SERVER, dist)
        version, sdk_requires, sdk_eps = metadata(sdk_wheel)
        server_version, server_requires, server_eps = metadata(server_wheel)
        assert server_version == version, f"mnemexa-server {server_version}, mnemexa {version}"
        sdk_names = check_sdk(sdk_wheel, sdk_eps)
        server_names = check_server(server_wheel, server_requires, server_eps)

        # The two venvs are independent: fill them at the same time.
        with ThreadPoolExecutor(2) as pool:
            sdk_only = pool.submit(venv, Path(tmp) / "sdk", [sdk_wheel], sdk_requires)
            both = pool.submit(
                venv,
                Path(tmp) / "both",
                [sdk_wheel, server_wheel],
                [*sdk_requires, *server_requires],
            )
            sdk_bin, both_bin = sdk_only.result(), both.result()

        # SDK only: the library works, and `mnemexa serve` says what to install.
        print(run([f"{sdk_bin}/python", "-c", SDK_PROBE, version], cwd=tmp).stdout.strip())
        missing = subprocess.run(
            [f"{sdk_bin}/mnemexa", "serve"], capture_output=True, text=True, cwd=tmp
        )
        assert missing.returncode == 2, missing
        assert "mnemexa-server" in missing.stderr, missing.stderr
        assert "pip install ./server" in missing.stderr, missing.stderr
        assert "Traceback" not in missing.stderr, missing.stderr
        assert run([f"{sdk_bin}/mnemexa", "--version"]).stdout == f"mnemexa {version}\n"

        # Both: the dispatcher finds the server's commands and runs one.
        run([f"{both_bin}/python", "-c", SERVER_PROBE, str(ROOT / "openapi.yaml")], cwd=tmp)
        shown = run([f"{both_bin}/mnemexa", "--version"]).stdout
        assert shown == f"mnemexa {version}\nmnemexa-server {version}\n", shown
        listed = run([f"{both_bin}/mnemexa", "--help"]).stdout
        assert all(f"  {name} " in listed for name in COMMANDS), listed
        data_dir = str(Path(tmp) / "data")
        run([f"{both_bin}/mnemexa", "workspaces", "list", "--data-dir", data_dir], cwd=tmp)

        for wheel, names in ((sdk_wheel, sdk_names), (server_wheel, server_names)):
            size = wheel.stat().st_size
            print(f"wheel ok: {wheel.name} ({size / 1e6:.2f} MB, {len(names)} files)")
    print(f"wheel check passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
