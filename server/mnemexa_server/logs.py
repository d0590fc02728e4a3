"""Log setup for the server process and each worker: one line per record on stderr."""

from __future__ import annotations

import logging

FORMAT = "%(asctime)s %(name)s %(levelname)s %(message)s"


def configure_logging(level: int = logging.INFO) -> None:
    """Give the ``mnemexa`` loggers a stderr handler, once per process."""
    root = logging.getLogger("mnemexa")
    if any(getattr(h, "_mnemexa", False) for h in root.handlers):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(FORMAT))
    handler._mnemexa = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    root.propagate = False
