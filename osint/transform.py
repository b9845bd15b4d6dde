"""Transform: run the dbt project (staging → intermediate → marts) against the working warehouse."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from osint.errors import BuildError
from osint.settings import dbt_project_dir, duckdb_memory_limit
from osint.warehouse import DataLayout, close_before_release, holds_writer_lock

if TYPE_CHECKING:
    from osint.lake import Lake


@dataclass
class BuildSummary:
    command: str
    success: bool
    seconds: float
    nodes: dict[str, int] = field(default_factory=dict)  # status -> count
    failures: list[str] = field(default_factory=list)


def dbt_environment(layout: DataLayout, lake: Lake | None = None) -> dict[str, str]:
    """What the dbt project's profiles.yml and dbt itself read, for one working warehouse (and the
    DuckLake the `lake` target builds into)."""
    project = dbt_project_dir()
    into_lake = {"OSINT_LAKE_CATALOG": lake.catalog, "OSINT_LAKE_DATA_PATH": lake.data_folder} if lake else {}
    return {
        **into_lake,
        "OSINT_WAREHOUSE_PATH": str(layout.warehouse.resolve()),
        "OSINT_DUCKDB_MEMORY_LIMIT": duckdb_memory_limit(),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        "DBT_TARGET_PATH": str(layout.dbt_target.resolve()),
        "DBT_LOG_PATH": str(layout.dbt_logs.resolve()),
        "DBT_PROFILES_DIR": str(project),
        "DBT_PROJECT_DIR": str(project),
    }


def close_dbt_connections() -> None:
    """Close the DuckDB database dbt-duckdb keeps open per process after a dbt command.

    dbt-duckdb caches one environment (and its open database) in a class attribute and closes it
    only when its handle count drops to zero, which `dbtRunner.invoke` does not guarantee: the
    warehouse file stayed open after `dbt build`, past the writer lock, and the next writer's
    connect failed with "Could not set lock on file".
    """
    try:
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    except ImportError:  # pragma: no cover - dbt-duckdb is a core dependency
        return
    with DuckDBConnectionManager._LOCK:
        env = DuckDBConnectionManager._ENV
        DuckDBConnectionManager._ENV = None
        if env is not None:
            env.close()


close_before_release(close_dbt_connections)


def run_dbt(
    layout: DataLayout,
    args: list[str],
    progress: Callable[[str], None] | None = None,
    require_lock: bool = True,
    lake: Lake | None = None,
) -> BuildSummary:
    """Invoke dbt in-process (`dbt <args>`); the caller holds the writer lock and no open connection.
    With a `lake`, the models build into that DuckLake (the profile's `lake` target)."""
    if require_lock and not holds_writer_lock(layout):
        raise RuntimeError("run_dbt() needs the warehouse writer lock")
    from dbt.cli.main import dbtRunner

    os.environ.update(dbt_environment(layout, lake))
    layout.dbt_target.mkdir(parents=True, exist_ok=True)
    layout.dbt_logs.mkdir(parents=True, exist_ok=True)

    def on_event(event: Any) -> None:
        if progress and event.info.name == "NodeFinished":
            node = event.data.node_info
            if node.resource_type != "test" or node.node_status not in ("pass", "success"):
                progress(f"dbt {node.resource_type} {node.node_name}: {node.node_status}")

    started = time.perf_counter()
    project = str(dbt_project_dir())
    full_args = [*args, "--project-dir", project, "--profiles-dir", project, "--quiet"]
    if lake is not None:
        full_args += ["--target", "lake"]
    try:
        result = dbtRunner(callbacks=[on_event]).invoke(full_args)
    finally:
        close_dbt_connections()
    summary = BuildSummary(command=" ".join(args), success=bool(result.success), seconds=time.perf_counter() - started)
    if result.exception is not None:
        summary.success = False
        summary.failures.append(f"dbt {args[0]}: {result.exception}")
    run_results = getattr(result.result, "results", None) or []
    for r in run_results:
        status = str(getattr(r.status, "value", r.status))
        summary.nodes[status] = summary.nodes.get(status, 0) + 1
        if status in ("error", "fail", "runtime error"):
            summary.failures.append(f"{r.node.resource_type} {r.node.name}: {status}: {(r.message or '').strip()[:500]}")
    return summary


def build_marts(
    layout: DataLayout,
    full_refresh: bool = False,
    progress: Callable[[str], None] | None = None,
    lake: Lake | None = None,
) -> BuildSummary:
    """`dbt build` (seeds, models, tests); raises BuildError naming the failing nodes. With a `lake`, the
    same project builds its models into that DuckLake from the working warehouse's raw tables."""
    args = ["build"] + (["--full-refresh"] if full_refresh else [])
    summary = run_dbt(layout, args, progress, lake=lake)
    if not summary.success:
        details = "; ".join(summary.failures[:5]) or "see data/dbt/logs/dbt.log"
        raise BuildError(f"dbt build failed: {details}")
    return summary
