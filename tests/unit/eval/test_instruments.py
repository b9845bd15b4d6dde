"""The truth instruments themselves: blind-gold validation and scoring, PolNeAR reading and matching,
audit intervals and calibration. Small hand-made inputs; no third-party corpus needed."""

from __future__ import annotations

import csv
import itertools
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from extraction.model import Claim, Extraction, Meeting, Mention, Participant, Sentences, Speaker
from tests.eval import audit, blind, polnear
from tests.eval.blind_gold import AnnotationError, BlindDocument, to_offsets

BODY = (
    "Putin meets Xi in Moscow\n"
    "Russian President Vladimir Putin held talks with Xi Jinping on Tuesday, the Kremlin said. "
    "\"We are partners,\" Xi told reporters."
)


def _gold() -> dict:
    return {
        "doc": "rss:1",
        "actors": [
            {"name": "Vladimir Putin", "type": "person", "country": "RUS", "forms": ["Putin", "Vladimir Putin"]},
            {"name": "Xi Jinping", "type": "person", "country": "CHN", "forms": ["Xi", "Xi Jinping"]},
            {"name": "Kremlin", "type": "organization", "country": "RUS", "forms": ["Kremlin"]},
        ],
        "claims": [
            {"speaker": "Kremlin", "speaker_text": "the Kremlin",
             "text": "Russian President Vladimir Putin held talks with Xi Jinping on Tuesday", "direct": False, "cue": "said"},
            {"speaker": "Xi Jinping", "speaker_text": {"text": "Xi", "occurrence": 3}, "text": "We are partners",
             "direct": True, "cue": "told"},
        ],
        "meetings": [
            {"text": "Vladimir Putin held talks with Xi Jinping on Tuesday", "participants": ["Vladimir Putin", "Xi Jinping"],
             "status": "held", "type": "talks", "date": date(2023, 3, 21), "date_precision": "day", "place": "Moscow",
             "place_country": "RUS"},
        ],
        "figures": [],
    }


def _doc(gold: dict) -> BlindDocument:
    return BlindDocument("rss:1", "dev", "rss-keyword", SimpleNamespace(body=BODY, published_at=None, language="en"),
                         to_offsets(gold, BODY))


def _at(text: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = BODY.index(text, start + 1)
    return start, start + len(text)


def _mention(text: str, key: str | None, name: str, kind: str = "person", occurrence: int = 1) -> Mention:
    s, e = _at(text, occurrence)
    return Mention(s, e, text, key, name, kind, None, "gazetteer", 0.9)


def test_annotations_become_offsets_and_bad_ones_are_refused() -> None:
    stored = to_offsets(_gold(), BODY)
    s, e = stored["claims"][1]["speaker_span"]
    assert BODY[s:e] == "Xi" and s == _at("Xi", 3)[0]
    bad = _gold()
    bad["meetings"][0]["status"] = "happened"
    with pytest.raises(AnnotationError, match="status"):
        to_offsets(bad, BODY)
    bad = _gold()
    bad["claims"][0]["text"] = "not in the text"
    with pytest.raises(AnnotationError, match="not found"):
        to_offsets(bad, BODY)
    bad = _gold()
    bad["meetings"][0]["participants"] = ["Vladimir Putin", "Someone Else"]
    with pytest.raises(AnnotationError, match="not the name of an entry"):
        to_offsets(bad, BODY)


def test_blind_scoring_counts_right_wrong_and_missed_facts() -> None:
    doc = _doc(_gold())
    putin_speaker = Speaker(*_at("Vladimir Putin"), "Vladimir Putin", "person-putin", "Vladimir Putin", "person")
    ex = Extraction("rss:1", "en", Sentences([(0, len(BODY))]))
    ex.mentions = [
        _mention("Putin", "person-putin", "Vladimir Putin"),
        _mention("Vladimir Putin", "person-putin", "Vladimir Putin"),
        _mention("Xi Jinping", "person-xi", "Xi Jinping"),
        _mention("Kremlin", None, "Kremlin", "organization"),
        _mention("Moscow", None, "Moscow", "organization"),  # a place published as an actor
    ]
    ex.claims = [
        # right text, wrong speaker: the man spoken about is not the one speaking
        Claim(*_at("Russian President Vladimir Putin held talks with Xi Jinping on Tuesday"),
              "Russian President Vladimir Putin held talks with Xi Jinping on Tuesday", False, "said", putin_speaker, 0.7),
        Claim(*_at("We are partners"), "We are partners", True, "told",
              Speaker(*_at("Xi", 3), "Xi", "person-xi", "Xi Jinping", "person"), 0.85),
    ]
    s, e = _at("Vladimir Putin held talks with Xi Jinping")
    ex.meetings = [Meeting(s, e, "talks", "held", None, "unknown", None, None, None,
                           [Participant("person-putin", "Vladimir Putin", "person", "participant", *_at("Vladimir Putin")),
                            Participant("person-xi", "Xi Jinping", "person", "participant", *_at("Xi Jinping"))], None, 0.8)]
    score = blind.score(doc, ex)
    assert (score.counts["actors"].tp, score.counts["actors"].fp, score.counts["actors"].fn) == (3, 1, 0)
    assert (score.counts["claims"].tp, score.counts["claims"].fp, score.counts["claims"].fn) == (1, 1, 1)
    assert (score.counts["meetings"].tp, score.exact["meetings"].tp) == (1, 1)


def test_a_person_resolved_to_a_namesake_is_a_wrong_merge() -> None:
    gold = _gold()
    gold["actors"][0] = {"name": "Emine Putin", "type": "person", "country": "RUS", "forms": ["Putin"]}
    gold["claims"], gold["meetings"] = [], []
    ex = Extraction("rss:1", "en", Sentences([(0, len(BODY))]))
    ex.mentions = [_mention("Putin", "person-other", "Recep Putin")]
    score = blind.score(_doc(gold), ex)
    assert score.wrong_person_merges == 1 and score.counts["actors"].tp == 0


def test_a_given_name_is_compared_in_the_texts_own_script() -> None:
    # the gold canonical name is English, the text and the new actor Cyrillic: romanized Ш ≠ C
    assert blind._person_compatible("Шарль Бертран", ["Charles Bertrand", "Шарль Бертрана", "Бертран"])
    assert not blind._person_compatible("Эмине Бертран", ["Charles Bertrand", "Шарль Бертрана", "Бертран"])
    assert not blind._person_compatible("Recep Putin", ["Emine Putin", "Putin"])


def test_test_half_errors_cannot_be_printed() -> None:
    with pytest.raises(SystemExit):
        blind.main(["--split", "test", "--errors"])


def test_polnear_reader_and_match(tmp_path: Path) -> None:
    text = 'Trump said Monday: "We will win." He added that polls were wrong.'
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    q0, q1 = text.index("We will"), text.index(".\"") + 1
    c0 = text.index("polls")
    (tmp_path / "a_x.ann").write_text(
        f"T1\tSource 0 5\tTrump\nT2\tCue 6 10\tsaid\nT3\tContent {q0} {q1}\tWe will win.\n"
        "E1\tAttribution:T1 Content:T3 Cue:T2 Source:T1\n"
        f"T4\tSource {text.index('He')} {text.index('He') + 2}\tHe\nT5\tContent {c0} {len(text) - 1}\tpolls were wrong\n"
        "E2\tAttribution:T4 Content:T5 Source:T4\n", encoding="utf-8")
    article = polnear.read_article(tmp_path / "a.txt", tmp_path / "a_x.ann")
    direct, reported = article.attributions
    assert (direct.direct, direct.named) == (True, True)
    assert (reported.direct, reported.named) == (False, False)
    right = Claim(q0, q1, text[q0:q1], True, "said", Speaker(0, 5, "Trump", "person-trump", "Donald Trump", "person"), 0.8)
    wrong = Claim(q0, q1, text[q0:q1], True, "said", Speaker(q0, q0 + 2, "We", None, "We", "person"), 0.8)
    assert polnear.matches(direct, right) and not polnear.matches(direct, wrong)
    scored = polnear.score_article(article, [right, wrong])
    assert (scored.direct_named.gold_found, scored.direct_named.pred_right, scored.direct_named.pred_wrong) == (1, 1, 1)


def test_wilson_interval_and_isotonic_calibration() -> None:
    lo, hi = audit.wilson(20, 40)
    assert lo < 0.5 < hi and round(hi - lo, 2) == 0.3
    blocks = audit._isotonic([(0.6, 10, 8), (0.7, 10, 2), (0.9, 10, 9)])
    rates = [k / n for _, n, k in blocks]
    assert rates == sorted(rates)
    rows = [{"mart": "fct_claims", "confidence": str(c), "verdict": v, "corpus": corpus}
            for c, v, corpus in [(0.6, "correct", "rss-keyword"), (0.6, "wrong", "rss-keyword"),
                                 (0.85, "correct", "rss-keyword"), (0.85, "correct", "rss-keyword"),
                                 (0.6, "wrong", "ru-channels"), (0.85, "wrong", "ru-channels")]]
    seed = audit.calibration_rows(rows, "v-test")
    assert {r["language"] for r in seed} == {"*", "en", "ru"}  # per language, and all together
    ru = [r for r in seed if r["fact_type"] == "claim" and r["language"] == "ru"]
    en = [r for r in seed if r["fact_type"] == "claim" and r["language"] == "en"]
    assert max(r["confidence"] for r in ru) < min(r["confidence"] for r in en if r["raw_from"] > 0.7)
    claims = [r for r in seed if r["fact_type"] == "claim" and r["language"] == "en"]
    assert claims[0]["raw_from"] == 0.0 and claims[-1]["raw_to"] > 1.0
    assert all(a["raw_to"] == b["raw_from"] for a, b in itertools.pairwise(claims))
    assert [r["confidence"] for r in claims] == sorted(r["confidence"] for r in claims)
    assert {r["fact_type"] for r in seed} == {"meeting", "claim", "agreement", "trade_figure"}


def test_the_out_of_sample_reliability_maps_each_row_through_a_fit_without_it() -> None:
    """Rows whose verdict does not follow their raw confidence: in sample, a fit learns each row's own
    verdict; out of sample (each row through a fit on the other folds) it cannot, so the cross-validated
    table shows a larger calibration error than the fit on all rows."""
    rows = [{"mart": "fct_claims", "confidence": f"{0.5 + i / 100:.2f}", "verdict": "correct" if i % 2 else "wrong",
             "corpus": "rss-keyword", "row_id": f"c{i}"} for i in range(40)]
    in_sample = audit.reliability(rows, audit.calibration_rows(rows, "v-test"))
    out_of_sample = audit.cross_validated_reliability(rows, folds=4)
    assert sum(n for _, n, _, _ in out_of_sample) == sum(n for _, n, _, _ in in_sample) == 40
    assert audit.calibration_error(out_of_sample) > audit.calibration_error(in_sample)
    # a table whose confidence is the fraction correct has no error
    assert audit.calibration_error([("[0.6, 0.8)", 10, 0.7, 0.7), ("[0.8, 1.0)", 5, 0.9, 0.9)]) == 0.0
    assert audit.calibration_error([("[0.6, 0.8)", 10, 0.7, 0.5)]) == pytest.approx(0.2)


def test_a_judged_rows_published_confidence_follows_its_corpus_language() -> None:
    seed = [{"fact_type": "claim", "language": "*", "raw_from": "0.0", "raw_to": "1.001", "confidence": "0.6"},
            {"fact_type": "claim", "language": "ru", "raw_from": "0.0", "raw_to": "0.7", "confidence": "0.7"},
            {"fact_type": "claim", "language": "ru", "raw_from": "0.7", "raw_to": "1.001", "confidence": "0.8"}]
    row = {"mart": "fct_claims", "confidence": "0.75", "verdict": "correct"}
    assert audit.published_confidence({**row, "corpus": "ru-channels"}, seed) == 0.8
    assert audit.published_confidence({**row, "corpus": "rss-keyword"}, seed) == 0.6  # no English rows: all languages


def test_an_unjudged_sheet_is_not_stored(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    with sheet.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=audit.SHEET_COLUMNS)
        w.writeheader()
        w.writerow({"corpus": "x", "extractor_version": "v", "mart": "fct_claims", "row_id": "c1", "confidence": 0.8,
                    "evidence": "", "verdict": "", "reason": ""})
    with pytest.raises(ValueError, match="no verdict"):
        audit.store_judged("x", sheet)


def test_a_drawn_row_judged_before_keeps_its_verdict_only_while_it_publishes_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit, "AUDIT_DIR", tmp_path / "judged")
    monkeypatch.setattr(audit, "WORK_DIR", tmp_path / "work")
    (tmp_path / "work" / "c").mkdir(parents=True)
    details = {"name": "grain deal", "status": "signed", "first_ingested_at": "2026-01-01 10:00:00"}
    evidence = [{"doc_id": "d1", "char_start": 0, "char_end": 20, "text": "t", "outlet": "o", "published_at": None,
                 "url": "u", "title": "t"}]
    judged = tmp_path / "judged" / "c" / "parse-0.1.0.csv"
    judged.parent.mkdir(parents=True)
    with judged.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=audit.SHEET_COLUMNS)
        w.writeheader()
        w.writerow({"corpus": "c", "extractor_version": "parse-0.1.0", "mart": "dim_agreements", "row_id": "a1",
                    "confidence": 0.8, "evidence": "d1:0-20", "verdict": "partly", "reason": "parties missing",
                    "details_hash": audit.details_hash(details), "verdict_from": ""})
    reloaded = {**details, "first_ingested_at": "2026-02-01 09:00:00"}  # loaded again later: same row
    changed = {**details, "status": "negotiated"}
    rows = [audit.DrawnRow("dim_agreements", "a1", 0.8, reloaded, evidence),
            audit.DrawnRow("dim_agreements", "a1", 0.8, changed, evidence)]
    sheet, _ = audit.write_sheet("c", rows)
    with sheet.open(encoding="utf-8", newline="") as fh:
        same, other = list(csv.DictReader(fh))
    assert (same["verdict"], same["reason"], same["verdict_from"]) == ("partly", "parties missing", "parse-0.1.0")
    assert (other["verdict"], other["verdict_from"]) == ("", "")


def test_the_audit_sample_changes_only_by_the_rows_that_changed() -> None:
    ids = [f"claim-{i:04d}" for i in range(500)]
    drawn = audit.stable_sample(ids, 40, "s:c:fct_claims")
    assert len(set(drawn)) == 40 and drawn == audit.stable_sample(list(reversed(ids)), 40, "s:c:fct_claims")
    rekeyed = [i for i in ids if i != drawn[0]] + ["claim-new"]  # one row re-keyed by an extraction change
    assert len(set(drawn) - set(audit.stable_sample(rekeyed, 40, "s:c:fct_claims"))) <= 1
    assert audit.stable_sample(ids, 40, "s:c:fct_meetings") != drawn  # each mart its own sample


def test_a_recalibrated_confidence_does_not_make_a_row_new() -> None:
    row = {"name": "grain deal", "status": "signed", "confidence": 0.31, "credibility": 6, "admiralty_grade": "F6"}
    assert audit.details_hash(row) == audit.details_hash({**row, "confidence": 0.12, "admiralty_grade": "F6"})
    assert audit.details_hash(row) != audit.details_hash({**row, "status": "negotiated"})


def test_a_claim_speaker_no_mention_names_is_scored_as_an_actor() -> None:
    # the marts publish claim speakers as actors (int_actor_references): the blind score counts them too
    gold = _gold()
    gold["claims"], gold["meetings"] = [], []
    ex = Extraction("rss:1", "en", Sentences([(0, len(BODY))]))
    ex.mentions = [_mention("Vladimir Putin", "person-putin", "Vladimir Putin")]
    kremlin = Speaker(*_at("Kremlin"), "Kremlin", None, "Kremlin", "organization")
    in_mention = Speaker(*_at("Vladimir Putin"), "Vladimir Putin", "person-putin", "Vladimir Putin", "person")
    ex.claims = [Claim(*_at("We are partners"), "We are partners", True, "said", kremlin, 0.7),
                 Claim(*_at("held talks"), "held talks", False, "said", in_mention, 0.7)]
    score = blind.score(_doc(gold), ex)
    assert (score.counts["actors"].tp, score.counts["actors"].fp, score.counts["actors"].fn) == (2, 0, 1)


def test_a_seed_organization_written_as_the_gold_form_is_that_organization_unless_its_country_differs() -> None:
    """A seed's canonical name may be written otherwise than the gold's ("Kremlin Administration" for
    "Kremlin"): the very words the gold lists, at the same place, are the same organisation — but not one
    of another country that happens to be named by the same words."""
    gold = _gold()
    gold["claims"], gold["meetings"] = [], []

    def scored(country: str | None) -> tuple[int, int, int]:
        ex = Extraction("rss:1", "en", Sentences([(0, len(BODY))]))
        m = _mention("Kremlin", "org-kremlin-administration", "Kremlin Administration", "organization")
        m.country_code = country
        ex.mentions = [m]
        c = blind.score(_doc(gold), ex).counts["actors"]
        return c.tp, c.fp, c.fn

    assert scored("RUS") == (1, 0, 2)
    assert scored(None) == (1, 0, 2)
    assert scored("AUS") == (0, 1, 3)
