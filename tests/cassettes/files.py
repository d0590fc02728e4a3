"""The committed cassettes, read back as plain data (for the hygiene and contract tests)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional
from urllib.parse import urlsplit

import yaml

# MNEMEXA_CASSETTE_DIR records elsewhere (make test-postgres checks recordings made on
# PostgreSQL against the spec without touching the committed ones).
RECORDED = Path(os.environ.get("MNEMEXA_CASSETTE_DIR") or Path(__file__).with_name("recorded"))
_KEY_LIKE = re.compile(r"mnx_ws_[A-Za-z0-9_\-]{8,}|Bearer\s+\S+|sk-[A-Za-z0-9]{16,}")


@dataclass(frozen=True)
class Interaction:
    """One recorded request and its response."""

    cassette: Path
    method: str
    path: str
    status: int
    headers: Dict[str, List[str]]
    body: Optional[str]

    def header(self, name: str) -> Optional[str]:
        for key, values in self.headers.items():
            if key.lower() == name.lower():
                return values[0]
        return None


def recorded_files() -> List[Path]:
    return sorted(RECORDED.rglob("*.yaml"))


def interactions() -> Iterator[Interaction]:
    for path in recorded_files():
        for item in yaml.safe_load(path.read_text())["interactions"]:
            request: Dict[str, Any] = item["request"]
            response: Dict[str, Any] = item["response"]
            body = response["body"].get("string")
            yield Interaction(
                cassette=path,
                method=request["method"].lower(),
                path=urlsplit(request["uri"]).path,
                status=int(response["status"]["code"]),
                headers=response["headers"],
                body=body.decode() if isinstance(body, bytes) else body,
            )


def key_like(text: str) -> List[str]:
    """Anything in ``text`` that looks like an API key or a bearer credential."""
    return _KEY_LIKE.findall(text)
