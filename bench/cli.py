"""`make bench`: the real pipeline at scale, stage by stage, with its peers side by side.

Each stage (land, extract, dbt, gates, publish) runs in its own subprocess calling the same
library functions the CLI and the DAGs call (`osint.pipeline`), against a temporary data
directory — never ./data. The parent measures the child's peak RSS with os.wait4 (per child, not
cumulative) and the child reports the wall time of the stage itself (imports excluded; they are
reported as process overhead). Corpora: a synthetic news corpus at each --sizes, the 182k-item RSS
year and the 22k Russian news-channel posts (through the telegram_api connector's dump_path) from
../shared/corpora when present, and an incremental batch into the largest synthetic warehouse. Peers on the same texts: DuckDB bulk-reading the JSON (the I/O floor) and a plain
`nlp.pipe` of the spaCy model (what a user would write by hand).

    python -m bench.run                      # 10k + 100k synthetic, RSS year, Russian channels, incremental 1k
    python -m bench.run --quick              # 2k synthetic, no RSS: a few minutes, for development
    python -m bench.run --sizes 10000 --no-rss --incremental 500 --out /tmp/b.json
    python -m bench.run --sizes 100000 --no-rss --incremental 0 --keep --workdir W --out base.json
    python -m bench.run --no-rss --incremental-into W/synthetic-100000 --base-result base.json
    python -m bench.run --sizes 0 --no-rss --ru --incremental 0   # the Russian channel posts only
    python -m bench.run --sizes 0 --no-rss --no-ru --incremental 0 --celery-docs 20000   # Celery extraction only
    python -m bench.run --sizes 0 --no-rss --no-ru --incremental 0 --peer-docs 0 --celery-docs 0 --growth 10   # warehouse growth only
    python -m bench.run --sizes 0 --no-rss --no-ru --incremental 0 --peer-docs 0 --celery-docs 0 --freshness 20   # freshness only (real scheduler, PostgreSQL)

The same entry point is the child side: `--stage`/`--peer` (hidden options) run one stage or peer
in this process and write its report to --stage-out (bench.child).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from bench.celery_scale import celery_extraction_run
from bench.child import PEERS, run_peer, run_stage, write_report
from bench.freshness import freshness_run, schedule_slug
from bench.growth import growth_run
from bench.paths import REPO_ROOT, RESULTS_DIR, RSS_YEAR, RU_CHANNELS, safe_data_dir
from bench.progress import log
from bench.provenance import git_dirty_paths, git_revision, host_info
from bench.report import evaluate_targets, format_markdown, format_report, read_result, write_result
from bench.result_types import (
    CHILD_STAGES,
    DEFINITIONS,
    BenchOptions,
    BenchResult,
    ChildReport,
    DbtProjectOverride,
    ScenarioResult,
)
from bench.ru_corpus import present as ru_channels_present
from bench.scenarios import (
    PeerBudget,
    incremental_into_kept_run,
    rss_year_run,
    ru_channels_run,
    synthetic_run,
)

BENCHMARK = "osint-warehouse pipeline (bench/run.py)"

Scenario = Callable[[ScenarioResult], None]
Plan = list[tuple[str, Scenario]]  # (corpus label, the scenario that fills its result), in order


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--sizes", default=None, help="synthetic corpus sizes, comma-separated (default 10000,100000)"
    )
    parser.add_argument(
        "--rss",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="include the RSS year (default: when present)",
    )
    parser.add_argument(
        "--ru",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="include the Russian news-channel posts (default: when present)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="2k synthetic documents, no RSS, no Russian channels, 200 incremental: for development",
    )
    parser.add_argument(
        "--incremental",
        type=int,
        default=None,
        help="new documents into the largest synthetic warehouse (0: skip)",
    )
    parser.add_argument(
        "--peer-docs",
        type=int,
        default=None,
        help="at most this many documents through the plain nlp.pipe peer (0: skip; default 20000)",
    )
    parser.add_argument(
        "--peer-chars",
        type=int,
        default=None,
        help="...and at most about this many characters (default 3,000,000): spaCy is too slow for whole corpora",
    )
    parser.add_argument(
        "--profile", default="", help="stages to run under cProfile, comma-separated (e.g. extract,dbt)"
    )
    parser.add_argument(
        "--rss-limit",
        type=int,
        default=0,
        help="only the first N items of the RSS year (full year projected)",
    )
    parser.add_argument(
        "--celery-docs",
        type=int,
        default=None,
        help="documents extracted by one process, the local pool and Celery workers on the local Redis, "
        "compared (0: skip; default 20000 when Redis answers, 0 with --quick)",
    )
    parser.add_argument("--celery-workers", type=int, default=2, help="Celery workers of that scenario")
    parser.add_argument(
        "--growth",
        type=int,
        default=0,
        metavar="ROUNDS",
        help="warehouse growth: a full build of the first BASE + ROUNDS x DOCS RSS items, against a build of "
        "BASE then ROUNDS incremental builds of DOCS each and `osint maintain` (0: skip, the default)",
    )
    parser.add_argument("--growth-base", type=int, default=20_000, metavar="BASE", help="(default 20000)")
    parser.add_argument("--growth-docs", type=int, default=1000, metavar="DOCS", help="(default 1000)")
    parser.add_argument(
        "--freshness",
        type=float,
        default=0,
        metavar="MINUTES",
        help="freshness: a real scheduler deployment (PostgreSQL on 127.0.0.1:5432) ingesting a local RSS feed "
        "where new items appear for MINUTES; each item's time to the published marts (0: skip, the default)",
    )
    parser.add_argument(
        "--freshness-schedule",
        default="*/5 * * * *",
        metavar="CRON",
        help="OSINT_INGEST_SCHEDULE of that deployment (default */5 * * * *; the project's default is hourly)",
    )
    parser.add_argument(
        "--freshness-drain",
        type=float,
        default=12.0,
        metavar="MINUTES",
        help="after the last item appears, wait at most this long for every item to be published (default 12)",
    )
    parser.add_argument("--seed", type=int, default=20250117)
    parser.add_argument(
        "--workdir", type=Path, default=None, help="where corpora and data dirs go (default: a temp dir)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the work dir")
    parser.add_argument(
        "--incremental-into",
        type=Path,
        default=None,
        help="only the incremental case, into a copy of a kept run's warehouse: the synthetic run's folder "
        "of a --keep --workdir run (e.g. WORKDIR/synthetic-100000); needs --base-result",
    )
    parser.add_argument("--base-result", type=Path, default=None, help="the result JSON of that kept run")
    parser.add_argument(
        "--dbt-project",
        type=Path,
        default=None,
        help="run dbt from this copy of the project instead of ./dbt (its diff is stored in the result)",
    )
    parser.add_argument("--summarize", type=Path, help="print a result JSON as markdown tables and exit")
    parser.add_argument(
        "--out", type=Path, default=None, help="result JSON (default bench/results/<mode>-<time>.json)"
    )
    # Internal: the child side.
    parser.add_argument("--stage", choices=CHILD_STAGES, help=argparse.SUPPRESS)
    parser.add_argument("--peer", choices=PEERS, help=argparse.SUPPRESS)
    parser.add_argument("--config", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--source", action="append", default=[], help=argparse.SUPPRESS)
    parser.add_argument("--profile-stage", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--format", choices=("json", "jsonl"), default="json", help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--char-limit", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--stage-out", type=Path, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> BenchResult | None:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.summarize:
        print(format_markdown(read_result(args.summarize)))
        return None
    if args.stage or args.peer:
        run_child(args)
        return None

    options = resolve_options(args)
    if args.incremental_into and not args.base_result:
        parser.error("--incremental-into needs --base-result")
    mode = "quick" if args.quick else "full"
    dbt_override = use_dbt_project(args.dbt_project) if args.dbt_project else None
    work = args.workdir or Path(tempfile.mkdtemp(prefix="osint-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    safe_data_dir(work)
    result = BenchResult(
        benchmark=BENCHMARK,
        mode=mode,
        started_at=datetime.now(UTC).isoformat(timespec="seconds"),
        git_revision=git_revision(),
        uncommitted_library_changes=git_dirty_paths(),
        dbt_project_override=dbt_override,
        host=host_info(),
        load_average_start=os.getloadavg(),
        options=options,
        definitions=dict(DEFINITIONS),
        runs=[],
    )
    started = time.perf_counter()
    try:
        run_plan(build_plan(args, options, work), result)
    finally:
        result.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
        result.total_seconds = round(time.perf_counter() - started, 1)
        result.load_average_end = os.getloadavg()
        result.targets = evaluate_targets(result.runs) if result.runs else {}
        out = args.out or default_out(mode, options, result)
        write_result(result, out)
        log(f"results: {out}")
        if not args.keep and args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    print(format_report(result))
    return result


def run_child(args: argparse.Namespace) -> None:
    report: ChildReport
    if args.stage:
        report = run_stage(args.stage, args.config, args.source, args.profile_stage)
    else:
        report = run_peer(args.peer, args.corpus, args.format, args.limit, args.char_limit)
    write_report(report, args.stage_out)


def resolve_options(args: argparse.Namespace) -> BenchOptions:
    """The command line with its defaults filled in (--quick changes several)."""
    sizes = (
        [int(s) for s in args.sizes.split(",") if s.strip() and int(s) > 0]  # "--sizes 0": RSS only
        if args.sizes
        else ([2000] if args.quick else [10_000, 100_000])
    )
    include_rss = (not args.quick and RSS_YEAR.is_file()) if args.rss is None else args.rss
    if include_rss and not RSS_YEAR.is_file():
        log(f"RSS year {RSS_YEAR} not present: skipped")
        include_rss = False
    include_ru = (not args.quick and ru_channels_present(RU_CHANNELS)) if args.ru is None else args.ru
    if include_ru and not ru_channels_present(RU_CHANNELS):
        log(f"Russian channel posts {RU_CHANNELS} not present: skipped")
        include_ru = False
    growth = _growth_options(args)
    options = BenchOptions(
        sizes=sizes,
        rss=include_rss,
        ru=include_ru,
        incremental=args.incremental if args.incremental is not None else (200 if args.quick else 1000),
        peer_docs=args.peer_docs if args.peer_docs is not None else (500 if args.quick else 20_000),
        peer_chars=args.peer_chars if args.peer_chars is not None else (500_000 if args.quick else 3_000_000),
        seed=args.seed,
        rss_limit=args.rss_limit,
        profile=sorted({s.strip() for s in args.profile.split(",") if s.strip()}),
        celery_docs=_celery_docs(args),
        celery_workers=args.celery_workers,
        growth_rounds=growth.get("growth_rounds"),
        growth_base=growth.get("growth_base"),
        growth_docs=growth.get("growth_docs"),
    )
    _freshness_options(args, options)
    return options


def default_out(mode: str, options: BenchOptions, result: BenchResult) -> Path:
    """bench/results/<mode>-<time>.json; a freshness-only run: freshness-<schedule>-<date>.json."""
    if options.freshness_schedule and result.runs and all(r.corpus.startswith("freshness-") for r in result.runs):
        return RESULTS_DIR / f"freshness-{schedule_slug(options.freshness_schedule)}-{datetime.now(UTC):%Y%m%d}.json"
    return RESULTS_DIR / f"{mode}-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"


def _freshness_options(args: argparse.Namespace, options: BenchOptions) -> None:
    """The freshness scenario's options, recorded only when it runs (its texts come from the RSS year)."""
    if args.freshness <= 0:
        return
    if not RSS_YEAR.is_file():
        log(f"RSS year {RSS_YEAR} not present: the freshness scenario is skipped")
        return
    options.freshness_minutes = args.freshness
    options.freshness_schedule = args.freshness_schedule
    options.freshness_drain_minutes = args.freshness_drain


def _growth_options(args: argparse.Namespace) -> dict[str, int]:
    """The growth scenario's options, recorded only when it runs (it needs the RSS year)."""
    if args.growth <= 0:
        return {}
    if not RSS_YEAR.is_file():
        log(f"RSS year {RSS_YEAR} not present: the growth scenario is skipped")
        return {}
    return {"growth_rounds": args.growth, "growth_base": args.growth_base, "growth_docs": args.growth_docs}


def _celery_docs(args: argparse.Namespace) -> int:
    wanted = args.celery_docs if args.celery_docs is not None else (0 if args.quick else 20_000)
    if wanted <= 0:
        return 0
    try:
        import redis

        redis.Redis.from_url("redis://127.0.0.1:6379/0", socket_connect_timeout=2).ping()
    except Exception as exc:
        log(f"no Redis on 127.0.0.1:6379 ({exc}): the Celery extraction scenario is skipped")
        return 0
    return int(wanted)


def use_dbt_project(project: Path) -> DbtProjectOverride:
    """Point every stage's dbt at `project` (children inherit the environment); record its diff."""
    os.environ["OSINT_DBT_PROJECT_DIR"] = str(project.resolve())
    diff = subprocess.run(
        ["diff", "-ru", str(REPO_ROOT / "dbt"), str(project.resolve())],
        capture_output=True,
        text=True,
        check=False,
    )
    return DbtProjectOverride(path=str(project.resolve()), diff_vs_repo=diff.stdout)


def build_plan(args: argparse.Namespace, options: BenchOptions, work: Path) -> Plan:
    """Either the incremental case into a kept run, or a synthetic run per size (the incremental
    batch goes into the largest); then the RSS year, the Russian channel posts, the Celery extraction,
    the warehouse growth and the freshness scenario when included."""
    peer = PeerBudget(docs=options.peer_docs, chars=options.peer_chars)
    profile = set(options.profile)
    plan: Plan
    if args.incremental_into:
        plan = [
            (
                args.incremental_into.name,
                partial(
                    incremental_into_kept_run,
                    base_result=args.base_result,
                    kept=args.incremental_into.resolve(),
                    work=work,
                    count=options.incremental or 1000,
                    seed=options.seed,
                    profile=profile,
                ),
            )
        ]
    else:
        largest = max(options.sizes) if options.sizes else None
        plan = [
            (
                f"synthetic-{size}",
                partial(
                    synthetic_run,
                    size=size,
                    work=work,
                    seed=options.seed,
                    peer=peer,
                    incremental=options.incremental if size == largest else 0,
                    profile=profile,
                ),
            )
            for size in options.sizes
        ]
    if options.rss:
        plan.append(
            (
                "rss-year-2023",
                partial(
                    rss_year_run,
                    path=RSS_YEAR,
                    work=work,
                    peer=peer,
                    profile=profile,
                    limit=options.rss_limit,
                ),
            )
        )
    if options.ru:
        plan.append(
            (
                "telegram-ru-channels",
                partial(ru_channels_run, path=RU_CHANNELS, work=work, peer=peer, profile=profile),
            )
        )
    if options.celery_docs:
        plan.append(
            (
                f"celery-extract-{options.celery_docs}",
                partial(
                    celery_extraction_run, size=options.celery_docs, work=work, seed=options.seed,
                    workers=options.celery_workers or 2,
                ),
            )
        )
    if options.growth_rounds:
        base, docs = options.growth_base or 0, options.growth_docs or 0
        plan.append(
            (
                f"rss-growth-{base}-{options.growth_rounds}x{docs}",
                partial(
                    growth_run, path=RSS_YEAR, work=work, base=base, rounds=options.growth_rounds,
                    per_round=docs, profile=profile,
                ),
            )
        )
    if options.freshness_minutes and options.freshness_schedule:
        plan.append(
            (
                f"freshness-{schedule_slug(options.freshness_schedule)}",
                partial(
                    freshness_run, work=work, appearance_minutes=options.freshness_minutes,
                    schedule=options.freshness_schedule, drain_minutes=options.freshness_drain_minutes or 12.0,
                    seed=options.seed,
                ),
            )
        )
    return plan


def run_plan(plan: Plan, result: BenchResult) -> None:
    for label, scenario in plan:
        run = ScenarioResult(corpus=label)
        result.runs.append(run)
        try:
            scenario(run)
        except Exception as exc:  # keep what was measured, say what broke, go on with the next corpus
            run.error = f"{type(exc).__name__}: {exc}"[-4000:]
            log(f"{label}: FAILED: {run.error}")
