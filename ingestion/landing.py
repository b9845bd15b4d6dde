"""Landing: connector output → Parquet batch files (no lock) → raw.* tables (single writer).

A batch is complete once its `<batch_id>.meta.json` exists (written last, atomically), so a
crash mid-fetch never leaves a half batch that the loader would pick up. Loading is set-based
SQL and idempotent: a batch id is loaded once, a document whose content hash is unchanged is a
duplicate, a changed one becomes a new version.

Unchanged documents are not landed again: each source keeps a landed index (doc_id → content
hash of the last version it landed, `<state>/cursors/<source>.landed.parquet`, written after the
batch), and a fetch drops the documents whose content hash is the one already landed before it
writes its batch. A source that re-reads unchanged inputs (a folder, a feed file, an export) so
writes a batch of no documents, counted as `unchanged` (the loader audits them as duplicates,
which is what it would have found). A changed document differs in its hash and is landed again;
a batch the gate rejects as a whole clears its source's index, so those documents are offered
again on the next fetch. Deleting the index file makes the next fetch land everything again.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from ingestion.bounds import binary_text_reason, clean_text, has_printable_text, has_surrogates
from ingestion.errors import BatchGateError, SourceError
from ingestion.records import DocumentRecord, FetchResult, QuarantinedRecord, content_hash, utc_now
from ingestion.source_config import SourceConfig

log = logging.getLogger(__name__)

DOCUMENT_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("source_kind", pa.string()),
        ("source_name", pa.string()),
        ("external_id", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("body", pa.string()),
        ("author", pa.string()),
        ("published_at", pa.timestamp("us")),
        ("fetched_at", pa.timestamp("us")),
        ("language", pa.string()),
        ("outlet", pa.string()),
        ("content_hash", pa.string()),
        ("payload", pa.string()),
        ("metadata", pa.string()),
    ]
)
QUARANTINE_SCHEMA = pa.schema(
    [
        ("source_kind", pa.string()),
        ("source_name", pa.string()),
        ("record_ref", pa.string()),
        ("check_name", pa.string()),
        ("reason", pa.string()),
        ("payload", pa.string()),
        ("quarantined_at", pa.timestamp("us")),
    ]
)
LANDED_SCHEMA = pa.schema([("doc_id", pa.string()), ("content_hash", pa.string())])
METRICS_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("observed_at", pa.timestamp("us")),
        ("views", pa.int64()),
        ("forwards", pa.int64()),
        ("replies", pa.int64()),
        ("reactions", pa.string()),
    ]
)


@dataclass(frozen=True)
class LandingArea:
    """Where landing batches and connector cursors live (under the data directory, see osint.warehouse)."""

    landing: Path
    cursors: Path

    def ensure(self) -> LandingArea:
        self.landing.mkdir(parents=True, exist_ok=True)
        self.cursors.mkdir(parents=True, exist_ok=True)
        return self


@dataclass
class BatchMeta:
    batch_id: str
    source_name: str
    source_kind: str
    started_at: str
    finished_at: str
    status: str  # ok | failed
    fetched: int
    quarantined: int
    cursor: dict[str, Any] | None = None
    error: str | None = None
    unchanged: int = 0  # documents the source returned with the content it had already landed (not written)


@dataclass
class LoadResult:
    batch_id: str
    source_name: str
    status: str
    fetched: int = 0
    new: int = 0
    updated: int = 0
    duplicate: int = 0
    quarantined: int = 0
    error: str | None = None


def new_batch_id(source_name: str) -> str:
    return f"{utc_now():%Y%m%dT%H%M%S}-{source_name}-{secrets.token_hex(3)}"


def _write_parquet_atomic(table: pa.Table, path: Path) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)  # only left when the write failed


ROW_GROUP_SIZE = 20_000
_TEXT_COLUMNS = tuple(f.name for f in DOCUMENT_SCHEMA if f.type == pa.string())
_TIME_COLUMNS = ("published_at", "fetched_at")


def _unstorable(record: DocumentRecord) -> tuple[dict[str, Any] | None, QuarantinedRecord | None]:
    """The record's row, or why it cannot be stored as a document (as a quarantine record).

    The last line of defence behind the connectors' own checks: a field that is not text (a
    number or object where a URL belongs), text that is not valid Unicode (a lone surrogate from
    an undecodable name or a "\\ud800" escape), a body of NUL bytes or without printable text.
    Such a record is quarantined alone instead of failing the Parquet write of its whole batch.
    """
    try:
        row = record.to_row()
    except (TypeError, ValueError, OverflowError, RecursionError) as exc:
        return None, _guard_reject(record, f"record cannot be stored ({type(exc).__name__}: {str(exc)[:200]})", "parse")
    for column in _TEXT_COLUMNS:
        value = row[column]
        if value is None:
            continue
        if not isinstance(value, str):
            return None, _guard_reject(record, f"field {column} is {type(value).__name__}, expected text", "parse")
        if has_surrogates(value):
            return None, _guard_reject(record, f"field {column} holds text that is not valid Unicode "
                                               "(a lone surrogate: undecodable bytes or a \\ud800-style escape)", "encoding")
    for column in _TIME_COLUMNS:
        if row[column] is not None and not isinstance(row[column], datetime):
            return None, _guard_reject(record, f"field {column} is {type(row[column]).__name__}, expected a time", "parse")
    body = row["body"] or ""
    binary = binary_text_reason(body)
    if binary:
        return None, _guard_reject(record, f"body {binary}", "encoding")
    if not has_printable_text(body):
        return None, _guard_reject(record, "body has no printable text (only whitespace or control characters)", "no_text")
    return row, None


def _guard_reject(record: DocumentRecord, reason: str, check: str) -> QuarantinedRecord:
    ref = clean_text(str(record.external_id))
    original = record.payload if isinstance(record.payload, str) else str(record.body)
    return QuarantinedRecord.excerpt(str(record.source_kind), str(record.source_name), ref, reason, original, check=check)


def _write_documents_atomic(
    records: list[DocumentRecord], path: Path, rejects: list[QuarantinedRecord], hashes: dict[str, str] | None = None
) -> int:
    """Documents to Parquet in row groups, so a 180k-item batch never exists as one list of dicts.

    Records that cannot be stored go to `rejects`; returns how many were written (the file is
    removed again when none was). `hashes` receives doc_id → content hash of every written row.
    """
    tmp = path.with_suffix(path.suffix + ".tmp")
    written = 0
    try:
        with pq.ParquetWriter(tmp, DOCUMENT_SCHEMA, compression="zstd") as writer:
            for start in range(0, len(records), ROW_GROUP_SIZE):
                rows = []
                for record in records[start : start + ROW_GROUP_SIZE]:
                    row, reject = _unstorable(record)
                    if reject is not None:
                        rejects.append(reject)
                    elif row is not None:
                        rows.append(row)
                if rows:
                    writer.write_table(pa.Table.from_pylist(rows, schema=DOCUMENT_SCHEMA))
                    written += len(rows)
                    if hashes is not None:
                        hashes.update((row["doc_id"], row["content_hash"]) for row in rows)
        if written:
            os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)  # left only when nothing was written or the write failed
    return written


def write_landing_batch(
    area: LandingArea,
    source: SourceConfig,
    result: FetchResult,
    started_at: datetime,
    status: str = "ok",
    error: str | None = None,
    *,
    unchanged: int = 0,
    written: dict[str, str] | None = None,
) -> BatchMeta:
    """Write one fetch's output as a landing batch; the meta file, written last, completes it.

    `unchanged` counts documents left out because they were landed before with the same content;
    `written` receives doc_id → content hash of the documents written.
    """
    folder = area.landing / source.name
    folder.mkdir(parents=True, exist_ok=True)
    batch_id = new_batch_id(source.name)
    try:
        return _write_batch_files(folder, batch_id, source, result, started_at, status, error, unchanged, written)
    except BaseException:
        # no meta file, no batch: remove what was written so nothing is left half-done
        for leftover in folder.glob(f"{batch_id}.*"):
            leftover.unlink(missing_ok=True)
        raise


def _write_batch_files(
    folder: Path, batch_id: str, source: SourceConfig, result: FetchResult, started_at: datetime, status: str,
    error: str | None, unchanged: int = 0, written: dict[str, str] | None = None,
) -> BatchMeta:
    fetched = 0
    if result.records:
        rejects: list[QuarantinedRecord] = []
        fetched = _write_documents_atomic(result.records, folder / f"{batch_id}.parquet", rejects, written)
        if rejects:
            result.quarantined = [*result.quarantined, *rejects]
    if result.quarantined:
        q_rows = [q.to_row() for q in result.quarantined]
        _write_parquet_atomic(
            pa.Table.from_pylist(q_rows, schema=QUARANTINE_SCHEMA), folder / f"{batch_id}.quarantine.parquet"
        )
    if result.post_metrics:
        _write_parquet_atomic(
            pa.Table.from_pylist(result.post_metrics, schema=METRICS_SCHEMA), folder / f"{batch_id}.metrics.parquet"
        )
    meta = BatchMeta(
        batch_id=batch_id,
        source_name=source.name,
        source_kind=source.kind,
        started_at=started_at.isoformat(),
        finished_at=utc_now().isoformat(),
        status=status,
        fetched=fetched,
        quarantined=len(result.quarantined),
        cursor=result.cursor,
        error=error,
        unchanged=unchanged,
    )
    meta_path = folder / f"{batch_id}.meta.json"
    tmp = meta_path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(asdict(meta), indent=1, default=str), encoding="utf-8")
    os.replace(tmp, meta_path)
    return meta


def read_cursor(area: LandingArea, source_name: str) -> dict[str, Any] | None:
    path = area.cursors / f"{source_name}.json"
    if not path.is_file():
        return None
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        log.warning("cursor file %s is unreadable; fetching %s from the start", path, source_name)
        return None
    return value if isinstance(value, dict) else None


def write_cursor(area: LandingArea, source_name: str, cursor: dict[str, Any]) -> None:
    area.cursors.mkdir(parents=True, exist_ok=True)
    path = area.cursors / f"{source_name}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(cursor, default=str), encoding="utf-8")
    os.replace(tmp, path)


def landed_index_path(area: LandingArea, source_name: str) -> Path:
    return area.cursors / f"{source_name}.landed.parquet"


def read_landed_index(area: LandingArea, source_name: str) -> dict[str, str]:
    """doc_id → content hash of the last version this source landed ({} when none or unreadable)."""
    path = landed_index_path(area, source_name)
    if not path.is_file():
        return {}
    try:
        table = pq.read_table(path, schema=LANDED_SCHEMA)
    except (OSError, ValueError, pa.ArrowException) as exc:
        log.warning("landed index %s is unreadable (%s); %s lands every document again", path, exc, source_name)
        return {}
    return dict(zip(table.column("doc_id").to_pylist(), table.column("content_hash").to_pylist(), strict=True))


def write_landed_index(area: LandingArea, source_name: str, landed: dict[str, str]) -> None:
    area.cursors.mkdir(parents=True, exist_ok=True)
    table = pa.table({"doc_id": list(landed), "content_hash": list(landed.values())}, schema=LANDED_SCHEMA)
    _write_parquet_atomic(table, landed_index_path(area, source_name))


def forget_landed_index(area: LandingArea, source_name: str) -> None:
    """The next fetch of this source lands every document again (after a batch was rejected)."""
    landed_index_path(area, source_name).unlink(missing_ok=True)


def drop_unchanged(records: list[DocumentRecord], landed: dict[str, str]) -> tuple[list[DocumentRecord], int]:
    """The records whose content differs from what the source last landed, and how many were dropped.

    Same test as the loader's "duplicate" (doc_id and content hash of title + body), so leaving a
    record out changes nothing in raw.*. A record that cannot be hashed is kept: the landing guard
    quarantines it with a reason.
    """
    if not landed:
        return records, 0
    kept: list[DocumentRecord] = []
    for record in records:
        try:
            same = landed.get(record.doc_id) == content_hash(record.title, record.body)
        except (TypeError, ValueError, AttributeError, UnicodeError):
            same = False
        if not same:
            kept.append(record)
    return kept, len(records) - len(kept)


def fetch_source(area: LandingArea, source: SourceConfig) -> BatchMeta:
    """Fetch one source into a landing batch. Needs no warehouse lock; safe to run in parallel.

    The landing batch is the durable hand-off, so the cursor (and the landed index) advance as
    soon as it is written. Documents already landed with the same content are left out.
    A failing source still writes a (failed) batch so the run audit records it, then raises.
    """
    from ingestion.sources import connector_for

    area.ensure()
    started = utc_now()
    try:
        connector = connector_for(source)
        bind = getattr(connector, "bind_landing", None)
        if callable(bind):  # connectors that follow links found in other sources' landed batches
            bind(area.landing)
        result = connector.fetch(read_cursor(area, source.name))
    except SourceError as exc:
        write_landing_batch(area, source, FetchResult(), started, status="failed", error=exc.reason)
        raise
    except Exception as exc:  # a connector bug must not vanish silently either
        reason = f"{type(exc).__name__}: {exc}"
        write_landing_batch(area, source, FetchResult(), started, status="failed", error=reason)
        raise SourceError(source.name, reason) from exc
    if source.language:
        for record in result.records:
            if record.language is None:
                record.language = source.language
    landed = read_landed_index(area, source.name)
    result.records, unchanged = drop_unchanged(result.records, landed)
    written: dict[str, str] = {}
    try:
        meta = write_landing_batch(area, source, result, started, unchanged=unchanged, written=written)
    except Exception as exc:  # e.g. the disk is full: this source fails alone, with a reason, no leftovers
        reason = f"landing batch could not be written: {type(exc).__name__}: {exc}"
        try:
            write_landing_batch(area, source, FetchResult(), started, status="failed", error=reason)
        except Exception:  # the original error is the one to report
            log.exception("could not record the failed batch of %s", source.name)
        raise SourceError(source.name, reason) from exc
    if written:
        landed.update(written)
        write_landed_index(area, source.name, landed)
    if result.cursor is not None:
        write_cursor(area, source.name, result.cursor)
    return meta


def pending_batches(con: duckdb.DuckDBPyConnection, area: LandingArea) -> list[Path]:
    loaded = {r[0] for r in con.execute("select batch_id from raw.ingest_runs").fetchall()}
    metas = sorted(area.landing.glob("*/*.meta.json"), key=lambda p: p.name)
    return [m for m in metas if m.name.removesuffix(".meta.json") not in loaded]


BatchScreen = Callable[[duckdb.DuckDBPyConnection, str, str], list[QuarantinedRecord]]


def load_landed_batches(
    con: duckdb.DuckDBPyConnection,
    area: LandingArea,
    screen: BatchScreen | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[LoadResult]:
    """Load every complete, not-yet-loaded landing batch into raw.* (caller holds the writer lock).

    `screen(con, source_kind, source_name)` inspects the temp table `incoming`, deletes rows that
    fail the batch checks from it and returns them as quarantine records.
    """
    results = []
    for meta_path in pending_batches(con, area):
        meta = BatchMeta(**json.loads(meta_path.read_text(encoding="utf-8")))
        if progress:
            progress(f"loading {meta.source_name} batch {meta.batch_id}")
        try:
            results.append(_load_batch(con, meta_path.parent, meta, screen))
        except BatchGateError as exc:
            # A structurally broken batch must not block the batches after it: keep its rows in
            # quarantine with the gate's verdict, audit it as rejected, and go on.
            log.error("%s", exc)
            results.append(_reject_batch(con, meta_path.parent, meta, exc))
            forget_landed_index(area, meta.source_name)  # offer its documents again on the next fetch
    return results


def _reject_batch(con: duckdb.DuckDBPyConnection, folder: Path, meta: BatchMeta, exc: BatchGateError) -> LoadResult:
    now = utc_now()
    docs = folder / f"{meta.batch_id}.parquet"
    con.execute("begin transaction")
    try:
        if docs.exists():
            con.execute(
                f"""insert into raw.quarantine (batch_id, source_kind, source_name, record_ref, check_name,
                                                 reason, payload, quarantined_at)
                    select ?, source_kind, source_name, record_ref, check_name, reason, payload, ?
                    from (select source_kind, source_name, external_id as record_ref, ? as check_name,
                                 ? as reason, coalesce(payload, body) as payload
                          from read_parquet(?)) q
                    where {_NOT_YET_QUARANTINED}""",
                [meta.batch_id, now, exc.expectation, str(exc), str(docs)],
            )
        quarantined = int(con.execute("select count(*) from raw.quarantine where batch_id = ?", [meta.batch_id]).fetchone()[0])  # type: ignore[index]
        con.execute(
            """insert into raw.ingest_runs values (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, 'rejected', ?)""",
            [meta.batch_id, meta.source_name, meta.source_kind, meta.started_at, meta.finished_at, now,
             meta.fetched, quarantined, str(exc)],
        )
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return LoadResult(meta.batch_id, meta.source_name, "rejected", fetched=meta.fetched, quarantined=quarantined, error=str(exc))


def _load_batch(
    con: duckdb.DuckDBPyConnection, folder: Path, meta: BatchMeta, screen: BatchScreen | None
) -> LoadResult:
    now = utc_now()
    docs = folder / f"{meta.batch_id}.parquet"
    quarantine = folder / f"{meta.batch_id}.quarantine.parquet"
    metrics = folder / f"{meta.batch_id}.metrics.parquet"
    # documents left out of the batch as unchanged are audited as what the merge would have found: duplicates
    result = LoadResult(meta.batch_id, meta.source_name, meta.status, fetched=meta.fetched + meta.unchanged,
                        duplicate=meta.unchanged, error=meta.error)
    con.execute("begin transaction")
    try:
        if quarantine.exists():
            # re-reading an unchanged input rejects the same records again: keep the first copy only
            con.execute(
                f"""insert into raw.quarantine (batch_id, source_kind, source_name, record_ref, check_name,
                                               reason, payload, quarantined_at)
                   select ?, source_kind, source_name, record_ref, check_name, reason, payload, quarantined_at
                   from read_parquet(?) q
                   where {_NOT_YET_QUARANTINED}""",
                [meta.batch_id, str(quarantine)],
            )
        if docs.exists():
            con.execute(
                """create or replace temp table incoming as
                   select * from read_parquet(?)
                   qualify row_number() over (partition by doc_id order by fetched_at desc) = 1""",
                [str(docs)],
            )
            in_batch_dupes = meta.fetched - _scalar(con, "select count(*) from incoming")
            rejected = screen(con, meta.source_kind, meta.source_name) if screen else []
            gate_repeats = 0
            if rejected:
                before = _scalar(con, "select count(*) from raw.quarantine where batch_id = ?", [meta.batch_id])
                con.execute(
                    "create or replace temp table rejected_rows as select * from (values (null::varchar, "
                    "null::varchar, null::varchar, null::varchar, null::varchar, null::varchar, null::timestamp)) "
                    "t(source_kind, source_name, record_ref, check_name, reason, payload, quarantined_at) where false"
                )
                con.executemany("insert into rejected_rows values (?, ?, ?, ?, ?, ?, ?)",
                                [list(q.to_row().values()) for q in rejected])
                con.execute(
                    f"""insert into raw.quarantine (batch_id, source_kind, source_name, record_ref, check_name,
                                                   reason, payload, quarantined_at)
                       select ?, * from rejected_rows q where {_NOT_YET_QUARANTINED}""",
                    [meta.batch_id],
                )
                after = _scalar(con, "select count(*) from raw.quarantine where batch_id = ?", [meta.batch_id])
                gate_repeats = len(rejected) - (after - before)  # rejected again, already on file
            counts = _merge_incoming(con, meta.batch_id, now)
            result.new, result.updated = counts["new"], counts["updated"]
            result.duplicate += counts["duplicate"] + in_batch_dupes + gate_repeats
            _link_documents(con, meta.batch_id, now)
        if metrics.exists():
            # an observation is (document, time): re-loading the same export adds nothing, and
            # metrics of posts that never became documents (quarantined) are not kept
            con.execute(
                """insert into raw.post_metrics
                   select m.doc_id, m.observed_at, m.views, m.forwards, m.replies, m.reactions, ?
                   from read_parquet(?) m
                   where m.doc_id in (select doc_id from raw.documents)
                     and not exists (select 1 from raw.post_metrics p
                                     where p.doc_id = m.doc_id and p.observed_at = m.observed_at)
                   qualify row_number() over (partition by m.doc_id, m.observed_at) = 1""",
                [meta.batch_id, str(metrics)],
            )
        if docs.exists() or metrics.exists():
            _resolve_links(con)
        result.quarantined = _scalar(con, "select count(*) from raw.quarantine where batch_id = ?", [meta.batch_id])
        if meta.cursor is not None:
            con.execute(
                """insert into raw.source_cursors values (?, ?, ?)
                   on conflict (source_name) do update set cursor = excluded.cursor, updated_at = excluded.updated_at""",
                [meta.source_name, json.dumps(meta.cursor, default=str), now],
            )
        con.execute(
            """insert into raw.ingest_runs values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                meta.batch_id, meta.source_name, meta.source_kind, meta.started_at, meta.finished_at, now,
                result.fetched, result.new, result.updated, result.duplicate, result.quarantined,
                meta.status, meta.error,
            ],
        )
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return result


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> int:
    row = con.execute(sql, params or []).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


# A quarantine row `q` repeats one already on file: same source, record, check and original payload.
_NOT_YET_QUARANTINED = """not exists (
    select 1 from raw.quarantine r
    where r.source_name = q.source_name and r.record_ref is not distinct from q.record_ref
      and r.check_name = q.check_name and r.payload is not distinct from q.payload)"""

_DOC_COLUMNS = (
    "source_kind, source_name, external_id, url, title, body, author, published_at, fetched_at, "
    "language, outlet, content_hash, payload, metadata"
)


def _merge_incoming(con: duckdb.DuckDBPyConnection, batch_id: str, now: datetime) -> dict[str, int]:
    con.execute(
        """create or replace temp table classified as
           select i.*,
                  coalesce(d.version, 0) + 1 as next_version,
                  coalesce(d.first_seen_at, ?) as first_seen,
                  case when d.doc_id is null then 'new'
                       when d.content_hash = i.content_hash then 'duplicate'
                       else 'updated' end as change
           from incoming i left join raw.documents d using (doc_id)""",
        [now],
    )
    counts = dict.fromkeys(("new", "updated", "duplicate"), 0)
    for change, n in con.execute("select change, count(*) from classified group by 1").fetchall():
        counts[change] = int(n)
    con.execute(
        """insert into raw.document_versions
            (doc_id, version, content_hash, source_kind, source_name, external_id, url, title, body, author,
             published_at, fetched_at, language, outlet, payload, metadata, batch_id, landed_at)
            select doc_id, next_version, content_hash, source_kind, source_name, external_id, url, title, body,
                   author, published_at, fetched_at, language, outlet, payload, metadata, ?, ?
            from classified where change <> 'duplicate'""",
        [batch_id, now],
    )
    # the latest version replaces the row of an updated document (raw.documents has no key to upsert on:
    # see ingestion.raw_schema)
    con.execute("delete from raw.documents where doc_id in (select doc_id from classified where change = 'updated')")
    con.execute(
        f"""insert into raw.documents (doc_id, {_DOC_COLUMNS}, version, first_seen_at, updated_at, batch_id)
            select doc_id, {_DOC_COLUMNS}, next_version, first_seen, ?, ?
            from classified where change <> 'duplicate'""",
        [now, batch_id],
    )
    _check_unique_keys(con)
    return counts


def _check_unique_keys(con: duckdb.DuckDBPyConnection) -> None:
    """The batch's documents are each one row of raw.documents and one row per version of
    raw.document_versions (what the primary keys checked): else the batch is rolled back."""
    twice = con.execute(
        """select doc_id from raw.documents
           where doc_id in (select doc_id from classified where change <> 'duplicate')
           group by doc_id having count(*) > 1 limit 1""").fetchone()
    if twice is None:
        twice = con.execute(
            """select doc_id || ' version ' || version from raw.document_versions
               where doc_id in (select doc_id from classified where change <> 'duplicate')
               group by doc_id, version having count(*) > 1 limit 1""").fetchone()
    if twice is not None:
        raise duckdb.ConstraintException(f"document {twice[0]} would be landed twice")


# Link rows derived from the documents of one batch (temp table `classified`). Each SELECT yields
# (doc_id, link_type, linked_ref, linked_url); the primary key makes re-loading idempotent.
_LINK_SOURCES = (
    # a forward points at its origin post: by URL when the origin channel is public, else by id
    """select doc_id, 'forward_of' as link_type,
              coalesce(json_extract_string(metadata, '$.forwarded_from.url'),
                       'telegram:' || coalesce(json_extract_string(metadata, '$.forwarded_from.channel'),
                                               json_extract_string(metadata, '$.forwarded_from.channel_id'),
                                               json_extract_string(metadata, '$.forwarded_from.from_id'))
                         || coalesce('/' || json_extract_string(metadata, '$.forwarded_from.message_id'), ''),
                       'name:' || json_extract_string(metadata, '$.forwarded_from.name')) as linked_ref,
              json_extract_string(metadata, '$.forwarded_from.url') as linked_url
       from classified
       where change <> 'duplicate' and json_extract(metadata, '$.forwarded_from') is not null""",
    """select doc_id, 'reply_to',
              coalesce(json_extract_string(metadata, '$.reply_to.url'),
                       'telegram:' || json_extract_string(metadata, '$.reply_to.channel') || '/'
                         || json_extract_string(metadata, '$.reply_to.message_id')),
              json_extract_string(metadata, '$.reply_to.url')
       from classified
       where change <> 'duplicate' and json_extract(metadata, '$.reply_to.message_id') is not null""",
    """select doc_id, 'cites', link, link
       from (select doc_id, url,
                    unnest(try_cast(json_extract(metadata, '$.links') as varchar[])) as link
             from classified
             where change <> 'duplicate' and json_extract(metadata, '$.links') is not null)
       where link is distinct from url""",
)

# Shortest text for which an identical content hash means "copied", not "both said 'Photo'".
MIN_COPY_CHARS = 40


def _link_documents(con: duckdb.DuckDBPyConnection, batch_id: str, now: datetime) -> None:
    """Record forwards, replies, citations and exact copies of this batch's new/changed documents."""
    for select in _LINK_SOURCES:
        con.execute(
            f"""insert into raw.document_links (doc_id, link_type, linked_ref, linked_url, batch_id, detected_at)
                select distinct doc_id, link_type, linked_ref, linked_url, ?, ? from ({select}) s (doc_id, link_type, linked_ref, linked_url)
                where linked_ref is not null
                on conflict do nothing""",
            [batch_id, now],
        )
    # Exact copies across (or within) sources: the earliest document with the same text is the
    # origin; every other one links to it and still lands, so corroboration can count origins once.
    # A backfilled older document becomes the new origin, so the copy links of its hash are redone.
    con.execute(
        """create or replace temp table copy_groups as
           with hashes as (
               select distinct content_hash from classified
               where change <> 'duplicate' and length(body) >= ?
           )
           select d.doc_id, d.url, d.content_hash,
                  first_value(d.doc_id) over w as origin_id, first_value(d.url) over w as origin_url
           from raw.documents d
           where d.content_hash in (select content_hash from hashes)
           window w as (partition by d.content_hash
                        order by coalesce(d.published_at, d.first_seen_at), d.first_seen_at, d.doc_id)""",
        [MIN_COPY_CHARS],
    )
    con.execute(
        """delete from raw.document_links l
           where l.link_type = 'exact_copy_of'
             and l.doc_id in (select doc_id from copy_groups)
             and l.linked_ref not in (select origin_id from copy_groups g where g.doc_id = l.doc_id)"""
    )
    con.execute(
        """insert into raw.document_links (doc_id, link_type, linked_ref, linked_url, linked_doc_id, batch_id, detected_at)
           select doc_id, 'exact_copy_of', origin_id, origin_url, origin_id, ?, ?
           from copy_groups where doc_id <> origin_id
           on conflict do nothing""",
        [batch_id, now],
    )


def _resolve_links(con: duckdb.DuckDBPyConnection) -> None:
    """Point links at documents that have arrived since (by URL, or by Telegram channel/message id)."""
    con.execute(
        """update raw.document_links as l set linked_doc_id = t.doc_id
           from (select url, arg_min(doc_id, first_seen_at) as doc_id from raw.documents
                 where url in (select linked_url from raw.document_links where linked_doc_id is null)
                 group by url) t
           where l.linked_doc_id is null and l.linked_url = t.url and l.doc_id <> t.doc_id"""
    )
    con.execute(
        """update raw.document_links as l set linked_doc_id = t.doc_id
           from (select 'telegram:' || external_id as ref, arg_min(doc_id, first_seen_at) as doc_id
                 from raw.documents
                 where source_kind like 'telegram%'
                   and 'telegram:' || external_id in (select linked_ref from raw.document_links
                                                      where linked_doc_id is null and linked_ref like 'telegram:%')
                 group by 1) t
           where l.linked_doc_id is null and l.linked_ref = t.ref and l.doc_id <> t.doc_id"""
    )
