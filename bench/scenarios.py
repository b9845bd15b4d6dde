"""The scenarios: a corpus through every stage of the pipeline, each stage in its own measured
subprocess, with the peers on the same texts. A synthetic corpus of N documents, an incremental
batch into the warehouse a run built (or into a copy of a kept one), the RSS year, and the Russian
news-channel posts.

Each scenario fills the ScenarioResult it is given as it goes, so a failure keeps what was measured.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from bench.measure import measure_child, measure_sizes, rate, warehouse_mb
from bench.paths import safe_data_dir
from bench.progress import log
from bench.result_types import (
    END_TO_END,
    STAGES,
    BaseResultRef,
    DiskSizes,
    EndToEnd,
    FloorReport,
    IncrementalResult,
    PeerResult,
    ScenarioResult,
    SpacyPipeReport,
    StageReport,
    StageResult,
    YearSample,
    from_json,
)
from bench.rss_corpus import count_items, rss_source, write_first_items
from bench.ru_corpus import count_posts, published_facts, telegram_source


@dataclass(frozen=True)
class PeerBudget:
    """How much of a corpus goes through the spaCy peer (a sample; its rate is projected)."""

    docs: int
    chars: int


class PipelineBlock(Protocol):
    """What one pass of the stages fills: a scenario's own run, or its incremental batch."""

    stages: dict[str, StageResult] | None
    end_to_end: EndToEnd | None
    sizes: DiskSizes | None


def write_config(path: Path, data_dir: Path, sources: list[dict[str, Any]]) -> Path:
    import yaml

    path.write_text(
        yaml.safe_dump(
            {"data_dir": str(data_dir), "lock_timeout_seconds": 60, "sources": sources}, sort_keys=False
        ),
        encoding="utf-8",
    )
    return path


# --------------------------------------------------------------------------------------------
# The stages and the peers, as every scenario runs them.
# --------------------------------------------------------------------------------------------


def run_pipeline_stages(
    label: str,
    config: Path,
    data_dir: Path,
    documents: int,
    sources: list[str],
    profile: set[str],
    into: PipelineBlock,
) -> None:
    """Every stage in its own subprocess; results land in `into` as they come (a failure keeps them)."""
    stages: dict[str, StageResult] = {}
    into.stages = stages
    for stage in STAGES:
        log(f"{label}: {stage} ...")
        res = _measure_stage(label, stage, config, data_dir, documents, sources, stage in profile)
        stages[stage] = res
        log(
            f"{label}: {stage} {res.wall_seconds:.1f} s, {res.documents_per_second:,.0f} docs/s, "
            f"peak RSS {res.peak_rss_mb:,.0f} MB"
        )
    into.end_to_end = _end_to_end(stages, documents)
    into.sizes = measure_sizes(data_dir)


def _measure_stage(
    label: str, stage: str, config: Path, data_dir: Path, documents: int, sources: list[str], profile: bool
) -> StageResult:
    args = ["--stage", stage, "--config", str(config)]
    for s in sources:
        args += ["--source", s]
    if profile:
        args.append("--profile-stage")
    out = data_dir.parent / f"stage-{stage}.json"
    payload, usage = measure_child(args, data_dir, out, f"{label} {stage}")
    report = from_json(StageReport, payload)
    return StageResult.measured(report, usage, rate(documents, report.wall_seconds), warehouse_mb(data_dir))


def _end_to_end(stages: dict[str, StageResult], documents: int) -> EndToEnd:
    wall = sum(stages[s].wall_seconds for s in END_TO_END)
    return EndToEnd(
        stages=list(END_TO_END),
        wall_seconds=round(wall, 3),
        process_seconds=round(sum(stages[s].process_seconds for s in END_TO_END), 3),
        documents_per_second=rate(documents, wall),
        peak_rss_mb=max(stages[s].peak_rss_mb for s in STAGES),
    )


def run_peers(
    label: str,
    corpus: Path,
    fmt: str,
    documents: int,
    work: Path,
    budget: PeerBudget,
    pipeline: PipelineBlock,
) -> dict[str, PeerResult]:
    # The peers run even when a later stage of ours failed; ratios then cover what was measured.
    peers = {"duckdb_read_json": _measure_floor(label, corpus, fmt, work)}
    if budget.docs > 0:
        peers["spacy_pipe"] = _measure_spacy_pipe(label, corpus, fmt, documents, work, budget)
    _add_ratios(peers, pipeline)
    return peers


def _measure_floor(label: str, corpus: Path, fmt: str, work: Path) -> PeerResult:
    log(f"{label}: peer duckdb read_json ...")
    payload, usage = measure_child(
        ["--peer", "duckdb_read_json", "--corpus", str(corpus), "--format", fmt],
        work,
        work / "peer-floor.json",
        f"{label} duckdb floor",
    )
    report = from_json(FloorReport, payload)
    return PeerResult.of_floor(report, usage, rate(report.documents, report.wall_seconds))


def _measure_spacy_pipe(
    label: str, corpus: Path, fmt: str, documents: int, work: Path, budget: PeerBudget
) -> PeerResult:
    log(
        f"{label}: peer spaCy nlp.pipe on up to {min(budget.docs, documents):,} documents / {budget.chars:,} chars ..."
    )
    payload, usage = measure_child(
        [
            "--peer",
            "spacy_pipe",
            "--corpus",
            str(corpus),
            "--format",
            fmt,
            "--limit",
            str(budget.docs),
            "--char-limit",
            str(budget.chars),
        ],
        work,
        work / "peer-spacy.json",
        f"{label} spacy nlp.pipe",
    )
    report = from_json(SpacyPipeReport, payload)
    per_second = rate(report.documents, report.wall_seconds)
    return PeerResult.of_spacy_pipe(
        report,
        usage,
        per_second,
        sampled=report.documents < documents,
        # the peer ran on a budgeted sample: the whole corpus at its rate
        projected_seconds_for_corpus=round(documents / per_second, 1) if per_second > 0 else None,
    )


def _add_ratios(peers: dict[str, PeerResult], pipeline: PipelineBlock) -> None:
    """Peer throughput ÷ ours (>1: the peer is that many times faster; <1: we are faster)."""
    extract = (pipeline.stages or {}).get("extract")
    extract_rate = extract.documents_per_second if extract else None
    e2e_rate = pipeline.end_to_end.documents_per_second if pipeline.end_to_end else None
    for peer in peers.values():
        peer.ratio_to_extract = round(peer.documents_per_second / extract_rate, 3) if extract_rate else None
        peer.ratio_to_end_to_end = round(peer.documents_per_second / e2e_rate, 3) if e2e_rate else None


# --------------------------------------------------------------------------------------------
# Scenarios.
# --------------------------------------------------------------------------------------------


def synthetic_run(
    run: ScenarioResult,
    size: int,
    work: Path,
    seed: int,
    peer: PeerBudget,
    incremental: int,
    profile: set[str],
) -> None:
    """`size` synthetic documents through every stage, the peers on them, then (when `incremental`)
    that many new documents into the warehouse just built."""
    from bench.synthetic import write_corpus

    label = run.corpus
    root = work / label
    corpus = root / "corpus"
    log(f"{label}: generating corpus ...")
    t = time.perf_counter()
    corpus_info = write_corpus(corpus, size, seed=seed)
    corpus_info["generate_seconds"] = round(time.perf_counter() - t, 3)
    data_dir = safe_data_dir(root / "data")
    source = {"kind": "files", "name": "synthetic", "path": str(corpus)}
    config = write_config(root / "osint.yml", data_dir, [source])
    run.kind, run.documents, run.corpus_info = "synthetic", size, corpus_info
    try:
        run_pipeline_stages(label, config, data_dir, size, [], profile, run)
    finally:
        run.peers = run_peers(label, corpus, "json", size, root, peer, run)
    if incremental > 0:
        incremental_run(run, label, root, data_dir, source, incremental, seed, profile)


def incremental_run(
    full: ScenarioResult,
    label: str,
    root: Path,
    data_dir: Path,
    base_source: dict[str, Any],
    count: int,
    seed: int,
    profile: set[str],
) -> None:
    """`count` new documents into the warehouse `full` built: only the new source is fetched, as a
    scheduled per-source DAG task would; every later stage runs exactly as in production."""
    from bench.synthetic import write_corpus

    corpus = root / "increment"
    info = write_corpus(corpus, count, seed=seed + 1, id_prefix="inc")
    source = {"kind": "files", "name": "increment", "path": str(corpus)}
    config = write_config(root / "osint-incremental.yml", data_dir, [base_source, source])
    assert full.documents is not None and full.end_to_end is not None  # the full run completed
    inc = IncrementalResult(documents=count, base_documents=full.documents, corpus_info=info)
    full.incremental = inc
    run_pipeline_stages(f"{label}+{count}", config, data_dir, count, ["increment"], profile, inc)
    assert inc.end_to_end is not None
    full_wall = full.end_to_end.wall_seconds
    inc.fraction_of_full_run = round(inc.end_to_end.wall_seconds / full_wall, 4) if full_wall else None


def incremental_into_kept_run(
    run: ScenarioResult, base_result: Path, kept: Path, work: Path, count: int, seed: int, profile: set[str]
) -> None:
    """`count` new documents into a copy of the warehouse a kept run built (`--keep`): the same
    measurement as the incremental case of a full run, without rebuilding the base warehouse.
    `kept` is that run's corpus folder (holding corpus/ and data/), `base_result` its result JSON;
    the base run's figures are copied into this result so the fraction of the full run is computed."""
    base = json.loads(base_result.read_text(encoding="utf-8"))
    base_run = from_json(
        ScenarioResult,
        next(r for r in base["runs"] if r.get("corpus") == kept.name and "end_to_end" in r),
    )
    root = work / f"{kept.name}-incremental"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    log(f"{kept.name}: copying the kept warehouse ...")
    data_dir = root / "data"
    shutil.copytree(kept / "data", data_dir, ignore=shutil.ignore_patterns("warehouse.lock"))
    safe_data_dir(data_dir)
    run.kind, run.documents, run.corpus_info = base_run.kind, base_run.documents, base_run.corpus_info
    run.stages, run.end_to_end, run.sizes = base_run.stages, base_run.end_to_end, base_run.sizes
    run.base_result = BaseResultRef(
        path=str(base_result), git_revision=base.get("git_revision"), started_at=base.get("started_at")
    )
    source = {"kind": "files", "name": "synthetic", "path": str(kept / "corpus")}
    incremental_run(run, kept.name, root, data_dir, source, count, seed, profile)


def rss_year_run(
    run: ScenarioResult, path: Path, work: Path, peer: PeerBudget, profile: set[str], limit: int = 0
) -> None:
    """The 182k-item RSS year through the rss connector's JSON-lines dump option when it exists;
    otherwise converted to a files-source folder first (conversion is setup, not a stage).
    With `limit`, the first `limit` items of the year (in file order, i.e. by day) are used and
    the full year's time is projected linearly from them."""
    label = run.corpus
    root = work / label
    root.mkdir(parents=True, exist_ok=True)
    data_dir = safe_data_dir(root / "data")
    year_items = count_items(path)
    documents = year_items
    if limit and limit < year_items:
        path, documents = write_first_items(path, limit, root / f"first-{limit}.jsonl"), limit
        run.sample_of_year = YearSample(items=limit, year_items=year_items)
    how, source, setup_seconds = rss_source(path, root)
    config = write_config(root / "osint.yml", data_dir, [source])
    run.kind, run.documents, run.source = "rss", documents, str(path)
    run.landed_via, run.setup_seconds = how, setup_seconds
    try:
        run_pipeline_stages(label, config, data_dir, documents, [], profile, run)
        if documents < year_items:
            assert run.end_to_end is not None
            run.end_to_end.projected_full_year_seconds = round(
                run.end_to_end.wall_seconds * year_items / documents, 1
            )
    finally:
        run.peers = run_peers(label, path, "jsonl", documents, root, peer, run)


def ru_channels_run(run: ScenarioResult, path: Path, work: Path, peer: PeerBudget, profile: set[str]) -> None:
    """The Russian news-channel posts (one flat Telethon message list per channel) through the
    telegram_api connector's dump_path, then every stage as for the RSS year; the Russian documents
    take extraction's natasha/slovnet path. Afterwards the publication is counted: the facts and
    actors of its Russian documents. The spaCy peer is left out (an English model on Russian text
    is no peer); the DuckDB floor reads the same dump files."""
    label = run.corpus
    root = work / label
    root.mkdir(parents=True, exist_ok=True)
    data_dir = safe_data_dir(root / "data")
    documents = count_posts(path)
    config = write_config(root / "osint.yml", data_dir, [telegram_source(path)])
    run.kind, run.documents, run.source = "telegram", documents, str(path)
    run.landed_via, run.setup_seconds = "telegram_api connector (dump_path: flat message lists)", 0.0
    try:
        run_pipeline_stages(label, config, data_dir, documents, [], profile, run)
        run.published_facts = published_facts(data_dir / "published" / "osint.duckdb")
        log(f"{label}: published from Russian documents: {run.published_facts}")
    finally:
        run.peers = run_peers(label, path, "json", documents, root, PeerBudget(docs=0, chars=peer.chars), run)
