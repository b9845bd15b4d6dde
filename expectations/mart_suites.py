"""Expectations on the marts: what must hold before anything is published.

Each mart is described once in MART_SPECS; `build_suite` turns a spec into GX expectations.
Referential integrity is checked with value sets taken from the referenced mart's frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class MartSpec:
    table: str
    key: str
    not_null: tuple[str, ...] = ()
    enums: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    ranges: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    references: dict[str, tuple[str, str]] = field(default_factory=dict)  # column -> (table, column)
    min_rows: int = 0

    @property
    def columns(self) -> list[str]:
        cols = [self.key, *self.not_null, *self.enums, *self.ranges, *self.references]
        return list(dict.fromkeys(cols))


SOURCE_KINDS = ("files", "telegram_web", "telegram_export", "telegram_api", "rss", "web")

MART_SPECS: tuple[MartSpec, ...] = (
    MartSpec(
        table="dim_documents",
        key="doc_id",
        not_null=("source_kind", "source_name", "outlet_id", "fetched_at"),
        enums={"source_kind": SOURCE_KINDS},
        min_rows=1,
    ),
    MartSpec(
        table="dim_actors",
        key="actor_id",
        not_null=("canonical_name", "actor_type"),
        enums={"actor_type": ("person", "country", "organization")},
        ranges={"mention_count": (0, None)},
        min_rows=1,
    ),
    MartSpec(
        table="fct_mentions",
        key="mention_id",
        not_null=("doc_id", "actor_id", "char_start", "char_end"),
        ranges={"char_start": (0, None), "char_end": (1, None), "confidence": (0, 1)},
        references={"doc_id": ("dim_documents", "doc_id"), "actor_id": ("dim_actors", "actor_id")},
    ),
)


def build_expectations(spec: MartSpec, frames: dict[str, Any], previous_rows: int | None, max_shrink: float) -> list[Any]:
    """GX expectations for one mart; `frames` holds the already-read frames of every mart."""
    import great_expectations as gx

    e = gx.expectations
    out: list[Any] = [
        e.ExpectColumnValuesToBeUnique(column=spec.key),
        e.ExpectColumnValuesToNotBeNull(column=spec.key),
    ]
    out += [e.ExpectColumnValuesToNotBeNull(column=c) for c in spec.not_null]
    out += [e.ExpectColumnValuesToBeInSet(column=c, value_set=list(v)) for c, v in spec.enums.items()]
    out += [
        e.ExpectColumnValuesToBeBetween(column=c, min_value=lo, max_value=hi) for c, (lo, hi) in spec.ranges.items()
    ]
    for column, (ref_table, ref_column) in spec.references.items():
        ref = frames.get(ref_table)
        values = [] if ref is None else ref[ref_column].dropna().unique().tolist()
        out.append(e.ExpectColumnValuesToBeInSet(column=column, value_set=values, meta={"references": ref_table}))
    min_rows = spec.min_rows
    if previous_rows:
        # volume guard: a mart that shrinks sharply against the last publication blocks the publish
        min_rows = max(min_rows, int(previous_rows * (1 - max_shrink)))
    out.append(e.ExpectTableRowCountToBeBetween(min_value=min_rows, meta={"previous_rows": previous_rows}))
    return out
