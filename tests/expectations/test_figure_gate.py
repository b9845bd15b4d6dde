"""Mart-gate expectations of the figure contract (issue 17): the metric enum of the seed, sorted ISO
parties, a scope that matches them, signs that follow is_change, and bdg_figure_parties' roles."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from expectations.mart_gate import run_mart_gate
from expectations.mart_suites import FIGURE_METRICS, FIGURE_PARTIES_SPEC, spec_for
from expectations.settings import GateSettings
from extraction.seeds import read_rows

FIGURES = """
create table marts.fct_trade_figures as
select * from (values
    ('fig-0', 'trade_volume', 5e9, null::double, 'USD', 'year', false, null, ['IRN', 'RUS'], 'bilateral',
     date '2022-01-01', date '2022-12-31', 'year', 'by 2022', null, 'doc-0', '$5 billion annually', 2, 0.8),
    ('fig-1', 'national_currency_share', 80.0, null, 'percent', null, false, 'over', ['IRN', 'RUS'], 'bilateral',
     null, null, null, null, 'actor-rus', 'doc-0', 'over 80 percent', 1, 0.7),
    ('fig-2', 'market_move', -0.3, null, 'percent', null, true, null, ['JPN'], 'unilateral',
     null, null, null, null, null, 'doc-1', '0.3%', 1, 0.6),
    ('fig-3', 'price', 2000.0, null, 'USD', 'ounce', false, 'about', []::varchar[], null,
     null, null, null, null, null, 'doc-1', '$2,000/oz', 1, 0.6),
    ('fig-4', 'inflation_rate', -0.4, null, 'percent', null, false, null, []::varchar[], 'global',
     date '2023-06-01', date '2023-06-30', 'month', 'in June', null, 'doc-1', '-0.4%', 1, 0.6)
) as v(figure_id, metric, value, value_high, unit, per, is_change, qualifier, parties, scope, period_start,
       period_end, period_precision, period_text, speaker_actor_id, doc_id, source_text, source_count, confidence)
"""
PARTIES = """
create table marts.bdg_figure_parties as
select * from (values
    ('fig-0', 'actor-irn', 'subject'), ('fig-0', 'actor-rus', 'subject'), ('fig-1', 'actor-rus', 'reporter'),
    ('fig-2', 'actor-jpn', 'subject')
) as v(figure_id, actor_id, role)
"""


@pytest.fixture
def build() -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect()
    con.execute("create schema marts")
    con.execute("create table marts.dim_documents as select 'doc-' || i as doc_id from range(2) r(i)")
    con.execute("create table marts.dim_actors as select unnest(['actor-irn', 'actor-rus', 'actor-jpn']) as actor_id")
    con.execute(FIGURES)
    # report times: the first dated report (null for the figure only undated documents reported) and first ingestion
    con.execute("alter table marts.fct_trade_figures add column first_reported_at timestamptz")
    con.execute("alter table marts.fct_trade_figures add column first_ingested_at timestamptz")
    con.execute("update marts.fct_trade_figures set first_ingested_at = timestamptz '2025-01-18 10:00:00+00', "
                "first_reported_at = case when figure_id <> 'fig-3' then timestamptz '2025-01-17 09:00:00+00' end")
    con.execute(PARTIES)
    yield con
    con.close()


def gate(con: duckdb.DuckDBPyConnection):
    specs = (spec_for("fct_trade_figures"), FIGURE_PARTIES_SPEC)
    return run_mart_gate(con, None, specs=specs, settings=GateSettings())  # type: ignore[arg-type]


def test_the_metric_enum_is_the_seed() -> None:
    assert set(FIGURE_METRICS) == {r["metric"] for r in read_rows("figure_metrics")}


def test_a_valid_figure_build_passes(build: duckdb.DuckDBPyConnection) -> None:
    result = gate(build)
    assert result.success, result.summary()
    assert not any("skipped" in n for n in result.notes), result.notes


@pytest.mark.parametrize(
    ("table", "sql", "names"),
    [
        ("fct_trade_figures", "update marts.fct_trade_figures set metric = 'gdp_per_capita' where figure_id = 'fig-0'",
         "metric is one of"),
        ("fct_trade_figures", "update marts.fct_trade_figures set parties = ['RUS', 'IRN'] where figure_id = 'fig-0'",
         "parties are distinct, sorted ISO 3166-1 alpha-3 codes"),
        ("fct_trade_figures", "update marts.fct_trade_figures set parties = ['IR', 'RUS'] where figure_id = 'fig-0'",
         "parties are distinct, sorted ISO 3166-1 alpha-3 codes"),
        ("fct_trade_figures", "update marts.fct_trade_figures set scope = 'regional' where figure_id = 'fig-0'",
         "scope is one of"),
        ("fct_trade_figures", "update marts.fct_trade_figures set scope = 'unilateral' where figure_id = 'fig-0'",
         "scope matches the parties"),
        ("fct_trade_figures", "update marts.fct_trade_figures set value = -150 where figure_id = 'fig-2'",
         "a percentage marked as a change (is_change) is at least -100"),
        ("fct_trade_figures", "update marts.fct_trade_figures set metric = 'tariff', value = -10 where figure_id = 'fig-4'",
         "a percentage level (not is_change) is >= 0"),
        ("bdg_figure_parties", "insert into marts.bdg_figure_parties values ('fig-3', 'actor-jpn', 'observer')",
         "role is one of partner, reporter, subject"),
        ("bdg_figure_parties", "insert into marts.bdg_figure_parties values ('fig-ghost', 'actor-jpn', 'subject')",
         "figure_id references fct_trade_figures.figure_id"),
    ],
)  # fmt: skip
def test_each_figure_defect_blocks_and_is_named(build: duckdb.DuckDBPyConnection, table: str, sql: str, names: str) -> None:
    build.execute(sql)
    result = gate(build)
    assert not result.success
    assert [f for f in result.failures if f.table == table and names in f.check], result.summary()


def test_without_is_change_a_signed_metric_may_still_be_negative(build: duckdb.DuckDBPyConnection) -> None:
    """A build from before is_change: every metric that may carry a change (seed: signed) may be negative."""
    build.execute("alter table marts.fct_trade_figures drop column is_change")
    build.execute("update marts.fct_trade_figures set metric = 'revenue', value = -3 where figure_id = 'fig-2'")
    assert gate(build).success
    build.execute("update marts.fct_trade_figures set metric = 'share', value = -3 where figure_id = 'fig-2'")
    assert not gate(build).success
