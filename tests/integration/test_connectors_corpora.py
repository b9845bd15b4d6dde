"""Large real corpora through connector + landing: the 22k Russian channel posts and the 182k-item RSS year."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import duckdb
import pytest

from osint.config import load_config
from osint.pipeline import fetch_source, load_batches
from osint.warehouse import DataLayout
from tests.conftest import shared_path


def _counts(data_dir: Path, sql: str) -> tuple:  # type: ignore[type-arg]
    con = duckdb.connect(str(DataLayout(data_dir).warehouse), read_only=True)
    try:
        row = con.execute(sql).fetchone()
        assert row is not None
        return row
    finally:
        con.close()


@pytest.mark.corpus
def test_russian_news_channels_land_without_errors_tagged_ru(make_config, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = shared_path("corpora", "telegram", "ru_news_channels")
    config = load_config(make_config([{"kind": "telegram_api", "name": "ru_news", "dump_path": str(folder),
                                       "language": "ru"}]))
    meta = fetch_source(config, config.source("ru_news"))
    [run] = load_batches(config)
    assert (meta.fetched, meta.quarantined) == (22_099, 0) and run.status == "ok"
    # every post lands unless the batch gate rejects it, and then it is quarantined with a reason
    assert run.new + run.quarantined == 22_099 and run.new > 22_000
    total, ru, channels, undated = _counts(config.data_dir, """
        select count(*), count(*) filter (where language = 'ru'), count(distinct outlet),
               count(*) filter (where published_at is null) from raw.documents""")
    assert (total, channels, undated) == (run.new, 24, 0)
    assert ru / total > 0.995  # the rest are code snippets and English-language posts, tagged as such


@pytest.mark.slow
@pytest.mark.soak  # the RSS year lands in every `make bench` run too
@pytest.mark.corpus
def test_rss_year_of_182k_items_lands_and_reingests_as_duplicates(make_config, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dump = shared_path("corpora", "rss", "world_news_2023.jsonl.gz")
    config = load_config(make_config([{"kind": "rss", "name": "world_2023", "paths": [str(dump)]}]))
    started = time.perf_counter()
    meta = fetch_source(config, config.source("world_2023"))
    fetched = time.perf_counter()
    [run] = load_batches(config)
    loaded = time.perf_counter()
    # one Reuters item in the dump has neither title nor description: quarantined with its line
    assert (meta.fetched, meta.quarantined) == (182_014, 1)
    # the batch gate may reject a few more (e.g. links with spaces); each is quarantined, none lost
    assert run.new + run.quarantined - 1 == 182_014 and run.new > 182_000
    docs, outlets, undated, unnamed = _counts(config.data_dir, """
        select count(*), count(distinct outlet), count(*) filter (where published_at is null),
               (select count(*) from raw.quarantine where not starts_with(reason, 'world_2023 record ')) from raw.documents""")
    assert docs == run.new and outlets >= 15 and undated == 0 and unnamed == 0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n182,015 RSS items: fetch {fetched - started:.1f} s, load {loaded - fetched:.1f} s, "
          f"{run.new / (loaded - started):,.0f} documents/s end to end, peak RSS {peak_mb:,.0f} MB")
    assert loaded - started < 120
    fetch_source(config, config.source("world_2023"))
    [again] = load_batches(config)
    assert (again.new, again.updated, again.quarantined) == (0, 0, 0) and again.duplicate == 182_014
