"""Precision, recall and F1 of the extractor per fact type on the hand-written gold set.

    python -m tests.eval.evaluate [--verbose]

Gold set: tests/eval/gold/sample_documents.yaml (the project's sample_data/documents, bodies as the files
connector lands them), tests/eval/gold/sample_feeds.yaml (sample_data/telegram and sample_data/rss, bodies
as the connectors of config/sample.yml land them; annotated before the extractor ever ran on them, so
reported separately as a held-out check) and tests/eval/gold/shared_articles.yaml (the five articles under
../shared/samples/articles, whole file text; used only when that folder exists) and
tests/eval/gold/shared_rss_heldout.yaml (twelve random items of the shared 2023 RSS year on other topics,
annotated before the extractor ran on them; used only when that corpus exists).

Annotation scope (what a gold file contains):
- actors: every mention of a named person, a country by name, or a named organization (gazetteer or
  not; news outlets are citations, not actors); surnames, transliterations, possessives ("Iran's" →
  "Iran"), and role nouns that stand alone for a specific person ("the Supreme Leader", "Iranian
  President to visit ..."). A title before a name or in apposition to it is not a separate mention;
  nor are pronouns, demonyms ("Iranian"), capitals used as locations, or unnamed people.
- outlets: outlets cited as sources (named with an attribution cue, or generic "state media"),
  Telegram post links and URLs.
- claims: direct quotes and indirect speech with an identifiable speaker (unnamed officials and sources
  included: "officials say", "people familiar with the matter", as in the blind gold).
- meetings: each sentence that reports a meeting, visit, call, talks or signing with ≥ 2
  identifiable participants (a visitor and the host country count as two).
- agreements: distinct agreements per document (named, or specific descriptions such as "Russia's
  2024 pact with North Korea"), each with the texts that refer to it.
- figures: money, percentages and physical quantities (not durations, counts of articles or years).

Matching rules (one-to-one, greedy in text order):
- actors: character spans overlap AND same actor — the same gazetteer id, or, for actors the
  gazetteer lacks, both predicted as new (actor_key null) with the same type and the same last name.
- outlets: spans overlap AND same outlet_registry id (both null for generic "state media").
- claims: the claim spans overlap by ≥ 50 % of the shorter of the two (as the blind gold) AND the speaker is the same
  actor (as for actors) or outlet; is_direct_quote is not part of the match.
- meetings: spans overlap AND same status (held/planned) AND participant sets share ≥ 2 actors with
  Jaccard ≥ 0.5.
- agreements: one of the predicted agreement's mention spans overlaps one of the gold agreement's
  mention texts.
- figures: spans overlap AND same normalized value (relative difference ≤ 1e-6) AND same unit.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from extraction.extract import Extractor
from extraction.model import DocumentInput, Extraction
from tests.eval.corpora import REPO, RSS_YEAR, SHARED_ARTICLES

GOLD_DIR = Path(__file__).parent / "gold"
SAMPLE_DIR = REPO / "sample_data" / "documents"
SAMPLE_CONFIG = REPO / "config" / "sample.yml"
SHARED_RSS = RSS_YEAR
FACT_TYPES = ("actors", "outlets", "claims", "meetings", "agreements", "figures")


class GoldError(ValueError):
    """A gold item does not resolve in its document (text or occurrence missing)."""


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class GoldDocument:
    key: str
    doc: DocumentInput
    items: dict[str, list[dict[str, Any]]]


def _occurrences(body: str, needle: str) -> list[tuple[int, int]]:
    pattern = re.compile(
        r"(?<!\w)" + re.escape(needle) + r"(?!\w)"
        if needle[:1].isalnum() and needle[-1:].isalnum()
        else re.escape(needle)
    )
    return [m.span() for m in pattern.finditer(body)]


def _locate(body: str, text: str, occ: Any, taken: list[tuple[int, int]], key: str) -> list[tuple[int, int]]:
    spans = _occurrences(body, text)
    if not spans:
        raise GoldError(f"{key}: gold text {text!r} not found")
    if occ == "all":
        return [s for s in spans if not any(s[0] < e and b < s[1] for b, e in taken)]
    idx = int(occ or 0)
    if idx >= len(spans):
        raise GoldError(f"{key}: gold text {text!r} has {len(spans)} occurrences, not {idx + 1}")
    return [spans[idx]]


def resolve_gold(doc: DocumentInput, raw: dict[str, Any], key: str) -> dict[str, list[dict[str, Any]]]:
    """Gold items with character spans located in the document body."""
    body = doc.body
    items: dict[str, list[dict[str, Any]]] = {t: [] for t in FACT_TYPES}
    for kind in ("actors", "outlets"):
        taken: list[tuple[int, int]] = []
        entries = sorted(raw.get(kind) or [], key=lambda e: (e[2] == "all", -len(e[0])))
        for text, ident, occ in entries:
            for s, e in _locate(body, text, occ, taken, key):
                taken.append((s, e))
                items[kind].append({"start": s, "end": e, "text": text, "id": ident})
    for c in raw.get("claims") or []:
        ((s, e),) = _locate(body, c["text"], 0, [], key)
        items["claims"].append({**c, "start": s, "end": e})
    for m in raw.get("meetings") or []:
        ((s, e),) = _locate(body, m["text"], 0, [], key)
        items["meetings"].append({**m, "start": s, "end": e})
    for a in raw.get("agreements") or []:
        spans = [_locate(body, t, 0, [], key)[0] for t in a["mentions"]]
        items["agreements"].append({**a, "spans": spans})
    for f in raw.get("figures") or []:
        ((s, e),) = _locate(body, f["text"], 0, [], key)
        items["figures"].append({**f, "start": s, "end": e})
    return items


def _landed_files(folder: Path, id_prefix: str | None = None) -> dict[str, DocumentInput]:
    """A folder's documents exactly as the files connector lands them (what the pipeline reads)."""
    from ingestion.source_config import FilesSourceConfig
    from ingestion.sources.files import FilesConnector

    fetched = FilesConnector(FilesSourceConfig(kind="files", name="gold", path=folder)).fetch(None)
    return {
        r.external_id: DocumentInput(
            f"{id_prefix}{r.external_id}" if id_prefix else r.doc_id, r.body, r.published_at, r.language
        )
        for r in fetched.records
    }


def _feed_documents(source_names: set[str]) -> dict[str, DocumentInput]:
    """Bodies of the Telegram/RSS samples exactly as their connectors land them."""
    from ingestion.sources import connector_for
    from osint.config import load_config

    docs: dict[str, DocumentInput] = {}
    for source in load_config(SAMPLE_CONFIG).sources:
        if source.name not in source_names:
            continue
        for r in connector_for(source).fetch(None).records:
            docs[f"{source.name}|{r.external_id}"] = DocumentInput(
                r.doc_id, r.body, r.published_at, r.language
            )
    return docs


def _rss_items(lines: set[int]) -> dict[int, DocumentInput]:
    """Items of the shared RSS year by line, landed by the rss connector's JSON-lines reader itself
    (the document the pipeline extracts from), not by a re-implementation of its cleaning."""
    import gzip

    from ingestion.records import FetchResult
    from ingestion.source_config import RssSourceConfig
    from ingestion.sources.rss import RssConnector

    connector = RssConnector(RssSourceConfig(kind="rss", name="gold", paths=[SHARED_RSS]))
    out: dict[int, DocumentInput] = {}
    with gzip.open(SHARED_RSS, "rb") as fh:
        for i, line in enumerate(fh):
            if i in lines:
                landed = FetchResult()
                connector.jsonl_item(line.strip(), f"{SHARED_RSS.name}:{i + 1}", landed)
                if not landed.records:
                    raise GoldError(f"gold RSS item at line {i + 1} is quarantined by the rss connector")
                r = landed.records[0]
                out[i] = DocumentInput(f"rss:{i}", r.body, r.published_at, r.language)
            if len(out) == len(lines):
                break
    return out


def load_gold(include_shared: bool | None = None) -> list[GoldDocument]:
    """Every gold document with its text and resolved spans; shared articles only if present."""
    gold: list[GoldDocument] = []
    samples = _landed_files(SAMPLE_DIR)
    spec = yaml.safe_load((GOLD_DIR / "sample_documents.yaml").read_text(encoding="utf-8"))
    for d in spec["documents"]:
        key = d["doc"]
        external = key.split("#", 1)[1] if "#" in key else key
        if external not in samples:
            raise GoldError(f"gold document {key} is not in {SAMPLE_DIR}")
        doc = samples[external]
        gold.append(GoldDocument(f"sample:{key}", doc, resolve_gold(doc, d, key)))
    feeds_spec = yaml.safe_load((GOLD_DIR / "sample_feeds.yaml").read_text(encoding="utf-8"))
    feeds = _feed_documents({d["doc"].split("|", 1)[0] for d in feeds_spec["documents"]})
    for d in feeds_spec["documents"]:
        if d["doc"] not in feeds:
            raise GoldError(f"gold document {d['doc']} is not produced by the sources of {SAMPLE_CONFIG}")
        doc = feeds[d["doc"]]
        gold.append(GoldDocument(f"feeds:{d['doc']}", doc, resolve_gold(doc, d, d["doc"])))
    use_shared = SHARED_ARTICLES.is_dir() if include_shared is None else include_shared
    if use_shared:
        spec = yaml.safe_load((GOLD_DIR / "shared_articles.yaml").read_text(encoding="utf-8"))
        articles = _landed_files(SHARED_ARTICLES, id_prefix="shared:")
        for d in spec["documents"]:
            if d["doc"] not in articles:
                raise GoldError(f"gold document {d['doc']} is not landed from {SHARED_ARTICLES}")
            doc = articles[d["doc"]]
            gold.append(GoldDocument(f"shared:{d['doc']}", doc, resolve_gold(doc, d, d["doc"])))
    if SHARED_RSS.is_file() if include_shared is None else include_shared:
        spec = yaml.safe_load((GOLD_DIR / "shared_rss_heldout.yaml").read_text(encoding="utf-8"))
        items = _rss_items({int(d["doc"]) for d in spec["documents"]})
        for d in spec["documents"]:
            doc = items[int(d["doc"])]
            gold.append(GoldDocument(f"rss:{d['doc']}", doc, resolve_gold(doc, d, str(d["doc"]))))
    return gold


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _same_actor(gold_id: str | None, pred_id: str | None) -> bool:
    if gold_id is None or pred_id is None:
        return gold_id == pred_id
    if gold_id.startswith("new:") and pred_id.startswith("new:"):
        _, gtype, gname = gold_id.split(":", 2)
        _, ptype, pname = pred_id.split(":", 2)
        return gtype == ptype and gname.split()[-1].casefold() == pname.split()[-1].casefold()
    return gold_id == pred_id


def _match(
    golds: list[Any],
    preds: list[Any],
    ok: Callable[[Any, Any], bool],
    show_g: Callable[[Any], str],
    show_p: Callable[[Any], str],
    score: Score,
    key: str,
) -> None:
    used: set[int] = set()
    for g in golds:
        hit = next((i for i, p in enumerate(preds) if i not in used and ok(g, p)), None)
        if hit is None:
            score.fn += 1
            score.misses.append(f"{key}: {show_g(g)}")
        else:
            used.add(hit)
            score.tp += 1
    for i, p in enumerate(preds):
        if i not in used:
            score.fp += 1
            score.extras.append(f"{key}: {show_p(p)}")


def _speaker_id(sp: Any) -> str | None:
    if sp is None:
        return None
    return sp.identity


def score_document(gd: GoldDocument, ex: Extraction, scores: dict[str, Score]) -> None:
    g = gd.items
    key = gd.key
    _match(
        g["actors"],
        ex.mentions,
        lambda a, m: (
            _overlap((a["start"], a["end"]), (m.start, m.end)) > 0 and _same_actor(a["id"], m.identity)
        ),
        lambda a: f"{a['text']!r}@{a['start']} {a['id']}",
        lambda m: f"{m.text!r}@{m.start} {m.identity} ({m.method})",
        scores["actors"],
        key,
    )
    _match(
        g["outlets"],
        ex.citations,
        lambda a, c: _overlap((a["start"], a["end"]), (c.start, c.end)) > 0 and a["id"] == c.outlet_key,
        lambda a: f"{a['text']!r}@{a['start']} {a['id']}",
        lambda c: f"{c.text!r}@{c.start} {c.outlet_key}",
        scores["outlets"],
        key,
    )

    def claim_ok(a: dict[str, Any], c: Any) -> bool:
        ov = _overlap((a["start"], a["end"]), (c.start, c.end))
        if ov < 0.5 * min(a["end"] - a["start"], c.end - c.start):
            return False
        ps = _speaker_id(c.speaker)
        for gs in a.get("speakers") or [a["speaker"]]:
            if gs.startswith("outlet:"):  # "outlet:" = a generic source such as "state media"
                if ps == ("outlet:" + gs.split(":", 1)[1]):
                    return True
            elif gs.startswith("outlet-"):  # an outlet_registry id
                if ps == f"outlet:{gs}":
                    return True
            elif _same_actor(gs, ps):
                return True
        return False

    _match(
        g["claims"],
        ex.claims,
        claim_ok,
        lambda a: f"{a.get('speaker') or a.get('speakers')}: {a['text'][:70]!r}",
        lambda c: f"{_speaker_id(c.speaker)} [{c.cue}]: {c.text[:70]!r}",
        scores["claims"],
        key,
    )

    def meeting_ok(a: dict[str, Any], m: Any) -> bool:
        if _overlap((a["start"], a["end"]), (m.start, m.end)) == 0 or a["status"] != m.status:
            return False
        gp = set(a["participants"])
        pp = {p.identity for p in m.participants}
        inter = len(gp & pp)
        return inter >= 2 and inter / len(gp | pp) >= 0.5

    _match(
        g["meetings"],
        ex.meetings,
        meeting_ok,
        lambda a: f"{a['status']} {sorted(a['participants'])} {a['text'][:50]!r}",
        lambda m: (
            f"{m.status} {m.meeting_type} {sorted(p.identity for p in m.participants)} {gd.doc.body[m.start : m.end][:50]!r}"
        ),
        scores["meetings"],
        key,
    )
    _match(
        g["agreements"],
        ex.agreements,
        lambda a, p: any(_overlap(gs, ps) > 0 for gs in a["spans"] for ps in p.mentions),
        lambda a: f"{a['name']!r}",
        lambda p: f"{p.name!r} {p.agreement_type} {p.status}",
        scores["agreements"],
        key,
    )
    _match(
        g["figures"],
        ex.figures,
        lambda a, f: (
            _overlap((a["start"], a["end"]), (f.start, f.end)) > 0
            and abs(f.value - float(a["value"])) <= 1e-6 * max(1.0, abs(float(a["value"])))
            and f.unit == a["unit"]
        ),
        lambda a: f"{a['text']!r} {a['value']} {a['unit']}",
        lambda f: f"{f.text!r} {f.value} {f.unit} {f.metric}",
        scores["figures"],
        key,
    )


@dataclass
class Attributes:
    """Accuracy of attributes on matched facts (reported, not part of the F1)."""

    checks: dict[str, list[bool]] = field(default_factory=dict)

    def add(self, name: str, ok: bool) -> None:
        self.checks.setdefault(name, []).append(ok)


def _attribute_checks(gd: GoldDocument, ex: Extraction, attrs: Attributes) -> None:
    for a in gd.items["agreements"]:
        p = next(
            (p for p in ex.agreements if any(_overlap(gs, ps) > 0 for gs in a["spans"] for ps in p.mentions)),
            None,
        )
        if p is None:
            continue
        attrs.add("agreement.status", p.status == a["status"])
        if "duration_years" in a:
            attrs.add("agreement.duration_years", p.duration_years == a["duration_years"])
        if "article_count" in a:
            attrs.add("agreement.article_count", p.article_count == a["article_count"])
        gdate = a.get("date")
        attrs.add(
            "agreement.signed_date",
            (p.signed_date == gdate)
            if isinstance(gdate, date)
            else p.signed_date is None or a["status"] != "signed",
        )
    for m in gd.items["meetings"]:
        pm = next((p for p in ex.meetings if _overlap((m["start"], m["end"]), (p.start, p.end)) > 0), None)
        if pm is None:
            continue
        gdate = m.get("date")
        attrs.add(
            "meeting.date", pm.meeting_date == gdate if isinstance(gdate, date) else pm.meeting_date is None
        )
        attrs.add("meeting.type", pm.meeting_type == m["type"])
    for f in gd.items["figures"]:
        pf = next((p for p in ex.figures if _overlap((f["start"], f["end"]), (p.start, p.end)) > 0), None)
        if pf is not None:
            attrs.add("figure.metric", pf.metric == f["metric"])
            attrs.add("figure.qualifier", pf.qualifier == f.get("qualifier"))
    for c in gd.items["claims"]:
        pc = next((p for p in ex.claims if _overlap((c["start"], c["end"]), (p.start, p.end)) > 0), None)
        if pc is not None:
            attrs.add("claim.is_direct_quote", pc.is_direct_quote == c["direct"])


@dataclass
class Evaluation:
    scores: dict[str, Score]
    attributes: Attributes
    documents: int
    gold_counts: dict[str, int]
    by_corpus: dict[str, dict[str, Score]] = field(default_factory=dict)


def evaluate(include_shared: bool | None = None, extractor: Extractor | None = None) -> Evaluation:
    gold = load_gold(include_shared)
    extractions = list((extractor or Extractor.default()).extract_batch(gd.doc for gd in gold))
    scores = {t: Score() for t in FACT_TYPES}
    by_corpus: dict[str, dict[str, Score]] = {}
    attrs = Attributes()
    for gd, ex in zip(gold, extractions, strict=True):
        score_document(gd, ex, scores)
        score_document(
            gd, ex, by_corpus.setdefault(gd.key.split(":", 1)[0], {t: Score() for t in FACT_TYPES})
        )
        _attribute_checks(gd, ex, attrs)
    counts = {t: sum(len(gd.items[t]) for gd in gold) for t in FACT_TYPES}
    return Evaluation(scores, attrs, len(gold), counts, by_corpus)


def format_report(ev: Evaluation, verbose: bool = False) -> str:
    lines = [
        f"gold set: {ev.documents} documents",
        f"{'fact type':<12} {'gold':>5} {'tp':>5} {'fp':>5} {'fn':>5} {'P':>6} {'R':>6} {'F1':>6}",
    ]
    for t in FACT_TYPES:
        s = ev.scores[t]
        lines.append(
            f"{t:<12} {ev.gold_counts[t]:>5} {s.tp:>5} {s.fp:>5} {s.fn:>5} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
        )
    lines.append(
        "F1 by corpus (sample = sample_data/documents, feeds = held-out Telegram/RSS samples, "
        "shared = ../shared articles, rss = held-out items of the shared RSS year):"
    )
    for corpus, sc in ev.by_corpus.items():
        lines.append(
            f"  {corpus:<8} " + "  ".join(f"{t} {sc[t].f1:.3f} ({sc[t].tp + sc[t].fn})" for t in FACT_TYPES)
        )
    lines.append("attribute accuracy on matched facts:")
    for name, oks in sorted(ev.attributes.checks.items()):
        lines.append(f"  {name:<28} {sum(oks)}/{len(oks)}")
    if verbose:
        for t in FACT_TYPES:
            s = ev.scores[t]
            for m in s.misses:
                lines.append(f"  MISS {t}: {m}")
            for x in s.extras:
                lines.append(f"  EXTRA {t}: {x}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="list every missed and extra item")
    args = parser.parse_args(argv)
    started = datetime.now()
    ev = evaluate()
    print(format_report(ev, verbose=args.verbose))
    print(f"({(datetime.now() - started).total_seconds():.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
