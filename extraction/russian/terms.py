"""Agreement names across languages: the English words of a Russian agreement name, so that the one
agreement-name rule (dbt macro `agreement_name_tokens`) links "договор о всеобъемлющем стратегическом
партнерстве" with "Comprehensive Strategic Partnership Treaty".

Each Cyrillic word is lemmatized (pymorphy3) and looked up in the curated seed
dbt/seeds/agreement_name_words.csv (lemma → English words; an empty translation drops a function
word); a word the seed does not list is romanized, so proper names ("Астанинский") still key.
dbt calls this as the DuckDB function `osint_agreement_name_english` (osint.dbt_functions).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from extraction.names import romanize
from extraction.seeds import read_rows

_WORD = re.compile(r"[\w-]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@lru_cache(maxsize=1)
def _words() -> dict[str, str]:
    return {r["word"]: r["english"] for r in read_rows("agreement_name_words")}


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=50_000)
def _english_word(word: str) -> str:
    lemma = str(_morph().parse(word)[0].normal_form).replace("ё", "е")
    words = _words()
    if lemma in words:
        return words[lemma]
    if word.casefold() in words:
        return words[word.casefold()]
    return romanize(lemma)


def agreement_name_english(name: str | None) -> str | None:
    """An agreement name with its Russian words in English ('договор о дружбе' → 'treaty friendship');
    a name without Cyrillic is returned unchanged."""
    if name is None or not _CYRILLIC.search(name):
        return name
    return _WORD.sub(lambda m: _english_word(m.group(0).casefold()) if _CYRILLIC.search(m.group(0)) else m.group(0),
                     name)
