"""Shared test fixtures: repository paths, the optional ../shared corpora, temporary configs."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from bench.local_services import PG, pg_connect

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = Path(os.environ.get("OSINT_SHARED_DIR", REPO_ROOT.parent / "shared"))
SAMPLE_DATA = REPO_ROOT / "sample_data"

os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
os.environ.setdefault("TQDM_DISABLE", "1")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


def shared_path(*parts: str) -> Path:
    """A path under ../shared; the test skips cleanly when it is absent (a user's fresh clone)."""
    path = SHARED_DIR.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"third-party corpus {path} not present (only in the project workspace)")
    return path


@pytest.fixture
def shared() -> Callable[..., Path]:
    return shared_path


@pytest.fixture
def make_config(tmp_path: Path) -> Callable[..., Path]:
    """Write a config YAML into tmp_path with the given sources; returns its path."""

    def _make(sources: list[dict[str, Any]], data_dir: Path | None = None, **extra: Any) -> Path:
        cfg = {"data_dir": str(data_dir or tmp_path / "data"), "lock_timeout_seconds": 5, "sources": sources, **extra}
        path = tmp_path / "config.yml"
        path.write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
        return path

    return _make


@pytest.fixture
def sample_files_source() -> dict[str, Any]:
    return {"kind": "files", "name": "sample_documents", "path": str(SAMPLE_DATA / "documents")}


@dataclass(frozen=True)
class SampleRun:
    """One `osint run` of the bundled samples through the console script: its config, data dir and output."""

    config: Path
    data: Path
    result: subprocess.CompletedProcess[str]


def write_sample_config(root: Path, lock_timeout: float = 60) -> Path:
    config = root / "osint.yml"
    config.write_text(yaml.safe_dump({
        "data_dir": str(root / "data"),
        "lock_timeout_seconds": lock_timeout,
        "sources": [{"kind": "files", "name": "samples", "path": str(SAMPLE_DATA / "documents")}],
    }, sort_keys=False), encoding="utf-8")
    return config


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> SampleRun:
    """The bundled samples run and published ONCE per session by `osint run` in its own process (so no
    DuckDB file stays open in this one). Never write to it: a test that runs, publishes or corrupts
    takes its own copy with `copy_sample_run`. The publication is data/published/osint.duckdb and
    the config is at its parents[2] / osint.yml."""
    root = tmp_path_factory.mktemp("sample-run")
    config = write_sample_config(root)
    env = {k: v for k, v in os.environ.items() if k != "OSINT_DATA_DIR"}
    osint = str(Path(sys.executable).with_name("osint"))
    result = subprocess.run([osint, "--config", str(config), "run"], capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return SampleRun(config, root / "data", result)


def copy_sample_run(run: SampleRun, root: Path, lock_timeout: float = 60) -> Path:
    """A private, writable copy of the session's sample warehouse (data dir and config) under `root`:
    a file copy, far cheaper than running the pipeline again. Returns the copy's config path."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(run.data, root / "data", symlinks=True)  # the Parquet link is relative
    return write_sample_config(root, lock_timeout)


# The PostgreSQL server of the test machines (trust auth): real-scheduler and DuckLake tests create a
# database of their own on it and drop it afterwards; they skip when no server answers.


@pytest.fixture
def postgres_db() -> Iterator[str]:
    """A fresh database on the local PostgreSQL server, dropped (with any sessions left) afterwards."""
    try:
        admin = pg_connect()
    except Exception as exc:  # psycopg2.OperationalError, or the driver missing
        pytest.skip(f"no PostgreSQL reachable on {PG['host']}:{PG['port']} as user {PG['user']}: {exc}")
    name = f"osint_test_{secrets.token_hex(4)}"
    with admin.cursor() as cur:
        cur.execute(f'create database "{name}"')
    try:
        yield name
    finally:
        with admin.cursor() as cur:
            cur.execute(f'drop database if exists "{name}" with (force)')
        admin.close()
