"""`make bench` must not rot: its quick mode on a tiny synthetic corpus produces a complete result,
and the results it stored earlier still read back."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from bench.cli import main
from bench.paths import RESULTS_DIR
from bench.report import format_markdown, format_report
from bench.result_types import STAGES, BenchResult, from_json, to_json
from bench.synthetic import iter_articles, write_corpus


def test_synthetic_corpus_is_deterministic_and_news_sized(tmp_path: Path) -> None:
    first = list(iter_articles(50, seed=7))
    assert first == list(iter_articles(50, seed=7))
    assert first != list(iter_articles(50, seed=8))
    lengths = sorted(len(a["body"]) for a in first)
    assert lengths[0] >= 1200 and lengths[-1] <= 9200 and 2500 <= lengths[len(lengths) // 2] <= 5000
    assert all(a["title"] and a["url"].startswith("https://") and a["published_at"] for a in first)
    info = write_corpus(tmp_path / "corpus", 120, seed=7, per_file=50)
    assert info["documents"] == 120 and info["files"] == 3
    assert sum(len(json.loads(p.read_text())) for p in (tmp_path / "corpus").glob("*.json")) == 120


# Enough documents for every stage to have work; the stages' fixed costs (dbt's
# ~370 nodes, five interpreter starts, the spaCy model) dominate a smoke run, not the corpus.
SMOKE_DOCUMENTS = 30


@pytest.mark.soak  # `make bench` runs the same harness on every stage; `make test-soak` runs this smoke
def test_quick_benchmark_reports_every_stage(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    started = time.perf_counter()
    returned = main(
        [
            "--quick",
            "--sizes",
            str(SMOKE_DOCUMENTS),
            "--no-rss",
            "--incremental",
            "0",
            "--peer-docs",
            "5",
            "--workdir",
            str(tmp_path / "work"),
            "--out",
            str(out),
        ]
    )
    elapsed = time.perf_counter() - started
    result = json.loads(out.read_text(encoding="utf-8"))
    assert returned is not None and returned.runs[0].corpus == result["runs"][0]["corpus"]
    assert to_json(returned) == result
    (run,) = result["runs"]
    assert "error" not in run, run.get("error")
    assert run["documents"] == SMOKE_DOCUMENTS
    for stage in STAGES:
        s = run["stages"][stage]
        assert s["wall_seconds"] > 0, stage
        assert s["documents_per_second"] > 0, stage
        assert s["peak_rss_mb"] > 50, stage  # a Python process with duckdb loaded: real, not a placeholder
        assert s["process_seconds"] >= s["wall_seconds"], stage
    assert run["stages"]["land"]["detail"]["new"] == SMOKE_DOCUMENTS
    assert run["stages"]["extract"]["detail"]["documents"] == SMOKE_DOCUMENTS
    e2e = run["end_to_end"]
    assert e2e["wall_seconds"] == round(sum(run["stages"][s]["wall_seconds"] for s in e2e["stages"]), 3)
    assert run["sizes"]["warehouse_duckdb_mb"] > 0 and run["sizes"]["published_duckdb_mb"] > 0
    assert run["sizes"]["published_parquet_mb"] > 0
    floor, spacy_peer = run["peers"]["duckdb_read_json"], run["peers"]["spacy_pipe"]
    assert floor["documents"] == SMOKE_DOCUMENTS and floor["documents_per_second"] > 0
    assert spacy_peer["documents"] == 5 and spacy_peer["entities"] > 0
    assert spacy_peer["ratio_to_extract"] > 0 and floor["ratio_to_end_to_end"] > 0
    assert result["targets"]["peak_rss_mb"]["measured"] == max(
        run["stages"][s]["peak_rss_mb"] for s in STAGES
    )
    # A hang guard, not a performance assertion: well under a minute on an idle 2-core machine, ~2 min
    # when it is shared (dbt's ~370 nodes and five interpreter starts dominate, not the documents).
    assert elapsed < 600
    # Everything went to the work dir (never ./data), and an explicit --workdir is kept.
    assert (tmp_path / "work" / f"synthetic-{SMOKE_DOCUMENTS}" / "data" / "published" / "osint.duckdb").is_file()


@pytest.mark.parametrize("path", sorted(RESULTS_DIR.glob("*.json")), ids=lambda p: p.name)
def test_stored_results_read_back_into_the_same_json(path: Path) -> None:
    """--summarize and --base-result read old results: the typed records must hold all of them."""
    stored = json.loads(path.read_text(encoding="utf-8"))
    result = from_json(BenchResult, stored)
    written = to_json(result)
    if "dbt_project_override" not in stored:  # results from before --dbt-project existed
        assert written.pop("dbt_project_override") is None
    assert json.dumps(written) == json.dumps(stored)  # same keys, same order, same values
    assert format_markdown(result) and format_report(result)
