"""osint_ingest — fetch every enabled source in parallel, then load the landed batches with one writer.

    list_sources ──► fetch_source[<source>] × N ──► load_batches ──► check_sources
     (config,          (mapped, parallel, no         (pool duckdb_writer,   (fails the run if a
      in a task)        warehouse lock)               batch gate inside,     source failed, after
                                                      emits osint://warehouse/raw)  the others loaded)

A source that is down fails only its own mapped `fetch_source[<source>]` task; the load still runs
for the sources that landed (trigger rule all_done_min_one_success), the raw Asset is emitted for
them, and `check_sources` then marks the run failed so the broken source is visible. A config error
(a folder that does not exist, missing credentials, a feed answering 404/401/403) fails at once,
without retries; an outage (timeout, connection error, HTTP 5xx) is retried with backoff.

Pool `duckdb_writer` (1 slot) is created by the `osint` Airflow plugin when the scheduler starts
(osint/airflow_plugin.py); without the plugin, create it with
`airflow pools set duckdb_writer 1 "single DuckDB writer"` — else `load_batches` waits for ever.

Scheduling: CronDataIntervalTimetable, hourly by default (OSINT_INGEST_SCHEDULE, any cron), in
UTC, no catchup by default (OSINT_INGEST_CATCHUP=true turns it on). Backfilling a range of data
intervals is safe: connectors are cursor-based and landing is idempotent on doc_id/content hash:
a document already landed with the same content is not landed again, and never becomes a second row.

This file only orchestrates: every task calls the same library functions as the `osint` CLI, and
nothing heavier than `osint.orchestration` and `osint.settings` (standard library only) is imported at
parse time; the task bodies and their messages live in `osint.orchestration`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pendulum
from airflow.sdk import Asset, CronDataIntervalTimetable, TriggerRule, dag, get_current_context, task

from osint import orchestration, settings
from osint.orchestration import INGEST_DAG_ID, RAW_ASSET_URI, WRITER_POOL, task_defaults

RAW_ASSET = Asset(RAW_ASSET_URI)


@dag(
    dag_id=INGEST_DAG_ID,
    description="Fetch the enabled sources in parallel, load the landed batches (batch gate), emit the raw Asset",
    schedule=CronDataIntervalTimetable(settings.ingest_schedule(), timezone="UTC"),
    start_date=pendulum.datetime(2025, 1, 1, tz="UTC"),
    catchup=settings.ingest_catchup(),
    max_active_runs=1,  # the load writes the warehouse; one run at a time keeps batches in order
    dagrun_timeout=timedelta(hours=2),
    default_args=task_defaults(execution_timeout=timedelta(minutes=30)),
    tags=["osint", "ingest", "writes-warehouse"],
    doc_md=__doc__,
)
def osint_ingest() -> None:
    @task(retries=0)
    def list_sources() -> list[str]:
        """The enabled sources of $OSINT_CONFIG, read at run time (never at parse time)."""
        return orchestration.list_enabled_sources()

    @task(map_index_template="{{ task.op_kwargs['source_name'] }}")
    def fetch_source(source_name: str) -> dict[str, Any]:
        """Fetch one source into a landing batch (Parquet); config errors fail at once, outages are retried."""
        context = get_current_context()
        return orchestration.fetch_one_source(
            source_name, (context.get("data_interval_start"), context.get("data_interval_end"))
        )

    @task(pool=WRITER_POOL, trigger_rule=TriggerRule.ALL_DONE_MIN_ONE_SUCCESS, outlets=[RAW_ASSET])
    def load_batches() -> list[dict[str, Any]]:
        """Load every pending landing batch into raw.*; emits the raw Asset only when documents changed."""
        ti = get_current_context()["ti"]
        return orchestration.load_landed_batches(
            lambda rejected: ti.xcom_push(key="rejected_batches", value=rejected)
        )

    @task(trigger_rule=TriggerRule.ALL_DONE, retries=0)
    def check_sources() -> None:
        """Fail the run, after the healthy sources were loaded, when a source failed to fetch or its batch was rejected."""
        context = get_current_context()
        ti, run_id = context["ti"], context["run_id"]
        states = ti.get_task_states(
            dag_id=ti.dag_id, task_ids=["fetch_source", "list_sources", "load_batches"], run_ids=[run_id]
        )
        orchestration.check_ingest_run(
            states.get(run_id, {}),
            ti.xcom_pull(task_ids="list_sources") or [],
            ti.xcom_pull(task_ids="load_batches", key="rejected_batches") or [],
        )

    load = load_batches()
    fetch_source.expand(source_name=list_sources()) >> load >> check_sources()


osint_ingest()
