"""Shared test fixtures: repository paths, the optional ../shared corpora, temporary configs."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

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
