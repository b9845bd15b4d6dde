"""A batch the gate rejects as a whole is quarantined and audited, and never blocks later batches."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from osint.config import load_config
from osint.pipeline import fetch_sources, load_batches, writer


def write_docs(folder: Path, n: int, published_at: str) -> None:
    folder.mkdir(parents=True)
    for i in range(n):
        (folder / f"doc{i}.md").write_text(
            f"---\ntitle: Report {i}\npublished_at: {published_at}\n---\nThe delegation met on day {i} in the capital.\n"
        )


def test_rejected_batch_is_quarantined_and_later_batches_load(tmp_path: Path, make_config: Callable[..., Path]) -> None:
    write_docs(tmp_path / "future", 6, "2099-01-01T00:00:00Z")
    write_docs(tmp_path / "good", 3, "2024-05-01T00:00:00Z")
    config = load_config(make_config([
        {"kind": "files", "name": "a_future", "path": str(tmp_path / "future")},
        {"kind": "files", "name": "b_good", "path": str(tmp_path / "good")},
    ]))
    assert not [f for f in fetch_sources(config) if f.error]
    results = {r.source_name: r for r in load_batches(config)}
    assert results["a_future"].status == "rejected"
    assert "a_future" in (results["a_future"].error or "")
    assert results["b_good"].status == "ok" and results["b_good"].new == 3
    with writer(config, "test") as con:
        assert con.execute("select count(*) from raw.documents").fetchone()[0] == 3  # type: ignore[index]
        rows = con.execute(
            "select record_ref, payload from raw.quarantine where source_name = 'a_future' order by 1"
        ).fetchall()
        assert len(rows) == 6 and all("2099-01-01" in payload for _, payload in rows)
        run = con.execute(
            "select status, fetched, new, quarantined, error from raw.ingest_runs where source_name = 'a_future'"
        ).fetchone()
        assert run is not None and run[:4] == ("rejected", 6, 0, 6) and run[4]
    # nothing stays pending: a second load has no batch left to try again
    assert load_batches(config) == []
