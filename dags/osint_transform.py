"""osint_transform — extract facts, build the marts with dbt, gate them, publish them atomically.

    extract_facts ──► build_marts ──► gate_marts ──► publish_marts
    (raw.ann_*)       (dbt build:      (GX mart gate)  (write–audit–publish; emits
                       seeds, models,                   osint://published/marts)
                       tests)

Every task writes the working warehouse, so every task runs in pool `duckdb_writer` (1 slot) and
the library holds the OS writer lock as well. Scheduled on the raw Asset that osint_ingest emits
when it loaded something new, or by a daily fallback (OSINT_TRANSFORM_FALLBACK_SCHEDULE, default
04:30 UTC) so extractor or model changes reach the marts even on a quiet day. Gate failures and
dbt test failures are data errors: they fail at once (AirflowFailException), no retries, and the
previous publication stays in place.

dbt as ONE task, not one task per dbt node (astronomer-cosmos 1.15, LOCAL mode) — decided by
measurement (scripts/measure_dbt_rendering.py): sample documents, DAG.test() of the dbt stage only,
on a warehouse already loaded and annotated, 2-core machine. Twice, as the dbt project grew:

    dbt project                         variant                   tasks   parse file   run stage
    7 models, 2 seeds, 37 tests         one task (`dbt build`)        1      0.05 s      10.8 s
    (idle machine)                      cosmos LoadMode.DBT_LS       20      5.0 s       26.7 s
                                        cosmos LoadMode.DBT_MANIFEST 20      0.1 s       31.0 s
    46 models, 3 seeds, 319 tests,      one task (`dbt build`)        1      0.1 s       72.7 s
    5 unit tests (machine shared,       cosmos LoadMode.DBT_LS        —    > 30 s: Airflow's DagBag
    load ≈ 6 on 2 cores)                                                   import timeout, DAG not loaded
                                        cosmos LoadMode.DBT_MANIFEST 136     0.58 s     606 s

Cosmos' default render runs `dbt ls` on every parse (over the 2 s budget, and past Airflow's 30 s
import timeout once the project grew); the manifest mode parses fast but needs a compiled manifest
kept in step with the models. Either way every node is its own dbt invocation (parse + adapter
start), and every node needs the single writer slot, so per-node tasks buy no parallelism — only a
dbt stage 2.5× (small project) to 8× (current project) slower, growing with every model and test.
Cosmos would also bypass the library's writer lock and must not share DBT_TARGET_PATH (its per-task
project copies break dbt's partial parse). Per-node visibility comes from the build task's log (one
line per dbt node) and dbt's run_results.json under <data_dir>/dbt/target.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from airflow.sdk import Asset, AssetOrTimeSchedule, CronTriggerTimetable, dag, task

from osint import orchestration, settings
from osint.orchestration import MARTS_ASSET_URI, RAW_ASSET_URI, TRANSFORM_DAG_ID, WRITER_POOL, task_defaults

RAW_ASSET = Asset(RAW_ASSET_URI)
MARTS_ASSET = Asset(MARTS_ASSET_URI)


@dag(
    dag_id=TRANSFORM_DAG_ID,
    description="Extract facts, dbt build, mart gate, atomic publish; emits the published-marts Asset",
    schedule=AssetOrTimeSchedule(
        timetable=CronTriggerTimetable(settings.transform_fallback_schedule(), timezone="UTC"),
        assets=RAW_ASSET,
    ),
    # No start_date: the daily fallback then first fires at its next tick, not on unpause (with a
    # start_date, Airflow schedules the latest past tick at once, before anything was ingested).
    catchup=False,  # the marts are rebuilt from all of raw: one run is as good as many
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=3),
    default_args={**task_defaults(execution_timeout=timedelta(hours=1)), "pool": WRITER_POOL},
    tags=["osint", "transform", "dbt", "publish", "writes-warehouse"],
    doc_md=__doc__,
)
def osint_transform() -> None:
    @task
    def extract_facts() -> dict[str, Any]:
        """Annotate documents not yet annotated at the current extractor version (raw.ann_*)."""
        return orchestration.extract_facts()

    @task
    def build_marts() -> dict[str, Any]:
        """`dbt build` (seeds, models, tests) as one invocation; a failing model or test fails at once."""
        return orchestration.build_marts()

    @task(execution_timeout=timedelta(minutes=20))
    def gate_marts() -> dict[str, Any]:
        """Run the mart gate; returns the passed gate (with the marts' fingerprint) for publish_marts."""
        return orchestration.gate_marts()

    @task(execution_timeout=timedelta(minutes=20), outlets=[MARTS_ASSET])
    def publish_marts(passed_gate: dict[str, Any]) -> dict[str, Any]:
        """Write the audited marts to a new DuckDB file + Parquet and swap it in atomically."""
        return orchestration.publish_marts(passed_gate)

    gated = gate_marts()
    extract_facts() >> build_marts() >> gated
    publish_marts(gated)


osint_transform()
