"""One extractor (seed tables, spaCy pipelines and, on first use, the Russian models) for every extraction
test of the session: the modules only read it. `office_extractor` is the same pipelines over a gazetteer of
invented office holders, for the rules that read the seed's offices and tenures."""

from __future__ import annotations

import pytest

from extraction.extract import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor.default()


@pytest.fixture(scope="session")
def office_extractor(extractor: Extractor) -> Extractor:
    from dataclasses import replace

    from extraction.gazetteer import Gazetteer, GazetteerActor, parse_roles

    def person(key: str, name: str, code: str, role: str) -> GazetteerActor:
        return GazetteerActor(key, name, "person", code, (name.split()[-1],), parse_roles(role))

    return replace(extractor, gazetteer=Gazetteer([
        GazetteerActor("country-ken", "Kenya", "country", "KEN", ()),
        GazetteerActor("country-per", "Peru", "country", "PER", ()),
        person("person-lopez", "Maria Lopez", "KEN", "Prime Minister of Kenya (2020-)"),
        person("person-vaher", "Peter Vaher", "PER", "President of Peru (2019-)"),
        person("person-ruiz", "Ana Ruiz", "PER", "Prime Minister of Peru (2021-)"),
    ]))
