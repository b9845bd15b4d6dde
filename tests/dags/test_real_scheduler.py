"""A real Airflow deployment in miniature: scheduler, dag-processor and api-server (LocalExecutor)
on PostgreSQL. Trigger the ingest DAG and wait until the asset-triggered transform has published.

Needs the PostgreSQL server on 127.0.0.1:5432 (user postgres, trust auth); the test creates its own
database and drops it afterwards, and stops every process it started (each in its own process group).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml

from bench.local_services import airflow_environment, free_port, pg_connect, pg_query, stop_process_groups
from extraction.distributed import worker_command
from osint.orchestration import INGEST_DAG_ID, TRANSFORM_DAG_ID, WRITER_POOL
from osint.settings import dags_folder

DAGS_FOLDER = dags_folder()

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

SAMPLE_DOCUMENTS = Path(__file__).resolve().parents[2] / "sample_data" / "documents"
DEADLINE_SECONDS = 420
AIRFLOW = str(Path(sys.executable).with_name("airflow"))


@pytest.fixture(scope="session")
def asyncpg_path() -> str:
    """Extra PYTHONPATH for Airflow 3's async PostgreSQL driver: none, asyncpg is in uv.lock."""
    import asyncpg  # noqa: F401  (a missing driver is a broken environment, not a skip)

    return ""


def _log_tails(logs: Path) -> str:
    parts = []
    for f in sorted(logs.glob("*.log")):
        parts.append(f"--- {f.name} ---\n" + f.read_text(errors="replace")[-2500:])
    for f in sorted((logs / "tasks").rglob("*.log"))[-6:] if (logs / "tasks").is_dir() else []:
        parts.append(f"--- {f.relative_to(logs)} ---\n" + f.read_text(errors="replace")[-2500:])
    return "\n".join(parts)


def test_scheduler_runs_ingest_then_asset_triggered_transform_publishes(
    postgres_db: str, asyncpg_path: str, tmp_path: Path
) -> None:
    _deploy_and_run(postgres_db, asyncpg_path, tmp_path)


def test_celery_executor_with_two_workers_extraction_on_celery_and_a_ducklake(
    postgres_db: str, asyncpg_path: str, tmp_path: Path
) -> None:
    """The team setup (config/team.yml) on real components: Airflow's CeleryExecutor with two Airflow
    Celery workers (Redis broker, PostgreSQL metadata and result backend), extraction shards on two
    extraction workers, and the publication committed to a DuckLake whose catalog is on PostgreSQL."""
    redis = pytest.importorskip("redis")
    try:
        for db in (AIRFLOW_BROKER_DB, EXTRACT_BROKER_DB, EXTRACT_RESULT_DB):
            redis.Redis.from_url(f"{REDIS}/{db}", socket_connect_timeout=2).flushdb()
    except redis.exceptions.ConnectionError as exc:
        pytest.skip(f"no Redis on {REDIS}: {exc}")
    lake_db = f"{postgres_db}_lake"
    admin = pg_connect()
    with admin.cursor() as cur:
        cur.execute(f'create database "{lake_db}"')
    try:
        _deploy_and_run(postgres_db, asyncpg_path, tmp_path, team=lake_db)
    finally:
        with admin.cursor() as cur:
            cur.execute(f'drop database if exists "{lake_db}" with (force)')
        admin.close()


REDIS = "redis://127.0.0.1:6379"
AIRFLOW_BROKER_DB, EXTRACT_BROKER_DB, EXTRACT_RESULT_DB = 6, 7, 8


def _deploy_and_run(postgres_db: str, asyncpg_path: str, tmp_path: Path, team: str | None = None) -> None:
    """Migrate, start the servers (and, for `team` — a DuckLake catalog database — the Celery workers),
    trigger osint_ingest, wait for the asset-triggered osint_transform to publish, check what ran."""
    started = time.monotonic()
    home, logs, data_dir = tmp_path / "airflow", tmp_path / "logs", tmp_path / "data"
    home.mkdir()
    logs.mkdir()
    config = tmp_path / "config.yml"
    settings: dict[str, Any] = {
        "data_dir": str(data_dir),
        "lock_timeout_seconds": 120,
        "sources": [{"kind": "files", "name": "sample_documents", "path": str(SAMPLE_DOCUMENTS)}],
    }
    if team:
        settings["extract_executor"] = "celery"
        settings["warehouse"] = {"backend": "ducklake", "catalog": f"postgres:dbname={team} host=127.0.0.1 user=postgres"}
    config.write_text(yaml.safe_dump(settings), encoding="utf-8")
    port = free_port()
    celery = {
        "AIRFLOW__CELERY__BROKER_URL": f"{REDIS}/{AIRFLOW_BROKER_DB}",
        "AIRFLOW__CELERY__RESULT_BACKEND": f"db+postgresql+psycopg2://postgres@127.0.0.1:5432/{postgres_db}",
        "OSINT_CELERY_BROKER_URL": f"{REDIS}/{EXTRACT_BROKER_DB}",
        "OSINT_CELERY_RESULT_BACKEND": f"{REDIS}/{EXTRACT_RESULT_DB}",
    }
    env = airflow_environment(
        home=home, dags_folder=Path(DAGS_FOLDER), logs=logs, plugins=tmp_path / "plugins", dbname=postgres_db,
        port=port, config=config, executor="CeleryExecutor" if team else "LocalExecutor",
        extra={**celery, "OSINT_TASK_RETRIES": "1", "OSINT_RETRY_DELAY_SECONDS": "2"},
    )
    if asyncpg_path:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (env.get("PYTHONPATH"), asyncpg_path) if p)

    def cli(*args: str, timeout: float = 180) -> str:
        proc = subprocess.run(
            [AIRFLOW, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
        assert proc.returncode == 0, (
            f"airflow {' '.join(args)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
        )
        return proc.stdout

    cli("db", "migrate", timeout=300)
    # No `airflow pools set`: the osint plugin creates the writer pool when the scheduler starts
    # (issue 22: without the pool, load_batches stayed `scheduled` for ever and this test timed out).
    assert pg_query(postgres_db, "select slots from slot_pool where pool = %s", (WRITER_POOL,)) == []

    procs: list[subprocess.Popen[bytes]] = []
    try:
        servers = [
            ("api-server", [AIRFLOW, "api-server", "--port", str(port), "--host", "127.0.0.1"]),
            ("dag-processor", [AIRFLOW, "dag-processor"]),
            ("scheduler", [AIRFLOW, "scheduler"]),
        ]
        if team:
            servers += [
                (f"airflow-worker-{i}", [AIRFLOW, "celery", "worker", "--concurrency", "2", "--celery-hostname", f"airflow{i}@%h"])
                for i in (1, 2)
            ] + [
                (f"extraction-worker-{i}", worker_command(f"extract{i}"))
                for i in (1, 2)
            ]
        for name, command in servers:
            with (logs / f"{name}.log").open("wb") as out:
                procs.append(
                    subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
                )

        def wait_for(what: str, check: Any, poll: float = 1.0) -> Any:
            while time.monotonic() - started < DEADLINE_SECONDS:
                dead = [" ".join(map(str, p.args[1:4])) for p in procs if p.poll() is not None]  # type: ignore[index]
                assert not dead, f"airflow {dead} exited early\n{_log_tails(logs)}"
                value = check()
                if value:
                    return value
                time.sleep(poll)
            pytest.fail(f"timed out after {DEADLINE_SECONDS} s waiting for {what}\n{_log_tails(logs)}")

        wait_for(
            "the dag-processor to serialize both DAGs",
            lambda: (
                len(
                    pg_query(
                        postgres_db,
                        "select dag_id from serialized_dag where dag_id in (%s, %s)",
                        (INGEST_DAG_ID, TRANSFORM_DAG_ID),
                    )
                )
                == 2
            ),
        )
        cli("dags", "unpause", TRANSFORM_DAG_ID)
        cli("dags", "trigger", INGEST_DAG_ID)
        cli("dags", "unpause", INGEST_DAG_ID)

        def transform_succeeded() -> list[tuple[Any, ...]]:
            # Fail fast, with the task logs, instead of waiting out the deadline on a broken run.
            failed = pg_query(
                postgres_db,
                "select dag_id, task_id, map_index from task_instance where state = 'failed'",
            )
            assert not failed, f"tasks failed: {failed}\n{_log_tails(logs)}"
            return pg_query(
                postgres_db,
                "select run_id, run_type, state from dag_run where dag_id = %s and state = 'success'",
                (TRANSFORM_DAG_ID,),
            )

        transform_runs = wait_for(
            "an asset-triggered osint_transform run to succeed", transform_succeeded, poll=2.0
        )
        elapsed = time.monotonic() - started
    finally:
        stop_process_groups(procs)
    assert all(p.poll() is not None for p in procs)

    print(f"real scheduler: ingest → asset → transform published in {elapsed:.0f} s")
    assert transform_runs[0][1] == "asset_triggered", transform_runs
    ingest_runs = pg_query(
        postgres_db, "select run_type, state from dag_run where dag_id = %s", (INGEST_DAG_ID,)
    )
    assert ("manual", "success") in ingest_runs, ingest_runs
    # mapped fetches are labelled by source name, not by their map index
    labels = pg_query(
        postgres_db,
        "select map_index, rendered_map_index from task_instance where dag_id = %s and task_id = 'fetch_source'",
        (INGEST_DAG_ID,),
    )
    assert labels and set(labels) == {(0, "sample_documents")}, labels
    states = dict(
        pg_query(
            postgres_db,
            "select task_id, state from task_instance where dag_id = %s and run_id = %s",
            (TRANSFORM_DAG_ID, transform_runs[0][0]),
        )
    )
    assert states == dict.fromkeys(("extract_facts", "build_marts", "gate_marts", "publish_marts"), "success")
    pools = pg_query(postgres_db, "select slots, description from slot_pool where pool = %s", (WRITER_POOL,))
    assert pools == [(1, "single DuckDB writer (created by the osint plugin)")], pools

    published = data_dir / "published" / "osint.duckdb"
    assert published.is_file(), _log_tails(logs)
    with duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True) as con:
        ((raw_docs, distinct_docs),) = con.execute(
            "select count(*), count(distinct doc_id) from raw.documents"
        ).fetchall()
    assert raw_docs == distinct_docs > 0
    with duckdb.connect(str(published), read_only=True) as con:
        tables = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
        assert {"dim_documents", "dim_actors", "fct_mentions"} <= tables
        assert con.execute("select count(*) from dim_documents").fetchone() == (raw_docs,)
        assert con.execute("select count(*) from fct_mentions").fetchone()[0] > 0  # type: ignore[index]
    assert (data_dir / "published" / "manifest.json").is_file()
    if not team:
        return
    # every task instance ran on the Celery workers: one result row per try in the Celery result backend
    executed = pg_query(postgres_db, "select count(*) from celery_taskmeta where status = 'SUCCESS'")[0][0]
    tries = pg_query(postgres_db, "select count(*) from task_instance where state = 'success'")[0][0]
    assert executed >= tries > 0, (executed, tries)
    for i in (1, 2):  # the extraction workers came up; the shards went to them
        assert "ready" in (logs / f"extraction-worker-{i}.log").read_text(errors="replace")
    shards = sum((logs / f"extraction-worker-{i}.log").read_text(errors="replace").count("succeeded") for i in (1, 2))
    assert shards >= 1
    manifest = json.loads((data_dir / "published" / "manifest.json").read_text(encoding="utf-8"))["current"]
    from osint.lake import Lake, publications

    (lake_publication,) = publications(Lake(f"postgres:dbname={team} host=127.0.0.1 user=postgres", str(data_dir / "lake")))
    assert lake_publication.build_id == manifest["build_id"]
    assert lake_publication.snapshot_id == manifest["lake_snapshot"]
