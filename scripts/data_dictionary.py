"""The README's data dictionary, generated from the marts' dbt documentation (its one owner).

    python scripts/data_dictionary.py           # rewrite the README section
    python scripts/data_dictionary.py --check   # exit 1 when the README is out of date (a test runs this)

The section runs from the heading "## Data dictionary (the published contract)" to the end of the
README; every published mart of dbt/models/marts/_marts__models.yml becomes a table of its columns,
types and descriptions, in the order dbt documents them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
MARTS_YML = REPO / "dbt" / "models" / "marts" / "_marts__models.yml"
HEADING = "## Data dictionary (the published contract)"
INTRO = (
    "Tables in the default schema of `data/published/osint.duckdb` (and `data/published/parquet/`). Names are "
    "the contract; columns may be added, not renamed. The dbt docs site (`make docs`) has the same text with "
    "lineage; this section is generated from it (`python scripts/data_dictionary.py`)."
)


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def render() -> str:
    spec = yaml.safe_load(MARTS_YML.read_text(encoding="utf-8"))
    parts = [HEADING, "", INTRO]
    for model in spec["models"]:
        parts += ["", f"### `{model['name']}`", "", _cell(model.get("description", "")), "",
                  "| column | type | meaning |", "|---|---|---|"]
        for column in model.get("columns", []):
            parts.append(f"| `{column['name']}` | {column.get('data_type', '')} | {_cell(column.get('description', ''))} |")
    return "\n".join(parts) + "\n"


def updated_readme() -> str:
    text = README.read_text(encoding="utf-8")
    head, sep, _ = text.partition(HEADING)
    if not sep:
        raise SystemExit(f"{README}: no '{HEADING}' heading")
    return head + render()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    new = updated_readme()
    if args.check:
        if new != README.read_text(encoding="utf-8"):
            print("README data dictionary is out of date: run python scripts/data_dictionary.py")
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
