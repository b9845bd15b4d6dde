"""Regression floors of the extractor on the hand-written gold set (`make eval` prints the table).

The targets of the extraction issue are ≥ 0.85 F1 for actors and claims and ≥ 0.75 for meetings,
agreements and figures. The floors below sit a little under today's scores (see the report of
`python -m tests.eval.evaluate`) so a regression fails the suite, not a one-item wobble.
"""

from __future__ import annotations

import pytest

from extraction.extract import Extractor
from tests.eval.evaluate import FACT_TYPES, SHARED_ARTICLES, evaluate, load_gold

TARGETS = {
    "actors": 0.85,
    "claims": 0.85,
    "meetings": 0.75,
    "agreements": 0.75,
    "figures": 0.75,
    "outlets": 0.75,
}
FLOORS = {
    "actors": 0.95,
    # 0.98 with the regex finder tuned to this gold; the parse-based finder (extractor 0.3) trades a
    # few of its conventions for real-text recall (blind dev 0.35 → 0.74, PolNeAR train 0.25 → 0.81)
    "claims": 0.85,
    # 0.977 with the sentence-level finder tuned to this gold (every name in a meeting sentence was a
    # participant — on real text that published wrong participants); the trigger's-arguments finder
    # (extractor 0.4) gives 0.78 here and raises blind-dev precision 0.43 → 0.56
    "meetings": 0.75,
    "agreements": 0.90,
    "figures": 0.90,
    "outlets": 0.90,
}



def test_gold_resolves_in_its_documents() -> None:
    gold = load_gold(include_shared=False)
    assert len(gold) >= 6
    for gd in gold:
        for a in gd.items["actors"]:
            assert gd.doc.body[a["start"] : a["end"]] == a["text"]


def test_sample_documents_meet_the_floors(extractor: Extractor) -> None:
    ev = evaluate(include_shared=False, extractor=extractor)
    for t in FACT_TYPES:
        assert ev.scores[t].f1 >= FLOORS[t], (t, ev.scores[t].f1, ev.scores[t].misses, ev.scores[t].extras)


def test_full_gold_set_meets_targets_and_floors(extractor: Extractor) -> None:
    if not SHARED_ARTICLES.is_dir():
        pytest.skip(f"{SHARED_ARTICLES} not present (only in the project workspace)")
    ev = evaluate(include_shared=True, extractor=extractor)
    assert ev.documents == len(load_gold(include_shared=True))
    for t in FACT_TYPES:
        f1 = ev.scores[t].f1
        assert f1 >= TARGETS[t], (t, f1)
        assert f1 >= FLOORS[t], (t, f1, ev.scores[t].misses, ev.scores[t].extras)


def test_held_out_corpora_do_not_regress(extractor: Extractor) -> None:
    """Feeds and RSS items were annotated before the extractor ever ran on them; floors are loose
    because they hold few items per type, and sit under the first held-out run's scores."""
    if not SHARED_ARTICLES.is_dir():
        pytest.skip(f"{SHARED_ARTICLES} not present (only in the project workspace)")
    ev = evaluate(include_shared=True, extractor=extractor)
    held_out = {
        "feeds": {"actors": 0.9, "meetings": 0.7, "figures": 0.9},
        # 8 claims: one claim moves F1 by ~0.07 (the blind gold, test_blind_dev_half_does_not_regress, is the instrument)
        "rss": {"actors": 0.75, "claims": 0.5, "figures": 0.9},
    }
    for corpus, floors in held_out.items():
        for t, floor in floors.items():
            assert ev.by_corpus[corpus][t].f1 >= floor, (corpus, t, ev.by_corpus[corpus][t].f1)


def test_blind_dev_half_does_not_regress(extractor: Extractor) -> None:
    """Real text nobody here wrote (the blind gold's dev half): floors under the current scores."""
    from tests.eval.blind import evaluate_blind

    result = evaluate_blind("dev", extractor=extractor)
    if result is None:
        pytest.skip("the blind gold's corpora in ../shared are absent")
    table = result.table()
    floors = {"actors": 0.70, "claims": 0.70, "figures": 0.70}
    for fact, floor in floors.items():
        assert table[fact]["F1"].value >= floor, (fact, str(table[fact]["F1"]))


def test_evaluation_detects_a_broken_extractor(extractor: Extractor) -> None:
    """The scorer is not vacuous: an extractor that finds nothing scores zero recall."""

    class Empty(Extractor):
        def extract_batch(self, docs, batch_size=256):  # type: ignore[no-untyped-def]
            for ex in super().extract_batch(docs, batch_size):
                ex.mentions, ex.claims, ex.meetings = [], [], []
                yield ex

    ev = evaluate(
        include_shared=False,
        extractor=Empty(extractor.gazetteer, extractor.outlets, extractor.places, extractor.nlp),
    )
    assert (
        ev.scores["actors"].recall == 0.0
        and ev.scores["claims"].recall == 0.0
        and ev.scores["meetings"].recall == 0.0
    )
