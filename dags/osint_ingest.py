"""osint_ingest — fetch every enabled source in parallel, then load the landed batches with one writer.

    list_sources ──► fetch_source[<source>] × N ──► load_batches ──► check_sources
     (config,          (mapped, parallel, no         (pool duckdb_writer,   (fails the run if a
      in a task)        warehouse lock)               batch gate inside,     source failed, after
                                                      emits osint://warehouse/raw)  the others loaded)

A source that is down fails only its own mapped `fetch_source` task (after its retries); the load
still runs for the sources that landed (trigger rule all_done_min_one_success), the raw Asset is
emitted for them, and `check_sources` then marks the run failed so the broken source is visible.

Scheduling: CronDataIntervalTimetable, hourly by default (OSINT_INGEST_SCHEDULE, any cron), in
UTC, no catchup by default (OSINT_INGEST_CATCHUP=true turns it on). Backfilling a range of data
intervals is safe: connectors are cursor-based and landing is idempotent on doc_id/content hash,
so a re-fetched document is a duplicate, never a second row.

This file only orchestrates: every task calls the same library functions as the `osint` CLI, and
nothing heavier than `ingestion.orchestration` (standard library only) is imported at parse time.
"""

from __future__ import annotations

import logging
import os
from datetime import timedelta
from typing import Any

import pendulum
from airflow.sdk import Asset, CronDataIntervalTimetable, TriggerRule, dag, get_current_context, task

from ingestion.orchestration import (
    INGEST_DAG_ID,
    RAW_ASSET_URI,
    WRITER_POOL,
    load_pipeline_config,
    name_fetch_states,
    task_defaults,
)

log = logging.getLogger(__name__)

RAW_ASSET = Asset(RAW_ASSET_URI)


@dag(
    dag_id=INGEST_DAG_ID,
    description="Fetch the enabled sources in parallel, load the landed batches (batch gate), emit the raw Asset",
    schedule=CronDataIntervalTimetable(os.environ.get("OSINT_INGEST_SCHEDULE", "0 * * * *"), timezone="UTC"),
    start_date=pendulum.datetime(2025, 1, 1, tz="UTC"),
    catchup=os.environ.get("OSINT_INGEST_CATCHUP", "false").lower() in ("1", "true", "yes"),
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
        from airflow.sdk.exceptions import AirflowFailException

        config = load_pipeline_config()
        names = [s.name for s in config.enabled_sources]
        if not names:
            raise AirflowFailException(f"{config.config_path}: no enabled sources to fetch")
        log.info("fetching %d sources: %s", len(names), ", ".join(names))
        return names

    @task(map_index_template="{{ task.op_kwargs['source_name'] }}")
    def fetch_source(source_name: str) -> dict[str, Any]:
        """Fetch one source into a landing batch (Parquet); retried with backoff when it fails."""
        from airflow.sdk.exceptions import AirflowFailException

        from ingestion.errors import ConfigError
        from ingestion.landing import fetch_source as land_source

        config = load_pipeline_config()
        try:
            source = config.source(source_name)
        except ConfigError as exc:
            raise AirflowFailException(f"{exc} (removed from the config since this run started?)") from exc
        context = get_current_context()
        # Connectors are cursor-based: the interval is logged for the audit trail, the cursor decides
        # what is new (so a backfilled interval re-reads nothing twice into raw.*).
        log.info(
            "fetching %s source %s for data interval %s – %s",
            source.kind,
            source_name,
            context.get("data_interval_start"),
            context.get("data_interval_end"),
        )
        meta = land_source(config, source)  # SourceError propagates: the task fails and is retried
        log.info(
            "landed batch %s: %d documents, %d quarantined", meta.batch_id, meta.fetched, meta.quarantined
        )
        return {
            "source": source_name,
            "batch_id": meta.batch_id,
            "fetched": meta.fetched,
            "quarantined": meta.quarantined,
        }

    @task(pool=WRITER_POOL, trigger_rule=TriggerRule.ALL_DONE_MIN_ONE_SUCCESS, outlets=[RAW_ASSET])
    def load_batches() -> list[dict[str, Any]]:
        """Load every pending landing batch into raw.* under the writer lock; the batch gate screens rows.

        Emits the raw Asset only when documents were added or changed: an hour with nothing new
        does not trigger a transform.
        """
        from dataclasses import asdict

        from airflow.sdk.exceptions import AirflowSkipException

        from ingestion.pipeline import load_batches as load_landed

        results = load_landed(load_pipeline_config(), progress=log.info)
        for r in results:
            log.info(
                "batch %s (%s): %s, %d new, %d updated, %d duplicate, %d quarantined%s",
                r.batch_id,
                r.source_name,
                r.status,
                r.new,
                r.updated,
                r.duplicate,
                r.quarantined,
                f" — {r.error}" if r.error else "",
            )
        rejected = [f"{r.source_name}: {r.error}" for r in results if r.status == "rejected"]
        if rejected:
            # the batch gate rejected these whole batches (rows kept in raw.quarantine); check_sources fails the run
            get_current_context()["ti"].xcom_push(key="rejected_batches", value=rejected)
        changed = sum(r.new + r.updated for r in results)
        if not changed:
            raise AirflowSkipException(
                f"loaded {len(results)} batches, no new or changed documents: nothing to transform"
            )
        return [asdict(r) for r in results]

    @task(trigger_rule=TriggerRule.ALL_DONE, retries=0)
    def check_sources() -> None:
        """Fail the run, after the healthy sources were loaded, when a source failed to fetch or its batch was rejected."""
        from airflow.sdk.exceptions import AirflowFailException

        context = get_current_context()
        ti, run_id = context["ti"], context["run_id"]
        states = ti.get_task_states(
            dag_id=ti.dag_id, task_ids=["fetch_source", "list_sources", "load_batches"], run_ids=[run_id]
        )
        named = name_fetch_states(states.get(run_id, {}), ti.xcom_pull(task_ids="list_sources") or [])
        log.info("task states of this run: %s", named)
        bad = sorted(k for k, v in named.items() if v in ("failed", "upstream_failed"))
        rejected = ti.xcom_pull(task_ids="load_batches", key="rejected_batches") or []
        if bad or rejected:
            raise AirflowFailException(
                "not every source was ingested — "
                + "; ".join(
                    ([f"failed: {', '.join(bad)}"] if bad else [])
                    + ([f"batch rejected by the gate: {' | '.join(rejected)}"] if rejected else [])
                )
                + " (see those tasks' logs and data/reports; the healthy sources were loaded)"
            )

    load = load_batches()
    fetch_source.expand(source_name=list_sources()) >> load >> check_sources()


osint_ingest()
