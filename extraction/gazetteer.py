"""The curated seed data compiled into fast matchers: actors (dbt/seeds/actor_gazetteer.csv), their
roles ("Foreign Minister of Iran (2021-2024)"), and places/demonyms (dbt/seeds/places.csv).

No extraction rule names a person, place or outlet: every name the extractor knows comes from here.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path

from extraction.names import name_key, same_name
from extraction.seeds import name_pattern, seed_list, seed_path

# Extraction looks up the same body (known spans, then mentions) and the same capitalized words
# (in every document) many times; the lookups are pure, so each instance keeps the latest results.
LOOKUP_CACHE_ENTRIES = 4096
NAME_CACHE_ENTRIES = 200_000


# Surface forms of role titles → the canonical title used in the seed's role column. Vocabulary of
# the domain, not names: "top diplomat" is what news calls a foreign minister anywhere.
ROLE_SYNONYMS: dict[str, str] = {
    "foreign minister": "foreign minister",
    "foreign secretary": "foreign minister",
    "secretary of state": "foreign minister",
    "minister of foreign affairs": "foreign minister",
    "top diplomat": "foreign minister",
    "chief diplomat": "foreign minister",
    "president": "president",
    "prime minister": "prime minister",
    "pm": "prime minister",  # written in capitals only (actors._role_mentions): "7 pm" is a time
    "premier": "premier",
    "supreme leader": "supreme leader",
    "chancellor": "chancellor",
    "emir": "emir",
    "amir": "emir",
    "king": "king",
    "crown prince": "crown prince",
    "spokesman": "spokesman",
    "spokeswoman": "spokeswoman",
    "spokesperson": "spokesman",
    "secretary-general": "secretary-general",
    "secretary general": "secretary general",
    "vice president": "vice president",
    "high representative": "high representative",
    "defence minister": "defence minister",
    "defense minister": "defence minister",
    "minister of defence": "defence minister",
    "minister of defense": "defence minister",
    "defence secretary": "defence minister",
    "defense secretary": "defence minister",
    "secretary of defense": "defence minister",
    "finance minister": "finance minister",
    "minister of finance": "finance minister",
    "treasury secretary": "finance minister",
    "secretary of the treasury": "finance minister",
    "chancellor of the exchequer": "finance minister",
    "national security adviser": "national security advisor",
    "national security advisor": "national security advisor",
    "security council secretary": "security council secretary",
    "queen": "queen",
    "emperor": "emperor",
    "pope": "pope",
    "pontiff": "pope",
}
# A head of government is called premier or prime minister interchangeably.
_TITLE_EQUIV = {"premier": "prime minister"}


def trailing_title(words: list[str]) -> tuple[str, int] | None:
    """The role title the words end with, longest first (up to three words), and how many words it takes:
    ["the", "Kenyan", "prime", "minister"] → ("prime minister", 2); None when they end with none."""
    lowered = [w.casefold() for w in words]
    return next(((title, n) for n in (3, 2, 1) if len(lowered) >= n
                 and (title := " ".join(lowered[-n:])) in ROLE_SYNONYMS), None)


def canonical_title(title: str) -> str:
    t = ROLE_SYNONYMS.get(" ".join(title.casefold().split()), title.casefold())
    return _TITLE_EQUIV.get(t, t)


@dataclass(frozen=True, slots=True)
class Role:
    title: str  # canonical title: "foreign minister"
    of_name: str  # what the role is of, as written in the seed: "Iran", "Kremlin"
    start_year: int | None
    end_year: int | None

    def holds_on(self, day: date | None) -> bool:
        """Current holders have no years; a dated document picks the holder of that year."""
        if day is None:
            return self.end_year is None
        if self.start_year is None and self.end_year is None:
            return True
        return (self.start_year or 0) <= day.year <= (self.end_year or 9999)


@dataclass(frozen=True, slots=True)
class GazetteerActor:
    actor_id: str
    canonical_name: str
    actor_type: str
    country_code: str | None
    aliases: tuple[str, ...]
    roles: tuple[Role, ...] = ()


@dataclass(frozen=True, slots=True)
class AliasMatch:
    actor: GazetteerActor
    start: int
    end: int
    text: str


_ROLE_YEARS = re.compile(r"\((\d{4})\s*[-–]\s*(\d{4})?\)\s*$")


def parse_roles(role: str) -> tuple[Role, ...]:
    """'Prime Minister and Foreign Minister of Qatar (2020-2024)' → two roles of Qatar with years;
    'Kremlin spokesman' → the role 'spokesman' of 'Kremlin'."""
    role = role.strip()
    if not role:
        return ()
    start = end = None
    m = _ROLE_YEARS.search(role)
    if m:
        # "(2021-2024)" a past tenure, "(2025-)" an ongoing one that started in 2025.
        start, end = int(m.group(1)), int(m.group(2)) if m.group(2) else None
        role = role[: m.start()].strip()
    if " of " in role:
        titles, of_name = role.split(" of ", 1)
    else:
        words = role.rsplit(" ", 1)
        if len(words) < 2:
            return ()
        of_name, titles = words[0], words[1]
    of_name = re.sub(r"^the\s+", "", of_name.strip(), flags=re.I)
    return tuple(
        Role(canonical_title(t.strip()), of_name, start, end) for t in titles.split(" and ") if t.strip()
    )


class Gazetteer:
    """Longest-match, word-bounded search of every alias of every actor in one regex pass, plus
    transliteration-tolerant lookup of person names and role → holder resolution."""

    def __init__(self, actors: list[GazetteerActor]):
        self.actors = {a.actor_id: a for a in actors}
        self.find = lru_cache(maxsize=LOOKUP_CACHE_ENTRIES)(self._find)
        self.person_by_spelling = lru_cache(maxsize=NAME_CACHE_ENTRIES)(self._person_by_spelling)
        self._by_alias: dict[str, GazetteerActor] = {}
        for actor in actors:
            for alias in (actor.canonical_name, *actor.aliases):
                # First definition wins: seed order resolves the rare alias shared by two actors.
                self._by_alias.setdefault(alias, actor)
        # Hyphens bound a match ("Araqchi-Putin session", "Russia-Iran axis").
        self._pattern = name_pattern(self._by_alias)
        self._by_key: dict[str, list[tuple[str, GazetteerActor]]] = defaultdict(list)
        for actor in actors:
            if actor.actor_type != "person":
                continue
            for alias in (actor.canonical_name, *actor.aliases):
                if alias.isascii() and alias[:1].isupper():
                    self._by_key[name_key(alias)].append((alias, actor))
        self._country_by_name: dict[str, GazetteerActor] = {}
        self.countries_by_code: dict[str, GazetteerActor] = {}
        for actor in actors:
            if actor.actor_type == "country":
                if actor.country_code:
                    self.countries_by_code.setdefault(actor.country_code, actor)
                for alias in (actor.canonical_name, *actor.aliases):
                    self._country_by_name.setdefault(alias.casefold(), actor)
        self.role_holders: dict[tuple[str, str], list[tuple[Role, GazetteerActor]]] = defaultdict(list)
        for actor in actors:
            for role in actor.roles:
                target = self.resolve_role_target(role.of_name)
                self.role_holders[(role.title, target)].append((role, actor))

    def resolve_role_target(self, name: str) -> str:
        """The key a role is 'of': a country code, an actor id, or the lower-cased name."""
        key = name.casefold()
        country = self._country_by_name.get(key) or self._country_by_name.get(re.sub(r"^the\s+", "", key))
        if country and country.country_code:
            return country.country_code
        actor = self._by_alias.get(name) or self._by_alias.get(re.sub(r"^the\s+", "", name, flags=re.I))
        return actor.actor_id if actor else key

    def _find(self, text: str) -> tuple[AliasMatch, ...]:
        """Every alias in `text`, longest first at each position (`find`, cached)."""
        if self._pattern is None:
            return ()
        return tuple(
            AliasMatch(self._by_alias[m.group(0)], m.start(), m.end(), m.group(0))
            for m in self._pattern.finditer(text)
        )

    def by_alias(self, alias: str) -> GazetteerActor | None:
        return self._by_alias.get(alias)

    @cached_property
    def _surnames(self) -> dict[tuple[str | None, str], list[tuple[str, GazetteerActor]]]:
        """(country code, name key of a surname) → (the surname as written, person) for every person alias
        of two words or more."""
        out: dict[tuple[str | None, str], list[tuple[str, GazetteerActor]]] = defaultdict(list)
        for actor in self.actors.values():
            if actor.actor_type == "person":
                for alias in (actor.canonical_name, *actor.aliases):
                    if len(alias.split()) > 1:
                        out[(actor.country_code, name_key(alias.split()[-1]))].append((alias.split()[-1], actor))
        return out

    def persons_with_surname(self, country_code: str, surname: str) -> list[GazetteerActor]:
        """The seed people of a country whose full name ends with `surname`, in any transliteration."""
        found = {a.actor_id: a for written, a in self._surnames.get((country_code, name_key(surname)), ())
                 if same_name(written, surname)}
        return list(found.values())

    def _person_by_spelling(self, name: str) -> GazetteerActor | None:
        """A gazetteer person whose alias is a transliteration variant of `name` (one match only;
        `person_by_spelling`, cached)."""
        key = name_key(name)
        if len(key.replace(" ", "")) < 4:
            return None
        found = {
            actor.actor_id: actor for alias, actor in self._by_key.get(key, ()) if same_name(alias, name)
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def sole_target(self, title: str) -> str | None:
        """The one country or body a title is held in, when the seed knows it of one only ("the pope")."""
        targets = {t for (ti, t) in self.role_holders if ti == canonical_title(title)}
        return next(iter(targets)) if len(targets) == 1 else None

    def role_holder(self, title: str, target: str, on: date | None) -> GazetteerActor | None:
        """Who held `title` of `target` (country code or actor id) on a day (None: today)."""
        candidates = self.role_holders.get((canonical_title(title), target), [])
        current = [a for r, a in candidates if r.holds_on(on)]
        if len(current) == 1:
            return current[0]
        if not current and on is not None:
            # A date before the seed's recorded tenures: fall back to the current holder.
            current = [
                a
                for r, a in candidates
                if r.end_year is None and (r.start_year is None or r.start_year <= on.year)
            ]
        return current[0] if len(current) == 1 else None

    def country(self, code: str | None) -> GazetteerActor | None:
        return self.countries_by_code.get(code) if code else None


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: str  # capital | city | region | demonym | combining_form
    country_code: str


COMBINING_FORM = "combining_form"  # places seed kind: "Sino-", "Franco-" (a country before a hyphen only)


@dataclass
class Places:
    """Capitals, cities and demonyms → country codes (location and country context, not actors)."""

    places: list[Place] = field(default_factory=list)

    def __post_init__(self) -> None:
        # a combining form ("Sino", "Franco") names a country only before a hyphen: not a place word of its own
        self.combining_forms = {p.name: p.country_code for p in self.places if p.kind == COMBINING_FORM}
        self.by_name = {p.name: p for p in self.places if p.kind != COMBINING_FORM}
        self.find = lru_cache(maxsize=LOOKUP_CACHE_ENTRIES)(self._find)
        self._pattern = name_pattern(self.by_name)

    def _find(self, text: str) -> tuple[tuple[int, int, Place], ...]:
        """Every place name in `text` (`find`, cached)."""
        if self._pattern is None:
            return ()
        return tuple((m.start(), m.end(), self.by_name[m.group(0)]) for m in self._pattern.finditer(text))


def read_actor_seed(path: Path | None = None) -> list[GazetteerActor]:
    with (path or seed_path("actor_gazetteer")).open(encoding="utf-8", newline="") as fh:
        return [
            GazetteerActor(
                actor_id=row["actor_id"],
                canonical_name=row["canonical_name"],
                actor_type=row["actor_type"],
                country_code=row.get("country_code") or None,
                aliases=tuple(seed_list(row.get("aliases"))),
                roles=parse_roles(row.get("role") or ""),
            )
            for row in csv.DictReader(fh)
        ]


@lru_cache(maxsize=4)
def load_gazetteer(path: Path | None = None) -> Gazetteer:
    return Gazetteer(read_actor_seed(path))


@lru_cache(maxsize=2)
def load_places(path: Path | None = None) -> Places:
    with (path or seed_path("places")).open(encoding="utf-8", newline="") as fh:
        return Places([Place(r["name"], r["kind"], r["country_code"]) for r in csv.DictReader(fh)])
