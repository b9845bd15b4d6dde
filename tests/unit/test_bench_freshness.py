"""The freshness scenario's pure parts (bench/freshness.py, bench/report.py): the appearance schedule,
percentiles, the schedule's tick and slug, the per-item stage split, the summary, the target, the
feed and the result's JSON round trip."""

from __future__ import annotations

import itertools
import random
import xml.etree.ElementTree as ET

import pytest

from bench.freshness import (
    DEFAULT_SCHEDULE,
    Feed,
    FeedItem,
    appearance_offsets,
    percentile,
    schedule_slug,
    settle,
    tick_period_minutes,
)
from bench.report import evaluate_targets, format_markdown
from bench.result_types import (
    BenchOptions,
    BenchResult,
    FreshnessItem,
    FreshnessResult,
    FreshnessRun,
    HostInfo,
    ScenarioResult,
    from_json,
    to_json,
)


def test_appearance_offsets_are_batches_within_the_window() -> None:
    offsets = appearance_offsets(random.Random(1), 1800, gap_seconds=(120, 300), batch=(2, 3))
    assert offsets == sorted(offsets)
    assert offsets[0] > 0 and offsets[-1] <= 1800
    batches: dict[float, int] = {}
    for t in offsets:
        batches[t] = batches.get(t, 0) + 1
    assert all(n in (2, 3) for n in batches.values()), batches
    times = sorted(batches)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert all(120 - 0.2 <= g <= 300 + 0.2 for g in gaps), gaps
    assert 6 <= len(batches) <= 15  # 1800 s at 120–300 s gaps
    # the same seed, the same schedule; a window shorter than the first gap, no items
    assert appearance_offsets(random.Random(1), 1800, (120, 300)) == offsets
    assert appearance_offsets(random.Random(1), 60, (120, 300)) == []


def test_appearance_offsets_refuse_a_bad_gap_range() -> None:
    with pytest.raises(ValueError):
        appearance_offsets(random.Random(1), 600, gap_seconds=(0, 10))
    with pytest.raises(ValueError):
        appearance_offsets(random.Random(1), 600, gap_seconds=(20, 10))


def test_percentile_is_linear_between_closest_ranks() -> None:
    values = [5.0, 1.0, 3.0, 2.0, 4.0]
    assert percentile(values, 50) == 3.0
    assert percentile(values, 0) == 1.0 and percentile(values, 100) == 5.0
    assert percentile(values, 95) == pytest.approx(4.8)
    assert percentile([1.0, 2.0], 50) == 1.5
    assert percentile([7.0], 95) == 7.0
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1.0], 101)


@pytest.mark.parametrize(
    ("cron", "period", "slug"),
    [
        ("*/5 * * * *", 5, "every-5min"),
        ("*/15 * * * *", 15, "every-15min"),
        ("0 * * * *", 60, "hourly"),
        ("30 4 * * *", None, "30-4-x-x-x"),
        ("*/7 * * * *", None, "x-7-x-x-x-x"),  # uneven within the hour: not a fixed period
    ],
)
def test_tick_period_and_slug(cron: str, period: int | None, slug: str) -> None:
    assert tick_period_minutes(cron) == period
    assert schedule_slug(cron) == slug


def _result(schedule: str = "*/5 * * * *") -> FreshnessResult:
    items = [
        FreshnessItem(index=0, guid="g0", title="a", appeared_at="2026-01-01T00:01:00+00:00",
                      document_visible_at="2026-01-01T00:08:00+00:00", freshness_minutes=7.0, facts=2,
                      facts_visible_at="2026-01-01T00:08:00+00:00", facts_freshness_minutes=7.0),
        FreshnessItem(index=1, guid="g1", title="b", appeared_at="2026-01-01T00:04:00+00:00",
                      document_visible_at="2026-01-01T00:08:00+00:00", freshness_minutes=4.0, facts=0),
        FreshnessItem(index=2, guid="g2", title="c", appeared_at="2026-01-01T00:06:00+00:00",
                      document_visible_at="2026-01-01T00:14:00+00:00", freshness_minutes=8.0, facts=0),
        FreshnessItem(index=3, guid="g3", title="d", appeared_at="2026-01-01T00:12:00+00:00"),  # never published
    ]
    runs = [
        FreshnessRun(dag_id="osint_ingest", run_id="i1", run_type="scheduled", state="success",
                     start_date="2026-01-01T00:05:02+00:00", end_date="2026-01-01T00:05:40+00:00"),
        FreshnessRun(dag_id="osint_ingest", run_id="i2", run_type="scheduled", state="success",
                     start_date="2026-01-01T00:10:02+00:00", end_date="2026-01-01T00:10:40+00:00"),
        FreshnessRun(dag_id="osint_transform", run_id="t1", run_type="asset_triggered", state="success",
                     start_date="2026-01-01T00:05:50+00:00", end_date="2026-01-01T00:07:50+00:00"),
    ]
    return FreshnessResult(ingest_schedule=schedule, tick_period_minutes=tick_period_minutes(schedule),
                           appearance_minutes=10, drain_minutes=5, poll_seconds=10, seed_items=3,
                           items=items, runs=runs)


def test_settle_counts_percentiles_stage_split_and_notes() -> None:
    r = _result()
    settle(r)
    assert (r.measured_items, r.published_items) == (4, 3)
    assert r.p50_minutes == 7.0 and r.p95_minutes == 7.9 and r.max_minutes == 8.0
    assert r.items_with_facts == 1 and r.facts_p50_minutes == 7.0
    a, b, c, d = r.items
    # the first ingest run that started after each item appeared (transform runs do not count)
    assert (a.ingest_run_id, b.ingest_run_id, c.ingest_run_id, d.ingest_run_id) == ("i1", "i1", "i2", None)
    assert a.wait_for_ingest_minutes == 4.03 and c.wait_for_ingest_minutes == 4.03
    assert a.ingest_start_to_visible_minutes == 2.97 and c.ingest_start_to_visible_minutes == 3.97
    assert d.wait_for_ingest_minutes is None and d.ingest_start_to_visible_minutes is None
    assert r.wait_for_ingest_p50_minutes == 4.03
    assert any("not measured" in n and "60 min" in n for n in r.notes)
    assert any("1 of 4 items were not in the published marts" in n for n in r.notes)
    assert any("up to 5 min" in n for n in r.notes)


def test_settle_at_the_default_schedule_has_no_arithmetic_note() -> None:
    r = _result(DEFAULT_SCHEDULE)
    r.items = r.items[:3]
    settle(r)
    assert not any("not measured" in n for n in r.notes)
    assert not any("not in the published marts" in n for n in r.notes)
    assert any("up to 60 min" in n for n in r.notes)


def _bench(freshness: FreshnessResult) -> BenchResult:
    run = ScenarioResult(corpus="freshness-every-5min", kind="freshness", freshness=freshness)
    return BenchResult(
        benchmark="b", mode="full", started_at="2026-01-01T00:00:00+00:00", git_revision="abc",
        uncommitted_library_changes=[], host=HostInfo(cpus=2, python="3.11", platform="linux", duckdb="1"),
        load_average_start=(1.0,), options=BenchOptions(
            sizes=[], rss=False, incremental=0, peer_docs=0, peer_chars=0, seed=1, rss_limit=0, profile=[],
            freshness_minutes=10, freshness_schedule=freshness.ingest_schedule, freshness_drain_minutes=5),
        definitions={}, runs=[run],
    )


def test_target_is_comparable_only_at_the_default_schedule_and_unmet_with_unpublished_items() -> None:
    r = _result()
    settle(r)
    t = evaluate_targets([ScenarioResult(corpus="f", freshness=r)])["freshness_p95_minutes"]
    assert (t.target, t.measured, t.schedule, t.comparable) == (10.0, 7.9, "*/5 * * * *", False)
    assert t.met is False  # one item never published: the p95 of the rest cannot meet the target
    r.items = r.items[:3]
    settle(r)
    t = evaluate_targets([ScenarioResult(corpus="f", freshness=r)])["freshness_p95_minutes"]
    assert t.met is True and t.comparable is False
    d = _result(DEFAULT_SCHEDULE)
    d.items = d.items[:3]
    settle(d)
    assert evaluate_targets([ScenarioResult(corpus="f", freshness=d)])["freshness_p95_minutes"].comparable is True
    assert "freshness_p95_minutes" not in evaluate_targets([ScenarioResult(corpus="f", freshness=_result())])


def test_result_round_trips_through_json_and_summarizes() -> None:
    r = _result()
    settle(r)
    bench = _bench(r)
    bench.targets = evaluate_targets(bench.runs)
    back = from_json(BenchResult, to_json(bench))
    assert back.runs[0].freshness == r
    assert back.options.freshness_schedule == "*/5 * * * *"
    md = format_markdown(back)
    assert "| `*/5 * * * *` | 4 | 3 | 7.00 | 7.90 | 8.00 | 1 |" in md
    assert "freshness_p95_minutes (at `*/5 * * * *`, not the default: not comparable)" in md


def test_feed_serves_released_items_newest_first_with_their_appearance_time() -> None:
    items = [FeedItem(guid=f"g{n}", link=f"https://x.example/{n}", title=f"T & {n}", description="d") for n in range(4)]
    feed = Feed(items)
    assert ET.fromstring(feed.render()).findall("./channel/item") == []
    feed.release(2)
    first = items[0].appeared
    assert first is not None and items[1].appeared == first and items[2].appeared is None
    feed.release(5)  # more than there are: all of them, once
    assert feed.released == 4 and items[0].appeared == first and items[3].appeared is not None
    guids = [e.findtext("guid") for e in ET.fromstring(feed.render()).findall("./channel/item")]
    assert guids == ["g3", "g2", "g1", "g0"]
    assert ET.fromstring(feed.render()).findall("./channel/item")[-1].findtext("title") == "T & 0"
