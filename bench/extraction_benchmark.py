"""Body-text extraction scored on the article-extraction benchmark (scrapinghub, 181 pages).

Scores the `web` connector's extractor (`ingestion.sources.web.extract_article`, trafilatura) the
way the benchmark's README and evaluate.py define them: per page, token 4-gram shingles of the
predicted and true articleBody give TP/FP/FN, normalized by their sum so long pages do not weigh
more; precision and recall are the means over pages (precision over pages with any prediction,
recall over pages with any truth), F1 = 2PR/(P+R) of those means; accuracy is the share of pages
whose token sequence matches exactly; ± is the bootstrap standard deviation (1000 resamples).
The published figures from the benchmark's README.rst are printed alongside.

    python -m bench.extraction_benchmark [--corpus DIR] [--n-bootstrap N] [--json OUT]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "articles" / "extraction_benchmark"
_TOKEN = re.compile(r"\w+", re.UNICODE)
TpFpFn = tuple[float, float, float]


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = 4) -> Counter[tuple[str, ...]]:
    words = tokens(text)
    return Counter(tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1)) if words[i : i + n])


def shingle_match(true: str | None, pred: str | None) -> TpFpFn:
    truth, guess = shingles(true), shingles(pred)
    tp = sum((truth & guess).values())
    fp = sum((guess - truth).values())
    fn = sum((truth - guess).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def aggregate(matches: list[TpFpFn]) -> dict[str, float]:
    precision = statistics.mean(_precision(*m) for m in matches if m[0] + m[1] > 0)
    recall = statistics.mean(_recall(*m) for m in matches if m[0] + m[2] > 0)
    return {"f1": 2 * precision * recall / (precision + recall), "precision": precision, "recall": recall}


def score(truth: dict[str, str], predicted: dict[str, str], n_bootstrap: int = 1000, seed: int = 0) -> dict[str, float]:
    keys = sorted(truth)
    matches = [shingle_match(truth[k], predicted.get(k, "")) for k in keys]
    exact = [float(tokens(truth[k]) == tokens(predicted.get(k, ""))) for k in keys]
    result = {**aggregate(matches), "accuracy": statistics.mean(exact)}
    rng = random.Random(seed)
    samples: dict[str, list[float]] = {k: [] for k in result}
    for _ in range(n_bootstrap):
        idx = [rng.randrange(len(keys)) for _ in keys]
        for k, v in aggregate([matches[i] for i in idx]).items():
            samples[k].append(v)
        samples["accuracy"].append(statistics.mean(exact[i] for i in idx))
    for k, values in samples.items():
        result[f"{k}_std"] = statistics.stdev(values) if len(values) > 1 else 0.0
    return result


def published_results(readme: Path) -> dict[str, str]:
    """Rows of the README's "latest evaluation" table: name -> the row as printed."""
    rows: dict[str, str] = {}
    in_table = False
    for line in readme.read_text(encoding="utf-8").splitlines():
        if line.startswith("Results of the latest evaluation"):
            in_table = True
            continue
        if in_table and line.startswith("Results of the previous"):
            break
        parts = line.split()
        if in_table and len(parts) >= 10 and "±" in parts:
            rows[parts[0]] = line.strip()
    return rows


def run(corpus: Path, extract: Callable[[str], str | None], n_bootstrap: int) -> tuple[dict[str, float], float]:
    truth = {k: v.get("articleBody", "") for k, v in json.loads((corpus / "ground-truth.json").read_text()).items()}
    predicted: dict[str, str] = {}
    started = time.perf_counter()
    for key in truth:
        with gzip.open(corpus / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as handle:
            predicted[key] = extract(handle.read()) or ""
    return score(truth, predicted, n_bootstrap), time.perf_counter() - started


def _ours(html: str) -> str | None:
    from ingestion.sources.web import extract_article

    article = extract_article(html)
    return article["body"] if article else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--n-bootstrap", type=int, default=1000)
    parser.add_argument("--json", type=Path, help="also write the scores here")
    args = parser.parse_args(argv)
    if not (args.corpus / "ground-truth.json").is_file():
        print(f"benchmark corpus not found at {args.corpus} (set --corpus)", file=sys.stderr)
        return 2
    import trafilatura

    metrics, seconds = run(args.corpus, _ours, args.n_bootstrap)
    pages = len(json.loads((args.corpus / "ground-truth.json").read_text()))
    print(f"Article body extraction on {pages} pages of {args.corpus.name} ({seconds:.1f} s, "
          f"{pages / seconds:.1f} pages/s); ± is the bootstrap standard deviation\n")
    print(f"{'':<22} {'version':<12} {'F1':<14} {'precision':<14} {'recall':<14} {'accuracy':<14}")
    cells = "  ".join(f"{metrics[k]:.3f} ± {metrics[k + '_std']:.3f}" for k in ("f1", "precision", "recall", "accuracy"))
    print(f"{'osint web (ours)':<22} {'traf ' + trafilatura.__version__:<12} {cells}")
    published = published_results(args.corpus / "README.rst")
    if published:
        print("\nPublished (README.rst, latest evaluation):")
        for name in ("trafilatura", "rs_trafilatura", "go_trafilatura", "readability_js", "goose3", "html-text"):
            if name in published:
                print(f"  {published[name]}")
    if args.json:
        args.json.write_text(json.dumps(metrics, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
