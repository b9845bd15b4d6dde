"""The curated seed files (dbt/seeds/*.csv) as the extractor reads them: where they are, how a
multi-valued cell is split, and the ranked enums.

The seeds are owned by the dbt project (dbt loads them as tables); this module is the only Python
reader of their shared conventions, and `osint.dbt_functions` exposes `seed_list` to SQL, so a list
cell is split the same way on both sides.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

SEED_LIST_SEPARATOR = "|"


def seeds_dir() -> Path:
    """The seeds of the dbt project the pipeline builds (osint.settings decides where that is)."""
    from osint.settings import seeds_dir as configured

    return configured()


def seed_path(name: str, folder: Path | None = None) -> Path:
    return (folder or seeds_dir()) / f"{name}.csv"


def seed_list(value: str | None) -> list[str]:
    """A multi-valued seed cell ('Iran|Islamic Republic of Iran|Иран') as its trimmed, non-empty items."""
    return [v.strip() for v in (value or "").split(SEED_LIST_SEPARATOR) if v.strip()]


def name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """One word-bounded regex that finds any of `names`, the longest where several start at one place
    (hyphens bound a match: "Russia-Iran axis"); None when there are no names. A `trie_alternation`
    ("Bank of |Canada|England" shares its prefix): with ~2,000 aliases a flat alternation cost most of
    the gazetteer's search time."""
    alternation = trie_alternation(names)
    if alternation is None:
        return None
    return re.compile(r"(?<![\w])(?:" + alternation + r")(?![\w])")


def trie_alternation(words: Iterable[str]) -> str | None:
    """A regex matching exactly the non-empty `words`, compiled as a character trie: at each node the
    text can follow one child only, and a word ending there is an optional group tried after the longer
    continuation (so the first match is the longest, as in an alternation sorted longest first). A flat
    alternation of hundreds of words tries every word at every position of the text; the trie rejects a
    position after a character or two. None when there are no words."""
    trie: dict[str, dict] = {}
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie:
        return None

    def build(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return build(trie)


def read_rows(name: str, folder: Path | None = None) -> list[dict[str, str]]:
    with seed_path(name, folder).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=16)
def ranks(name: str, key: str, folder: Path | None = None) -> dict[str, int]:
    """An enum seed with a `rank` column (agreement_statuses, date_precisions) as value → rank."""
    return {row[key]: int(row["rank"]) for row in read_rows(name, folder)}


@lru_cache(maxsize=32)
def seed_values(name: str, column: str, folder: Path | None = None) -> tuple[str, ...]:
    """The values of an enum seed's key column (meeting_statuses.status, …), in file order."""
    return tuple(row[column] for row in read_rows(name, folder))
