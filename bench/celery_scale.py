"""Extraction on Celery workers against one process: the same documents extracted three ways — one
local process, the local process pool (one per core, the default), and N Celery workers on the local
Redis (`extract_executor: celery`) — each into its own copy of the landed warehouse, then compared
row for row (every raw.ann_* row but its write time).

The corpus is the first N items of the RSS year when ../shared has it (real news), else synthetic
documents. The workers are started here (`celery --app extraction.distributed worker --pool solo`),
on Redis databases of their own; their peak RSS is sampled with their process trees.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import duckdb

from bench.measure import TreeRssSampler, measure_child, rate
from bench.paths import REPO_ROOT, RSS_YEAR, safe_data_dir
from bench.progress import log
from bench.result_types import CeleryExtractionResult, ExtractionWay, ScenarioResult, StageReport, from_json

REDIS = "redis://127.0.0.1:6379"
BROKER_DB, RESULT_DB = 10, 11


def celery_extraction_run(run: ScenarioResult, size: int, work: Path, seed: int, workers: int = 2) -> None:
    from bench.rss_corpus import write_first_items
    from bench.scenarios import write_config

    root = work / run.corpus
    root.mkdir(parents=True, exist_ok=True)
    if RSS_YEAR.is_file():
        corpus = write_first_items(RSS_YEAR, size, root / "items.jsonl")
        source: dict[str, Any] = {"kind": "rss", "name": "rss_items", "paths": [str(corpus)]}
        run.kind, run.source = "rss", f"first {size:,} items of {RSS_YEAR.name}"
    else:
        from bench.synthetic import write_corpus

        run.corpus_info = write_corpus(root / "corpus", size, seed=seed)
        source = {"kind": "files", "name": "synthetic", "path": str(root / "corpus")}
        run.kind = "synthetic"
    landed = safe_data_dir(root / "landed")
    log(f"{run.corpus}: landing {size:,} documents ...")
    payload, _ = measure_child(["--stage", "land", "--config", str(write_config(root / "land.yml", landed, [source]))],
                               landed, root / "land.json", f"{run.corpus} land")
    documents = int(from_json(StageReport, payload).detail.get("new", 0))
    run.documents = documents

    ways: list[ExtractionWay] = []
    result = CeleryExtractionResult(documents=documents, annotation_rows=0, ways=ways)
    run.celery_extraction = result
    fingerprints: dict[str, tuple[int, int]] = {}
    for executor, processes in (("one process", 1), ("process pool", os.cpu_count() or 1), ("celery", workers)):
        data = safe_data_dir(root / executor.replace(" ", "-"))
        shutil.rmtree(data, ignore_errors=True)
        shutil.copytree(landed, data)
        config = write_config(root / f"{data.name}.yml", data, [source])
        if executor == "celery":
            _set_executor(config, "celery")
        log(f"{run.corpus}: extract, {executor} ({processes}) ...")
        way = _extract(run.corpus, executor, processes, config, data, root, documents)
        fingerprints[executor] = _fingerprint(data)
        ways.append(way)
        log(f"{run.corpus}: {executor}: {way.wall_seconds:.1f} s, {way.documents_per_second:,.0f} docs/s, "
            f"peak RSS {way.peak_rss_mb:,.0f} MB")
    one = ways[0]
    result.annotation_rows = fingerprints["one process"][0]
    for way in ways:
        way.speedup_over_one_process = round(one.wall_seconds / way.wall_seconds, 2) if way.wall_seconds else None
        way.same_annotations_as_one_process = fingerprints[way.executor] == fingerprints["one process"]


def _set_executor(config: Path, executor: str) -> None:
    import yaml

    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["extract_executor"] = executor
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def _extract(label: str, executor: str, processes: int, config: Path, data: Path, root: Path, documents: int) -> ExtractionWay:
    saved = {k: os.environ.get(k) for k in ("OSINT_EXTRACT_WORKERS", "OSINT_CELERY_BROKER_URL", "OSINT_CELERY_RESULT_BACKEND")}
    os.environ["OSINT_EXTRACT_WORKERS"] = str(processes)
    os.environ["OSINT_CELERY_BROKER_URL"] = f"{REDIS}/{BROKER_DB}"
    os.environ["OSINT_CELERY_RESULT_BACKEND"] = f"{REDIS}/{RESULT_DB}"
    celery = _start_workers(processes, root) if executor == "celery" else []
    samplers = [TreeRssSampler(w.pid) for w in celery]
    cpu_before = _cpu_seconds([w.pid for w in celery])
    for s in samplers:
        s.start()
    try:
        payload, usage = measure_child(["--stage", "extract", "--config", str(config)], data,
                                       root / f"extract-{data.name}.json", f"{label} extract ({executor})")
    finally:
        for s in samplers:
            s.stop()
        worker_cpu = _cpu_seconds([w.pid for w in celery]) - cpu_before
        _stop_workers(celery)
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    wall = from_json(StageReport, payload).wall_seconds
    return ExtractionWay(
        executor=executor,
        processes=processes,
        wall_seconds=round(wall, 3),
        documents_per_second=rate(documents, wall),
        peak_rss_mb=round(usage.peak_rss_mb + sum(s.peak_mb for s in samplers), 1),
        cpu_seconds=round(usage.cpu_seconds + worker_cpu, 3),
    )


def _start_workers(count: int, root: Path) -> list[subprocess.Popen[bytes]]:
    import redis

    from extraction.distributed import answering_workers, configure, worker_command

    for db in (BROKER_DB, RESULT_DB):
        redis.Redis.from_url(f"{REDIS}/{db}").flushdb()
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    workers = [
        subprocess.Popen(
            worker_command(f"bench{i}", loglevel="WARNING"),
            cwd=REPO_ROOT, env=env, stdout=(root / f"celery-worker-{i}.log").open("wb"), stderr=subprocess.STDOUT,
        )
        for i in range(1, count + 1)
    ]
    configure()
    deadline = time.monotonic() + 120
    while len(answering_workers(timeout=1.0)) < count:
        if time.monotonic() > deadline or any(w.poll() is not None for w in workers):
            _stop_workers(workers)
            raise RuntimeError(f"{count} Celery workers did not come up (logs in {root})")
    return workers


def _stop_workers(workers: list[subprocess.Popen[bytes]]) -> None:
    for w in workers:
        w.terminate()
    for w in workers:
        try:
            w.wait(timeout=30)
        except subprocess.TimeoutExpired:
            w.kill()


def _cpu_seconds(pids: list[int]) -> float:
    import psutil

    total = 0.0
    for pid in pids:
        try:
            times = psutil.Process(pid).cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def _fingerprint(data: Path) -> tuple[int, int]:
    """(rows, order-independent digest) of every raw.ann_* row without its write time."""
    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    try:
        rows = digest = 0
        for (table,) in con.execute(
            "select table_name from information_schema.tables where table_schema = 'raw' and table_name like 'ann\\_%' escape '\\' order by 1"
        ).fetchall():
            columns = [c for (c,) in con.execute(
                "select column_name from information_schema.columns where table_schema = 'raw' and table_name = ? "
                "and column_name <> 'annotated_at' order by ordinal_position", [table]
            ).fetchall()]
            n, h = con.execute(
                f"select count(*), coalesce(bit_xor(hash(({', '.join(columns)}))), 0) from raw.{table}"
            ).fetchone()  # type: ignore[misc]
            rows += int(n)
            digest ^= int(h)
        return rows, digest
    finally:
        con.close()
