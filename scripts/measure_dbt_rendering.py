"""Measure dbt as one Airflow task vs. one task per dbt node (astronomer-cosmos, LOCAL mode).

Prepares a warehouse from the bundled sample documents (fetch → load → extract, with the library),
then for each variant times (a) parsing the DAG file the way the dag-processor does, (b) one
`DAG.test()` run of the dbt stage. Everything lives in a temporary folder; prints a table and JSON.

    .venv/bin/python scripts/measure_dbt_rendering.py

The decision this informed is written in dags/osint_transform.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

ONE_TASK_DAG = """
import pendulum
from airflow.sdk import dag, task

@dag(dag_id="measure_one_task", schedule=None, start_date=pendulum.datetime(2025, 1, 1, tz="UTC"))
def measure_one_task():
    @task(pool="duckdb_writer")
    def build_marts():
        from osint.orchestration import load_pipeline_config
        from osint.pipeline import build
        return build(load_pipeline_config()).nodes
    build_marts()

measure_one_task()
"""

COSMOS_DAG = """
import os
from pathlib import Path
import pendulum
from airflow.sdk import dag
from cosmos import DbtTaskGroup, ExecutionConfig, ProfileConfig, ProjectConfig, RenderConfig
from cosmos.constants import ExecutionMode, LoadMode

DBT = Path(os.environ["OSINT_DBT_PROJECT_DIR"])
LOAD = LoadMode.{load_mode}

@dag(dag_id="measure_cosmos_{suffix}", schedule=None, start_date=pendulum.datetime(2025, 1, 1, tz="UTC"))
def measure_cosmos():
    DbtTaskGroup(
        group_id="dbt",
        project_config=ProjectConfig(
            dbt_project_path=DBT,
            manifest_path=os.environ.get("MEASURE_MANIFEST") if LOAD == LoadMode.DBT_MANIFEST else None,
        ),
        profile_config=ProfileConfig(profile_name="osint", target_name="local", profiles_yml_filepath=DBT / "profiles.yml"),
        execution_config=ExecutionConfig(execution_mode=ExecutionMode.LOCAL, dbt_executable_path=os.environ["MEASURE_DBT"]),
        render_config=RenderConfig(load_method=LOAD, should_detach_multiple_parents_tests=True),
        operator_args={{"pool": "duckdb_writer", "install_deps": False}},
    )

measure_cosmos()
"""

MEASURE = """
import json, os, sys, time
from pathlib import Path
t0 = time.perf_counter()
from airflow.dag_processing.dagbag import DagBag
from airflow.models.pool import Pool
from airflow.utils.db import upgradedb
import_s = time.perf_counter() - t0
upgradedb()
Pool.create_or_update_pool("duckdb_writer", slots=1, description="", include_deferred=False)
path = sys.argv[1]
t = time.perf_counter()
bag = DagBag(dag_folder=path)
parse_s = time.perf_counter() - t
assert not bag.import_errors, bag.import_errors
(dag,) = bag.dags.values()
tasks = len(dag.tasks)
t = time.perf_counter()
run = dag.test()
run_s = time.perf_counter() - t
failed = sorted(ti.task_id for ti in run.get_task_instances() if ti.state in ("failed", "upstream_failed"))
print("RESULT " + json.dumps({"parse_s": round(parse_s, 2), "run_s": round(run_s, 2), "tasks": tasks,
                              "state": str(run.state), "failed": failed, "airflow_import_s": round(import_s, 2)}))
"""


def prepare(data: Path, config: Path) -> None:
    """Land, load and annotate the sample documents, so only the dbt stage is measured."""
    from osint.config import load_config
    from osint.pipeline import extract, fetch_sources, load_batches

    config.write_text(
        f"data_dir: {data}\nlock_timeout_seconds: 60\nsources:\n"
        f"  - kind: files\n    name: sample_documents\n    path: {REPO / 'sample_data' / 'documents'}\n",
        encoding="utf-8",
    )
    cfg = load_config(config)
    fetch_sources(cfg)
    load_batches(cfg)
    extract(cfg)


def run_variant(name: str, dag_source: str, root: Path, env: dict[str, str]) -> dict[str, object]:
    dags = root / f"dags_{name}"
    dags.mkdir()
    dag_file = dags / f"{name}.py"
    dag_file.write_text(textwrap.dedent(dag_source), encoding="utf-8")
    home = root / f"airflow_{name}"
    home.mkdir()
    env = {
        **env,
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(dags),
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}",
        "AIRFLOW__COSMOS__CACHE_DIR": str(home / "cosmos"),
    }
    proc = subprocess.run(
        [sys.executable, "-c", MEASURE, str(dag_file)], env=env, capture_output=True, text=True, timeout=1200
    )
    if os.environ.get("MEASURE_LOG_DIR"):  # keep the full Airflow/dbt output for a closer look
        Path(os.environ["MEASURE_LOG_DIR"], f"{name}.log").write_text(
            proc.stdout + proc.stderr, encoding="utf-8"
        )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr or proc.stdout)[-3000:]
        return {"error": f"exit {proc.returncode}: {tail}"}
    result: dict[str, object] = json.loads(lines[-1].removeprefix("RESULT "))
    return result


def main() -> int:
    from osint.transform import DBT_PROJECT_DIR, dbt_environment
    from osint.warehouse import DataLayout

    with tempfile.TemporaryDirectory(prefix="osint-measure-") as tmp:
        root = Path(tmp)
        data, config = root / "data", root / "config.yml"
        prepare(data, config)
        layout = DataLayout(data)
        env = {
            **os.environ,
            **dbt_environment(layout),
            "OSINT_CONFIG": str(config),
            "OSINT_DBT_PROJECT_DIR": str(DBT_PROJECT_DIR),
            "MEASURE_DBT": str(Path(sys.executable).with_name("dbt")),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__COSMOS__ENABLE_TELEMETRY": "False",
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
            "OSINT_TASK_RETRIES": "0",
        }
        # A compiled manifest for cosmos' manifest load mode (what a deployment would ship).
        subprocess.run(
            [
                env["MEASURE_DBT"],
                "parse",
                "--project-dir",
                str(DBT_PROJECT_DIR),
                "--profiles-dir",
                str(DBT_PROJECT_DIR),
            ],
            env=env,
            check=True,
            capture_output=True,
        )
        env["MEASURE_MANIFEST"] = str(layout.dbt_target / "manifest.json")
        # Cosmos runs dbt in a fresh copy of the project per task; a shared DBT_TARGET_PATH would make
        # dbt reuse a partial parse that points into an earlier task's (deleted) copy.
        cosmos_env = {k: v for k, v in env.items() if k not in ("DBT_TARGET_PATH", "DBT_LOG_PATH")}
        results = {
            "one_task": run_variant("one_task", ONE_TASK_DAG, root, env),
            "cosmos_dbt_ls": run_variant(
                "cosmos_dbt_ls", COSMOS_DAG.format(load_mode="DBT_LS", suffix="dbt_ls"), root, cosmos_env
            ),
            "cosmos_manifest": run_variant(
                "cosmos_manifest",
                COSMOS_DAG.format(load_mode="DBT_MANIFEST", suffix="manifest"),
                root,
                cosmos_env,
            ),
        }
    print(f"{'variant':<18}{'tasks':>6}{'parse s':>9}{'run s':>8}  state")
    for name, r in results.items():
        if "error" in r:
            print(f"{name:<18} error: {str(r['error'])[-800:]}")
        else:
            print(f"{name:<18}{r['tasks']:>6}{r['parse_s']:>9}{r['run_s']:>8}  {r['state']}")
    print(json.dumps(results, indent=1))
    return 0 if all("error" not in r for r in results.values()) else 1


if __name__ == "__main__":
    started = time.perf_counter()
    code = main()
    print(f"total {time.perf_counter() - started:.0f} s")
    sys.exit(code)
