"""Draw the blind real-text gold sample: a fixed-seed, stratified choice of documents nobody here wrote.

    python -m tests.eval.blind_sample            # (re)write tests/eval/gold/blind/sample.yaml
    python -m tests.eval.blind_sample --texts DIR  # also write each document's landed text to DIR

The sample is ≥ 300 items of the shared 2023 RSS year (half drawn from items matching
diplomacy/economy keywords, half from all items; each half round-robin across feeds, so every feed is
represented) and ≥ 40 full articles of the article-extraction benchmark (English only; half
keyword-matching). Each stratum is split alternately into a `dev` half, which may be studied, and a
`test` half, whose errors nobody reads (only its scores are reported).

Document text is exactly what the pipeline lands: an RSS item through the rss connector's JSON-lines
reader, an article's ground-truth body through the files connector (as a .txt file). The texts stay
in ../shared; the sample file holds ids only.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

from tests.eval.corpora import ARTICLE_BENCHMARK, RSS_YEAR

SEED = 20261201
RSS_PER_STRATUM = 150
ARTICLES_PER_STRATUM = 20
MAX_ARTICLE_CHARS = 12_000  # bounds the annotation effort; ~85 % of the English articles are shorter
MIN_RSS_CHARS = 40
SAMPLE_FILE = Path(__file__).parent / "gold" / "blind" / "sample.yaml"
HELDOUT_FILE = Path(__file__).parent / "gold" / "shared_rss_heldout.yaml"

# Diplomacy / economy vocabulary: the facts this warehouse extracts (meetings, agreements, claims by
# officials, trade and economic figures). Matched case-insensitively on whole words.
KEYWORDS = re.compile(
    r"\b(?:meets?|met|meeting|talks|visit(?:s|ed)?|summit|phone\s+call|call(?:s|ed)?\s+with|negotiat\w*"
    r"|agreement|deal|treaty|pact|accord|memorandum|signs?|signed|sanctions?|trade|exports?|imports?"
    r"|tariffs?|billion|trillion|percent|minister|envoy|ambassador|diplomat\w*|ceasefire|truce)\b|%",
    re.I,
)


def feed_of(source: str | None) -> str:
    host = urlparse(source or "").netloc.lower()
    for prefix in ("www.", "feeds.", "rss."):
        host = host.removeprefix(prefix)
    return host or "unknown"


def _round_robin(groups: dict[str, list[Any]], n: int, rng: random.Random) -> list[tuple[str, Any]]:
    """n items taken one per group in turn (groups shuffled), so every group is represented."""
    pools = {k: rng.sample(v, len(v)) for k, v in sorted(groups.items())}
    order = sorted(pools)
    out: list[tuple[str, Any]] = []
    while len(out) < n and any(pools.values()):
        for k in order:
            if pools[k] and len(out) < n:
                out.append((k, pools[k].pop()))
    return out


def land_rss_items(lines: set[int]) -> dict[int, Any]:
    """The rss connector's records for the given 0-based lines of the RSS year."""
    from ingestion.records import FetchResult
    from ingestion.source_config import RssSourceConfig
    from ingestion.sources.rss import RssConnector

    connector = RssConnector(RssSourceConfig(kind="rss", name="blind", paths=[RSS_YEAR]))
    out: dict[int, Any] = {}
    with gzip.open(RSS_YEAR, "rb") as fh:
        for i, line in enumerate(fh):
            if i in lines:
                landed = FetchResult()
                connector.jsonl_item(line.strip(), f"{RSS_YEAR.name}:{i + 1}", landed)
                if landed.records:
                    out[i] = landed.records[0]
                if len(out) == len(lines):
                    break
    return out


def land_articles(ids: list[str] | None = None) -> dict[str, Any]:
    """The files connector's records for benchmark articles (ground-truth body as a .txt file)."""
    from ingestion.source_config import FilesSourceConfig
    from ingestion.sources.files import FilesConnector

    truth = json.loads((ARTICLE_BENCHMARK / "ground-truth.json").read_text(encoding="utf-8"))
    wanted = ids if ids is not None else sorted(truth)
    with tempfile.TemporaryDirectory() as tmp:
        for key in wanted:
            (Path(tmp) / f"{key}.txt").write_text(truth[key]["articleBody"], encoding="utf-8")
        fetched = FilesConnector(FilesSourceConfig(kind="files", name="blind", path=Path(tmp))).fetch(None)
    return {r.external_id.removesuffix(".txt"): r for r in fetched.records}


def _heldout_lines() -> set[int]:
    spec = yaml.safe_load(HELDOUT_FILE.read_text(encoding="utf-8"))
    return {int(d["doc"]) for d in spec["documents"]}


def draw() -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    excluded = _heldout_lines()
    everything: dict[str, list[int]] = defaultdict(list)
    keyword: dict[str, list[int]] = defaultdict(list)
    with gzip.open(RSS_YEAR, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i in excluded:
                continue
            item = json.loads(line)
            text = f"{item.get('title') or ''}\n{item.get('description') or ''}"
            if len(text.strip()) < MIN_RSS_CHARS:
                continue
            feed = feed_of(item.get("source"))
            everything[feed].append(i)
            if KEYWORDS.search(text):
                keyword[feed].append(i)
    chosen_kw = _round_robin(keyword, RSS_PER_STRATUM * 2, rng)  # drawn with slack: some fail to land
    taken = {i for _, i in chosen_kw}
    chosen_any = _round_robin({k: [i for i in v if i not in taken] for k, v in everything.items()},
                              RSS_PER_STRATUM * 2, rng)
    landed = land_rss_items({i for _, i in chosen_kw} | {i for _, i in chosen_any})
    docs: list[dict[str, Any]] = []
    for stratum, chosen in (("rss-keyword", chosen_kw), ("rss-random", chosen_any)):
        rows = [(feed, i) for feed, i in chosen if i in landed and landed[i].language == "en"]
        rows = rows[:RSS_PER_STRATUM]
        docs += _split(stratum, [{"doc": f"rss:{i}", "feed": feed} for feed, i in rows])

    articles = land_articles()
    english = sorted(k for k, r in articles.items() if r.language == "en" and len(r.body) <= MAX_ARTICLE_CHARS)
    kw_articles = [k for k in english if len(KEYWORDS.findall(articles[k].body)) >= 5]
    pick_kw = rng.sample(kw_articles, ARTICLES_PER_STRATUM)
    rest = [k for k in english if k not in set(pick_kw)]
    pick_any = rng.sample(rest, ARTICLES_PER_STRATUM)
    for stratum, keys in (("article-keyword", pick_kw), ("article-random", pick_any)):
        docs += _split(stratum, [{"doc": f"article:{k}", "feed": feed_of(_article_url(k))} for k in keys])
    return docs


def _article_url(key: str) -> str:
    truth = json.loads((ARTICLE_BENCHMARK / "ground-truth.json").read_text(encoding="utf-8"))
    return str(truth[key]["url"])


def _split(stratum: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**row, "stratum": stratum, "split": "dev" if n % 2 == 0 else "test"} for n, row in enumerate(rows)]


def landed_texts(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """doc key → the landed record (body, published_at, language, url) for a sample's documents."""
    rss_lines = {int(d["doc"].split(":", 1)[1]) for d in docs if d["doc"].startswith("rss:")}
    article_ids = [d["doc"].split(":", 1)[1] for d in docs if d["doc"].startswith("article:")]
    out: dict[str, Any] = {f"rss:{i}": r for i, r in land_rss_items(rss_lines).items()} if rss_lines else {}
    if article_ids:
        out.update({f"article:{k}": r for k, r in land_articles(article_ids).items()})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=Path, help="write each document's landed text here (not in the repo)")
    args = parser.parse_args(argv)
    if not RSS_YEAR.is_file() or not ARTICLE_BENCHMARK.is_dir():
        print(f"skipped: {RSS_YEAR} or {ARTICLE_BENCHMARK} is absent", file=sys.stderr)
        return 0
    docs = draw()
    header = (
        "# Blind real-text gold: the documents (ids only; texts stay in ../shared). Drawn by\n"
        f"# tests/eval/blind_sample.py with seed {SEED}. split: dev may be studied; test is scored only.\n"
    )
    SAMPLE_FILE.write_text(header + yaml.safe_dump({"seed": SEED, "documents": docs}, sort_keys=False),
                           encoding="utf-8")
    print(f"{len(docs)} documents → {SAMPLE_FILE}")
    if args.texts:
        args.texts.mkdir(parents=True, exist_ok=True)
        for key, record in landed_texts(docs).items():
            name = key.replace(":", "_")
            meta = f"# doc: {key}\n# published_at: {record.published_at}\n# url: {record.url}\n"
            (args.texts / f"{name}.txt").write_text(meta + record.body, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
