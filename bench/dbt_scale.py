"""How `dbt build` scales: synthetic documents and annotation rows generated straight into raw.* with
DuckDB SQL (no connectors, no extraction), then a full build, an incremental build after 1 % new
documents, and a `--full-refresh` of the grown warehouse, each timed wall-clock.

    .venv/bin/python bench/dbt_scale.py --docs 10000 --workdir /tmp/dbt_scale_10k

The corpus has the shape the marts are built for: stories (a meeting, an agreement, quotes and a
figure) reported by several outlets, Telegram forwards and exact copies, light rewrites (near
duplicates), actors named by gazetteer key and by unkeyed spelling variants, citations of Telegram
posts. Everything is a deterministic function of the row number (hash-based), so runs repeat.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from extraction.store import ensure_annotation_schema  # noqa: E402
from ingestion.raw_schema import ensure_raw_schema  # noqa: E402

DBT_DIR = REPO_ROOT / "dbt"
EXTRACTOR = "bench-1"

GENERATE_SQL = """
-- rows [{lo}, {hi}): one document each; story = the event a document reports
create or replace temp table bench_docs as
with
ids as (select range as i from range({lo}, {hi})),
outlets as (select row_number() over (order by outlet_id) - 1 as k, outlet_id, name, platform,
                   string_split(handles, '|')[1] as handle, string_split(domains, '|')[1] as domain
            from read_csv('{registry}', header = true, all_varchar = true)),
n_outlets as (select count(*) as n from outlets),
base as (
    select
        i,
        i // 6 as story,                                   -- about six reports per story
        hash(i, 'kind') % 10 as kind_roll,
        hash(i, 'outlet') % 260 as outlet_roll,            -- registry outlets and 200+ unknown channels
        hash(i, 'dup') % 100 as dup_roll,
    from ids
),
shaped as (
    select
        base.*,
        case when kind_roll < 4 then 'telegram_web' when kind_roll < 8 then 'web' else 'rss' end as source_kind,
        outlets.outlet_id, outlets.name as outlet_name, outlets.handle, outlets.domain,
    from base
    left join outlets on outlets.k = base.outlet_roll
)
select
    md5('bench-doc-' || i) as doc_id,
    i, story, source_kind,
    case when source_kind = 'telegram_web' then 'tg_' || coalesce(handle, 'chan' || outlet_roll) else 'feed_' || (outlet_roll % 40) end as source_name,
    case when source_kind = 'telegram_web' then 'https://t.me/' || coalesce(handle, 'chan' || outlet_roll) || '/' || i
         else 'https://' || coalesce(domain, 'site' || outlet_roll || '.example') || '/news/' || i end as url,
    case when source_kind <> 'telegram_web' then outlet_name end as outlet,
    -- 8 % exact copies and 6 % light rewrites of the story's first report; 5 % forwards
    case when dup_roll < 8 then 'copy' when dup_roll < 14 then 'rewrite' when dup_roll < 19 and source_kind = 'telegram_web' then 'forward' else 'original' end as dup_kind,
    timestamp '2024-01-01' + to_minutes((i * 7)::bigint) as published_at,
from shaped;

create or replace temp table bench_bodies as
select
    d.*,
    -- 160 words: the story's shared paragraph first (reports of one story overlap, and annotation
    -- offsets below point into it, so quotes of one story are the same text) + the document's own words
    array_to_string(list_transform(range(60), j -> 'w' || (hash(d.story, j) % 5000)::varchar), ' ') as story_text,
    array_to_string(list_transform(range(100), j -> 'w' || (hash(case when d.dup_kind in ('copy', 'rewrite', 'forward') then d.story * 6 else d.i end, 'own', j) % 20000)::varchar), ' ') as own_text,
from bench_docs as d;

insert into raw.documents
select
    doc_id, source_kind, source_name, i::varchar, url, 'Story ' || story,
    case dup_kind when 'rewrite' then story_text || ' Update: ' || own_text else story_text || ' ' || own_text end,
    null, published_at, timestamp '2025-01-01' + to_seconds(i::bigint), 'en', outlet,
    md5(case dup_kind when 'rewrite' then story_text || ' Update: ' || own_text else story_text || ' ' || own_text end),
    null,
    case when dup_kind = 'forward' then json_object('forwarded_from_url', 'https://t.me/chan' || (story % 50) || '/' || (story * 6)) end,
    1, timestamp '2025-01-01' + to_seconds(i::bigint), timestamp '2025-01-01' + to_seconds(i::bigint), 'bench-batch'
from bench_bodies;

insert into raw.ann_documents (doc_id, content_hash, extractor_version, annotated_at, sentence_count, status)
select d.doc_id, d.content_hash, '{extractor}', d.fetched_at, 8, 'ok'
from raw.documents d join bench_docs b using (doc_id);

-- unkeyed people: 20000 names from syllables (first name + two-part surname), a third of the
-- reports spelling the name with y for i, as transliterations do
create or replace temp macro bench_name(n, variant) as
    (['Ka', 'Mo', 'Re', 'Sa', 'Da', 'Ha', 'Na', 'Fa', 'Jo', 'Le'])[(n % 10) + 1]
    || (['zem', 'rad', 'lim', 'hid', 'vid', 'san', 'dir', 'mil', 'rin', 'tan'])[((n // 10) % 10) + 1]
    || ' ' || (['Ja', 'Lo', 'Be', 'Ko', 'Mi', 'Ra', 'Te', 'Va', 'Zo', 'Gu', 'Pe', 'Sho', 'Ta', 'Kh', 'Ni', 'Da', 'Fo', 'Ha', 'Yu', 'Ar'])[((n // 100) % 20) + 1]
    || (['lal', 'riv', 'nek', 'sham', 'tor', 'gul', 'mar', 'dov', 'ran', 'zad'])[((n // 2000) % 10) + 1]
    || case when variant then 'y' else 'i' end;

-- people: gazetteer keys, plus unkeyed names (2000 people, a third written with a variant spelling)
create or replace temp table bench_people as
select * from (values
    ('person-vladimir-putin', 'Vladimir Putin', 'RUS'), ('person-masoud-pezeshkian', 'Masoud Pezeshkian', 'IRN'),
    ('person-abbas-araghchi', 'Abbas Araghchi', 'IRN'), ('person-sergey-lavrov', 'Sergey Lavrov', 'RUS'),
    ('person-xi-jinping', 'Xi Jinping', 'CHN'), ('person-narendra-modi', 'Narendra Modi', 'IND'),
    ('person-recep-tayyip-erdogan', 'Recep Tayyip Erdogan', 'TUR'), ('person-dmitry-peskov', 'Dmitry Peskov', 'RUS')
) as v(actor_key, actor_name, country_code);
create or replace temp table bench_people_k as
select row_number() over (order by actor_key) - 1 as k, * from bench_people;

insert into raw.ann_mentions
select
    b.doc_id, '{extractor}', m, m * 20, m * 20 + 12, 'name',
    case when m < 5 then p.actor_key end,
    case when m < 5 then p.actor_name else bench_name((hash(b.story, m) % 20000)::bigint, hash(b.i, m) % 3 = 0) end,
    'person', case when m < 5 then p.country_code end, case when m < 5 then 'gazetteer' else 'ner' end, 0.9
from bench_docs b, range(8) as r(m)
join bench_people_k p on p.k = hash(b.story, m) % 8;

insert into raw.ann_meetings
select b.doc_id, '{extractor}', 0, 1, 0, 40, 'met', case when b.story % 10 = 0 then 'visit' else 'talks' end,
    case when b.story % 10 = 0 then 'planned' else 'held' end,
    case when b.i % 7 = 0 then null else date '2024-01-01' + (b.story % 700)::integer end,
    case when b.i % 7 = 0 then 'unknown' else 'day' end, null,
    (['Moscow', 'Tehran', 'Beijing', 'Kazan', 'Ankara'])[(b.story % 5) + 1],
    (['RUS', 'IRN', 'CHN', 'RUS', 'TUR'])[(b.story % 5) + 1],
    case when b.story % 5 = 0 then 0 end, 0.8
from bench_docs b where b.i % 2 = 0;

insert into raw.ann_meeting_participants
select b.doc_id, '{extractor}', 0, p.actor_key, p.actor_name, 'person', case when r = 0 then 'host' else 'visitor' end, null, null
from bench_docs b, range(2) as t(r)
join bench_people_k p on p.k = (b.story + r * 3) % 8
where b.i % 2 = 0;

insert into raw.ann_agreements
select b.doc_id, '{extractor}', 0, 2, 50, 90, 'signed',
    (['Comprehensive Strategic Partnership Treaty', 'Treaty on Comprehensive Strategic Cooperation', 'Strategic Partnership Agreement'])[(b.i % 3) + 1]
        || ' ' || (b.story // 5),
    'treaty', case when b.story % 10 = 0 then 'planned' else 'signed' end,
    date '2024-01-01' + (b.story % 700)::integer, 'day', case when b.i % 2 = 0 then 20 end, case when b.i % 3 = 0 then 47 end, 0.8
from bench_docs b where b.story % 5 = 0;

insert into raw.ann_agreement_parties
select b.doc_id, '{extractor}', 0, c.key, c.name, 'country'
from bench_docs b, (values ('country-rus', 'Russia'), ('country-irn', 'Iran')) as c(key, name)
where b.story % 5 = 0;

insert into raw.ann_claims
select b.doc_id, '{extractor}', c, 3 + c, 100 + c * 50, 140 + c * 50,
    'statement ' || (hash(b.story, c) % 100000) || ' about cooperation' || case when b.i % 4 = 0 then '.' else '' end,
    c = 0, 'said', 'speaker', null, null, p.actor_key, p.actor_name, 'person', null, 0.8
from bench_docs b, range(2) as t(c)
join bench_people_k p on p.k = (b.story + c) % 8;

insert into raw.ann_figures
select b.doc_id, '{extractor}', 0, 5, 250, 270, '$' || (b.story % 40) || ' billion', 'trade_volume',
    (b.story % 40 + 1) * 1e9, 'USD', null, null, make_date(2015 + (b.story % 10)::integer, 1, 1),
    make_date(2015 + (b.story % 10)::integer, 12, 31), null, null, ['country-irn', 'country-rus'], 0.8
from bench_docs b where b.i % 3 = 0;

insert into raw.ann_citations
select b.doc_id, '{extractor}', 6, 400, 440, 'https://t.me/chan' || (b.story % 50) || '/' || b.story, 'telegram',
    'https://t.me/chan' || (b.story % 50) || '/' || b.story, null, null, 0.95
from bench_docs b where b.i % 5 = 0;

-- evidence must be the characters it points at (dbt tests this): take it from the body
update raw.ann_meetings a set evidence_text = substr(d.body, a.char_start + 1, a.char_end - a.char_start)
from raw.documents d where d.doc_id = a.doc_id and a.extractor_version = '{extractor}';
update raw.ann_agreements a set evidence_text = substr(d.body, a.char_start + 1, a.char_end - a.char_start)
from raw.documents d where d.doc_id = a.doc_id and a.extractor_version = '{extractor}';
-- claim text is trimmed in staging: move the span onto the trimmed words
update raw.ann_claims a
set claim_text = trim(span.text),
    char_start = a.char_start + length(span.text) - length(ltrim(span.text)),
    char_end = a.char_start + length(span.text) - length(ltrim(span.text)) + length(trim(span.text))
from (
    select c.doc_id, c.claim_index, substr(d.body, c.char_start + 1, c.char_end - c.char_start) as text
    from raw.ann_claims c join raw.documents d using (doc_id)
    where c.extractor_version = '{extractor}'
) as span
where span.doc_id = a.doc_id and span.claim_index = a.claim_index and a.extractor_version = '{extractor}';
update raw.ann_figures a set source_text = substr(d.body, a.char_start + 1, a.char_end - a.char_start)
from raw.documents d where d.doc_id = a.doc_id and a.extractor_version = '{extractor}';
"""


def generate(warehouse: Path, lo: int, hi: int) -> float:
    started = time.perf_counter()
    con = duckdb.connect(str(warehouse))
    try:
        ensure_raw_schema(con)
        ensure_annotation_schema(con)
        con.execute(GENERATE_SQL.format(lo=lo, hi=hi, extractor=EXTRACTOR, registry=DBT_DIR / "seeds" / "outlet_registry.csv"))
    finally:
        con.close()
    return time.perf_counter() - started


def slowest_nodes(work: Path, phase: str, top: int = 5) -> dict[str, object]:
    """Keep this phase's run_results and summarize where the time went."""
    results_file = work / "target" / "run_results.json"
    shutil.copyfile(results_file, work / f"run_results_{phase}.json")
    results = json.loads(results_file.read_text())["results"]
    models = [r for r in results if r["unique_id"].startswith("model.")]
    slowest = sorted(models, key=lambda r: r["execution_time"], reverse=True)[:top]
    return {
        "model_seconds": round(sum(r["execution_time"] for r in models), 1),
        "test_seconds": round(sum(r["execution_time"] for r in results if not r["unique_id"].startswith(("model.", "seed."))), 1),
        "slowest_models": {r["unique_id"].split(".")[-1]: round(r["execution_time"], 1) for r in slowest},
    }


def dbt_build(warehouse: Path, work: Path, *extra: str) -> float:
    env = {
        **os.environ,
        "OSINT_WAREHOUSE_PATH": str(warehouse),
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    }
    started = time.perf_counter()
    proc = subprocess.run(
        [str(REPO_ROOT / ".venv" / "bin" / "dbt"), "build", *extra, "--project-dir", str(DBT_DIR), "--profiles-dir", str(DBT_DIR)],
        env=env, capture_output=True, text=True,
    )
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        tail = "\n".join(line for line in proc.stdout.splitlines() if "ERROR" in line or "FAIL" in line)[-3000:]
        raise SystemExit(f"dbt build {' '.join(extra)} failed after {elapsed:.1f} s:\n{tail}")
    return elapsed


def mart_counts(warehouse: Path) -> dict[str, int]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' order by 1").fetchall()]
        return {t: (con.execute(f"select count(*) from marts.{t}").fetchone() or (0,))[0] for t in tables}
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--increment", type=float, default=0.01, help="share of new documents for the incremental build")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/dbt_scale"))
    parser.add_argument("--skip-full-refresh", action="store_true")
    args = parser.parse_args()

    shutil.rmtree(args.workdir, ignore_errors=True)
    args.workdir.mkdir(parents=True)
    warehouse = args.workdir / "warehouse.duckdb"
    added = max(1, int(args.docs * args.increment))
    results: dict[str, object] = {"documents": args.docs, "incremental_documents": added}

    results["generate_seconds"] = round(generate(warehouse, 0, args.docs), 1)
    results["full_build_seconds"] = round(dbt_build(warehouse, args.workdir), 1)
    results["full_build_nodes"] = slowest_nodes(args.workdir, "full")
    results["incremental_generate_seconds"] = round(generate(warehouse, args.docs, args.docs + added), 1)
    results["incremental_build_seconds"] = round(dbt_build(warehouse, args.workdir), 1)
    results["incremental_build_nodes"] = slowest_nodes(args.workdir, "incremental")
    if not args.skip_full_refresh:
        results["full_refresh_build_seconds"] = round(dbt_build(warehouse, args.workdir, "--full-refresh"), 1)
        results["full_refresh_build_nodes"] = slowest_nodes(args.workdir, "full_refresh")
    results["mart_rows"] = mart_counts(warehouse)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
