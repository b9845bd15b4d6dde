"""The example analyses in queries/ run against a publication the real pipeline built.

Each file is plain SQL over the published contract (DESIGN.md), so analysts can run it with
`osint query "$(cat queries/x.sql)"` or the DuckDB CLI. The warehouse is built by
`ingestion.pipeline.run_all` from the bundled samples and, when present, the five shared articles
and the treaty-day corpus (RSS items of 2025-01-16..18 plus the articles). Each analysis is checked
against the published marts it reads, computed independently here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
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
        "first_seen_at",
        "first_title",
        "first_url",
        "outlets_reporting",
        "dated_outlets_reporting",
        "lead_over_second_outlet",
        "fact_id",
        "first_doc_id",
    ],
    "claims_about_an_agreement.sql": [
        "agreement",
        "agreement_status",
        "signed_date",
        "speaker",
        "claim_text",
        "is_direct_quote",
        "link_scope",
        "first_outlet",
        "reliability_grade",
        "admiralty_grade",
        "source_count",
        "first_reported_at",
        "source_url",
        "claim_id",
        "agreement_id",
    ],
    "claims_by_low_reliability_sources.sql": [
        "best_reliability_grade",
        "admiralty_grade",
        "speaker",
        "claim_text",
        "is_direct_quote",
        "outlets",
        "outlet_count",
        "independent_origin_count",
        "first_reported_at",
        "source_url",
        "claim_id",
    ],
    "trade_between_countries_by_year.sql": [
        "year",
        "metric",
        "value",
        "value_high",
        "unit",
        "qualifier",
        "is_change",
        "period_start",
        "period_end",
        "source_count",
        "outlet_count",
        "admiralty_grade",
        "is_contradicted",
        "stated_by",
        "first_outlet",
        "first_reported_at",
        "source_text",
        "source_url",
        "figure_id",
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


# --- the five questions of issue 22 -------------------------------------------------------------


def _records(publication: Path, name: str, *replacements: tuple[str, str]) -> list[dict[str, Any]]:
    """Run an analysis with its `params` edited the way its header tells an analyst to."""
    sql = _sql(name)
    for old, new in replacements:
        assert old in sql, f"{name}: no parameter {old!r}"
        sql = sql.replace(old, new)
    columns, rows = run_query(publication, sql)
    assert columns == EXPECTED_COLUMNS[name]
    return [dict(zip(columns, row, strict=True)) for row in rows]


def _marts(publication: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(publication), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def check_claims_about_an_agreement(publication: Path) -> list[dict[str, Any]]:
    """Every row is a claim bdg_claim_subjects links to the agreement; the speaker and agreement
    parameters narrow the list to what they match."""
    name = "claims_about_an_agreement.sql"
    rows = _records(publication, name)
    assert rows, "the default (anyone about the most reported agreement a claim is about) finds claims"
    assert len({r["agreement_id"] for r in rows}) == 1, "the default is one agreement"
    links = {(c, a): s for c, a, s in _marts(
        publication, "select claim_id, agreement_id, link_scope from bdg_claim_subjects where subject_type = 'agreement'"
    )}
    for row in rows:
        assert links.get((row["claim_id"], row["agreement_id"])) == row["link_scope"], row
    scopes = [r["link_scope"] for r in rows]
    assert scopes == sorted(scopes, key=lambda s: s != "sentence"), "claims naming it in their sentence come first"

    speaker = rows[0]["speaker"]
    pattern = "%" + speaker.split()[-1] + "%"
    by_speaker = _records(publication, name, ("'%' as speaker_pattern", f"{_sql_text(pattern)} as speaker_pattern"))
    assert by_speaker and {r["claim_id"] for r in by_speaker} <= {r["claim_id"] for r in rows}
    assert rows[0]["claim_id"] in {r["claim_id"] for r in by_speaker}
    nobody = _records(publication, name, ("'%' as speaker_pattern", "'%Maria Kovalenko%' as speaker_pattern"))
    assert nobody == []

    named = _records(publication, name, ("null::varchar as agreement_pattern", f"{_sql_text(rows[0]['agreement'])} as agreement_pattern"))
    assert {r["claim_id"] for r in rows} <= {r["claim_id"] for r in named}
    return rows


def check_meetings_in_a_year(publication: Path, year: int) -> list[dict[str, Any]]:
    """A year's meetings: dated in that year, or undated and first reported (dated report) then."""
    name = "meetings_between_countries.sql"
    every_year = {r["meeting_id"] for r in _records(publication, name)}
    rows = _records(publication, name, ("null::integer as year", f"{year} as year"))
    for row in rows:
        if row["meeting_date"] is not None:
            assert row["meeting_date"].year == year, row
        else:
            assert row["date_precision"] == "unknown" and row["first_reported_at"].year == year, row
    assert {r["meeting_id"] for r in rows} <= every_year
    dated_only = _records(
        publication, name, ("null::integer as year", f"{year} as year"), ("true as include_undated", "false as include_undated")
    )
    assert [r for r in rows if r["meeting_date"] is not None] == dated_only
    assert _records(publication, name, ("null::integer as year", "1990 as year")) == []
    return rows


def check_first_reports(publication: Path) -> list[dict[str, Any]]:
    """The first report is the earliest dated one (none when no report is dated), and the lead is
    between the first two outlets with a dated report — never from a page's ingestion time."""
    rows = _records(publication, "first_reports_of_events.sql")
    assert rows
    reports: dict[tuple[str, str], dict[str, Any]] = {}
    for fact_type, fact_id, outlet_id, published in _marts(
        publication,
        """select e.fact_type, e.fact_id, d.outlet_id, min(d.published_at)
           from fct_evidence e join dim_documents d on d.doc_id = e.doc_id
           where e.fact_type in ('meeting', 'agreement') group by all""",
    ):
        reports.setdefault((fact_type, fact_id), {})[outlet_id] = published
    for row in rows:
        outlets = reports[(row["fact_type"], row["fact_id"])]
        dated = sorted(p for p in outlets.values() if p is not None)
        assert row["outlets_reporting"] == len(outlets)
        assert row["dated_outlets_reporting"] == len(dated)
        assert row["first_reported_at"] == (dated[0] if dated else None), row
        assert row["lead_over_second_outlet"] == (dated[1] - dated[0] if len(dated) >= 2 else None), row
        published = _marts(publication, "select published_at from dim_documents where doc_id = ?", [row["first_doc_id"]])
        assert published == [(row["first_reported_at"],)], "the first report's time is its document's date"
    return rows


def check_low_reliability_claims(publication: Path) -> list[dict[str, Any]]:
    name = "claims_by_low_reliability_sources.sql"
    rows = _records(publication, name)
    assert all(r["best_reliability_grade"] in ("D", "E", "F") for r in rows)
    expected = _marts(publication, "select claim_id from fct_claims where source_reliability in ('D', 'E', 'F')")
    assert sorted(r["claim_id"] for r in rows) == sorted(c for (c,) in expected)
    for row in rows:
        grades = {g for _, g in (o.rsplit(" (", 1) for o in row["outlets"].split("; "))}
        assert {g.rstrip(")") for g in grades} <= {"D", "E", "F"}, row
    unknown_only = _records(publication, name, ("['D', 'E', 'F'] as grades", "['F'] as grades"))
    assert {r["claim_id"] for r in unknown_only} == {r["claim_id"] for r in rows if r["best_reliability_grade"] == "F"}
    return rows


def check_trade_by_year(publication: Path, country_a: str, country_b: str) -> list[dict[str, Any]]:
    name = "trade_between_countries_by_year.sql"
    rows = _records(
        publication, name, ("'RUS' as country_a", f"'{country_a}' as country_a"), ("'IRN' as country_b", f"'{country_b}' as country_b")
    )
    figures = {
        f: (parties, group, metric, start, end)
        for f, parties, group, metric, start, end in _marts(
            publication, "select figure_id, parties, metric_group, metric, period_start, period_end from fct_trade_figures"
        )
    }
    for row in rows:
        parties, group, metric, start, end = figures[row["figure_id"]]
        assert parties == sorted([country_a, country_b]), row
        assert group == "trade" or metric == "growth_rate", row
        assert row["year"] == ((end or start).year if (end or start) else None), row
    expected = [f for f, (parties, group, metric, _, _) in figures.items()
                if parties == sorted([country_a, country_b]) and (group == "trade" or metric == "growth_rate")]
    assert sorted(r["figure_id"] for r in rows) == sorted(expected)
    years = [r["year"] for r in rows]
    assert years == sorted(years, key=lambda y: (y is None, y or 0))
    return rows


def test_the_five_questions_on_the_bundled_samples(samples_publication: Path) -> None:
    check_claims_about_an_agreement(samples_publication)
    meetings = check_meetings_in_a_year(samples_publication, 2025)
    # The Russia-Iran treaty was signed in Moscow on January 17, 2025.
    assert any(str(r["meeting_date"]) == "2025-01-17" for r in meetings), meetings
    check_first_reports(samples_publication)
    check_low_reliability_claims(samples_publication)
    # "Putin said that trade between Russia and China would exceed $200 billion in 2023."
    rus_chn = check_trade_by_year(samples_publication, "RUS", "CHN")
    assert any(r["year"] == 2023 and r["value"] == 200e9 and r["metric"] == "trade_volume" for r in rus_chn), rus_chn
    check_trade_by_year(samples_publication, "IRN", "RUS")


def test_the_five_questions_on_the_shared_articles(articles_publication: Path) -> None:
    check_claims_about_an_agreement(articles_publication)
    check_meetings_in_a_year(articles_publication, 2025)
    first = check_first_reports(articles_publication)
    # the five articles carry no dates: nothing was "first reported" at the time they were fetched
    assert first and all(r["first_reported_at"] is None and r["lead_over_second_outlet"] is None for r in first)
    assert all(r["first_seen_at"] is not None for r in first)
    low = check_low_reliability_claims(articles_publication)
    assert low, "the articles' outlets are outside the registry: their claims are graded F"
    # "By 2022, their trade volume hit $5 billion annually."
    trade = check_trade_by_year(articles_publication, "RUS", "IRN")
    assert any(r["year"] == 2022 and r["metric"] == "trade_volume" and r["value"] == 5e9 for r in trade), trade


@pytest.mark.slow
@pytest.mark.corpus
def test_the_five_questions_on_the_treaty_day_corpus(treaty_day_publication: Path) -> None:
    check_claims_about_an_agreement(treaty_day_publication)
    about_the_treaty = _records(
        treaty_day_publication, "claims_about_an_agreement.sql", ("null::varchar as agreement_pattern", "'%strategic partnership%' as agreement_pattern")
    )
    assert about_the_treaty and all("partnership" in r["agreement"].lower() for r in about_the_treaty)
    meetings = check_meetings_in_a_year(treaty_day_publication, 2025)
    assert any(str(r["meeting_date"]) == "2025-01-17" and r["status"] == "held" for r in meetings), meetings
    first = check_first_reports(treaty_day_publication)
    # every dated report is from 2025-01-16..18: no lead can be longer, whatever the articles' fetch time
    leads = [r["lead_over_second_outlet"] for r in first if r["lead_over_second_outlet"] is not None]
    assert leads and all(lead.days < 3 for lead in leads), leads
    treaty = [r for r in first if r["fact_type"] == "agreement" and "partnership" in r["event"].lower() and r["outlets_reporting"] > 1]
    assert treaty and all(r["first_reported_at"] is not None and r["first_reported_at"].year == 2025 for r in treaty), treaty
    assert check_low_reliability_claims(treaty_day_publication)
    trade = check_trade_by_year(treaty_day_publication, "RUS", "IRN")
    assert any(r["year"] == 2022 and r["metric"] == "trade_volume" for r in trade), trade
