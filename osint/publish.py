"""Write–audit–publish: gate the marts, then atomically replace the published DuckDB file and Parquet.

Readers only ever open `published/osint.duckdb` (or the Parquet folder). A new publication is
written to a fresh file and swapped in with `os.replace`, so a reader sees either the old or the
new build, never a partial one, and never needs the writer's lock.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import time
from dataclasses import asdict, dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import duckdb

from ingestion.records import utc_now
from osint.errors import GateFailedError
from osint.lake import Lake, publish_snapshot
from osint.warehouse import DataLayout, row_digest, sql_literal

MARTS_SCHEMA = "marts"
KEEP_BUILDS = 3
# Written into builds/<build_id>/ once the build is published: a build folder without it was interrupted
# (a killed or failed publish) and never takes one of the KEEP_BUILDS slots.
BUILD_MARKER = "build.json"


@dataclass
class PublishResult:
    build_id: str
    published_at: str
    path: str
    parquet_dir: str
    row_counts: dict[str, int]
    gate: dict[str, Any]
    git_revision: str
    seconds: float
    report_path: str | None = None
    tables: list[str] = field(default_factory=list)
    # the DuckLake snapshot holding this publication (warehouse.backend: ducklake), and its catalog
    lake_snapshot: int | None = None
    lake_catalog: str | None = None


def git_revision() -> str:
    """The code revision that built a publication: the git commit of the package's own folder when it
    lives in a checkout, else the installed package version."""
    package = Path(str(resources.files("osint")))
    try:
        out = subprocess.run(
            ["git", "-C", str(package), "rev-parse", "--short=12", "HEAD"],
            capture_output=True, text=True, timeout=5, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        out = None
    if out is not None and out.returncode == 0 and out.stdout.strip():
        return out.stdout.strip()
    try:
        return f"osint-warehouse {metadata.version('osint-warehouse')}"
    except metadata.PackageNotFoundError:
        return "unknown"


def read_manifest(layout: DataLayout) -> dict[str, Any]:
    if not layout.manifest.is_file():
        return {}
    try:
        data = json.loads(layout.manifest.read_text(encoding="utf-8"))
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _write_manifest(layout: DataLayout, manifest: dict[str, Any]) -> None:
    tmp = layout.manifest.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(manifest, indent=2, default=str), encoding="utf-8")
    os.replace(tmp, layout.manifest)


def mart_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables where table_schema = ? and table_type = 'BASE TABLE' order by 1",
        [MARTS_SCHEMA],
    ).fetchall()
    return [r[0] for r in rows]


@dataclass(frozen=True)
class PassedGate:
    """A mart gate that passed on marts with exactly this content (e.g. in an earlier DAG task)."""

    fingerprint: str
    summary: str
    seconds: float
    report_path: str | None = None


def marts_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """A digest of every mart's content: row count and an order-independent XOR of row hashes.

    Equal fingerprints mean the gate's verdict on one still holds for the other, so a gate that
    passed before (PassedGate) need not run again on unchanged marts.
    """
    digest = hashlib.sha256()
    for table in mart_tables(con):
        count, xor = row_digest(con, f'{MARTS_SCHEMA}."{table}"')
        digest.update(f"{table}:{count}:{xor};".encode())
    return digest.hexdigest()


def publish_marts(
    con: duckdb.DuckDBPyConnection,
    layout: DataLayout,
    max_shrink: float | None = None,
    passed: PassedGate | None = None,
    lake: Lake | None = None,
) -> PublishResult:
    """Gate the marts of the working warehouse, then publish them; the gate always runs first.

    `passed` is a gate that already passed: it is accepted only when the marts still have the
    fingerprint it was taken on, otherwise the gate runs again. On a failed gate the previous
    publication stays untouched, the attempt is recorded in the manifest, and GateFailedError
    names the mart, the expectation and sample rows.

    With a `lake`, the finished publication is committed to it as one snapshot before the file is
    swapped in; a failed commit fails the publish and both keep the previous publication.
    """
    from expectations.mart_gate import run_mart_gate

    started = time.perf_counter()
    layout.ensure()
    now = utc_now()
    build_id = _new_build_id(layout, f"{now:%Y%m%dT%H%M%S}-{os.getpid()}")
    manifest = read_manifest(layout)
    previous_counts = (manifest.get("current") or {}).get("row_counts") or {}
    if passed is not None and marts_fingerprint(con) == passed.fingerprint:
        gate_success, gate_summary, gate_seconds = True, passed.summary, passed.seconds
        report_path, failures = passed.report_path, []
        reused = True
    else:
        gate = run_mart_gate(con, layout.reports, MARTS_SCHEMA, previous_counts, max_shrink)
        gate_success, gate_summary, gate_seconds = gate.success, gate.summary(), gate.seconds
        report_path, failures = gate.report_path, [f.describe(samples=5) for f in gate.failures]
        reused = False
    attempt = {
        "build_id": build_id,
        "attempted_at": now.isoformat(),
        "gate_success": gate_success,
        "gate_summary": gate_summary,
        "gate_reused": reused,
        "report_path": report_path,
        "gate_failures": failures,
    }
    if not gate_success:
        manifest["last_attempt"] = {**attempt, "published": False}
        _write_manifest(layout, manifest)
        raise GateFailedError(f"publish blocked, previous publication kept — {gate_summary} (report: {report_path})")

    tables = mart_tables(con)
    build_dir = layout.published / "builds" / build_id
    parquet_dir = build_dir / "parquet"
    new_db = layout.published / f".osint-{build_id}.duckdb"
    try:
        parquet_dir.mkdir(parents=True, exist_ok=True)
        _remove_database(new_db)
        home = con.execute("select current_database()").fetchone()[0]  # type: ignore[index]
        con.execute(f"attach '{new_db}' as publication")
        try:
            for table in tables:
                con.execute(f'create table publication.main."{table}" as select * from {MARTS_SCHEMA}."{table}"')
                copy_comments(con, table, (home, MARTS_SCHEMA), "publication.main")
                con.execute(
                    f"copy {MARTS_SCHEMA}.\"{table}\" to '{parquet_dir / (table + '.parquet')}' (format parquet, compression zstd)"
                )
        finally:
            con.execute("detach publication")
        _create_bi_views(new_db)
        row_counts = {t: int(con.execute(f'select count(*) from {MARTS_SCHEMA}."{t}"').fetchone()[0]) for t in tables}  # type: ignore[index]
        snapshot = None
        if lake is not None:
            snapshot = publish_snapshot(
                new_db, lake, build_id,
                {"published_at": now.isoformat(), "git_revision": git_revision(), "row_counts": row_counts},
            )
        os.replace(new_db, layout.published_db)
    except BaseException:
        # a failed write (a full disk, a kill -9 is cleaned at the next start) leaves nothing behind
        _remove_database(new_db)
        shutil.rmtree(build_dir, ignore_errors=True)
        raise
    _swap_symlink(layout.published_parquet, parquet_dir)
    result = PublishResult(
        build_id=build_id,
        published_at=now.isoformat(),
        path=str(layout.published_db),
        parquet_dir=str(layout.published_parquet),
        row_counts=row_counts,
        gate={"success": True, "summary": gate_summary, "seconds": round(gate_seconds, 3), "reused": reused},
        git_revision=git_revision(),
        seconds=time.perf_counter() - started,
        report_path=report_path,
        tables=tables,
        lake_snapshot=snapshot,
        lake_catalog=lake.shown if lake is not None else None,
    )
    manifest["current"] = asdict(result)
    manifest["last_attempt"] = {**attempt, "published": True}
    _write_manifest(layout, manifest)
    with contextlib.suppress(OSError):  # advisory: a published build without it counts as complete once superseded
        (build_dir / BUILD_MARKER).write_text(
            json.dumps({"build_id": build_id, "published_at": result.published_at, "row_counts": row_counts}),
            encoding="utf-8",
        )
    _prune_builds(layout, keep=build_dir)
    return result


def _create_bi_views(database: Path) -> None:
    """The flat BI views (osint/bi_views.py) in the new file, before it is swapped in: created on a
    connection of their own, where the file is the default catalog, so their unqualified names read
    its marts wherever the file is later opened."""
    from osint.bi_views import create_views

    view_con = duckdb.connect(str(database))
    try:
        create_views(view_con)
    finally:
        view_con.close()


def copy_comments(con: duckdb.DuckDBPyConnection, table: str, source: tuple[str, str], target: str) -> None:
    """Carry a table's comment and its columns' comments from `source` (database, schema) to the same table
    under `target` ("publication.main"): dbt's persisted docs, which BI tools show."""
    database, schema = source
    row = con.execute(
        "select comment from duckdb_tables() where database_name = ? and schema_name = ? and table_name = ?",
        [database, schema, table],
    ).fetchone()
    if row and row[0]:
        con.execute(f'comment on table {target}."{table}" is ' + sql_literal(row[0]))
    for column, comment in con.execute(
        "select column_name, comment from duckdb_columns() where database_name = ? and schema_name = ? "
        "and table_name = ? and comment is not null",
        [database, schema, table],
    ).fetchall():
        con.execute(f'comment on column {target}."{table}"."{column}" is ' + sql_literal(comment))


def _swap_symlink(link: Path, target: Path) -> None:
    """Point `link` at `target` atomically (rename of a fresh symlink over the old one)."""
    tmp = link.with_name(f".{link.name}.tmp")
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(os.path.relpath(target, link.parent), target_is_directory=True)
    if link.exists() and not link.is_symlink():
        shutil.rmtree(link)  # a plain folder left by an older layout
    os.replace(tmp, link)


def _new_build_id(layout: DataLayout, base: str) -> str:
    """`base`, or `base-2`, `base-3`, ... when a publish of this process in the same second took it: a failed
    publish removes its build folder, which must never be the current one."""
    taken = current_build_ids(layout) | {p.name for p in (layout.published / "builds").glob(f"{base}*")}
    build_id, n = base, 1
    while build_id in taken:
        n += 1
        build_id = f"{base}-{n}"
    return build_id


def _remove_database(path: Path) -> None:
    """A DuckDB file and its write-ahead log."""
    path.unlink(missing_ok=True)
    path.with_name(path.name + ".wal").unlink(missing_ok=True)


def current_build_ids(layout: DataLayout) -> set[str]:
    """The build(s) readers may be using: the Parquet link's target and the manifest's current build."""
    current = set()
    link = layout.published_parquet
    if link.is_symlink():
        current.add(Path(os.readlink(link)).parent.name)
    build_id = (read_manifest(layout).get("current") or {}).get("build_id")
    if build_id:
        current.add(str(build_id))
    return current


def build_is_complete(build_dir: Path, current: set[str], tables: list[str] | None = None) -> bool:
    """The publish that wrote the folder finished. Without BUILD_MARKER (a folder from before it, or a publish
    killed just after its swap), a build older than the current publication counts as complete when every
    Parquet file has its footer and the current publication's tables are all there; a newer one never does."""
    if (build_dir / BUILD_MARKER).is_file():
        return True
    if not current or build_dir.name > max(current):
        return False
    files = sorted((build_dir / "parquet").glob("*.parquet"))
    if not files or (tables and not {f.stem for f in files} >= set(tables)):
        return False
    for f in files:
        try:
            with f.open("rb") as fh:
                fh.seek(-4, os.SEEK_END)
                if fh.read(4) != b"PAR1":
                    return False
        except OSError:
            return False
    return True


def stale_publish_files(layout: DataLayout) -> list[Path]:
    """Temp files of publishes that did not finish: .osint-<build>.duckdb, its .wal, the link and manifest temps.
    Only meaningful while holding the writer lock (no other publish is running then)."""
    published = layout.published
    stale = [*published.glob(".osint-*.duckdb"), *published.glob(".osint-*.duckdb.wal")]
    stale += [p for p in (published / ".parquet.tmp", published / "manifest.json.tmp") if p.is_symlink() or p.exists()]
    return stale


def interrupted_builds(layout: DataLayout) -> list[Path]:
    """Build folders an interrupted publish left (never the current one)."""
    builds = layout.published / "builds"
    if not builds.is_dir():
        return []
    current = current_build_ids(layout)
    tables = (read_manifest(layout).get("current") or {}).get("tables") or None
    return [
        b for b in sorted(builds.iterdir())
        if b.is_dir() and b.name not in current and not build_is_complete(b, current, tables)
    ]


def _prune_builds(layout: DataLayout, keep: Path) -> None:
    """Keep the newest KEEP_BUILDS complete builds (and the current one); drop interrupted ones."""
    for interrupted in interrupted_builds(layout):
        shutil.rmtree(interrupted, ignore_errors=True)
    current = current_build_ids(layout) | {keep.name}
    builds = sorted((b for b in (layout.published / "builds").iterdir() if b.is_dir()), key=lambda p: p.name)
    for old in builds[:-KEEP_BUILDS]:
        if old.name not in current:
            shutil.rmtree(old, ignore_errors=True)
    for stale in stale_publish_files(layout):
        stale.unlink(missing_ok=True)
