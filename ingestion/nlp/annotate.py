"""Incremental annotation: documents not yet annotated at the current extractor version → raw.ann_*.

One transaction per batch deletes a document's old rows from every raw.ann_* table and inserts the new
ones, so a re-annotated document (edited, or annotated by an older EXTRACTOR_VERSION) never keeps
stale facts, and a failed batch leaves the previous annotations in place.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
import pyarrow as pa

from ingestion.nlp.extract import Extractor, is_english
from ingestion.nlp.gazetteer import Gazetteer
from ingestion.nlp.model import DocumentInput, Extraction, Speaker
from ingestion.records import utc_now

log = logging.getLogger(__name__)

# Bump when extraction output changes: every document is then re-annotated on the next run.
EXTRACTOR_VERSION = "rules-ner-0.2.4"

ANN_SCHEMA_SQL = """
create schema if not exists raw;
-- Which content of which document was annotated by which extractor version. Offsets in every
-- raw.ann_* table are 0-based character offsets into raw.documents.body (end exclusive).
create table if not exists raw.ann_documents (
    doc_id varchar primary key,
    content_hash varchar not null,
    extractor_version varchar not null,
    annotated_at timestamp not null,
    sentence_count integer not null,
    status varchar not null,          -- ok | failed
    error varchar,
    language varchar                  -- added by the extractor: language the document was processed as
);
-- Entities referring to actors carry actor_key (gazetteer actor_id, or null for an actor the
-- gazetteer lacks) plus actor_name and actor_type, so dbt can resolve new actors the same way.
create table if not exists raw.ann_mentions (
    doc_id varchar not null,
    extractor_version varchar not null,
    sentence_index integer not null,
    char_start integer not null,
    char_end integer not null,
    mention_text varchar not null,
    actor_key varchar,
    actor_name varchar not null,
    actor_type varchar not null,      -- person | country | organization
    country_code varchar,
    method varchar not null,          -- gazetteer | ner | alias | role | surname | coreference
    confidence double not null
);
create table if not exists raw.ann_citations (
    doc_id varchar not null,
    extractor_version varchar not null,
    sentence_index integer not null,
    char_start integer not null,
    char_end integer not null,
    cited_text varchar not null,
    citation_type varchar not null,   -- url | telegram | outlet_attribution
    cited_url varchar,
    cited_outlet_key varchar,         -- outlet_registry.outlet_id when recognised
    cited_outlet_name varchar,
    confidence double not null
);
create table if not exists raw.ann_claims (
    doc_id varchar not null,
    extractor_version varchar not null,
    claim_index integer not null,
    sentence_index integer not null,
    char_start integer not null,
    char_end integer not null,
    claim_text varchar not null,
    is_direct_quote boolean not null,
    cue varchar,                       -- said, told, insisted, according to, ...
    speaker_text varchar,
    speaker_char_start integer,
    speaker_char_end integer,
    speaker_actor_key varchar,
    speaker_name varchar,
    speaker_type varchar,             -- person | country | organization | outlet
    speaker_outlet_key varchar,
    confidence double not null
);
create table if not exists raw.ann_agreements (
    doc_id varchar not null,
    extractor_version varchar not null,
    agreement_index integer not null,
    sentence_index integer not null,
    char_start integer not null,
    char_end integer not null,
    evidence_text varchar not null,
    name varchar not null,
    agreement_type varchar not null,  -- treaty | pact | agreement | memorandum | deal | statement | contract | other
    status varchar not null,          -- planned | signed | ratified | in_force | suspended | unknown
    signed_date date,
    date_precision varchar not null,  -- day | month | year | unknown
    duration_years integer,
    article_count integer,
    confidence double not null
);
create table if not exists raw.ann_agreement_parties (
    doc_id varchar not null,
    extractor_version varchar not null,
    agreement_index integer not null,
    actor_key varchar,
    actor_name varchar not null,
    actor_type varchar not null
);
create table if not exists raw.ann_meetings (
    doc_id varchar not null,
    extractor_version varchar not null,
    meeting_index integer not null,
    sentence_index integer not null,
    char_start integer not null,
    char_end integer not null,
    evidence_text varchar not null,
    meeting_type varchar not null,    -- visit | talks | call | summit | signing | meeting
    status varchar not null,          -- planned | held
    meeting_date date,
    date_precision varchar not null,  -- day | month | year | unknown
    date_text varchar,
    location_name varchar,
    location_country_code varchar,
    agreement_index integer,          -- ann_agreements.agreement_index of the same document
    confidence double not null
);
create table if not exists raw.ann_meeting_participants (
    doc_id varchar not null,
    extractor_version varchar not null,
    meeting_index integer not null,
    actor_key varchar,
    actor_name varchar not null,
    actor_type varchar not null,
    role varchar not null,            -- visitor | host | participant
    char_start integer,
    char_end integer
);
create table if not exists raw.ann_figures (
    doc_id varchar not null,
    extractor_version varchar not null,
    figure_index integer not null,
    sentence_index integer not null,
    char_start integer not null,
    char_end integer not null,
    source_text varchar not null,
    metric varchar not null,          -- trade_volume | trade_target | national_currency_share | growth_rate | ... | other
    value double not null,            -- normalized: "$5 billion" -> 5000000000, "80 percent" -> 80
    unit varchar not null,            -- ISO 4217 code, percent, tonnes, barrels_per_day, ...
    qualifier varchar,                -- over | under | about | up_to | at_least | null
    period_text varchar,
    period_start date,
    period_end date,
    speaker_actor_key varchar,
    speaker_name varchar,
    party_actor_keys varchar[],
    confidence double not null
);
"""

# Columns added after the first contract; `create table if not exists` does not add them to a
# warehouse created earlier, so they are added explicitly (never renamed or removed).
_ADDED_COLUMNS = (("ann_documents", "language", "varchar"),)

_S, _I, _F, _B, _D = pa.string(), pa.int32(), pa.float64(), pa.bool_(), pa.date32()
SCHEMAS: dict[str, pa.Schema] = {
    "ann_mentions": pa.schema(
        [
            ("doc_id", _S),
            ("extractor_version", _S),
            ("sentence_index", _I),
            ("char_start", _I),
            ("char_end", _I),
            ("mention_text", _S),
            ("actor_key", _S),
            ("actor_name", _S),
            ("actor_type", _S),
            ("country_code", _S),
            ("method", _S),
            ("confidence", _F),
        ]
    ),
    "ann_citations": pa.schema(
        [
            ("doc_id", _S),
            ("extractor_version", _S),
            ("sentence_index", _I),
            ("char_start", _I),
            ("char_end", _I),
            ("cited_text", _S),
            ("citation_type", _S),
            ("cited_url", _S),
            ("cited_outlet_key", _S),
            ("cited_outlet_name", _S),
            ("confidence", _F),
        ]
    ),
    "ann_claims": pa.schema(
        [
            ("doc_id", _S),
            ("extractor_version", _S),
            ("claim_index", _I),
            ("sentence_index", _I),
            ("char_start", _I),
            ("char_end", _I),
            ("claim_text", _S),
            ("is_direct_quote", _B),
            ("cue", _S),
            ("speaker_text", _S),
            ("speaker_char_start", _I),
            ("speaker_char_end", _I),
            ("speaker_actor_key", _S),
            ("speaker_name", _S),
            ("speaker_type", _S),
            ("speaker_outlet_key", _S),
            ("confidence", _F),
        ]
    ),
    "ann_agreements": pa.schema(
        [
            ("doc_id", _S),
            ("extractor_version", _S),
            ("agreement_index", _I),
            ("sentence_index", _I),
            ("char_start", _I),
            ("char_end", _I),
            ("evidence_text", _S),
            ("name", _S),
            ("agreement_type", _S),
            ("status", _S),
            ("signed_date", _D),
            ("date_precision", _S),
            ("duration_years", _I),
            ("article_count", _I),
            ("confidence", _F),
        ]
    ),
    "ann_agreement_parties": pa.schema(
        [
            ("doc_id", _S),
            ("extractor_version", _S),
            ("agreement_index", _I),
            ("actor_key", _S),
            ("actor_name", _S),
            ("actor_type", _S),
        ]
    ),
    "ann_meetings": pa.schema(
        [
            ("doc_id", _S),
            ("extractor_version", _S),
            ("meeting_index", _I),
            ("sentence_index", _I),
            ("char_start", _I),
            ("char_end", _I),
            ("evidence_text", _S),
            ("meeting_type", _S),
            ("status", _S),
            ("meeting_date", _D),
            ("date_precision", _S),
            ("date_text", _S),
            ("location_name", _S),
            ("location_country_code", _S),
            ("agreement_index", _I),
            ("confidence", _F),
        ]
    ),
    "ann_meeting_participants": pa.schema(
        [
            ("doc_id", _S),
            ("extractor_version", _S),
            ("meeting_index", _I),
            ("actor_key", _S),
            ("actor_name", _S),
            ("actor_type", _S),
            ("role", _S),
            ("char_start", _I),
            ("char_end", _I),
        ]
    ),
    "ann_figures": pa.schema(
        [
            ("doc_id", _S),
            ("extractor_version", _S),
            ("figure_index", _I),
            ("sentence_index", _I),
            ("char_start", _I),
            ("char_end", _I),
            ("source_text", _S),
            ("metric", _S),
            ("value", _F),
            ("unit", _S),
            ("qualifier", _S),
            ("period_text", _S),
            ("period_start", _D),
            ("period_end", _D),
            ("speaker_actor_key", _S),
            ("speaker_name", _S),
            ("party_actor_keys", pa.list_(_S)),
            ("confidence", _F),
        ]
    ),
}
MENTION_SCHEMA = SCHEMAS["ann_mentions"]


@dataclass
class AnnotationSummary:
    documents: int = 0
    mentions: int = 0
    failed: int = 0
    citations: int = 0
    claims: int = 0
    agreements: int = 0
    meetings: int = 0
    figures: int = 0
    non_english: int = 0


def ensure_annotation_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(ANN_SCHEMA_SQL)
    for table, column, ctype in _ADDED_COLUMNS:
        con.execute(f"alter table raw.{table} add column if not exists {column} {ctype}")


def _speaker_columns(sp: Speaker | None) -> dict[str, Any]:
    if sp is None:
        return {
            "speaker_text": None,
            "speaker_char_start": None,
            "speaker_char_end": None,
            "speaker_actor_key": None,
            "speaker_name": None,
            "speaker_type": None,
            "speaker_outlet_key": None,
        }
    return {
        "speaker_text": sp.text,
        "speaker_char_start": sp.start,
        "speaker_char_end": sp.end,
        "speaker_actor_key": sp.actor_key,
        "speaker_name": sp.name,
        "speaker_type": sp.speaker_type,
        "speaker_outlet_key": sp.outlet_key,
    }


def extraction_rows(ex: Extraction, body: str, gazetteer: Gazetteer) -> dict[str, list[dict[str, Any]]]:
    """raw.ann_* rows of one document's extraction (every table, possibly empty lists)."""
    base = {"doc_id": ex.doc_id, "extractor_version": EXTRACTOR_VERSION}
    idx = ex.sentences.index_of
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in SCHEMAS}
    for m in ex.mentions:
        rows["ann_mentions"].append(
            {
                **base,
                "sentence_index": idx(m.start),
                "char_start": m.start,
                "char_end": m.end,
                "mention_text": m.text,
                "actor_key": m.actor_key,
                "actor_name": m.actor_name,
                "actor_type": m.actor_type,
                "country_code": m.country_code,
                "method": m.method,
                "confidence": m.confidence,
            }
        )
    for c in ex.citations:
        rows["ann_citations"].append(
            {
                **base,
                "sentence_index": idx(c.start),
                "char_start": c.start,
                "char_end": c.end,
                "cited_text": c.text,
                "citation_type": c.citation_type,
                "cited_url": c.url,
                "cited_outlet_key": c.outlet_key,
                "cited_outlet_name": c.outlet_name,
                "confidence": c.confidence,
            }
        )
    for i, cl in enumerate(ex.claims):
        rows["ann_claims"].append(
            {
                **base,
                "claim_index": i,
                "sentence_index": idx(cl.start),
                "char_start": cl.start,
                "char_end": cl.end,
                "claim_text": cl.text,
                "is_direct_quote": cl.is_direct_quote,
                "cue": cl.cue,
                **_speaker_columns(cl.speaker),
                "confidence": cl.confidence,
            }
        )
    spans = ex.sentences.spans
    for a in ex.agreements:
        si = idx(a.start)
        s_start, s_end = spans[si] if spans else (a.start, a.end)
        rows["ann_agreements"].append(
            {
                **base,
                "agreement_index": a.index,
                "sentence_index": si,
                "char_start": s_start,
                "char_end": s_end,
                "evidence_text": body[s_start:s_end],
                "name": a.name,
                "agreement_type": a.agreement_type,
                "status": a.status,
                "signed_date": a.signed_date,
                "date_precision": a.date_precision,
                "duration_years": a.duration_years,
                "article_count": a.article_count,
                "confidence": a.confidence,
            }
        )
        seen: set[str] = set()
        for key, m in a.parties.items():
            country = gazetteer.country(key.split(":", 1)[1]) if key.startswith("country:") else None
            actor_key, name, atype = (
                (country.actor_id, country.canonical_name, "country")
                if country
                else (m.actor_key, m.actor_name, m.actor_type)
            )
            ident = actor_key or name
            if ident in seen:
                continue
            seen.add(ident)
            rows["ann_agreement_parties"].append(
                {
                    **base,
                    "agreement_index": a.index,
                    "actor_key": actor_key,
                    "actor_name": name,
                    "actor_type": atype,
                }
            )
    for i, mt in enumerate(ex.meetings):
        rows["ann_meetings"].append(
            {
                **base,
                "meeting_index": i,
                "sentence_index": idx(mt.start),
                "char_start": mt.start,
                "char_end": mt.end,
                "evidence_text": body[mt.start : mt.end],
                "meeting_type": mt.meeting_type,
                "status": mt.status,
                "meeting_date": mt.meeting_date,
                "date_precision": mt.date_precision,
                "date_text": mt.date_text,
                "location_name": mt.location_name,
                "location_country_code": mt.location_country_code,
                "agreement_index": mt.agreement_index,
                "confidence": mt.confidence,
            }
        )
        for p in mt.participants:
            rows["ann_meeting_participants"].append(
                {
                    **base,
                    "meeting_index": i,
                    "actor_key": p.actor_key,
                    "actor_name": p.actor_name,
                    "actor_type": p.actor_type,
                    "role": p.role,
                    "char_start": p.start,
                    "char_end": p.end,
                }
            )
    for i, f in enumerate(ex.figures):
        rows["ann_figures"].append(
            {
                **base,
                "figure_index": i,
                "sentence_index": idx(f.start),
                "char_start": f.start,
                "char_end": f.end,
                "source_text": f.text,
                "metric": f.metric,
                "value": f.value,
                "unit": f.unit,
                "qualifier": f.qualifier,
                "period_text": f.period_text,
                "period_start": f.period_start,
                "period_end": f.period_end,
                "speaker_actor_key": f.speaker.actor_key if f.speaker else None,
                "speaker_name": f.speaker.name if f.speaker else None,
                "party_actor_keys": f.parties,
                "confidence": f.confidence,
            }
        )
    return rows


_PENDING = """from raw.documents d
           left join raw.ann_documents a
             on a.doc_id = d.doc_id and a.content_hash = d.content_hash and a.extractor_version = ?
           where a.doc_id is null"""


def documents_to_annotate(con: duckdb.DuckDBPyConnection) -> int:
    ensure_annotation_schema(con)
    row = con.execute(f"select count(*) {_PENDING}", [EXTRACTOR_VERSION]).fetchone()
    return int(row[0]) if row else 0


def default_workers() -> int:
    """Extraction processes: OSINT_EXTRACT_WORKERS, else one per CPU core (at most 8)."""
    env = os.environ.get("OSINT_EXTRACT_WORKERS")
    if env:
        try:
            return max(1, int(env))
        except ValueError:
            log.warning("OSINT_EXTRACT_WORKERS=%r is not a number; using one process per core", env)
    return max(
        1, min(8, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
    )


# Below this many pending documents a pool costs more (a model load per worker) than it saves.
MIN_DOCUMENTS_PER_WORKER = 300

_Item = tuple[str, str, str, datetime | None, str | None, str | None]


@dataclass
class _BatchRows:
    """One extracted batch, ready to write: ann_documents rows and an Arrow table per raw.ann_* table."""

    doc_rows: list[tuple[Any, ...]]
    tables: dict[str, pa.Table]
    failed: int = 0
    non_english: int = 0


def annotate_documents(
    con: duckdb.DuckDBPyConnection,
    batch_size: int = 2000,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> AnnotationSummary:
    """Annotate every document that is new, edited, or annotated by an older extractor version.

    With more than one worker, batches are extracted in a pool of processes (each loads the seeds
    and the spaCy model once) while this process — the only one holding the DuckDB connection —
    reads the next batches and writes finished ones, in order, one transaction per batch.
    """
    ensure_annotation_schema(con)
    todo = documents_to_annotate(con)
    summary = AnnotationSummary()
    if todo == 0:
        return summary
    workers = default_workers() if workers is None else max(1, workers)
    workers = min(workers, max(1, todo // MIN_DOCUMENTS_PER_WORKER))
    if workers > 1 and mp.current_process().daemon:
        workers = 1  # a daemonic process (e.g. a Celery prefork child) may not start children
    if workers > 1:
        # Enough batches to keep every worker busy and the writes overlapped with extraction.
        batch_size = min(batch_size, max(100, -(-todo // (workers * 4))))
    con.execute(
        f"""create or replace temp table ann_todo as
           select row_number() over (order by d.doc_id) as rn,
                  d.doc_id, d.content_hash, coalesce(d.body, '') as body, d.published_at, d.language, d.outlet
           {_PENDING}
           order by d.doc_id""",
        [EXTRACTOR_VERSION],
    )

    def batches() -> Iterator[list[_Item]]:
        offset = 0
        while offset < todo:
            batch = con.execute(
                """select doc_id, content_hash, body, published_at, language, outlet from ann_todo
                   where rn > ? and rn <= ? order by rn""",
                [offset, offset + batch_size],
            ).fetchall()
            if not batch:
                return
            offset += len(batch)
            yield batch

    done = 0

    def write(rows: _BatchRows) -> None:
        nonlocal done
        _write_batch(con, rows, summary)
        done += len(rows.doc_rows)
        if progress:
            progress(done, todo)

    try:
        if workers == 1:
            extractor = Extractor.default()
            for batch in batches():
                write(_extract_batch_rows(extractor, batch))
        else:
            log.info("extracting %d documents in %d processes, %d per batch", todo, workers, batch_size)
            # spawn, not fork: this process holds DuckDB's threads and locks.
            with ProcessPoolExecutor(
                workers, mp_context=mp.get_context("spawn"), initializer=_init_worker, initargs=(os.getpid(),)
            ) as pool:
                pending: deque[Future[_BatchRows]] = deque()
                for batch in batches():
                    pending.append(pool.submit(_extract_in_worker, batch))
                    while len(pending) > workers * 2:  # bounded read-ahead: memory stays flat
                        write(pending.popleft().result())
                while pending:
                    write(pending.popleft().result())
    finally:
        con.execute("drop table if exists ann_todo")
    return summary


_WORKER_EXTRACTOR: Extractor | None = None


def _init_worker(parent: int) -> None:
    global _WORKER_EXTRACTOR
    _exit_with_parent(parent)
    _WORKER_EXTRACTOR = Extractor.default()


def _exit_with_parent(parent: int, interval: float = 1.0) -> None:
    """End this worker when the process that started it is gone (killed by a timeout, SIGKILL):
    an orphaned worker would otherwise sit on its model's memory until the machine restarts.
    `parent` is passed in, not read here: the parent may already be dead when this runs."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _extract_in_worker(batch: list[_Item]) -> _BatchRows:
    assert _WORKER_EXTRACTOR is not None, "worker not initialized"
    return _extract_batch_rows(_WORKER_EXTRACTOR, batch)


def _extract_safely(extractor: Extractor, docs: list[DocumentInput]) -> list[Extraction | Exception]:
    """The batch at once; if it fails, document by document so one bad document fails alone."""
    try:
        return list(extractor.extract_batch(docs))
    except Exception as batch_exc:
        log.warning("batch extraction failed (%s); retrying document by document", batch_exc)
    out: list[Extraction | Exception] = []
    for doc in docs:
        try:
            out.extend(extractor.extract_batch([doc]))
        except Exception as exc:
            out.append(exc)
    return out


def _extract_batch_rows(extractor: Extractor, items: list[_Item]) -> _BatchRows:
    """Extract one batch into rows (no database access: runs in a worker process too)."""
    now = utc_now()
    docs = [
        DocumentInput(doc_id, body, published_at, language, outlet)
        for doc_id, _, body, published_at, language, outlet in items
    ]
    results = _extract_safely(extractor, docs)
    out = _BatchRows([], {})
    table_rows: dict[str, list[dict[str, Any]]] = {t: [] for t in SCHEMAS}
    for (doc_id, chash, body, _, language, _), doc, result in zip(items, docs, results, strict=True):
        if not isinstance(result, Exception):
            try:
                rows = extraction_rows(result, body, extractor.gazetteer)
            except Exception as exc:
                result = exc
        if isinstance(result, Exception):
            log.warning("extraction failed for document %s: %s", doc_id, result)
            error = f"{type(result).__name__}: {result}"
            out.doc_rows.append((doc_id, chash, EXTRACTOR_VERSION, now, 0, "failed", error, language))
            out.failed += 1
            continue
        for t, r in rows.items():
            table_rows[t].extend(r)
        out.non_english += not is_english(doc)
        out.doc_rows.append(
            (doc_id, chash, EXTRACTOR_VERSION, now, len(result.sentences), "ok", None, language or None)
        )
    out.tables = {t: pa.Table.from_pylist(r, schema=SCHEMAS[t]) for t, r in table_rows.items()}
    return out


def _write_batch(con: duckdb.DuckDBPyConnection, rows: _BatchRows, summary: AnnotationSummary) -> None:
    """One transaction: drop the batch's documents' old annotations, insert the new ones."""
    ids = pa.table({"doc_id": [r[0] for r in rows.doc_rows]})
    con.execute("begin transaction")
    registered = ["ann_ids"]
    try:
        con.register("ann_ids", ids)
        for t in (*SCHEMAS, "ann_documents"):
            con.execute(f"delete from raw.{t} where doc_id in (select doc_id from ann_ids)")
        con.executemany(
            """insert into raw.ann_documents (doc_id, content_hash, extractor_version, annotated_at, sentence_count, status, error, language)
               values (?, ?, ?, ?, ?, ?, ?, ?)""",
            rows.doc_rows,
        )
        for t, tbl in rows.tables.items():
            if tbl.num_rows == 0:
                continue
            view = f"ann_new_{t}"
            con.register(view, tbl)
            registered.append(view)
            cols = ", ".join(tbl.schema.names)
            con.execute(f"insert into raw.{t} ({cols}) select {cols} from {view}")
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    finally:
        for view in registered:
            con.unregister(view)
    summary.documents += len(rows.doc_rows)
    summary.failed += rows.failed
    summary.non_english += rows.non_english
    summary.mentions += rows.tables["ann_mentions"].num_rows
    summary.citations += rows.tables["ann_citations"].num_rows
    summary.claims += rows.tables["ann_claims"].num_rows
    summary.agreements += rows.tables["ann_agreements"].num_rows
    summary.meetings += rows.tables["ann_meetings"].num_rows
    summary.figures += rows.tables["ann_figures"].num_rows
