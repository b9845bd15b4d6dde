"""Where the third-party corpora of ../shared live (never copied into the repository).

`OSINT_SHARED_DIR` overrides the default `<repo>/../shared`. Every user of these paths must skip
cleanly when a file is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("OSINT_SHARED_DIR", REPO.parent / "shared"))
CORPORA = SHARED / "corpora"
RSS_YEAR = CORPORA / "rss" / "world_news_2023.jsonl.gz"
TREATY_DAYS = CORPORA / "rss" / "treaty_days_2025-01-16_18.jsonl.gz"
ARTICLE_BENCHMARK = CORPORA / "articles" / "extraction_benchmark"
POLNEAR = CORPORA / "quotes" / "polnear"
RU_CHANNELS = CORPORA / "telegram" / "ru_news_channels"
SHARED_ARTICLES = SHARED / "samples" / "articles"
