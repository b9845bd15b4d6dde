"""Precision audit of the published marts on real text: draw rows, judge them, report precision.

    python -m tests.eval.audit build  [--corpus C]     # publish a warehouse for an audit corpus
    python -m tests.eval.audit draw   [--corpus C]     # fixed-seed sample → sheet (CSV) + page (HTML)
    python -m tests.eval.audit report                  # precision per mart with 95 % intervals
    python -m tests.eval.audit                         # all three (what `make audit` runs)

Corpora (third-party text, read from ../shared, never committed):
- `rss-keyword`: 3,000 items of the 2023 RSS year that match diplomacy/economy keywords (fixed seed);
- `treaty-days`: the 225 real RSS items of 2025-01-16..18 plus the five shared articles on the
  Russia–Iran treaty signed on 2025-01-17;
- `ru-channels`: 3,000 posts of the shared Russian news channels (landed by the telegram_api
  connector) that match the Russian diplomacy/economy vocabulary of tests/eval/blind_sample_ru.py,
  without the 150 posts of the blind Russian gold (fixed seed); built as a telegram_api source over
  a dump of those flat message objects, so they land as Russian Telegram posts.

A corpus whose files are absent from ../shared is skipped.

`draw` takes K rows per mart (fct_meetings, fct_claims, dim_agreements, fct_trade_figures,
dim_actors) — the K whose ids have the smallest hash salted with a fixed seed, so an extraction change
redraws only the rows it changed — and renders each with its evidence sentences, document title, outlet
and URL into `data/audit/<corpus>/sheet.html` (to read) and `sheet.csv` (to judge). A judge fills
`verdict` (correct | partly | wrong) and `reason`; the judged rows are committed without any
third-party text — ids, offsets, our verdicts and the row's raw extractor confidence — under
`tests/eval/audit/<corpus>/<extractor version>.csv`. `calibrate` fits the marts' `confidence`
(dbt/seeds/confidence_calibration.csv) on those verdicts. `report` reads every committed sheet of the
current extractor version and prints precision (fully correct / all judged) per mart with a Wilson
95 % interval, and a reliability table: judged rows binned by their published `confidence`, with the
fraction correct in each bin (calibration: confidence ≈ fraction correct).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import html
import json
import math
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from extraction import tables
from tests.eval.blind_sample import KEYWORDS
from tests.eval.corpora import REPO, RSS_YEAR, RU_CHANNELS, SHARED_ARTICLES, TREATY_DAYS

AUDIT_DIR = Path(__file__).parent / "audit"
WORK_DIR = REPO / "data" / "audit"
SEED = 20261202
ROWS_PER_MART = 40
RSS_SAMPLE_SIZE = 3000
RU_SAMPLE_SIZE = 3000
CORPORA = ("rss-keyword", "treaty-days", "ru-channels")
# The language of each audit corpus's documents: the calibration is fit per fact type and language.
CORPUS_LANGUAGE = {"rss-keyword": "en", "treaty-days": "en", "ru-channels": "ru"}
ANY_LANGUAGE = "*"
MARTS = ("fct_meetings", "fct_claims", "dim_agreements", "fct_trade_figures", "dim_actors")
FACT_TYPE = {"fct_meetings": "meeting", "fct_claims": "claim", "dim_agreements": "agreement",
             "fct_trade_figures": "trade_figure"}
KEY = {"fct_meetings": "meeting_id", "fct_claims": "claim_id", "dim_agreements": "agreement_id",
       "fct_trade_figures": "figure_id", "dim_actors": "actor_id"}
VERDICTS = ("correct", "partly", "wrong")
# details_hash: what the row published (its details, without load times), so a later round can carry a
# verdict over to a row that is the same row saying the same thing; verdict_from: the extractor version
# whose judge gave the verdict (empty when judged in this round).
SHEET_COLUMNS = ("corpus", "extractor_version", "mart", "row_id", "confidence", "evidence", "verdict", "reason",
                 "details_hash", "verdict_from")
# not what a row asserts: when it was loaded, and its grading (the calibration seed changes the confidence)
_NOT_ASSERTED = ("first_ingested_at", "first_seen_at", "last_seen_at", "confidence", "credibility", "admiralty_grade")
CONFIDENCE_BINS = ((0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01))
CALIBRATION_FOLDS = 5  # folds of the out-of-sample reliability check of a fit


# --- corpora -----------------------------------------------------------------------------------


def _rss_keyword_lines() -> list[bytes]:
    rng = random.Random(SEED)
    matching: list[bytes] = []
    with gzip.open(RSS_YEAR, "rb") as fh:
        for line in fh:
            item = json.loads(line)
            if KEYWORDS.search(f"{item.get('title') or ''}\n{item.get('description') or ''}"):
                matching.append(line)
    return rng.sample(matching, RSS_SAMPLE_SIZE)


def ru_audit_keys(gold: set[str], posts: dict[str, Any] | None = None) -> set[str]:
    """Doc keys of the `ru-channels` audit corpus: RU_SAMPLE_SIZE posts matching the Russian
    diplomacy/economy vocabulary, drawn with SEED from the posts outside `gold` (the blind Russian
    gold's first two strata). `posts`: the landed posts when the caller has them (else landed here)."""
    from tests.eval.blind_sample_ru import KEYWORDS as RU_KEYWORDS
    from tests.eval.blind_sample_ru import land_posts

    matching = sorted(key for key, record in (posts if posts is not None else land_posts()).items()
                      if key not in gold and record.language == "ru" and RU_KEYWORDS.search(record.body or ""))
    return set(random.Random(SEED).sample(matching, min(RU_SAMPLE_SIZE, len(matching))))


def _ru_channel_messages() -> list[dict[str, Any]]:
    """The flat message objects of up to RU_SAMPLE_SIZE Russian channel posts whose landed text
    matches the Russian diplomacy/economy vocabulary, the blind Russian gold's posts left out."""
    import yaml

    from ingestion.sources.telegram_api import channel_id
    from tests.eval.blind_sample_ru import BASE_STRATA, SAMPLE_FILE

    gold = {d["doc"] for d in yaml.safe_load(SAMPLE_FILE.read_text(encoding="utf-8"))["documents"]
            if d["stratum"] in BASE_STRATA}
    chosen = ru_audit_keys(gold)
    messages: list[dict[str, Any]] = []
    for file in sorted(RU_CHANNELS.glob("*.json")):
        for message in json.loads(file.read_text(encoding="utf-8")):
            cid = channel_id(message.get("sender_id")) if isinstance(message, dict) else None
            if f"tg:{cid}/{message.get('message_id') if isinstance(message, dict) else None}" in chosen:
                messages.append(message)
    return messages


def corpus_available(corpus: str) -> bool:
    if corpus == "rss-keyword":
        return RSS_YEAR.is_file()
    if corpus == "ru-channels":
        return RU_CHANNELS.is_dir() and any(RU_CHANNELS.glob("*.json"))
    return TREATY_DAYS.is_file() and SHARED_ARTICLES.is_dir()


def build(corpus: str, work: Path | None = None) -> Path:
    """Publish a warehouse of the corpus under data/audit/<corpus>/ (or `work`), rebuilt from scratch."""
    import shutil

    from osint.config import load_config
    from osint.pipeline import run_all

    work = work or WORK_DIR / corpus
    shutil.rmtree(work, ignore_errors=True)
    (work / "input").mkdir(parents=True)
    if corpus == "rss-keyword":
        (work / "input" / "items.jsonl").write_bytes(b"".join(_rss_keyword_lines()))
        sources = [{"kind": "rss", "name": "rss_keyword_2023", "paths": [str(work / "input" / "items.jsonl")]}]
    elif corpus == "ru-channels":
        posts = work / "input" / "posts.json"
        posts.write_text(json.dumps(_ru_channel_messages(), ensure_ascii=False), encoding="utf-8")
        sources = [{"kind": "telegram_api", "name": "ru_channels", "dump_path": str(posts)}]
    else:
        sources = [
            {"kind": "rss", "name": "treaty_days", "paths": [str(TREATY_DAYS)]},
            {"kind": "files", "name": "shared_articles", "path": str(SHARED_ARTICLES)},
        ]
    config = work / "config.yml"
    config.write_text(json.dumps({"data_dir": str(work / "data"), "sources": sources}), encoding="utf-8")
    summary = run_all(load_config(config))
    if summary.published is None:
        raise RuntimeError(f"audit corpus {corpus}: nothing was published")
    return work / "data" / "published" / "osint.duckdb"


# --- drawing rows -------------------------------------------------------------------------------


# The evidence span in its context: up to CONTEXT_CHARS before and after, the span itself in «…».
CONTEXT_CHARS = 400
_IN_CONTEXT = (
    "substr(d.body, greatest(1, {start} - " + str(CONTEXT_CHARS) + " + 1), least({start}, " + str(CONTEXT_CHARS) + "))"
    " || '«' || substr(d.body, {start} + 1, {end} - {start}) || '»' || substr(d.body, {end} + 1, " + str(CONTEXT_CHARS) + ")"
)


def _evidence(con: duckdb.DuckDBPyConnection, fact_type: str, fact_id: str) -> list[dict[str, Any]]:
    rows = con.execute(
        f"""select e.doc_id, e.char_start, e.char_end, {_IN_CONTEXT.format(start="e.char_start", end="e.char_end")},
                  d.title, d.outlet_name, d.url, d.published_at, e.confidence
           from fct_evidence e join dim_documents d using (doc_id)
           where e.fact_type = ? and e.fact_id = ? order by e.reported_at, e.doc_id, e.char_start limit 3""",
        [fact_type, fact_id],
    ).fetchall()
    keys = ("doc_id", "char_start", "char_end", "text", "title", "outlet", "url", "published_at", "confidence")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def _mentions(con: duckdb.DuckDBPyConnection, actor_id: str) -> list[dict[str, Any]]:
    rows = con.execute(
        f"""select m.doc_id, m.char_start, m.char_end, m.mention_text,
                  {_IN_CONTEXT.format(start="m.char_start", end="m.char_end")},
                  d.title, d.outlet_name, d.url, d.published_at, m.confidence
           from fct_mentions m join dim_documents d using (doc_id)
           where m.actor_id = ? order by hash(m.doc_id || m.char_start::varchar) limit 4""",
        [actor_id],
    ).fetchall()
    keys = ("doc_id", "char_start", "char_end", "mention", "text", "title", "outlet", "url", "published_at", "confidence")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def _details(con: duckdb.DuckDBPyConnection, mart: str, row_id: str) -> dict[str, Any]:
    cur = con.execute(f"select * from {mart} where {KEY[mart]} = ?", [row_id])
    cols = [d[0] for d in cur.description]
    row = dict(zip(cols, cur.fetchone() or (), strict=False))
    if mart == "fct_meetings":
        row["participants"] = [f"{n} ({r})" for n, r in con.execute(
            """select a.canonical_name, p.role from bdg_meeting_participants p join dim_actors a using (actor_id)
               where p.meeting_id = ? order by 1""", [row_id]).fetchall()]
    if mart == "dim_agreements":
        row["parties"] = [n for (n,) in con.execute(
            """select a.canonical_name from bdg_agreement_parties p join dim_actors a using (actor_id)
               where p.agreement_id = ? order by 1""", [row_id]).fetchall()]
    return row


def _row_confidence(con: duckdb.DuckDBPyConnection, mart: str, row: dict[str, Any], row_id: str) -> float | None:
    """The extractor's raw confidence of a drawn row — what the calibration maps — not the published,
    already calibrated `confidence` of the mart (fitting on that would calibrate the calibration)."""
    if mart == "dim_actors":
        v = con.execute("select avg(confidence) from fct_mentions where actor_id = ?", [row_id]).fetchone()
    else:
        v = con.execute("select max(confidence) from fct_evidence where fact_type = ? and fact_id = ?",
                        [FACT_TYPE[mart], row_id]).fetchone()
    return None if not v or v[0] is None else round(float(v[0]), 3)


@dataclass
class DrawnRow:
    mart: str
    row_id: str
    confidence: float | None
    details: dict[str, Any]
    evidence: list[dict[str, Any]]


def stable_sample(ids: list[str], k: int, salt: str) -> list[str]:
    """The k ids with the smallest salted hash: a fixed-seed sample that a change elsewhere in the mart (a
    row added, removed or re-keyed) changes by at most that row, where random.sample would redraw all."""
    return sorted(ids, key=lambda i: hashlib.sha1(f"{salt}:{i}".encode()).hexdigest())[:k]


def draw(corpus: str, k: int = ROWS_PER_MART) -> list[DrawnRow]:
    published = WORK_DIR / corpus / "data" / "published" / "osint.duckdb"
    con = duckdb.connect(str(published), read_only=True)
    out: list[DrawnRow] = []
    try:
        for mart in MARTS:
            ids = sorted(r[0] for r in con.execute(f"select {KEY[mart]} from {mart}").fetchall())
            if mart == "dim_actors":  # actors the documents mention, not every curated seed row
                ids = sorted(r[0] for r in con.execute("select actor_id from dim_actors where mention_count > 0").fetchall())
            for row_id in stable_sample(ids, k, f"{SEED}:{corpus}:{mart}"):
                details = _details(con, mart, row_id)
                evidence = _mentions(con, row_id) if mart == "dim_actors" else _evidence(con, FACT_TYPE[mart], row_id)
                out.append(DrawnRow(mart, row_id, _row_confidence(con, mart, details, row_id), details, evidence))
    finally:
        con.close()
    return out


def _show(value: Any) -> str:
    return "" if value is None else html.escape(str(value))


# columns added after rounds were judged: empty, they assert nothing, so a row judged before they existed
# is still the same row
_NEWER_COLUMNS = ("described_participants",)


def details_hash(details: dict[str, Any]) -> str:
    kept = {k: v for k, v in details.items() if k not in _NOT_ASSERTED and not (k in _NEWER_COLUMNS and not v)}
    return hashlib.sha1(json.dumps(kept, default=str, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def _earlier_verdicts(corpus: str) -> dict[tuple[str, str, str, str], tuple[str, str, str]]:
    """(mart, row id, evidence, details hash) → (verdict, reason, version judged) from the committed rounds
    of a corpus, the latest round first."""
    found: dict[tuple[str, str, str, str], tuple[str, str, str]] = {}
    folder = AUDIT_DIR / corpus
    for path in sorted(folder.glob("*.csv"), key=lambda p: _version_key(p.stem), reverse=True):
        with path.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                if r.get("details_hash") and r["verdict"] in VERDICTS:
                    found.setdefault((r["mart"], r["row_id"], r["evidence"], r["details_hash"]),
                                     (r["verdict"], r["reason"], r.get("verdict_from") or r["extractor_version"]))
    return found


def write_sheet(corpus: str, rows: list[DrawnRow]) -> tuple[Path, Path]:
    """The sheet to judge; a row identical to one judged in an earlier round (same id, evidence and published
    details) comes with that verdict and the version it was given at, so only what changed is judged again."""
    work = WORK_DIR / corpus
    csv_path, html_path = work / "sheet.csv", work / "sheet.html"
    earlier = _earlier_verdicts(corpus)
    with csv_path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([*SHEET_COLUMNS, "details", "evidence_text"])
        for r in rows:
            refs = ";".join(f"{e['doc_id']}:{e['char_start']}-{e['char_end']}" for e in r.evidence)
            digest = details_hash(r.details)
            verdict, reason, judged_at = earlier.get((r.mart, r.row_id, refs, digest), ("", "", ""))
            w.writerow([corpus, tables.EXTRACTOR_VERSION, r.mart, r.row_id, r.confidence, refs, verdict, reason,
                        digest, judged_at, json.dumps(r.details, default=str, ensure_ascii=False),
                        " || ".join(str(e["text"]) for e in r.evidence)])
    parts = [f"<html><head><meta charset='utf-8'><title>audit {corpus}</title><style>"
             "body{font-family:sans-serif;max-width:70em} .row{border-top:2px solid #444;margin:1em 0;padding:.5em}"
             " .ev{background:#f4f4f4;margin:.3em 0;padding:.4em} td{vertical-align:top;padding-right:1em}</style></head><body>",
             f"<h1>Audit sheet: {corpus}, extractor {tables.EXTRACTOR_VERSION}</h1>"]
    for n, r in enumerate(rows, 1):
        parts.append(f"<div class='row'><h3>{n}. {r.mart} · {_show(r.row_id)} · confidence {_show(r.confidence)}</h3><table>")
        for key, value in r.details.items():
            if key in ("body",):
                continue
            parts.append(f"<tr><td><b>{_show(key)}</b></td><td>{_show(value)}</td></tr>")
        parts.append("</table>")
        for e in r.evidence:
            parts.append(f"<div class='ev'><i>{_show(e['outlet'])} · {_show(e['published_at'])} · "
                         f"<a href='{_show(e['url'])}'>{_show(e['title'])}</a></i><br>{_show(e['text'])}</div>")
        parts.append("</div>")
    html_path.write_text("\n".join(parts) + "</body></html>", encoding="utf-8")
    return csv_path, html_path


# --- judged sheets and the report ---------------------------------------------------------------


def judged_path(corpus: str, version: str | None = None) -> Path:
    return AUDIT_DIR / corpus / f"{version or tables.EXTRACTOR_VERSION}.csv"


def store_judged(corpus: str, sheet: Path) -> Path:
    """Keep a judged sheet's ids, offsets and verdicts (no third-party text) under tests/eval/audit/."""
    with sheet.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    bad = [r["row_id"] for r in rows if r["verdict"] not in VERDICTS]
    if bad:
        raise ValueError(f"{sheet}: {len(bad)} rows have no verdict in {VERDICTS}, e.g. {bad[:3]}")
    target = judged_path(corpus, rows[0]["extractor_version"] if rows else None)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=SHEET_COLUMNS, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    return target


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return float("nan"), float("nan")
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class MartPrecision:
    corpus: str
    mart: str
    judged: int
    correct: int
    partly: int

    @property
    def precision(self) -> float:
        return self.correct / self.judged if self.judged else float("nan")

    def __str__(self) -> str:
        lo, hi = wilson(self.correct, self.judged)
        return f"{self.precision:.2f} [{lo:.2f}, {hi:.2f}] ({self.correct}/{self.judged}, {self.partly} partly)"


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(n) for n in version.rpartition("-")[2].split(".") if n.isdigit())


def latest_judged_version() -> str | None:
    """The extractor version of the newest judged sheets: the current one when it is judged, else
    the highest version number among those that are."""
    versions = {p.stem for p in AUDIT_DIR.glob("*/*.csv")}
    if tables.EXTRACTOR_VERSION in versions:
        return tables.EXTRACTOR_VERSION
    return max(versions, key=_version_key, default=None)


def read_judged(version: str | None = None) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted(AUDIT_DIR.glob(f"*/{version or tables.EXTRACTOR_VERSION}.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            rows.extend(csv.DictReader(fh))
    return rows


def precision_by_mart(rows: list[dict[str, str]]) -> list[MartPrecision]:
    out = []
    for corpus in sorted({r["corpus"] for r in rows}):
        for mart in MARTS:
            sel = [r for r in rows if r["corpus"] == corpus and r["mart"] == mart]
            if sel:
                out.append(MartPrecision(corpus, mart, len(sel), sum(r["verdict"] == "correct" for r in sel),
                                         sum(r["verdict"] == "partly" for r in sel)))
    return out


def published_confidence(row: dict[str, str], calibration: list[dict[str, str]]) -> float | None:
    """The confidence the marts publish for a judged row: its raw extractor confidence through the
    calibration seed (as int_facts_graded maps it: the row's language, else all languages)."""
    if row["mart"] not in FACT_TYPE or row["confidence"] in ("", None):
        return None
    raw = float(row["confidence"])
    language = CORPUS_LANGUAGE.get(row.get("corpus", ""), ANY_LANGUAGE)
    for wanted in (language, ANY_LANGUAGE):
        for c in calibration:
            if c["fact_type"] == FACT_TYPE[row["mart"]] and c.get("language", ANY_LANGUAGE) == wanted \
                    and float(c["raw_from"]) <= raw < float(c["raw_to"]):
                return float(c["confidence"])
    return None


def reliability(rows: list[dict[str, str]], calibration: list[dict[str, Any]] | None = None
                ) -> list[tuple[str, int, float, float]]:
    """(confidence bin, rows, mean published confidence, fraction fully correct) over judged fact rows,
    their confidence mapped through `calibration` (default: the seed in use)."""
    if calibration is None:
        with CALIBRATION_SEED.open(encoding="utf-8", newline="") as fh:
            calibration = list(csv.DictReader(fh))
    scored = [(c, r) for r in rows if (c := published_confidence(r, calibration)) is not None]
    return _binned(scored)


def cross_validated_reliability(rows: list[dict[str, str]], folds: int = CALIBRATION_FOLDS
                                ) -> list[tuple[str, int, float, float]]:
    """`reliability` out of sample: each judged row's confidence from a calibration fit on the other
    folds' rows only (a row's fold is fixed by a hash of its corpus and id), so the table says what the
    fit promises on rows it has not seen, not how well it fits its own."""
    def fold(r: dict[str, str]) -> int:
        return int(hashlib.sha1(f"{r.get('corpus')}/{r['row_id']}".encode()).hexdigest(), 16) % folds

    scored: list[tuple[float, dict[str, str]]] = []
    for k in range(folds):
        fit = calibration_rows([r for r in rows if fold(r) != k], "cross-validation")
        scored += [(c, r) for r in rows if fold(r) == k and (c := published_confidence(r, fit)) is not None]
    return _binned(scored)


def calibration_error(table: list[tuple[str, int, float, float]]) -> float:
    """Expected calibration error of a reliability table: the row-weighted mean gap between published
    confidence and fraction fully correct."""
    rows = sum(n for _, n, _, _ in table)
    return sum(n * abs(mean - frac) for _, n, mean, frac in table) / rows if rows else 0.0


def _binned(scored: list[tuple[float, dict[str, str]]]) -> list[tuple[str, int, float, float]]:
    out = []
    for lo, hi in CONFIDENCE_BINS:
        sel = [(c, r) for c, r in scored if lo <= c < hi]
        if sel:
            out.append((f"[{lo:.1f}, {min(hi, 1.0):.1f})", len(sel), sum(c for c, _ in sel) / len(sel),
                        sum(r["verdict"] == "correct" for _, r in sel) / len(sel)))
    return out


CALIBRATION_SEED = REPO / "dbt" / "seeds" / "confidence_calibration.csv"
PRIOR_STRENGTH = 2.0  # pseudo-rows pulling each bin toward its fact type's overall precision


def _isotonic(points: list[tuple[float, int, int]]) -> list[tuple[list[float], int, int]]:
    """Pool adjacent violators over (raw value, rows, correct), ascending by raw value: blocks whose
    fraction correct never falls as the raw confidence rises."""
    blocks: list[tuple[list[float], int, int]] = []
    for raw, n, k in sorted(points):
        blocks.append(([raw], n, k))
        while len(blocks) > 1 and blocks[-2][2] / blocks[-2][1] > blocks[-1][2] / blocks[-1][1]:
            (r1, n1, k1), (r2, n2, k2) = blocks[-2], blocks[-1]
            blocks[-2:] = [(r1 + r2, n1 + n2, k1 + k2)]
    return blocks


def calibration_rows(rows: list[dict[str, str]], version: str) -> list[dict[str, Any]]:
    """The confidence_calibration seed: per fact type and document language (`*`: every language
    together, for languages no audit corpus is in), raw-confidence ranges → smoothed, monotone
    fraction of audited facts that were fully correct."""
    out: list[dict[str, Any]] = []
    judged = [r for r in rows if r["mart"] in FACT_TYPE and r["confidence"] not in ("", None)]
    languages = sorted({CORPUS_LANGUAGE[r["corpus"]] for r in judged if r.get("corpus") in CORPUS_LANGUAGE})
    for language in [ANY_LANGUAGE, *languages]:
        of_language = [r for r in judged if language == ANY_LANGUAGE or CORPUS_LANGUAGE.get(r.get("corpus", "")) == language]
        out += _calibration_of(of_language, version, language)
    return out


def _calibration_of(judged: list[dict[str, str]], version: str, language: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    pooled = (sum(r["verdict"] == "correct" for r in judged) + 1) / (len(judged) + 2)
    for mart, fact_type in FACT_TYPE.items():
        sel = [r for r in judged if r["mart"] == mart]
        if not sel:
            out.append({"fact_type": fact_type, "language": language, "raw_from": 0.0, "raw_to": 1.001,
                        "confidence": round(pooled, 3), "audited_rows": 0, "audited_correct": 0,
                        "extractor_version": version})
            continue
        prior = sum(r["verdict"] == "correct" for r in sel) / len(sel)
        by_raw: dict[float, list[int]] = {}
        for r in sel:
            by_raw.setdefault(round(float(r["confidence"]), 3), []).append(int(r["verdict"] == "correct"))
        blocks = _isotonic([(raw, len(v), sum(v)) for raw, v in by_raw.items()])
        for i, (raws, n, k) in enumerate(blocks):
            low = 0.0 if i == 0 else (max(blocks[i - 1][0]) + min(raws)) / 2
            high = 1.001 if i == len(blocks) - 1 else (max(raws) + min(blocks[i + 1][0])) / 2
            smoothed = (k + PRIOR_STRENGTH * prior) / (n + PRIOR_STRENGTH)
            out.append({"fact_type": fact_type, "language": language, "raw_from": round(low, 4), "raw_to": round(high, 4),
                        "confidence": round(smoothed, 3), "audited_rows": n, "audited_correct": k,
                        "extractor_version": version})
    return out


def calibrate(version: str | None = None) -> Path:
    """Fit the confidence seed on the judged rows of `version` (default: the newest judged
    extractor; the seed's extractor_version column says which one it was fit on)."""
    version = version or latest_judged_version() or tables.EXTRACTOR_VERSION
    rows = read_judged(version)
    if not rows:
        raise ValueError(f"no judged audit sheets for extractor {version}: judge a drawn sheet first")
    fields = ("fact_type", "language", "raw_from", "raw_to", "confidence", "audited_rows", "audited_correct",
              "extractor_version")
    with CALIBRATION_SEED.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerows(calibration_rows(rows, version))
    return CALIBRATION_SEED


def format_report(version: str | None = None) -> str:
    version = version or latest_judged_version()
    rows = read_judged(version) if version else []
    if not version or not rows:
        return f"no judged audit sheets under {AUDIT_DIR}"
    current = "" if version == tables.EXTRACTOR_VERSION else f" (the current extractor {tables.EXTRACTOR_VERSION} is not judged yet)"
    lines = [f"mart audit, extractor {version}{current}: fully correct / judged, Wilson 95 % interval"]
    for mp in precision_by_mart(rows):
        lines.append(f"  {mp.corpus:<12} {mp.mart:<18} {mp}")
    lines.append("reliability (fact marts): published confidence bin → mean confidence vs fraction fully correct")
    in_use = reliability(rows)
    for label, n, mean, frac in in_use:
        lines.append(f"  {label:<12} {n:>4} rows  confidence {mean:.2f}  correct {frac:.2f}")
    lines.append(f"  expected calibration error {calibration_error(in_use):.3f}")
    lines.append(f"the same rows out of sample: each through a fit on the other {CALIBRATION_FOLDS - 1} of "
                 f"{CALIBRATION_FOLDS} folds (what a refit on this round promises)")
    out_of_sample = cross_validated_reliability(rows)
    for label, n, mean, frac in out_of_sample:
        lines.append(f"  {label:<12} {n:>4} rows  confidence {mean:.2f}  correct {frac:.2f}")
    lines.append(f"  expected calibration error {calibration_error(out_of_sample):.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", nargs="?", choices=("build", "draw", "store", "calibrate", "report", "all"), default="all")
    parser.add_argument("--corpus", choices=CORPORA, action="append")
    parser.add_argument("--sheet", type=Path, help="store: the judged sheet.csv")
    parser.add_argument("-k", type=int, default=ROWS_PER_MART)
    args = parser.parse_args(argv)
    corpora = args.corpus or list(CORPORA)
    if args.command == "calibrate":
        print(f"wrote {calibrate()}")
        return 0
    if args.command == "store":
        for corpus in corpora:
            print(f"stored {store_judged(corpus, args.sheet or WORK_DIR / corpus / 'sheet.csv')}")
        return 0
    if args.command in ("build", "draw", "all"):
        for corpus in corpora:
            if not corpus_available(corpus):
                print(f"skipped {corpus}: its corpus in ../shared is absent")
                continue
            if args.command in ("build", "all"):
                print(f"{corpus}: published {build(corpus)}")
            if args.command in ("draw", "all"):
                csv_path, html_path = write_sheet(corpus, draw(corpus, args.k))
                print(f"{corpus}: sheet {csv_path} and {html_path}")
    if args.command in ("report", "all"):
        print(format_report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
