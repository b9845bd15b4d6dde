"""Airflow for the DAG tests: its home, SQLite metadata and logs in a temporary folder.

Airflow reads its configuration once, when first imported, so the environment is set here, at
collection time, before any test module imports it; nothing is written under the repository.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from osint.orchestration import embedded_environment
from osint.settings import dags_folder

DAGS_FOLDER = dags_folder()

_AIRFLOW_HOME = Path(tempfile.mkdtemp(prefix="osint-airflow-tests-"))
_AIRFLOW_OWNED = "airflow" not in sys.modules
if _AIRFLOW_OWNED:
    for key, value in embedded_environment(_AIRFLOW_HOME, Path("/nonexistent/osint-config.yml")).items():
        if key != "OSINT_CONFIG":  # each test points OSINT_CONFIG at its own config (monkeypatch)
            os.environ[key] = value
    os.environ["AIRFLOW__LOGGING__BASE_LOG_FOLDER"] = str(_AIRFLOW_HOME / "logs")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_AIRFLOW_HOME, ignore_errors=True)


@pytest.fixture(scope="session")
def airflow_db() -> Path:
    """A migrated SQLite metadata DB with the duckdb_writer pool; returns the Airflow home."""
    if not _AIRFLOW_OWNED:
        pytest.skip(
            "airflow was imported before tests/dags/conftest.py could configure it; run tests/dags alone"
        )
    from osint.orchestration import prepare_metadata_db

    prepare_metadata_db()
    return _AIRFLOW_HOME


@pytest.fixture(scope="session")
def dag_bag(airflow_db: Path) -> Any:
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS_FOLDER))


@pytest.fixture
def fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """One retry after one second, so a failing task finishes its retries quickly under DAG.test()."""
    monkeypatch.setenv("OSINT_TASK_RETRIES", "1")
    monkeypatch.setenv("OSINT_RETRY_DELAY_SECONDS", "1")


@pytest.fixture
def dag_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """Write a pipeline config into tmp_path and point OSINT_CONFIG at it; returns the data dir."""

    def _make(sources: list[dict[str, Any]]) -> Path:
        data_dir = tmp_path / "data"
        path = tmp_path / "config.yml"
        path.write_text(
            yaml.safe_dump({"data_dir": str(data_dir), "lock_timeout_seconds": 60, "sources": sources}),
            encoding="utf-8",
        )
        monkeypatch.setenv("OSINT_CONFIG", str(path))
        monkeypatch.delenv("OSINT_DATA_DIR", raising=False)
        return data_dir

    return _make


@pytest.fixture
def fresh_dag(airflow_db: Path) -> Iterator[Callable[[str], Any]]:
    """Parse the DAG files now (after the test set its environment) and return one DAG by id."""
    from airflow.dag_processing.dagbag import DagBag

    def _get(dag_id: str) -> Any:
        bag = DagBag(dag_folder=str(DAGS_FOLDER))
        assert not bag.import_errors, bag.import_errors
        return bag.get_dag(dag_id)

    yield _get
