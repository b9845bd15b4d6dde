"""Where the benchmark reads and writes, and the guard that keeps its data dirs out of ./data."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
RESULTS_DIR = REPO_ROOT / "bench" / "results"
SHARED_DIR = Path(os.environ.get("OSINT_SHARED_DIR", REPO_ROOT.parent / "shared"))
RSS_YEAR = SHARED_DIR / "corpora" / "rss" / "world_news_2023.jsonl.gz"
# the Russian news-channel posts (a folder of flat Telethon message lists), as tests.eval.corpora.RU_CHANNELS
RU_CHANNELS = SHARED_DIR / "corpora" / "telegram" / "ru_news_channels"


def safe_data_dir(path: Path) -> Path:
    """`path` resolved, or exit if it is the repository's ./data (the user's real warehouse)."""
    repo_data = (REPO_ROOT / "data").resolve()
    resolved = path.resolve()
    if resolved == repo_data or repo_data in resolved.parents:
        raise SystemExit(f"refusing to benchmark inside {repo_data}: use a temporary --workdir")
    return resolved
