"""The BI path: SQLAlchemy + duckdb-engine, read-only on the published file, while a run is writing."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from sqlalchemy import MetaData, create_engine, inspect, select, text
from sqlalchemy.exc import DBAPIError, ProgrammingError
from sqlalchemy.sql import sqltypes

from osint.bi import connection_url
from osint.bi_views import VIEW_NAMES
from tests.conftest import SampleRun, copy_sample_run

OSINT = str(Path(sys.executable).with_name("osint"))


def bi_url(published: Path) -> str:
    """The URL Python BI tools and notebooks use (documented in the README): duckdb-engine through the
    project's `duckdb+osint` driver (osint/bi.py), whose column reflection works on the locked SQLAlchemy;
    read-only, and with DuckDB's external access (host files, other databases, extensions) off."""
    return f"duckdb+osint:///{published}?access_mode=read_only&enable_external_access=false"


@pytest.fixture(scope="module")
def sample_config(sample_run: SampleRun, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This module's own copy of the session's published sample run (its tests run the pipeline again)."""
    return copy_sample_run(sample_run, tmp_path_factory.mktemp("bi"))


def test_sqlalchemy_reads_every_mart_while_a_run_is_writing(sample_config: Path) -> None:
    published = sample_config.parent / "data" / "published" / "osint.duckdb"
    engine = create_engine(bi_url(published))
    run = subprocess.Popen([OSINT, "--config", str(sample_config), "run", "--full-refresh"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    rounds = 0
    try:
        while run.poll() is None or rounds == 0:
            with engine.connect() as conn:
                marts = inspect(conn).get_table_names()
                assert {"dim_documents", "dim_actors", "fct_mentions"} <= set(marts)
                for mart in marts:
                    conn.execute(text(f'select * from "{mart}" limit 5')).fetchall()
                    assert conn.execute(text(f'select count(*) from "{mart}"')).scalar() is not None
            rounds += 1
            time.sleep(0.1)
    finally:
        _, err = run.communicate(timeout=300)
        engine.dispose()
    assert run.returncode == 0, err[-3000:]
    assert rounds > 1


def test_bi_connection_is_read_only(sample_config: Path) -> None:
    published = sample_config.parent / "data" / "published" / "osint.duckdb"
    engine = create_engine(bi_url(published))
    try:
        with engine.connect() as conn, pytest.raises(Exception, match="read-only"):
            conn.execute(text("create table scratch as select 1 as x"))
    finally:
        engine.dispose()


def test_every_mart_reflects_its_columns_and_types_as_superset_does(samples_publication: Path) -> None:
    """Adding a table in Superset or Metabase reflects its columns, key, foreign keys and indexes;
    with duckdb-engine 0.17 on SQLAlchemy >= 2.0.45 that failed on pg_catalog.pg_collation."""
    from expectations.mart_suites import CONTRACT_MARTS

    engine = create_engine(bi_url(samples_publication))
    try:
        with engine.connect() as conn:
            insp = inspect(conn)
            assert set(CONTRACT_MARTS) <= set(insp.get_table_names())
            for mart in CONTRACT_MARTS:
                columns = insp.get_columns(mart)
                expected = [r[0] for r in conn.execute(text(
                    "select column_name from information_schema.columns where table_name = :t order by ordinal_position"
                ), {"t": mart})]
                assert [c["name"] for c in columns] == expected, mart
                untyped = [c["name"] for c in columns if isinstance(c["type"], sqltypes.NullType)]
                assert not untyped, f"{mart}: no type for {untyped}"
                insp.get_pk_constraint(mart)
                insp.get_foreign_keys(mart)
                insp.get_indexes(mart)
            assert isinstance(next(c for c in insp.get_columns("dim_actors") if c["name"] == "aliases")["type"], sqltypes.ARRAY)
        metadata = MetaData()
        metadata.reflect(engine)
        actors = metadata.tables["dim_actors"]
        with engine.connect() as conn:
            assert conn.execute(select(actors.c.canonical_name, actors.c.aliases).limit(3)).fetchall()
    finally:
        engine.dispose()


def test_plain_duckdb_engine_still_needs_the_driver(samples_publication: Path) -> None:
    """The failure `duckdb+osint` works around (duckdb-engine issues #1379, #1391). When this test fails,
    upstream has fixed it: point the README at plain `duckdb://` and drop osint/bi.py."""
    engine = create_engine(f"duckdb:///{samples_publication}?access_mode=read_only&enable_external_access=false")
    try:
        with engine.connect() as conn, pytest.raises((ProgrammingError, TypeError)):
            inspect(conn).get_columns("dim_outlets")
    finally:
        engine.dispose()


def test_the_documented_url_is_the_one_osint_bi_builds(tmp_path: Path) -> None:
    published = tmp_path / "published" / "osint.duckdb"
    assert connection_url(published) == bi_url(published)
    assert connection_url(published, driver="duckdb") == bi_url(published).replace("duckdb+osint://", "duckdb://")


def test_every_published_table_and_view_reflects_as_superset_does(samples_publication: Path) -> None:
    """What Superset does when a dataset is added, for every table and every view of the published file
    (the views of osint/bi_views.py included): names, columns with a type each, key, foreign keys,
    indexes and the description, through the documented connection string."""
    engine = create_engine(bi_url(samples_publication))
    try:
        with engine.connect() as conn:
            insp = inspect(conn)
            tables, views = insp.get_table_names(), insp.get_view_names()
            assert set(VIEW_NAMES) <= set(views), views
            assert not set(tables) & set(views)
            catalog = {
                (r[0], r[1]): r[2] for r in conn.execute(text(
                    "select table_name, column_name, data_type from information_schema.columns"
                    " where table_schema = 'main' order by table_name, ordinal_position"
                ))
            }
            for name in tables + views:
                columns = insp.get_columns(name)
                assert [c["name"] for c in columns] == [c for (t, c) in catalog if t == name], name
                untyped = [c["name"] for c in columns if isinstance(c["type"], sqltypes.NullType)]
                assert not untyped, f"{name}: no type for {untyped}"
                assert insp.get_pk_constraint(name)["constrained_columns"] == []
                assert insp.get_foreign_keys(name) == []
                assert insp.get_indexes(name) == []
                assert insp.get_table_comment(name)["text"], f"{name} has no description for the BI tool"
                if name in VIEW_NAMES:
                    lists = [c["name"] for c in columns if isinstance(c["type"], (sqltypes.ARRAY, sqltypes.JSON))]
                    assert not lists, f"{name}: list columns {lists}"
                    assert conn.execute(text(f'select * from "{name}" limit 5')).fetchall(), f"{name} is empty"
    finally:
        engine.dispose()


@pytest.mark.parametrize("statement", [
    "select * from read_csv('{secret}')",
    "select * from read_text('{secret}')",
    "select * from read_text('/proc/self/environ')",
    "select * from glob('{folder}/*')",
    "copy (select 1 as x) to '{folder}/exfiltrated.csv'",
    "attach '{folder}/other.duckdb' as other",
])
def test_the_bi_connection_refuses_host_files(samples_publication: Path, tmp_path: Path, statement: str) -> None:
    """`access_mode=read_only` alone still let SQL read any file the process can read (and write files
    with COPY): the documented string also turns DuckDB's external access off, while the marts and views
    still read."""
    secret = tmp_path / "secret.csv"
    secret.write_text("token\nhunter2\n", encoding="utf-8")
    duckdb.connect(str(tmp_path / "other.duckdb")).close()
    sql = statement.format(secret=secret, folder=tmp_path)

    read_only_only = create_engine(f"duckdb+osint:///{samples_publication}?access_mode=read_only&enable_external_access=true")
    try:
        with read_only_only.connect() as conn:  # the failure: read-only is not enough
            conn.execute(text(sql))
    finally:
        read_only_only.dispose()
    exfiltrated = tmp_path / "exfiltrated.csv"
    if "copy" in sql:
        assert exfiltrated.is_file()
        exfiltrated.unlink()

    for url in (bi_url(samples_publication), f"duckdb+osint:///{samples_publication}",
                connection_url(samples_publication, driver="duckdb")):
        engine = create_engine(url)
        try:
            with engine.connect() as conn, pytest.raises(DBAPIError, match=r"disabled (by|through) configuration"):
                conn.execute(text(sql))
            with engine.connect() as conn:
                assert conn.execute(text("select count(*) from dim_actors")).scalar()
                assert conn.execute(text("select count(*) from v_meeting_participants")).scalar()
                with pytest.raises(DBAPIError, match="Cannot enable external access"):
                    conn.execute(text("set enable_external_access = true"))
        finally:
            engine.dispose()
    assert not exfiltrated.exists()
