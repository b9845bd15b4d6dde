"""Publications several integration modules read (built once per session, never written to by a test)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from osint.config import load_config
from osint.pipeline import run_all
from tests.conftest import SampleRun, shared_path


def _publish(tmp: Path, source: dict[str, Any]) -> Path:
    config_path = tmp / "osint.yml"
    config_path.write_text(
        json.dumps({"data_dir": str(tmp / "data"), "lock_timeout_seconds": 30, "sources": [source]}),
        encoding="utf-8",
    )
    summary = run_all(load_config(config_path))
    assert summary.published is not None
    return Path(summary.published.path)


@pytest.fixture(scope="session")
def samples_publication(sample_run: SampleRun) -> Path:
    """The bundled samples, run and published (the session's one `osint run`, tests/conftest.py);
    the config is at parents[2] / osint.yml."""
    return sample_run.data / "published" / "osint.duckdb"


@pytest.fixture(scope="session")
def articles_publication(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five shared Russia–Iran articles, run and published (skips when ../shared is absent)."""
    articles = shared_path("samples", "articles")
    tmp = tmp_path_factory.mktemp("queries-articles")
    return _publish(tmp, {"kind": "files", "name": "shared_articles", "path": str(articles)})


@pytest.fixture(scope="session")
def treaty_day_publication(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The treaty-day audit corpus (2025-01-16..18 RSS items and the five shared articles) published once
    for every module that reads it (skips when ../shared is absent)."""
    shared_path("corpora", "rss", "treaty_days_2025-01-16_18.jsonl.gz")
    shared_path("samples", "articles")
    from tests.eval.audit import build

    return build("treaty-days", tmp_path_factory.mktemp("treaty-day"))
