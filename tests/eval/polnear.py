"""Score claim extraction on PolNeAR, a political-news attribution corpus nobody here wrote.

    python -m tests.eval.polnear [--split dev|train] [--limit N]

PolNeAR (../shared/corpora/quotes/polnear/, brat `.ann`) marks every attribution in 2016 US election
coverage: Source, Cue and Content spans (a Content may be discontinuous). The **dev** split is the
reported instrument; the train split is for development.

Two scores, each P / R / F1 with a 95 % bootstrap interval over articles:
- **direct quotes with a named source**: gold = attributions whose content is a verbatim quotation
  (it opens with, or directly follows, a quotation mark) and whose source names someone (a
  capitalized word that is not a pronoun or determiner: "Trump", "The Post", "Clinton's spokesman
  Brian Fallon"; not "he", "a source", "officials"). Recall over that gold; precision over the
  predicted direct quotes (a predicted direct quote that matches any gold attribution with the right
  source is correct).
- **all attributions with a source**: every attribution (quotes, reported speech, beliefs) against
  every predicted claim.

A predicted claim matches a gold attribution when its span overlaps the content by at least half of
the shorter of the two, and its speaker is right: the predicted speaker's span overlaps the gold
source span, or the predicted speaker's name and the source name the same person (surname).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from extraction.extract import Extractor
from extraction.model import Claim, DocumentInput
from tests.eval.blind import Interval, _person_compatible
from tests.eval.corpora import POLNEAR

OPENING_QUOTES = "\"“‘'«"
UNNAMED_FIRST = {"the", "a", "an", "he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its",
                 "this", "that", "these", "those", "some", "many", "one", "our", "my", "both", "several", "other"}
BOOTSTRAP_SAMPLES = 1000
BOOTSTRAP_SEED = 7


@dataclass
class Attribution:
    source: tuple[int, int] | None
    source_text: str
    cue: tuple[int, int] | None
    content: list[tuple[int, int]]
    direct: bool
    named: bool


@dataclass
class Article:
    name: str
    text: str
    attributions: list[Attribution] = field(default_factory=list)


def _is_named(source: str) -> bool:
    words = re.findall(r"[\w’'.-]+", source)
    capitalized = [w for i, w in enumerate(words) if w[:1].isupper() and not (i == 0 and w.lower() in UNNAMED_FIRST)]
    return bool(capitalized) and not all(w.lower() in UNNAMED_FIRST for w in capitalized)


def _is_direct(text: str, spans: list[tuple[int, int]]) -> bool:
    start = spans[0][0]
    head = text[start:spans[0][1]].lstrip()
    return bool(head) and (head[0] in OPENING_QUOTES or (start > 0 and text[start - 1] in OPENING_QUOTES))


def read_article(text_path: Path, ann_path: Path) -> Article:
    text = text_path.read_text(encoding="utf-8")
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in ann_path.read_text(encoding="utf-8").split("\n"):
        if re.match(r"T\d+\t", line):  # a span's text may hold a line break: only its first line counts
            tid, info = line.split("\t")[:2]
            label, offsets = info.split(" ", 1)
            parts = [tuple(int(x) for x in frag.split()) for frag in offsets.split(";")]
            spans[tid] = (label, [(a, b) for a, b in parts])
        elif re.match(r"E\d+\t", line):
            _, info = line.split("\t", 1)
            events.append(dict(arg.split(":", 1) for arg in info.split()))
    article = Article(text_path.stem, text)
    for ev in events:
        if "Content" not in ev:
            continue
        content = spans[ev["Content"]][1]
        source = spans[ev["Source"]][1][0] if "Source" in ev else None
        source_text = text[source[0]:source[1]] if source else ""
        cue = spans[ev["Cue"]][1][0] if "Cue" in ev else None
        article.attributions.append(
            Attribution(source, source_text, cue, content, _is_direct(text, content), bool(source) and _is_named(source_text))
        )
    return article


def load_split(split: str, limit: int | None = None) -> list[Article]:
    folder = POLNEAR / split
    if not (folder / "text").is_dir():
        return []
    names = sorted(p.stem for p in (folder / "text").glob("*.txt"))[:limit]
    # `<article>_<annotator>.ann`; a few articles were annotated twice: the first annotator's file counts
    return [
        read_article(folder / "text" / f"{n}.txt", sorted((folder / "attributions").glob(f"{n}_*.ann"))[0])
        for n in names
    ]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def matches(gold: Attribution, claim: Claim) -> bool:
    covered = sum(_overlap(span, (claim.start, claim.end)) for span in gold.content)
    content_len = sum(e - s for s, e in gold.content)
    if covered < 0.5 * min(content_len, claim.end - claim.start) or gold.source is None:
        return False
    sp = claim.speaker
    if sp is None:
        return False
    if _overlap(gold.source, (sp.start, sp.end)):
        return True
    return _person_compatible(sp.name, [gold.source_text])


@dataclass
class PRCounts:
    """Recall counts gold attributions found; precision counts predictions that are right (a claim
    may cover two gold attributions, or two claims one attribution, so the two sides differ)."""

    gold_found: int = 0
    gold_missed: int = 0
    pred_right: int = 0
    pred_wrong: int = 0


@dataclass
class ArticleScore:
    direct_named: PRCounts
    all_attributions: PRCounts


def _counts(golds: list[Attribution], preds: list[Claim], any_gold: list[Attribution]) -> PRCounts:
    found = sum(any(matches(g, c) for c in preds) for g in golds)
    right = sum(any(matches(g, c) for g in any_gold) for c in preds)
    return PRCounts(found, len(golds) - found, right, len(preds) - right)


def score_article(article: Article, claims: list[Claim]) -> ArticleScore:
    with_source = [a for a in article.attributions if a.source is not None]
    direct_named = [a for a in with_source if a.direct and a.named]
    return ArticleScore(
        _counts(direct_named, [c for c in claims if c.is_direct_quote], with_source),
        _counts(with_source, claims, with_source),
    )


def _prf(scores: list[PRCounts]) -> tuple[float, float, float]:
    gold_tp = sum(c.gold_found for c in scores)
    fn = sum(c.gold_missed for c in scores)
    pred_tp = sum(c.pred_right for c in scores)
    fp = sum(c.pred_wrong for c in scores)
    p = pred_tp / (pred_tp + fp) if pred_tp + fp else float("nan")
    r = gold_tp / (gold_tp + fn) if gold_tp + fn else float("nan")
    f = 2 * p * r / (p + r) if p + r and p == p and r == r else float("nan")
    return p, r, f


def _intervals(scores: list[PRCounts]) -> tuple[Interval, Interval, Interval]:
    point = _prf(scores)
    rng = random.Random(BOOTSTRAP_SEED)
    samples: list[tuple[float, float, float]] = []
    for _ in range(BOOTSTRAP_SAMPLES):
        samples.append(_prf([scores[rng.randrange(len(scores))] for _ in scores]))
    out = []
    for i in range(3):
        vals = sorted(v[i] for v in samples if v[i] == v[i])
        out.append(Interval(point[i], vals[int(0.025 * len(vals))], vals[int(0.975 * len(vals)) - 1]) if vals
                   else Interval(point[i], point[i], point[i]))
    return out[0], out[1], out[2]


@dataclass
class PolnearResult:
    split: str
    articles: int
    gold_direct_named: int
    gold_with_source: int
    direct_named: tuple[Interval, Interval, Interval]
    all_attributions: tuple[Interval, Interval, Interval]


def evaluate_polnear(split: str = "dev", limit: int | None = None, extractor: Extractor | None = None) -> PolnearResult | None:
    articles = load_split(split, limit)
    if not articles:
        return None
    extractor = extractor or Extractor.default()
    docs = [DocumentInput(f"polnear:{a.name}", a.text, None, "en") for a in articles]
    scores = [score_article(a, ex.claims) for a, ex in zip(articles, extractor.extract_batch(docs), strict=True)]
    return PolnearResult(
        split,
        len(articles),
        sum(s.direct_named.gold_found + s.direct_named.gold_missed for s in scores),
        sum(s.all_attributions.gold_found + s.all_attributions.gold_missed for s in scores),
        _intervals([s.direct_named for s in scores]),
        _intervals([s.all_attributions for s in scores]),
    )


def format_result(r: PolnearResult) -> str:
    head = f"{'':<34}{'gold':>6}  {'P [95% CI]':<20}{'R [95% CI]':<20}{'F1 [95% CI]':<20}"
    rows = [
        ("direct quotes, named source", r.gold_direct_named, r.direct_named),
        ("all attributions with a source", r.gold_with_source, r.all_attributions),
    ]
    lines = [f"PolNeAR {r.split}: {r.articles} articles", head]
    for name, gold, (p, rec, f) in rows:
        lines.append(f"{name:<34}{gold:>6}  {p!s:<20}{rec!s:<20}{f!s:<20}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    args = parser.parse_args(argv)
    result = evaluate_polnear(args.split, args.limit)
    if result is None:
        print(f"skipped: {POLNEAR} is absent")
        return 0
    print(format_result(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
