"""Each pipeline stage meets its bar on its labelled set (the same figures ``make eval`` prints)."""

from __future__ import annotations

import importlib
import random

import pytest

from evals.data import jsonl
from evals.report import StageReport

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
_cache: dict[str, StageReport] = {}


def report(stage: str) -> StageReport:
    if stage not in _cache:
        _cache[stage] = importlib.import_module(f"evals.{stage}").evaluate()
    return _cache[stage]


@pytest.mark.parametrize("stage", ["pii", "importance", "temporal", "categories", "retrieval"])
def test_stage_meets_every_bar(stage):
    failures = [(f.name, round(f.value, 3), str(f.bar)) for f in report(stage).failures]
    assert failures == []
    assert any(f.bar is not None for f in report(stage).figures)


def test_pii_importance_and_temporal_bars_are_pinned():
    bars = {
        (s, f.name): str(f.bar)
        for s in ("pii", "temporal", "importance")
        for f in report(s).figures
        if f.bar
    }
    assert bars[("pii", "recall credit_card")] == ">= 0.97"
    assert bars[("pii", "recall ssn")] == ">= 0.97"
    assert bars[("pii", "recall api_key")] == ">= 0.97"
    assert any(
        name.startswith("false positives") and bar == "<= 0.02" for (_, name), bar in bars.items()
    )
    assert bars[("importance", "Spearman rho")] == ">= 0.6"
    assert bars[("temporal", "type accuracy")] == ">= 0.9"
    assert bars[("temporal", "valid_until exact to the day")] == ">= 0.85"


def test_dedup_bars_are_pinned_on_the_development_set_and_every_blind_set():
    bars = {f.name: str(f.bar) for f in report("dedup").figures if f.bar}
    for name, bar in (
        ("false-merge rate", "<= 0.005"),
        ("duplicate recall", ">= 0.9"),
        ("update detection", ">= 0.8"),
    ):
        assert bars[f"development set: {name}"] == bar
        blind = [b for n, b in bars.items() if n.startswith("blind set") and n.endswith(name)]
        assert blind == [bar] * 150  # A+B, C to Z, AA to AZ, BA to BZ, CA to CZ (no CT), DA to EV


def test_stored_pair_cosines_are_current_and_equal_the_live_embedders():
    """The dedup figures read each pair's cosine from tests/data/dedup_cosines.json: every set
    has them (else ``make pair-cosines``), and a random sample equals a live embedding."""
    from evals import dedup, pair_cosines

    assert pair_cosines.stale(dedup.SETS) == []
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    picked = []
    for name in rng.sample(dedup.SETS, 8):
        pairs, stored = pair_cosines.cosines(name)
        picked += [(pairs[i], stored[i]) for i in rng.sample(range(len(pairs)), 8)]
    live = pair_cosines.live([pair for pair, _ in picked])
    worst = max(abs(now - then) for now, (_, then) in zip(live, picked))
    assert worst <= pair_cosines.TOLERANCE, (seed, worst)


def test_stored_pair_probabilities_are_current_and_equal_the_live_models():
    """The dedup figures read the pair model's P(duplicate) from
    tests/data/dedup_pair_probabilities.json: every set has them (else ``make
    pair-probabilities``), and a random sample equals the live model's, pair by pair."""
    from evals import dedup, pair_probabilities

    assert pair_probabilities.stale(dedup.SETS) == []
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    picked = []
    for name in rng.sample(dedup.SETS, 8):
        pairs = jsonl(name)
        stored = pair_probabilities.probabilities(name)
        picked += [(pairs[i], stored[i]) for i in rng.sample(range(len(pairs)), 8)]
    live = pair_probabilities.live([pair for pair, _ in picked])
    worst = max(abs(now - then) for now, (_, then) in zip(live, picked))
    assert worst <= pair_probabilities.TOLERANCE, (seed, worst)


def test_stored_pair_cosines_are_not_read_for_changed_texts():
    from evals import dedup, pair_cosines

    pairs = jsonl(dedup.DEVELOPMENT)
    assert pair_cosines.stored(dedup.DEVELOPMENT, pairs) is not None
    pairs[3] = {**pairs[3], "new": pairs[3]["new"] + " 2"}
    assert pair_cosines.stored(dedup.DEVELOPMENT, pairs) is None
    assert pair_cosines.stored(dedup.DEVELOPMENT, pairs[:-1]) is None
    assert pair_cosines.stored("holdout/no_such_set.jsonl", pairs) is None


def test_dedup_holds_its_measured_level():
    """Dedup does not meet every issue bar yet (``make eval`` prints FAIL where it misses);
    these floors sit just under today's figures, so no change can make it worse unnoticed."""
    dedup = report("dedup")
    floors = {
        "development set: false-merge rate": ("<=", 0.005),
        "development set: duplicate recall": (">=", 0.94),
        "development set: update detection": (">=", 0.94),
        "blind set (691): false-merge rate": ("<=", 0.005),
        "blind set (691): duplicate recall": (">=", 0.91),
        "blind set (691): update detection": (">=", 0.9),
        "blind set C (445): false-merge rate": ("<=", 0.005),
        "blind set C (445): duplicate recall": (">=", 0.86),
        "blind set C (445): update detection": (">=", 0.91),
        "blind set D (446): false-merge rate": ("<=", 0.005),
        "blind set D (446): duplicate recall": (">=", 0.92),
        "blind set D (446): update detection": (">=", 0.91),
        "blind set E (711): false-merge rate": ("<=", 0.005),
        "blind set E (711): duplicate recall": (">=", 0.86),
        "blind set E (711): update detection": (">=", 0.92),
        "blind set F (680): false-merge rate": ("<=", 0.005),
        "blind set F (680): duplicate recall": (">=", 0.89),
        "blind set F (680): update detection": (">=", 0.93),
        "blind set G (700): false-merge rate": ("<=", 0.005),
        "blind set G (700): duplicate recall": (">=", 0.9),
        "blind set G (700): update detection": (">=", 0.93),
        "blind set H (739): false-merge rate": ("<=", 0.006),
        "blind set H (739): duplicate recall": (">=", 0.9),
        "blind set H (739): update detection": (">=", 0.87),
        "blind set I (728): false-merge rate": ("<=", 0.006),
        "blind set I (728): duplicate recall": (">=", 0.95),
        "blind set I (728): update detection": (">=", 0.82),
        "blind set J (795): false-merge rate": ("<=", 0.006),
        "blind set J (795): duplicate recall": (">=", 0.91),
        "blind set J (795): update detection": (">=", 0.87),
        "blind set K (728): false-merge rate": ("<=", 0.005),
        "blind set K (728): duplicate recall": (">=", 0.97),
        "blind set K (728): update detection": (">=", 0.87),
        "blind set L (820): false-merge rate": ("<=", 0.006),
        "blind set L (820): duplicate recall": (">=", 0.93),
        "blind set L (820): update detection": (">=", 0.85),
        "blind set M (810): false-merge rate": ("<=", 0.005),
        "blind set M (810): duplicate recall": (">=", 0.93),
        "blind set M (810): update detection": (">=", 0.87),
        "blind set N (800): false-merge rate": ("<=", 0.005),
        "blind set N (800): duplicate recall": (">=", 0.89),
        "blind set N (800): update detection": (">=", 0.79),
        "blind set O (800): false-merge rate": ("<=", 0.009),
        "blind set O (800): duplicate recall": (">=", 0.78),
        "blind set O (800): update detection": (">=", 0.81),
        "blind set P (800): false-merge rate": ("<=", 0.008),
        "blind set P (800): duplicate recall": (">=", 0.9),
        "blind set P (800): update detection": (">=", 0.84),
        "blind set Q (800): false-merge rate": ("<=", 0.015),
        "blind set Q (800): duplicate recall": (">=", 0.9),
        "blind set Q (800): update detection": (">=", 0.81),
        "blind set R (800): false-merge rate": ("<=", 0.005),
        "blind set R (800): duplicate recall": (">=", 0.92),
        "blind set R (800): update detection": (">=", 0.84),
        "blind set S (800): false-merge rate": ("<=", 0.006),
        "blind set S (800): duplicate recall": (">=", 0.93),
        "blind set S (800): update detection": (">=", 0.88),
        "blind set T (800): false-merge rate": ("<=", 0.005),
        "blind set T (800): duplicate recall": (">=", 0.93),
        "blind set T (800): update detection": (">=", 0.85),
        "blind set U (800): false-merge rate": ("<=", 0.008),
        "blind set U (800): duplicate recall": (">=", 0.92),
        "blind set U (800): update detection": (">=", 0.86),
        "blind set V (800): false-merge rate": ("<=", 0.008),
        "blind set V (800): duplicate recall": (">=", 0.91),
        "blind set V (800): update detection": (">=", 0.86),
        "blind set W (800): false-merge rate": ("<=", 0.005),
        "blind set W (800): duplicate recall": (">=", 0.96),
        "blind set W (800): update detection": (">=", 0.91),
        "blind set X (800): false-merge rate": ("<=", 0.005),
        "blind set X (800): duplicate recall": (">=", 0.96),
        "blind set X (800): update detection": (">=", 0.9),
        "blind set Y (800): false-merge rate": ("<=", 0.005),
        "blind set Y (800): duplicate recall": (">=", 0.94),
        "blind set Y (800): update detection": (">=", 0.9),
        "blind set Z (800): false-merge rate": ("<=", 0.005),
        "blind set Z (800): duplicate recall": (">=", 0.92),
        "blind set Z (800): update detection": (">=", 0.91),
        "blind set AA (800): false-merge rate": ("<=", 0.005),
        "blind set AA (800): duplicate recall": (">=", 0.95),
        "blind set AA (800): update detection": (">=", 0.9),
        "blind set AB (800): false-merge rate": ("<=", 0.005),
        "blind set AB (800): duplicate recall": (">=", 0.94),
        "blind set AB (800): update detection": (">=", 0.9),
        "blind set AC (800): false-merge rate": ("<=", 0.008),
        "blind set AC (800): duplicate recall": (">=", 0.92),
        "blind set AC (800): update detection": (">=", 0.89),
        "blind set AD (800): false-merge rate": ("<=", 0.005),
        "blind set AD (800): duplicate recall": (">=", 0.72),
        "blind set AD (800): update detection": (">=", 0.89),
        "blind set AE (800): false-merge rate": ("<=", 0.006),
        "blind set AE (800): duplicate recall": (">=", 0.88),
        "blind set AE (800): update detection": (">=", 0.88),
        "blind set AF (800): false-merge rate": ("<=", 0.005),
        "blind set AF (800): duplicate recall": (">=", 0.9),
        "blind set AF (800): update detection": (">=", 0.9),
        "blind set AG (800): false-merge rate": ("<=", 0.005),
        "blind set AG (800): duplicate recall": (">=", 0.94),
        "blind set AG (800): update detection": (">=", 0.9),
        "blind set AH (800): false-merge rate": ("<=", 0.005),
        "blind set AH (800): duplicate recall": (">=", 0.96),
        "blind set AH (800): update detection": (">=", 0.9),
        "blind set AI (800): false-merge rate": ("<=", 0.005),
        "blind set AI (800): duplicate recall": (">=", 0.94),
        "blind set AI (800): update detection": (">=", 0.87),
        "blind set AJ (800): false-merge rate": ("<=", 0.005),
        "blind set AJ (800): duplicate recall": (">=", 0.93),
        "blind set AJ (800): update detection": (">=", 0.91),
        "blind set AK (800): false-merge rate": ("<=", 0.005),
        "blind set AK (800): duplicate recall": (">=", 0.95),
        "blind set AK (800): update detection": (">=", 0.9),
        "blind set AL (800): false-merge rate": ("<=", 0.005),
        "blind set AL (800): duplicate recall": (">=", 0.97),
        "blind set AL (800): update detection": (">=", 0.9),
        "blind set AM (800): false-merge rate": ("<=", 0.005),
        "blind set AM (800): duplicate recall": (">=", 0.98),
        "blind set AM (800): update detection": (">=", 0.89),
        "blind set AN (800): false-merge rate": ("<=", 0.005),
        "blind set AN (800): duplicate recall": (">=", 0.92),
        "blind set AN (800): update detection": (">=", 0.9),
        "blind set AO (800): false-merge rate": ("<=", 0.005),
        "blind set AO (800): duplicate recall": (">=", 0.97),
        "blind set AO (800): update detection": (">=", 0.9),
        "blind set AP (800): false-merge rate": ("<=", 0.005),
        "blind set AP (800): duplicate recall": (">=", 0.95),
        "blind set AP (800): update detection": (">=", 0.89),
        "blind set AQ (800): false-merge rate": ("<=", 0.005),
        "blind set AQ (800): duplicate recall": (">=", 0.93),
        "blind set AQ (800): update detection": (">=", 0.92),
        "blind set AR (800): false-merge rate": ("<=", 0.005),
        "blind set AR (800): duplicate recall": (">=", 0.96),
        "blind set AR (800): update detection": (">=", 0.9),
        "blind set AS (800): false-merge rate": ("<=", 0.005),
        "blind set AS (800): duplicate recall": (">=", 0.95),
        "blind set AS (800): update detection": (">=", 0.88),
        "blind set AT (800): false-merge rate": ("<=", 0.005),
        "blind set AT (800): duplicate recall": (">=", 0.92),
        "blind set AT (800): update detection": (">=", 0.88),
        "blind set AU (800): false-merge rate": ("<=", 0.005),
        "blind set AU (800): duplicate recall": (">=", 0.92),
        "blind set AU (800): update detection": (">=", 0.89),
        "blind set AV (800): false-merge rate": ("<=", 0.005),
        "blind set AV (800): duplicate recall": (">=", 0.95),
        "blind set AV (800): update detection": (">=", 0.89),
        "blind set AW (800): false-merge rate": ("<=", 0.005),
        "blind set AW (800): duplicate recall": (">=", 0.98),
        "blind set AW (800): update detection": (">=", 0.89),
        "blind set AX (800): false-merge rate": ("<=", 0.005),
        "blind set AX (800): duplicate recall": (">=", 0.94),
        "blind set AX (800): update detection": (">=", 0.9),
        "blind set AY (800): false-merge rate": ("<=", 0.005),
        "blind set AY (800): duplicate recall": (">=", 0.95),
        "blind set AY (800): update detection": (">=", 0.91),
        "blind set AZ (800): false-merge rate": ("<=", 0.005),
        "blind set AZ (800): duplicate recall": (">=", 0.95),
        "blind set AZ (800): update detection": (">=", 0.9),
        "blind set BA (800): false-merge rate": ("<=", 0.005),
        "blind set BA (800): duplicate recall": (">=", 0.97),
        "blind set BA (800): update detection": (">=", 0.89),
        "blind set BB (800): false-merge rate": ("<=", 0.005),
        "blind set BB (800): duplicate recall": (">=", 0.96),
        "blind set BB (800): update detection": (">=", 0.88),
        "blind set BC (800): false-merge rate": ("<=", 0.005),
        "blind set BC (800): duplicate recall": (">=", 0.93),
        "blind set BC (800): update detection": (">=", 0.89),
        "blind set BD (800): false-merge rate": ("<=", 0.005),
        "blind set BD (800): duplicate recall": (">=", 0.95),
        "blind set BD (800): update detection": (">=", 0.88),
        "blind set BE (800): false-merge rate": ("<=", 0.005),
        "blind set BE (800): duplicate recall": (">=", 0.95),
        "blind set BE (800): update detection": (">=", 0.89),
        "blind set BF (800): false-merge rate": ("<=", 0.005),
        "blind set BF (800): duplicate recall": (">=", 0.95),
        "blind set BF (800): update detection": (">=", 0.9),
        "blind set BG (800): false-merge rate": ("<=", 0.005),
        "blind set BG (800): duplicate recall": (">=", 0.98),
        "blind set BG (800): update detection": (">=", 0.89),
        "blind set BH (800): false-merge rate": ("<=", 0.005),
        "blind set BH (800): duplicate recall": (">=", 0.95),
        "blind set BH (800): update detection": (">=", 0.89),
        "blind set BI (800): false-merge rate": ("<=", 0.005),
        "blind set BI (800): duplicate recall": (">=", 0.93),
        "blind set BI (800): update detection": (">=", 0.88),
        "blind set BJ (800): false-merge rate": ("<=", 0.005),
        "blind set BJ (800): duplicate recall": (">=", 0.92),
        "blind set BJ (800): update detection": (">=", 0.91),
        "blind set BK (800): false-merge rate": ("<=", 0.005),
        "blind set BK (800): duplicate recall": (">=", 0.95),
        "blind set BK (800): update detection": (">=", 0.89),
        "blind set BL (800): false-merge rate": ("<=", 0.005),
        "blind set BL (800): duplicate recall": (">=", 0.95),
        "blind set BL (800): update detection": (">=", 0.86),
        "blind set BM (800): false-merge rate": ("<=", 0.005),
        "blind set BM (800): duplicate recall": (">=", 0.98),
        "blind set BM (800): update detection": (">=", 0.89),
        "blind set BN (800): false-merge rate": ("<=", 0.005),
        "blind set BN (800): duplicate recall": (">=", 0.93),
        "blind set BN (800): update detection": (">=", 0.89),
        "blind set BO (800): false-merge rate": ("<=", 0.005),
        "blind set BO (800): duplicate recall": (">=", 0.97),
        "blind set BO (800): update detection": (">=", 0.89),
        "blind set BP (800): false-merge rate": ("<=", 0.005),
        "blind set BP (800): duplicate recall": (">=", 0.92),
        "blind set BP (800): update detection": (">=", 0.91),
        "blind set BQ (800): false-merge rate": ("<=", 0.005),
        "blind set BQ (800): duplicate recall": (">=", 0.96),
        "blind set BQ (800): update detection": (">=", 0.9),
        "blind set BR (800): false-merge rate": ("<=", 0.005),
        "blind set BR (800): duplicate recall": (">=", 0.97),
        "blind set BR (800): update detection": (">=", 0.89),
        "blind set BS (800): false-merge rate": ("<=", 0.005),
        "blind set BS (800): duplicate recall": (">=", 0.96),
        "blind set BS (800): update detection": (">=", 0.89),
        "blind set BT (800): false-merge rate": ("<=", 0.006),
        "blind set BT (800): duplicate recall": (">=", 0.92),
        "blind set BT (800): update detection": (">=", 0.88),
        "blind set BU (800): false-merge rate": ("<=", 0.005),
        "blind set BU (800): duplicate recall": (">=", 0.97),
        "blind set BU (800): update detection": (">=", 0.9),
        "blind set BV (800): false-merge rate": ("<=", 0.005),
        "blind set BV (800): duplicate recall": (">=", 0.94),
        "blind set BV (800): update detection": (">=", 0.86),
        "blind set BW (800): false-merge rate": ("<=", 0.005),
        "blind set BW (800): duplicate recall": (">=", 0.93),
        "blind set BW (800): update detection": (">=", 0.91),
        "blind set BX (800): false-merge rate": ("<=", 0.005),
        "blind set BX (800): duplicate recall": (">=", 0.94),
        "blind set BX (800): update detection": (">=", 0.9),
        "blind set BY (800): false-merge rate": ("<=", 0.005),
        "blind set BY (800): duplicate recall": (">=", 0.95),
        "blind set BY (800): update detection": (">=", 0.88),
        "blind set BZ (800): false-merge rate": ("<=", 0.005),
        "blind set BZ (800): duplicate recall": (">=", 0.96),
        "blind set BZ (800): update detection": (">=", 0.89),
        "blind set CA (800): false-merge rate": ("<=", 0.005),
        "blind set CA (800): duplicate recall": (">=", 0.97),
        "blind set CA (800): update detection": (">=", 0.88),
        "blind set CB (800): false-merge rate": ("<=", 0.005),
        "blind set CB (800): duplicate recall": (">=", 0.92),
        "blind set CB (800): update detection": (">=", 0.9),
        "blind set CC (800): false-merge rate": ("<=", 0.005),
        "blind set CC (800): duplicate recall": (">=", 0.95),
        "blind set CC (800): update detection": (">=", 0.89),
        "blind set CD (800): false-merge rate": ("<=", 0.005),
        "blind set CD (800): duplicate recall": (">=", 0.95),
        "blind set CD (800): update detection": (">=", 0.89),
        "blind set CE (800): false-merge rate": ("<=", 0.005),
        "blind set CE (800): duplicate recall": (">=", 0.95),
        "blind set CE (800): update detection": (">=", 0.89),
        "blind set CF (800): false-merge rate": ("<=", 0.005),
        "blind set CF (800): duplicate recall": (">=", 0.94),
        "blind set CF (800): update detection": (">=", 0.91),
        "blind set CG (800): false-merge rate": ("<=", 0.005),
        "blind set CG (800): duplicate recall": (">=", 0.96),
        "blind set CG (800): update detection": (">=", 0.89),
        "blind set CH (800): false-merge rate": ("<=", 0.005),
        "blind set CH (800): duplicate recall": (">=", 0.92),
        "blind set CH (800): update detection": (">=", 0.9),
        "blind set CI (800): false-merge rate": ("<=", 0.005),
        "blind set CI (800): duplicate recall": (">=", 0.95),
        "blind set CI (800): update detection": (">=", 0.9),
        "blind set CJ (800): false-merge rate": ("<=", 0.005),
        "blind set CJ (800): duplicate recall": (">=", 0.96),
        "blind set CJ (800): update detection": (">=", 0.84),
        "blind set CK (800): false-merge rate": ("<=", 0.005),
        "blind set CK (800): duplicate recall": (">=", 0.94),
        "blind set CK (800): update detection": (">=", 0.91),
        "blind set CL (800): false-merge rate": ("<=", 0.005),
        "blind set CL (800): duplicate recall": (">=", 0.95),
        "blind set CL (800): update detection": (">=", 0.87),
        "blind set CM (800): false-merge rate": ("<=", 0.005),
        "blind set CM (800): duplicate recall": (">=", 0.94),
        "blind set CM (800): update detection": (">=", 0.88),
        "blind set CN (800): false-merge rate": ("<=", 0.005),
        "blind set CN (800): duplicate recall": (">=", 0.97),
        "blind set CN (800): update detection": (">=", 0.87),
        "blind set CO (800): false-merge rate": ("<=", 0.005),
        "blind set CO (800): duplicate recall": (">=", 0.95),
        "blind set CO (800): update detection": (">=", 0.88),
        "blind set CP (800): false-merge rate": ("<=", 0.005),
        "blind set CP (800): duplicate recall": (">=", 0.95),
        "blind set CP (800): update detection": (">=", 0.88),
        "blind set CQ (800): false-merge rate": ("<=", 0.005),
        "blind set CQ (800): duplicate recall": (">=", 0.91),
        "blind set CQ (800): update detection": (">=", 0.88),
        "blind set CR (800): false-merge rate": ("<=", 0.005),
        "blind set CR (800): duplicate recall": (">=", 0.95),
        "blind set CR (800): update detection": (">=", 0.91),
        "blind set CS (800): false-merge rate": ("<=", 0.005),
        "blind set CS (800): duplicate recall": (">=", 0.92),
        "blind set CS (800): update detection": (">=", 0.89),
        "blind set CU (800): false-merge rate": ("<=", 0.005),
        "blind set CU (800): duplicate recall": (">=", 0.95),
        "blind set CU (800): update detection": (">=", 0.88),
        "blind set CV (800): false-merge rate": ("<=", 0.005),
        "blind set CV (800): duplicate recall": (">=", 0.97),
        "blind set CV (800): update detection": (">=", 0.88),
        "blind set CW (800): false-merge rate": ("<=", 0.005),
        "blind set CW (800): duplicate recall": (">=", 0.97),
        "blind set CW (800): update detection": (">=", 0.88),
        "blind set CX (800): false-merge rate": ("<=", 0.005),
        "blind set CX (800): duplicate recall": (">=", 0.92),
        "blind set CX (800): update detection": (">=", 0.9),
        "blind set CY (800): false-merge rate": ("<=", 0.005),
        "blind set CY (800): duplicate recall": (">=", 0.94),
        "blind set CY (800): update detection": (">=", 0.9),
        "blind set CZ (800): false-merge rate": ("<=", 0.005),
        "blind set CZ (800): duplicate recall": (">=", 0.95),
        "blind set CZ (800): update detection": (">=", 0.87),
        "blind set DA (800): false-merge rate": ("<=", 0.005),
        "blind set DA (800): duplicate recall": (">=", 0.92),
        "blind set DA (800): update detection": (">=", 0.89),
        "blind set DB (800): false-merge rate": ("<=", 0.005),
        "blind set DB (800): duplicate recall": (">=", 0.96),
        "blind set DB (800): update detection": (">=", 0.87),
        "blind set DC (800): false-merge rate": ("<=", 0.005),
        "blind set DC (800): duplicate recall": (">=", 0.94),
        "blind set DC (800): update detection": (">=", 0.92),
        "blind set DD (800): false-merge rate": ("<=", 0.005),
        "blind set DD (800): duplicate recall": (">=", 0.93),
        "blind set DD (800): update detection": (">=", 0.9),
        "blind set DE (800): false-merge rate": ("<=", 0.005),
        "blind set DE (800): duplicate recall": (">=", 0.93),
        "blind set DE (800): update detection": (">=", 0.91),
        "blind set DF (800): false-merge rate": ("<=", 0.005),
        "blind set DF (800): duplicate recall": (">=", 0.94),
        "blind set DF (800): update detection": (">=", 0.91),
        "blind set DG (800): false-merge rate": ("<=", 0.005),
        "blind set DG (800): duplicate recall": (">=", 0.92),
        "blind set DG (800): update detection": (">=", 0.89),
        "blind set DH (800): false-merge rate": ("<=", 0.005),
        "blind set DH (800): duplicate recall": (">=", 0.94),
        "blind set DH (800): update detection": (">=", 0.89),
        "blind set DI (800): false-merge rate": ("<=", 0.005),
        "blind set DI (800): duplicate recall": (">=", 0.95),
        "blind set DI (800): update detection": (">=", 0.89),
        "blind set DJ (800): false-merge rate": ("<=", 0.005),
        "blind set DJ (800): duplicate recall": (">=", 0.95),
        "blind set DJ (800): update detection": (">=", 0.9),
        "blind set DK (800): false-merge rate": ("<=", 0.005),
        "blind set DK (800): duplicate recall": (">=", 0.94),
        "blind set DK (800): update detection": (">=", 0.88),
        "blind set DL (800): false-merge rate": ("<=", 0.005),
        "blind set DL (800): duplicate recall": (">=", 0.97),
        "blind set DL (800): update detection": (">=", 0.91),
        "blind set DM (800): false-merge rate": ("<=", 0.005),
        "blind set DM (800): duplicate recall": (">=", 0.9),
        "blind set DM (800): update detection": (">=", 0.88),
        "blind set DN (800): false-merge rate": ("<=", 0.005),
        "blind set DN (800): duplicate recall": (">=", 0.93),
        "blind set DN (800): update detection": (">=", 0.86),
        "blind set DO (800): false-merge rate": ("<=", 0.005),
        "blind set DO (800): duplicate recall": (">=", 0.89),
        "blind set DO (800): update detection": (">=", 0.87),
        "blind set DP (800): false-merge rate": ("<=", 0.005),
        "blind set DP (800): duplicate recall": (">=", 0.93),
        "blind set DP (800): update detection": (">=", 0.88),
        "blind set DQ (800): false-merge rate": ("<=", 0.005),
        "blind set DQ (800): duplicate recall": (">=", 0.91),
        "blind set DQ (800): update detection": (">=", 0.88),
        "blind set DR (800): false-merge rate": ("<=", 0.005),
        "blind set DR (800): duplicate recall": (">=", 0.89),
        "blind set DR (800): update detection": (">=", 0.9),
        "blind set DS (800): false-merge rate": ("<=", 0.005),
        "blind set DS (800): duplicate recall": (">=", 0.95),
        "blind set DS (800): update detection": (">=", 0.86),
        "blind set DT (800): false-merge rate": ("<=", 0.005),
        "blind set DT (800): duplicate recall": (">=", 0.89),
        "blind set DT (800): update detection": (">=", 0.89),
        "blind set DU (800): false-merge rate": ("<=", 0.005),
        "blind set DU (800): duplicate recall": (">=", 0.88),
        "blind set DU (800): update detection": (">=", 0.89),
        "blind set DV (800): false-merge rate": ("<=", 0.006),
        "blind set DV (800): duplicate recall": (">=", 0.87),
        "blind set DV (800): update detection": (">=", 0.86),
        "blind set DW (800): false-merge rate": ("<=", 0.005),
        "blind set DW (800): duplicate recall": (">=", 0.85),
        "blind set DW (800): update detection": (">=", 0.85),
        "blind set DX (800): false-merge rate": ("<=", 0.005),
        "blind set DX (800): duplicate recall": (">=", 0.87),
        "blind set DX (800): update detection": (">=", 0.85),
        "blind set DY (800): false-merge rate": ("<=", 0.005),
        "blind set DY (800): duplicate recall": (">=", 0.87),
        "blind set DY (800): update detection": (">=", 0.9),
        "blind set DZ (800): false-merge rate": ("<=", 0.005),
        "blind set DZ (800): duplicate recall": (">=", 0.88),
        "blind set DZ (800): update detection": (">=", 0.89),
        "blind set EA (800): false-merge rate": ("<=", 0.005),
        "blind set EA (800): duplicate recall": (">=", 0.87),
        "blind set EA (800): update detection": (">=", 0.89),
        "blind set EB (800): false-merge rate": ("<=", 0.005),
        "blind set EB (800): duplicate recall": (">=", 0.9),
        "blind set EB (800): update detection": (">=", 0.87),
        "blind set EC (800): false-merge rate": ("<=", 0.005),
        "blind set EC (800): duplicate recall": (">=", 0.93),
        "blind set EC (800): update detection": (">=", 0.88),
        "blind set ED (800): false-merge rate": ("<=", 0.005),
        "blind set ED (800): duplicate recall": (">=", 0.89),
        "blind set ED (800): update detection": (">=", 0.89),
        "blind set EE (800): false-merge rate": ("<=", 0.005),
        "blind set EE (800): duplicate recall": (">=", 0.92),
        "blind set EE (800): update detection": (">=", 0.89),
        "blind set EF (800): false-merge rate": ("<=", 0.005),
        "blind set EF (800): duplicate recall": (">=", 0.87),
        "blind set EF (800): update detection": (">=", 0.9),
        "blind set EG (800): false-merge rate": ("<=", 0.005),
        "blind set EG (800): duplicate recall": (">=", 0.88),
        "blind set EG (800): update detection": (">=", 0.87),
        "blind set EH (800): false-merge rate": ("<=", 0.005),
        "blind set EH (800): duplicate recall": (">=", 0.92),
        "blind set EH (800): update detection": (">=", 0.89),
        "blind set EI (800): false-merge rate": ("<=", 0.005),
        "blind set EI (800): duplicate recall": (">=", 0.9),
        "blind set EI (800): update detection": (">=", 0.86),
        "blind set EJ (800): false-merge rate": ("<=", 0.005),
        "blind set EJ (800): duplicate recall": (">=", 0.92),
        "blind set EJ (800): update detection": (">=", 0.89),
        "blind set EK (800): false-merge rate": ("<=", 0.005),
        "blind set EK (800): duplicate recall": (">=", 0.85),
        "blind set EK (800): update detection": (">=", 0.9),
        "blind set EL (800): false-merge rate": ("<=", 0.005),
        "blind set EL (800): duplicate recall": (">=", 0.9),
        "blind set EL (800): update detection": (">=", 0.89),
        "blind set EM (800): false-merge rate": ("<=", 0.005),
        "blind set EM (800): duplicate recall": (">=", 0.88),
        "blind set EM (800): update detection": (">=", 0.89),
        "blind set EN (800): false-merge rate": ("<=", 0.008),
        "blind set EN (800): duplicate recall": (">=", 0.88),
        "blind set EN (800): update detection": (">=", 0.87),
        "blind set EO (800): false-merge rate": ("<=", 0.005),
        "blind set EO (800): duplicate recall": (">=", 0.9),
        "blind set EO (800): update detection": (">=", 0.81),
        "blind set EP (800): false-merge rate": ("<=", 0.005),
        "blind set EP (800): duplicate recall": (">=", 0.93),
        "blind set EP (800): update detection": (">=", 0.87),
        "blind set EQ (800): false-merge rate": ("<=", 0.005),
        "blind set EQ (800): duplicate recall": (">=", 0.89),
        "blind set EQ (800): update detection": (">=", 0.89),
        "blind set ER (800): false-merge rate": ("<=", 0.006),
        "blind set ER (800): duplicate recall": (">=", 0.93),
        "blind set ER (800): update detection": (">=", 0.87),
        "blind set ES (800): false-merge rate": ("<=", 0.005),
        "blind set ES (800): duplicate recall": (">=", 0.88),
        "blind set ES (800): update detection": (">=", 0.88),
        "blind set ET (800): false-merge rate": ("<=", 0.008),
        "blind set ET (800): duplicate recall": (">=", 0.92),
        "blind set ET (800): update detection": (">=", 0.89),
        "blind set EU (800): false-merge rate": ("<=", 0.005),
        "blind set EU (800): duplicate recall": (">=", 0.87),
        "blind set EU (800): update detection": (">=", 0.88),
        "blind set EV (800): false-merge rate": ("<=", 0.006),
        "blind set EV (800): duplicate recall": (">=", 0.91),
        "blind set EV (800): update detection": (">=", 0.9),
        "hard-negative probe sets (1000): false-merge rate": ("<=", 0.097),
    }
    for name, (op, floor) in floors.items():
        value = dedup.figure(name).value
        assert value <= floor if op == "<=" else value >= floor, (name, value)


def test_held_out_sets_have_bars():
    for stage, prefix in (("importance", "held-out set Spearman"), ("temporal", "held-out set")):
        held = [f for f in report(stage).figures if f.name.startswith(prefix)]
        assert held
        assert all(f.bar is not None for f in held)


def test_hybrid_retrieval_beats_both_single_retrievers_on_the_untuned_half():
    retrieval = report("retrieval")
    hybrid = retrieval.figure("hybrid: recall@10 (test half)").value
    assert hybrid > retrieval.figure("dense: recall@10 (test half)").value
    assert hybrid > retrieval.figure("lexical: recall@10 (test half)").value
    # The server's weight is tuned on long conversations (make eval retrieval-conversations);
    # at that weight this set keeps what it had when the weight was tuned on it (0.95).
    assert hybrid >= 0.99
    assert retrieval.figure("hybrid: MRR (test half)").value >= 0.88


def test_categories_meet_the_bar_on_memories_they_were_never_fit_to():
    categories = report("categories")
    bar = next(f for f in categories.figures if f.bar is not None)
    assert (bar.name, str(bar.bar)) == ("micro-F1, memories never fit to (672)", ">= 0.75")
    # Each part of that pool, pinned a little under its measured level so that none can slip.
    assert categories.figure("categories.jsonl untuned half (209)").value >= 0.73
    assert categories.figure("holdout/categories.jsonl micro-F1 (163)").value >= 0.75
    assert categories.figure("holdout/categories_v2.jsonl micro-F1 (300)").value >= 0.73
    # The labels themselves: three annotators working blind agree far above the tagger.
    assert categories.figure("categories.jsonl annotator agreement").value >= 0.9
