"""The DAGs end to end with DAG.test() on a temporary data dir: real tasks, real library, no scheduler."""

from __future__ import annotations

import contextlib
import http.server
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

from bench.local_services import http_server
from osint.orchestration import INGEST_DAG_ID, MARTS_ASSET_URI, RAW_ASSET_URI, TRANSFORM_DAG_ID

SAMPLE_DOCUMENTS = Path(__file__).resolve().parents[2] / "sample_data" / "documents"


def files_source(name: str = "sample_documents", path: Path = SAMPLE_DOCUMENTS) -> dict[str, Any]:
    return {"kind": "files", "name": name, "path": str(path)}


def task_states(run: Any) -> dict[str, str]:
    """{task_id or task_id[rendered map index]: state} of one DAG run, read from the metadata DB."""
    from airflow.models.taskinstance import TaskInstance
    from airflow.utils.session import create_session

    with create_session() as session:
        tis = session.query(TaskInstance).filter_by(dag_id=run.dag_id, run_id=run.run_id).all()
        return {
            (
                f"{ti.task_id}[{ti.rendered_map_index or ti.map_index}]" if ti.map_index >= 0 else ti.task_id
            ): str(getattr(ti.state, "value", ti.state))
            for ti in tis
        }


def try_numbers(run: Any, task_id: str) -> list[int]:
    from airflow.models.taskinstance import TaskInstance
    from airflow.utils.session import create_session

    with create_session() as session:
        return [
            ti.try_number
            for ti in session.query(TaskInstance).filter_by(
                dag_id=run.dag_id, run_id=run.run_id, task_id=task_id
            )
        ]


def asset_events(uri: str, run: Any) -> int:
    from airflow.models.asset import AssetEvent, AssetModel
    from airflow.utils.session import create_session

    with create_session() as session:
        return (
            session.query(AssetEvent)
            .join(AssetModel, AssetEvent.asset_id == AssetModel.id)
            .filter(AssetModel.uri == uri, AssetEvent.source_run_id == run.run_id)
            .count()
        )


def state_of(run: Any) -> str:
    return str(getattr(run.state, "value", run.state))


def warehouse_rows(data_dir: Path, sql: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.mark.soak  # `make test` runs the same path on a real scheduler (tests/dags/test_real_scheduler.py)
def test_ingest_then_transform_publishes_audited_marts(
    dag_config: Callable[..., Path], fresh_dag: Callable[[str], Any]
) -> None:
    data_dir = dag_config([files_source()])

    ingest = fresh_dag(INGEST_DAG_ID).test()
    assert state_of(ingest) == "success", task_states(ingest)
    states = task_states(ingest)
    assert states == {
        "list_sources": "success",
        "fetch_source[sample_documents]": "success",
        "load_batches": "success",
        "check_sources": "success",
    }
    assert asset_events(RAW_ASSET_URI, ingest) == 1
    ((docs, distinct),) = warehouse_rows(
        data_dir, "select count(*), count(distinct doc_id) from raw.documents"
    )
    assert docs == distinct > 0

    transform = fresh_dag(TRANSFORM_DAG_ID).test()
    assert state_of(transform) == "success", task_states(transform)
    assert asset_events(MARTS_ASSET_URI, transform) == 1
    published = data_dir / "published" / "osint.duckdb"
    assert published.is_file()
    with duckdb.connect(str(published), read_only=True) as con:
        tables = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
        assert {"dim_documents", "dim_actors", "fct_mentions"} <= tables
        assert con.execute("select count(*) from dim_documents").fetchone() == (docs,)
        assert con.execute("select count(*) from dim_actors").fetchone()[0] > 0  # type: ignore[index]
    assert (data_dir / "published" / "manifest.json").is_file()


def test_transform_skips_while_nothing_was_ingested(
    dag_config: Callable[..., Path], fresh_dag: Callable[[str], Any]
) -> None:
    """The daily fallback on a fresh deployment: no documents yet, so no build and no failing gate."""
    data_dir = dag_config([files_source()])
    transform = fresh_dag(TRANSFORM_DAG_ID).test()
    assert set(task_states(transform).values()) == {"skipped"}, task_states(transform)
    assert asset_events(MARTS_ASSET_URI, transform) == 0
    assert not (data_dir / "published" / "osint.duckdb").exists()


@contextlib.contextmanager
def feed_server(statuses: dict[str, int]) -> Iterator[str]:
    """A local HTTP server answering each path with its status (and no feed); yields its base URL."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(statuses.get(self.path, 404))
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"no feed here")

        def log_message(self, *args: Any) -> None:
            pass

    with http_server(Handler) as base:
        yield base


def tries_by_label(run: Any, task_id: str) -> dict[str, int]:
    """{rendered map index (the source name): try number} of a mapped task in one run."""
    from airflow.models.taskinstance import TaskInstance
    from airflow.utils.session import create_session

    with create_session() as session:
        tis = session.query(TaskInstance).filter_by(dag_id=run.dag_id, run_id=run.run_id, task_id=task_id).all()
        return {str(ti.rendered_map_index): ti.try_number for ti in tis}


def test_a_down_source_fails_only_its_own_task_and_config_errors_are_not_retried(
    dag_config: Callable[..., Path], fresh_dag: Callable[[str], Any], fast_retries: None, tmp_path: Path
) -> None:
    """A missing folder or a 404 feed fails at once (one try, one failed batch); a 503 is retried.

    Issue 22: a `files` source pointing at a missing folder was retried 3 times (~7 min) before the
    healthy sources loaded, leaving a failed landing batch per try.
    """
    feed = {"kind": "rss", "allow_private_addresses": True, "max_retries": 0, "min_interval_seconds": 0}
    with feed_server({"/gone.xml": 404, "/busy.xml": 503}) as base:
        data_dir = dag_config([
            files_source(),
            files_source("gone_away", tmp_path / "no-such-folder"),
            {**feed, "name": "dead_feed", "urls": [f"{base}/gone.xml"]},
            {**feed, "name": "busy_feed", "urls": [f"{base}/busy.xml"]},
        ])
        ingest = fresh_dag(INGEST_DAG_ID).test()
    states = task_states(ingest)
    for name in ("gone_away", "dead_feed", "busy_feed"):
        assert states[f"fetch_source[{name}]"] == "failed", states
    assert states["fetch_source[sample_documents]"] == "success"
    assert states["load_batches"] == "success", "the healthy source must still be loaded"
    assert states["check_sources"] == "failed", "the run must say that a source is broken"
    assert state_of(ingest) == "failed"
    tries = tries_by_label(ingest, "fetch_source")
    assert tries == {"sample_documents": 1, "gone_away": 1, "dead_feed": 1, "busy_feed": 2}, (
        "config errors fail at once; the 503 is retried once"
    )
    assert asset_events(RAW_ASSET_URI, ingest) == 1, "the healthy source's data still triggers the transform"
    by_source = dict(warehouse_rows(data_dir, "select source_name, count(*) from raw.documents group by 1"))
    assert set(by_source) == {"sample_documents"}
    # every try is audited with its reason: one failed batch per config error, one per try of the 503
    failed = warehouse_rows(
        data_dir, "select source_name, error from raw.ingest_runs where status = 'failed' order by 1"
    )
    assert [name for name, _ in failed] == ["busy_feed", "busy_feed", "dead_feed", "gone_away"], failed
    reasons = dict(failed)
    assert "does not exist" in reasons["gone_away"] and "HTTP 404" in reasons["dead_feed"]
    assert "HTTP 503" in reasons["busy_feed"]


def test_a_batch_rejected_by_the_gate_fails_the_run_after_the_others_load(
    dag_config: Callable[..., Path], fresh_dag: Callable[[str], Any], tmp_path: Path
) -> None:
    future = tmp_path / "future"
    future.mkdir()
    for i in range(6):
        (future / f"d{i}.md").write_text(f"---\npublished_at: 2099-01-01T00:00:00Z\n---\nReport {i}\nText {i}.\n")
    data_dir = dag_config([files_source(), files_source("from_the_future", future)])

    ingest = fresh_dag(INGEST_DAG_ID).test()
    states = task_states(ingest)
    assert states["fetch_source[from_the_future]"] == "success"
    assert states["load_batches"] == "success"
    assert states["check_sources"] == "failed", "a rejected batch must fail the run"
    by_source = dict(warehouse_rows(data_dir, "select source_name, count(*) from raw.documents group by 1"))
    assert set(by_source) == {"sample_documents"}
    (status,) = warehouse_rows(data_dir, "select status from raw.ingest_runs where source_name = 'from_the_future'")
    assert status == ("rejected",)
    assert warehouse_rows(data_dir, "select count(*) from raw.quarantine where source_name = 'from_the_future'") == [(6,)]


def test_a_broken_config_fails_at_once_without_retries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_dag: Callable[[str], Any]
) -> None:
    bad = tmp_path / "config.yml"
    bad.write_text("data_dir: ./data\nsources:\n  - kind: carrier_pigeon\n    name: x\n", encoding="utf-8")
    monkeypatch.setenv("OSINT_CONFIG", str(bad))

    ingest = fresh_dag(INGEST_DAG_ID).test()
    states = task_states(ingest)
    assert state_of(ingest) == "failed"
    assert states["list_sources"] == "failed"
    assert try_numbers(ingest, "list_sources") == [1]
    assert states["load_batches"] in ("upstream_failed", "skipped")
    assert not (tmp_path / "data").exists()


def test_backfill_of_three_data_intervals_lands_no_duplicates(
    dag_config: Callable[..., Path], fresh_dag: Callable[[str], Any]
) -> None:
    """Three hourly data intervals in a row: the documents are landed once, later runs find duplicates."""
    data_dir = dag_config([files_source()])
    dag = fresh_dag(INGEST_DAG_ID)
    runs = [
        dag.test(logical_date=datetime.fromisoformat(f"2025-03-01T{h:02d}:00:00+00:00")) for h in (1, 2, 3)
    ]

    assert [state_of(r) for r in runs] == ["success"] * 3, [task_states(r) for r in runs]
    intervals = [(r.data_interval_start.isoformat(), r.data_interval_end.isoformat()) for r in runs]
    assert intervals == [
        ("2025-03-01T00:00:00+00:00", "2025-03-01T01:00:00+00:00"),
        ("2025-03-01T01:00:00+00:00", "2025-03-01T02:00:00+00:00"),
        ("2025-03-01T02:00:00+00:00", "2025-03-01T03:00:00+00:00"),
    ]
    # The first interval loads the documents and triggers the transform; the others have nothing new.
    assert [task_states(r)["load_batches"] for r in runs] == ["success", "skipped", "skipped"]
    assert [asset_events(RAW_ASSET_URI, r) for r in runs] == [1, 0, 0]
    sample_files = sum(1 for p in SAMPLE_DOCUMENTS.iterdir() if p.is_file())
    ((docs, distinct, versions),) = warehouse_rows(
        data_dir,
        "select count(*), count(distinct doc_id), (select count(*) from raw.document_versions) from raw.documents",
    )
    assert docs == distinct == versions >= sample_files
    assert warehouse_rows(data_dir, "select count(*) from raw.ingest_runs where status = 'ok'") == [(3,)]
    # Issue 22: the later runs used to land every unchanged document again, one Parquet batch each.
    landing = data_dir / "landing" / "sample_documents"
    doc_files = [p for p in landing.glob("*.parquet") if not p.name.endswith((".quarantine.parquet", ".metrics.parquet"))]
    assert len(doc_files) == 1, f"unchanged documents were landed again: {sorted(p.name for p in doc_files)}"
    audit = warehouse_rows(data_dir, "select fetched, new, duplicate from raw.ingest_runs where status = 'ok'")
    assert sorted(audit) == [(docs, 0, docs), (docs, 0, docs), (docs, docs, 0)], "still audited as duplicates"


@pytest.mark.slow
def test_embedded_runner_runs_the_dags_without_a_server(tmp_path: Path) -> None:
    """`python -m osint.orchestration` (the serverless run): SQLite under <data_dir>/airflow, DAG.test.

    Only the ingest DAG here, to keep CI lean: the transform is covered above and by the real scheduler.
    """
    import os
    import subprocess
    import sys

    import yaml

    data_dir = tmp_path / "data"
    config = tmp_path / "config.yml"
    config.write_text(
        yaml.safe_dump({"data_dir": str(data_dir), "sources": [files_source()]}), encoding="utf-8"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")}
    env.pop("OSINT_DATA_DIR", None)
    env["OSINT_TASK_RETRIES"] = "0"  # a failing task should fail the test now, not after minutes of backoff
    proc = subprocess.run(
        [sys.executable, "-m", "osint.orchestration", "--config", str(config), "--dag", INGEST_DAG_ID],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    states = [ln for ln in proc.stdout.splitlines() if ln.startswith(("osint_ingest: ", "osint_transform: "))]
    assert states == ["osint_ingest: success"], states
    assert (data_dir / "airflow" / "airflow.db").is_file(), "metadata must live under <data_dir>/airflow"
    ((docs,),) = warehouse_rows(data_dir, "select count(*) from raw.documents")
    assert docs > 0


def test_maintain_dag_compacts_the_warehouse_without_changing_the_marts(
    dag_config: Callable[..., Path], fresh_dag: Callable[[str], Any], sample_run: Any
) -> None:
    import shutil

    from osint.orchestration import MAINTAIN_DAG_ID

    data_dir = dag_config([files_source()])
    shutil.copytree(sample_run.data, data_dir, symlinks=True)
    fingerprint = "select count(*), coalesce(bit_xor(hash(t)), 0) from marts.fct_claims t"
    before = warehouse_rows(data_dir, fingerprint)
    run = fresh_dag(MAINTAIN_DAG_ID).test()
    assert state_of(run) == "success", task_states(run)
    assert task_states(run) == {"maintain_warehouse": "success"}
    assert warehouse_rows(data_dir, fingerprint) == before
