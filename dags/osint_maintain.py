"""osint_maintain — weekly upkeep of the storage: compact the working warehouse, expire old publications.

    maintain_warehouse
    (copy the warehouse into a fresh file, verify every table, swap it in; with a DuckLake and
     warehouse.keep_publications_days, expire older snapshots and delete the files only they read)

DuckDB never shrinks its file: re-annotated documents, incremental merges and rebuilt tables leave
free blocks behind, so a warehouse rebuilt daily only grows. The task holds the writer pool (and the
library's OS writer lock), so it never runs beside a load or a transform. Schedule:
OSINT_MAINTAIN_SCHEDULE (default Sunday 03:00 UTC). The same work is `osint maintain` on the command line.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from airflow.sdk import CronTriggerTimetable, dag, task

from osint import orchestration, settings
from osint.orchestration import MAINTAIN_DAG_ID, WRITER_POOL, task_defaults


@dag(
    dag_id=MAINTAIN_DAG_ID,
    description="Compact the working warehouse; expire DuckLake publications past their retention",
    schedule=CronTriggerTimetable(settings.maintain_schedule(), timezone="UTC"),
    catchup=False,  # one compaction is as good as many
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=2),
    default_args={**task_defaults(execution_timeout=timedelta(hours=1)), "pool": WRITER_POOL},
    tags=["osint", "maintenance", "writes-warehouse"],
    doc_md=__doc__,
)
def osint_maintain() -> None:
    @task
    def maintain_warehouse() -> dict[str, Any]:
        """Compact the working warehouse (and expire old DuckLake publications when configured)."""
        return orchestration.maintain_warehouse()

    maintain_warehouse()


osint_maintain()
