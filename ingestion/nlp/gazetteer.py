"""The curated actor gazetteer (a dbt seed) compiled into a fast alias matcher."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parents[2] / "dbt" / "seeds"
ACTOR_GAZETTEER = SEEDS_DIR / "actor_gazetteer.csv"


@dataclass(frozen=True, slots=True)
class GazetteerActor:
    actor_id: str
    canonical_name: str
    actor_type: str
    country_code: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AliasMatch:
    actor: GazetteerActor
    start: int
    end: int
    text: str


class Gazetteer:
    """Longest-match, word-bounded search of every alias of every actor in one regex pass."""

    def __init__(self, actors: list[GazetteerActor]):
        self.actors = {a.actor_id: a for a in actors}
        self._by_alias: dict[str, GazetteerActor] = {}
        for actor in actors:
            for alias in (actor.canonical_name, *actor.aliases):
                # First definition wins: seed order resolves the rare alias shared by two actors.
                self._by_alias.setdefault(alias, actor)
        alternation = "|".join(re.escape(a) for a in sorted(self._by_alias, key=len, reverse=True))
        self._pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])") if alternation else None

    def find(self, text: str) -> list[AliasMatch]:
        if self._pattern is None:
            return []
        return [
            AliasMatch(self._by_alias[m.group(0)], m.start(), m.end(), m.group(0))
            for m in self._pattern.finditer(text)
        ]

    def by_alias(self, alias: str) -> GazetteerActor | None:
        return self._by_alias.get(alias)


def read_actor_seed(path: Path = ACTOR_GAZETTEER) -> list[GazetteerActor]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            GazetteerActor(
                actor_id=row["actor_id"],
                canonical_name=row["canonical_name"],
                actor_type=row["actor_type"],
                country_code=row.get("country_code") or None,
                aliases=tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()),
            )
            for row in csv.DictReader(fh)
        ]


@lru_cache(maxsize=4)
def load_gazetteer(path: Path = ACTOR_GAZETTEER) -> Gazetteer:
    return Gazetteer(read_actor_seed(path))
