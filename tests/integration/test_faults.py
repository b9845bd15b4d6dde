"""Faults an operator meets (issue 23): two writers at once, a bad field at landing, a full disk, leftovers of
killed runs, broken configs. Every test here first reproduced its failure, through the real console script
where the failure was seen there.

The pipeline runs below use a one-model dbt project (OSINT_DBT_PROJECT_DIR): what is under test is the lock,
the connections and the files around dbt, not the marts, and the real project's build costs ~40 s a run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from osint.settings import dbt_project_dir

OSINT = str(Path(sys.executable).with_name("osint"))


def write_config(path: Path, data_dir: Path, sources: list[dict[str, Any]], **extra: Any) -> Path:
    path.write_text(
        yaml.safe_dump({"data_dir": str(data_dir), "lock_timeout_seconds": 120, "sources": sources, **extra}),
        encoding="utf-8",
    )
    return path


def osint_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "OSINT_DATA_DIR"}
    env.setdefault("OSINT_EXTRACT_WORKERS", "1")
    return {**env, **extra}


def osint(config: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [OSINT, "--config", str(config), *args], capture_output=True, text=True, timeout=timeout, env=env or osint_env()
    )


def tiny_dbt_project(project: Path, models: dict[str, str]) -> Path:
    """A dbt project on the real profile whose marts are the given `select`s (name → SQL, schema marts)."""
    (project / "models").mkdir(parents=True)
    (project / "dbt_project.yml").write_text(
        "name: tiny\nversion: '1.0'\nprofile: osint\nmodel-paths: [models]\nseed-paths: [no_seeds]\n"
        "models:\n  tiny:\n    +materialized: table\n"
    )
    shutil.copy(dbt_project_dir() / "profiles.yml", project / "profiles.yml")
    (project / "seeds").symlink_to(dbt_project_dir() / "seeds")  # the extractor reads its seeds from here
    (project / "macros").mkdir()
    (project / "macros" / "schema.sql").write_text(
        "{% macro generate_schema_name(custom_schema_name, node) -%}{{ custom_schema_name or target.schema }}{%- endmacro %}\n"
    )
    for name, sql in models.items():
        (project / "models" / f"{name}.sql").write_text(f"{{{{ config(schema='marts') }}}}\n{sql}\n")
    return project


@pytest.fixture(scope="module")
def tiny_dbt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dbt project with one mart (marts.documents, a copy of raw.documents), on the real profile."""
    return tiny_dbt_project(tmp_path_factory.mktemp("tiny_dbt"), {"documents": "select doc_id, title, body from raw.documents"})


@pytest.fixture
def small_source(tmp_path: Path) -> dict[str, Any]:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "note.txt").write_text("Sergey Lavrov met Abbas Araghchi in Moscow on Friday to discuss the treaty.\n")
    return {"kind": "files", "name": "notes", "path": str(folder)}


def wait_for(predicate: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


# 1. lock hand-off ------------------------------------------------------------------------------------------


# The first writer: a process that holds the writer lock across a dbt build (as `osint run` does across its
# stages) until told to let go on stdin, then lives on, as an Airflow worker or a notebook does.
FIRST_WRITER = """
import sys, time
from osint import pipeline
from osint.config import load_config
from osint.warehouse import writer_lock
config = load_config(sys.argv[1])
with writer_lock(pipeline.layout_of(config), 60, "first run"):
    pipeline.document_count(config)  # creates the raw schema
    pipeline.build(config)  # dbt-duckdb opens the warehouse file in this process
    print("built", flush=True)
    sys.stdin.readline()
print("released", flush=True)
time.sleep(300)
"""


@pytest.mark.slow
def test_a_second_run_waits_for_the_lock_then_runs(tmp_path: Path, tiny_dbt: Path, small_source: dict[str, Any]) -> None:
    """Two writers on one config: `osint run` waits while the first holds the writer lock, then runs.

    It used to die as soon as the first released the lock (`IOException: Could not set lock on file`):
    dbt-duckdb kept the DuckDB file open in the first process after the build, past the OS lock.
    """
    config = write_config(tmp_path / "c.yml", tmp_path / "data", [small_source])
    env = osint_env(OSINT_DBT_PROJECT_DIR=str(tiny_dbt))
    first = subprocess.Popen(
        [sys.executable, "-c", FIRST_WRITER, str(config)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, env=env,
    )
    second = None
    try:
        assert first.stdin is not None and first.stdout is not None
        assert first.stdout.readline().strip() == "built", first.communicate()[1][-3000:]
        second = subprocess.Popen(
            [OSINT, "--config", str(config), "run"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        assert second.stderr is not None
        for line in second.stderr:  # its fetch is done: it goes for the lock now
            if "fetched notes" in line:
                break
        time.sleep(1.0)
        assert second.poll() is None, "the second run did not wait for the lock"
        first.stdin.write("go\n")
        first.stdin.flush()
        assert first.stdout.readline().strip() == "released"
        out, err = second.communicate(timeout=120)
        assert first.poll() is None, "the first process outlives the second run"
    finally:
        first.kill()
        first.communicate(timeout=60)
        if second is not None and second.poll() is None:
            second.kill()
    assert "Could not set lock" not in err and "Traceback" not in err, err[-3000:]
    assert second.returncode == 0, err[-3000:]
    assert "published:" in out


# 8. a bad source field is quarantined at landing, not fatal at the mart gate ----------------------------


def telegram_export(folder: Path, messages: list[tuple[int, list[Any]]]) -> Path:
    """A Telegram Desktop export whose messages have the given `text` arrays (strings and entity objects)."""
    folder.mkdir(parents=True, exist_ok=True)
    export = {
        "name": "Faults Wire", "type": "public_channel", "id": 1234567,
        "messages": [
            {"id": mid, "type": "message", "date": f"2025-01-17T10:{mid % 60:02d}:00",
             "date_unixtime": str(1737108000 + 60 * mid), "from": "Faults Wire", "text": text}
            for mid, text in messages
        ],
    }
    (folder / "result.json").write_text(json.dumps(export), encoding="utf-8")
    return folder


def text_link(href: Any) -> list[Any]:
    return ["Sergey Lavrov met Abbas Araghchi in Moscow. Statement: ", {"type": "text_link", "text": "here", "href": href}]


def test_a_link_the_mart_gate_would_reject_is_quarantined_at_landing(tmp_path: Path) -> None:
    """A `text_link` whose href is an object (or not an absolute URL) used to land as a citation, after which
    the mart gate blocked every publication on bdg_document_citations.cited_url until the row was deleted by hand."""
    folder = telegram_export(tmp_path / "export", [
        (1, text_link("https://www.mid.ru/en/press_service/1")),
        (2, text_link({"url": "https://evil.example", "nested": {"deep": [1, 2]}})),
        (3, text_link("mailto:press@mid.ru")),
        (4, ["A post without links about the Caspian summit in Tehran."]),
        (5, text_link("https://t.me/faults_wire/1")),
    ])
    from osint.config import load_config
    from osint.pipeline import fetch_sources, load_batches

    config = load_config(write_config(tmp_path / "c.yml", tmp_path / "data", [
        {"kind": "telegram_export", "name": "wire", "path": str(folder), "channel": "faults_wire"},
    ]))
    fetched = fetch_sources(config)
    assert [f.error for f in fetched] == [None]
    assert [r.status for r in load_batches(config)] == ["ok"]

    import duckdb

    con = duckdb.connect(str(tmp_path / "data" / "warehouse.duckdb"), read_only=True)
    try:
        landed = {r[0] for r in con.execute("select external_id from raw.documents").fetchall()}
        quarantined = dict(con.execute("select record_ref, check_name from raw.quarantine").fetchall())
        cited = {r[0] for r in con.execute("select linked_url from raw.document_links where link_type = 'cites'").fetchall()}
    finally:
        con.close()
    assert landed == {"faults_wire/1", "faults_wire/4", "faults_wire/5"}
    assert set(quarantined) == {"faults_wire/2", "faults_wire/3"}
    assert quarantined["faults_wire/3"].endswith("bdg_document_citations.cited_url_format"), quarantined
    # the object href is refused by the same rule (or already by the connector): it never becomes a citation
    assert cited == {"https://www.mid.ru/en/press_service/1", "https://t.me/faults_wire/1"}


def test_every_row_rule_of_the_mart_gate_on_a_landed_field_runs_at_landing() -> None:
    """One owner per rule: the batch suites apply the mart specs' own checks to the landed values."""
    from expectations.batch_suites import LANDED_FIELDS, _signature, at_landing, batch_checks, is_row_rule_on
    from expectations.mart_suites import SOURCE_KINDS, spec_for
    from expectations.settings import GateSettings

    settings = GateSettings()
    for kind in SOURCE_KINDS:
        applied = {_signature(c) for c in batch_checks(kind, "src", settings)}
        for field in LANDED_FIELDS:
            spec = spec_for(field.mart)
            assert spec is not None
            rules = [c for c in spec.all_checks(settings) if is_row_rule_on(c, field.column)]
            assert rules, f"{field.mart}.{field.column} has no row rule to apply at landing"
            for rule in rules:
                assert _signature(at_landing(rule, field)) in applied, (kind, field, rule.id)


@pytest.mark.parametrize(
    ("kind", "mutate", "check"),
    [
        ("files", lambda r: setattr(r, "source_name", None), "dim_documents.source_name_not_null"),
        ("telegram_api", lambda r: setattr(r, "metadata", {"links": ["mailto:a@b.org", "https://x.org/"]}),
         "bdg_document_citations.cited_url_format"),
        ("telegram_web", lambda r: setattr(r, "metadata", {"links": [{"href": {"x": 1}}]}),
         "bdg_document_citations.cited_url_format"),
        ("telegram_web", lambda r: setattr(r, "metadata", {"links": [" ", "https://t.me/s/wire/1"]}), None),
        ("rss", lambda r: setattr(r, "language", "en_GB"), None),  # published as 'en'
    ],
)  # fmt: skip
def test_the_batch_gate_judges_a_field_as_the_mart_will_see_it(kind: str, mutate: Any, check: str | None) -> None:
    import duckdb
    import pyarrow as pa

    from expectations.batch_gate import screen_batch
    from ingestion.landing import DOCUMENT_SCHEMA
    from ingestion.records import DocumentRecord

    records = [
        DocumentRecord(kind, "src", f"wire/{i}", body=f"Post {i}: talks in Moscow.", url=f"https://t.me/wire/{i}",
                       title=f"Post {i}", language="en", payload=f"post {i}")
        for i in range(6)
    ]
    mutate(records[2])
    con = duckdb.connect()
    try:
        con.register("landed", pa.Table.from_pylist([r.to_row() for r in records], schema=DOCUMENT_SCHEMA))
        con.execute("create temp table incoming as select * from landed")
        rejected = screen_batch(con, kind, "src")
    finally:
        con.close()
    assert [q.check.split(":", 1)[1] for q in rejected] == ([check] if check else [])
    if check:
        assert rejected[0].record_ref == "wire/2" and "the mart gate's rule on" in rejected[0].reason


# 10. every unit family has a range ------------------------------------------------------------------------


def figure_gate(rows: list[tuple[Any, ...]], is_change: bool = True) -> Any:
    """The mart gate's fct_trade_figures suite on figures (figure_id, metric, value, value_high, unit, is_change)."""
    import duckdb

    from expectations.mart_gate import run_mart_gate
    from expectations.mart_suites import spec_for
    from expectations.settings import GateSettings

    con = duckdb.connect()
    try:
        con.execute("create schema marts")
        con.execute("create table marts.dim_documents as select 'doc-0' as doc_id")
        con.execute("create table marts.dim_actors as select 'actor-0' as actor_id")
        con.execute(
            "create table marts.fct_trade_figures (figure_id varchar, metric varchar, value double, value_high double,"
            " unit varchar, is_change boolean, period_start date, period_end date, speaker_actor_id varchar,"
            " doc_id varchar, source_text varchar, source_count integer, confidence double, parties varchar[], scope varchar)"
        )
        con.executemany(
            "insert into marts.fct_trade_figures values (?, ?, ?, ?, ?, ?, null, null, null, 'doc-0', 'x', 1, 0.5, [], null)",
            [list(r) for r in rows],
        )
        if not is_change:
            con.execute("alter table marts.fct_trade_figures drop column is_change")
        return run_mart_gate(con, None, specs=(spec_for("fct_trade_figures"),), settings=GateSettings())  # type: ignore[arg-type]
    finally:
        con.close()


GOOD_FIGURES = [
    ("f-money", "trade_volume", 5e9, None, "USD", False),
    ("f-money-cut", "budget", 2e9, None, "EUR", True),  # "cut the budget by €2 billion": a magnitude
    ("f-pct-fall", "exports", -12.5, -10.0, "percent", True),
    ("f-pp-fall", "interest_rate", -0.25, None, "percentage_points", True),
    ("f-deflation", "inflation_rate", -0.4, None, "percent", False),
    ("f-oil", "production", 9.2e6, 9.5e6, "barrels_per_day", False),
    ("f-oil-fall", "exports", -160000.0, None, "tonnes", True),  # a signed change of a quantity
]


def test_good_figures_of_every_unit_family_pass() -> None:
    result = figure_gate(GOOD_FIGURES)
    assert result.success, result.summary()


@pytest.mark.parametrize(
    ("figure", "names"),
    [
        (("f-bad", "exports", -74e6, None, "tonnes", False), "physical quantity"),
        (("f-bad", "production", -3e5, None, "barrels_per_day", False), "physical quantity"),
        (("f-bad", "other", -7.8, None, "square_miles", False), "physical quantity"),
        (("f-bad", "trade_volume", 4e9, 3e9, "USD", False), "value_high >= value"),
        (("f-bad", "arms_sale", 12.0, None, "tonnes", False), "unit family the metric allows"),
        (("f-bad", "tariff", -3.0, None, "percentage_points", False), "percentage level (not is_change) is >= 0"),
    ],
)  # fmt: skip
def test_a_figure_out_of_its_unit_familys_range_blocks(figure: tuple[Any, ...], names: str) -> None:
    result = figure_gate([*GOOD_FIGURES, figure])
    assert not result.success
    assert [f for f in result.failures if names in f.check], result.summary()


def test_without_is_change_a_quantity_may_be_negative_only_for_a_signed_metric() -> None:
    assert figure_gate([("f", "exports", -5.0, None, "tonnes", None)], is_change=False).success
    assert not figure_gate([("f", "other", -5.0, None, "tonnes", None)], is_change=False).success


def test_every_unit_family_of_the_metric_seed_has_a_range() -> None:
    from expectations.mart_suites import UNIT_FAMILIES, UNIT_FAMILY_RANGES
    from extraction.seeds import read_rows, seed_list

    assert set(UNIT_FAMILIES) == {u for r in read_rows("figure_metrics") for u in seed_list(r["units"])}
    assert set(UNIT_FAMILY_RANGES) == set(UNIT_FAMILIES)


# 12. leftovers of killed runs are cleaned when a writer starts ---------------------------------------------


def fake_publication(data: Path, builds: list[str], current: str) -> None:
    """A data dir as earlier publishes left it: complete build folders, the link and manifest on `current`."""
    from osint.publish import BUILD_MARKER

    published = data / "published"
    for build in builds:
        (published / "builds" / build / "parquet").mkdir(parents=True)
        (published / "builds" / build / "parquet" / "dim_documents.parquet").write_bytes(b"PAR1 data PAR1")
        (published / "builds" / build / BUILD_MARKER).write_text("{}")
    (published / "osint.duckdb").write_bytes(b"published")
    (published / "parquet").symlink_to(f"builds/{current}/parquet", target_is_directory=True)
    (published / "manifest.json").write_text(json.dumps({"current": {"build_id": current, "tables": ["dim_documents"]}}))


def test_leftovers_of_killed_runs_are_removed_when_a_writer_starts(tmp_path: Path) -> None:
    """kill -9 during a publish left `.osint-<build>.duckdb.wal` (the old cleanup matched only `.duckdb`) and a
    build folder that took one of the kept-build slots; a killed fetch left `landing/<source>/*.parquet.tmp`, or
    a batch file without its meta file (never loaded, never removed)."""
    from osint.config import load_config
    from osint.pipeline import document_count

    data = tmp_path / "data"
    fake_publication(data, ["20260101T000000-1", "20260102T000000-1", "20260103T000000-1"], "20260103T000000-1")
    published = data / "published"
    config = load_config(write_config(tmp_path / "c.yml", data, [], lock_timeout_seconds=1))
    holder = subprocess.Popen(  # another run holds the lock while the leftovers appear: nothing is touched
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from osint.warehouse import DataLayout, "
         "writer_lock\nwith writer_lock(DataLayout(Path(sys.argv[1])), 5, 'other run'):\n print('locked', flush=True)\n"
         " time.sleep(30)", str(data)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        leftovers = [
            published / ".osint-20260104T000000-9.duckdb", published / ".osint-20260104T000000-9.duckdb.wal",
            published / ".osint-20260105T000000-9.duckdb.wal", published / "manifest.json.tmp",
            data / "landing" / "wire" / "20260104T000000-wire-abcdef.parquet.tmp",
            data / "state" / "cursors" / "wire.json.tmp",
            data / "landing" / "wire" / "20260104T000001-wire-fedcba.parquet",
            data / "landing" / "wire" / "20260104T000001-wire-fedcba.quarantine.parquet",
        ]
        complete = [data / "landing" / "wire" / f"20260103T000000-wire-aaaaaa.{ext}" for ext in ("parquet", "meta.json")]
        interrupted = published / "builds" / "20260104T000000-9"
        (interrupted / "parquet").mkdir(parents=True)
        (interrupted / "parquet" / "dim_documents.parquet").write_bytes(b"PAR1 cut off")
        fresh = data / "landing" / "wire" / "20260105T000000-wire-123456.parquet.tmp"  # a fetch writing right now
        for path in [*leftovers, *complete, fresh]:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"x")
        hour_ago = time.time() - 3600
        for path in [*leftovers, *complete]:
            os.utime(path, (hour_ago, hour_ago))

        from osint.errors import WarehouseLockedError

        with pytest.raises(WarehouseLockedError):
            document_count(config)
        assert all(p.exists() for p in [*leftovers, interrupted])
    finally:
        holder.kill()
        holder.wait()

    assert document_count(config) == 0  # any writer stage starts with the cleanup
    assert [p for p in [*leftovers, interrupted] if p.exists()] == []
    assert fresh.exists() and all(p.exists() for p in complete)
    assert sorted(p.name for p in (published / "builds").iterdir()) == [
        "20260101T000000-1", "20260102T000000-1", "20260103T000000-1"
    ]
    assert (published / "osint.duckdb").read_bytes() == b"published"


def test_a_publish_keeps_its_slots_for_complete_builds(tmp_path: Path) -> None:
    """An interrupted build folder newer than every good one used to push the oldest good build out."""
    import duckdb

    from osint.publish import KEEP_BUILDS, PassedGate, marts_fingerprint, publish_marts
    from osint.warehouse import DataLayout, connect_warehouse, writer_lock

    data = tmp_path / "data"
    good = [f"2026010{i}T000000-1" for i in range(1, KEEP_BUILDS + 1)]
    fake_publication(data, good, good[-1])
    (data / "published" / "builds" / "20260109T000000-9" / "parquet").mkdir(parents=True)  # killed mid-copy
    layout = DataLayout(data)
    with writer_lock(layout, 5):
        (data / "published" / "builds" / "20260109T000000-9" / "parquet").mkdir(parents=True, exist_ok=True)
        con = connect_warehouse(layout)
        try:
            con.execute("create schema marts")
            con.execute("create table marts.dim_documents as select 'd' as doc_id")
            result = publish_marts(con, layout, passed=PassedGate(marts_fingerprint(con), "passed", 0.0))
        finally:
            con.close()
    kept = sorted(p.name for p in (data / "published" / "builds").iterdir())
    assert kept == [*good[1:], result.build_id]
    assert duckdb.connect(str(layout.published_db), read_only=True).execute("select * from dim_documents").fetchall() == [("d",)]


# 11. a full disk is one line, and the publication stays intact --------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Any:
    """A 32 MB tmpfs (root only; skipped where it cannot be mounted)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", str(mount)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path, leave: int) -> Path:
    """Fill `disk` until `leave` bytes are free (0: completely)."""
    filler = disk / "filler"
    st = os.statvfs(disk)
    todo = max(0, st.f_bavail * st.f_frsize - leave)
    with filler.open("ab") as fh:
        while todo > 0:
            chunk = min(todo, 1 << 20)
            try:
                fh.write(b"\0" * chunk)
                fh.flush()
            except OSError:
                break
            todo -= chunk
    return filler


@pytest.mark.slow
def test_a_full_disk_is_a_clean_error_and_the_publication_stays(
    small_disk: Path, tmp_path: Path, tiny_dbt: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Disk full used to end in `TransactionException: cannot rollback - no transaction is active` (extract) and
    `CHECKPOINT during DETACH failed` (publish) tracebacks, and left `.osint-<build>.duckdb(.wal)` behind."""
    from osint import pipeline
    from osint.config import load_config
    from osint.errors import DiskFullError

    monkeypatch.setenv("OSINT_DBT_PROJECT_DIR", str(tiny_dbt))
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(30):
        (docs / f"n{i}.txt").write_text(
            f"Sergey Lavrov met Abbas Araghchi in Moscow on Friday ({i}). Iran's oil exports rose 5% to 1.5 million "
            f"barrels per day, Vladimir Putin said after the talks on the treaty. Reference {os.urandom(600).hex()}."
        )
    data = small_disk / "data"
    path = write_config(tmp_path / "c.yml", data, [{"kind": "files", "name": "notes", "path": str(docs)}], extract_workers=1)
    config = load_config(path)
    pipeline.fetch_sources(config)
    pipeline.load_batches(config)

    filler = fill(small_disk, 16 * 1024)
    with pytest.raises(DiskFullError) as err:
        pipeline.extract(config)
    message = str(err.value)
    assert message.startswith("extract failed: no space left on the device writing ") and str(data) in message
    assert "free space" in message and "\n" not in message

    filler.unlink()
    pipeline.extract(config)
    pipeline.build(config)
    pipeline.publish(config)

    def publication() -> tuple[dict[str, bytes], list[str]]:
        files = (data / "published" / "osint.duckdb", data / "published" / "manifest.json")
        return {p.name: p.read_bytes() for p in files}, sorted(p.name for p in (data / "published" / "builds").iterdir())

    before, failed = publication(), []
    for leave in (96, 32, 0):  # KB left: the new file's commit, its first write, the gate's report fail
        filler = fill(small_disk, leave * 1024)
        try:
            pipeline.publish(config)
        except DiskFullError as exc:
            failed.append(leave)
            assert str(exc).startswith("publish failed: no space left on the device") and "unchanged" in str(exc)
            assert publication() == before
            assert list((data / "published").glob(".osint-*")) == []
        else:  # enough room after all: a new publication
            before = publication()
        finally:
            filler.unlink()
    assert len(failed) >= 2, failed

    filler = fill(small_disk, 0)
    try:
        line = one_line_error(path, "publish")
    finally:
        filler.unlink()
    assert "publish failed: no space left on the device" in line and "unchanged" in line
    assert publication() == before



def test_a_full_disk_is_recognised_under_the_error_that_masks_it() -> None:
    """What extract and publish raised: DuckDB's follow-up error, with the write that failed behind it."""
    import duckdb

    from osint.errors import disk_full, is_disk_full

    def masked(first: BaseException, then: BaseException) -> BaseException:
        try:
            try:
                raise first
            except BaseException:
                raise then  # noqa: B904 - implicit chaining, as DuckDB's rollback does
        except BaseException as exc:
            return exc

    wal = 'IO Error: Could not write file "/data/warehouse.duckdb.wal": No space left on device'
    rollback = masked(duckdb.IOException(wal), duckdb.TransactionException("cannot rollback - no transaction is active"))
    assert is_disk_full(rollback)
    assert str(disk_full(rollback, "extract", "/data")).startswith("extract failed: no space left on the device writing /data/warehouse.duckdb.wal")
    detach = duckdb.IOException(
        "IO Error: Detached database 'publication', but CHECKPOINT during DETACH failed. Checkpoint failed for "
        'database "publication". Original error: Could not write file "/data/published/.osint-1.duckdb": No space left on device'
    )
    assert is_disk_full(detach) and "writing /data/published/.osint-1.duckdb" in str(disk_full(detach, "publish", "/data"))
    assert not is_disk_full(duckdb.TransactionException("cannot rollback - no transaction is active"))


# 13. config-level errors are one line ----------------------------------------------------------------------


def one_line_error(config: Path, command: str) -> str:
    """Run `osint --config <config> <command>` in this process; it must exit 1 with one line, no traceback."""
    from click.testing import CliRunner

    from osint.cli import main

    result = CliRunner().invoke(main, ["--config", str(config), command])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), (result.exception, result.output[-3000:])
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output[-3000:]
    return lines[0]


def test_config_level_faults_are_one_line_each(tmp_path: Path, small_source: dict[str, Any]) -> None:
    """An unwritable data_dir was a 42-line OSError, a non-UTF-8 config a UnicodeDecodeError, and an empty
    source list ran every stage to "publish blocked ... dim_documents row count 0"."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    unwritable = write_config(tmp_path / "unwritable.yml", blocker / "data", [small_source])
    result = osint(unwritable, "run")  # once through the console script
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-3000:]
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr[-3000:]
    line = one_line_error(unwritable, "run")
    assert f"data_dir {blocker / 'data'} is not writable" in line and "data_dir" in line.split("—")[-1]

    latin1 = tmp_path / "latin1.yml"
    latin1.write_bytes(f"# Konfiguration für Köln\ndata_dir: {tmp_path / 'data'}\nsources: []\n".encode("latin-1"))
    line = one_line_error(latin1, "run")
    assert str(latin1) in line and "not UTF-8" in line and "save it as UTF-8" in line

    empty = write_config(tmp_path / "empty.yml", tmp_path / "data", [])
    for command in ("run", "ingest"):
        line = one_line_error(empty, command)
        assert "no sources configured" in line and str(empty) in line
    disabled = write_config(tmp_path / "disabled.yml", tmp_path / "data", [{**small_source, "enabled": False}])
    assert "no enabled sources" in one_line_error(disabled, "run")
    assert not (tmp_path / "data" / "warehouse.duckdb").exists()  # nothing ran


@pytest.mark.skipif(os.geteuid() != 0, reason="a read-only mount needs root")
def test_a_read_only_data_dir_is_one_line(tmp_path: Path, small_source: dict[str, Any]) -> None:
    mount = tmp_path / "ro"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a read-only tmpfs here")
    try:
        config = write_config(tmp_path / "c.yml", mount, [small_source])
        line = one_line_error(config, "ingest")
        assert f"data_dir {mount} is not writable" in line
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)
