"""The truth instruments on the real corpora: the blind gold still resolves against ../shared, PolNeAR
is read and scored, and `make eval` / `make audit` skip cleanly when ../shared is absent."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, shared_path


@pytest.mark.corpus
def test_blind_gold_resolves_against_the_landed_texts() -> None:
    """Every committed annotation's body hash matches what the connectors land today: a change in
    landing would otherwise silently shift every offset."""
    shared_path("corpora", "rss", "world_news_2023.jsonl.gz")
    shared_path("corpora", "articles", "extraction_benchmark")
    from tests.eval.blind_gold import load_blind

    docs = load_blind()
    assert len(docs) >= 340
    assert {d.split for d in docs} == {"dev", "test"}
    assert sum(d.key.startswith("article:") for d in docs) >= 40
    assert sum(d.key.startswith("rss:") for d in docs) >= 300


@pytest.mark.corpus
def test_blind_russian_gold_resolves_against_the_landed_posts() -> None:
    shared_path("corpora", "telegram", "ru_news_channels")
    from tests.eval.blind_gold import load_blind

    docs = load_blind(gold_set="ru")
    assert len(docs) >= 150
    assert {d.split for d in docs} == {"dev", "test"}
    assert all(d.key.startswith("tg:") and d.record.language == "ru" for d in docs)


@pytest.mark.corpus
def test_polnear_dev_is_read_and_scored() -> None:
    shared_path("corpora", "quotes", "polnear", "dev")
    from tests.eval.polnear import evaluate_polnear

    result = evaluate_polnear("dev", limit=6)
    assert result is not None and result.articles == 6
    assert result.gold_with_source >= result.gold_direct_named > 0
    p, r, _f = result.all_attributions
    assert 0.0 <= p.low <= p.value <= p.high <= 1.0 and 0.0 <= r.value <= 1.0


@pytest.mark.slow
def test_eval_and_audit_skip_cleanly_without_the_shared_corpora(tmp_path: Path) -> None:
    env = {**os.environ, "OSINT_SHARED_DIR": str(tmp_path / "no-shared")}
    report = subprocess.run([sys.executable, "-m", "tests.eval.report"], cwd=REPO_ROOT, env=env,
                            capture_output=True, text=True, timeout=600)
    assert report.returncode == 0, report.stderr[-2000:]
    assert "PolNeAR dev: absent" in report.stdout and "absent" in report.stdout.split("\n")[2]
    audit = subprocess.run([sys.executable, "-m", "tests.eval.audit"], cwd=REPO_ROOT, env=env,
                           capture_output=True, text=True, timeout=600)
    assert audit.returncode == 0, audit.stderr[-2000:]
    assert "skipped rss-keyword" in audit.stdout and "skipped treaty-days" in audit.stdout
