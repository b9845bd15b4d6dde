"""Which Russian sentences the tagger and parser read: those holding a word any matcher triggers on
(reporting verbs, source nouns, contact and agreement words, figure units and scale words), a quote
or attribution mark, or a digit. Built from the matchers' own vocabularies, so a word added to a
matcher is a candidate word at once."""

from __future__ import annotations

import re

from extraction.russian.claims import CUE_VERBS, SOURCE_NOUNS
from extraction.russian.events import (
    AGREEMENT_NOUNS,
    AGREEMENT_STATUS_VERBS,
    MEETING_NOUNS,
    MEETING_VERBS,
    RECEIVING_FORMS,
)

# Inflection changes a Russian word's ending: a lemma's stem is its first letters (at least four).
_STEM_CUT = 3
_EXTRA = ("по словам", "согласно", "следует из", "говорится", "процент", "млн", "млрд", "трлн", "тыс",
          "пишет", "писал", "цитирует")


def _stem(lemma: str) -> str:
    return lemma[: max(4, len(lemma) - _STEM_CUT)]


def candidate_pattern() -> re.Pattern[str]:
    words = {*CUE_VERBS, *SOURCE_NOUNS, *MEETING_VERBS, *MEETING_NOUNS, *AGREEMENT_NOUNS, *AGREEMENT_STATUS_VERBS}
    stems = sorted({_stem(w) for w in words} | set(_EXTRA) | set(RECEIVING_FORMS), key=len, reverse=True)
    return re.compile(r"\d|[«»„“\":—–]|" + "|".join(re.escape(s) for s in stems), re.I)
