"""The writer pool exists before any task needs it (issue 22: without it `load_batches` waited for ever).

Airflow 3 tasks cannot reach the metadata database, so the `osint` plugin creates pool
`duckdb_writer` when a scheduler / dag-processor / triggerer job starts. The real scheduler test
(test_real_scheduler.py) deploys without `airflow pools set` and must still finish.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from osint.orchestration import WRITER_POOL


def _slots() -> int | None:
    from airflow.models.pool import Pool

    pool = Pool.get_pool(WRITER_POOL)
    return None if pool is None else int(pool.slots)


@pytest.fixture
def no_writer_pool(airflow_db: Path) -> Iterator[None]:
    """The metadata DB without the pool (as after `airflow db migrate`); restored afterwards."""
    from airflow.models.pool import Pool

    Pool.delete_pool(WRITER_POOL)
    assert _slots() is None
    yield
    Pool.create_or_update_pool(WRITER_POOL, slots=1, description="single DuckDB writer", include_deferred=False)


def test_a_starting_job_creates_the_missing_pool(no_writer_pool: None) -> None:
    from airflow.jobs.job import Job

    from osint.airflow_plugin import OsintPlugin

    [listener] = OsintPlugin.listeners
    listener.on_starting(component=Job())
    assert _slots() == 1


def test_an_existing_pool_is_left_as_the_operator_set_it(no_writer_pool: None) -> None:
    from airflow.jobs.job import Job
    from airflow.models.pool import Pool

    from osint.airflow_plugin import OsintPlugin

    Pool.create_or_update_pool(WRITER_POOL, slots=3, description="ours", include_deferred=False)
    [listener] = OsintPlugin.listeners
    listener.on_starting(component=Job())
    assert _slots() == 3


def test_the_task_runner_start_touches_no_database(no_writer_pool: None) -> None:
    from airflow.sdk.execution_time.task_runner import TaskRunnerMarker

    from osint.airflow_plugin import OsintPlugin

    [listener] = OsintPlugin.listeners
    listener.on_starting(component=TaskRunnerMarker())
    assert _slots() is None


def test_airflow_loads_the_plugin_with_its_listener(tmp_path: Path) -> None:
    """From a plugins folder holding one import line (what the README shows without the entry point)."""
    from airflow._shared.plugins_manager import _load_plugins_from_plugin_directory

    (tmp_path / "osint_plugin.py").write_text("from osint.airflow_plugin import OsintPlugin\n")
    plugins, errors = _load_plugins_from_plugin_directory(plugins_folder=str(tmp_path))
    assert not errors
    [plugin] = [p for p in plugins if p.name == "osint"]
    assert [type(listener).__name__ for listener in plugin.listeners] == ["WriterPoolListener"]


def test_the_embedded_runner_creates_the_pool(no_writer_pool: None) -> None:
    from osint.orchestration import prepare_metadata_db

    prepare_metadata_db()
    assert _slots() == 1
