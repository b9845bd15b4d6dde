"""Incremental annotation: documents not yet annotated at the current extractor version → raw.ann_*."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from ingestion.nlp.gazetteer import Gazetteer, load_gazetteer
from ingestion.nlp.sentences import split_sentences
from ingestion.records import utc_now

log = logging.getLogger(__name__)

# Bump when extraction output changes: every document is then re-annotated on the next run.
EXTRACTOR_VERSION = "gazetteer-0.1.0"

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
    error varchar
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

MENTION_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("extractor_version", pa.string()),
        ("sentence_index", pa.int32()),
        ("char_start", pa.int32()),
        ("char_end", pa.int32()),
        ("mention_text", pa.string()),
        ("actor_key", pa.string()),
        ("actor_name", pa.string()),
        ("actor_type", pa.string()),
        ("country_code", pa.string()),
        ("method", pa.string()),
        ("confidence", pa.float64()),
    ]
)


@dataclass
class AnnotationSummary:
    documents: int = 0
    mentions: int = 0
    failed: int = 0


def ensure_annotation_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(ANN_SCHEMA_SQL)


def extract_mentions(doc_id: str, body: str, gazetteer: Gazetteer) -> tuple[int, list[dict[str, Any]]]:
    """Gazetteer actor mentions of one document body, each placed in its sentence."""
    sentences = list(split_sentences(body))
    matches = gazetteer.find(body)
    rows: list[dict[str, Any]] = []
    s = 0
    for m in matches:
        while s < len(sentences) - 1 and m.start >= sentences[s][2]:
            s += 1
        rows.append(
            {
                "doc_id": doc_id,
                "extractor_version": EXTRACTOR_VERSION,
                "sentence_index": sentences[s][0] if sentences else 0,
                "char_start": m.start,
                "char_end": m.end,
                "mention_text": m.text,
                "actor_key": m.actor.actor_id,
                "actor_name": m.actor.canonical_name,
                "actor_type": m.actor.actor_type,
                "country_code": m.actor.country_code,
                "method": "gazetteer",
                "confidence": 0.95 if m.text == m.actor.canonical_name else 0.9,
            }
        )
    return len(sentences), rows


def documents_to_annotate(con: duckdb.DuckDBPyConnection) -> int:
    ensure_annotation_schema(con)
    row = con.execute(
        """select count(*) from raw.documents d
           left join raw.ann_documents a
             on a.doc_id = d.doc_id and a.content_hash = d.content_hash and a.extractor_version = ?
           where a.doc_id is null""",
        [EXTRACTOR_VERSION],
    ).fetchone()
    return int(row[0]) if row else 0


def annotate_documents(
    con: duckdb.DuckDBPyConnection,
    batch_size: int = 2000,
    progress: Callable[[int, int], None] | None = None,
) -> AnnotationSummary:
    """Annotate every document that is new, edited, or annotated by an older extractor version."""
    ensure_annotation_schema(con)
    gazetteer = load_gazetteer()
    todo = documents_to_annotate(con)
    summary = AnnotationSummary()
    if todo == 0:
        return summary
    con.execute(
        """create or replace temp table ann_todo as
           select d.doc_id, d.content_hash, coalesce(d.body, '') as body from raw.documents d
           left join raw.ann_documents a
             on a.doc_id = d.doc_id and a.content_hash = d.content_hash and a.extractor_version = ?
           where a.doc_id is null order by d.doc_id""",
        [EXTRACTOR_VERSION],
    )
    offset = 0
    while offset < todo:
        batch = con.execute(
            "select doc_id, content_hash, body from ann_todo limit ? offset ?", [batch_size, offset]
        ).fetchall()
        if not batch:
            break
        _annotate_batch(con, batch, gazetteer, summary)
        offset += len(batch)
        if progress:
            progress(offset, todo)
    con.execute("drop table if exists ann_todo")
    return summary


def _annotate_batch(
    con: duckdb.DuckDBPyConnection,
    batch: Iterable[tuple[str, str, str]],
    gazetteer: Gazetteer,
    summary: AnnotationSummary,
) -> None:
    now = utc_now()
    doc_rows: list[tuple[Any, ...]] = []
    mention_rows: list[dict[str, Any]] = []
    for doc_id, chash, body in batch:
        try:
            n_sentences, rows = extract_mentions(doc_id, body, gazetteer)
            mention_rows.extend(rows)
            doc_rows.append((doc_id, chash, EXTRACTOR_VERSION, now, n_sentences, "ok", None))
        except Exception as exc:  # one bad document must not stop the others
            log.warning("extraction failed for document %s: %s", doc_id, exc)
            doc_rows.append((doc_id, chash, EXTRACTOR_VERSION, now, 0, "failed", f"{type(exc).__name__}: {exc}"))
            summary.failed += 1
    mentions = pa.Table.from_pylist(mention_rows, schema=MENTION_SCHEMA)
    ids = pa.table({"doc_id": [r[0] for r in doc_rows]})
    con.execute("begin transaction")
    try:
        con.register("ann_ids", ids)
        con.execute("delete from raw.ann_mentions where doc_id in (select doc_id from ann_ids)")
        con.execute("delete from raw.ann_documents where doc_id in (select doc_id from ann_ids)")
        con.executemany("insert into raw.ann_documents values (?, ?, ?, ?, ?, ?, ?)", doc_rows)
        con.register("ann_new_mentions", mentions)
        con.execute("insert into raw.ann_mentions select * from ann_new_mentions")
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    finally:
        con.unregister("ann_ids")
        con.unregister("ann_new_mentions")
    summary.documents += len(doc_rows)
    summary.mentions += len(mention_rows)
