"""One extractor (seed tables, spaCy pipelines and, on first use, the Russian models) for every extraction
test of the session: the modules only read it."""

from __future__ import annotations

import pytest

from extraction.extract import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor.default()
