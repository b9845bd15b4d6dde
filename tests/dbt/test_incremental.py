"""Incremental models give exactly what a full refresh gives: new documents arrive, one document is
edited and re-annotated (losing a mention), and resolution of earlier names changes as new spellings
arrive — the incremental warehouse must equal one rebuilt from scratch."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb

from tests.dbt.warehouse_fixture import EXTRACTOR, Doc, documents, run_dbt, write_documents

MARTS = [
    "dim_documents", "dim_actors", "dim_outlets", "dim_agreements", "bdg_agreement_parties", "fct_meetings",
    "bdg_meeting_participants", "fct_claims", "fct_trade_figures", "fct_mentions", "fct_evidence",
    "bdg_document_citations",
]
INCREMENTAL = ["int_document_signatures", "int_document_similarities", "int_actor_mentions_resolved"]
FIRST_BATCH = {"doc-tass-signing", "doc-tg-tass", "doc-a001-alwaght", "doc-a003-tehran", "doc-a004-foreignbrief"}


def edited_a003(original: Doc) -> Doc:
    """The Tehran article edited after publication: a sentence added, 'Larijani' no longer mentioned."""
    edited = Doc(original.doc_id, original.source_kind, original.source_name,
                 original.body + " The ministers also discussed the Caspian Sea.", url=original.url,
                 outlet=original.outlet, title=original.title, published_at=original.published_at)
    edited.annotations = {
        table: [row for row in rows if not (table == "ann_mentions" and row["mention_text"] == "Larijani")]
        for table, rows in original.annotations.items()
    }
    return edited


def reannotate(con: duckdb.DuckDBPyConnection, doc: Doc, when: datetime) -> None:
    """What the extractor does for an edited document: drop its old rows, write new ones."""
    for table in ("ann_mentions", "ann_citations", "ann_claims", "ann_agreements", "ann_agreement_parties",
                  "ann_meetings", "ann_meeting_participants", "ann_figures", "ann_documents"):
        con.execute(f"delete from raw.{table} where doc_id = ?", [doc.doc_id])
    write_documents(con, [doc], fetched_at=when)
    con.execute("update raw.documents set version = 2 where doc_id = ?", [doc.doc_id])


def land(warehouse: Path, docs: list[Doc], when: datetime) -> None:
    con = duckdb.connect(str(warehouse))
    try:
        write_documents(con, docs, fetched_at=when)
    finally:
        con.close()


def snapshot(warehouse: Path, schema: str, tables: list[str]) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(warehouse))
    try:
        return {t: sorted(con.execute(f"select * from {schema}.{t}").fetchall(), key=repr) for t in tables}
    finally:
        con.close()


def test_incremental_build_equals_full_refresh(tmp_path: Path) -> None:
    corpus = documents()
    first = [d for d in corpus if d.doc_id in FIRST_BATCH]
    second = [d for d in corpus if d.doc_id not in FIRST_BATCH]
    a003 = next(d for d in corpus if d.doc_id == "doc-a003-tehran")
    t1, t2 = datetime(2025, 3, 1, 12, 0), datetime(2025, 3, 2, 12, 0)

    # incremental: two loads, two builds
    incremental = tmp_path / "incremental.duckdb"
    land(incremental, first, t1)
    run_dbt(incremental, ["seed"], tmp_path / "inc")
    run_dbt(incremental, ["run"], tmp_path / "inc")
    before = snapshot(incremental, "intermediate", ["int_actor_mentions_resolved"])["int_actor_mentions_resolved"]
    land(incremental, second, t2)
    con = duckdb.connect(str(incremental))
    try:
        reannotate(con, edited_a003(a003), t2)
    finally:
        con.close()
    run_dbt(incremental, ["run"], tmp_path / "inc")

    # full refresh from the same raw state
    full = tmp_path / "full.duckdb"
    land(full, first, t1)
    land(full, second, t2)
    con = duckdb.connect(str(full))
    try:
        reannotate(con, edited_a003(a003), t2)
    finally:
        con.close()
    run_dbt(full, ["seed"], tmp_path / "full")
    run_dbt(full, ["run", "--full-refresh"], tmp_path / "full")

    inc_marts, full_marts = snapshot(incremental, "marts", MARTS), snapshot(full, "marts", MARTS)
    for table in MARTS:
        assert inc_marts[table] == full_marts[table], f"marts.{table} differs between incremental and full refresh"
    inc_int, full_int = snapshot(incremental, "intermediate", INCREMENTAL), snapshot(full, "intermediate", INCREMENTAL)
    for table in ("int_document_signatures", "int_document_similarities"):
        assert inc_int[table] == full_int[table], f"intermediate.{table} differs"
    # mention rows equal except the bookkeeping column annotated_at of untouched documents
    assert len(inc_int["int_actor_mentions_resolved"]) == len(full_int["int_actor_mentions_resolved"])

    # the incremental run really was incremental: first-batch rows of untouched documents survived
    # as written, and the edited document lost its 'Larijani' mention
    con = duckdb.connect(str(incremental))
    try:
        assert con.execute(
            "select count(*) from intermediate.int_actor_mentions_resolved where doc_id = ? and mention_text = 'Larijani'",
            [a003.doc_id],
        ).fetchone()[0] == 0
        assert con.execute("select count(*) from marts.dim_documents").fetchone()[0] == len(corpus)
        assert con.execute("select extractor_version from marts.fct_mentions limit 1").fetchone()[0] == EXTRACTOR
    finally:
        con.close()
    assert any(row[1] == "doc-tass-signing" for row in before)
