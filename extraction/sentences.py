"""Sentence boundaries with character offsets, cheap enough for every document."""

from __future__ import annotations

import re
from collections.abc import Iterator

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace and an
# uppercase letter, digit or opening quote — or at a line break. Abbreviations below do not end one.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’»)\]]*\s+(?=(?:''|[\"'“‘«(\[])?[A-ZА-ЯЁ0-9])|\n+")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "maj",
        "sgt",
        "capt",
        "adm",
        "gov",
        "sen",
        "rep",
        "reps",
        "sens",
        "rev",
        "hon",
        "amb",
        "cmdr",
        "supt",
        "messrs",
        "st",
        "mt",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "no",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
    ]
)


# A news agency's dateline before the first sentence of a story: "<CITY> —", "<CITY>, <Country> (<Agency>) —",
# "<CITY> (<Agency>) -". It says where the story was filed; the parse of the sentence after it must not
# take the city for the sentence's subject, so it is a segment of its own.
_DATELINE = re.compile(
    r"[A-Z][A-Z'’.\-]{2,}(?:\s[A-Z][A-Z'’.\-]+){0,3}(?:,\s+[A-Z][\w.'’\-]+(?:\s[A-Z][\w.'’\-]+){0,2})?"
    r"(?:\s+\([A-Za-z][\w .&]{0,24}\))?\s*(?:[—–]|--?)\s+(?=\S)"
)


def split_sentences(text: str) -> Iterator[tuple[int, int, int]]:
    """Yield (sentence_index, char_start, char_end) over `text`, skipping blank stretches."""
    index = 0
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.start()
        # A line break always ends a sentence; a space after an abbreviation ("St. Petersburg") does not.
        if "\n" not in m.group(0) and _ends_with_abbreviation(text, start, end):
            continue
        for s, e in _heading_apart(text, _trim(text, start, end)):
            yield index, s, e
            index += 1
        start = m.end()
    for s, e in _heading_apart(text, _trim(text, start, len(text))):
        yield index, s, e
        index += 1


# A section label before a newsletter's or live blog's item: "<Topic> | <sentence>". The label names what the
# item is about, never who speaks in it: a segment of its own.
_LABEL = re.compile(r"[^|\n.!?]{1,40}?\s\|\s+(?=[A-Z“\"'‘])")


def _heading_apart(text: str, span: tuple[int, int] | None) -> list[tuple[int, int]]:
    """The span, or its dateline (or section label) and the sentence after it as two segments."""
    if span is None:
        return []
    dm = _DATELINE.match(text, span[0], span[1]) or _LABEL.match(text, span[0], span[1])
    if dm is None or not any(c.islower() for c in text[dm.end() : span[1]]):
        return [span]
    head = _trim(text, span[0], dm.end())
    assert head is not None
    return [head, (dm.end(), span[1])]


def _ends_with_abbreviation(text: str, start: int, end: int) -> bool:
    word = text[start:end].rsplit(None, 1)[-1] if text[start:end].split() else ""
    word = word.rstrip(".\"'”’»)]").casefold()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None
