"""Every deployment setting read from the environment, and where the packaged project files are.

This is the only module that reads `OSINT_*` environment variables (a test enforces it); the README's
"Environment variables" table lists the same names as `VARIABLES`. Values are read when asked for,
not at import, so a test or an Airflow worker can change them for one run.

Packaged files (the dbt project with its seeds, the DAG files) are found through
`importlib.resources`, so an installed wheel runs outside a checkout: `osint/dbt` and `osint/dags`
are symlinks to the top-level `dbt/` and `dags/` folders, which the wheel build follows.
"""

from __future__ import annotations

import os
from dataclasses import fields, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ingestion.errors import ConfigError

if TYPE_CHECKING:
    from expectations.settings import GateSettings

# name → what it sets (the README documents the same list)
VARIABLES: dict[str, str] = {
    "OSINT_CONFIG": "pipeline config file for the CLI and the DAGs (default config/sample.yml)",
    "OSINT_DATA_DIR": "data directory, overriding the config's data_dir",
    "OSINT_EXTRACT_WORKERS": "extraction processes when the config sets none (default: one per core, at most 8)",
    "OSINT_DUCKDB_MEMORY_LIMIT": "DuckDB memory limit for loads and dbt (default 3GB; spills to disk beyond)",
    "OSINT_DBT_PROJECT_DIR": "dbt project to build (default: the packaged project)",
    "OSINT_DAGS_FOLDER": "DAG files for the embedded Airflow runner (default: the packaged dags/)",
    "OSINT_TASK_RETRIES": "retries of every Airflow task (default 3)",
    "OSINT_RETRY_DELAY_SECONDS": "first retry delay of every Airflow task, doubling after (default 60)",
    "OSINT_INGEST_SCHEDULE": "cron schedule of osint_ingest (default hourly: 0 * * * *)",
    "OSINT_INGEST_CATCHUP": "true to let osint_ingest catch up missed intervals (default false)",
    "OSINT_TRANSFORM_FALLBACK_SCHEDULE": "cron of osint_transform besides the raw Asset (default 30 4 * * *)",
    "OSINT_MAINTAIN_SCHEDULE": "cron of osint_maintain: compaction and DuckLake expiry (default weekly: 0 3 * * 0)",
    "OSINT_ANALYST": "who `osint judge` records as the author of a judgement (default: the login name)",
    "OSINT_CELERY_BROKER_URL": "Celery broker of the extraction workers (extract_executor: celery; default redis://127.0.0.1:6379/0)",
    "OSINT_CELERY_RESULT_BACKEND": "Celery result backend of the extraction workers (default redis://127.0.0.1:6379/1)",
    "OSINT_CELERY_TIMEOUT_SECONDS": "longest wait for one extraction shard from a Celery worker before the run fails (default 1800)",
    "OSINT_GATE_<FIELD>": "a gate threshold of expectations.settings.GateSettings, e.g. OSINT_GATE_MAX_SHRINK=0.3",
}
GATE_PREFIX = "OSINT_GATE_"
DEFAULT_MEMORY_LIMIT = "3GB"
DEFAULT_CONFIG = Path("config/sample.yml")


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    return None if value is None or value.strip() == "" else value.strip()


def _int(name: str, default: int, minimum: int | None = None) -> int:
    raw = _raw(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"environment variable {name}={raw!r} must be an integer") from None
    if minimum is not None and value < minimum:
        raise ConfigError(f"environment variable {name}={raw!r} must be at least {minimum}")
    return value


def _bool(name: str, default: bool) -> bool:
    raw = _raw(name)
    if raw is None:
        return default
    if raw.lower() not in ("1", "0", "true", "false", "yes", "no"):
        raise ConfigError(f"environment variable {name}={raw!r} must be true or false")
    return raw.lower() in ("1", "true", "yes")


def analyst() -> str | None:
    return _raw("OSINT_ANALYST")


def config_path() -> Path:
    return Path(_raw("OSINT_CONFIG") or DEFAULT_CONFIG)


def data_dir_override() -> Path | None:
    raw = _raw("OSINT_DATA_DIR")
    return Path(raw).resolve() if raw else None


def celery_broker_url() -> str:
    return _raw("OSINT_CELERY_BROKER_URL") or "redis://127.0.0.1:6379/0"


def celery_result_backend() -> str:
    return _raw("OSINT_CELERY_RESULT_BACKEND") or "redis://127.0.0.1:6379/1"


def celery_timeout_seconds() -> int:
    return _int("OSINT_CELERY_TIMEOUT_SECONDS", 1800, minimum=1)


def extract_workers() -> int | None:
    """OSINT_EXTRACT_WORKERS, or None (the caller picks one process per core)."""
    return _int("OSINT_EXTRACT_WORKERS", 0, minimum=0) or None


def duckdb_memory_limit() -> str:
    """DuckDB's memory limit for warehouse work (loads, dbt).

    DuckDB's own default is 80 % of RAM; with a limit it spills to <warehouse>.tmp instead, so the
    peak memory of a stage stays flat as the warehouse grows.
    """
    return _raw("OSINT_DUCKDB_MEMORY_LIMIT") or DEFAULT_MEMORY_LIMIT


@cache
def _packaged(name: str) -> Path:
    # cached: the extractor asks for its seed folder per name it looks up, and the package does not move
    return Path(str(resources.files("osint").joinpath(name)))


def dbt_project_dir() -> Path:
    raw = _raw("OSINT_DBT_PROJECT_DIR")
    return Path(raw) if raw else _packaged("dbt")


def seeds_dir() -> Path:
    """The curated seeds (gazetteer, outlet registry, places, enums): read by dbt and the extractor."""
    return dbt_project_dir() / "seeds"


def dags_folder() -> Path:
    raw = _raw("OSINT_DAGS_FOLDER")
    return Path(raw) if raw else _packaged("dags")


def task_retries() -> int:
    return _int("OSINT_TASK_RETRIES", 3, minimum=0)


def retry_delay_seconds() -> int:
    return _int("OSINT_RETRY_DELAY_SECONDS", 60, minimum=0)


def ingest_schedule() -> str:
    return _raw("OSINT_INGEST_SCHEDULE") or "0 * * * *"


def ingest_catchup() -> bool:
    return _bool("OSINT_INGEST_CATCHUP", False)


def maintain_schedule() -> str:
    return _raw("OSINT_MAINTAIN_SCHEDULE") or "0 3 * * 0"


def transform_fallback_schedule() -> str:
    return _raw("OSINT_TRANSFORM_FALLBACK_SCHEDULE") or "30 4 * * *"


def gate_settings(environ: dict[str, str] | None = None) -> GateSettings:
    """The gates' thresholds: GateSettings defaults overridden by OSINT_GATE_<FIELD> variables."""
    from expectations.settings import GateSettings

    env = os.environ if environ is None else environ
    settings = GateSettings()
    overrides: dict[str, object] = {}
    for f in fields(GateSettings):
        name = f"{GATE_PREFIX}{f.name.upper()}"
        raw = env.get(name)
        if raw is None or raw.strip() == "":
            continue
        default = getattr(settings, f.name)
        try:
            if isinstance(default, bool):
                if raw.strip().lower() not in ("1", "0", "true", "false", "yes", "no"):
                    raise ValueError(raw)
                overrides[f.name] = raw.strip().lower() in ("1", "true", "yes")
            elif isinstance(default, int):
                overrides[f.name] = int(raw)
            else:
                overrides[f.name] = float(raw)
        except ValueError:
            raise ConfigError(f"{name}={raw!r} is not a valid {type(default).__name__}") from None
    return replace(settings, **overrides).validated()  # type: ignore[arg-type]
