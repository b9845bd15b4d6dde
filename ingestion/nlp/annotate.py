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
create table if not exists raw.ann_documents (
    doc_id varchar primary key,
    content_hash varchar not null,
    extractor_version varchar not null,
    annotated_at timestamp not null,
    sentence_count integer not null,
    status varchar not null,
    error varchar
);
create table if not exists raw.ann_mentions (
    doc_id varchar not null,
    extractor_version varchar not null,
    sentence_index integer not null,
    char_start integer not null,
    char_end integer not null,
    mention_text varchar not null,
    actor_key varchar,
    actor_name varchar not null,
    actor_type varchar not null,
    country_code varchar,
    method varchar not null,
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
