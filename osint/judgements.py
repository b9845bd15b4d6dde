"""Analyst judgements: merge two actors, split mentions or name forms off an actor, reject a fact.

Judgements are rows of `raw.analyst_judgements` (ingestion/raw_schema.py), append-only: an undo is
a new row naming the judgement it undoes. dbt applies the active ones on every build
(int_actor_merges_judged, int_actor_names_resolved, int_actor_mentions_resolved, int_facts_rejected),
so a full refresh keeps them and the marts show them (`resolution_method = 'analyst'`, dim_actors
`origin = 'analyst'`, rejected facts moved to audit_rejected_facts). A judgement is checked against
the marts of the working warehouse when it is made; it takes effect at the next `osint build`.

The CSV export is the versionable form (one row per judgement, lists as JSON arrays, times in ISO
8601 UTC); importing it into another warehouse adds the judgements that warehouse lacks and is safe
to repeat.
"""

from __future__ import annotations

import csv
import getpass
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from ingestion.errors import OsintError

ACTIONS = ("merge", "split", "reject", "undo")
FACT_TYPES = ("meeting", "agreement", "claim", "trade_figure")


class JudgementError(OsintError):
    """A judgement that cannot be made (unknown actor or fact, a cycle, a bad CSV row)."""


@dataclass(frozen=True)
class Judgement:
    judgement_id: str
    action: str
    actor_id: str | None = None
    other_actor_id: str | None = None
    other_actor_name: str | None = None
    mention_ids: tuple[str, ...] | None = None
    name_forms: tuple[str, ...] | None = None
    fact_type: str | None = None
    fact_id: str | None = None
    report_ids: tuple[str, ...] | None = None
    undoes: str | None = None
    reason: str | None = None
    judged_by: str = ""
    judged_at: datetime = datetime(1970, 1, 1)

    def describe(self) -> str:
        if self.action == "merge":
            return f"merge {self.other_actor_id} into {self.actor_id}"
        if self.action == "split":
            what = [*(self.name_forms or ()), *(f"mention {m}" for m in self.mention_ids or ())]
            return f"split {', '.join(what)} off {self.actor_id} into {self.other_actor_id}"
        if self.action == "reject":
            return f"reject {self.fact_type} {self.fact_id}"
        return f"undo {self.undoes}"


COLUMNS = tuple(f.name for f in fields(Judgement))
_LIST_COLUMNS = ("mention_ids", "name_forms", "report_ids")


def analyst() -> str:
    """Who is judging: $OSINT_ANALYST, else the login name."""
    from osint.settings import analyst as configured

    return configured() or getpass.getuser()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _judgement_id(action: str, parts: Iterable[object], judged_at: datetime) -> str:
    digest = hashlib.sha256("|".join([action, *map(str, parts), judged_at.isoformat()]).encode()).hexdigest()
    return f"j-{digest[:12]}"


def _store(con: duckdb.DuckDBPyConnection, judgement: Judgement) -> Judgement:
    row = asdict(judgement)
    for column in _LIST_COLUMNS:
        row[column] = list(row[column]) if row[column] is not None else None
    con.execute(
        f"insert into raw.analyst_judgements ({', '.join(COLUMNS)}) values ({', '.join('?' * len(COLUMNS))})",
        [row[c] for c in COLUMNS],
    )
    return judgement


def _actor(con: duckdb.DuckDBPyConnection, actor_id: str) -> tuple[str, str]:
    if not _table_exists(con, "marts", "dim_actors"):
        raise JudgementError("the working warehouse has no marts yet: run `osint build` first, then judge what it built")
    row = con.execute("select canonical_name, actor_type from marts.dim_actors where actor_id = ?", [actor_id]).fetchone()
    if row is None:
        merged = con.execute(
            "select to_actor_id from intermediate.int_actor_merges_judged where from_actor_id = ?", [actor_id]
        ).fetchone() if _table_exists(con, "intermediate", "int_actor_merges_judged") else None
        hint = f" (it was merged into {merged[0]})" if merged else " (see `osint query` on dim_actors)"
        raise JudgementError(f"no actor {actor_id!r} in dim_actors{hint}")
    return str(row[0]), str(row[1])


def _table_exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    found = con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?", [schema, table]
    ).fetchone()
    return bool(found and found[0])


def active(con: duckdb.DuckDBPyConnection) -> list[Judgement]:
    """Judgements in force: not undone, undo rows left out; oldest first. (The same rule as
    stg_raw__analyst_judgements.is_active, which dbt applies; this one serves list and the checks.)"""
    undone = _undone(con)
    return [j for j in history(con) if j.action != "undo" and j.judgement_id not in undone]


def _undone(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute("select undoes from raw.analyst_judgements where action = 'undo' and undoes is not null").fetchall()
    return {str(r[0]) for r in rows}


def history(con: duckdb.DuckDBPyConnection) -> list[Judgement]:
    """Every judgement row, undo rows included, oldest first."""
    rows = con.execute(
        f"select {', '.join(COLUMNS)} from raw.analyst_judgements order by judged_at, judgement_id"
    ).fetchall()
    return [_from_row(dict(zip(COLUMNS, r, strict=True))) for r in rows]


def _from_row(row: dict[str, Any]) -> Judgement:
    for column in _LIST_COLUMNS:
        if row[column] is not None:
            row[column] = tuple(row[column])
    return Judgement(**row)


def _merge_target(con: duckdb.DuckDBPyConnection, actor_id: str) -> str:
    """Where the active merges send an actor (itself when it was not merged)."""
    merges = {j.other_actor_id: j.actor_id for j in active(con) if j.action == "merge"}
    seen = {actor_id}
    while actor_id in merges:
        actor_id = str(merges[actor_id])
        if actor_id in seen:
            break
        seen.add(actor_id)
    return actor_id


def merge(
    con: duckdb.DuckDBPyConnection, keep: str, absorb: str, reason: str | None = None, by: str | None = None,
    allow_type_change: bool = False,
) -> Judgement:
    """`absorb` is the same actor as `keep`: its names, mentions, claims and meetings go to `keep`."""
    if keep == absorb:
        raise JudgementError(f"cannot merge {keep!r} into itself")
    keep_name, keep_type = _actor(con, keep)
    absorb_name, absorb_type = _actor(con, absorb)
    if keep_type != absorb_type and not allow_type_change:
        raise JudgementError(
            f"{absorb} ({absorb_name}) is a {absorb_type}, {keep} ({keep_name}) a {keep_type}: "
            "merging different types needs --allow-type-change"
        )
    if _merge_target(con, keep) == absorb:
        raise JudgementError(f"{keep} is already merged into {absorb}: this merge would close a cycle (undo that one first)")
    at = _now()
    return _store(con, Judgement(
        judgement_id=_judgement_id("merge", (keep, absorb), at), action="merge", actor_id=keep, other_actor_id=absorb,
        reason=reason, judged_by=by or analyst(), judged_at=at,
    ))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "actor"


def split(
    con: duckdb.DuckDBPyConnection, actor_id: str, mention_ids: Sequence[str] = (), name_forms: Sequence[str] = (),
    into: str | None = None, name: str | None = None, reason: str | None = None, by: str | None = None,
) -> Judgement:
    """Mentions (by mention_id, fct_mentions) or name forms (every mention with that name, now and in
    later documents) of `actor_id` belong to another actor: `into`, an existing one, or a new actor
    named `name` (default: the first name form, else the mention's text)."""
    if not mention_ids and not name_forms:
        raise JudgementError("split needs at least one --mention or --name-form")
    _, actor_type = _actor(con, actor_id)
    texts: list[str] = []
    for mention_id in mention_ids:
        row = con.execute(
            "select actor_id, mention_text from marts.fct_mentions where mention_id = ?", [mention_id]
        ).fetchone()
        if row is None:
            raise JudgementError(f"no mention {mention_id!r} in fct_mentions")
        if row[0] != actor_id:
            raise JudgementError(f"mention {mention_id} ({row[1]!r}) belongs to {row[0]}, not {actor_id}")
        texts.append(str(row[1]))
    known = {
        str(n).casefold()
        for (n,) in con.execute(
            "select unnest(list_append(aliases, canonical_name)) from marts.dim_actors where actor_id = ?", [actor_id]
        ).fetchall()
    }
    for form in name_forms:
        if form.casefold() not in known:
            raise JudgementError(f"{actor_id} has no name form {form!r} (its names: {', '.join(sorted(known)) or 'none'})")
    at = _now()
    judgement_id = _judgement_id("split", (actor_id, *mention_ids, *name_forms, into or "", name or ""), at)
    if into is not None:
        _actor(con, into)
        if _merge_target(con, into) == actor_id:
            raise JudgementError(f"{into} is merged into {actor_id}: undo that merge instead of splitting into it")
        target, target_name = into, None
    else:
        target_name = name or (name_forms[0] if name_forms else texts[0])
        target = f"{actor_type}-{_slug(target_name)}-{judgement_id.removeprefix('j-')[:6]}"
    return _store(con, Judgement(
        judgement_id=judgement_id, action="split", actor_id=actor_id, other_actor_id=target,
        other_actor_name=target_name, mention_ids=tuple(mention_ids) or None, name_forms=tuple(name_forms) or None,
        reason=reason, judged_by=by or analyst(), judged_at=at,
    ))


def reject(con: duckdb.DuckDBPyConnection, fact_id: str, reason: str, by: str | None = None) -> Judgement:
    """A published meeting, agreement, claim or trade figure is wrong: take it out of the marts. The
    fact's current reports are recorded too, so the rejection holds when a rebuild renumbers it."""
    if not reason.strip():
        raise JudgementError("a rejection needs a reason")
    if not _table_exists(con, "intermediate", "int_fact_supports"):
        raise JudgementError("the working warehouse has no marts yet: run `osint build` first, then judge what it built")
    rows = con.execute(
        "select fact_type, report_id from intermediate.int_fact_supports where fact_id = ? order by report_id", [fact_id]
    ).fetchall()
    if not rows:
        raise JudgementError(f"no published fact {fact_id!r} (a meeting_id, agreement_id, claim_id or figure_id)")
    at = _now()
    return _store(con, Judgement(
        judgement_id=_judgement_id("reject", (fact_id,), at), action="reject", fact_type=str(rows[0][0]),
        fact_id=fact_id, report_ids=tuple(str(r[1]) for r in rows), reason=reason, judged_by=by or analyst(), judged_at=at,
    ))


def undo(con: duckdb.DuckDBPyConnection, judgement_id: str, reason: str | None = None, by: str | None = None) -> Judgement:
    """Switch a judgement off (append-only: the judgement stays in the history)."""
    by_id = {j.judgement_id: j for j in history(con)}
    target = by_id.get(judgement_id)
    if target is None:
        raise JudgementError(f"no judgement {judgement_id!r} (see `osint judge list --all`)")
    if target.action == "undo":
        raise JudgementError(f"{judgement_id} is an undo; make the judgement again instead of undoing the undo")
    if judgement_id in _undone(con):
        raise JudgementError(f"{judgement_id} is already undone")
    at = _now()
    return _store(con, Judgement(
        judgement_id=_judgement_id("undo", (judgement_id,), at), action="undo", undoes=judgement_id, reason=reason,
        judged_by=by or analyst(), judged_at=at,
    ))


def _csv_value(judgement: Judgement, column: str) -> str:
    value = getattr(judgement, column)
    if value is None:
        return ""
    if column in _LIST_COLUMNS:
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, datetime):
        return value.isoformat() + "Z"
    return str(value)


def export_csv(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Write every judgement (undo rows included) to `path`, oldest first; returns the row count."""
    judgements = history(con)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for judgement in judgements:
            writer.writerow([_csv_value(judgement, c) for c in COLUMNS])
    tmp.replace(path)
    return len(judgements)


@dataclass(frozen=True)
class ImportResult:
    added: int
    already_present: int
    errors: tuple[str, ...]


def _parse_csv_row(path: Path, line: int, raw: dict[str, str]) -> Judgement:
    where = f"{path}:{line}"
    row: dict[str, Any] = {c: (raw.get(c) or "").strip() or None for c in COLUMNS}
    if not row["judgement_id"]:
        raise JudgementError(f"{where}: judgement_id is empty")
    if row["action"] not in ACTIONS:
        raise JudgementError(f"{where}: action {row['action']!r} is not one of {', '.join(ACTIONS)}")
    for column in _LIST_COLUMNS:
        if row[column] is not None:
            try:
                items = json.loads(row[column])
            except json.JSONDecodeError as exc:
                raise JudgementError(f"{where}: {column} is not a JSON array ({exc.msg})") from None
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                raise JudgementError(f"{where}: {column} must be a JSON array of strings")
            row[column] = tuple(items) or None
    try:
        judged_at = datetime.fromisoformat(str(row["judged_at"]))
    except (TypeError, ValueError):
        raise JudgementError(f"{where}: judged_at {row['judged_at']!r} is not an ISO 8601 time") from None
    if judged_at.tzinfo is not None:
        judged_at = judged_at.astimezone(UTC).replace(tzinfo=None)
    row["judged_at"] = judged_at
    if not row["judged_by"]:
        raise JudgementError(f"{where}: judged_by is empty")
    required = {
        "merge": ("actor_id", "other_actor_id"),
        "split": ("actor_id", "other_actor_id"),
        "reject": ("fact_type", "fact_id"),
        "undo": ("undoes",),
    }[row["action"]]
    missing = [c for c in required if not row[c]]
    if missing:
        raise JudgementError(f"{where}: a {row['action']} needs {', '.join(missing)}")
    if row["action"] == "split" and not (row["mention_ids"] or row["name_forms"]):
        raise JudgementError(f"{where}: a split needs mention_ids or name_forms")
    if row["action"] == "reject" and row["fact_type"] not in FACT_TYPES:
        raise JudgementError(f"{where}: fact_type {row['fact_type']!r} is not one of {', '.join(FACT_TYPES)}")
    return Judgement(**row)


def import_csv(con: duckdb.DuckDBPyConnection, path: Path) -> ImportResult:
    """Add the judgements of an exported CSV that this warehouse lacks. A row already present with the
    same content is skipped; a bad row, or one whose id is present with other content, is reported
    (file, line, reason) and skipped, and the other rows still load."""
    try:
        handle = path.open(newline="", encoding="utf-8")
    except OSError as exc:
        raise JudgementError(f"cannot read {path}: {exc.strerror}") from None
    present = {j.judgement_id: j for j in history(con)}
    added, same, errors = 0, 0, []
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise JudgementError(f"{path}: not a judgements export (missing columns: {', '.join(missing)})")
        parsed: list[Judgement] = []
        for record in reader:
            try:
                parsed.append(_parse_csv_row(path, reader.line_num, record))
            except JudgementError as exc:
                errors.append(str(exc))
    for judgement in parsed:
        existing = present.get(judgement.judgement_id)
        if existing is not None:
            if existing == judgement:
                same += 1
            else:
                errors.append(f"{path}: {judgement.judgement_id} is already in the warehouse with other content; kept the warehouse's")
            continue
        _store(con, judgement)
        present[judgement.judgement_id] = judgement
        added += 1
    return ImportResult(added, same, tuple(errors))
