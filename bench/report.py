"""The result as files and text: the results JSON, the targets it is judged by, the summary printed
at the end of a run, and the markdown tables bench/RESULTS.md is written from (`--summarize`)."""

from __future__ import annotations

import json
from pathlib import Path

from bench.result_types import (
    END_TO_END,
    STAGES,
    BenchResult,
    FreshnessResult,
    GrowthPass,
    GrowthResult,
    IncrementalResult,
    ScenarioResult,
    StageResult,
    TargetResult,
    from_json,
    to_json,
)

TARGETS = {
    "rss_end_to_end_documents_per_second": 300.0,
    "incremental_1k_into_100k_seconds": 30.0,
    "peak_rss_mb": 6144.0,
    # working warehouse after 10 incremental builds and `osint maintain` ÷ after one full build
    "warehouse_growth_ratio": 1.2,
    # post in a source → its facts in the published marts, p95; stated for the default ingest schedule
    "freshness_p95_minutes": 10.0,
}
# osint.settings.ingest_schedule()'s default: the schedule the freshness target is stated for
DEFAULT_INGEST_SCHEDULE = "0 * * * *"

Block = ScenarioResult | IncrementalResult
# the published_facts counts printed (bench.ru_corpus.published_facts)
FACT_COUNTS = ("claims", "meetings", "agreements", "figures", "actors", "actor_mentions")
StageFit = dict[str, tuple[float, float]]  # stage -> (fixed seconds, seconds per document)


def write_result(result: BenchResult, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(to_json(result), indent=1, default=str), encoding="utf-8")


def read_result(path: Path) -> BenchResult:
    return from_json(BenchResult, json.loads(path.read_text(encoding="utf-8")))


def _blocks(run: ScenarioResult) -> list[Block]:
    return [run, run.incremental] if run.incremental else [run]


def _all_stages(run: ScenarioResult) -> list[StageResult]:
    """Every stage process a run measured: its blocks', and the growth scenario's passes and maintain."""
    stages = [s for b in _blocks(run) for s in (b.stages or {}).values()]
    g = run.growth
    if g:
        passes = ([g.base] if g.base else []) + g.passes
        stages += [s for p in passes for s in (p.stages or {}).values()]
        stages += [g.maintain] if g.maintain else []
    return stages


def evaluate_targets(runs: list[ScenarioResult]) -> dict[str, TargetResult]:
    out: dict[str, TargetResult] = {}
    rss = next((r for r in runs if r.kind == "rss" and r.end_to_end), None)
    if rss and rss.end_to_end:
        rate = rss.end_to_end.documents_per_second
        goal = TARGETS["rss_end_to_end_documents_per_second"]
        out["rss_end_to_end_documents_per_second"] = TargetResult(
            target=goal, measured=rate, met=rate >= goal
        )
    inc = next((r.incremental for r in reversed(runs) if r.incremental and r.incremental.end_to_end), None)
    if inc and inc.end_to_end:
        secs = inc.end_to_end.wall_seconds
        goal = TARGETS["incremental_1k_into_100k_seconds"]
        out["incremental_seconds"] = TargetResult(
            target=goal,
            measured=secs,
            documents=inc.documents,
            base_documents=inc.base_documents,
            met=secs <= goal,
            # the target is stated for 1k new documents into a 100k warehouse
            comparable=inc.documents == 1000 and inc.base_documents >= 100_000,
        )
    growth = next((r.growth for r in runs if r.growth and r.growth.ratio_with_maintain is not None), None)
    if growth and growth.ratio_with_maintain is not None:
        goal = TARGETS["warehouse_growth_ratio"]
        out["warehouse_growth_ratio"] = TargetResult(
            target=goal,
            measured=growth.ratio_with_maintain,
            documents=growth.rounds * growth.round_documents,
            base_documents=growth.base_documents,
            met=growth.ratio_with_maintain <= goal,
            # the target is stated for 10 incremental builds
            comparable=growth.rounds == 10,
        )
    fresh = next((r.freshness for r in runs if r.freshness and r.freshness.p95_minutes is not None), None)
    if fresh and fresh.p95_minutes is not None:
        goal = TARGETS["freshness_p95_minutes"]
        out["freshness_p95_minutes"] = TargetResult(
            target=goal,
            measured=fresh.p95_minutes,
            documents=fresh.published_items,
            # items never published within the run would make the p95 an underestimate: then not met
            met=fresh.p95_minutes <= goal and fresh.published_items == fresh.measured_items,
            # the target is stated at the default (hourly) schedule: another schedule is not comparable
            comparable=fresh.ingest_schedule == DEFAULT_INGEST_SCHEDULE,
            schedule=fresh.ingest_schedule,
        )
    peaks = [s.peak_rss_mb for r in runs for s in _all_stages(r)]
    if peaks:
        goal = TARGETS["peak_rss_mb"]
        out["peak_rss_mb"] = TargetResult(target=goal, measured=max(peaks), met=max(peaks) <= goal)
    return out


def error_line(error: str) -> str:
    """The line of an error (often a child's output tail) that names it."""
    lines = [x.strip() for x in error.splitlines() if x.strip()]
    errors = [x for x in lines if "Error" in x]
    return (errors[-1] if errors else lines[-1] if lines else error)[:300]


# --------------------------------------------------------------------------------------------
# The summary printed at the end of a run.
# --------------------------------------------------------------------------------------------


def format_report(result: BenchResult) -> str:
    lines = [
        f"benchmark {result.started_at} (git {result.git_revision}, {result.host.cpus} cores)",
        "",
    ]
    for run in result.runs:
        lines += _run_report(run)
        lines.append("")
    for name, t in (result.targets or {}).items():
        lines.append(f"target {name}: measured {t.measured} vs {t.target} -> {'met' if t.met else 'NOT met'}")
    return "\n".join(lines)


def _run_report(run: ScenarioResult) -> list[str]:
    lines: list[str] = []
    head = f"{'corpus':<22}{'stage':<10}{'wall s':>10}{'docs/s':>12}{'peak RSS MB':>13}{'proc s':>9}"
    for block in _blocks(run) if run.kind != "freshness" else []:  # its stages run in Airflow tasks
        name = (
            f"+{block.documents} into {block.base_documents}"
            if isinstance(block, IncrementalResult)
            else run.corpus
        )
        lines.append(head)
        lines += _block_report(name, block)
    if run.published_facts:
        f = run.published_facts
        lines.append(
            f"{run.corpus:<22}published from {f['language']} documents ({f['documents']:,}): "
            + ", ".join(f"{k} {f[k]:,}" for k in FACT_COUNTS)
        )
    if run.celery_extraction:
        c = run.celery_extraction
        for way in c.ways:
            lines.append(
                f"{run.corpus:<22}extract by {way.executor} ({way.processes}): {way.wall_seconds:.1f} s, "
                f"{way.documents_per_second:,.0f} docs/s, x{way.speedup_over_one_process} over one process, "
                f"peak RSS {way.peak_rss_mb:,.0f} MB, same annotations: {way.same_annotations_as_one_process}"
            )
    for peer_name, peer in (run.peers or {}).items():
        lines.append(
            f"{run.corpus:<22}peer {peer_name}: {peer.documents:,} docs in {peer.wall_seconds:.2f} s = "
            f"{peer.documents_per_second:,.0f} docs/s; ×{peer.ratio_to_extract} our extract, "
            f"×{peer.ratio_to_end_to_end} our end-to-end (peer ÷ ours)"
        )
    if run.growth:
        lines += [f"{run.corpus:<22} {line}" for line in _growth_report(run.growth)]
    if run.freshness:
        lines += [f"{run.corpus:<22} {line}" for line in _freshness_report(run.freshness)]
    if run.error:
        lines.append(f"{run.corpus:<22}FAILED: {error_line(run.error)}")
    return lines


def _growth_report(g: GrowthResult) -> list[str]:
    rounds = ", ".join(f"{mb:,.1f}" for mb in g.warehouse_mb_after_rounds)
    walls = ", ".join(f"{p.end_to_end.wall_seconds:,.1f}" for p in g.passes if p.end_to_end)
    base = g.base.sizes.warehouse_duckdb_mb if g.base and g.base.sizes else None
    lines = [
        f"warehouse MB: full build {g.full_build_warehouse_mb}; base of {g.base_documents:,} {base}; "
        f"after each of {g.rounds} rounds of {g.round_documents:,}: {rounds}",
        f"round end-to-end s: {walls}",
    ]
    if g.maintain:
        lines.append(
            f"osint maintain: {g.maintain.wall_seconds:.1f} s -> {g.warehouse_mb_after_maintain} MB; "
            f"size ÷ full build: x{g.ratio_without_maintain} without maintain, x{g.ratio_with_maintain} with"
        )
    if g.mart_tables_differing is not None:
        full, inc = g.mart_rows_full_build or {}, g.mart_rows_incremental or {}
        lines.append(
            f"marts: same row counts in all {len(full)} tables"
            if not g.mart_tables_differing
            else "marts differ: "
            + ", ".join(f"{t} {full.get(t)} vs {inc.get(t)}" for t in g.mart_tables_differing)
        )
    return lines


def _freshness_report(f: FreshnessResult) -> list[str]:
    return [
        f"schedule {f.ingest_schedule!r}: {f.published_items}/{f.measured_items} items published; document "
        f"p50 {f.p50_minutes} min, p95 {f.p95_minutes} min, max {f.max_minutes} min",
        f"with facts: {f.items_with_facts} items, p50 {f.facts_p50_minutes} min, p95 {f.facts_p95_minutes} min; "
        f"wait for the ingest tick p50 {f.wait_for_ingest_p50_minutes} min; ingest start → published "
        f"p50 {f.ingest_start_to_visible_p50_minutes} min, p95 {f.ingest_start_to_visible_p95_minutes} min",
        *f.notes,
        *([f"failed tasks: {', '.join(f.failed_tasks)}"] if f.failed_tasks else []),
    ]


def _block_report(name: str, block: Block) -> list[str]:
    lines = []
    stages = block.stages or {}
    for stage in STAGES:
        if stage not in stages:
            continue
        s = stages[stage]
        lines.append(
            f"{name:<22}{stage:<10}{s.wall_seconds:>10.2f}{s.documents_per_second:>12,.0f}"
            f"{s.peak_rss_mb:>13,.0f}{s.process_seconds:>9.1f}"
        )
    e = block.end_to_end
    if e is None:
        return lines
    lines.append(
        f"{name:<22}{'end2end':<10}{e.wall_seconds:>10.2f}{e.documents_per_second:>12,.0f}{e.peak_rss_mb:>13,.0f}"
    )
    sizes = ", ".join(f"{k} {v:,.1f}" for k, v in to_json(block.sizes).items())
    lines.append(f"{'':<22}sizes: {sizes}")
    if isinstance(block, IncrementalResult) and block.fraction_of_full_run is not None:
        lines.append(f"{'':<22}incremental = {block.fraction_of_full_run:.1%} of the full run's wall time")
    return lines


# --------------------------------------------------------------------------------------------
# Markdown tables (bench/RESULTS.md is written from these, not typed by hand).
# --------------------------------------------------------------------------------------------


def format_markdown(result: BenchResult) -> str:
    load_end = result.load_average_end or (0.0,)
    out = [
        f"Run {result.started_at} → {result.finished_at}, git `{result.git_revision}`, "
        f"{result.host.cpus} cores, {(result.host.mem_total_mb or 0) // 1024} GB, "
        f"load average {result.load_average_start[0]:.1f} at start / {load_end[0]:.1f} at end.",
    ]
    blocks = [(_markdown_name(run, block), block) for run in result.runs for block in _blocks(run)]
    if any(run.kind != "freshness" for run in result.runs):  # a freshness-only run has no stage processes
        out += _stage_table(blocks)
        out += _sizes_table(blocks)
    out += _facts_table(result.runs)
    out += _peer_table(result.runs)
    out += _celery_table(result.runs)
    out += _growth_tables(result.runs)
    out += _freshness_tables(result.runs)
    failures = [(r.corpus, r.error) for r in result.runs if r.error]
    if failures:
        out += ["", "Failures:"] + [f"- {c}: `{error_line(e)}`" for c, e in failures]
    out += _fit_tables(fit_stage_costs(result.runs))
    if result.targets:
        out += ["", "| target | goal | measured | met |", "|---|---:|---:|---|"]
        for name, t in result.targets.items():
            scope = f" (at `{t.schedule}`{'' if t.comparable else ', not the default: not comparable'})" if t.schedule else ""
            out.append(f"| {name}{scope} | {t.target:,} | {t.measured:,} | {'yes' if t.met else 'no'} |")
    return "\n".join(out)


def _celery_table(runs: list[ScenarioResult]) -> list[str]:
    rows = [(run, way) for run in runs if run.celery_extraction for way in run.celery_extraction.ways]
    if not rows:
        return []
    out = [
        "",
        "| corpus | extraction by | processes | wall s | docs/s | speed-up over one process | peak RSS MB | CPU s | same annotations |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for run, w in rows:
        out.append(
            f"| {run.corpus} ({run.documents:,} docs) | {w.executor} | {w.processes} | {w.wall_seconds:,.1f} | "
            f"{w.documents_per_second:,.0f} | {w.speedup_over_one_process} | {w.peak_rss_mb:,.0f} | "
            f"{w.cpu_seconds if w.cpu_seconds is not None else ''} | {'yes' if w.same_annotations_as_one_process else 'NO'} |"
        )
    return out


def _growth_tables(runs: list[ScenarioResult]) -> list[str]:
    """Per growth run: the warehouse after each step, then the marts of both warehouses side by side."""
    out: list[str] = []
    for run in runs:
        g = run.growth
        if not g:
            continue
        out += [
            "",
            f"| {run.corpus} | documents in warehouse | end to end s | land s | extract s | dbt s | gates s | "
            "publish s | warehouse DuckDB MB | ÷ full build |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        steps: list[tuple[str, int, Block | GrowthPass]] = [("full build", run.documents or 0, run)]
        if g.base:
            steps.append(("base build", g.base_documents, g.base))
        steps += [
            (f"round {i}", g.base_documents + i * g.round_documents, p)
            for i, p in enumerate(g.passes, start=1)
        ]
        for name, docs, block in steps:
            stages, e2e = block.stages or {}, block.end_to_end
            walls = " | ".join(f"{stages[s].wall_seconds:,.1f}" if s in stages else "" for s in STAGES)
            mb = block.sizes.warehouse_duckdb_mb if block.sizes else None
            out.append(
                f"| {name} | {docs:,} | {f'{e2e.wall_seconds:,.1f}' if e2e else ''} | {walls} | "
                f"{f'{mb:,.1f}' if mb is not None else ''} | {_ratio_text(mb, g.full_build_warehouse_mb)} |"
            )
        if g.maintain and g.warehouse_mb_after_maintain is not None:
            out.append(
                f"| osint maintain | {run.documents or 0:,} | {g.maintain.wall_seconds:,.1f} (maintain) | | | | | | "
                f"**{g.warehouse_mb_after_maintain:,.1f}** | "
                f"**{_ratio_text(g.warehouse_mb_after_maintain, g.full_build_warehouse_mb)}** |"
            )
        full, inc = g.mart_rows_full_build or {}, g.mart_rows_incremental or {}
        if full or inc:
            out += [
                "",
                "| mart table | rows, full build | rows, incremental + maintain | same |",
                "|---|---:|---:|---|",
            ]
            for table in sorted(full.keys() | inc.keys()):
                a, b = full.get(table), inc.get(table)
                out.append(f"| {table} | {_count(a)} | {_count(b)} | {'yes' if a == b else '**no**'} |")
    return out


def _freshness_tables(runs: list[ScenarioResult]) -> list[str]:
    """Per freshness run: the summary row, then one row per ingest → transform pair of DAG runs."""
    out: list[str] = []
    for run in runs:
        f = run.freshness
        if not f:
            continue
        out += [
            "",
            "| schedule | items | published | p50 min | p95 min | max min | with facts | facts p50 / p95 min | "
            "wait for tick p50 min | ingest start → published p50 / p95 min |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            f"| `{f.ingest_schedule}` | {f.measured_items} | {f.published_items} | {_num(f.p50_minutes)} | "
            f"{_num(f.p95_minutes)} | {_num(f.max_minutes)} | {f.items_with_facts} | "
            f"{_num(f.facts_p50_minutes)} / {_num(f.facts_p95_minutes)} | {_num(f.wait_for_ingest_p50_minutes)} | "
            f"{_num(f.ingest_start_to_visible_p50_minutes)} / {_num(f.ingest_start_to_visible_p95_minutes)} |",
        ]
        out += [f"- {note}" for note in f.notes]
    return out


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def _ratio_text(size_mb: float | None, full_build_mb: float | None) -> str:
    return f"{size_mb / full_build_mb:.3f}" if size_mb is not None and full_build_mb else ""


def _count(n: int | None) -> str:
    return f"{n:,}" if n is not None else "(absent)"


def _markdown_name(run: ScenarioResult, block: Block) -> str:
    return f"{run.corpus} + {block.documents} new" if isinstance(block, IncrementalResult) else run.corpus


def _stage_table(blocks: list[tuple[str, Block]]) -> list[str]:
    out = [
        "",
        "| corpus | stage | wall s | docs/s | peak RSS MB | process s | CPU s | docs per CPU s |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, block in blocks:
        for stage in STAGES:
            st = (block.stages or {}).get(stage)
            if st:
                out.append(
                    f"| {name} | {stage} | {st.wall_seconds:,.1f} | {st.documents_per_second:,.1f} | "
                    f"{st.peak_rss_mb:,.0f} | {st.process_seconds:,.1f} | {st.cpu_seconds:,.1f} | "
                    f"{_per_cpu_second(block, st)} |"
                )
        e = block.end_to_end
        if e:
            out.append(
                f"| {name} | **end to end** | **{e.wall_seconds:,.1f}** | **{e.documents_per_second:,.1f}** | "
                f"{e.peak_rss_mb:,.0f} | {e.process_seconds:,.1f} | | |"
            )
    return out


def _per_cpu_second(block: Block, stage: StageResult) -> str:
    """Documents per CPU-second of the stage's process: its rate on an uncontended core, an upper
    bound when the machine is shared (the process CPU time includes imports, so it errs low)."""
    cpu = stage.cpu_seconds or 0
    return f"{(block.documents or 0) / cpu:,.1f}" if cpu else ""


def _sizes_table(blocks: list[tuple[str, Block]]) -> list[str]:
    out = [
        "",
        "| corpus | landing Parquet MB | warehouse DuckDB MB | published DuckDB MB | published Parquet MB |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, block in blocks:
        z = block.sizes
        if z:
            out.append(
                f"| {name} | {z.landing_parquet_mb:,.1f} | {z.warehouse_duckdb_mb:,.1f} | "
                f"{z.published_duckdb_mb:,.1f} | {z.published_parquet_mb:,.1f} |"
            )
    return out


def _facts_table(runs: list[ScenarioResult]) -> list[str]:
    """The published facts of a run's documents in one language (the Russian channel run only)."""
    counted = [r for r in runs if r.published_facts]
    if not counted:
        return []
    out = [
        "",
        "| corpus | language | documents | " + " | ".join(FACT_COUNTS) + " |",
        "|---|---|" + "---:|" * (len(FACT_COUNTS) + 1),
    ]
    for run in counted:
        f = run.published_facts or {}
        out.append(
            f"| {run.corpus} | {f.get('language')} | {f.get('documents', 0):,} | "
            + " | ".join(f"{f.get(k, 0):,}" for k in FACT_COUNTS)
            + " |"
        )
    return out


def _peer_table(runs: list[ScenarioResult]) -> list[str]:
    if not any(run.peers for run in runs):  # e.g. --peer-docs 0 and no pipeline run of a corpus
        return []
    out = [
        "",
        "| corpus | peer | documents | wall s | docs/s | peer ÷ our extract | peer ÷ our end to end |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        for peer_name, peer in (run.peers or {}).items():
            out.append(
                f"| {run.corpus} | {peer_name} | {peer.documents:,} | {peer.wall_seconds:,.2f} | "
                f"{peer.documents_per_second:,.1f} | {peer.ratio_to_extract} | {peer.ratio_to_end_to_end} |"
            )
    return out


def fit_stage_costs(runs: list[ScenarioResult]) -> StageFit | None:
    """Per stage, seconds = fixed + per_doc × documents, through the smallest and largest complete
    synthetic runs (None with fewer than two sizes): the basis of every projection we print."""
    done = sorted((r for r in runs if r.kind == "synthetic" and r.end_to_end), key=lambda r: r.documents or 0)
    if len(done) < 2 or done[0].documents == done[-1].documents:
        return None
    small, large = done[0], done[-1]
    n_small, n_large = small.documents or 0, large.documents or 0
    fit = {}
    for stage in STAGES:
        t1 = (small.stages or {})[stage].wall_seconds
        t2 = (large.stages or {})[stage].wall_seconds
        per_doc = max(0.0, (t2 - t1) / (n_large - n_small))
        fit[stage] = (max(0.0, t1 - per_doc * n_small), per_doc)
    return fit


def project(fit: StageFit, documents: int, stages: tuple[str, ...] = END_TO_END) -> float:
    return sum(fit[s][0] + fit[s][1] * documents for s in stages)


def _fit_tables(fit: StageFit | None) -> list[str]:
    if not fit:
        return []
    out = [
        "",
        "Linear fit per stage through the smallest and largest synthetic runs (seconds = fixed + per-doc × n):",
        "",
        "| stage | fixed s | ms per document |",
        "|---|---:|---:|",
    ]
    out += [f"| {s} | {fit[s][0]:,.1f} | {fit[s][1] * 1000:,.2f} |" for s in STAGES]
    out += ["", "| projected synthetic run | end to end s | docs/s |", "|---|---:|---:|"]
    for n in (10_000, 100_000):
        secs = project(fit, n)
        out.append(f"| {n:,} documents | {secs:,.0f} | {n / secs:,.1f} |")
    return out
