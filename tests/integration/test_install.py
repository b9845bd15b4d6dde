"""The package runs outside a checkout: `pip install .` into a fresh venv, then `osint run` elsewhere.

The wheel must carry what the pipeline reads at run time besides code: the dbt project with its
seeds (the extractor reads the gazetteer from there too) and the DAG files.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[2]


def _uv() -> str:
    found = shutil.which("uv") or str(REPO / ".tools" / "bin" / "uv")
    if not Path(found).exists():
        pytest.skip("uv is not installed (make bootstrap installs it)")
    return found


@pytest.mark.slow
def test_installed_wheel_runs_a_files_source_outside_the_checkout(tmp_path: Path) -> None:
    uv = _uv()
    wheels = tmp_path / "dist"
    subprocess.run([uv, "build", "--wheel", "--out-dir", str(wheels), str(REPO)], check=True, capture_output=True)
    (wheel,) = wheels.glob("osint_warehouse-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([uv, "venv", "--python", sys.executable, str(venv)], check=True, capture_output=True)
    requirements = tmp_path / "requirements.txt"
    exported = subprocess.run(
        [uv, "export", "--frozen", "--no-dev", "--no-emit-project", "--no-hashes", "--project", str(REPO)],
        check=True, capture_output=True, text=True,
    ).stdout
    requirements.write_text(exported, encoding="utf-8")
    python = venv / "bin" / "python"
    subprocess.run([uv, "pip", "install", "--python", str(python), "-r", str(requirements)], check=True,
                   capture_output=True)
    subprocess.run([uv, "pip", "install", "--python", str(python), "--no-deps", str(wheel)], check=True,
                   capture_output=True)

    work = tmp_path / "elsewhere"
    shutil.copytree(REPO / "sample_data" / "documents", work / "reports")
    (work / "osint.yml").write_text("data_dir: ./data\nsources:\n  - kind: files\n    name: reports\n    path: ./reports\n",
                                    encoding="utf-8")
    run = subprocess.run([str(venv / "bin" / "osint"), "--config", "osint.yml", "run"], cwd=work,
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    con = duckdb.connect(str(work / "data" / "published" / "osint.duckdb"), read_only=True)
    try:
        assert con.execute("select count(*) from dim_documents").fetchone()[0] >= 5  # type: ignore[index]
        assert con.execute("select count(*) from fct_mentions").fetchone()[0] > 0  # type: ignore[index]
    finally:
        con.close()
    installed = subprocess.run([str(python), "-c", "import osint.settings as s; print(s.dbt_project_dir())"],
                               cwd=work, check=True, capture_output=True, text=True).stdout
    assert "site-packages" in installed
