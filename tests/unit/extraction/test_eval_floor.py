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
    "claims": 0.90,
    "meetings": 0.90,
    "agreements": 0.90,
    "figures": 0.90,
    "outlets": 0.90,
}


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.default()


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
        "feeds": {"actors": 0.9, "meetings": 0.75, "figures": 0.9},
        "rss": {"actors": 0.75, "claims": 0.55, "figures": 0.9},
    }
    for corpus, floors in held_out.items():
        for t, floor in floors.items():
            assert ev.by_corpus[corpus][t].f1 >= floor, (corpus, t, ev.by_corpus[corpus][t].f1)


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
