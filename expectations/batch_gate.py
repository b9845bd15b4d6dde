"""Batch gate: GX expectations on each landed batch before it reaches raw.documents.

`screen_batch` is the hook ingestion/landing.py calls inside the load transaction, on the temp
table `incoming`. Rows failing a blocking expectation are deleted from `incoming` and returned
as quarantine records (check_name = the failed expectation, payload = the original payload);
the rest of the batch continues. A structurally broken batch — a required column missing, or
more than `max_bad_fraction` of its rows failing — raises BatchGateError instead, naming the
source, the expectation and example rows; the load transaction then rolls back.

Per-batch cost: GX is imported and its context built once per process (~3.5 s); suites are
cached per (kind, source, columns); only narrow columns travel to pandas (body lengths are
measured in DuckDB).
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from expectations.batch_suites import SCHEMA_COLUMNS, batch_checks, required_columns
from expectations.checks import Check
from expectations.gx_runtime import new_suite, validate_frame
from expectations.mart_gate import gate_parameters, outcome_of
from expectations.results import ExpectationOutcome, GateResult, write_report
from expectations.settings import GateSettings
from expectations.sql import quote as _q
from expectations.sql import select_column
from ingestion.errors import BatchGateError
from ingestion.records import QuarantinedRecord, utc_now

ROW_ID = "__rowid"
_suites: dict[tuple[str, str, tuple[str, ...], GateSettings], tuple[list[Check], Any, list[Check], Any]] = {}


@dataclass
class BatchVerdict:
    """What the gate decided about one batch."""

    gate: GateResult
    rows: int
    rejected: dict[int, list[Check]] = field(default_factory=dict)  # rowid -> failed blocking checks, in order
    broken: str | None = None  # why the whole batch is rejected
    worst: ExpectationOutcome | None = None
    values: dict[int, dict[str, Any]] = field(default_factory=dict)  # rowid -> offending values, for reasons


def warehouse_reports_dir(con: duckdb.DuckDBPyConnection) -> Path | None:
    """<data_dir>/reports for a connection to <data_dir>/warehouse.duckdb; None in memory."""
    row = con.execute("select path from duckdb_databases() where database_name = current_database()").fetchone()
    if not row or not row[0]:
        return None
    from osint.warehouse import DataLayout

    return DataLayout(Path(row[0]).resolve().parent).reports


@dataclass
class _RowSuite:
    """Row checks validated on one frame: the batch's rows, or (`each`) one row per element of a list."""

    each: str | None
    checks: list[Check]
    suite: Any


def _suites_for(
    source_kind: str, source_name: str, columns: tuple[str, ...], settings: GateSettings
) -> tuple[list[Check], Any, list[Check], list[_RowSuite]]:
    """(schema checks, their suite, row checks in suite order, their suites per frame), built once per
    kind, source and columns."""
    key = (source_kind, source_name, columns, settings)
    cached = _suites.get(key)
    if cached is None:
        present = set(columns)
        every = batch_checks(source_kind, source_name, settings)
        schema = [c for c in every if c.gx_type == "ExpectTableColumnsToMatchSet"]
        rows = [c for c in every if c not in schema and all(u in present for u in c.uses)]
        groups: list[_RowSuite] = []
        for each in dict.fromkeys(c.each for c in rows):
            group = [c for c in rows if c.each == each]
            name = f"batch.{source_kind}.{source_name}.rows" + (f".each{len(groups)}" if each else "")
            groups.append(_RowSuite(each, group, new_suite(name, [c.expectation() for c in group])))
        cached = (
            schema,
            new_suite(f"batch.{source_kind}.{source_name}.schema", [c.expectation() for c in schema]),
            rows,
            groups,
        )
        _suites[key] = cached
    return cached


def _frame(con: duckdb.DuckDBPyConnection, table: str, types: dict[str, str], group: _RowSuite) -> Any:
    """The columns `group` reads: one row per batch row (index = rowid), or per list element (index =
    position, the batch row in column ROW_ID)."""
    select = [f"t.rowid as {ROW_ID}"]
    if group.each:
        select += [select_column(c, types[c]) for c in ("external_id", "doc_id") if c in types]
    else:
        used = dict.fromkeys(u for c in group.checks for u in c.uses)
        select += [select_column(c, types[c]) for c in used if c not in ("body", "title")]
    for check in group.checks:
        select += [f"{sql} as {_q(name)}" for name, sql in check.derived.items()]
    source = f"{table} t" + (f", unnest({group.each}) as u(e)" if group.each else "")
    frame = con.execute(f"select {', '.join(select)} from {source}").df()
    if not group.each:
        frame = frame.set_index(ROW_ID, drop=False)
    frame.index.name = None
    return frame


def validate_batch(
    con: duckdb.DuckDBPyConnection,
    table: str,
    source_kind: str,
    source_name: str,
    settings: GateSettings | None = None,
    now: datetime | None = None,
    reports_dir: Path | None = None,
) -> BatchVerdict:
    """Validate the rows of `table` (a DuckDB table, e.g. temp table `incoming`) without changing it."""
    from osint.dbt_functions import register_functions

    started = time.perf_counter()
    settings = settings or GateSettings.from_env()
    now = now or utc_now()
    register_functions(con)  # the project's rules the mart rules at landing call (osint_url_comparable, ...)
    described = con.execute(f"select * from {table} limit 0")
    types = {d[0]: str(d[1]) for d in described.description or []}
    empty = described.df()
    columns = tuple(str(c) for c in empty.columns)
    schema_checks, schema_suite, checks, groups = _suites_for(source_kind, source_name, columns, settings)
    schema_result = validate_frame("batches", f"{source_kind}.schema", empty, schema_suite)
    schema_results = {r.expectation_config.meta["check"]: r for r in schema_result.results}

    results: dict[str, tuple[Any, Any]] = {}  # check id -> (GX result, the frame it judged)
    frame = None
    for group in groups:
        judged = _frame(con, table, types, group)
        if group.each is None:
            frame = judged
        result = validate_frame(
            "batches", source_kind, judged, group.suite, gate_parameters(settings, now),
            {"result_format": "COMPLETE", "partial_unexpected_count": 10},
        )
        results.update({r.expectation_config.meta["check"]: (r, judged) for r in result.results})
    if frame is None:
        frame = _frame(con, table, types, _RowSuite(None, [], None))

    outcomes = [outcome_of(source_name, c, schema_results[c.id], empty, []) for c in schema_checks]
    rejected: dict[int, list[Check]] = defaultdict(list)
    values: dict[int, dict[str, Any]] = defaultdict(dict)
    for check in checks:
        r, judged = results[check.id]
        key = [c for c in ("external_id", "doc_id") if c in judged.columns]
        outcomes.append(outcome_of(source_name, check, r, judged, key))
        if r.success or not check.blocking or not check.row_level:
            continue
        bad = list((r.result or {}).get("unexpected_index_list") or [])
        if check.gx_type == "ExpectColumnValuesToBeUnique":
            bad = _all_but_first(judged, check.kwargs["column"], bad)
        column = next(iter(check.derived), check.kwargs.get("column"))
        for index in bad:
            rowid = int(judged.at[index, ROW_ID])
            if check in rejected[rowid]:
                continue  # a second bad element of the same row
            rejected[rowid].append(check)
            if column in judged.columns:
                values[rowid][check.id] = judged.at[index, column]

    missing = [c for c in required_columns(source_kind) if c not in columns]
    for c in SCHEMA_COLUMNS:
        if c not in columns and c not in missing:
            outcomes.append(
                ExpectationOutcome(
                    source_name, "expect_column_to_exist", c, False, observed="missing from the batch",
                    blocking=False, check=f"landing schema column {c} exists",
                )
            )
    n = len(frame)
    broken = None
    worst = max((o for o in outcomes if not o.success and o.blocking), key=lambda o: o.unexpected_count or 0, default=None)
    if missing:
        broken = f"required column {', '.join(missing)} missing (batch has {', '.join(columns) or 'no columns'})"
        worst = next(o for o in outcomes if o.expectation == "expect_table_columns_to_match_set")
    elif len(rejected) >= settings.min_bad_rows and len(rejected) > settings.max_bad_fraction * n:
        broken = (
            f"{len(rejected)} of {n} rows failed ({len(rejected) / n:.0%}, more than the allowed "
            f"{settings.max_bad_fraction:.0%}): the source is broken, not its rows"
        )
    gate = GateResult(gate=f"batch:{source_name}", success=broken is None, outcomes=outcomes, row_counts={source_name: n})
    if broken:
        gate.notes.append(f"batch rejected: {broken}")
    elif rejected:
        gate.notes.append(f"{len(rejected)} of {n} rows quarantined")
    gate.seconds = time.perf_counter() - started
    if reports_dir is not None:
        write_report(gate, reports_dir)
    return BatchVerdict(gate=gate, rows=n, rejected=dict(rejected), broken=broken, worst=worst, values=dict(values))


def _all_but_first(frame: Any, column: str, rowids: list[Any]) -> list[Any]:
    """Of rows sharing an id, the first (lowest rowid) stays in the batch; the copies are quarantined."""
    if not rowids:
        return []
    dupes = frame.loc[rowids, [column]]
    first = set(dupes.reset_index().groupby(column)["index"].min().tolist())
    return [r for r in rowids if r not in first]


def quarantine_records(
    con: duckdb.DuckDBPyConnection, table: str, verdict: BatchVerdict, source_kind: str, source_name: str
) -> list[QuarantinedRecord]:
    """The rejected rows as quarantine records with their original payload (else the whole row as JSON)."""
    if not verdict.rejected:
        return []
    rowids = sorted(verdict.rejected)
    columns = {d[0] for d in (con.execute(f"select * from {table} limit 0").description or [])}
    ref = "coalesce(t.external_id, t.doc_id)" if {"external_id", "doc_id"} <= columns else (
        "t.external_id" if "external_id" in columns else "null"
    )
    payload = "coalesce(t.payload, to_json(t)::varchar)" if "payload" in columns else "to_json(t)::varchar"
    rows = con.execute(
        f"select t.rowid, {ref}, {payload} from {table} t where t.rowid in (select unnest(?::bigint[]))", [rowids]
    ).fetchall()
    records = []
    for rowid, record_ref, original in rows:
        failed = verdict.rejected[int(rowid)]
        found = verdict.values.get(int(rowid), {})
        reasons = "; ".join(
            f"{c.description}" + (f" (got {_shown(found[c.id])})" if c.id in found else "") for c in failed
        )
        records.append(
            QuarantinedRecord(
                source_kind=source_kind,
                source_name=source_name,
                record_ref=None if record_ref is None else str(record_ref),
                check=f"{_snake(failed[0].gx_type)}:{failed[0].id}",
                reason=f"{source_name} record {record_ref}: failed {reasons}",
                payload=original or "",
            )
        )
    return records


def _shown(value: Any) -> str:
    import pandas as pd

    if value is None or (not isinstance(value, list | tuple | dict) and pd.isna(value)):
        return "null"
    text = str(value)
    return text if len(text) <= 120 else text[:119] + "…"


def _snake(name: str) -> str:
    return "".join(f"_{ch.lower()}" if ch.isupper() else ch for ch in name).lstrip("_")


def screen_batch(con: duckdb.DuckDBPyConnection, source_kind: str, source_name: str) -> list[QuarantinedRecord]:
    """Remove rows of temp table `incoming` that fail the batch suite; return them as quarantine records.

    Raises BatchGateError when the batch is structurally broken (nothing is removed then).
    """
    verdict = validate_batch(con, "incoming", source_kind, source_name, reports_dir=warehouse_reports_dir(con))
    if verdict.broken:
        worst = verdict.worst
        examples = []
        if worst is not None:
            examples = [json.dumps(s, default=str, ensure_ascii=False) for s in worst.samples[:3]]
        expectation = f"{worst.expectation} [{worst.check}]" if worst else "the batch suite"
        raise BatchGateError(source_name, expectation, verdict.broken, examples, verdict.gate.report_path)
    records = quarantine_records(con, "incoming", verdict, source_kind, source_name)
    if verdict.rejected:
        con.execute("delete from incoming where rowid in (select unnest(?::bigint[]))", [sorted(verdict.rejected)])
    return records
