"""Extraction sharded over two real Celery workers on the local Redis gives the same annotations as the
local process; without a worker the run fails at once with a message saying how to start one.

Needs the Redis server on 127.0.0.1:6379 (skips when none answers). The test uses Redis databases of
its own (flushed before and after), so it never sees another run's queue.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from extraction import tables
from extraction.distributed import answering_workers, configure, worker_command
from osint.config import load_config
from osint.pipeline import writer
from tests.conftest import SampleRun, copy_sample_run

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

REDIS = "redis://127.0.0.1:6379"
BROKER_DB, RESULT_DB, EMPTY_DB = 12, 13, 14


def _annotations(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[object, ...]]]:
    """Every raw.ann_* row, without the time it was written."""
    out = {}
    for name in ("ann_documents", *tables.SCHEMAS):
        columns = [c for (c,) in con.execute(
            "select column_name from information_schema.columns where table_schema = 'raw' and table_name = ? "
            "and column_name <> 'annotated_at' order by ordinal_position", [name]
        ).fetchall()]
        out[name] = con.execute(f"select {', '.join(columns)} from raw.{name} order by all").fetchall()
    return out


@pytest.fixture
def redis_dbs() -> Iterator[None]:
    redis = pytest.importorskip("redis")
    clients = [redis.Redis.from_url(f"{REDIS}/{db}", socket_connect_timeout=2) for db in (BROKER_DB, RESULT_DB, EMPTY_DB)]
    try:
        for client in clients:
            client.flushdb()
    except redis.exceptions.ConnectionError as exc:
        pytest.skip(f"no Redis on {REDIS}: {exc}")
    yield
    for client in clients:
        client.flushdb()


@pytest.fixture
def two_workers(redis_dbs: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[subprocess.Popen[bytes]]]:
    monkeypatch.setenv("OSINT_CELERY_BROKER_URL", f"{REDIS}/{BROKER_DB}")
    monkeypatch.setenv("OSINT_CELERY_RESULT_BACKEND", f"{REDIS}/{RESULT_DB}")
    workers = [
        subprocess.Popen(
            worker_command(f"extract{i}"),
            env=dict(os.environ), stdout=(tmp_path / f"worker{i}.log").open("wb"), stderr=subprocess.STDOUT,
        )
        for i in (1, 2)
    ]
    try:
        configure()
        deadline = time.monotonic() + 60
        while len(answering_workers(timeout=1.0)) < 2:
            assert time.monotonic() < deadline, "the two Celery workers did not come up"
            assert all(w.poll() is None for w in workers), (tmp_path / "worker1.log").read_text()
        yield workers
    finally:
        for w in workers:
            w.terminate()
        for w in workers:
            try:
                w.wait(timeout=20)
            except subprocess.TimeoutExpired:
                w.kill()


def test_two_celery_workers_annotate_like_the_local_process(
    sample_run: SampleRun, tmp_path: Path, two_workers: list[subprocess.Popen[bytes]]
) -> None:
    from extraction.runner import annotate_documents

    config = load_config(copy_sample_run(sample_run, tmp_path / "run"))
    with writer(config, "test") as con:
        local = _annotations(con)  # what `osint run` stored, extracted by the local process
        documents = len(local["ann_documents"])
        con.execute("delete from raw.ann_documents")  # every document is pending again
        # two documents per shard: the shards are spread over both workers and come back out of order
        summary = annotate_documents(con, batch_size=2, celery_shards=tmp_path / "shards")
        assert summary.documents == documents >= 5
        assert summary.failed == 0
        assert _annotations(con) == local
        assert sum(len(rows) for name, rows in local.items() if name != "ann_documents") > 50
    assert not list((tmp_path / "shards").rglob("*.parquet")), "shard files are cleaned up"
    assert all(w.poll() is None for w in two_workers)
    for i in (1, 2):  # each worker extracted shards
        assert "extract_shard" in (tmp_path / f"worker{i}.log").read_text() and "succeeded" in (tmp_path / f"worker{i}.log").read_text()


def test_no_worker_fails_at_once_and_says_how_to_start_one(
    sample_run: SampleRun, tmp_path: Path, redis_dbs: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from extraction.runner import annotate_documents
    from ingestion.errors import OsintError

    monkeypatch.setenv("OSINT_CELERY_BROKER_URL", f"{REDIS}/{EMPTY_DB}")
    monkeypatch.setenv("OSINT_CELERY_RESULT_BACKEND", f"{REDIS}/{EMPTY_DB}")
    config = load_config(copy_sample_run(sample_run, tmp_path / "run"))
    with writer(config, "test") as con:
        before = con.execute("select count(*) from raw.ann_claims").fetchone()
        con.execute("delete from raw.ann_documents")
        started = time.monotonic()
        with pytest.raises(OsintError, match=r"no Celery extraction worker answered.*celery --app extraction\.distributed worker"):
            annotate_documents(con, celery_shards=tmp_path / "shards")
        assert time.monotonic() - started < 30
        assert con.execute("select count(*) from raw.ann_claims").fetchone() == before  # nothing lost
