"""The example analyses in queries/ run against a publication the real pipeline built.

Each file is plain SQL over the published contract (DESIGN.md), so analysts can run it with
`osint query "$(cat queries/x.sql)"` or the DuckDB CLI. The warehouse is built by
`ingestion.pipeline.run_all` from the bundled samples and, when present, the five shared articles.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from osint.query import run_query
from tests.conftest import REPO_ROOT

QUERIES = REPO_ROOT / "queries"
OSINT = str(Path(sys.executable).with_name("osint"))

# The columns each analysis returns, in order: what a notebook or dashboard built on it relies on.
EXPECTED_COLUMNS: dict[str, list[str]] = {
    "meetings_between_countries.sql": [
        "meeting_date",
        "date_precision",
        "status",
        "meeting_type",
        "location_name",
        "location_country_code",
        "participants",
        "agreement_name",
        "source_count",
        "outlet_count",
        "independent_origin_count",
        "credibility",
        "first_reported_at",
        "meeting_id",
    ],
    "top_quoted_speakers_per_outlet.sql": [
        "outlet",
        "platform",
        "reliability_grade",
        "speaker_rank",
        "speaker",
        "speaker_country_code",
        "claims",
        "direct_quotes",
        "first_quoted_at",
        "last_quoted_at",
        "outlet_id",
    ],
    "claims_corroboration_grade.sql": [
        "fact_type",
        "statement",
        "attributed_to",
        "is_direct_quote",
        "reporting_outlet",
        "reliability_grade",
        "best_reliability_grade",
        "source_count",
        "outlet_count",
        "credibility",
        "admiralty_grade",
        "corroborating_outlets",
        "reported_at",
        "source_url",
        "fact_id",
    ],
    "trade_figures_over_time.sql": [
        "metric",
        "period_start",
        "period_end",
        "value",
        "unit",
        "stated_by",
        "outlet",
        "reliability_grade",
        "published_at",
        "url",
        "title",
        "source_text",
        "source_count",
        "figure_id",
        "doc_id",
    ],
    "first_reports_of_events.sql": [
        "fact_type",
        "event",
        "event_date",
        "first_outlet",
        "first_outlet_platform",
        "first_outlet_reliability_grade",
        "first_reported_at",
        "reported_at_is_first_seen",
        "first_title",
        "first_url",
        "outlets_reporting",
        "lead_over_second_outlet",
        "fact_id",
        "first_doc_id",
    ],
}
QUERY_FILES = sorted(p.name for p in QUERIES.glob("*.sql"))


def _sql(name: str) -> str:
    return (QUERIES / name).read_text(encoding="utf-8")


def test_every_query_file_declares_its_columns_and_says_what_it_answers() -> None:
    assert sorted(EXPECTED_COLUMNS) == QUERY_FILES, "add the new query's columns to EXPECTED_COLUMNS"
    for name in QUERY_FILES:
        header = [line for line in _sql(name).splitlines() if line.startswith("--")]
        assert header and _sql(name).startswith("--"), f"{name}: starts with a header comment"
        assert any(line.startswith("-- Answers:") for line in header), f"{name}: header says what it answers"
        assert f"queries/{name}" in "\n".join(header), f"{name}: header shows how to run it"


@pytest.mark.parametrize("name", QUERY_FILES)
def test_query_runs_on_the_sample_publication(samples_publication: Path, name: str) -> None:
    columns, rows = run_query(samples_publication, _sql(name))
    assert columns == EXPECTED_COLUMNS[name]
    assert all(len(r) == len(columns) for r in rows)


@pytest.mark.parametrize("name", QUERY_FILES)
def test_query_runs_on_the_shared_articles_publication(articles_publication: Path, name: str) -> None:
    columns, _ = run_query(articles_publication, _sql(name))
    assert columns == EXPECTED_COLUMNS[name]


def test_each_analysis_finds_the_facts_of_the_bundled_samples(samples_publication: Path) -> None:
    """The samples state these facts plainly; an analysis that returns nothing on them is broken."""
    results = {name: run_query(samples_publication, _sql(name)) for name in QUERY_FILES}
    for name, (_, rows) in results.items():
        assert rows, f"{name} returned no rows on the bundled samples"
    columns, rows = results["trade_figures_over_time.sql"]
    col = {c: i for i, c in enumerate(columns)}
    # "Putin said that trade between Russia and China would exceed $200 billion in 2023."
    assert any(
        r[col["metric"]] == "trade_volume" and r[col["value"]] == 200e9 and r[col["unit"]] == "USD"
        for r in rows
    ), rows
    columns, rows = results["meetings_between_countries.sql"]
    col = {c: i for i, c in enumerate(columns)}
    # The Russia-Iran treaty was signed in Moscow on January 17, 2025.
    assert any(str(r[col["meeting_date"]]) == "2025-01-17" for r in rows), rows


def test_queries_run_through_the_cli_as_documented(samples_publication: Path) -> None:
    """`osint query --format json -- "$(cat queries/x.sql)"`, as the headers say (`--`: the SQL starts with a comment)."""
    config = samples_publication.parents[2] / "osint.yml"
    for name in QUERY_FILES:
        out = subprocess.run(
            [OSINT, "--config", str(config), "query", "--format", "json", "--", _sql(name)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert out.returncode == 0, f"{name}: {out.stderr[-2000:]}"
        rows = json.loads(out.stdout)
        direct = run_query(samples_publication, _sql(name))[1]
        assert len(rows) == len(direct)
        if rows:
            assert list(rows[0]) == EXPECTED_COLUMNS[name]


def test_country_pair_parameters_filter_the_meeting_timeline(samples_publication: Path) -> None:
    sql = _sql("meetings_between_countries.sql")
    assert "'RUS' as country_a" in sql and "'IRN' as country_b" in sql
    _, nobody = run_query(samples_publication, sql.replace("'RUS' as country_a", "'XXX' as country_a"))
    assert nobody == []
    _, rus_irn = run_query(samples_publication, sql)
    _, irn_rus = run_query(
        samples_publication,
        sql.replace("'RUS' as country_a", "'@A' as country_a")
        .replace("'IRN' as country_b", "'RUS' as country_b")
        .replace("'@A' as country_a", "'IRN' as country_a"),
    )
    assert sorted(r[-1] for r in rus_irn) == sorted(r[-1] for r in irn_rus), "the pair is unordered"
    for row in rus_irn:
        assert "(RUS," in row[6] and "(IRN," in row[6], row


def test_top_speakers_are_ranked_within_each_outlet(samples_publication: Path) -> None:
    columns, rows = run_query(samples_publication, _sql("top_quoted_speakers_per_outlet.sql"))
    rank, claims, outlet = columns.index("speaker_rank"), columns.index("claims"), columns.index("outlet_id")
    by_outlet: dict[str, list[tuple[Any, ...]]] = {}
    for row in rows:
        by_outlet.setdefault(row[outlet], []).append(row)
    for outlet_rows in by_outlet.values():
        assert [r[rank] for r in outlet_rows] == list(range(1, len(outlet_rows) + 1))
        assert [r[claims] for r in outlet_rows] == sorted((r[claims] for r in outlet_rows), reverse=True)
        assert len(outlet_rows) <= 5


def test_grades_are_admiralty_codes(samples_publication: Path) -> None:
    columns, rows = run_query(samples_publication, _sql("claims_corroboration_grade.sql"))
    col = {c: i for i, c in enumerate(columns)}
    for row in rows:
        assert row[col["reliability_grade"]] in tuple("ABCDEF")
        assert row[col["best_reliability_grade"]] <= row[col["reliability_grade"]], "best is at least as good"
        assert row[col["credibility"]] in range(1, 7)
        assert row[col["admiralty_grade"]] == f"{row[col['best_reliability_grade']]}{row[col['credibility']]}"
        assert row[col["outlet_count"]] >= 1 and row[col["source_count"]] >= 1
