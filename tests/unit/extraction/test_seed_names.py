"""Reading the curated seeds: the seed-name matcher (extraction.seeds.name_pattern), a character trie
that must find exactly what a word-bounded alternation sorted longest first finds, and the role
titles of the gazetteer's role column."""

from __future__ import annotations

import random
import re
from datetime import datetime

from extraction.extract import Extractor
from extraction.model import DocumentInput
from extraction.seeds import name_pattern


def _flat(names: list[str]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alternation})(?![\w])")


def test_longest_name_wins_and_words_bound_the_match() -> None:
    pattern = name_pattern(["Bank", "Bank of Northland", "Royal Bank of Northland", "UN", "UNHCR", "Iran", "Iran-Iraq"])
    assert pattern is not None
    text = "The Royal Bank of Northland and the Bank of Northland; Bank, UNHCR, UN, UNESCO, Iran-Iraq, Iran's, Banks"
    assert [m.group() for m in pattern.finditer(text)] == [
        "Royal Bank of Northland", "Bank of Northland", "Bank", "UNHCR", "UN", "Iran-Iraq", "Iran",
    ]
    assert name_pattern([]) is None and name_pattern([""]) is None


def test_the_trie_finds_what_the_sorted_alternation_finds() -> None:
    rng = random.Random(7)
    words = ["Al", "Alba", "Albany", "Bay", "Bay of", "of", "North", "Northland", "Северная", "Сев", "A.B.", "U.S.", "(x)"]
    names = sorted({" ".join(rng.sample(words, rng.randint(1, 3))) for _ in range(60)})
    text = " ".join(rng.choice([*words, "and", "-", ",", "the"]) for _ in range(3000))
    trie = name_pattern(names)
    assert trie is not None
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in _flat(names).finditer(text)]


def test_defence_and_finance_titles_resolve_to_the_holder_of_that_year() -> None:
    from datetime import date

    from extraction.gazetteer import Gazetteer, GazetteerActor, parse_roles

    def person(key: str, name: str, role: str) -> GazetteerActor:
        return GazetteerActor(key, name, "person", "NLD", (), parse_roles(role))

    northland = GazetteerActor("country-nld", "Northland", "country", "NLD", ())
    gazetteer = Gazetteer([
        northland,
        person("person-a", "Anna Petrova", "Defence Minister of Northland (2019-2022)"),
        person("person-b", "Ivan Petrenko", "Defence Minister of Northland (2023-)"),
        person("person-c", "Darya Kovacs", "Finance Minister of Northland (2020-)"),
    ])
    target = gazetteer.resolve_role_target("Northland")
    for title in ("defense secretary", "Defence Minister", "secretary of defense", "minister of defence"):
        holder = gazetteer.role_holder(title, target, date(2021, 5, 1))
        assert holder is not None and holder.canonical_name == "Anna Petrova", title
    assert gazetteer.role_holder("defense minister", target, date(2024, 1, 1)).canonical_name == "Ivan Petrenko"
    for title in ("treasury secretary", "Chancellor of the Exchequer", "finance minister"):
        holder = gazetteer.role_holder(title, target, date(2024, 1, 1))
        assert holder is not None and holder.canonical_name == "Darya Kovacs", title


def test_a_pope_is_a_seed_person_of_the_holy_see(extractor: Extractor) -> None:
    body = "Pope Leo XIV will receive Anna Petrova in Rome on Friday, the Vatican said."
    ex = next(extractor.extract_batch([DocumentInput("d1", body, datetime(2025, 6, 2), "en")]))
    assert ("Pope Leo XIV", "person-pope-leo-xiv") in {(m.text, m.actor_key) for m in ex.mentions}
    pope = next(m for m in ex.mentions if m.actor_key == "person-pope-leo-xiv")
    assert pope.country_code == "VAT"


def test_the_candidate_sentence_test_finds_what_the_flat_alternation_finds() -> None:
    """The cue words that make a sentence worth parsing are one trie (trie_alternation, case-insensitive):
    it must pick exactly the sentences the flat alternation of every form picks, in any capitalization."""
    from extraction.parse import (
        _QUOTATION,
        NOT_ON_THEIR_OWN,
        candidate_forms,
        candidate_pattern,
        phrasal_cues,
    )

    forms = sorted(candidate_forms(), key=lambda f: (-len(f), f))
    phrasal = "|".join(sorted({rf"{f}\s+{p}" for f, p in phrasal_cues()}, key=len, reverse=True))
    flat = re.compile(rf"\b(?:{'|'.join(forms)}|{phrasal}|according\s+to|made\s+(?:\w+\s+){{0,3}}clear)\b|{_QUOTATION}",
                      re.I)
    rng = random.Random(11)
    vocabulary = [*rng.sample(forms, 80), *sorted(NOT_ON_THEIR_OWN), "the", "Larkspur", "of", "-", "s", "ed", "2024", ",",
                  "un", "re", "talksx", "xsaid"]
    sentences = []
    for _ in range(3000):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(1, 8))]
        words = [w.upper() if rng.random() < 0.1 else w.title() if rng.random() < 0.2 else w for w in words]
        sentences.append(rng.choice([" ", "", "-"]).join(words))
    picked = [candidate_pattern().search(s) is not None for s in sentences]
    assert picked == [flat.search(s) is not None for s in sentences]
    assert 0.2 < sum(picked) / len(picked) < 0.9  # the sample holds both kinds


def test_the_role_title_words_end_with_is_the_longest_seeded_one() -> None:
    from extraction.gazetteer import trailing_title

    assert trailing_title(["the", "Kenyan", "prime", "minister"]) == ("prime minister", 2)
    assert trailing_title(["Secretary", "of", "State"]) == ("secretary of state", 3)
    assert trailing_title(["the", "president"]) == ("president", 1)
    assert trailing_title(["the", "company's", "owner"]) is None
