"""Incremental annotation: documents not yet annotated at the current extractor version → raw.ann_*.

One transaction per batch deletes a document's old rows from every raw.ann_* table and inserts the new
ones, so a re-annotated document (edited, or annotated by an older EXTRACTOR_VERSION) never keeps
stale facts, and a failed batch leaves the previous annotations in place.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
import pyarrow as pa

from ingestion.nlp.extract import Extractor, is_english
from ingestion.nlp.gazetteer import Gazetteer
from ingestion.nlp.model import DocumentInput, Extraction, Speaker
from ingestion.records import utc_now

log = logging.getLogger(__name__)

# Bump when extraction output changes: every document is then re-annotated on the next run.
EXTRACTOR_VERSION = "rules-ner-0.2.1"

ANN_SCHEMA_SQL = """
create schema if not exists raw;
-- Which content of which document was annotated by which extractor version. Offsets in every
-- raw.ann_* table are 0-based character offsets into raw.documents.body (end exclusive).
create table if not exists raw.ann_documents (
    doc_id varchar primary key,
    content_hash varchar not null,
    extractor_version varchar not null,
    annotated_at timestamp not null,
    sentence_count integer not null,
    status varchar not null,          -- ok | failed
    error varchar,
    language varchar                  -- added by the extractor: language the document was processed as
);
-- Entities referring to actors carry actor_key (gazetteer actor_id, or null for an actor the
-- gazetteer lacks) plus actor_name and actor_type, so dbt can resolve new actors the same way.
create table if not exists raw.ann_mentions (
    doc_id varchar not null,
    extractor_version varchar not null,
    sentence_index integer not null,
    char_start integer not null,
    char_end integer not null,
    mention_text varchar not null,
    actor_key varchar,
    actor_name varchar not null,
    actor_type varchar not null,      -- person | country | organization
    country_code varchar,
    method varchar not null,          -- gazetteer | ner | alias | role | surname | coreference
    confidence double not null
);
create table if not exists raw.ann_citations (
    doc_id varchar not null,
    extractor_version varchar not null,
    sentence_index integer not null,
    char_start integer not null,
    char_end integer not null,
    cited_text varchar not null,
    citation_type varchar not null,   -- url | telegram | outlet_attribution
    cited_url varchar,
    cited_outlet_key varchar,         -- outlet_registry.outlet_id when recognised
    cited_outlet_name varchar,
    confidence double not null
);
create table if not exists raw.ann_claims (
    doc_id varchar not null,
    extractor_version varchar not null,
    claim_index integer not null,
    sentence_index integer not null,
    char_start integer not null,
    char_end integer not null,
    claim_text varchar not null,
    is_direct_quote boolean not null,
    cue varchar,                       -- said, told, insisted, according to, ...
    speaker_text varchar,
    speaker_char_start integer,
    speaker_char_end integer,
    speaker_actor_key varchar,
    speaker_name varchar,
    speaker_type varchar,             -- person | country | organization | outlet
    speaker_outlet_key varchar,
    confidence double not null
);
create table if not exists raw.ann_agreements (
    doc_id varchar not null,
    extractor_version varchar not null,
    agreement_index integer not null,
    sentence_index integer not null,
    char_start integer not null,
    char_end integer not null,
    evidence_text varchar not null,
    name varchar not null,
    agreement_type varchar not null,  -- treaty | pact | agreement | memorandum | deal | statement | contract | other
    status varchar not null,          -- planned | signed | ratified | in_force | suspended | unknown
    signed_date date,
    date_precision varchar not null,  -- day | month | year | unknown
    duration_years integer,
    article_count integer,
    confidence double not null
);
create table if not exists raw.ann_agreement_parties (
    doc_id varchar not null,
    extractor_version varchar not null,
    agreement_index integer not null,
    actor_key varchar,
    actor_name varchar not null,
    actor_type varchar not null
);
create table if not exists raw.ann_meetings (
    doc_id varchar not null,
    extractor_version varchar not null,
    meeting_index integer not null,
    sentence_index integer not null,
    char_start integer not null,
    char_end integer not null,
    evidence_text varchar not null,
    meeting_type varchar not null,    -- visit | talks | call | summit | signing | meeting
    status varchar not null,          -- planned | held
    meeting_date date,
    date_precision varchar not null,  -- day | month | year | unknown
    date_text varchar,
    location_name varchar,
    location_country_code varchar,
    agreement_index integer,          -- ann_agreements.agreement_index of the same document
    confidence double not null
);
create table if not exists raw.ann_meeting_participants (
    doc_id varchar not null,
    extractor_version varchar not null,
    meeting_index integer not null,
    actor_key varchar,
    actor_name varchar not null,
    actor_type varchar not null,
    role varchar not null,            -- visitor | host | participant
    char_start integer,
    char_end integer
);
create table if not exists raw.ann_figures (
    doc_id varchar not null,
    extractor_version varchar not null,
    figure_index integer not null,
    sentence_index integer not null,
    char_start integer not null,
    char_end integer not null,
    source_text varchar not null,
    metric varchar not null,          -- trade_volume | trade_target | national_currency_share | growth_rate | ... | other
    value double not null,            -- normalized: "$5 billion" -> 5000000000, "80 percent" -> 80
    unit varchar not null,            -- ISO 4217 code, percent, tonnes, barrels_per_day, ...
    qualifier varchar,                -- over | under | about | up_to | at_least | null
    period_text varchar,
    period_start date,
    period_end date,
    speaker_actor_key varchar,
    speaker_name varchar,
    party_actor_keys varchar[],
    confidence double not null
);
"""

# Columns added after the first contract; `create table if not exists` does not add them to a
# warehouse created earlier, so they are added explicitly (never renamed or removed).
_ADDED_COLUMNS = (("ann_documents", "language", "varchar"),)

_S, _I, _F, _B, _D = pa.string(), pa.int32(), pa.float64(), pa.bool_(), pa.date32()
SCHEMAS: dict[str, pa.Schema] = {
    "ann_mentions": pa.schema(
        [
            ("doc_id", _S),
            ("extractor_version", _S),
            ("sentence_index", _I),
            ("char_start", _I),
            ("char_end", _I),
            ("mention_text", _S),
            ("actor_key", _S),
            ("actor_name", _S),
            ("actor_type", _S),
            ("country_code", _S),
            ("method", _S),
            ("confidence", _F),
        ]
    ),
    "ann_citations": pa.schema(
        [
            ("doc_id", _S),
            ("extractor_version", _S),
            ("sentence_index", _I),
            ("char_start", _I),
            ("char_end", _I),
            ("cited_text", _S),
            ("citation_type", _S),
            ("cited_url", _S),
            ("cited_outlet_key", _S),
            ("cited_outlet_name", _S),
            ("confidence", _F),
        ]
    ),
    "ann_claims": pa.schema(
        [
            ("doc_id", _S),
            ("extractor_version", _S),
            ("claim_index", _I),
            ("sentence_index", _I),
            ("char_start", _I),
            ("char_end", _I),
            ("claim_text", _S),
            ("is_direct_quote", _B),
            ("cue", _S),
            ("speaker_text", _S),
            ("speaker_char_start", _I),
            ("speaker_char_end", _I),
            ("speaker_actor_key", _S),
            ("speaker_name", _S),
            ("speaker_type", _S),
            ("speaker_outlet_key", _S),
            ("confidence", _F),
        ]
    ),
    "ann_agreements": pa.schema(
        [
            ("doc_id", _S),
            ("extractor_version", _S),
            ("agreement_index", _I),
            ("sentence_index", _I),
            ("char_start", _I),
            ("char_end", _I),
            ("evidence_text", _S),
            ("name", _S),
            ("agreement_type", _S),
            ("status", _S),
            ("signed_date", _D),
            ("date_precision", _S),
            ("duration_years", _I),
            ("article_count", _I),
            ("confidence", _F),
        ]
    ),
    "ann_agreement_parties": pa.schema(
        [
            ("doc_id", _S),
            ("extractor_version", _S),
            ("agreement_index", _I),
            ("actor_key", _S),
            ("actor_name", _S),
            ("actor_type", _S),
        ]
    ),
    "ann_meetings": pa.schema(
        [
            ("doc_id", _S),
            ("extractor_version", _S),
            ("meeting_index", _I),
            ("sentence_index", _I),
            ("char_start", _I),
            ("char_end", _I),
            ("evidence_text", _S),
            ("meeting_type", _S),
            ("status", _S),
            ("meeting_date", _D),
            ("date_precision", _S),
            ("date_text", _S),
            ("location_name", _S),
            ("location_country_code", _S),
            ("agreement_index", _I),
            ("confidence", _F),
        ]
    ),
    "ann_meeting_participants": pa.schema(
        [
            ("doc_id", _S),
            ("extractor_version", _S),
            ("meeting_index", _I),
            ("actor_key", _S),
            ("actor_name", _S),
            ("actor_type", _S),
            ("role", _S),
            ("char_start", _I),
            ("char_end", _I),
        ]
    ),
    "ann_figures": pa.schema(
        [
            ("doc_id", _S),
            ("extractor_version", _S),
            ("figure_index", _I),
            ("sentence_index", _I),
            ("char_start", _I),
            ("char_end", _I),
            ("source_text", _S),
            ("metric", _S),
            ("value", _F),
            ("unit", _S),
            ("qualifier", _S),
            ("period_text", _S),
            ("period_start", _D),
            ("period_end", _D),
            ("speaker_actor_key", _S),
            ("speaker_name", _S),
            ("party_actor_keys", pa.list_(_S)),
            ("confidence", _F),
        ]
    ),
}
MENTION_SCHEMA = SCHEMAS["ann_mentions"]


@dataclass
class AnnotationSummary:
    documents: int = 0
    mentions: int = 0
    failed: int = 0
    citations: int = 0
    claims: int = 0
    agreements: int = 0
    meetings: int = 0
    figures: int = 0
    non_english: int = 0


def ensure_annotation_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(ANN_SCHEMA_SQL)
    for table, column, ctype in _ADDED_COLUMNS:
        con.execute(f"alter table raw.{table} add column if not exists {column} {ctype}")


def _speaker_columns(sp: Speaker | None) -> dict[str, Any]:
    if sp is None:
        return {
            "speaker_text": None,
            "speaker_char_start": None,
            "speaker_char_end": None,
            "speaker_actor_key": None,
            "speaker_name": None,
            "speaker_type": None,
            "speaker_outlet_key": None,
        }
    return {
        "speaker_text": sp.text,
        "speaker_char_start": sp.start,
        "speaker_char_end": sp.end,
        "speaker_actor_key": sp.actor_key,
        "speaker_name": sp.name,
        "speaker_type": sp.speaker_type,
        "speaker_outlet_key": sp.outlet_key,
    }


def extraction_rows(ex: Extraction, body: str, gazetteer: Gazetteer) -> dict[str, list[dict[str, Any]]]:
    """raw.ann_* rows of one document's extraction (every table, possibly empty lists)."""
    base = {"doc_id": ex.doc_id, "extractor_version": EXTRACTOR_VERSION}
    idx = ex.sentences.index_of
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in SCHEMAS}
    for m in ex.mentions:
        rows["ann_mentions"].append(
            {
                **base,
                "sentence_index": idx(m.start),
                "char_start": m.start,
                "char_end": m.end,
                "mention_text": m.text,
                "actor_key": m.actor_key,
                "actor_name": m.actor_name,
                "actor_type": m.actor_type,
                "country_code": m.country_code,
                "method": m.method,
                "confidence": m.confidence,
            }
        )
    for c in ex.citations:
        rows["ann_citations"].append(
            {
                **base,
                "sentence_index": idx(c.start),
                "char_start": c.start,
                "char_end": c.end,
                "cited_text": c.text,
                "citation_type": c.citation_type,
                "cited_url": c.url,
                "cited_outlet_key": c.outlet_key,
                "cited_outlet_name": c.outlet_name,
                "confidence": c.confidence,
            }
        )
    for i, cl in enumerate(ex.claims):
        rows["ann_claims"].append(
            {
                **base,
                "claim_index": i,
                "sentence_index": idx(cl.start),
                "char_start": cl.start,
                "char_end": cl.end,
                "claim_text": cl.text,
                "is_direct_quote": cl.is_direct_quote,
                "cue": cl.cue,
                **_speaker_columns(cl.speaker),
                "confidence": cl.confidence,
            }
        )
    spans = ex.sentences.spans
    for a in ex.agreements:
        si = idx(a.start)
        s_start, s_end = spans[si] if spans else (a.start, a.end)
        rows["ann_agreements"].append(
            {
                **base,
                "agreement_index": a.index,
                "sentence_index": si,
                "char_start": s_start,
                "char_end": s_end,
                "evidence_text": body[s_start:s_end],
                "name": a.name,
                "agreement_type": a.agreement_type,
                "status": a.status,
                "signed_date": a.signed_date,
                "date_precision": a.date_precision,
                "duration_years": a.duration_years,
                "article_count": a.article_count,
                "confidence": a.confidence,
            }
        )
        seen: set[str] = set()
        for key, m in a.parties.items():
            country = gazetteer.country(key.split(":", 1)[1]) if key.startswith("country:") else None
            actor_key, name, atype = (
                (country.actor_id, country.canonical_name, "country")
                if country
                else (m.actor_key, m.actor_name, m.actor_type)
            )
            ident = actor_key or name
            if ident in seen:
                continue
            seen.add(ident)
            rows["ann_agreement_parties"].append(
                {
                    **base,
                    "agreement_index": a.index,
                    "actor_key": actor_key,
                    "actor_name": name,
                    "actor_type": atype,
                }
            )
    for i, mt in enumerate(ex.meetings):
        rows["ann_meetings"].append(
            {
                **base,
                "meeting_index": i,
                "sentence_index": idx(mt.start),
                "char_start": mt.start,
                "char_end": mt.end,
                "evidence_text": body[mt.start : mt.end],
                "meeting_type": mt.meeting_type,
                "status": mt.status,
                "meeting_date": mt.meeting_date,
                "date_precision": mt.date_precision,
                "date_text": mt.date_text,
                "location_name": mt.location_name,
                "location_country_code": mt.location_country_code,
                "agreement_index": mt.agreement_index,
                "confidence": mt.confidence,
            }
        )
        for p in mt.participants:
            rows["ann_meeting_participants"].append(
                {
                    **base,
                    "meeting_index": i,
                    "actor_key": p.actor_key,
                    "actor_name": p.actor_name,
                    "actor_type": p.actor_type,
                    "role": p.role,
                    "char_start": p.start,
                    "char_end": p.end,
                }
            )
    for i, f in enumerate(ex.figures):
        rows["ann_figures"].append(
            {
                **base,
                "figure_index": i,
                "sentence_index": idx(f.start),
                "char_start": f.start,
                "char_end": f.end,
                "source_text": f.text,
                "metric": f.metric,
                "value": f.value,
                "unit": f.unit,
                "qualifier": f.qualifier,
                "period_text": f.period_text,
                "period_start": f.period_start,
                "period_end": f.period_end,
                "speaker_actor_key": f.speaker.actor_key if f.speaker else None,
                "speaker_name": f.speaker.name if f.speaker else None,
                "party_actor_keys": f.parties,
                "confidence": f.confidence,
            }
        )
    return rows


_PENDING = """from raw.documents d
           left join raw.ann_documents a
             on a.doc_id = d.doc_id and a.content_hash = d.content_hash and a.extractor_version = ?
           where a.doc_id is null"""


def documents_to_annotate(con: duckdb.DuckDBPyConnection) -> int:
    ensure_annotation_schema(con)
    row = con.execute(f"select count(*) {_PENDING}", [EXTRACTOR_VERSION]).fetchone()
    return int(row[0]) if row else 0


def annotate_documents(
    con: duckdb.DuckDBPyConnection,
    batch_size: int = 2000,
    progress: Callable[[int, int], None] | None = None,
) -> AnnotationSummary:
    """Annotate every document that is new, edited, or annotated by an older extractor version."""
    ensure_annotation_schema(con)
    todo = documents_to_annotate(con)
    summary = AnnotationSummary()
    if todo == 0:
        return summary
    extractor = Extractor.default()
    con.execute(
        f"""create or replace temp table ann_todo as
           select d.doc_id, d.content_hash, coalesce(d.body, '') as body, d.published_at, d.language, d.outlet {_PENDING}
           order by d.doc_id""",
        [EXTRACTOR_VERSION],
    )
    offset = 0
    while offset < todo:
        batch = con.execute(
            "select doc_id, content_hash, body, published_at, language, outlet from ann_todo limit ? offset ?",
            [batch_size, offset],
        ).fetchall()
        if not batch:
            break
        _annotate_batch(con, batch, extractor, summary)
        offset += len(batch)
        if progress:
            progress(offset, todo)
    con.execute("drop table if exists ann_todo")
    return summary


def _extract_safely(extractor: Extractor, docs: list[DocumentInput]) -> list[Extraction | Exception]:
    """The batch at once; if it fails, document by document so one bad document fails alone."""
    try:
        return list(extractor.extract_batch(docs))
    except Exception as batch_exc:
        log.warning("batch extraction failed (%s); retrying document by document", batch_exc)
    out: list[Extraction | Exception] = []
    for doc in docs:
        try:
            out.extend(extractor.extract_batch([doc]))
        except Exception as exc:
            out.append(exc)
    return out


def _annotate_batch(
    con: duckdb.DuckDBPyConnection,
    batch: Iterable[tuple[str, str, str, datetime | None, str | None, str | None]],
    extractor: Extractor,
    summary: AnnotationSummary,
) -> None:
    now = utc_now()
    items = list(batch)
    docs = [
        DocumentInput(doc_id, body, published_at, language, outlet)
        for doc_id, _, body, published_at, language, outlet in items
    ]
    results = _extract_safely(extractor, docs)
    doc_rows: list[tuple[Any, ...]] = []
    table_rows: dict[str, list[dict[str, Any]]] = {t: [] for t in SCHEMAS}
    for (doc_id, chash, body, _, language, _), doc, result in zip(items, docs, results, strict=True):
        if isinstance(result, Exception):
            log.warning("extraction failed for document %s: %s", doc_id, result)
            doc_rows.append(
                (
                    doc_id,
                    chash,
                    EXTRACTOR_VERSION,
                    now,
                    0,
                    "failed",
                    f"{type(result).__name__}: {result}",
                    language,
                )
            )
            summary.failed += 1
            continue
        try:
            rows = extraction_rows(result, body, extractor.gazetteer)
        except Exception as exc:
            log.warning("extraction failed for document %s: %s", doc_id, exc)
            doc_rows.append(
                (doc_id, chash, EXTRACTOR_VERSION, now, 0, "failed", f"{type(exc).__name__}: {exc}", language)
            )
            summary.failed += 1
            continue
        for t, r in rows.items():
            table_rows[t].extend(r)
        summary.non_english += not is_english(doc)
        doc_rows.append(
            (doc_id, chash, EXTRACTOR_VERSION, now, len(result.sentences), "ok", None, language or None)
        )
    ids = pa.table({"doc_id": [r[0] for r in doc_rows]})
    arrow = {t: pa.Table.from_pylist(r, schema=SCHEMAS[t]) for t, r in table_rows.items()}
    con.execute("begin transaction")
    registered = ["ann_ids"]
    try:
        con.register("ann_ids", ids)
        for t in (*SCHEMAS, "ann_documents"):
            con.execute(f"delete from raw.{t} where doc_id in (select doc_id from ann_ids)")
        con.executemany(
            """insert into raw.ann_documents (doc_id, content_hash, extractor_version, annotated_at, sentence_count, status, error, language)
               values (?, ?, ?, ?, ?, ?, ?, ?)""",
            doc_rows,
        )
        for t, tbl in arrow.items():
            if tbl.num_rows == 0:
                continue
            view = f"ann_new_{t}"
            con.register(view, tbl)
            registered.append(view)
            cols = ", ".join(tbl.schema.names)
            con.execute(f"insert into raw.{t} ({cols}) select {cols} from {view}")
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    finally:
        for view in registered:
            con.unregister(view)
    summary.documents += len(doc_rows)
    summary.mentions += len(table_rows["ann_mentions"])
    summary.citations += len(table_rows["ann_citations"])
    summary.claims += len(table_rows["ann_claims"])
    summary.agreements += len(table_rows["ann_agreements"])
    summary.meetings += len(table_rows["ann_meetings"])
    summary.figures += len(table_rows["ann_figures"])
