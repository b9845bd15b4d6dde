"""annotate_documents: every raw.ann_* table, incremental runs, version bumps, failures, non-English."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from extraction import runner, store, tables
from ingestion.raw_schema import ensure_raw_schema

ANN_TABLES = (
    "ann_mentions",
    "ann_citations",
    "ann_claims",
    "ann_agreements",
    "ann_agreement_parties",
    "ann_meetings",
    "ann_meeting_participants",
    "ann_figures",
)

DOCS = [
    (
        "doc-en",
        "Russian President Vladimir Putin and Iranian President Masoud Pezeshkian signed the Comprehensive Strategic "
        "Partnership Treaty at the Kremlin on Friday. The 20-year treaty runs to 47 articles, according to TASS.\n"
        "Putin said that trade between Russia and Iran grew by 15.5 percent in 2024.",
        datetime(2025, 1, 17, 18),
        "en",
    ),
    (
        "doc-ru",
        "Президент России Владимир Путин и президент Ирана Масуд Пезешкиан подписали договор в Кремле.",
        datetime(2025, 1, 17),
        "ru",
    ),
    ("doc-empty", "", None, None),
]


def insert_documents(
    con: duckdb.DuckDBPyConnection, docs: list[tuple[str, str, datetime | None, str | None]], version: int = 1
) -> None:
    for doc_id, body, published, language in docs:
        con.execute("delete from raw.documents where doc_id = ?", [doc_id])
        con.execute(
            """insert into raw.documents (doc_id, source_kind, source_name, external_id, body, published_at, fetched_at, language,
               content_hash, version, first_seen_at, updated_at, batch_id)
               values (?, 'files', 'test', ?, ?, ?, now(), ?, ?, ?, now(), now(), 'b1')""",
            [doc_id, doc_id, body, published, language, f"hash-{doc_id}-{hash(body)}", version],
        )


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    c = duckdb.connect(str(tmp_path / "w.duckdb"))
    ensure_raw_schema(c)
    insert_documents(c, DOCS)
    yield c
    c.close()


def counts(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, int]:
    return {
        t: con.execute(f"select count(*) from raw.{t} where doc_id = ?", [doc_id]).fetchone()[0]
        for t in ANN_TABLES
    }  # type: ignore[index]


def test_annotates_every_table_with_offsets_and_version(con: duckdb.DuckDBPyConnection) -> None:
    summary = runner.annotate_documents(con, batch_size=2)
    assert summary.documents == 3 and summary.failed == 0 and summary.non_english == 1
    c = counts(con, "doc-en")
    assert all(c[t] > 0 for t in ANN_TABLES), c
    body = DOCS[0][1]
    for start, end, text in con.execute(
        "select char_start, char_end, mention_text from raw.ann_mentions where doc_id = 'doc-en'"
    ).fetchall():
        assert body[start:end] == text
    treaty = con.execute(
        "select name, status, signed_date, duration_years, article_count from raw.ann_agreements where doc_id = 'doc-en'"
    ).fetchone()
    assert treaty is not None and treaty[1:] == ("signed", datetime(2025, 1, 17).date(), 20, 47)
    meeting = con.execute(
        "select status, meeting_date, agreement_index from raw.ann_meetings where doc_id = 'doc-en'"
    ).fetchone()
    assert meeting == ("held", datetime(2025, 1, 17).date(), 0)
    fig = con.execute(
        "select value, unit, metric, speaker_actor_key, party_actor_keys from raw.ann_figures where doc_id = 'doc-en'"
    ).fetchone()
    assert fig is not None and fig[:4] == (15.5, "percent", "growth_rate", "person-vladimir-putin")
    assert set(fig[4]) == {"country-rus", "country-irn"}
    versions = con.execute("select distinct extractor_version from raw.ann_mentions").fetchall()
    assert versions == [(tables.EXTRACTOR_VERSION,)]
    ru = con.execute("select status, language from raw.ann_documents where doc_id = 'doc-ru'").fetchone()
    assert ru == ("ok", "ru")
    assert counts(con, "doc-ru")["ann_mentions"] >= 3


def test_incremental_and_version_bump(
    con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner.annotate_documents(con)
    before = counts(con, "doc-en")
    assert runner.annotate_documents(con).documents == 0
    insert_documents(
        con,
        [("doc-en", DOCS[0][1] + " Lavrov said the treaty would enter into force soon.", DOCS[0][2], "en")],
        version=2,
    )
    assert runner.annotate_documents(con).documents == 1
    after = counts(con, "doc-en")
    assert after["ann_claims"] == before["ann_claims"] + 1
    monkeypatch.setattr(tables, "EXTRACTOR_VERSION", "test-bump")
    assert runner.annotate_documents(con).documents == 3
    for t in ANN_TABLES:
        assert con.execute(
            f"select count(*) from raw.{t} where extractor_version <> 'test-bump'"
        ).fetchone() == (0,), t
    assert counts(con, "doc-en") == after


def test_a_failing_document_is_recorded_and_the_batch_continues(
    con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    from extraction import extract

    real = extract.find_figures

    def explode(text, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "15.5" in text:
            raise ValueError("boom")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(extract, "find_figures", explode)
    summary = runner.annotate_documents(con)
    assert summary.failed == 1 and summary.documents == 3
    assert con.execute("select status, error from raw.ann_documents where doc_id = 'doc-en'").fetchone() == (
        "failed",
        "ValueError: boom",
    )
    assert con.execute("select status from raw.ann_documents where doc_id = 'doc-ru'").fetchone() == ("ok",)


def test_schema_upgrade_adds_new_columns_to_an_old_warehouse(tmp_path: Path) -> None:
    c = duckdb.connect(str(tmp_path / "old.duckdb"))
    c.execute("create schema raw")
    c.execute("""create table raw.ann_documents (doc_id varchar primary key, content_hash varchar not null, extractor_version varchar not null,
                 annotated_at timestamp not null, sentence_count integer not null, status varchar not null, error varchar)""")
    store.ensure_annotation_schema(c)
    cols = [
        r[0]
        for r in c.execute(
            "select column_name from information_schema.columns where table_name = 'ann_documents'"
        ).fetchall()
    ]
    assert "language" in cols
    c.close()


def _annotation_rows(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[object, ...]]]:
    out = {}
    for t in (*ANN_TABLES, "ann_documents"):
        cols = [
            r[0]
            for r in con.execute(
                "select column_name from information_schema.columns where table_schema = 'raw' and table_name = ? "
                "and column_name <> 'annotated_at' order by ordinal_position",
                [t],
            ).fetchall()
        ]
        out[t] = sorted(con.execute(f"select {', '.join(cols)} from raw.{t}").fetchall(), key=repr)
    return out


def test_a_process_pool_writes_exactly_what_one_process_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two spawned workers over small batches: same rows in every raw.ann_* table as in-process."""
    from bench.synthetic import iter_articles

    docs = [
        (a["id"], a["body"], datetime.fromisoformat(a["published_at"].rstrip("Z")), "en")
        for a in iter_articles(40, seed=7)
    ] + DOCS
    monkeypatch.setattr(runner, "MIN_DOCUMENTS_PER_WORKER", 10)
    results = {}
    for workers in (1, 2):
        c = duckdb.connect(str(tmp_path / f"w{workers}.duckdb"))
        ensure_raw_schema(c)
        insert_documents(c, docs)
        progress: list[tuple[int, int]] = []
        summary = runner.annotate_documents(
            c, batch_size=8, workers=workers, progress=lambda d, t, seen=progress: seen.append((d, t))
        )
        assert summary.documents == len(docs) and summary.failed == 0
        assert progress[-1] == (len(docs), len(docs))
        assert [d for d, _ in progress] == sorted(d for d, _ in progress)
        results[workers] = _annotation_rows(c)
        c.close()
    assert sum(len(r) for r in results[1].values()) > 500  # the synthetic articles carry real facts
    for t in results[1]:
        assert results[2][t] == results[1][t], t


def test_workers_exit_when_the_annotating_process_is_killed(tmp_path: Path) -> None:
    """A task killed by a timeout (SIGKILL) must not leave extraction workers holding memory."""
    import signal
    import subprocess
    import sys
    import time

    import psutil

    script = f"""
import duckdb, time
from datetime import datetime
from bench.synthetic import iter_articles
from extraction import runner
from ingestion.raw_schema import ensure_raw_schema
from tests.unit.extraction.test_annotate import insert_documents
runner.MIN_DOCUMENTS_PER_WORKER = 1
c = duckdb.connect({str(tmp_path / "k.duckdb")!r})
ensure_raw_schema(c)
insert_documents(c, [(a["id"], a["body"], None, "en") for a in iter_articles(400, seed=3)])
runner.annotate_documents(c, batch_size=4, workers=2)
"""
    repo = Path(__file__).resolve().parents[3]
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=repo)
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + 120
    workers: list[psutil.Process] = []
    while time.monotonic() < deadline and len(workers) < 2:
        time.sleep(0.5)
        workers = [c for c in parent.children(recursive=True) if "spawn_main" in " ".join(c.cmdline())]
        assert proc.poll() is None, "annotation ended before its workers were seen"
    assert len(workers) >= 2
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    _gone, alive = psutil.wait_procs(workers, timeout=15)
    assert not alive, f"orphaned workers still running: {[p.pid for p in alive]}"
