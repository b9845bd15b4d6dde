"""Airflow-facing glue shared by the DAG files, and the embedded runner that needs no server.

The DAG files under dags/ import only this module at parse time, so it must stay light: the
standard library at module level; the pipeline, Airflow's exceptions and everything heavy are
imported inside functions that run in tasks.

Embedded run (no scheduler, no api-server, SQLite metadata under `<data_dir>/airflow`):

    .venv/bin/python -m osint.orchestration --config config/sample.yml

runs `osint_ingest` and then `osint_transform` once each with `DAG.test()`, exactly the task
code a deployed scheduler runs, and prints where the published marts are.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from osint import settings

if TYPE_CHECKING:
    from osint.config import PipelineConfig

log = logging.getLogger(__name__)

# The contract between the two DAGs (and any downstream consumer of the published marts).
RAW_ASSET_URI = "osint://warehouse/raw"
MARTS_ASSET_URI = "osint://published/marts"
WRITER_POOL = "duckdb_writer"
INGEST_DAG_ID = "osint_ingest"
TRANSFORM_DAG_ID = "osint_transform"
MAINTAIN_DAG_ID = "osint_maintain"
OWNER = "osint-data-platform"


def task_defaults(execution_timeout: timedelta) -> dict[str, Any]:
    """`default_args` for every OSINT task: owner, retries with exponential backoff, timeout, callback.

    Retry counts and the first delay come from the environment so a deployment (or a test) can tune
    them without editing DAG code: OSINT_TASK_RETRIES (default 3), OSINT_RETRY_DELAY_SECONDS (60).
    """
    return {
        "owner": OWNER,
        "retries": settings.task_retries(),
        "retry_delay": timedelta(seconds=settings.retry_delay_seconds()),
        "retry_exponential_backoff": 2.0,
        "max_retry_delay": timedelta(minutes=30),
        "execution_timeout": execution_timeout,
        "on_failure_callback": log_task_failure,
    }


def config_path() -> Path:
    """The pipeline config the DAGs run: $OSINT_CONFIG, else config/sample.yml."""
    return settings.config_path()


def load_pipeline_config() -> PipelineConfig:
    """Read the config inside a task; a broken config fails the task at once (no retry can fix it)."""
    from airflow.sdk.exceptions import AirflowFailException

    from ingestion.errors import ConfigError
    from osint.config import load_config

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


# --- task bodies: what each DAG task does (the DAG files only wire them) --------------------


def list_enabled_sources() -> list[str]:
    """The enabled sources of $OSINT_CONFIG, read at run time (never at parse time)."""
    from airflow.sdk.exceptions import AirflowFailException

    config = load_pipeline_config()
    names = [s.name for s in config.enabled_sources]
    if not names:
        raise AirflowFailException(f"{config.config_path}: no enabled sources to fetch")
    log.info("fetching %d sources: %s", len(names), ", ".join(names))
    return names


def fetch_one_source(source_name: str, interval: tuple[Any, Any]) -> dict[str, Any]:
    """Fetch one source into a landing batch.

    A permanent failure (a folder that does not exist, missing credentials, a feed answering 404:
    `SourceError.permanent`) fails the task at once, without retries, so the healthy sources load
    now and the failed landing batch is recorded once; a transient one (timeout, connection error,
    HTTP 5xx) propagates so Airflow retries it with backoff.
    """
    from airflow.sdk.exceptions import AirflowFailException

    from ingestion.errors import ConfigError, SourceError
    from osint.pipeline import fetch_source

    config = load_pipeline_config()
    try:
        source = config.source(source_name)
    except ConfigError as exc:
        raise AirflowFailException(f"{exc} (removed from the config since this run started?)") from exc
    # Connectors are cursor-based: the interval is logged for the audit trail, the cursor decides
    # what is new (so a backfilled interval re-reads nothing twice into raw.*).
    log.info("fetching %s source %s for data interval %s – %s", source.kind, source_name, *interval)
    try:
        meta = fetch_source(config, source)
    except SourceError as exc:
        if exc.permanent:
            raise AirflowFailException(
                f"{exc} — a configuration error, not retried: fix source {source_name!r} in "
                f"{config.config_path} (or disable it) and re-run"
            ) from exc
        raise
    log.info(
        "landed batch %s: %d documents, %d unchanged since landed (not re-landed), %d quarantined",
        meta.batch_id, meta.fetched, meta.unchanged, meta.quarantined,
    )
    return {
        "source": source_name, "batch_id": meta.batch_id, "fetched": meta.fetched,
        "unchanged": meta.unchanged, "quarantined": meta.quarantined,
    }


def load_landed_batches(report_rejected: Callable[[list[str]], None]) -> list[dict[str, Any]]:
    """Load every pending landing batch under the writer lock (the batch gate screens rows).

    Batches the gate rejected as a whole are handed to `report_rejected` (check_ingest_run fails the
    run for them). Skips (no raw Asset, no transform) when no document was added or changed.
    """
    from dataclasses import asdict

    from airflow.sdk.exceptions import AirflowSkipException

    from osint.pipeline import load_batches

    results = load_batches(load_pipeline_config(), progress=log.info)
    for r in results:
        log.info(
            "batch %s (%s): %s, %d new, %d updated, %d duplicate, %d quarantined%s",
            r.batch_id, r.source_name, r.status, r.new, r.updated, r.duplicate, r.quarantined,
            f" — {r.error}" if r.error else "",
        )
    rejected = [f"{r.source_name}: {r.error}" for r in results if r.status == "rejected"]
    if rejected:
        report_rejected(rejected)
    if not sum(r.new + r.updated for r in results):
        raise AirflowSkipException(f"loaded {len(results)} batches, no new or changed documents: nothing to transform")
    return [asdict(r) for r in results]


def check_ingest_run(states: dict[str, str], sources: list[str], rejected: list[str]) -> None:
    """Fail the run (after the healthy sources loaded) when a source failed or its batch was rejected."""
    from airflow.sdk.exceptions import AirflowFailException

    named = name_fetch_states(states, sources)
    log.info("task states of this run: %s", named)
    bad = sorted(k for k, v in named.items() if v in ("failed", "upstream_failed"))
    if bad or rejected:
        raise AirflowFailException(
            "not every source was ingested — "
            + "; ".join(
                ([f"failed: {', '.join(bad)}"] if bad else [])
                + ([f"batch rejected by the gate: {' | '.join(rejected)}"] if rejected else [])
            )
            + " (see those tasks' logs and data/reports; the healthy sources were loaded)"
        )


def extract_facts() -> dict[str, Any]:
    """Annotate new documents; skips the run while nothing has been ingested (empty marts fail the gate)."""
    from dataclasses import asdict

    from airflow.sdk.exceptions import AirflowSkipException

    from osint.pipeline import document_count, extract

    config = load_pipeline_config()
    if not document_count(config):
        raise AirflowSkipException("raw.documents is empty: run osint_ingest first; nothing to transform")
    return asdict(extract(config, progress=log.info))


def build_marts() -> dict[str, Any]:
    """`dbt build` as one invocation; a failing model or test fails at once, without retries."""
    from airflow.sdk.exceptions import AirflowFailException

    from osint.errors import BuildError
    from osint.pipeline import build

    try:
        summary = build(load_pipeline_config(), progress=log.info)
    except BuildError as exc:
        raise AirflowFailException(f"{exc} — fix the model or the data; a retry would fail the same way") from exc
    log.info("dbt build finished in %.1f s: %s", summary.seconds, summary.nodes)
    return {"seconds": round(summary.seconds, 3), "nodes": summary.nodes}


def gate_marts() -> dict[str, Any]:
    """Run the mart gate; name every failing mart and expectation, then fail without retrying.

    Returns the passed gate with the fingerprint of the marts it saw, so publish_marts does not run
    it again unless the marts changed in between.
    """
    from dataclasses import asdict

    from airflow.sdk.exceptions import AirflowFailException

    from osint.pipeline import check_for_publish

    result, passed = check_for_publish(load_pipeline_config())
    if not result.success or passed is None:
        for failure in result.failures:
            log.error("mart gate: mart %s failed %s", failure.table, failure.describe())
        raise AirflowFailException(f"{result.summary()} (report: {result.report_path})")
    log.info("%s (report: %s)", result.summary(), result.report_path)
    return asdict(passed)


def publish_marts(passed_gate: dict[str, Any]) -> dict[str, Any]:
    """Write the audited marts to a new DuckDB file + Parquet and swap it in atomically."""
    from airflow.sdk.exceptions import AirflowFailException

    from osint.errors import GateFailedError
    from osint.pipeline import publish
    from osint.publish import PassedGate

    try:
        result = publish(load_pipeline_config(), passed=PassedGate(**passed_gate))
    except GateFailedError as exc:
        raise AirflowFailException(str(exc)) from exc
    reused = "reused the gate of gate_marts" if result.gate.get("reused") else "marts changed since gate_marts: gated again"
    log.info("published build %s to %s (%s): %s", result.build_id, result.path, reused, result.row_counts)
    if result.lake_snapshot is not None:
        log.info("committed as snapshot %s of DuckLake %s", result.lake_snapshot, result.lake_catalog)
    return {
        "build_id": result.build_id, "path": result.path, "row_counts": result.row_counts, "gate": result.gate,
        "lake_snapshot": result.lake_snapshot,
    }


def maintain_warehouse() -> dict[str, Any]:
    """Compact the working warehouse; expire DuckLake publications past warehouse.keep_publications_days."""
    from dataclasses import asdict

    from osint.maintain import maintain

    result = maintain(load_pipeline_config())
    log.info(
        "compacted %d tables: %d -> %d bytes (%d reclaimed) in %.1f s",
        result.tables, result.before_bytes, result.after_bytes, result.reclaimed_bytes, result.seconds,
    )
    return {**asdict(result), "reclaimed_bytes": result.reclaimed_bytes}


# --- embedded runner -------------------------------------------------------------------------


def embedded_environment(airflow_home: Path, config: Path) -> dict[str, str]:
    """Environment for an Airflow that lives entirely in `airflow_home` (SQLite, no servers)."""
    return {
        "AIRFLOW_HOME": str(airflow_home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(settings.dags_folder()),
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


WRITER_POOL_COMMAND = f'airflow pools set {WRITER_POOL} 1 "single DuckDB writer"'


def ensure_writer_pool() -> bool:
    """Create pool `duckdb_writer` (1 slot) unless it exists; True when it was created.

    Needs the metadata database: the embedded runner and the `osint` Airflow plugin (scheduler,
    dag-processor and triggerer start) call it, never a task. A pool that exists is left alone, so
    an operator's own setting survives restarts.
    """
    from airflow.models.pool import Pool

    if Pool.get_pool(WRITER_POOL) is not None:
        return False
    try:
        Pool.create_or_update_pool(
            WRITER_POOL, slots=1, description="single DuckDB writer (created by the osint plugin)",
            include_deferred=False,
        )
    except Exception:
        # the scheduler and the dag-processor start together: the other one may have just created it
        if Pool.get_pool(WRITER_POOL) is not None:
            return False
        raise
    log.warning("created Airflow pool %s with 1 slot (same as `%s`)", WRITER_POOL, WRITER_POOL_COMMAND)
    return True


def prepare_metadata_db() -> None:
    """Migrate the metadata DB configured in the environment and create the writer pool."""
    from airflow.utils.db import upgradedb

    upgradedb()
    ensure_writer_pool()


def run_dags_once(dag_ids: list[str]) -> dict[str, str]:
    """`DAG.test()` each DAG in order, in this process; returns {dag_id: final run state}."""
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(settings.dags_folder()))
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
        prog="python -m osint.orchestration",
        description="Run osint_ingest then osint_transform once with DAG.test(): no scheduler, SQLite metadata.",
    )
    parser.add_argument("--config", default=str(settings.config_path()))
    parser.add_argument(
        "--airflow-home",
        default=None,
        help="Airflow state folder (default: <data_dir>/airflow of the config)",
    )
    parser.add_argument(
        "--dag", action="append", choices=[INGEST_DAG_ID, TRANSFORM_DAG_ID], help="only these DAGs"
    )
    args = parser.parse_args(argv)

    from ingestion.errors import ConfigError
    from osint.config import load_config

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
