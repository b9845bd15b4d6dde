"""The tree shows the architecture, and each rule has one owner (issue: split the ingestion package).

These tests fail when a dependency points the wrong way, when a DAG file grows logic, when an
environment variable is read outside osint.settings, or when a rule owned by Python reappears as a
SQL copy (or a second Python copy).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from osint import settings

REPO = Path(__file__).resolve().parents[2]
RUNTIME_PACKAGES = ("ingestion", "extraction", "osint", "expectations")


def _py_files(package: str) -> list[Path]:
    root = REPO / package
    return sorted(p for p in root.rglob("*.py") if not p.is_symlink() and root / "dags" not in p.parents
                  and root / "dbt" not in p.parents)


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
    return out


@pytest.mark.parametrize("path", _py_files("ingestion"), ids=lambda p: str(p.relative_to(REPO)))
def test_ingestion_imports_nothing_downstream(path: Path) -> None:
    downstream = {m for m in _imported_modules(path) if m.split(".")[0] in ("extraction", "osint")}
    assert not downstream, f"{path.name} imports {downstream}: ingestion turns the world into raw.* only"


def test_dag_files_only_orchestrate() -> None:
    """No SQL and no task logic in DAG files: every task body is a call into osint.orchestration."""
    sql = re.compile(r"\b(?:select|insert\s+into|delete\s+from|create\s+table|update\s+\w+\s+set)\b", re.I)
    for path in sorted((REPO / "dags").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(n.body[0].value)
            for n in ast.walk(tree)
            if isinstance(n, ast.Module | ast.FunctionDef) and n.body and isinstance(n.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                assert not sql.search(node.value), f"{path.name}: SQL in a DAG file: {node.value[:60]!r}"
            if isinstance(node, ast.JoinedStr):
                pytest.fail(f"{path.name}:{node.lineno}: message formatting belongs in osint.orchestration")


def test_environment_is_read_only_in_settings() -> None:
    reads = re.compile(r"(?:os\.environ(?:\.get)?\s*[\[(]|os\.getenv\s*\()\s*[\"']OSINT_")
    offenders = [
        f"{p.relative_to(REPO)}"
        for package in (*RUNTIME_PACKAGES, "dags")
        for p in (_py_files(package) if package != "dags" else sorted((REPO / "dags").glob("*.py")))
        if p != REPO / "osint" / "settings.py" and reads.search(p.read_text(encoding="utf-8"))
    ]
    assert not offenders, f"OSINT_* variables read outside osint/settings.py: {offenders}"


def test_readme_documents_every_setting() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [name for name in settings.VARIABLES if f"`{name}`" not in readme]
    assert not missing, f"README lacks {missing}"


def test_runtime_code_does_not_locate_the_checkout() -> None:
    """Installed outside a checkout, package data comes from importlib.resources, not ../.. paths."""
    parents = re.compile(r"Path\(__file__\)[^\n]*\.parents?\b")
    offenders = [
        str(p.relative_to(REPO))
        for package in RUNTIME_PACKAGES
        for p in _py_files(package)
        if parents.search(p.read_text(encoding="utf-8"))
    ]
    assert not offenders, offenders


def _sql_files() -> list[Path]:
    return sorted((REPO / "dbt" / "models").rglob("*.sql")) + sorted((REPO / "dbt" / "macros").glob("*.sql"))


@pytest.mark.parametrize(
    ("rule", "sql_copy", "python_copy"),
    [
        # transliteration folds: extraction/names.py (dbt calls osint_name_translit)
        ("transliteration folds", re.compile(r"'kh',\s*'h'|'gh',\s*'k'"), re.compile(r"\(\"kh\",\s*\"h\"\)")),
        # leading titles: extraction/names.py (dbt calls osint_name_normalized)
        ("leading titles", re.compile(r"\(president\|"), re.compile(r"President\|(?:Prime|Premier)")),
        # seed lists: extraction/seeds.py (dbt calls osint_seed_list through the seed_list macro)
        ("seed lists", re.compile(r"string_split\([^)]*'\|'\)"), re.compile(r"\.split\(\s*\"\|\"\s*\)")),
        # URL keys: ingestion/urls.py (dbt calls osint_url_comparable)
        ("URL keys", re.compile(r"\^\(www\\\.\|m\\\.\)|t\\\.me\|telegram\\\.me\)/s/"), re.compile(r"utm_")),
        # enum ranks: seeds agreement_statuses.csv and date_precisions.csv
        ("status ranks", re.compile(r"case\s+status\s+when\s+'planned'"), re.compile(r"\"planned\":\s*\d")),
        ("precision ranks", re.compile(r"case\s+date_precision\s+when\s+'day'\s+then\s+\d"), re.compile(r"\"day\":\s*\d")),
    ],
)
def test_rule_has_one_owner(rule: str, sql_copy: re.Pattern[str], python_copy: re.Pattern[str]) -> None:
    owners = {
        "transliteration folds": {"extraction/names.py"},
        "leading titles": {"extraction/names.py"},
        "seed lists": {"extraction/seeds.py"},
        "URL keys": {"ingestion/urls.py"},
        "status ranks": set(),
        "precision ranks": set(),
    }[rule]
    sql_copies = [str(p.relative_to(REPO)) for p in _sql_files() if sql_copy.search(p.read_text(encoding="utf-8"))]
    py_copies = [
        str(p.relative_to(REPO))
        for package in RUNTIME_PACKAGES
        for p in _py_files(package)
        if str(p.relative_to(REPO)) not in owners and python_copy.search(p.read_text(encoding="utf-8"))
    ]
    assert not sql_copies and not py_copies, f"{rule}: second copies in {sql_copies + py_copies}"


def test_sql_functions_are_the_python_rules() -> None:
    """dbt's osint_* functions call the Python owners, so both sides give the same answers."""
    import duckdb

    from extraction.names import normalized_name, translit_key
    from extraction.seeds import seed_list
    from ingestion.urls import comparable_url
    from osint.dbt_functions import register_functions

    con = duckdb.connect()
    register_functions(con)
    names = ["President Vladimir Putin's", "Abbas Araghchi", "Araqchi", "Recep Tayyip Erdoğan", "Пезешкиан"]
    for name in names:
        got = con.execute("select osint_name_normalized(?), osint_name_translit(osint_name_normalized(?))",
                          [name, name]).fetchone()
        assert got == (normalized_name(name), translit_key(normalized_name(name)))
    assert translit_key(normalized_name("Araghchi")) == translit_key(normalized_name("Araqchi"))
    for url in ["https://www.T.me/s/Tass/5/?utm_source=x#top", "http://m.example.org/a/", "not a url"]:
        assert con.execute("select osint_url_comparable(?)", [url]).fetchone() == (comparable_url(url),)
    assert con.execute("select osint_seed_list(' a | b||c ')").fetchone() == (seed_list(" a | b||c "),)
    from extraction.names import conflicting_given_names

    for forms, known in ((["Anna Petrova", "Maria Petrova", "Petrova"], []), (["Sergey Ivanov", "Sergei Ivanov"], []),
                         ([], []), (["Mike Larkspur", "Michael Larkspur"], ["Michael Larkspur", "Mike Larkspur"])):
        assert con.execute("select osint_conflicting_given_names(?, ?)", [forms, known]).fetchone() \
            == (conflicting_given_names(forms, known),)


def test_readme_data_dictionary_is_generated_from_the_dbt_docs() -> None:
    """The README's data dictionary has one owner (the marts' dbt yml); it is regenerated, not edited."""
    import subprocess
    import sys

    check = subprocess.run([sys.executable, str(REPO / "scripts" / "data_dictionary.py"), "--check"],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


def test_dbt_modes_break_ties_in_a_fixed_order() -> None:
    """DuckDB's mode() breaks a tie by the order it reads its rows, which differs between a full build
    and incremental ones (the growth bench found a figure's speaker flip): every mode orders its input."""
    loose = [
        f"{path.relative_to(REPO)}: {m.group(0)}"
        for path in sorted((REPO / "dbt" / "models").rglob("*.sql"))
        for m in re.finditer(r"\bmode\((?![^)]*\border\s+by\b)[^)]*\)", path.read_text(encoding="utf-8"), re.I)
    ]
    assert loose == []
