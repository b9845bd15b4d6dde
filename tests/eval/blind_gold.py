"""The blind real-text gold: validate annotation batches, store them as offsets, load them for scoring.

    python -m tests.eval.blind_gold check BATCH.yaml --texts DIR   # annotator's check (text form)
    python -m tests.eval.blind_gold store BATCH.yaml [...]         # text form → committed offset form

Annotators write exact substrings of the document text (GUIDELINES.md). The committed files under
`gold/blind/annotations/` replace every quoted string by its character span `[start, end)` in the
landed body, plus a short hash of the body, so no third-party text is stored in the repository and a
change in how the connectors land a document is detected rather than silently mis-scored.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

BLIND_DIR = Path(__file__).parent / "gold" / "blind"
ANNOTATIONS_DIR = BLIND_DIR / "annotations"
SAMPLE_FILE = BLIND_DIR / "sample.yaml"
# The gold sets: `en` (RSS year items and benchmark articles, GUIDELINES.md) and `ru` (Russian channel
# posts, blind_ru/; the same guidelines plus the Russian notes in blind/GUIDELINES.md).
GOLD_SETS = {"en": BLIND_DIR, "ru": Path(__file__).parent / "gold" / "blind_ru"}


def _dirs(gold: str) -> tuple[Path, Path]:
    """(sample file, annotations folder) of a gold set."""
    root = GOLD_SETS[gold]
    return root / "sample.yaml", root / "annotations"

ACTOR_TYPES = {"person", "organization", "country"}
MEETING_STATUSES = {"held", "planned", "postponed", "cancelled"}
MEETING_TYPES = {"meeting", "talks", "call", "visit", "summit", "signing", "mediation"}
AGREEMENT_TYPES = {"treaty", "agreement", "pact", "memorandum", "deal", "ceasefire", "statement", "contract", "other"}
AGREEMENT_STATUSES = {"proposed", "negotiated", "signed", "ratified", "in_force", "suspended", "withdrawn", "unknown"}
QUALIFIERS = {None, "about", "over", "under", "up_to", "at_least"}
SCOPES = {None, "bilateral", "unilateral", "multilateral", "global"}
PRECISIONS = {None, "day", "month", "year"}
ROLES = {"host", "visitor", "mediator", "participant"}
METRICS = {
    "trade_volume", "trade_target", "exports", "imports", "national_currency_share", "investment", "loan",
    "aid", "military_spending", "arms_sale", "sanctions", "gdp", "economic_growth", "inflation_rate",
    "interest_rate", "unemployment_rate", "budget", "debt", "revenue", "profit", "price", "market_move",
    "production", "poll_share", "enrichment_level", "tariff", "penalty", "growth_rate", "share", "other",
}
ISO3 = re.compile(r"^[A-Z]{3}$")


class AnnotationError(ValueError):
    """An annotation does not follow GUIDELINES.md or does not resolve in its document."""


def body_hash(body: str) -> str:
    return hashlib.sha1(body.encode("utf-8")).hexdigest()[:12]


def _find(body: str, needle: str, occurrence: int, where: str) -> list[int]:
    if not needle:
        raise AnnotationError(f"{where}: empty text")
    start, n = -1, 0
    while n < occurrence:
        start = body.find(needle, start + 1)
        if start < 0:
            found = body.count(needle)
            raise AnnotationError(
                f"{where}: {needle!r} not found" if not found
                else f"{where}: {needle!r} occurs {found} time(s), not {occurrence}"
            )
        n += 1
    return [start, start + len(needle)]


def _span(body: str, value: Any, where: str) -> list[int]:
    if isinstance(value, dict):
        return _find(body, str(value.get("text", "")), int(value.get("occurrence", 1)), where)
    if not isinstance(value, str):
        raise AnnotationError(f"{where}: expected a quoted text, got {value!r}")
    return _find(body, value, 1, where)


def _enum(value: Any, allowed: set[Any], where: str) -> None:
    if value not in allowed:
        raise AnnotationError(f"{where}: {value!r} is not one of {sorted(map(str, allowed - {None}))}")


def _date(value: Any, where: str) -> None:
    if value is not None and not isinstance(value, date):
        raise AnnotationError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD) or null")


def _iso3(value: Any, where: str) -> None:
    if value is not None and not (isinstance(value, str) and ISO3.match(value)):
        raise AnnotationError(f"{where}: {value!r} is not an ISO 3166-1 alpha-3 code")


def to_offsets(doc: dict[str, Any], body: str) -> dict[str, Any]:
    """Validate one document's text-form annotation and return its offset form."""
    key = doc.get("doc")
    if not isinstance(key, str):
        raise AnnotationError(f"document without a `doc:` id: {doc!r:.80}")
    out: dict[str, Any] = {"doc": key, "body_sha1": body_hash(body)}
    names: set[str] = set()
    actors = []
    for i, a in enumerate(doc.get("actors") or []):
        w = f"{key} actors[{i}]"
        if not isinstance(a, dict) or not isinstance(a.get("name"), str):
            raise AnnotationError(f"{w}: needs a name")
        _enum(a.get("type"), ACTOR_TYPES, f"{w}.type")
        _iso3(a.get("country"), f"{w}.country")
        if a["name"] in names:
            raise AnnotationError(f"{w}: {a['name']!r} is listed twice")
        names.add(a["name"])
        forms = a.get("forms") or []
        if not forms:
            raise AnnotationError(f"{w}: needs forms (surface strings from the text)")
        actors.append({
            "name": a["name"], "type": a["type"], "country": a.get("country"),
            "named": a.get("named", True) is not False,
            **({"role": a["role"]} if a.get("role") else {}),
            "forms": [_span(body, f, f"{w}.forms") for f in forms],
        })
    out["actors"] = actors

    def actor(name: Any, where: str) -> str:
        if name not in names:
            raise AnnotationError(f"{where}: {name!r} is not the name of an entry in actors")
        return str(name)

    claims = []
    for i, c in enumerate(doc.get("claims") or []):
        w = f"{key} claims[{i}]"
        claims.append({
            "speaker": actor(c.get("speaker"), f"{w}.speaker"),
            "speaker_span": _span(body, c.get("speaker_text"), f"{w}.speaker_text"),
            "span": _span(body, c.get("text"), f"{w}.text"),
            "direct": bool(c.get("direct")),
            "cue": c.get("cue"),
        })
    out["claims"] = claims
    meetings = []
    for i, m in enumerate(doc.get("meetings") or []):
        w = f"{key} meetings[{i}]"
        _enum(m.get("status"), MEETING_STATUSES, f"{w}.status")
        _enum(m.get("type"), MEETING_TYPES, f"{w}.type")
        _enum(m.get("date_precision"), PRECISIONS, f"{w}.date_precision")
        _date(m.get("date"), f"{w}.date")
        _iso3(m.get("place_country"), f"{w}.place_country")
        parts = [actor(p, f"{w}.participants") for p in m.get("participants") or []]
        if len(set(parts)) < 2:
            raise AnnotationError(f"{w}: a meeting needs ≥ 2 distinct participants")
        roles = m.get("roles") or {}
        for name, role in roles.items():
            actor(name, f"{w}.roles")
            _enum(role, ROLES, f"{w}.roles[{name}]")
        meetings.append({
            "span": _span(body, m.get("text"), f"{w}.text"), "participants": parts, "roles": roles,
            "status": m["status"], "type": m["type"], "date": m.get("date"),
            "date_precision": m.get("date_precision") or (None if m.get("date") is None else "day"),
            "place": m.get("place"), "place_country": m.get("place_country"),
        })
    out["meetings"] = meetings
    agreements = []
    for i, a in enumerate(doc.get("agreements") or []):
        w = f"{key} agreements[{i}]"
        _enum(a.get("type"), AGREEMENT_TYPES, f"{w}.type")
        _enum(a.get("status"), AGREEMENT_STATUSES, f"{w}.status")
        _date(a.get("date"), f"{w}.date")
        if not a.get("mentions"):
            raise AnnotationError(f"{w}: needs mentions")
        agreements.append({
            "name": a.get("name"), "type": a["type"], "status": a["status"], "date": a.get("date"),
            "parties": [actor(p, f"{w}.parties") for p in a.get("parties") or []],
            "mentions": [_span(body, t, f"{w}.mentions") for t in a["mentions"]],
        })
    out["agreements"] = agreements
    figures = []
    for i, f in enumerate(doc.get("figures") or []):
        w = f"{key} figures[{i}]"
        _enum(f.get("metric"), METRICS, f"{w}.metric")
        _enum(f.get("qualifier"), QUALIFIERS, f"{w}.qualifier")
        _enum(f.get("scope"), SCOPES, f"{w}.scope")
        _date(f.get("period_start"), f"{w}.period_start")
        _date(f.get("period_end"), f"{w}.period_end")
        for p in f.get("parties") or []:
            _iso3(p, f"{w}.parties")
        if not isinstance(f.get("value"), int | float) or not isinstance(f.get("unit"), str):
            raise AnnotationError(f"{w}: needs a numeric value and a unit")
        if f.get("speaker") is not None:
            actor(f["speaker"], f"{w}.speaker")
        figures.append({
            "span": _span(body, f.get("text"), f"{w}.text"), "value": float(f["value"]),
            **({"value_high": float(f["value_high"])} if f.get("value_high") is not None else {}),
            "unit": f["unit"], "per": f.get("per"), "qualifier": f.get("qualifier"), "metric": f["metric"],
            "parties": sorted(f.get("parties") or []), "scope": f.get("scope"),
            "period_start": f.get("period_start"), "period_end": f.get("period_end"),
            "speaker": f.get("speaker"),
        })
    out["figures"] = figures
    if doc.get("notes"):
        out["notes"] = str(doc["notes"])
    return out


def _texts_from_dir(folder: Path) -> dict[str, str]:
    """Annotator text files (tests.eval.blind_sample --texts): '# ' header lines, then the body."""
    out: dict[str, str] = {}
    for path in folder.glob("*.txt"):
        raw = path.read_text(encoding="utf-8")
        lines = raw.split("\n")
        key = lines[0].removeprefix("# doc: ").strip()
        out[key] = "\n".join(lines[3:])
    return out


def landed_bodies(keys: list[str]) -> dict[str, Any]:
    from tests.eval import blind_sample, blind_sample_ru

    out = blind_sample.landed_texts([{"doc": k} for k in keys if not k.startswith("tg:")])
    posts = [{"doc": k} for k in keys if k.startswith("tg:")]
    if posts:
        out.update(blind_sample_ru.landed_texts(posts))
    return out


def _batch_documents(path: Path) -> list[dict[str, Any]]:
    spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    docs = spec.get("documents") if isinstance(spec, dict) else spec
    if not isinstance(docs, list):
        raise AnnotationError(f"{path}: expected a `documents:` list")
    return docs


def check(paths: list[Path], texts: dict[str, str], gold: str = "en") -> list[str]:
    problems: list[str] = []
    sample_file, _ = _dirs(gold)
    sample = {d["doc"] for d in yaml.safe_load(sample_file.read_text(encoding="utf-8"))["documents"]}
    for path in paths:
        for doc in _batch_documents(path):
            key = doc.get("doc")
            if key not in sample:
                problems.append(f"{path.name}: {key!r} is not in sample.yaml")
                continue
            if key not in texts:
                problems.append(f"{path.name}: no text for {key}")
                continue
            try:
                to_offsets(doc, texts[key])
            except AnnotationError as exc:
                problems.append(f"{path.name}: {exc}")
    return problems


@dataclass
class BlindDocument:
    key: str
    split: str
    stratum: str
    record: Any  # the landed DocumentRecord (body, published_at, language, url)
    gold: dict[str, Any]


def load_blind(split: str | None = None, gold_set: str = "en") -> list[BlindDocument]:
    """Committed blind gold with the landed texts; [] when the corpora or annotations are absent."""
    from tests.eval.corpora import ARTICLE_BENCHMARK, RSS_YEAR, RU_CHANNELS

    sample_file, annotations = _dirs(gold_set)
    corpora = RU_CHANNELS.is_dir() if gold_set == "ru" else RSS_YEAR.is_file() and ARTICLE_BENCHMARK.is_dir()
    if not (corpora and annotations.is_dir()):
        return []
    sample = {d["doc"]: d for d in yaml.safe_load(sample_file.read_text(encoding="utf-8"))["documents"]}
    gold: dict[str, dict[str, Any]] = {}
    for path in sorted(annotations.glob("*.yaml")):
        for doc in yaml.safe_load(path.read_text(encoding="utf-8"))["documents"]:
            gold[doc["doc"]] = doc
    keys = [k for k in gold if split is None or sample[k]["split"] == split]
    records = landed_bodies(keys)
    out = []
    for k in keys:
        body = records[k].body
        if body_hash(body) != gold[k]["body_sha1"]:
            raise AnnotationError(f"{k}: the landed text changed since it was annotated (body hash differs)")
        out.append(BlindDocument(k, sample[k]["split"], sample[k]["stratum"], records[k], gold[k]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", choices=sorted(GOLD_SETS), default="en", help="which gold set (default en)")
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="validate text-form batches")
    c.add_argument("files", nargs="+", type=Path)
    c.add_argument("--texts", type=Path, help="folder written by tests.eval.blind_sample --texts")
    s = sub.add_parser("store", help="write text-form batches as offset form into gold/blind/annotations/")
    s.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    if args.command == "check":
        if args.texts:
            texts = _texts_from_dir(args.texts)
        else:
            keys = [str(d.get("doc")) for p in args.files for d in _batch_documents(p)]
            texts = {k: r.body for k, r in landed_bodies(keys).items()}
        problems = check(args.files, texts, args.gold)
        for p in problems:
            print(p)
        n = sum(len(_batch_documents(p)) for p in args.files)
        print(f"{n} documents, {len(problems)} problem(s)")
        return 1 if problems else 0
    _, annotations = _dirs(args.gold)
    annotations.mkdir(parents=True, exist_ok=True)
    for path in args.files:
        docs = _batch_documents(path)
        bodies = landed_bodies([d["doc"] for d in docs])
        stored = [to_offsets(d, bodies[d["doc"]].body) for d in docs]
        target = annotations / path.name
        target.write_text(
            "# Blind gold, offset form (tests/eval/blind_gold.py store); spans index the landed body.\n"
            + yaml.safe_dump({"documents": stored}, sort_keys=False, allow_unicode=True, width=120, default_flow_style=None),
            encoding="utf-8",
        )
        print(f"{len(stored)} documents → {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
