"""PII scanning stays linear: on adversarial text, 10x the characters costs at most 15x the time.

Growth, not wall clock: each shape is timed at 10,000 and 100,000 characters (best of a few
runs, in CPU time so that other processes on the machine do not count) and only the ratio
is checked. Before the fix for issue 12 every shape here grew 30x to 1,000x (cubic for
"key" and spaces); "what it stressed" names the pattern.

The timing runs in a worker process, so a shape that has gone quadratic again fails instead
of hanging the suite: the worker is killed when a run takes GUARD times the best run at the
size before (1,000 characters only bounds the wait for 10,000).
"""

from __future__ import annotations

import json
import queue
import random
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator

import pytest

LIMIT = 15.0  # time(100,000 chars) / time(10,000 chars); linear is about 10
SIZES = (1_000, 10_000, 100_000)
REPEATS = (3, 5, 4)  # runs per size, the best counts
RETRIES = 4  # more runs at 100,000 before failing (a busy machine adds noise)
GUARD = 40.0  # a run may take this many times the best run at the size before (+ SLACK)
SLACK = 2.0  # seconds
FIRST_RUN = 60.0  # seconds, at 1,000 characters


def _repeat(head: str, unit: str, tail: str = "") -> Callable[[int], str]:
    def make(n: int) -> str:
        body = unit * ((n - len(head) - len(tail)) // len(unit) + 1)
        return head + body[: n - len(head) - len(tail)] + tail

    return make


def _tokens(make_one: Callable[[random.Random], str]) -> Callable[[int], str]:
    def make(n: int) -> str:
        rng, parts, size = random.Random(12), [], 0
        while size < n:
            parts.append(make_one(rng))
            size += len(parts[-1]) + 1
        return " ".join(parts)[:n]

    return make


_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

# shape: (what it stressed, text of n characters)
SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "key and spaces": ("detect-secrets IBM (cubic), key context", _repeat("key", " ", "x")),
    "password and spaces": ("detect-secrets IBM", _repeat("password", " ", "x")),
    "SECRET_KEY and tabs": (
        "key context: two \\s* around an optional word",
        _repeat("SECRET_KEY", "\t", "x"),
    ),
    "user and spaces": ("user/pass: \\s*[:=]?\\s*", _repeat("user", " ", "x")),
    "user.user.user": (
        "login pair, user/pass, e-mail, URL: every keyword reads the run",
        _repeat("", "user."),
    ),
    "login-login-login": ("login pair, user/pass", _repeat("", "login-")),
    "account@account@": ("login pair", _repeat("", "account@")),
    "a.a.a.a": ("e-mail, URL scheme: every word start reads the run", _repeat("", "a.")),
    "a+a+a+a": ("URL scheme", _repeat("", "a+")),
    "12-12-12-": ("e-mail local part", _repeat("", "12-")),
    "a@b.a.a.a": ("e-mail", _repeat("a@b", ".a", "1")),
    "mysql mysql mysql": ("command lines: each command reads its line", _repeat("", "mysql ")),
    "curl curl curl": ("command lines", _repeat("", "curl ")),
    "docker login ...": ("command lines", _repeat("", "docker login ")),
    "htpasswd -bbbb": ("command lines: -\\w*b\\w*", _repeat("htpasswd -", "b")),
    "password !!!!": ("password value: \\S{4,}?[!?]*", _repeat("password ", "!", "x")),
    "password is ????": ("password value", _repeat("password is ", "?", "x")),
    "eyJeyJeyJ": ("detect-secrets JWT", _repeat("", "eyJ")),
    "sk-sk-sk-": ("detect-secrets OpenAI", _repeat("", "sk-")),
    "many tokens": (
        "known tokens: one scan of the text per token",
        _tokens(lambda rng: "ghp_" + "".join(rng.choice(_ALNUM) for _ in range(36))),
    ),
    "IBANs, then cards": (
        "card inside an IBAN: every card against every IBAN",
        lambda n: _repeat("", "GB82WEST1234 ")(n // 2) + _repeat("", "1234567890123 ")(n - n // 2),
    ),
    "many cards": (
        "overlap check: every finding against every other",
        _repeat("", "4111 1111 1111 1111 "),
    ),
}

_WORKER = """
import gc, json, sys, time
from mnemexa_server.pipeline.pii import PiiDetector
detector = PiiDetector()
detector.prepare()
print("ready", flush=True)
for line in sys.stdin:
    request = json.loads(line)
    for _ in range(request["repeats"]):
        gc.collect()
        gc.disable()
        started = time.process_time()
        detector.detect(request["text"])
        print(time.process_time() - started, flush=True)
        gc.enable()
"""


class _Worker:
    """A process that times ``PiiDetector.detect``, killed when a run takes too long."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _WORKER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        assert self.lines.get(timeout=60).strip() == "ready"

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def best(self, text: str, repeats: int, timeout: float) -> float | None:
        """The best of ``repeats`` runs (CPU seconds), or None, and the worker killed, as
        soon as one run takes longer than ``timeout`` (wall-clock seconds)."""
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"text": text, "repeats": repeats}) + "\n")
        self.process.stdin.flush()
        try:
            return min(float(self.lines.get(timeout=timeout)) for _ in range(repeats))
        except queue.Empty:
            self.close()
            return None

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


@pytest.fixture(scope="module")
def worker() -> Iterator[list[_Worker]]:
    box = [_Worker()]  # replaced when a shape gets it killed
    yield box
    box[0].close()


@pytest.mark.parametrize("shape", list(SHAPES))
def test_ten_times_the_text_takes_at_most_fifteen_times_as_long(shape, worker):
    stressed, make = SHAPES[shape]
    if worker[0].process.poll() is not None:  # killed by the shape before
        worker[0] = _Worker()
    times: list[float] = []
    for size, repeats in zip(SIZES, REPEATS):
        text = make(size)
        assert len(text) == size
        timeout = GUARD * times[-1] + SLACK if times else FIRST_RUN
        best = worker[0].best(text, repeats, timeout)
        assert best is not None, (
            f"{shape!r} ({stressed}): a run at {size:,} characters took more than "
            f"{timeout:.1f} s, {GUARD:.0f}x the best at {size // 10:,} ({times[-1] * 1000:.1f} ms)"
            if times
            else f"{shape!r} ({stressed}): more than {FIRST_RUN:.0f} s at {size:,} characters"
        )
        times.append(best)
    for _ in range(RETRIES):
        if times[-1] <= LIMIT * times[-2]:
            break
        again = worker[0].best(make(SIZES[-1]), REPEATS[-1], GUARD * times[-2] + SLACK)
        if again is None:
            break
        times[-1] = min(times[-1], again)
    ratio = times[-1] / times[-2]
    assert ratio <= LIMIT, (
        f"{shape!r} ({stressed}): {SIZES[-1]:,} characters took {ratio:.1f}x the time of "
        f"{SIZES[-2]:,} ({times[-1] * 1000:.1f} ms vs {times[-2] * 1000:.1f} ms)"
    )
