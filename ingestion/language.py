"""Cheap language identification: writing system first, then stop-word votes among Latin languages."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# URLs, e-mail addresses, @handles and markdown link targets are Latin whatever the text's language
_NOT_PROSE = re.compile(r"\]\([^)\s]*\)|https?://\S+|www\.\S+|\S+@\S+\.\w+|@\w+|#\w+")
# a text whose letters are at least this share Cyrillic/Arabic/... is in that language, even when
# it quotes Latin brand names, code or English terms
_NON_LATIN_SHARE = 0.3
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(["the", "of", "and", "to", "in", "is", "that", "for", "on", "with", "as", "was", "by", "at", "from", "it", "be", "are", "this", "has", "said"]),
    "fr": frozenset(["le", "la", "les", "de", "des", "et", "est", "dans", "pour", "que", "qui", "une", "un", "du", "sur", "au", "par", "pas", "avec"]),
    "de": frozenset(["der", "die", "das", "und", "ist", "nicht", "mit", "den", "von", "zu", "im", "ein", "eine", "auf", "dem", "des", "sich", "für"]),
    "es": frozenset(["el", "la", "los", "las", "de", "y", "en", "que", "por", "con", "para", "una", "un", "del", "se", "es", "al", "lo", "como"]),
    "it": frozenset(["il", "la", "di", "che", "e", "è", "per", "un", "una", "del", "della", "con", "non", "sono", "gli", "le", "da", "nel"]),
    "pt": frozenset(["o", "a", "os", "as", "de", "e", "que", "do", "da", "em", "um", "uma", "para", "com", "não", "no", "na", "se", "por"]),
    "tr": frozenset(["ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "çok", "daha", "ne", "gibi", "ama", "olan"]),
}


def detect_language(text: str | None) -> str | None:
    """ISO 639-1 code of `text`, or None when there is too little text to tell."""
    if not text:
        return None
    sample = _NOT_PROSE.sub(" ", text[:6000])[:4000]
    counts = {"cyrillic": 0, "arabic": 0, "hebrew": 0, "cjk": 0, "latin": 0}
    persian = ukrainian = 0
    for ch in sample:
        o = ord(ch)
        if 0x0400 <= o <= 0x04FF:
            counts["cyrillic"] += 1
            ukrainian += ch in "іїєґІЇЄҐ"
        elif 0x0600 <= o <= 0x06FF:
            counts["arabic"] += 1
            persian += ch in "پچژگی"
        elif 0x0590 <= o <= 0x05FF:
            counts["hebrew"] += 1
        elif 0x4E00 <= o <= 0x9FFF:
            counts["cjk"] += 1
        elif ch.isalpha() and o < 0x250:
            counts["latin"] += 1
    letters = sum(counts.values())
    non_latin = {k: v for k, v in counts.items() if k != "latin"}
    script, n = max(non_latin.items(), key=lambda kv: kv[1])
    if n < 8 or n < letters * _NON_LATIN_SHARE:
        script, n = "latin", counts["latin"]
    if n < 8:
        return None
    if script == "cyrillic":
        return "uk" if ukrainian > n * 0.01 else "ru"
    if script == "arabic":
        return "fa" if persian > n * 0.02 else "ar"
    if script == "hebrew":
        return "he"
    if script == "cjk":
        return "zh"
    words = [w.casefold() for w in _WORD.findall(sample)]
    votes = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    lang, score = max(votes.items(), key=lambda kv: kv[1])
    return lang if score >= 2 else None


# ISO 639-2 (bibliographic and terminology) codes of the languages news feeds declare most, to 639-1.
_ISO639_2_TO_1 = {
    "eng": "en", "fre": "fr", "fra": "fr", "ger": "de", "deu": "de", "spa": "es", "ita": "it", "por": "pt",
    "rus": "ru", "ukr": "uk", "bel": "be", "pol": "pl", "tur": "tr", "ara": "ar", "per": "fa", "fas": "fa",
    "heb": "he", "chi": "zh", "zho": "zh", "jpn": "ja", "kor": "ko", "hin": "hi", "urd": "ur", "dut": "nl",
    "nld": "nl", "swe": "sv", "nor": "no", "dan": "da", "fin": "fi", "gre": "el", "ell": "el", "cze": "cs",
    "ces": "cs", "hun": "hu", "rum": "ro", "ron": "ro", "bul": "bg", "srp": "sr", "hrv": "hr", "geo": "ka",
    "kat": "ka", "arm": "hy", "hye": "hy", "aze": "az", "kaz": "kk", "uzb": "uz", "ind": "id", "vie": "vi",
}


def normalize_language_code(code: str | None) -> str | None:
    """A declared language tag ('en-US', 'eng', 'FR') as ISO 639-1, or None when it is not one."""
    if not code or not isinstance(code, str):
        return None
    primary = code.strip().replace("_", "-").split("-")[0].lower()
    if len(primary) == 3:
        return _ISO639_2_TO_1.get(primary)
    return primary if len(primary) == 2 and primary.isalpha() and primary.isascii() else None
