"""The BI path: SQLAlchemy + duckdb-engine, read-only on the published file, while a run is writing."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from sqlalchemy import MetaData, create_engine, inspect, select, text
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.sql import sqltypes

from tests.conftest import SAMPLE_DATA

OSINT = str(Path(sys.executable).with_name("osint"))


def bi_url(published: Path) -> str:
    """The URL Python BI tools and notebooks use (documented in the README): duckdb-engine through the
    project's `duckdb+osint` driver (osint/bi.py), whose column reflection works on the locked SQLAlchemy."""
    return f"duckdb+osint:///{published}?access_mode=read_only"


@pytest.fixture(scope="module")
def sample_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bi")
    config = root / "osint.yml"
    config.write_text(yaml.safe_dump({
        "data_dir": str(root / "data"),
        "sources": [{"kind": "files", "name": "samples", "path": str(SAMPLE_DATA / "documents")}],
    }))
    first = subprocess.run([OSINT, "--config", str(config), "run"], capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr[-3000:]
    return config


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
    engine = create_engine(f"duckdb:///{samples_publication}?access_mode=read_only")
    try:
        with engine.connect() as conn, pytest.raises((ProgrammingError, TypeError)):
            inspect(conn).get_columns("dim_outlets")
    finally:
        engine.dispose()
