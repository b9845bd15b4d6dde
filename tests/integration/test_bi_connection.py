"""The BI path: SQLAlchemy + duckdb-engine, read-only on the published file, while a run is writing."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from sqlalchemy import create_engine, inspect, text

from tests.conftest import SAMPLE_DATA

OSINT = str(Path(sys.executable).with_name("osint"))


def bi_url(published: Path) -> str:
    """The URL Superset/Metabase use (documented in the README)."""
    return f"duckdb:///{published}?access_mode=read_only"


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
