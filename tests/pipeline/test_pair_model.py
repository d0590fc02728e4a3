"""The pair model: the dedup rules' second look at a pair they keep apart."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mnemexa_server.embedding.minilm import ModelFileError
from mnemexa_server.pipeline.dedup import MATCHED_FROM, LocalMergePolicy, decide
from mnemexa_server.pipeline.pair_model import (
    DUPLICATE_AT,
    MODEL_PATH,
    CrossEncoder,
    make_pair_model,
    shipped_model,
)


class Fixed:
    """A pair model that answers one figure and records what it was asked."""

    def __init__(self, probability: float) -> None:
        self.probability = probability
        self.asked: list[tuple[str, str]] = []

    def duplicate_probability(self, new_text: str, existing_text: str) -> float:
        self.asked.append((new_text, existing_text))
        return self.probability


RULES = LocalMergePolicy()
# A long shared start: the shipped model, alone, calls "... cat" / "... dog" after it the same.
LONG = (
    "Every weekday morning before work, after walking along the river path near the old mill"
    " and stopping for coffee at the small bakery on the corner of Elm Street, "
)
# The rules keep these apart (another subject at a cosine below REWORDING_AT).
APART = (
    "Once it gets dark, the user won't get behind the wheel.",
    "The user doesn't drive after dark.",
    0.725,
)


def test_a_sure_model_turns_what_the_rules_keep_apart_into_a_duplicate():
    new, old, cosine = APART
    assert decide(new, old, cosine, RULES).action == "stored_new"
    assert decide(new, old, cosine, RULES, Fixed(DUPLICATE_AT)).action == "duplicate"
    assert decide(new, old, cosine, RULES, Fixed(DUPLICATE_AT - 0.001)).action == "stored_new"


def test_the_model_is_not_asked_below_matched_from_or_when_the_rules_say_duplicate():
    new, old, _ = APART
    far = Fixed(1.0)
    assert decide(new, old, MATCHED_FROM - 0.01, RULES, far).action == "stored_new"
    same = Fixed(0.0)
    assert decide("The user likes tea.", "the user likes tea", 0.99, RULES, same).action == (
        "duplicate_exact"
    )
    assert far.asked == []
    assert same.asked == []


@pytest.mark.parametrize(
    ("new", "old", "rules"),
    [
        ("The team sync is at 4pm on Mondays.", "The team sync is at 3pm on Mondays.", "updated"),
        ("Alice is not allergic to peanuts.", "Alice is allergic to peanuts.", "updated"),
        ("Customer 1001 prefers email.", "Customer 1000 prefers email.", "stored_new"),
        ("Ben owes Ana $50.", "Ana owes Ben $50.", "stored_new"),
        ("The user prefers calls over email.", "The user prefers email over calls.", "updated"),
        ("The ticket has low priority.", "The ticket has high priority.", "updated"),
        ("Being up high really scares my son.", "Being up high really scares me.", "stored_new"),
        (
            LONG + "the user feeds the neighbour's dog.",
            LONG + "the user feeds the neighbour's cat.",
            "stored_new",
        ),
    ],
)
def test_the_model_never_overrules_a_difference_the_rules_found(new, old, rules):
    """A name, identifier, value, polarity, modality, two values of a kind, roles or a
    preference that differ: the rules' answer stands, however sure the model is."""
    sure = Fixed(1.0)
    action = decide(new, old, 0.95, RULES, sure).action
    assert action == decide(new, old, 0.95, RULES).action
    assert action == ("updated_existing" if rules == "updated" else rules)
    assert sure.asked == []


def test_the_shipped_model_tells_a_rewording_from_a_changed_number():
    model = shipped_model()
    reworded = model.duplicate_probability(*APART[:2])
    changed = model.duplicate_probability(
        "The payroll job runs at 23:00 on the last day of the month.",
        "The payroll job runs at 23:59 on the last day of the month.",
    )
    other = model.duplicate_probability(
        "Server web-30 is in the Frankfurt region.", "Server web-03 is in the Frankfurt region."
    )
    assert reworded >= DUPLICATE_AT
    assert changed < 0.5
    assert other < 0.5


def test_a_pair_too_long_to_read_whole_is_no_duplicate():
    """The model reads 96 tokens of the two texts together: past that, a difference at the
    end of a long text would go unseen, so such a pair gets no second look."""
    start = "The quarterly planning notes say that " + "the team agreed on the roadmap, " * 12
    model = shipped_model()
    assert model.duplicate_probability(start + "ship in May.", start + "ship in June.") == 0.0
    assert model.duplicate_probability(*APART[:2]) >= DUPLICATE_AT


def test_a_batch_reads_each_pair_and_every_row_sums_to_one():
    rows = shipped_model().probabilities([("a cat", "a dog"), ("I run daily.", "I jog every day.")])
    assert rows.shape == (2, 3)
    assert abs(float(rows.sum(axis=1).min()) - 1) < 1e-4
    assert shipped_model().probabilities([]).shape == (0, 3)


def test_a_model_file_that_does_not_match_its_checksum_is_refused(tmp_path: Path):
    damaged = tmp_path / "model.onnx"
    shutil.copyfile(MODEL_PATH, damaged)
    with damaged.open("r+b") as f:
        f.seek(1000)
        f.write(b"\0\0\0\0")
    with pytest.raises(ModelFileError, match="sha256"):
        CrossEncoder(damaged).verify()
    with pytest.raises(ModelFileError, match="sha256"):
        CrossEncoder(damaged).duplicate_probability("a", "b")
    with pytest.raises(ModelFileError, match="missing"):
        CrossEncoder(tmp_path / "none.onnx").duplicate_probability("a", "b")


def test_the_setting_chooses_the_model_or_none():
    assert make_pair_model("pair") is shipped_model()
    assert make_pair_model("off") is None
    with pytest.raises(ValueError, match="pair or off"):
        make_pair_model("bert")
