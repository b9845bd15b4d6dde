"""The vocabulary suites are written in: one Check is one GX expectation plus what it needs.

Suites (batch_suites.py, mart_suites.py) are lists of Checks built with the small helpers below,
so a reviewer reads "doc_id references dim_documents.doc_id", not GX keyword plumbing. A Check
knows the columns it reads (so a gate can validate only those, and skip a check whose optional
column a build lacks), any column it derives in DuckDB first (referential integrity is a join,
which DuckDB does in milliseconds where a 100k-value GX value set would not), and whether its
failure blocks or only warns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

Bound = float | int | datetime | dict[str, str] | None  # dict: {"$PARAMETER": name}, filled per run


def param(name: str) -> dict[str, str]:
    """A bound filled at validation time (now + clock skew, previous row count, ...)."""
    return {"$PARAMETER": name}


@dataclass(frozen=True)
class Join:
    """A LEFT JOIN on the distinct keys of another table; never multiplies the validated rows."""

    alias: str
    table: str
    key: str
    on_column: str


@dataclass
class Check:
    id: str  # stable name; quarantine rows and reports use it
    description: str
    gx_type: str  # class name under great_expectations.expectations
    kwargs: dict[str, Any]
    column: str | None = None  # the column a reader should look at (shown in reports)
    uses: tuple[str, ...] = ()  # source columns the check reads
    derived: dict[str, str] = field(default_factory=dict)  # column -> SQL over alias t (and joins)
    joins: tuple[Join, ...] = ()
    blocking: bool = True
    row_level: bool = True  # unexpected rows can be named (map expectations)
    # SQL list over alias t: the check judges each element (alias e in `derived`), and a row fails when
    # one of its elements does (a landed document's links, each of which becomes a citation row)
    each: str | None = None

    def expectation(self) -> Any:
        from expectations.gx_runtime import gx_expectations

        cls = getattr(gx_expectations(), self.gx_type)
        return cls(**self.kwargs, meta={"check": self.id, "description": self.description})

    @property
    def needs_tables(self) -> tuple[str, ...]:
        return tuple(j.table for j in self.joins)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def unique(*columns: str, id: str | None = None) -> Check:
    if len(columns) == 1:
        (column,) = columns
        return Check(
            id or f"{column}_unique", f"{column} is unique", "ExpectColumnValuesToBeUnique",
            {"column": column}, column=column, uses=columns,
        )
    return Check(
        id or f"{'_'.join(columns)}_unique", f"({', '.join(columns)}) is unique", "ExpectCompoundColumnsToBeUnique",
        {"column_list": list(columns)}, column=", ".join(columns), uses=columns,
    )


def not_null(column: str, blocking: bool = True) -> Check:
    return Check(
        f"{column}_not_null", f"{column} is never null", "ExpectColumnValuesToNotBeNull",
        {"column": column}, column=column, uses=(column,), blocking=blocking,
    )


def exists(column: str) -> Check:
    return Check(
        f"{column}_exists", f"column {column} exists", "ExpectColumnToExist",
        {"column": column}, column=column, uses=(), row_level=False,
    )


def has_columns(columns: tuple[str, ...], id: str = "required_columns_exist") -> Check:
    """The table has at least these columns (more are fine)."""
    return Check(
        id, f"has the columns {', '.join(columns)}", "ExpectTableColumnsToMatchSet",
        {"column_set": list(columns), "exact_match": False}, column=None, uses=(), row_level=False,
    )


def one_of(column: str, values: tuple[Any, ...] | frozenset[Any], blocking: bool = True, id: str | None = None) -> Check:
    shown = ", ".join(map(str, sorted(values, key=str))) if len(values) <= 12 else f"{len(values)} codes"
    return Check(
        id or f"{column}_in_set", f"{column} is one of {shown}", "ExpectColumnValuesToBeInSet",
        {"column": column, "value_set": sorted(values, key=str)}, column=column, uses=(column,), blocking=blocking,
    )


def matches(column: str, regex: str, what: str, blocking: bool = True, id: str | None = None) -> Check:
    return Check(
        id or f"{column}_format", f"{column} is {what}", "ExpectColumnValuesToMatchRegex",
        {"column": column, "regex": regex}, column=column, uses=(column,), blocking=blocking,
    )


def between(
    column: str,
    low: Bound = None,
    high: Bound = None,
    *,
    strict_low: bool = False,
    id: str | None = None,
    description: str | None = None,
    blocking: bool = True,
    source_column: str | None = None,
    derived: dict[str, str] | None = None,
    uses: tuple[str, ...] | None = None,
) -> Check:
    """Values within [low, high] (nulls are not checked; pair with not_null where they matter)."""
    kwargs: dict[str, Any] = {"column": column}
    if low is not None:
        kwargs["min_value"] = low
        kwargs["strict_min"] = strict_low
    if high is not None:
        kwargs["max_value"] = high
    shown = description or f"{column} between {_bound(low)} and {_bound(high)}"
    return Check(
        id or f"{column}_range", shown, "ExpectColumnValuesToBeBetween", kwargs,
        column=source_column or column, uses=uses if uses is not None else (column,),
        derived=derived or {}, blocking=blocking,
    )


def length_between(column: str, low: int | None, high: int | None, id: str | None = None, blocking: bool = True) -> Check:
    kwargs: dict[str, Any] = {"column": column}
    if low is not None:
        kwargs["min_value"] = low
    if high is not None:
        kwargs["max_value"] = high
    return Check(
        id or f"{column}_length", f"{column} has {low or 0}..{high or '∞'} characters", "ExpectColumnValueLengthsToBeBetween",
        kwargs, column=column, uses=(column,), blocking=blocking,
    )


def at_least(column_a: str, column_b: str, strict: bool = False, blocking: bool = True) -> Check:
    """column_a >= column_b (> when strict) on rows where both are present."""
    op = ">" if strict else ">="
    return Check(
        f"{column_a}_{'gt' if strict else 'ge'}_{column_b}", f"{column_a} {op} {column_b}",
        "ExpectColumnPairValuesAToBeGreaterThanB",
        {"column_A": column_a, "column_B": column_b, "or_equal": not strict, "ignore_row_if": "either_value_is_missing"},
        column=f"{column_a}, {column_b}", uses=(column_a, column_b), blocking=blocking,
    )


def references(column: str, table: str, key: str, when: str | None = None, when_uses: tuple[str, ...] = ()) -> Check:
    """Every non-null `column` exists in `table.key` (optionally only on rows matching SQL `when`).

    DuckDB computes the orphans with a join; GX then expects the orphan column to be all null, so
    the report shows the offending ids themselves.
    """
    alias = f"ref_{column}_{table}"
    orphan = f"{column}__orphan_in_{table}"
    condition = f" and ({when})" if when else ""
    sql = f"case when t.{_q(column)} is not null and {alias}.k is null{condition} then t.{_q(column)} end"
    scope = f" where {when}" if when else ""
    return Check(
        f"{column}_references_{table}" + (f"_{when_uses[0]}_{_slug(when or '')}" if when else ""),
        f"{column}{scope} references {table}.{key}",
        "ExpectColumnValuesToBeNull",
        {"column": orphan},
        column=column,
        uses=(column, *when_uses),
        derived={orphan: sql},
        joins=(Join(alias, table, key, column),),
    )


def row_count_at_least(name: str = "min_rows") -> Check:
    return Check(
        "row_count", "row count not below the floor (volume vs. the previous publication)",
        "ExpectTableRowCountToBeBetween", {"min_value": param(name)}, column=None, row_level=False,
    )


def max_at_least(column: str, low: Bound, id: str, description: str, blocking: bool) -> Check:
    return Check(
        id, description, "ExpectColumnMaxToBeBetween", {"column": column, "min_value": low},
        column=column, uses=(column,), blocking=blocking, row_level=False,
    )


def _bound(value: Bound) -> str:
    if isinstance(value, dict):
        return value.get("$PARAMETER", "?")
    if isinstance(value, datetime):
        return value.date().isoformat()
    return "-∞" if value is None else str(value)


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in text).strip("_").lower()[:40]
