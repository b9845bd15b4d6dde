"""`osint run` end to end on a temporary data dir, through the real console script."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tests.conftest import SAMPLE_DATA, SampleRun, copy_sample_run

OSINT = str(Path(sys.executable).with_name("osint"))
MARTS = ("dim_documents", "dim_actors", "fct_mentions")


def table_counts(db: Path, schemas: tuple[str, ...]) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables where table_schema in "
            f"({', '.join('?' for _ in schemas)}) and table_type = 'BASE TABLE'",
            list(schemas),
        ).fetchall()
        return {f"{s}.{t}": con.execute(f'select count(*) from "{s}"."{t}"').fetchone()[0] for s, t in tables}  # type: ignore[index]
    finally:
        con.close()


def write_config(path: Path, data_dir: Path, sources: list[dict[str, Any]], lock_timeout: float = 60) -> Path:
    import yaml

    path.write_text(yaml.safe_dump({"data_dir": str(data_dir), "lock_timeout_seconds": lock_timeout, "sources": sources}))
    return path


@pytest.fixture(scope="module")
def first_run(sample_run: SampleRun) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    """The session's one `osint run` of the samples through the console script (tests/conftest.py):
    read it, never write to it."""
    return sample_run.config, sample_run.data, sample_run.result


@pytest.fixture
def own_run(sample_run: SampleRun, tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of that first run's data dir (and a config pointing at it) for a test that runs again."""
    config = copy_sample_run(sample_run, tmp_path / "run")
    return config, tmp_path / "run" / "data"


def test_run_prints_summary_and_publishes_non_empty_marts(first_run: tuple[Path, Path, subprocess.CompletedProcess[str]]) -> None:
    _config, data, result = first_run
    assert result.returncode == 0, result.stderr[-3000:]
    for mart in MARTS:
        assert mart in result.stdout
    assert "gate: gate marts: passed" in result.stdout
    assert str(data / "published" / "osint.duckdb") in result.stdout
    assert "elapsed:" in result.stdout
    published = table_counts(data / "published" / "osint.duckdb", ("main",))
    for mart in MARTS:
        assert published[f"main.{mart}"] > 0
    for mart in MARTS:
        assert (data / "published" / "parquet" / f"{mart}.parquet").is_file()


def test_manifest_records_build_counts_gate_and_revision(first_run: tuple[Path, Path, subprocess.CompletedProcess[str]]) -> None:
    _config, data, _ = first_run
    manifest = json.loads((data / "published" / "manifest.json").read_text())
    current = manifest["current"]
    assert current["build_id"] and current["published_at"] and current["git_revision"]
    assert current["gate"]["success"] is True
    assert set(MARTS) <= set(current["row_counts"])
    assert manifest["last_attempt"]["published"] is True
    assert Path(current["report_path"]).is_file()


def test_published_gazetteer_actors_are_mentioned(first_run: tuple[Path, Path, subprocess.CompletedProcess[str]]) -> None:
    _config, data, _ = first_run
    con = duckdb.connect(str(data / "published" / "osint.duckdb"), read_only=True)
    try:
        # every mention's offsets point at the text it claims, in the document body
        bad = con.execute(
            """select count(*) from fct_mentions m join dim_documents d using (doc_id)
               where substr(d.body, m.char_start + 1, m.char_end - m.char_start) <> m.mention_text"""
        ).fetchone()[0]  # type: ignore[index]
        assert bad == 0
        top = con.execute("select count(*) from dim_actors where mention_count > 0").fetchone()[0]  # type: ignore[index]
        assert top >= 5
    finally:
        con.close()


def test_a_second_run_changes_nothing_while_readers_read_and_a_second_writer_is_refused(
    own_run: tuple[Path, Path], tmp_path: Path,
) -> None:
    """Re-running is idempotent; during that run a reader of the published file is never blocked, and
    a second writer with a short lock timeout fails with a one-line reason (one run serves all three)."""
    config, data = own_run
    published = data / "published" / "osint.duckdb"
    before_raw = table_counts(data / "warehouse.duckdb", ("raw", "marts"))
    before_pub = table_counts(published, ("main",))
    impatient = write_config(
        tmp_path / "impatient.yml", data,
        [{"kind": "files", "name": "samples", "path": str(SAMPLE_DATA / "documents")}], lock_timeout=1,
    )
    writer = subprocess.Popen([OSINT, "--config", str(config), "run"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lock_file = data / "warehouse.lock"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not lock_file.read_text().strip():
            time.sleep(0.05)
        assert lock_file.read_text().strip(), "the run never took the writer lock"
        # a reader of the published file is never blocked by the writer
        reads = 0
        second = subprocess.Popen([OSINT, "--config", str(impatient), "run"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        while writer.poll() is None or reads == 0:
            con = duckdb.connect(str(published), read_only=True)
            assert con.execute("select count(*) from dim_documents").fetchone()[0] > 0  # type: ignore[index]
            con.close()
            reads += 1
            time.sleep(0.05)
        _, err = second.communicate(timeout=120)
        assert second.returncode == 1
        assert "in use by another writer" in err and "lock_timeout_seconds" in err
        assert "Traceback" not in err
    finally:
        writer_out, writer_err = writer.communicate(timeout=300)
    assert writer.returncode == 0, writer_err[-3000:]
    assert reads > 1
    # each run audits its batch: ingest_runs grows by one row per source per run, nothing else may change
    after_raw = table_counts(data / "warehouse.duckdb", ("raw", "marts"))
    # (the refused run fetches before it asks for the lock — fetching takes none — and a batch it fetched
    # before the writer's load began is loaded and audited by that writer: one row per fetch, never more)
    assert after_raw.pop("raw.ingest_runs") - before_raw.pop("raw.ingest_runs") in (1, 2)
    assert after_raw == before_raw
    assert table_counts(published, ("main",)) == before_pub
    assert "0 new, 0 updated" in writer_out


def test_shared_sample_articles_land_and_publish(articles_publication: Path) -> None:
    # the publication test_queries also reads (tests/integration/conftest.py); first_run covers the console script
    con = duckdb.connect(str(articles_publication), read_only=True)
    try:
        assert con.execute("select count(*) from dim_documents").fetchone()[0] == 5  # type: ignore[index]
        assert con.execute("select count(*) from dim_documents where published_at is null").fetchone()[0] == 5  # type: ignore[index]
        assert con.execute("select count(*) from fct_mentions").fetchone()[0] > 0  # type: ignore[index]
        # the warehouse's acceptance on the domain articles, through the real extractor and dbt
        treaty = con.execute(
            """select agreement_id, status, signed_date, duration_years, article_count, source_count
               from dim_agreements where signed_date = date '2025-01-17'"""
        ).fetchall()
        assert len(treaty) == 1
        agreement_id, status, _, years, articles, sources = treaty[0]
        assert (status, years, articles) == ("signed", 20, 47) and sources >= 3
        parties = {r[0] for r in con.execute(
            "select actor_id from bdg_agreement_parties where agreement_id = ?", [agreement_id]).fetchall()}
        assert parties == {"country-irn", "country-rus"}
        assert con.execute(
            "select count(*) from dim_actors where list_contains(aliases, 'Araqchi') or canonical_name like '%Araghchi%'"
        ).fetchone()[0] == 1  # type: ignore[index]
        signing = con.execute(
            """select m.meeting_id from fct_meetings m
               where m.status = 'held' and m.agreement_id = ? and m.location_name = 'Moscow'
                 and (select list_sort(list(actor_id)) from bdg_meeting_participants p where p.meeting_id = m.meeting_id)
                     @> ['person-masoud-pezeshkian', 'person-vladimir-putin']""",
            [agreement_id],
        ).fetchall()
        assert len(signing) == 1
        telegram = con.execute("select count(distinct cited_url) from bdg_document_citations where cited_url like '%t.me/%'")
        assert telegram.fetchone()[0] == 6  # type: ignore[index]
    finally:
        con.close()


def test_bundled_samples_publish_a_spread_of_admiralty_grades(first_run: tuple[Path, Path, subprocess.CompletedProcess[str]]) -> None:
    # the sample outlets are in the outlet registry (as fictional demo outlets), so the demo shows grading
    # rather than every fact graded F6 as from an unknown outlet
    _config, data, result = first_run
    assert result.returncode == 0, result.stderr[-3000:]
    con = duckdb.connect(str(data / "published" / "osint.duckdb"), read_only=True)
    try:
        letters = {r[0] for r in con.execute(
            "select source_reliability from fct_claims union select source_reliability from fct_meetings "
            "union select source_reliability from dim_agreements").fetchall()}
        registered = con.execute("select count(*) from dim_documents d join dim_outlets o using (outlet_id) "
                                 "where o.in_registry").fetchone()[0]  # type: ignore[index]
    finally:
        con.close()
    assert registered > 0
    assert len(letters - {"F"}) >= 2, letters
