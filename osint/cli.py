"""`osint` — the command line over the pipeline library."""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ingestion.errors import OsintError
from osint.config import PipelineConfig, load_config

console = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)
DEFAULT_CONFIG = "config/sample.yml"
T = TypeVar("T")


def _load(ctx: click.Context) -> PipelineConfig:
    config: PipelineConfig = ctx.obj["config_loader"]()
    return config


def _progress(msg: str) -> None:
    console.print(f"[dim]{time.strftime('%H:%M:%S')}[/dim] {msg}")


def _guard(fn: Callable[[], T]) -> T:
    """Run a command; known failures exit 1 with a one-line reason, not a traceback."""
    try:
        return fn()
    except OsintError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}")
        sys.exit(1)
    except Exception as exc:
        from osint.errors import disk_full, is_disk_full

        if not is_disk_full(exc):
            raise
        console.print(f"[red]error:[/red] {escape(str(disk_full(exc, 'osint', 'the data directory')))}")
        sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), envvar="OSINT_CONFIG", default=DEFAULT_CONFIG,
    show_default=True, help="Pipeline config (YAML). Env: OSINT_CONFIG.",
)
@click.option("-v", "--verbose", is_flag=True, help="Log debug details.")
@click.pass_context
def main(ctx: click.Context, config_path: str, verbose: bool) -> None:
    """OSINT warehouse: collect sources, extract facts, build and publish audited marts."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")
    ctx.ensure_object(dict)
    ctx.obj["config_loader"] = lambda: _guard(lambda: load_config(config_path))


def _config_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Allow `--config` after the subcommand too (`osint run --config PATH`)."""

    def callback(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
        if value:
            ctx.obj["config_loader"] = lambda: _guard(lambda: load_config(value))

    return click.option(
        "--config", "config_override", type=click.Path(dir_okay=False), expose_value=False, callback=callback,
        is_eager=True, help="Pipeline config (YAML).",
    )(fn)


@main.command()
@_config_option
@click.option("--full-refresh", is_flag=True, help="Rebuild every mart from raw.")
@click.pass_context
def run(ctx: click.Context, full_refresh: bool) -> None:
    """Run everything: fetch → load → extract → build → gate → publish, then print a summary."""
    from osint.pipeline import run_all

    config = _load(ctx)
    started = time.perf_counter()
    summary = _guard(lambda: run_all(config, progress=_progress, full_refresh=full_refresh))
    elapsed = time.perf_counter() - started
    pub = summary.published
    assert pub is not None
    table = Table(title="published marts", show_edge=False)
    table.add_column("mart")
    table.add_column("rows", justify="right")
    for name, n in pub.row_counts.items():
        table.add_row(name, f"{n:,}")
    out.print(table)
    loaded = summary.loaded
    out.print(
        f"documents: {sum(r.new for r in loaded)} new, {sum(r.updated for r in loaded)} updated, "
        f"{sum(r.duplicate for r in loaded)} unchanged, {sum(r.quarantined for r in loaded)} quarantined"
    )
    out.print(f"gate: {pub.gate['summary']}  (report: {pub.report_path})")
    out.print(f"published: {pub.path}  (build {pub.build_id}, parquet in {pub.parquet_dir})")
    stages = ", ".join(f"{k} {v:.1f}s" for k, v in summary.stage_seconds.items())
    out.print(f"elapsed: {elapsed:.1f} s ({stages})")
    for failed in summary.failed_sources:
        console.print(f"[yellow]warning:[/yellow] {escape(str(failed.error))}")
    if summary.failed_sources:
        sys.exit(2)


@main.command()
@_config_option
@click.option("--source", "sources", multiple=True, help="Only this source (repeatable).")
@click.option("--fetch-only", is_flag=True, help="Write landing batches but do not load them.")
@click.pass_context
def ingest(ctx: click.Context, sources: tuple[str, ...], fetch_only: bool) -> None:
    """Fetch sources into landing batches and load them into raw.*."""
    from osint.pipeline import fetch_sources, load_batches

    config = _load(ctx)
    fetched = _guard(lambda: fetch_sources(config, list(sources) or None, progress=_progress))
    loaded = [] if fetch_only else _guard(lambda: load_batches(config, progress=_progress))
    for r in loaded:
        out.print(
            f"{r.source_name} [{r.status}] fetched {r.fetched}, new {r.new}, updated {r.updated}, "
            f"duplicate {r.duplicate}, quarantined {r.quarantined}" + (f" — {r.error}" if r.error else "")
        )
    failed = [str(f.error) for f in fetched if f.error] + [str(r.error) for r in loaded if r.status == "rejected"]
    for error in failed:
        console.print(f"[red]error:[/red] {escape(error)}")
    if failed:
        sys.exit(1)


@main.command()
@_config_option
@click.pass_context
def extract(ctx: click.Context) -> None:
    """Annotate documents not yet annotated at the current extractor version."""
    from osint.pipeline import extract as extract_stage

    config = _load(ctx)
    s = _guard(lambda: extract_stage(config, progress=_progress))
    out.print(f"annotated {s.documents} documents: {s.mentions} actor mentions, {s.failed} failed")


@main.command()
@_config_option
@click.option("--full-refresh", is_flag=True, help="Rebuild incremental models from scratch.")
@click.pass_context
def build(ctx: click.Context, full_refresh: bool) -> None:
    """Run `dbt build`: staging → intermediate → marts with their tests."""
    from osint.pipeline import build as build_stage

    config = _load(ctx)
    s = _guard(lambda: build_stage(config, full_refresh, progress=_progress))
    out.print(f"dbt build ok in {s.seconds:.1f} s: " + ", ".join(f"{n} {k}" for k, n in sorted(s.nodes.items())))


@main.command()
@_config_option
@click.pass_context
def check(ctx: click.Context) -> None:
    """Run the mart gate without publishing; exit 1 if it fails."""
    from osint.pipeline import check as check_stage

    config = _load(ctx)
    gate = _guard(lambda: check_stage(config))
    out.print(gate.summary())
    out.print(f"report: {gate.report_path}")
    if not gate.success:
        sys.exit(1)


@main.command()
@_config_option
@click.pass_context
def publish(ctx: click.Context) -> None:
    """Gate the marts and, if they pass, atomically publish them."""
    from osint.pipeline import publish as publish_stage

    config = _load(ctx)
    pub = _guard(lambda: publish_stage(config))
    out.print(f"published build {pub.build_id} to {pub.path}; gate: {pub.gate['summary']} (report: {pub.report_path})")


@main.command()
@_config_option
@click.option("--json", "as_json", is_flag=True, help="Print the manifest as JSON.")
@click.pass_context
def status(ctx: click.Context, as_json: bool) -> None:
    """Show the current publication: build, time, row counts, gate result, freshness per source."""
    from osint.publish import read_manifest
    from osint.query import source_freshness
    from osint.warehouse import DataLayout

    config = _load(ctx)
    layout = DataLayout(config.data_dir)
    manifest = read_manifest(layout)
    if as_json:
        out.print_json(json.dumps(manifest, default=str))
        return
    current = manifest.get("current")
    if not current:
        console.print(f"nothing published yet under {layout.published} — run `osint run`")
        sys.exit(1)
    out.print(f"build {current['build_id']} published {current['published_at']} (git {current['git_revision']})")
    out.print(f"file: {current['path']}")
    if current.get("lake_snapshot") is not None:
        out.print(f"DuckLake: snapshot {current['lake_snapshot']} of {current.get('lake_catalog')} (`osint publications`)")
    out.print(f"gate: {current['gate']['summary']}")
    table = Table(show_edge=False)
    table.add_column("mart")
    table.add_column("rows", justify="right")
    for name, n in current["row_counts"].items():
        table.add_row(name, f"{n:,}")
    out.print(table)
    attempt = manifest.get("last_attempt") or {}
    if attempt and not attempt.get("published"):
        out.print(f"[red]last attempt {attempt['build_id']} was blocked:[/red] {attempt['gate_summary']}")
    fresh = Table(title="freshness per source", show_edge=False)
    for col in ("source", "documents", "newest published_at", "last fetched_at"):
        fresh.add_column(col)
    for row in source_freshness(layout.published_db):
        fresh.add_row(*[str(v) for v in row])
    out.print(fresh)


@main.command()
@_config_option
@click.pass_context
def docs(ctx: click.Context) -> None:
    """Build the dbt docs site (lineage from raw to marts, column docs) into <data_dir>/docs/."""
    from osint.pipeline import build_docs

    config = _load(ctx)
    index = _guard(lambda: build_docs(config, progress=_progress))
    out.print(f"docs site: {index}  (open it in a browser; static_index.html works from file://)")


def _query_arguments(args: list[str], params: list[click.Parameter]) -> list[str]:
    """`osint query`'s arguments reordered for click: the options, then `--` and the SQL.

    Options may stand before or after the SQL, and after a `--` (`osint query -- "$(cat x.sql)"
    --format csv`). An argument is an option only when it is one of the command's option names
    (`--format`, `--format=csv`, `-fPATH`) or the value such an option takes; every other argument
    is SQL — any with a line break always, so SQL opening with a `-- comment` line and SQL with
    `--format` inside a string literal pass untouched. A lone `--` is dropped. A word without
    whitespace that only looks like an option (`--fromat`) is left to click, which refuses it by name.
    Limitation: an argument that is exactly an option name is that option, even after `--`.
    """
    import re

    takes_value: set[str] = set()
    flags: set[str] = set()
    for param in params:
        if isinstance(param, click.Option):
            (flags if param.is_flag or param.count else takes_value).update([*param.opts, *param.secondary_opts])
    short_valued = {name for name in takes_value if len(name) == 2 and name[1] != "-"}
    options: list[str] = []
    sql: list[str] = []
    dangling = False
    words = iter(args)
    for word in words:
        if word == "--":
            continue
        if "\n" in word:  # SQL text, even when its first line is a comment like `--format=csv ...`
            sql.append(word)
        elif word in flags:
            options.append(word)
        elif word in takes_value:
            value = next(words, None)
            dangling = value is None
            options += [word] if value is None else [word, value]
        elif (
            (word.startswith("--") and word.split("=", 1)[0] in takes_value)  # --format=csv
            or word[:2] in short_valued  # -fPATH
            or re.fullmatch(r"--?[A-Za-z][\w-]*(=\S*)?", word)  # unknown: click says so
        ):
            options.append(word)
        else:
            sql.append(word)
    # an option missing its value is last, so that click reports it (not take `--` for the value)
    return options if dangling or not sql else [*options, "--", *sql]


class _QueryCommand(click.Command):
    """`osint query`, whose options may follow the SQL (see `_query_arguments`)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _query_arguments(args, self.get_params(ctx)))


def _terminal_width() -> int | None:
    """Columns of the terminal (COLUMNS wins); None when stdout is not a terminal."""
    import shutil

    raw = os.environ.get("COLUMNS", "")
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


@main.command(cls=_QueryCommand)
@_config_option
@click.argument("sql", nargs=-1, metavar="[SQL]")
@click.option("-f", "--file", "sql_file", type=click.File("r"), help="Read the SQL from a file ('-' for stdin).")
@click.option(
    "--format", "fmt", type=click.Choice(["auto", "table", "vertical", "csv", "json"]), default="auto",
    show_default=True,
    help="auto: a table if it fits the terminal, else vertical; vertical: one 'column | value' block per row.",
)
@click.option(
    "--limit", type=click.IntRange(min=0), default=1000, show_default=True,
    help="Max rows printed (table and vertical; csv and json print all).",
)
@click.option(
    "--max-width", type=click.IntRange(min=0), default=None, metavar="N",
    help="Values longer than N characters end in '…' (0: never cut).  [default: 60 in a table, 500 in vertical]",
)
@click.option(
    "--as-of", "as_of", metavar="WHEN",
    help="Read the publication that was current then (DuckLake backend): a date (its end, UTC) or a timestamp.",
)
@click.pass_context
def query(
    ctx: click.Context, sql: tuple[str, ...], sql_file: Any, fmt: str, limit: int, max_width: int | None,
    as_of: str | None,
) -> None:
    """Run SQL read-only against the published marts (SQL as one argument, or --file queries/x.sql).

    Options may come before or after the SQL, also after a `--`; SQL that starts with a comment
    needs no `--`. An argument that is exactly an option name is read as that option.
    """
    from osint import query as q
    from osint.warehouse import DataLayout

    if sql_file is not None and sql:
        raise click.UsageError("give the SQL either as an argument or with --file, not both")
    if len(sql) > 1:
        words = ", ".join(repr(w) for w in sql[:5]) + (", ..." if len(sql) > 5 else "")
        raise click.UsageError(
            f"give the SQL as one argument, quoted (the shell expands an unquoted *): got {len(sql)} words, {words}"
        )
    text = sql_file.read() if sql_file is not None else (sql[0] if sql else "")
    if not text.strip():
        raise click.UsageError("give the SQL as an argument or with --file PATH")
    config = _load(ctx)
    source: q.Source = DataLayout(config.data_dir).published_db
    if as_of is not None:
        source = _guard(lambda: _lake_reader(config, as_of))
    if fmt in ("csv", "json"):
        columns, rows = _guard(lambda: q.run_query(source, text))
        if fmt == "json":
            sys.stdout.write(json.dumps([dict(zip(columns, r, strict=True)) for r in rows], default=str, ensure_ascii=False) + "\n")
        else:
            import csv

            writer = csv.writer(sys.stdout)
            writer.writerow(columns)
            writer.writerows(rows)
        return
    columns, head, total = _guard(lambda: q.run_query_head(source, text, limit))
    lines, note = q.text_layout(columns, head, fmt, max_width, _terminal_width())
    if note:
        console.print(escape(note))
    if lines:
        click.echo("\n".join(lines))
    if total == 0:
        console.print("(0 rows)")
    elif total > len(head):
        console.print(f"({total - len(head)} more rows; raise --limit, or use --format csv or json for all)")


def _lake_reader(config: PipelineConfig, as_of: str) -> Callable[[], Any]:
    """`--as-of`: a function opening the DuckLake publication current at that time (named on stderr)."""
    from osint.errors import ConfigError
    from osint.lake import Lake, open_publication, parse_as_of, publication_as_of

    lake = Lake.of(config)
    if lake is None:
        raise ConfigError(
            f"--as-of reads past publications, which the DuckLake backend keeps: set `warehouse: {{backend: ducklake, "
            f"catalog: ...}}` in {config.config_path or 'the config'} (the DuckDB backend keeps only the current one)"
        )
    when = parse_as_of(as_of)
    publication = publication_as_of(lake, when)
    console.print(
        f"[dim]as of {when.isoformat()}: build {publication.build_id}, published {publication.committed_at.isoformat()} "
        f"(DuckLake snapshot {publication.snapshot_id})[/dim]"
    )
    return lambda: open_publication(lake, when)[0]


@main.command()
@_config_option
@click.pass_context
def maintain(ctx: click.Context) -> None:
    """Compact the working warehouse (reclaim the space of deleted rows); expire old DuckLake publications."""
    from osint.maintain import maintain as run_maintenance

    config = _load(ctx)
    result = _guard(lambda: run_maintenance(config))
    mb = 2**20
    out.print(
        f"compacted {result.tables} tables ({result.rows:,} rows): {result.before_bytes / mb:,.1f} MB -> "
        f"{result.after_bytes / mb:,.1f} MB ({result.reclaimed_bytes / mb:,.1f} MB reclaimed) in {result.seconds:.1f} s"
    )
    if result.lake_snapshots_expired is not None:
        out.print(f"DuckLake: {result.lake_snapshots_expired} snapshots expired, {result.lake_files_removed} files removed")


@main.command()
@_config_option
@click.pass_context
def publications(ctx: click.Context) -> None:
    """List the publications kept in the DuckLake (warehouse.backend: ducklake), oldest first."""
    from osint.lake import Lake, reader_sql
    from osint.lake import publications as lake_publications

    config = _load(ctx)
    lake = Lake.of(config)
    if lake is None:
        console.print(f"the DuckDB backend keeps only the current publication (see `osint status`); "
                      f"set warehouse.backend: ducklake in {config.config_path or 'the config'} to keep them all")
        sys.exit(1)
    known = _guard(lambda: lake_publications(lake))
    if not known:
        console.print(f"nothing published to DuckLake {lake.shown} yet — run `osint publish`")
        sys.exit(1)
    # The snapshot, time and build are what `--as-of` and a reader's ATTACH take: never cut; the git
    # revision gives way (short form) on a narrow terminal.
    table = Table(show_edge=False)
    cells = [
        (str(p.snapshot_id), p.committed_at.isoformat(timespec="seconds"), p.build_id,
         f"{sum((p.info.get('row_counts') or {}).values()):,}", str(p.info.get("git_revision", ""))[:12])
        for p in known
    ]
    for i, col in enumerate(("snapshot", "published (UTC)", "build", "rows", "git")):
        widest = max([len(col), *(len(row[i]) for row in cells)])
        table.add_column(col, justify="right" if col in ("snapshot", "rows") else "left", no_wrap=True,
                         min_width=widest if col != "git" else None)
    for row in cells:
        table.add_row(*row)
    out.print(table)
    console.print(f"read one from any DuckDB client: {escape(reader_sql(lake, known[-1]))}")


@main.group()
def judge() -> None:
    """Analyst judgements: merge actors, split mentions off an actor, reject a fact.

    Stored append-only in the warehouse (raw.analyst_judgements) with who (--by, $OSINT_ANALYST or
    the login name), when and why; applied by every `osint build`, full refreshes included.
    """


def _judging(ctx: click.Context, fn: Callable[[Any], T]) -> T:
    from osint.pipeline import writer

    config = _load(ctx)

    def run() -> T:
        with writer(config, "osint judge") as con:
            return fn(con)

    return _guard(run)


def _judged(judgement: Any) -> None:
    out.print(escape(f"{judgement.judgement_id}: {judgement.describe()} (by {judgement.judged_by}); applied at the next `osint build`"))


_by_option = click.option("--by", help="Who judges (default: $OSINT_ANALYST, else the login name).")


@judge.command("merge")
@_config_option
@click.argument("keep")
@click.argument("absorb")
@click.option("--reason", help="Why they are one actor.")
@click.option("--allow-type-change", is_flag=True, help="Merge actors of different types.")
@_by_option
@click.pass_context
def judge_merge(ctx: click.Context, keep: str, absorb: str, reason: str | None, allow_type_change: bool, by: str | None) -> None:
    """ABSORB is the same actor as KEEP: its names, mentions and facts go to KEEP (actor ids of dim_actors)."""
    from osint import judgements

    _judged(_judging(ctx, lambda con: judgements.merge(con, keep, absorb, reason, by, allow_type_change)))


@judge.command("split")
@_config_option
@click.argument("actor_id")
@click.option("--mention", "mention_ids", multiple=True, help="A mention_id of fct_mentions (repeatable).")
@click.option("--name-form", "name_forms", multiple=True, help="Every mention with this name, now and later (repeatable).")
@click.option("--into", help="An existing actor to move them to (default: a new actor).")
@click.option("--name", help="The new actor's canonical name (default: the first name form or mention text).")
@click.option("--reason", help="Why they are another actor.")
@_by_option
@click.pass_context
def judge_split(
    ctx: click.Context, actor_id: str, mention_ids: tuple[str, ...], name_forms: tuple[str, ...], into: str | None,
    name: str | None, reason: str | None, by: str | None,
) -> None:
    """Mentions or name forms of ACTOR_ID belong to another actor."""
    from osint import judgements

    _judged(_judging(ctx, lambda con: judgements.split(con, actor_id, mention_ids, name_forms, into, name, reason, by)))


@judge.command("reject")
@_config_option
@click.argument("fact_id")
@click.option("--reason", required=True, help="Why the fact is wrong (kept in audit_rejected_facts).")
@_by_option
@click.pass_context
def judge_reject(ctx: click.Context, fact_id: str, reason: str, by: str | None) -> None:
    """Take a meeting, agreement, claim or trade figure out of the marts (FACT_ID: its mart key)."""
    from osint import judgements

    _judged(_judging(ctx, lambda con: judgements.reject(con, fact_id, reason, by)))


@judge.command("undo")
@_config_option
@click.argument("judgement_id")
@click.option("--reason", help="Why.")
@_by_option
@click.pass_context
def judge_undo(ctx: click.Context, judgement_id: str, reason: str | None, by: str | None) -> None:
    """Switch a judgement off (it stays in the history)."""
    from osint import judgements

    _judged(_judging(ctx, lambda con: judgements.undo(con, judgement_id, reason, by)))


@judge.command("list")
@_config_option
@click.option("--all", "show_all", is_flag=True, help="Also undone judgements and the undo rows.")
@click.pass_context
def judge_list(ctx: click.Context, show_all: bool) -> None:
    """The judgements in force (or all of them), oldest first."""
    from osint import judgements

    rows = _judging(ctx, lambda con: judgements.history(con) if show_all else judgements.active(con))
    for j in rows:
        # one line each, so it greps and diffs
        reason = f"  ({j.reason})" if j.reason else ""
        out.print(escape(f"{j.judgement_id}  {j.judged_at.isoformat(timespec='seconds')}  {j.judged_by}  {j.describe()}{reason}"))
    console.print(f"{len(rows)} judgement(s)")


@judge.command("export")
@_config_option
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def judge_export(ctx: click.Context, path: Path) -> None:
    """Write every judgement to a CSV file (the versionable form)."""
    from osint import judgements

    count = _judging(ctx, lambda con: judgements.export_csv(con, path))
    out.print(f"{count} judgement(s) written to {path}")


@judge.command("import")
@_config_option
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def judge_import(ctx: click.Context, path: Path) -> None:
    """Add the judgements of an exported CSV that this warehouse lacks (safe to repeat)."""
    from osint import judgements

    result = _judging(ctx, lambda con: judgements.import_csv(con, path))
    for error in result.errors:
        console.print(f"[red]error:[/red] {escape(error)}")
    out.print(f"{result.added} added, {result.already_present} already present, {len(result.errors)} rejected")
    if result.errors:
        sys.exit(1)


@main.command()
@_config_option
@click.option(
    "--out", "out_path", type=click.Path(dir_okay=False, path_type=Path),
    help="HTML file to write (default: <data_dir>/report/brief.html).",
)
@click.option("--claims", "claim_limit", type=click.IntRange(min=0), default=25, show_default=True, help="Top claims listed.")
@click.pass_context
def report(ctx: click.Context, out_path: Path | None, claim_limit: int) -> None:
    """Write the analyst brief: one self-contained HTML page from the published marts (meetings
    timeline, who met whom, trade figures per country pair, top claims with grades and evidence)."""
    from osint.publish import read_manifest
    from osint.report import write_report
    from osint.warehouse import DataLayout

    config = _load(ctx)
    layout = DataLayout(config.data_dir)
    target = out_path or layout.root / "report" / "brief.html"
    result = _guard(lambda: write_report(layout.published_db, target, claim_limit=claim_limit, manifest=read_manifest(layout)))
    out.print(
        f"analyst brief: {result.path} ({result.meetings} meetings, {result.figures} pair figures, "
        f"{result.claims} claims) in {result.seconds:.1f} s — open it in a browser (works from file://, offline)"
    )


if __name__ == "__main__":
    main()


