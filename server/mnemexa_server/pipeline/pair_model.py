"""A second look at a pair the dedup rules keep apart: a cross-encoder's P(duplicate).

The model is all-MiniLM-L6-v2 fine-tuned as a three-way pair classifier (duplicate,
updated_existing, stored_new) on the labelled pairs in ``tests/data`` by
``tools/train_pair_model.py``, exported to ONNX and quantised to int8 (per channel). It reads
the stored text and the new one as one input, so it sees a rewording the rules cannot match
word for word. It only ever turns a pair into a duplicate, and only when it is almost sure
(``DUPLICATE_AT``); the rules still decide every name, identifier, value and negation they
tell apart (``dedup.decide``).
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path
from typing import Any, Optional, Protocol

import numpy as np

from ..embedding.minilm import TOKENIZER_PATH, TOKENIZER_SHA256, verify_file

MODEL_PATH = Path(__file__).parent / "data" / "pair_model" / "model.onnx"
MODEL_SHA256 = "520f320eec867089141ca683f95e5108ba3fe40e8365c5d8b4790aa31587e68a"
MAX_TOKENS = 96  # both texts together, as the model was trained
DUPLICATE_AT = 0.98  # chosen on the validation sets (docs/evaluation.md), never on a test set
LABELS = ("duplicate", "updated_existing", "stored_new")  # the model's outputs, in order


class PairModel(Protocol):
    """Reads two texts together and says how likely the new one restates the stored one."""

    def duplicate_probability(self, new_text: str, existing_text: str) -> float:
        """P(duplicate) in [0, 1]."""


class CrossEncoder:
    """The shipped pair model on onnxruntime, one thread, loaded on first use."""

    def __init__(self, model_path: Path = MODEL_PATH, tokenizer_path: Path = TOKENIZER_PATH):
        self._model_path = model_path
        self._tokenizer_path = tokenizer_path
        self._lock = threading.Lock()
        self._loaded: Optional[tuple[Any, Any]] = None
        self._verified = False

    def verify(self) -> None:
        """Raise ``ModelFileError`` unless both files are there and match their sha256 sums;
        a server checks this at start rather than at its first store."""
        with self._lock:
            self._verify()

    def _verify(self) -> None:
        if not self._verified:
            verify_file(self._model_path, MODEL_SHA256)
            verify_file(self._tokenizer_path, TOKENIZER_SHA256)
            self._verified = True

    def _load(self) -> tuple[Any, Any]:
        with self._lock:
            if self._loaded is None:
                import onnxruntime as ort
                from tokenizers import Tokenizer

                self._verify()
                tokenizer = Tokenizer.from_file(str(self._tokenizer_path))
                tokenizer.enable_truncation(MAX_TOKENS, strategy="longest_first")
                tokenizer.enable_padding()
                options = ort.SessionOptions()
                options.intra_op_num_threads = 1
                options.inter_op_num_threads = 1
                options.log_severity_level = 3
                session = ort.InferenceSession(
                    str(self._model_path), options, providers=["CPUExecutionProvider"]
                )
                self._loaded = (tokenizer, session)
            return self._loaded

    def probabilities(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """One row per ``(existing_text, new_text)`` pair: P of each of ``LABELS``."""
        if not pairs:
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        tokenizer, session = self._load()
        encodings = tokenizer.encode_batch(pairs)
        feeds = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }
        logits = np.asarray(session.run(["logits"], feeds)[0], dtype=np.float64)
        logits -= logits.max(axis=1, keepdims=True)
        odds = np.exp(logits)
        probabilities: np.ndarray = (odds / odds.sum(axis=1, keepdims=True)).astype(np.float32)
        return probabilities

    def duplicate_probability(self, new_text: str, existing_text: str) -> float:
        """P(duplicate), or 0 for a pair longer than ``MAX_TOKENS`` together: the model would
        read only the start of each text, and a difference past it would go unseen."""
        tokenizer, _ = self._load()
        if tokenizer.encode(existing_text, new_text).overflowing:
            return 0.0
        return float(self.probabilities([(existing_text, new_text)])[0, 0])


@functools.lru_cache(maxsize=1)
def shipped_model() -> CrossEncoder:
    """The shipped cross-encoder, one per process."""
    return CrossEncoder()


def make_pair_model(name: str = "pair") -> Optional[PairModel]:
    """``pair`` (the default): the shipped cross-encoder, its files checked; ``off``: no
    second look."""
    if name == "off":
        return None
    if name == "pair":
        model = shipped_model()
        model.verify()
        return model
    raise ValueError(f"unknown dedup model {name!r}; choose pair or off")
