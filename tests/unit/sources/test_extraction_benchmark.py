"""The benchmark's metric: 4-gram shingle TP/FP/FN normalized per page, means of P and R, F1 of the means."""

from __future__ import annotations

import pytest

from bench.extraction_benchmark import aggregate, published_results, score, shingle_match
from tests.conftest import shared_path


def test_shingle_matching_counts_overlap_per_page() -> None:
    assert shingle_match("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    tp, fp, fn = shingle_match("a b c d e", "a b c d x")  # truth 2 shingles, prediction 2, 1 shared
    assert (tp, fp, fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert shingle_match("one two", "") == (0.0, 0.0, 1.0)  # short texts are one shingle


def test_aggregate_means_then_f1() -> None:
    metrics = aggregate([(1.0, 0.0, 0.0), (0.5, 0.5, 0.0)])
    assert metrics["precision"] == pytest.approx(0.75) and metrics["recall"] == pytest.approx(1.0)
    assert metrics["f1"] == pytest.approx(2 * 0.75 / 1.75)


def test_score_reports_accuracy_and_bootstrap_spread() -> None:
    truth = {"a": "the treaty has forty seven articles", "b": "signed in Moscow on Friday by both presidents"}
    result = score(truth, {"a": truth["a"], "b": "signed in Moscow on Friday"}, n_bootstrap=50)
    assert result["accuracy"] == 0.5 and result["precision"] == 1.0 and 0 < result["recall"] < 1
    assert result["f1_std"] >= 0


def test_published_table_is_read_from_the_real_readme() -> None:
    rows = published_results(shared_path("corpora", "articles", "extraction_benchmark", "README.rst"))
    assert rows["trafilatura"].split()[2] == "0.958"
