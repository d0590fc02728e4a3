"""`make demo`: start a server on a free loopback port with a fresh data dir, create a key, run
both quick-start examples and both agent examples (on their canned model replies, offline)
against it, and stop the server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
MNEMEXA = [sys.executable, "-m", "mnemexa_server"]
EXAMPLES = [  # --canned: the agents' model replies are replayed, even with a provider's key set
    ["quickstart.py"],
    ["quickstart_async.py"],
    ["agent_openai_tools.py", "--canned"],
    ["agent_anthropic_tools.py", "--canned"],
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, server: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with code {server.returncode}")
        try:
            httpx.get(url + "/openapi.json", timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit("the server did not start in time")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="mnemexa-demo-") as data_dir:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        env = {**os.environ, "MNEMEXA_DATA_DIR": data_dir}
        key = subprocess.run(
            [*MNEMEXA, "keys", "create", "--workspace", "demo"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        print(f"== server: {url} (data dir {data_dir}); workspace 'demo' with a new key")
        log = open(Path(data_dir) / "server.log", "wb")  # noqa: SIM115 - closed below
        server = subprocess.Popen(
            [*MNEMEXA, "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(url, server)
            client_env = {**os.environ, "MNEMEXA_API_KEY": key, "MNEMEXA_BASE_URL": url}
            for script, *args in EXAMPLES:
                print(f"\n== examples/{' '.join([script, *args])}")
                subprocess.run(
                    [sys.executable, str(ROOT / "examples" / script), *args],
                    env=client_env,
                    check=True,
                )
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
        print("\n== server stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
