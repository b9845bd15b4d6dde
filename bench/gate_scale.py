"""Mart gate wall time at scale: synthesize contract-shaped marts for N documents, time run_mart_gate.

    .venv/bin/python -m bench.gate_scale                 # 100k documents, ~1M fct_mentions
    .venv/bin/python -m bench.gate_scale --documents 20000 --runs 2

The marts are synthesized with DuckDB SQL in a temporary database (no dbt, no NLP): every
contract mart at realistic proportions (10 mentions and 0.1 claims per document, ...), all of
them valid, so the gate runs every expectation and finds nothing. `synthesize_marts` is also what
tests/expectations use to build a valid 12-mart build in miniature.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def synthesize_marts(con: duckdb.DuckDBPyConnection, documents: int, schema: str = "marts", now: datetime | None = None) -> dict[str, int]:
    """Create every contract mart in `schema` for `documents` documents; returns row counts."""
    from ingestion.records import utc_now

    now = now or utc_now()
    ts = f"timestamp '{now:%Y-%m-%d %H:%M:%S}'"
    n = max(documents, 20)
    outlets = max(10, n // 1000)
    actors = max(50, n // 100)
    agreements = max(5, n // 1000)
    meetings = max(10, n // 50)
    claims = max(10, n // 10)
    figures = max(9, n // 20)
    s = schema
    con.execute(f"create schema if not exists {s}")
    con.execute(f"""
        create or replace table {s}.dim_outlets as
        select 'outlet-' || i as outlet_id, 'Outlet ' || i as name,
               ['telegram', 'web', 'rss', 'wire', 'unknown'][1 + i % 5] as platform,
               'handle_' || i as handle, 'outlet' || i || '.example.org' as domain,
               ['RUS', 'IRN', 'USA', 'GBR'][1 + i % 4] as country_code, i % 3 = 0 as state_affiliated,
               ['A', 'B', 'C', 'D', 'E', 'F'][1 + i % 6] as reliability_grade
        from range({outlets}) r(i)""")
    con.execute(f"""
        create or replace table {s}.dim_documents as
        select md5('doc' || i) as doc_id,
               ['files', 'telegram_web', 'telegram_export', 'telegram_api', 'rss', 'web'][1 + i % 6] as source_kind,
               'source_' || (i % 6) as source_name, 'outlet-' || (i % {outlets}) as outlet_id,
               'https://outlet' || (i % {outlets}) || '.example.org/a/' || i as url, 'Title ' || i as title,
               {ts} - interval 3 day - to_minutes(i::bigint) as published_at,
               {ts} - to_seconds(i::bigint % 86400) as fetched_at,
               ['en', 'ru', 'fa', 'ar'][1 + i % 4] as language
        from range({n}) r(i)""")
    con.execute(f"""
        create or replace table {s}.dim_actors as
        select 'actor-' || i as actor_id, 'Actor ' || i as canonical_name,
               ['person', 'country', 'organization'][1 + i % 3] as actor_type,
               ['RUS', 'IRN', 'CHN', 'USA'][1 + i % 4] as country_code, ['Actor ' || i, 'A. ' || i] as aliases,
               10 as mention_count, {ts} - interval 400 day as first_seen_at, {ts} - interval 1 day as last_seen_at
        from range({actors}) r(i)""")
    con.execute(f"""
        create or replace table {s}.fct_mentions as
        select md5('m' || d.i || '-' || j) as mention_id, md5('doc' || d.i) as doc_id,
               'actor-' || ((d.i * 7 + j) % {actors}) as actor_id, j as sentence_index,
               j * 100 as char_start, j * 100 + 12 as char_end, 0.9 as confidence
        from range({n}) d(i), range(10) m(j)""")
    con.execute(f"""
        create or replace table {s}.dim_agreements as
        select 'agr-' || i as agreement_id, 'Agreement ' || i as name, 'treaty' as agreement_type,
               ['planned', 'signed', 'ratified', 'in_force', 'suspended', 'unknown', 'proposed', 'negotiated', 'withdrawn'][1 + i % 9] as status,
               date '2025-01-17' - to_days(i::integer) as signed_date, 20 as duration_years, 47 as article_count,
               4 as source_count, 3 as outlet_count, 0.5 + (i % 5) / 10 as confidence,
               {ts} - interval 5 day as first_reported_at, {ts} - interval 4 day as first_ingested_at
        from range({agreements}) r(i)""")
    con.execute(f"""
        create or replace table {s}.bdg_agreement_parties as
        select 'agr-' || i as agreement_id, 'actor-' || ((i * 2 + k) % {actors}) as actor_id
        from range({agreements}) r(i), range(2) p(k)""")
    con.execute(f"""
        create or replace table {s}.fct_meetings as
        select 'meet-' || i as meeting_id, date '2025-01-17' - to_days(i::integer % 3000) as meeting_date,
               ['day', 'month', 'year', 'unknown'][1 + i % 4] as date_precision, 'Moscow' as location_name,
               'RUS' as location_country_code, ['visit', 'talks', 'call', 'summit', 'signing', 'meeting'][1 + i % 6] as meeting_type,
               ['planned', 'held', 'postponed', 'cancelled'][1 + i % 4] as status,
               case when i % 3 = 0 then 'agr-' || (i % {agreements}) end as agreement_id,
               3 as source_count, 2 as outlet_count, 2 as independent_origin_count, 1 + i % 6 as credibility,
               -- a meeting only undated pages report has no first report time
               case when i % 5 <> 0 then {ts} - interval 2 day end as first_reported_at,
               {ts} - interval 1 day as first_ingested_at, 0.3 + (i % 7) / 10 as confidence
        from range({meetings}) r(i)""")
    con.execute(f"""
        create or replace table {s}.bdg_meeting_participants as
        select 'meet-' || i as meeting_id, 'actor-' || ((i * 3 + k) % {actors}) as actor_id,
               ['visitor', 'host'][1 + k] as role
        from range({meetings}) r(i), range(2) p(k)""")
    con.execute(f"""
        create or replace table {s}.fct_claims as
        select 'claim-' || i as claim_id, 'actor-' || (i % {actors}) as speaker_actor_id, 'Actor ' || (i % {actors}) as speaker_name,
               'Claim text number ' || i as claim_text, i % 2 = 0 as is_direct_quote, md5('doc' || (i * 7 % {n})) as doc_id,
               'outlet-' || (i % {outlets}) as outlet_id, {ts} - interval 3 day as published_at,
               'https://outlet' || (i % {outlets}) || '.example.org/a/' || i as source_url, 1 + i % 3 as source_count,
               0.49 as confidence, {ts} - interval 3 day as first_reported_at, {ts} - interval 2 day as first_ingested_at
        from range({claims}) r(i)""")
    # each claim is about an agreement named in its sentence, every third also about a meeting in its
    # paragraph, and about an actor who is not its speaker
    con.execute(f"""
        create or replace table {s}.bdg_claim_subjects as
        select claim_id, subject_type, subject_id,
               case when subject_type = 'agreement' then subject_id end as agreement_id,
               case when subject_type = 'meeting' then subject_id end as meeting_id,
               case when subject_type = 'actor' then subject_id end as actor_id,
               link_scope, 1 + i % 2 as document_count
        from (
            select i, 'claim-' || i as claim_id, 'agreement' as subject_type, 'agr-' || (i % {agreements}) as subject_id,
                   'sentence' as link_scope
            from range({claims}) r(i)
            union all
            select i, 'claim-' || i, 'meeting', 'meet-' || (i % {meetings}), 'paragraph'
            from range({claims}) r(i) where i % 3 = 0
            union all
            select i, 'claim-' || i, 'actor', 'actor-' || ((i + 1) % {actors}), 'paragraph'
            from range({claims}) r(i)
        )""")
    con.execute(f"""
        create or replace table {s}.fct_trade_figures as
        select 'fig-' || i as figure_id,
               ['trade_volume', 'national_currency_share', 'growth_rate'][1 + i % 3] as metric,
               [5000000000.0, 80.0, -5.0][1 + i % 3] as value, ['USD', 'percent', 'percent'][1 + i % 3] as unit,
               date '2022-01-01' as period_start, date '2022-12-31' as period_end,
               'actor-' || (i % {actors}) as speaker_actor_id, md5('doc' || (i * 11 % {n})) as doc_id,
               '$5 billion annually' as source_text, 2 as source_count, 0.34 as confidence,
               ['IRN', 'RUS'] as parties, 'bilateral' as scope, [false, false, true][1 + i % 3] as is_change,
               {ts} - interval 3 day as first_reported_at, {ts} - interval 2 day as first_ingested_at
        from range({figures}) r(i)""")
    con.execute(f"""
        create or replace table {s}.bdg_figure_parties as
        select 'fig-' || i as figure_id, 'actor-' || ((i * 5 + k) % {actors}) as actor_id,
               ['subject', 'partner'][1 + k] as role
        from range({figures}) r(i), range(2) p(k)""")
    con.execute(f"""
        create or replace table {s}.fct_evidence as
        select fact_type, fact_id, md5('doc' || (h % {n})) as doc_id, 0 as sentence_index, 0 as char_start,
               40 as char_end, 'synthetic-1' as extractor_version, 0.8 as confidence
        from (
            select 'meeting' as fact_type, meeting_id as fact_id, hash(meeting_id) as h from {s}.fct_meetings
            union all select 'claim', claim_id, hash(claim_id) from {s}.fct_claims
            union all select 'agreement', agreement_id, hash(agreement_id) from {s}.dim_agreements
            union all select 'trade_figure', figure_id, hash(figure_id) from {s}.fct_trade_figures
        )""")
    con.execute(f"""
        create or replace table {s}.bdg_document_citations as
        select md5('doc' || (i * 13 % {n})) as doc_id, 'https://t.me/channel/' || i as cited_url,
               'outlet-' || (i % {outlets}) as cited_outlet_id
        from range({max(10, n // 10)}) r(i)""")
    con.execute(f"""
        create or replace table {s}.audit_rejected_facts as
        select 'claim' as fact_type, 'claim-rejected-' || i as fact_id, 'j-' || lpad(i::varchar, 12, '0') as judgement_id,
               'not the speaker''s words' as reason, 'analyst-' || (i % 3) as judged_by,
               ({ts} - interval 1 day)::timestamp as judged_at, 1::bigint as report_count, 'Rejected claim ' || i as evidence_text,
               md5('doc' || (i * 17 % {n})) as doc_id, null::varchar as source_url
        from range({max(1, n // 100)}) r(i)""")
    tables = [r[0] for r in con.execute(
        "select table_name from information_schema.tables where table_schema = ? order by 1", [s]
    ).fetchall()]
    return {t: int(con.execute(f"select count(*) from {s}.{t}").fetchone()[0]) for t in tables}  # type: ignore[index]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=2, help="gate runs; the first includes the GX import")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="gate-scale-") as tmp:
        con = duckdb.connect(str(Path(tmp) / "gate_scale.duckdb"), config={"threads": args.threads})
        t = time.perf_counter()
        counts = synthesize_marts(con, args.documents)
        synth = time.perf_counter() - t
        print(f"synthesized {sum(counts.values()):,} rows in {synth:.1f} s: {json.dumps(counts)}", flush=True)
        from expectations.mart_gate import run_mart_gate

        timings = []
        for run in range(args.runs):
            t = time.perf_counter()
            gate = run_mart_gate(con, Path(tmp) / "reports", previous_counts=counts)
            wall = time.perf_counter() - t
            timings.append(wall)
            print(
                f"run {run + 1}: {wall:.2f} s wall ({gate.seconds:.2f} s inside the gate), "
                f"{len(gate.outcomes)} expectations, success={gate.success}",
                flush=True,
            )
            if not gate.success:
                print(gate.summary(), file=sys.stderr)
                return 1
        print(json.dumps({"documents": args.documents, "rows": sum(counts.values()), "gate_seconds": timings}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
