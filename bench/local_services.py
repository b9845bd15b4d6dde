"""Local services the benchmarks and the deployment tests start and stop: connections to the local
PostgreSQL server, a free TCP port, an HTTP server on 127.0.0.1 in a thread, process groups, and the
environment of a real Airflow deployment of the project's DAGs."""

from __future__ import annotations

import contextlib
import http.server
import os
import secrets
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}  # trust auth


def pg_connect(dbname: str = "postgres") -> Any:
    """An autocommit connection to a database of the local PostgreSQL server."""
    import psycopg2

    con = psycopg2.connect(dbname=dbname, connect_timeout=3, **PG)
    con.autocommit = True
    return con


def pg_query(dbname: str, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    con = pg_connect(dbname)
    try:
        with con.cursor() as cur:
            cur.execute(sql, params)
            return list(cur.fetchall())
    finally:
        con.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def http_server(handler: type[http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """`handler` served on 127.0.0.1 by a thread of this process; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def stop_process_groups(procs: list[subprocess.Popen[bytes]], grace_seconds: float = 20) -> None:
    """SIGTERM each process group, then SIGKILL whatever is left: task runners are children too, and
    a group may outlive its leader."""
    for p in procs:
        if p.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace_seconds
    for p in procs:
        with contextlib.suppress(subprocess.TimeoutExpired):
            p.wait(timeout=max(0.1, deadline - time.monotonic()))
    for p in procs:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(p.pid, signal.SIGKILL)
        if p.poll() is None:
            p.wait(timeout=10)


def plugin_entry_point_installed() -> bool:
    """Whether the installed package declares the osint Airflow plugin (else it is loaded from a folder)."""
    from importlib.metadata import entry_points

    return any(ep.value.startswith("osint.airflow_plugin") for ep in entry_points(group="airflow.plugins"))


def airflow_environment(
    *, home: Path, dags_folder: Path, logs: Path, plugins: Path, dbname: str, port: int, config: Path,
    executor: str = "LocalExecutor", extra: dict[str, str] | None = None,
) -> dict[str, str]:
    """The environment of an Airflow 3 deployment on 127.0.0.1 (scheduler, dag-processor, api-server) of the
    project's DAGs on a PostgreSQL database of its own: fast heartbeats, no telemetry, the DAGs paused at
    creation, the daily transform fallback off (only the Asset triggers the transform), the osint plugin
    from the package's entry point or, when the package is not installed, from `plugins`. `extra` wins."""
    env = {
        **os.environ,
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(dags_folder),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__EXECUTOR": executor,
        "AIRFLOW__CORE__PARALLELISM": "4",
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "True",
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"postgresql+psycopg2://postgres@127.0.0.1:5432/{dbname}",
        "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_hex(32),
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__PORT": str(port),
        "AIRFLOW__API__WORKERS": "1",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
        "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(logs / "tasks"),
        "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
        "AIRFLOW__DAG_PROCESSOR__MIN_FILE_PROCESS_INTERVAL": "600",
        "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "1",
        "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK": "False",
        "AIRFLOW__COSMOS__ENABLE_TELEMETRY": "False",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        "SCARF_ANALYTICS": "false",
        "OSINT_CONFIG": str(config),
        # the daily fallback (default 04:30 UTC) must not add a transform run that is not the Asset's
        "OSINT_TRANSFORM_FALLBACK_SCHEDULE": "0 0 1 1 *",
        **(extra or {}),
    }
    env.pop("OSINT_DATA_DIR", None)
    if not plugin_entry_point_installed():
        plugins.mkdir(parents=True, exist_ok=True)
        (plugins / "osint_plugin.py").write_text("from osint.airflow_plugin import OsintPlugin  # noqa: F401\n")
        env["AIRFLOW__CORE__PLUGINS_FOLDER"] = str(plugins)
    return env
