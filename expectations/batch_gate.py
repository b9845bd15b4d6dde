"""Batch gate: row-level checks on each landed batch before it reaches raw.documents.

Rows that fail are removed from the batch and quarantined with the check that failed; the
rest of the batch continues.
"""

from __future__ import annotations

import duckdb

from ingestion.records import QuarantinedRecord

# (check name, SQL predicate that is TRUE for a bad row, reason shown to the user)
ROW_CHECKS: tuple[tuple[str, str, str], ...] = (
    ("body_not_empty", "coalesce(length(trim(body)), 0) = 0", "document has no text"),
    (
        "published_at_not_in_future",
        "published_at > now()::timestamp + interval 1 day",
        "published_at is more than a day in the future",
    ),
    ("published_at_after_1990", "published_at < timestamp '1990-01-01'", "published_at is before 1990"),
    ("body_under_2mb", "length(body) > 2000000", "body is longer than 2,000,000 characters"),
)


def screen_batch(con: duckdb.DuckDBPyConnection, source_kind: str, source_name: str) -> list[QuarantinedRecord]:
    """Remove rows of temp table `incoming` that fail a row check; return them as quarantine records."""
    rejected: list[QuarantinedRecord] = []
    for check, bad_when, reason in ROW_CHECKS:
        rows = con.execute(
            f"select doc_id, external_id, coalesce(payload, body) from incoming where {bad_when}"
        ).fetchall()
        if not rows:
            continue
        con.execute(f"delete from incoming where {bad_when}")
        rejected.extend(
            QuarantinedRecord(
                source_kind=source_kind,
                source_name=source_name,
                record_ref=external_id,
                check=check,
                reason=f"{source_name} record {external_id}: {reason}",
                payload=payload or "",
            )
            for _doc_id, external_id, payload in rows
        )
    return rejected
