"""The mart gate: validate every mart of a build before it may be published.

For each contract mart the gate reads one pandas frame from DuckDB with only the columns its
checks need, plus columns DuckDB derives first (orphans of a referential-integrity join, values
of one unit), and validates it with the mart's GX suite. Outcomes that block: any failed
blocking expectation, a contract column missing, a mart that shrank sharply or emptied against
the previous publication, a contract mart missing that the previous publication had. Outcomes
that warn: checks the contract leaves open (annotation enums, freshness unless configured), a
contract mart not built yet, a reference into a mart not built yet.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb

from expectations.checks import Check, Join, exists, row_count_at_least
from expectations.gx_runtime import new_suite, validate_frame
from expectations.mart_suites import MART_SPECS, MartSpec
from expectations.results import ExpectationOutcome, GateResult, write_report
from expectations.settings import GateSettings
from expectations.sql import quote as _q
from expectations.sql import select_column
from ingestion.records import utc_now

SAMPLE_ROWS = 10


def mart_columns(con: duckdb.DuckDBPyConnection, schema: str) -> dict[str, dict[str, str]]:
    """Base tables of `schema` (what publish copies) → their columns and DuckDB types."""
    rows = con.execute(
        """select c.table_name, c.column_name, c.data_type
           from information_schema.columns c
           join information_schema.tables t using (table_catalog, table_schema, table_name)
           where c.table_schema = ? and t.table_type = 'BASE TABLE'
             and c.table_catalog = current_database()
           order by c.table_name, c.ordinal_position""",
        [schema],
    ).fetchall()
    tables: dict[str, dict[str, str]] = {}
    for table, column, data_type in rows:
        tables.setdefault(table, {})[column] = data_type
    return tables


def volume_floor(previous_rows: int | None, max_shrink: float, floor: int = 0) -> int:
    """Fewest rows a mart may have: emptying a published mart always blocks; shrinking past max_shrink too."""
    if not previous_rows:
        return floor
    return max(floor, 1, math.ceil(previous_rows * (1.0 - max_shrink)))


def gate_parameters(settings: GateSettings, now: datetime) -> dict[str, Any]:
    return {
        "now_plus_skew": now + settings.future_skew,
        "planned_fact_max": now.replace(year=now.year + settings.planned_fact_years, month=1, day=1)
        + timedelta(days=366),
        "period_max": now.replace(year=now.year + settings.period_years, month=12, day=31),
        "fresh_after": now - timedelta(hours=settings.freshness_hours),
    }


def run_mart_gate(
    con: duckdb.DuckDBPyConnection,
    reports_dir: Path | None,
    schema: str = "marts",
    previous_counts: dict[str, int] | None = None,
    max_shrink: float | None = None,
    specs: tuple[MartSpec, ...] = MART_SPECS,
    settings: GateSettings | None = None,
    now: datetime | None = None,
) -> GateResult:
    """Validate every mart in `schema`; write the HTML report when `reports_dir` is given."""
    started = time.perf_counter()
    settings = settings or GateSettings.from_env()
    if max_shrink is not None:
        settings = replace(settings, max_shrink=max_shrink)
    now = now or utc_now()
    previous = previous_counts or {}
    tables = mart_columns(con, schema)
    params = gate_parameters(settings, now)
    outcomes: list[ExpectationOutcome] = []
    row_counts: dict[str, int] = {}
    notes: list[str] = []

    for spec in specs:
        if spec.table not in tables:
            outcomes.append(_missing_mart(spec.table, spec.table in previous))
            continue
        outcomes += _validate_mart(con, schema, spec, tables, previous.get(spec.table), settings, params, notes, row_counts)

    contract = {s.table for s in specs}
    for table in sorted(set(tables) - contract):
        # Not in the contract (yet): still never published emptied or shrunk by accident.
        spec = MartSpec(table=table, key=(), contract=(), checks=())
        outcomes += _validate_mart(
            con, schema, spec, tables, previous.get(table), settings, params, notes, row_counts, volume_only=True
        )
    for table in sorted(set(previous) - set(tables) - contract):
        outcomes.append(
            ExpectationOutcome(
                table, "expect_table_to_exist", None, False, observed="missing from this build", blocking=False,
                check="a non-contract table of the previous publication is gone",
            )
        )

    gate = GateResult(
        gate="marts",
        success=not any(not o.success and o.blocking for o in outcomes),
        outcomes=outcomes,
        row_counts=row_counts,
        notes=notes,
    )
    gate.seconds = time.perf_counter() - started
    if reports_dir is not None:
        write_report(gate, reports_dir)
    return gate


def _missing_mart(table: str, was_published: bool) -> ExpectationOutcome:
    return ExpectationOutcome(
        table=table,
        expectation="expect_table_to_exist",
        column=None,
        success=False,
        observed="missing from this build",
        blocking=was_published,
        check="contract mart of the previous publication" if was_published else "contract mart not built yet",
    )


def _validate_mart(
    con: duckdb.DuckDBPyConnection,
    schema: str,
    spec: MartSpec,
    tables: dict[str, dict[str, str]],
    previous_rows: int | None,
    settings: GateSettings,
    params: dict[str, Any],
    notes: list[str],
    row_counts: dict[str, int],
    volume_only: bool = False,
) -> list[ExpectationOutcome]:
    present = tables[spec.table]
    candidates: list[Check] = [] if volume_only else [exists(c) for c in spec.contract] + spec.all_checks(settings)
    candidates.append(row_count_at_least())
    checks: list[Check] = []
    outcomes: list[ExpectationOutcome] = []
    for check in candidates:
        absent = [c for c in check.uses if c not in present]
        if absent:
            if not all(c in spec.contract for c in absent):  # contract columns fail via their `exists` check
                notes.append(f"{spec.table}: check {check.id} skipped, column {', '.join(absent)} not in this build")
            continue
        unbuilt = [t for t in check.needs_tables if t not in tables]
        if unbuilt:
            outcomes.append(
                ExpectationOutcome(
                    spec.table, _snake(check.gx_type), check.column, False,
                    observed=f"not checked: {', '.join(unbuilt)} not in this build", blocking=False, check=check.description,
                )
            )
            continue
        checks.append(check)

    frame = _read_frame(con, schema, spec, present, checks)
    row_counts[spec.table] = len(frame)
    table_params = {
        **params, "min_rows": volume_floor(previous_rows if spec.volume_checked else None, settings.max_shrink, spec.min_rows),
    }
    suite = new_suite(f"marts.{spec.table}", [c.expectation() for c in checks])
    result = validate_frame(
        "marts", spec.table, frame, suite, table_params,
        {"result_format": "SUMMARY", "partial_unexpected_count": SAMPLE_ROWS},
    )
    key = [c for c in spec.key if c in frame.columns]
    results = {r.expectation_config.meta["check"]: r for r in result.results}
    validated = [outcome_of(spec.table, c, results[c.id], frame, key, previous_rows, table_params) for c in checks]
    return validated + outcomes


def _read_frame(
    con: duckdb.DuckDBPyConnection, schema: str, spec: MartSpec, present: dict[str, str], checks: list[Check]
) -> Any:
    """Only the columns the checks read (+ the key, + contract columns for `exists`), derived columns last."""
    wanted = [c for c in spec.contract if c in present]
    for check in checks:
        wanted += [c for c in check.uses if c in present]
    wanted += [c for c in spec.key if c in present]
    columns = list(dict.fromkeys(wanted))
    select = [select_column(c, present[c]) for c in columns]
    joins: dict[str, Join] = {}
    for check in checks:
        select += [f"{sql} as {_q(name)}" for name, sql in check.derived.items()]
        for join in check.joins:
            joins[join.alias] = join
    join_sql = "".join(
        f" left join (select distinct {_q(j.key)} as k from {_q(schema)}.{_q(j.table)} where {_q(j.key)} is not null)"
        f" {j.alias} on {j.alias}.k = t.{_q(j.on_column)}"
        for j in joins.values()
    )
    sql = f"select {', '.join(select) or '1 as _row'} from {_q(schema)}.{_q(spec.table)} t{join_sql}"
    return con.execute(sql).df()


def _snake(name: str) -> str:
    return "".join(f"_{ch.lower()}" if ch.isupper() else ch for ch in name).lstrip("_")


def outcome_of(
    table: str,
    check: Check,
    r: Any,
    frame: Any,
    key: list[str],
    previous_rows: int | None = None,
    params: dict[str, Any] | None = None,
) -> ExpectationOutcome:
    """One GX expectation result → an outcome with sample offending rows taken from the frame."""
    res = r.result or {}
    info = r.exception_info or {}
    raised = bool(info.get("raised_exception")) or any(
        isinstance(v, dict) and v.get("raised_exception") for v in info.values()
    )
    observed = res.get("observed_value")
    if raised:
        messages = [info.get("exception_message")] + [
            v.get("exception_message") for v in info.values() if isinstance(v, dict)
        ]
        observed = "error: " + "; ".join(m for m in messages if m)
    elif check.gx_type == "ExpectTableRowCountToBeBetween":
        observed = {"rows": observed, "floor": (params or {}).get("min_rows"), "previous_publication": previous_rows}
    samples: list[Any] = []
    if not r.success and check.row_level:
        index = res.get("partial_unexpected_index_list")
        if index:
            shown = [*key, *check.uses]
            if check.column not in frame.columns:  # e.g. body, measured in DuckDB: show the measure
                shown += list(check.derived)
            cols = list(dict.fromkeys(c for c in shown if c in frame.columns))
            samples = json.loads(
                frame.loc[list(index)[:SAMPLE_ROWS], cols].to_json(orient="records", date_format="iso", default_handler=str)
            )
        else:
            samples = json.loads(json.dumps(list(res.get("partial_unexpected_list") or [])[:SAMPLE_ROWS], default=str))
    return ExpectationOutcome(
        table=table,
        expectation=r.expectation_config.type,
        column=check.column,
        success=bool(r.success) and not raised,
        observed=observed,
        unexpected_count=res.get("unexpected_count"),
        samples=samples,
        blocking=check.blocking,
        check=check.description,
        element_count=res.get("element_count"),
    )
