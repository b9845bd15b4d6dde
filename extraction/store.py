"""The annotation store: the raw.ann_* tables in the warehouse, which documents still need annotating,
and the one-transaction write of an extracted batch.

One transaction per batch deletes a document's old rows from every raw.ann_* table and inserts the
new ones, so a re-annotated document (edited, or annotated by an older extractor version) never keeps
stale facts, and a failed batch leaves the previous annotations in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from extraction import tables


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
    """Create the raw.ann_* tables, and add any column an older warehouse's tables lack."""
    con.execute(tables.schema_sql())
    present = {
        (t, c)
        for t, c in con.execute(
            "select table_name, column_name from information_schema.columns where table_schema = 'raw'"
        ).fetchall()
    }
    for table in tables.TABLES.values():
        for column in table.columns:
            if (table.name, column.name) not in present:
                con.execute(f"alter table raw.{table.name} add column {column.name} {column.sql_type}")


# raw.ann_documents columns, in the order of BatchRows.doc_rows
DOC_COLUMNS = ("doc_id", "content_hash", "extractor_version", "annotated_at", "sentence_count", "status", "error", "language")


@dataclass
class BatchRows:
    """One extracted batch, ready to write: ann_documents rows (DOC_COLUMNS) and an Arrow table per raw.ann_* table."""

    doc_rows: list[tuple[Any, ...]]
    tables: dict[str, pa.Table]
    failed: int = 0
    non_english: int = 0


_PENDING = """from raw.documents d
           left join raw.ann_documents a
             on a.doc_id = d.doc_id and a.content_hash = d.content_hash and a.extractor_version = ?
           where a.doc_id is null"""


def documents_to_annotate(con: duckdb.DuckDBPyConnection) -> int:
    ensure_annotation_schema(con)
    row = con.execute(f"select count(*) {_PENDING}", [tables.EXTRACTOR_VERSION]).fetchone()
    return int(row[0]) if row else 0


def write_batch(con: duckdb.DuckDBPyConnection, rows: BatchRows, summary: AnnotationSummary) -> None:
    """One transaction: drop the batch's documents' old annotations, insert the new ones."""
    ids = pa.table({"doc_id": [r[0] for r in rows.doc_rows]})
    con.execute("begin transaction")
    registered = ["ann_ids"]
    try:
        con.register("ann_ids", ids)
        for t in (*tables.SCHEMAS, "ann_documents"):
            con.execute(f"delete from raw.{t} where doc_id in (select doc_id from ann_ids)")
        con.executemany(
            f"insert into raw.ann_documents ({', '.join(DOC_COLUMNS)}) values ({', '.join('?' * len(DOC_COLUMNS))})",
            rows.doc_rows,
        )
        for t, tbl in rows.tables.items():
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
    summary.documents += len(rows.doc_rows)
    summary.failed += rows.failed
    summary.non_english += rows.non_english
    summary.mentions += rows.tables["ann_mentions"].num_rows
    summary.citations += rows.tables["ann_citations"].num_rows
    summary.claims += rows.tables["ann_claims"].num_rows
    summary.agreements += rows.tables["ann_agreements"].num_rows
    summary.meetings += rows.tables["ann_meetings"].num_rows
    summary.figures += rows.tables["ann_figures"].num_rows
