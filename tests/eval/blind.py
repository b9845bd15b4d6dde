"""Score the extractor on the blind real-text gold (gold/blind/, GUIDELINES.md), with 95 % intervals.

    python -m tests.eval.blind [--gold en|ru] [--split dev|test|all] [--errors]

`--gold ru` scores the blind Russian gold (gold/blind_ru/: 210 posts of the shared Russian channels).

`--errors` lists misses and false positives of the **dev** half only: the test half is scored, never
inspected (the code refuses to print its errors).

Matching, per document, one-to-one and greedy in gold order:
- actors (document level: one row per distinct actor): a predicted actor (all mentions of one
  predicted identity, and the claim and figure speakers no mention covers — the marts publish those as
  actors too) is linked to a gold actor when one of its mentions overlaps, or has the text of,
  one of the gold actor's surface forms. It is correct when the types agree and the identity does:
  countries by ISO code; people by surname (transliteration key) with no conflicting given name;
  organisations by normalized name or one of the gold forms (a new organisation also when one of its
  mentions is written as a gold form: Russian names are published in the nominative). A predicted
  person linked to a gold person whose name it contradicts is a wrong merge (counted separately: the warehouse would put
  one person's words on another).
- claims: the spans overlap by at least half of the shorter one, and the speaker is right — the
  predicted speaker's span overlaps the gold speaker's words, or names the same actor.
- meetings: the spans overlap, the status is the same, and the participant sets (mapped to gold
  actors as for actors; a country also by its ISO code alone, since a visit's host is named by the
  city visited; a participant the extractor describes without naming it, type `descriptor`,
  maps to the gold person whose words it overlaps or repeats) share ≥ 2 actors with Jaccard ≥ 0.5;
  `exact` also requires equal sets.
- agreements: a predicted mention overlaps a gold mention; `exact` also requires the same status
  and parties.
- figures: the spans overlap, the values agree (0.5 %) and the units agree; `exact` also requires
  the same metric and parties.

Intervals: percentile bootstrap over documents (1,000 resamples, fixed seed).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from extraction.extract import Extractor
from extraction.model import DocumentInput, Extraction
from extraction.names import normalized_name, translit_key
from tests.eval.blind_gold import BlindDocument, load_blind

FACTS = ("actors", "claims", "meetings", "agreements", "figures")
BOOTSTRAP_SAMPLES = 1000
BOOTSTRAP_SEED = 7
MONEY_UNITS_TOLERANCE = 0.005
PHYSICAL_UNITS = {"barrels", "tonnes", "cubic_meters", "watt_hours", "watts", "ounces"}


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float("nan")

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else float("nan")

    @property
    def f1(self) -> float:
        d = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / d if d else float("nan")


@dataclass
class DocScore:
    key: str
    split: str
    counts: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in FACTS})
    exact: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in FACTS})
    wrong_person_merges: int = 0
    errors: list[str] = field(default_factory=list)


# --- identities --------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return normalized_name(re.sub(r"['’]s$", "", text.strip())) or ""


def _tokens(name: str) -> list[str]:
    return (translit_key(_norm(name)) or "").split()


def _person_compatible(pred: str, gold_names: Iterable[str]) -> bool:
    """Same person: the surname (transliteration key) is one of the gold names' surnames, and the given
    names, where both the prediction and a gold name (the canonical one, or a form as the text writes
    it) have one, start with the same letter (an initial is compatible; Emine is not Recep). The forms
    count because they are in the text's own script: "Шарль Бертран" is "Charles Bertrand", although
    romanized Ш and C differ."""
    names = list(gold_names)
    p = _tokens(pred)
    if not p or not names:
        return False
    if p[-1] not in {t[-1] for t in map(_tokens, names) if t}:
        return False
    full = [t for t in map(_tokens, names) if len(t) > 1]
    return not (len(p) > 1 and full and not any(t[0][:1] == p[0][:1] for t in full))


@dataclass
class GoldActor:
    name: str
    type: str
    country: str | None
    named: bool
    forms: list[str]
    spans: list[tuple[int, int]]

    def names(self) -> list[str]:
        return [self.name, *self.forms]


def _gold_actors(doc: BlindDocument) -> dict[str, GoldActor]:
    body = doc.record.body
    out = {}
    for a in doc.gold["actors"]:
        spans = [(s, e) for s, e in a["forms"]]
        out[a["name"]] = GoldActor(a["name"], a["type"], a.get("country"), a["named"],
                                   [body[s:e] for s, e in spans], spans)
    return out


def _country_of_key(key: str | None) -> str | None:
    return key.split("-", 1)[1].upper() if key and key.startswith("country-") else None


@dataclass
class PredActor:
    identity: str
    name: str
    type: str
    country: str | None
    texts: set[str]
    spans: list[tuple[int, int]]


def _pred_actors(ex: Extraction) -> list[PredActor]:
    by: dict[str, PredActor] = {}
    for m in ex.mentions:
        a = by.get(m.identity)
        if a is None:
            country = _country_of_key(m.actor_key) or (m.country_code if m.actor_type in ("country", "organization") else None)
            a = by[m.identity] = PredActor(m.identity, m.actor_name, m.actor_type, country, set(), [])
        a.texts.add(_norm(m.text))
        a.spans.append((m.start, m.end))
    # speakers of claims and figures that no mention names are actors too: the marts publish every
    # reference the extraction makes to an actor (int_actor_references), not only the mentions
    for sp in [c.speaker for c in ex.claims] + [f.speaker for f in ex.figures]:
        if sp is None or sp.speaker_type not in ("person", "country", "organization"):
            continue
        if any(s <= sp.start < e or sp.start <= s < sp.end for x in by.values() for s, e in x.spans):
            continue  # the speaker's words hold a mention ("Iran's foreign minister"): counted there
        a = by.get(sp.identity)
        if a is None:
            a = by[sp.identity] = PredActor(sp.identity, sp.name, sp.speaker_type, _country_of_key(sp.actor_key),
                                            set(), [])
        a.texts.add(_norm(sp.text))
        a.spans.append((sp.start, sp.end))
    return list(by.values())


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _links(texts: set[str], spans: list[tuple[int, int]], gold: GoldActor) -> bool:
    gold_texts = {_norm(f) for f in gold.forms}
    return bool(texts & gold_texts) or any(_overlap(s, g) for s in spans for g in gold.spans)


def _same_identity(name: str, type_: str, country: str | None, gold: GoldActor) -> bool:
    if type_ != gold.type:
        return False
    if gold.type == "country":
        return country is not None and country == gold.country
    if gold.type == "person":
        return _person_compatible(name, gold.names())
    n = _norm(name)
    return n in {_norm(x) for x in gold.names()} or _person_compatible(name, gold.names())


def _resolve_to_gold(
    name: str, type_: str, country: str | None, texts: set[str], spans: list[tuple[int, int]],
    gold: dict[str, GoldActor], new: bool = False,
) -> tuple[str | None, bool]:
    """(gold actor name it refers to, identity right?) for a predicted reference."""
    linked = [g for g in gold.values() if _links(texts, spans, g)]
    for g in linked:
        if _same_identity(name, type_, country, g):
            return g.name, True
        if type_ == g.type == "organization" and texts & {_norm(f) for f in g.forms} \
                and (new or country is None or g.country is None or country == g.country):
            # an organisation named by the very words the gold lists: a new one (in Russian the name is put
            # in the nominative, while the gold forms keep the case the text uses), or a seed organisation whose
            # canonical name is written otherwise ("<Name> Group" for "<Name>") — not one of another country
            return g.name, True
    return (linked[0].name, False) if linked else (None, False)


# --- per fact ----------------------------------------------------------------------------------


def _score_actors(doc: BlindDocument, ex: Extraction, gold: dict[str, GoldActor], out: DocScore) -> None:
    named = {k: g for k, g in gold.items() if g.named}
    found: set[str] = set()
    for p in _pred_actors(ex):
        target, right = _resolve_to_gold(p.name, p.type, p.country, p.texts, p.spans, named,
                                         new=p.identity.startswith("new:"))
        if target is not None and right and target not in found:
            found.add(target)
            out.counts["actors"].tp += 1
            continue
        out.counts["actors"].fp += 1
        if target is not None and p.type == "person" and named[target].type == "person" and not right:
            out.wrong_person_merges += 1
            out.errors.append(f"WRONG-PERSON actor {p.name!r} ({p.identity}) for gold {target!r}")
        else:
            out.errors.append(f"EXTRA actor {p.name!r} {p.type} ({p.identity})")
    for k, g in named.items():
        if k not in found:
            out.counts["actors"].fn += 1
            out.errors.append(f"MISS actor {g.name!r} {g.type}")
    out.exact["actors"] = out.counts["actors"]


def _participant_targets(participants: Iterable[Any], body: str, gold: dict[str, GoldActor]) -> set[str]:
    targets = set()
    for p in participants:
        spans = [(p.start, p.end)] if p.start is not None and p.end is not None else []
        texts = {_norm(body[p.start:p.end])} if spans else set()
        if p.actor_type == "descriptor":
            # described, not named ("<Country>'s defence minister"): the gold person whose words these are,
            # as a claim's speaker is matched by its words
            linked = [g for g in gold.values() if g.type == "person" and _links(texts, spans, g)]
            targets.add(linked[0].name if linked else f"?{p.actor_name}")
            continue
        country = _country_of_key(p.actor_key)
        target, right = _resolve_to_gold(p.actor_name, p.actor_type, country, texts | {_norm(p.actor_name)}, spans, gold)
        if not right and p.actor_type == "country" and country is not None:
            # a country is its ISO code wherever the text names it: the host of a visit is named by the city
            # visited ("arrives in <city>"), which is never a form of the country in the gold
            same = [g for g in gold.values() if g.type == "country" and g.country == country]
            target, right = (same[0].name, True) if len(same) == 1 else (target, right)
        targets.add(target if target is not None and right else f"?{p.actor_name}")
    return targets


def _match(golds: list[Any], preds: list[Any], ok: Callable[[Any, Any], bool]) -> tuple[list[tuple[Any, Any]], list[Any], list[Any]]:
    used: set[int] = set()
    pairs, misses = [], []
    for g in golds:
        hit = next((i for i, p in enumerate(preds) if i not in used and ok(g, p)), None)
        if hit is None:
            misses.append(g)
        else:
            used.add(hit)
            pairs.append((g, preds[hit]))
    return pairs, misses, [p for i, p in enumerate(preds) if i not in used]


def _tally(out: DocScore, fact: str, pairs: list[Any], misses: list[Any], extras: list[Any],
           exact: Callable[[Any, Any], bool], show_g: Callable[[Any], str], show_p: Callable[[Any], str]) -> None:
    c, x = out.counts[fact], out.exact[fact]
    c.tp += len(pairs)
    c.fn += len(misses)
    c.fp += len(extras)
    good = [pair for pair in pairs if exact(*pair)]
    x.tp += len(good)
    x.fn += len(misses) + len(pairs) - len(good)
    x.fp += len(extras) + len(pairs) - len(good)
    out.errors += [f"MISS {fact} {show_g(g)}" for g in misses]
    out.errors += [f"EXTRA {fact} {show_p(p)}" for p in extras]
    out.errors += [f"INEXACT {fact} gold {show_g(g)} / pred {show_p(p)}" for g, p in pairs if not exact(g, p)]


def _score_claims(doc: BlindDocument, ex: Extraction, gold: dict[str, GoldActor], out: DocScore) -> None:
    body = doc.record.body

    def ok(g: dict[str, Any], c: Any) -> bool:
        gs, ge = g["span"]
        ov = _overlap((gs, ge), (c.start, c.end))
        if ov < 0.5 * min(ge - gs, c.end - c.start):
            return False
        sp = c.speaker
        if sp is None:
            return False
        if _overlap(tuple(g["speaker_span"]), (sp.start, sp.end)):
            return True
        actor = gold.get(g["speaker"])
        if actor is None or sp.speaker_type == "outlet":
            return actor is not None and _norm(sp.text) in {_norm(f) for f in actor.names()}
        target, right = _resolve_to_gold(sp.name, sp.speaker_type, _country_of_key(sp.actor_key),
                                         {_norm(sp.text), _norm(sp.name)}, [(sp.start, sp.end)], gold)
        return right and target == actor.name

    pairs, misses, extras = _match(doc.gold["claims"], ex.claims, ok)
    _tally(
        out, "claims", pairs, misses, extras,
        lambda g, c: g["direct"] == c.is_direct_quote,
        lambda g: f"{g['speaker']}: {body[g['span'][0]:g['span'][1]][:80]!r}",
        lambda c: f"{c.speaker.name if c.speaker else None} [{c.cue}]: {c.text[:80]!r}",
    )


def _score_meetings(doc: BlindDocument, ex: Extraction, gold: dict[str, GoldActor], out: DocScore) -> None:
    body = doc.record.body

    def parts(m: Any) -> set[str]:
        return _participant_targets(m.participants, body, gold)

    def ok(g: dict[str, Any], m: Any) -> bool:
        if not _overlap(tuple(g["span"]), (m.start, m.end)) or g["status"] != m.status:
            return False
        gp, pp = set(g["participants"]), parts(m)
        inter = len(gp & pp)
        return inter >= 2 and inter / len(gp | pp) >= 0.5

    pairs, misses, extras = _match(doc.gold["meetings"], ex.meetings, ok)
    _tally(
        out, "meetings", pairs, misses, extras,
        lambda g, m: set(g["participants"]) == parts(m),
        lambda g: f"{g['status']} {g['type']} {sorted(g['participants'])} {body[g['span'][0]:g['span'][1]][:70]!r}",
        lambda m: f"{m.status} {m.meeting_type} {sorted(parts(m))} {body[m.start:m.end][:70]!r}",
    )


def _score_agreements(doc: BlindDocument, ex: Extraction, gold: dict[str, GoldActor], out: DocScore) -> None:

    def parties(a: Any) -> set[str]:
        targets = set()
        for key, m in a.parties.items():
            country = key.split(":", 1)[1] if key.startswith("country:") else _country_of_key(m.actor_key)
            target, right = _resolve_to_gold(m.actor_name, "country" if key.startswith("country:") else m.actor_type,
                                             country, {_norm(m.text)}, [(m.start, m.end)], gold)
            targets.add(target if target is not None and right else f"?{m.actor_name}")
        return targets

    def ok(g: dict[str, Any], a: Any) -> bool:
        return any(_overlap(tuple(gs), ps) for gs in g["mentions"] for ps in a.mentions)

    pairs, misses, extras = _match(doc.gold["agreements"], ex.agreements, ok)
    _tally(
        out, "agreements", pairs, misses, extras,
        lambda g, a: g["status"] == a.status and set(g["parties"]) == parties(a),
        lambda g: f"{g['name']!r} {g['type']} {g['status']} {sorted(g['parties'])}",
        lambda a: f"{a.name!r} {a.agreement_type} {a.status} {sorted(parties(a))}",
    )


def _unit(unit: str, per: str | None) -> str:
    if per in ("day", "month", "year") and unit in PHYSICAL_UNITS:
        return f"{unit}_per_{per}"
    return unit


def _score_figures(doc: BlindDocument, ex: Extraction, out: DocScore) -> None:
    def parties(f: Any) -> list[str]:
        return sorted({c for c in (_country_of_key(k) or (k if re.fullmatch(r"[A-Z]{3}", k or "") else None)
                                   for k in f.parties) if c})

    def ok(g: dict[str, Any], f: Any) -> bool:
        if not _overlap(tuple(g["span"]), (f.start, f.end)):
            return False
        gv = g["value"]
        return abs(f.value - gv) <= MONEY_UNITS_TOLERANCE * max(1.0, abs(gv)) and f.unit == _unit(g["unit"], g["per"])

    pairs, misses, extras = _match(doc.gold["figures"], ex.figures, ok)
    body = doc.record.body
    _tally(
        out, "figures", pairs, misses, extras,
        lambda g, f: g["metric"] == f.metric and g["parties"] == parties(f),
        lambda g: f"{body[g['span'][0]:g['span'][1]]!r} {g['value']} {_unit(g['unit'], g['per'])} {g['metric']} {g['parties']}",
        lambda f: f"{f.text!r} {f.value} {f.unit} {f.metric} {parties(f)}",
    )


def score(doc: BlindDocument, ex: Extraction) -> DocScore:
    out = DocScore(doc.key, doc.split)
    gold = _gold_actors(doc)
    _score_actors(doc, ex, gold, out)
    _score_claims(doc, ex, gold, out)
    _score_meetings(doc, ex, gold, out)
    _score_agreements(doc, ex, gold, out)
    _score_figures(doc, ex, out)
    return out


# --- aggregation -------------------------------------------------------------------------------


@dataclass
class Interval:
    value: float
    low: float
    high: float

    def __str__(self) -> str:
        if self.value != self.value:  # NaN: nothing to score
            return "  n/a"
        return f"{self.value:.2f} [{self.low:.2f}, {self.high:.2f}]"


def _total(docs: list[DocScore], fact: str, exact: bool) -> Counts:
    total = Counts()
    for d in docs:
        total.add((d.exact if exact else d.counts)[fact])
    return total


def with_interval(docs: list[DocScore], fact: str, metric: str, exact: bool = False) -> Interval:
    point = getattr(_total(docs, fact, exact), metric)
    rng = random.Random(BOOTSTRAP_SEED)
    values = []
    for _ in range(BOOTSTRAP_SAMPLES):
        sample = [docs[rng.randrange(len(docs))] for _ in docs]
        v = getattr(_total(sample, fact, exact), metric)
        if v == v:
            values.append(v)
    if not values:
        return Interval(point, point, point)
    values.sort()
    return Interval(point, values[int(0.025 * len(values))], values[int(0.975 * len(values)) - 1])


@dataclass
class BlindResult:
    split: str
    documents: list[DocScore]
    gold: str = "en"

    def table(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for fact in FACTS:
            total = _total(self.documents, fact, False)
            out[fact] = {
                "gold": total.tp + total.fn,
                "P": with_interval(self.documents, fact, "precision"),
                "R": with_interval(self.documents, fact, "recall"),
                "F1": with_interval(self.documents, fact, "f1"),
                "F1_exact": with_interval(self.documents, fact, "f1", exact=True),
            }
        return out

    @property
    def wrong_person_merges(self) -> int:
        return sum(d.wrong_person_merges for d in self.documents)


def evaluate_blind(split: str = "all", extractor: Extractor | None = None, gold: str = "en") -> BlindResult | None:
    docs = load_blind(None if split == "all" else split, gold)
    if not docs:
        return None
    extractor = extractor or Extractor.default()
    inputs = [DocumentInput(d.key, d.record.body, d.record.published_at, d.record.language,
                            getattr(d.record, "outlet", None)) for d in docs]
    scores = [score(d, ex) for d, ex in zip(docs, extractor.extract_batch(inputs), strict=True)]
    return BlindResult(split, scores, gold)


def format_result(result: BlindResult) -> str:
    lines = [f"blind real-text gold{' (' + result.gold + ')' if result.gold != 'en' else ''}, {result.split} split: "
             f"{len(result.documents)} documents",
             f"{'fact':<11}{'gold':>6}  {'P [95% CI]':<20}{'R [95% CI]':<20}{'F1 [95% CI]':<20}{'F1 exact':<20}"]
    for fact, row in result.table().items():
        lines.append(f"{fact:<11}{row['gold']:>6}  {row['P']!s:<20}{row['R']!s:<20}{row['F1']!s:<20}{row['F1_exact']!s:<20}")
    lines.append(f"wrong person merges (a predicted person named for a different gold person): {result.wrong_person_merges}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", choices=("en", "ru"), default="en", help="which blind gold (default en)")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--errors", action="store_true", help="list the dev half's errors (never the test half's)")
    args = parser.parse_args(argv)
    if args.errors and args.split != "dev":
        parser.error("errors are shown for the dev split only: the test half is scored, never inspected")
    result = evaluate_blind(args.split, gold=args.gold)
    if result is None:
        print("skipped: the blind gold's corpora (../shared/corpora) are absent")
        return 0
    print(format_result(result))
    if args.errors:
        for d in result.documents:
            for e in d.errors:
                print(f"  {d.key}: {e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
