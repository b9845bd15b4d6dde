"""Airflow-facing glue shared by the DAG files, and the embedded runner that needs no server.

The DAG files under dags/ import only this module at parse time, so it must stay light: the
standard library at module level; the pipeline, Airflow's exceptions and everything heavy are
imported inside functions that run in tasks.

Embedded run (no scheduler, no api-server, SQLite metadata under `<data_dir>/airflow`):

    .venv/bin/python -m ingestion.orchestration --config config/sample.yml

runs `osint_ingest` and then `osint_transform` once each with `DAG.test()`, exactly the task
code a deployed scheduler runs, and prints where the published marts are.
"""

from __future__ import annotations

import logging
import os
import sys
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ingestion.config import PipelineConfig

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[1]
DAGS_FOLDER = REPO_ROOT / "dags"
DEFAULT_CONFIG = REPO_ROOT / "config" / "sample.yml"

# The contract between the two DAGs (and any downstream consumer of the published marts).
RAW_ASSET_URI = "osint://warehouse/raw"
MARTS_ASSET_URI = "osint://published/marts"
WRITER_POOL = "duckdb_writer"
INGEST_DAG_ID = "osint_ingest"
TRANSFORM_DAG_ID = "osint_transform"
OWNER = "osint-data-platform"


def env_int(name: str, default: int) -> int:
    """An integer setting from the environment; a malformed value is a deployment error, said clearly."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"environment variable {name}={raw!r} must be an integer") from None


def task_defaults(execution_timeout: timedelta) -> dict[str, Any]:
    """`default_args` for every OSINT task: owner, retries with exponential backoff, timeout, callback.

    Retry counts and the first delay come from the environment so a deployment (or a test) can tune
    them without editing DAG code: OSINT_TASK_RETRIES (default 3), OSINT_RETRY_DELAY_SECONDS (60).
    """
    return {
        "owner": OWNER,
        "retries": env_int("OSINT_TASK_RETRIES", 3),
        "retry_delay": timedelta(seconds=env_int("OSINT_RETRY_DELAY_SECONDS", 60)),
        "retry_exponential_backoff": 2.0,
        "max_retry_delay": timedelta(minutes=30),
        "execution_timeout": execution_timeout,
        "on_failure_callback": log_task_failure,
    }


def config_path() -> Path:
    """The pipeline config the DAGs run: $OSINT_CONFIG, else the bundled sample config."""
    return Path(os.environ.get("OSINT_CONFIG") or DEFAULT_CONFIG)


def load_pipeline_config() -> PipelineConfig:
    """Read the config inside a task; a broken config fails the task at once (no retry can fix it)."""
    from airflow.sdk.exceptions import AirflowFailException

    from ingestion.config import load_config
    from ingestion.errors import ConfigError

    try:
        return load_config(config_path())
    except ConfigError as exc:
        raise AirflowFailException(f"pipeline config is invalid, fix it and re-run: {exc}") from exc


def name_fetch_states(states: dict[str, str], sources: list[str]) -> dict[str, str]:
    """Rename `fetch_source_<i>` task-state keys to `fetch_source[<source>]`.

    The map index is the position in the list `list_sources` returned, so it names the source.
    """
    named = {}
    for key, state in states.items():
        prefix, _, index = key.rpartition("_")
        if prefix == "fetch_source" and index.isdigit() and int(index) < len(sources):
            key = f"fetch_source[{sources[int(index)]}]"
        named[key] = state
    return named


def log_task_failure(context: Any) -> None:
    """on_failure_callback: one ERROR line naming the DAG, run, task, source or mart, and the cause."""
    ti = context.get("ti") or context.get("task_instance")
    dag_run = context.get("dag_run")
    exception = context.get("exception")
    task_id = getattr(ti, "task_id", "?")
    subject = getattr(ti, "rendered_map_index", None) or ""
    if not subject and getattr(ti, "map_index", -1) not in (-1, None):
        subject = f"map index {ti.map_index}"
    what = {
        "fetch_source": f"source {subject!r}",
        "load_batches": "loading landed batches into raw.*",
        "extract_facts": "fact extraction (raw.ann_*)",
        "build_marts": "dbt build of the marts",
        "gate_marts": "mart gate",
        "publish_marts": "publication of the marts",
    }.get(task_id, f"task {task_id}")
    log.error(
        "OSINT FAILURE dag=%s run=%s task=%s try=%s: %s failed: %s",
        getattr(dag_run, "dag_id", None) or getattr(ti, "dag_id", "?"),
        getattr(dag_run, "run_id", None) or getattr(ti, "run_id", "?"),
        task_id if not subject else f"{task_id}[{subject}]",
        getattr(ti, "try_number", "?"),
        what,
        exception if exception is not None else "see the task log",
    )


# --- embedded runner -------------------------------------------------------------------------


def embedded_environment(airflow_home: Path, config: Path) -> dict[str, str]:
    """Environment for an Airflow that lives entirely in `airflow_home` (SQLite, no servers)."""
    return {
        "AIRFLOW_HOME": str(airflow_home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS_FOLDER),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{airflow_home / 'airflow.db'}",
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW__COSMOS__ENABLE_TELEMETRY": "False",
        "AIRFLOW__COSMOS__CACHE_DIR": str(airflow_home / "cosmos"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        "SCARF_ANALYTICS": "false",
        "AIRFLOW__USAGE_DATA_COLLECTION__ENABLED": "False",
        "OSINT_CONFIG": str(config),
    }


def prepare_metadata_db() -> None:
    """Migrate the metadata DB configured in the environment and create the writer pool."""
    from airflow.models.pool import Pool
    from airflow.utils.db import upgradedb

    upgradedb()
    Pool.create_or_update_pool(
        WRITER_POOL, slots=1, description="single DuckDB writer (see DESIGN.md)", include_deferred=False
    )


def run_dags_once(dag_ids: list[str]) -> dict[str, str]:
    """`DAG.test()` each DAG in order, in this process; returns {dag_id: final run state}."""
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(DAGS_FOLDER))
    if bag.import_errors:
        raise RuntimeError(f"DAG import errors: {bag.import_errors}")
    states: dict[str, str] = {}
    for dag_id in dag_ids:
        run = bag.get_dag(dag_id).test()
        # A failed ingest run may still have loaded the healthy sources: transform runs regardless.
        states[dag_id] = str(getattr(run.state, "value", run.state))
    return states


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m ingestion.orchestration",
        description="Run osint_ingest then osint_transform once with DAG.test(): no scheduler, SQLite metadata.",
    )
    parser.add_argument("--config", default=os.environ.get("OSINT_CONFIG") or str(DEFAULT_CONFIG))
    parser.add_argument(
        "--airflow-home",
        default=None,
        help="Airflow state folder (default: <data_dir>/airflow of the config)",
    )
    parser.add_argument(
        "--dag", action="append", choices=[INGEST_DAG_ID, TRANSFORM_DAG_ID], help="only these DAGs"
    )
    args = parser.parse_args(argv)

    from ingestion.config import load_config
    from ingestion.errors import ConfigError

    config_file = Path(args.config).resolve()
    try:
        config = load_config(config_file)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    airflow_home = Path(args.airflow_home or config.data_dir / "airflow").resolve()
    airflow_home.mkdir(parents=True, exist_ok=True)
    # Airflow reads its configuration once, at first import: the environment must be complete before.
    if "airflow" in sys.modules:
        print("error: run this in a fresh process (airflow was already imported)", file=sys.stderr)
        return 2
    os.environ.update(embedded_environment(airflow_home, config_file))

    prepare_metadata_db()
    states = run_dags_once(args.dag or [INGEST_DAG_ID, TRANSFORM_DAG_ID])
    for dag_id, state in states.items():
        print(f"{dag_id}: {state}")
    published = config.data_dir / "published" / "osint.duckdb"
    if all(s == "success" for s in states.values()) and published.is_file():
        print(f"published marts: {published}")
    print(f"airflow metadata and task logs: {airflow_home}")
    return 0 if states and all(s == "success" for s in states.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
