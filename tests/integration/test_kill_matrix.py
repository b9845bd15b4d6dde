"""`kill -9` at every stage of `osint run` (issue 23): the publication stays byte-identical, the lock is free,
and the next run recovers to exactly what an uninterrupted run publishes — no row lost, none duplicated.

One warehouse is taken through a chain of runs, each killed at a different point (fetch, load, extract,
build, gate, publish, and just after the publication is swapped in); the run after the last kill must match a
reference warehouse that went through the same inputs without interruption. The kill is a real SIGKILL of
the run's process group, sent by the run itself from inside the stage (a wrapper patches the named
function), so it lands at a known point rather than wherever a timer happens to fall: mid-transaction in
load and extract, between two dbt models, between two gate suites, half-way through the copy of the
publication.

The dbt project is a small one over the raw tables (documents, versions, annotations) so that every stage
has work to do at a fraction of the real project's build time.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from osint.warehouse import DataLayout, writer_lock
from tests.integration.test_faults import OSINT, osint, osint_env, tiny_dbt_project, write_config

pytestmark = pytest.mark.slow

# Runs `osint <args>` after wrapping one function so that its n-th call SIGKILLs the whole process group,
# before or after the real call. `sql:` targets wrap a function whose first argument is the DuckDB
# connection and kill when a statement matching the pattern is about to execute (mid-transaction).
# `progress:` kills when the CLI reports a matching progress line.
KILLER = r"""
import importlib, os, re, signal, sys

target, when, nth, marker = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
calls = 0


def die():
    with open(marker, "w") as f:
        f.write(target)
    os.killpg(os.getpgid(0), signal.SIGKILL)


def due():
    global calls
    calls += 1
    return calls == nth


class KillOnSql:
    def __init__(self, con, pattern):
        self._con, self._pattern = con, re.compile(pattern, re.I | re.S)

    def execute(self, sql, *args, **kwargs):
        if self._pattern.search(sql) and due():
            die()
        return self._con.execute(sql, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._con, name)


kind, _, rest = target.partition(":")
if kind == "progress":
    import osint.cli

    real_progress, pattern = osint.cli._progress, re.compile(rest)

    def progress(msg):
        real_progress(msg)
        if pattern.search(msg) and due():
            die()

    osint.cli._progress = progress
elif kind == "sql":
    module_name, attr, pattern = rest.split(":", 2)
    module = importlib.import_module(module_name)
    real = getattr(module, attr)
    setattr(module, attr, lambda con, *a, **k: real(KillOnSql(con, pattern), *a, **k))
else:
    module = importlib.import_module(kind)
    real = getattr(module, rest)

    def wrapped(*a, **k):
        if when == "before" and due():
            die()
        result = real(*a, **k)
        if when == "after" and due():
            die()
        return result

    setattr(module, rest, wrapped)

from osint.cli import main

sys.argv = ["osint", *sys.argv[5:]]
main()
"""

# (stage, target, when, nth): in pipeline order, each a point where a kill used to be able to do harm.
KILL_POINTS = [
    ("fetch", "ingestion.landing:_write_documents_atomic", "after", 1),  # batch file written, its meta not
    (
        "load",
        "sql:ingestion.landing:_load_batch:^insert into raw.ingest_runs",
        "-",
        1,
    ),  # merged, not committed
    (
        "extract",
        "sql:extraction.runner:write_batch:^insert into raw.ann_mentions",
        "-",
        1,
    ),  # old rows deleted
    ("build", r"progress:dbt model \w+: success", "-", 1),  # one model rebuilt, the others not
    ("gate", "expectations.mart_gate:_missing_mart", "after", 2),  # between two suites
    ("publish", "osint.publish:copy_comments", "after", 2),  # the new file half copied
]
SWAPPED = (
    "swapped",
    "osint.publish:_swap_symlink",
    "before",
    1,
)  # the new file is in place, the manifest not

MODELS = {
    "documents": "select doc_id, title, body, content_hash, published_at from raw.documents",
    "versions": "select doc_id, version, content_hash, title, body from raw.document_versions",
    "mentions": "select * from raw.ann_mentions",
    "claims": "select * from raw.ann_claims",
    "meetings": "select * from raw.ann_meetings",
}

TEXTS = {
    "a1": "Maria Kovalenko met Ivan Petrenko in Kazan on Friday to discuss the treaty.",
    "a2": '"We will deepen cooperation in energy," Foreign Minister Maria Kovalenko said on Monday.',
    "a3": "Trade between Russia and Iran reached $4.8 billion in 2024, officials said.",
    "b1": "Oleg Sidorenko and Ivan Petrenko signed a comprehensive strategic partnership treaty in Kazan.",
    "b2": 'Ivan Petrenko said the agreement "opens a new chapter" in relations between the two countries.',
}
EDITED_A2 = TEXTS["a2"] + " He added that talks would continue in Minsk next month."


@pytest.fixture(scope="module")
def matrix_dbt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_dbt_project(tmp_path_factory.mktemp("matrix_dbt"), MODELS)


def publication_bytes(layout: DataLayout) -> dict[str, str]:
    """Everything a reader of the publication sees, as hashes: the file, the manifest, the Parquet link."""
    published = layout.published
    seen = {
        name: hashlib.sha256((published / name).read_bytes()).hexdigest()
        for name in ("osint.duckdb", "manifest.json")
    }
    link = published / "parquet"
    seen["parquet ->"] = str(link.readlink())
    for part in sorted(link.resolve().iterdir()):
        seen[f"parquet/{part.name}"] = hashlib.sha256(part.read_bytes()).hexdigest()
    return seen


def killed_run(config: Path, env: dict[str, str], point: tuple[str, str, str, int], marker: Path) -> None:
    stage, target, when, nth = point
    marker.unlink(missing_ok=True)
    proc = subprocess.run(
        [sys.executable, "-c", KILLER, target, when, str(nth), str(marker), "--config", str(config), "run"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        start_new_session=True,
    )
    assert marker.exists(), (
        f"the run never reached the {stage} kill point: rc {proc.returncode}\n{proc.stderr[-3000:]}"
    )
    assert proc.returncode == -signal.SIGKILL, f"{stage}: rc {proc.returncode}\n{proc.stderr[-3000:]}"


def lock_is_free(layout: DataLayout) -> bool:
    try:
        with writer_lock(layout, 0, "kill matrix probe"):
            return True
    except Exception:
        return False


def table_rows(path: Path, schema: str, tables: list[str]) -> dict[str, list[str]]:
    """Each table's rows as sorted reprs: equal dicts mean the same rows, each as many times."""
    with duckdb.connect(str(path), read_only=True) as con:
        return {t: sorted(map(repr, con.execute(f'select * from {schema}."{t}"').fetchall())) for t in tables}


RAW_COMPARED = {
    "documents": "doc_id, content_hash",
    "document_versions": "doc_id, version, content_hash",
    "ann_documents": "doc_id, content_hash, extractor_version, sentence_count, status",
    "ann_mentions": "*",
    "ann_claims": "*",
    "ann_meetings": "*",
    "ann_figures": "*",
    "quarantine": "record_ref, check_name",
}


def raw_rows(path: Path) -> dict[str, list[str]]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {
            t: sorted(map(repr, con.execute(f"select {cols} from raw.{t}").fetchall()))
            for t, cols in RAW_COMPARED.items()
        }


def test_kill_9_at_every_stage_loses_and_duplicates_nothing(tmp_path: Path, matrix_dbt: Path) -> None:
    env = osint_env(OSINT_DBT_PROJECT_DIR=str(matrix_dbt))
    docs = tmp_path / "docs"
    docs.mkdir()
    for key in ("a1", "a2", "a3"):
        (docs / f"{key}.txt").write_text(TEXTS[key] + "\n")
    matrix_config = write_config(
        tmp_path / "matrix.yml", tmp_path / "matrix", [{"kind": "files", "name": "notes", "path": str(docs)}]
    )
    layout = DataLayout(tmp_path / "matrix")
    first = osint(matrix_config, "run", env=env)
    assert first.returncode == 0, first.stderr[-3000:]

    # the second phase: two new documents and one edited, landed once without interruption (the reference)
    # and once through a kill at every stage
    for key in ("b1", "b2"):
        (docs / f"{key}.txt").write_text(TEXTS[key] + "\n")
    (docs / "a2.txt").write_text(EDITED_A2 + "\n")
    shutil.copytree(tmp_path / "matrix", tmp_path / "reference", symlinks=True)
    reference_config = write_config(
        tmp_path / "reference.yml",
        tmp_path / "reference",
        [{"kind": "files", "name": "notes", "path": str(docs)}],
    )
    reference = subprocess.Popen(
        [OSINT, "--config", str(reference_config), "run"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        marker = tmp_path / "killed"
        for point in KILL_POINTS:
            before = publication_bytes(layout)
            killed_run(matrix_config, env, point, marker)
            assert publication_bytes(layout) == before, f"a kill in {point[0]} changed the publication"
            assert lock_is_free(layout), f"a kill in {point[0]} left the writer lock held"

        # killed once the new file is swapped in: a reader sees the whole new publication, never a mix
        killed_run(matrix_config, env, SWAPPED, marker)
        assert lock_is_free(layout)
        marts = list(MODELS)
        assert table_rows(layout.published_db, "main", marts) == table_rows(layout.warehouse, "marts", marts)

        recovered = osint(matrix_config, "run", env=env)
        assert recovered.returncode == 0, recovered.stderr[-3000:]
        _, ref_err = reference.communicate(timeout=300)
    finally:
        if reference.poll() is None:
            reference.kill()
    assert reference.returncode == 0, ref_err[-3000:]

    ref_layout = DataLayout(tmp_path / "reference")
    # the same raw rows (no document lost, none loaded twice, every annotation once) and the same publication
    assert raw_rows(layout.warehouse) == raw_rows(ref_layout.warehouse)
    assert table_rows(layout.published_db, "main", marts) == table_rows(
        ref_layout.published_db, "main", marts
    )
    with duckdb.connect(str(layout.warehouse), read_only=True) as con:
        assert con.execute("select count(*), count(distinct doc_id) from raw.documents").fetchone() == (5, 5)
        assert con.execute("select count(*) from raw.document_versions").fetchone() == (6,)  # a2 twice

    # the manifest names the build the link points at, and nothing of the killed runs is left behind
    manifest = json.loads(layout.manifest.read_text())
    assert (layout.published / "parquet").readlink().parts[-2] == manifest["current"]["build_id"]
    leftovers = [
        p.name for p in layout.published.iterdir() if p.name.startswith(".osint-") or p.suffix == ".tmp"
    ]
    assert leftovers == []
    builds = sorted(p.name for p in (layout.published / "builds").iterdir())
    assert all((layout.published / "builds" / b / "parquet").is_dir() for b in builds), builds
