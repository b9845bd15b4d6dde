"""Fixtures for the dbt tests: one hand-made warehouse built once per module."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from tests.dbt.warehouse_fixture import documents, run_dbt, write_documents


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture corpus landed and annotated, then `dbt build` (seeds, models, unit and data tests)."""
    work = tmp_path_factory.mktemp("dbt_marts")
    warehouse = work / "warehouse.duckdb"
    con = duckdb.connect(str(warehouse))
    try:
        write_documents(con, documents(), fetched_at=datetime(2025, 3, 1, 12, 0))
    finally:
        con.close()
    run_dbt(warehouse, ["build"], work)
    return warehouse


@pytest.fixture
def marts(built_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    # dbt-duckdb keeps its in-process connection open: a second one must use the same configuration
    con = duckdb.connect(str(built_warehouse))
    try:
        yield con
    finally:
        con.close()
