"""Airflow plugin `osint`: creates the `duckdb_writer` pool when an Airflow component starts.

Every task that writes DuckDB runs in pool `duckdb_writer` (1 slot). Airflow does not create pools,
and a task whose pool does not exist stays `scheduled` for ever, with only a scheduler log line to
say why. Airflow 3 tasks cannot reach the metadata database (and the Task SDK has no pool API), so
the pool cannot be created from a task: this plugin's listener does it in the Airflow process that
starts first and has the database — `on_starting` of the scheduler, dag-processor and triggerer
jobs — before any task is scheduled. An existing pool is left as its operator set it.

Loaded through the `airflow.plugins` entry point of this package (pyproject.toml), or by putting a
file that imports `OsintPlugin` into Airflow's plugins folder.
"""

from __future__ import annotations

import logging
from typing import Any

from airflow.listeners import hookimpl
from airflow.plugins_manager import AirflowPlugin

log = logging.getLogger(__name__)


class WriterPoolListener:
    """Lifecycle listener: `on_starting` of a metadata-database job ensures the writer pool."""

    @hookimpl
    def on_starting(self, component: Any) -> None:
        # Only a job (scheduler, dag-processor, triggerer) has the database; the task runner calls
        # this too, with a marker object, and must not even import the ORM.
        if type(component).__module__ != "airflow.jobs.job":
            return
        from osint.orchestration import ensure_writer_pool

        ensure_writer_pool()


class OsintPlugin(AirflowPlugin):
    name = "osint"
    listeners = [WriterPoolListener()]  # noqa: RUF012 (AirflowPlugin declares it as a class attribute)
