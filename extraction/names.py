"""Spelling-independent keys for personal names: one key for Araghchi/Araqchi, Sergey/Sergei, Dmitry/Dmitri.

Transliterations of the same name from Persian, Arabic or Russian differ in a predictable way: vowel
letters and y/i/e alternate, q/gh/k stand for the same uvular, kh/h and ph/f alternate, doubled
letters come and go, and diacritics are dropped. The key keeps the first letter and the consonant
skeleton after those letters are folded together; `same_name` then also requires the folded
spellings to be close, so two different short names with the same skeleton do not collide.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

# Ordered: longer digraphs first. Applied after lower-casing and stripping diacritics.
_FOLDS: tuple[tuple[str, str], ...] = (
    ("dzh", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("q", "g"),
    ("ck", "k"),
    ("ph", "f"),
    ("w", "v"),
    ("ou", "u"),
    ("x", "ks"),
)
_VOWELS = frozenset("aeiouy")
_NON_LETTER = re.compile(r"[^a-z ]+")


def ascii_fold(text: str) -> str:
    """Lower-case ASCII spelling: diacritics dropped, apostrophes and hyphens removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_LETTER.sub("", stripped.casefold().replace("-", " "))


def spelling_fold(token: str) -> str:
    """`ascii_fold` plus the transliteration folds (kh→h, q/gh→g, w→v, ...)."""
    s = ascii_fold(token).replace(" ", "")
    for a, b in _FOLDS:
        s = s.replace(a, b)
    return s


def skeleton(token: str) -> str:
    """First letter + consonants of the folded spelling, doubled letters collapsed."""
    s = spelling_fold(token)
    if not s:
        return ""
    out = [s[0]]
    for c in s[1:]:
        if c in _VOWELS:
            continue
        if out[-1] != c:
            out.append(c)
    return "".join(out)


def name_key(name: str) -> str:
    """Key of a (multi-word) name: the skeletons of its words joined by spaces."""
    return " ".join(k for k in (skeleton(w) for w in name.split()) if k)


def same_name(a: str, b: str, threshold: float = 75.0) -> bool:
    """True when two spellings are transliteration variants of one name."""
    if name_key(a) != name_key(b):
        return False
    return (
        fuzz.ratio(
            " ".join(spelling_fold(w) for w in a.split()), " ".join(spelling_fold(w) for w in b.split())
        )
        >= threshold
    )
