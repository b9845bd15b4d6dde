"""Mart suites on a synthesized, valid 12-mart build: it passes; each injected defect fails by name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from bench.gate_scale import synthesize_marts
from expectations.mart_gate import run_mart_gate, volume_floor
from expectations.mart_suites import CONTRACT_MARTS, MART_SPECS
from expectations.settings import GateSettings
from ingestion.records import utc_now


@pytest.fixture(scope="module")
def pristine() -> Iterator[tuple[duckdb.DuckDBPyConnection, dict[str, int]]]:
    con = duckdb.connect()
    counts = synthesize_marts(con, 300, schema="pristine")
    yield con, counts
    con.close()


@pytest.fixture
def build(pristine: tuple[duckdb.DuckDBPyConnection, dict[str, int]]) -> Iterator[duckdb.DuckDBPyConnection]:
    """A fresh copy of the valid build in schema `marts` for each test to corrupt."""
    con, counts = pristine
    con.execute("drop schema if exists marts cascade")
    con.execute("create schema marts")
    for table in counts:
        con.execute(f"create table marts.{table} as select * from pristine.{table}")
    yield con


def gate(con: duckdb.DuckDBPyConnection, previous: dict[str, int] | None = None, **settings: object):
    return run_mart_gate(con, None, previous_counts=previous, settings=GateSettings(**settings))  # type: ignore[arg-type]


def test_specs_cover_the_published_contract() -> None:
    assert set(CONTRACT_MARTS) == {
        "dim_documents", "dim_actors", "dim_outlets", "dim_agreements", "bdg_agreement_parties", "fct_meetings",
        "bdg_meeting_participants", "fct_claims", "fct_trade_figures", "bdg_figure_parties", "fct_mentions",
        "fct_evidence", "bdg_document_citations", "audit_rejected_facts", "bdg_claim_subjects",
    }
    for spec in MART_SPECS:
        ids = [c.id for c in spec.all_checks(GateSettings())]
        assert len(ids) == len(set(ids)), spec.table


def test_valid_build_passes_every_expectation(build: duckdb.DuckDBPyConnection, pristine) -> None:
    result = gate(build, previous=pristine[1])
    assert result.success, result.summary()
    assert not result.warnings, result.summary()
    assert set(result.row_counts) == set(CONTRACT_MARTS)
    assert len(result.outcomes) > 200


# (mart, corrupting SQL, text the failure must name)
DEFECTS = [
    ("dim_documents", "insert into marts.dim_documents select * from marts.dim_documents limit 1", "doc_id is unique"),
    ("dim_documents", "update marts.dim_documents set language = 'en-US' where doc_id in (select doc_id from marts.dim_documents limit 2)",
     "language is one of 184 codes"),
    ("dim_documents", "update marts.dim_documents set published_at = timestamp '2999-01-01' where doc_id in (select doc_id from marts.dim_documents limit 1)",
     "published_at between 1990-01-01 and now + clock skew"),
    ("dim_documents", "update marts.dim_documents set outlet_id = 'outlet-ghost' where doc_id in (select doc_id from marts.dim_documents limit 1)",
     "outlet_id references dim_outlets.outlet_id"),
    ("dim_actors", "update marts.dim_actors set actor_type = 'planet' where actor_id = 'actor-1'", "actor_type is one of"),
    ("dim_actors", "update marts.dim_actors set country_code = 'RU' where actor_id = 'actor-1'", "ISO 3166-1 alpha-3"),
    ("dim_outlets", "update marts.dim_outlets set reliability_grade = 'G' where outlet_id = 'outlet-1'", "reliability_grade is one of A, B, C, D, E, F"),
    ("dim_outlets", "update marts.dim_outlets set platform = 'fax' where outlet_id = 'outlet-1'", "platform is one of"),
    ("dim_agreements", "update marts.dim_agreements set status = 'rumoured' where agreement_id = 'agr-1'", "status is one of"),
    ("dim_agreements", "update marts.dim_agreements set outlet_count = 9 where agreement_id = 'agr-1'", "source_count >= outlet_count"),
    ("bdg_agreement_parties", "insert into marts.bdg_agreement_parties values ('agr-1', 'actor-ghost')", "actor_id references dim_actors.actor_id"),
    ("bdg_agreement_parties", "insert into marts.bdg_agreement_parties values ('agr-ghost', 'actor-1')", "agreement_id references dim_agreements"),
    ("fct_meetings", "update marts.fct_meetings set credibility = 7 where meeting_id = 'meet-1'", "credibility is one of 1, 2, 3, 4, 5, 6"),
    ("fct_meetings", "update marts.fct_meetings set status = 'happened' where meeting_id = 'meet-1'", "status is one of cancelled, held, planned, postponed"),
    ("fct_meetings", "update marts.fct_meetings set date_precision = 'week' where meeting_id = 'meet-1'", "date_precision is one of"),
    ("fct_meetings", "update marts.fct_meetings set status = 'held', meeting_date = date '2090-01-01' where meeting_id = 'meet-1'",
     "a meeting marked held is not dated in the future"),
    ("bdg_meeting_participants", "insert into marts.bdg_meeting_participants values ('meet-1', 'actor-ghost', 'host')",
     "actor_id references dim_actors.actor_id"),
    ("fct_claims", "update marts.fct_claims set speaker_actor_id = 'actor-ghost' where claim_id = 'claim-1'",
     "speaker_actor_id references dim_actors.actor_id"),
    ("fct_claims", "update marts.fct_claims set doc_id = 'f' || doc_id where claim_id = 'claim-1'", "doc_id references dim_documents.doc_id"),
    ("fct_meetings", "update marts.fct_meetings set first_ingested_at = null where meeting_id = 'meet-1'",
     "first_ingested_at is never null"),
    ("bdg_claim_subjects", "insert into marts.bdg_claim_subjects values ('claim-1', 'agreement', 'agr-ghost', 'agr-ghost', null, null, 'sentence', 1)",
     "agreement_id references dim_agreements.agreement_id"),
    ("bdg_claim_subjects", "insert into marts.bdg_claim_subjects values ('claim-ghost', 'actor', 'actor-1', null, null, 'actor-1', 'paragraph', 1)",
     "claim_id references fct_claims.claim_id"),
    ("bdg_claim_subjects", "update marts.bdg_claim_subjects set meeting_id = subject_id where subject_type = 'agreement' and claim_id = 'claim-1'",
     "the id column of the subject_type"),
    ("bdg_claim_subjects", "update marts.bdg_claim_subjects set link_scope = 'document' where claim_id = 'claim-1'",
     "link_scope is one of paragraph, sentence"),
    ("fct_trade_figures", "update marts.fct_trade_figures set value = 140 where metric = 'national_currency_share' and figure_id = 'fig-1'",
     "percentage share (metric *share*, unit percent) is between 0 and 100"),
    ("fct_trade_figures", "update marts.fct_trade_figures set value = -150, metric = 'growth_rate' where figure_id = 'fig-1'",
     "percentage change is at least -100"),
    ("fct_trade_figures", "update marts.fct_trade_figures set value = -3, metric = 'other' where figure_id = 'fig-1'",
     "percentage level, ratio or rate (neither a share nor a change"),
    ("fct_trade_figures", "update marts.fct_trade_figures set value = -5e9 where unit = 'USD' and figure_id = 'fig-0'",
     "money amount (unit is an ISO 4217 code) is > 0"),
    ("fct_trade_figures", "update marts.fct_trade_figures set period_end = date '2021-01-01' where figure_id = 'fig-0'",
     "period_end >= period_start"),
    ("fct_mentions", "update marts.fct_mentions set char_end = char_start where mention_id = (select min(mention_id) from marts.fct_mentions)",
     "char_end > char_start"),
    ("fct_evidence", "update marts.fct_evidence set fact_id = 'meet-ghost' where fact_type = 'meeting' and fact_id = 'meet-1'",
     "fact_id where t.fact_type = 'meeting' references fct_meetings.meeting_id"),
    ("fct_evidence", "update marts.fct_evidence set fact_type = 'rumour' where fact_id = 'claim-1'", "fact_type is one of"),
    ("bdg_document_citations", "update marts.bdg_document_citations set cited_url = 'see telegram' where cited_url like '%/1'",
     "cited_url is an absolute URL"),
    ("bdg_document_citations", "insert into marts.bdg_document_citations select * from marts.bdg_document_citations limit 1",
     "(doc_id, cited_url, cited_outlet_id) is unique"),
]


SPECS = {spec.table: spec for spec in MART_SPECS}


@pytest.mark.parametrize(("mart", "sql", "names"), DEFECTS, ids=[f"{d[0]}-{i}" for i, d in enumerate(DEFECTS)])
def test_each_defect_blocks_and_is_named(build: duckdb.DuckDBPyConnection, mart: str, sql: str, names: str) -> None:
    build.execute(sql)
    # The gate validates each mart with its own spec and nothing else (the other marts are only read
    # through the joins of its checks), so the defective mart's spec alone finds what the whole gate
    # finds in it, without GX validating the 14 untouched marts again for every defect. The tests
    # below run the whole gate, on the valid build and on defects.
    result = run_mart_gate(build, None, specs=(SPECS[mart],), settings=GateSettings())
    assert not result.success
    failing = [f for f in result.failures if f.table == mart and names in f.check]
    assert failing, result.summary()
    assert failing[0].samples, "a failure must show offending rows"
    assert mart in result.summary() and names in result.summary(limit=50)


def test_a_mart_is_judged_alike_alone_and_in_the_whole_gate(build: duckdb.DuckDBPyConnection) -> None:
    """What test_each_defect_blocks_and_is_named relies on: a mart's outcomes do not depend on which
    other specs the gate runs (here a defect whose check joins another mart)."""
    build.execute(DEFECTS[17][1])
    now = utc_now()
    whole = run_mart_gate(build, None, settings=GateSettings(), now=now)
    alone = run_mart_gate(build, None, specs=(SPECS["fct_claims"],), settings=GateSettings(), now=now)
    claims = [o for o in whole.outcomes if o.table == "fct_claims"]
    assert [o for o in alone.outcomes if o.table == "fct_claims"] == claims
    assert [o.check for o in claims if not o.success] == [DEFECTS[17][2]]


def test_failure_samples_are_the_offending_rows(build: duckdb.DuckDBPyConnection) -> None:
    build.execute("update marts.fct_mentions set actor_id = 'actor-ghost' where sentence_index = 3 and doc_id = (select min(doc_id) from marts.fct_mentions)")
    (failure,) = gate(build).failures
    assert failure.table == "fct_mentions" and failure.unexpected_count == 1
    assert failure.samples[0]["actor_id"] == "actor-ghost" and failure.samples[0]["char_start"] == 300
    assert failure.expectation == "expect_column_values_to_be_null"


def test_missing_contract_column_blocks(build: duckdb.DuckDBPyConnection) -> None:
    build.execute("alter table marts.fct_meetings drop column credibility")
    result = gate(build)
    assert [(f.table, f.expectation, f.column) for f in result.failures] == [
        ("fct_meetings", "expect_column_to_exist", "credibility")
    ]


def test_dropped_non_contract_column_only_skips_its_check(build: duckdb.DuckDBPyConnection) -> None:
    build.execute("alter table marts.fct_mentions drop column mention_id")
    result = gate(build)
    assert result.success, result.summary()
    assert any("mention_id_unique skipped" in n for n in result.notes)


def test_unbuilt_mart_warns_but_a_previously_published_one_blocks(build: duckdb.DuckDBPyConnection, pristine) -> None:
    build.execute("drop table marts.bdg_document_citations")
    assert gate(build).success
    assert [w.table for w in gate(build).warnings] == ["bdg_document_citations"]
    blocked = gate(build, previous=pristine[1])
    assert [(f.table, f.expectation) for f in blocked.failures] == [("bdg_document_citations", "expect_table_to_exist")]


def test_reference_into_an_unbuilt_mart_warns(build: duckdb.DuckDBPyConnection) -> None:
    build.execute("drop table marts.dim_outlets")
    result = gate(build)
    assert result.success
    assert {(w.table, w.column) for w in result.warnings} >= {("dim_documents", "outlet_id"), ("fct_claims", "outlet_id"), ("dim_outlets", None)}


def test_volume_against_previous_publication(build: duckdb.DuckDBPyConnection, pristine) -> None:
    previous = pristine[1]
    build.execute("delete from marts.fct_claims where claim_id not in (select claim_id from marts.fct_claims order by claim_id limit 10)")
    build.execute("delete from marts.fct_evidence where fact_type = 'claim'")  # keep evidence consistent
    build.execute("delete from marts.bdg_claim_subjects where claim_id not in (select claim_id from marts.fct_claims)")
    # the links of the deleted claims go with them: only fct_claims is compared with a larger publication here
    previous = {**previous, "bdg_claim_subjects": build.execute("select count(*) from marts.bdg_claim_subjects").fetchone()[0]}
    result = gate(build, previous=previous)
    assert [(f.table, f.expectation) for f in result.failures] == [("fct_claims", "expect_table_row_count_to_be_between")]
    assert result.failures[0].observed["rows"] == 10 and result.failures[0].observed["previous_publication"] == previous["fct_claims"]
    assert gate(build, previous=previous, max_shrink=0.99).success  # configurable
    assert volume_floor(100, 0.5) == 50 and volume_floor(1, 1.0) == 1 and volume_floor(None, 0.5) == 0


def test_a_new_non_contract_table_gets_the_volume_check(build: duckdb.DuckDBPyConnection) -> None:
    build.execute("create table marts.rpt_weekly as select 1 as x")
    assert gate(build, previous={"rpt_weekly": 5}).failures[0].table == "rpt_weekly"


def test_freshness_warns_unless_configured_to_block(build: duckdb.DuckDBPyConnection) -> None:
    build.execute("update marts.dim_documents set fetched_at = fetched_at - interval 30 day")
    warned = gate(build)
    assert warned.success and [w.check for w in warned.warnings] == ["newest document fetched within the last 168 h"]
    blocked = gate(build, freshness_blocking=True)
    assert not blocked.success and blocked.failures[0].expectation == "expect_column_max_to_be_between"


def test_report_is_written_with_every_expectation(build: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    build.execute("insert into marts.dim_actors select * from marts.dim_actors where actor_id = 'actor-1'")
    result = run_mart_gate(build, tmp_path)
    page = Path(result.report_path or "").read_text(encoding="utf-8")
    assert "Gate marts: <span class=\"verdict-fail\">FAILED</span>" in page
    assert "actor-1" in page and "expect_column_values_to_be_unique" in page
    assert page.count("<tr class='pass'>") > 200
    assert Path(result.report_path or "").with_suffix(".json").is_file()
    assert result.report_path and Path(result.report_path).name in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_an_emptied_audit_of_rejections_publishes(build: duckdb.DuckDBPyConnection, pristine) -> None:
    """Undoing the only rejection empties audit_rejected_facts: not a volume drop that blocks."""
    build.execute("delete from marts.audit_rejected_facts")
    assert gate(build, previous={**pristine[1], "audit_rejected_facts": 3}).success
    build.execute("delete from marts.fct_claims")
    assert not gate(build, previous=pristine[1]).success  # an emptied fact mart still blocks
