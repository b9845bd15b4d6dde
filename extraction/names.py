"""Name keys: the one owner of how a name is normalized and transliteration-folded.

Extraction uses these functions directly; dbt calls the same functions as DuckDB functions
(`osint_name_normalized`, `osint_name_translit`, registered by `osint.dbt_functions`), so the
Python and SQL sides cannot disagree — there is no SQL copy of these rules.

- `normalized_name`: 'President Vladimir Putin's' → 'vladimir putin': lowercase, no accents, no
  possessive, no leading titles or offices, punctuation to single spaces.
- `translit_key`: folds the spelling variants that Persian, Arabic and Russian names get in Latin
  script (Araghchi/Araqchi/Arakchi, Sergey/Sergei, Dmitry/Dmitri, Pezeshkian/Pezeshkiyan,
  Masoud/Masud) onto one key. Deliberately conservative: vowels are never folded into each other,
  so Hassan and Hossein stay different people.
- Cyrillic is romanized first (`romanize`: a BGN/PCGN-style table, й/ы → i as the Latin
  spellings of the same names have it), so "Аббас Аракчи" gets the key of "Abbas Araghchi" and
  "Сергей Лавров" that of "Sergey Lavrov": the one rule links Russian and English reports.
- `name_key` / `same_name`: the extractor's transliteration-tolerant lookup of gazetteer persons:
  a consonant skeleton of the folded spelling as the blocking key, then a spelling similarity of
  at least `SAME_NAME_MIN_RATIO`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

# Titles, offices and honorifics that precede a person's name, stripped before matching: the name
# keys strip leading runs of them (and "the") case-insensitively; `actors` strips their capitalized
# forms from the front of a name the NER found. Only phrases that are titles on their own: a
# modifier like "Supreme" or "Foreign" also opens organisation names ("Supreme Court").
TITLES: tuple[str, ...] = (
    "president", "vice president", "prime minister", "deputy prime minister", "foreign minister",
    "defense minister", "defence minister", "minister", "chancellor", "king", "queen", "emir", "sheikh",
    "prince", "crown prince", "ayatollah", "supreme leader", "general", "gen", "mr", "mrs", "ms", "dr",
    "sir", "lord", "secretary", "secretary general", "spokesman", "spokesperson", "ambassador",
    "chairman", "senator", "sen", "first lady",
    # offices and ranks written before a name in news ("Treasurer <Name>", "Chair <Name>", "Brig Gen <Name>",
    # "Rep. <Name>", "PM <Surname>")
    "treasurer", "chair", "chairperson", "chairwoman", "professor", "prof", "representative", "rep", "brigadier",
    "brig", "governor", "gov", "mayor", "pm",
)
# abbreviations a title is written with before a name ("Gov. <Name>", "Sen. <Name>") → the title written out
TITLE_ABBREVIATIONS: dict[str, str] = {"gov": "governor", "sen": "senator", "rep": "representative",
                                       "gen": "general", "lt": "lieutenant", "col": "colonel", "pres": "president",
                                       "prof": "professor"}
_TITLE_ALTERNATION = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(TITLES, key=len, reverse=True))
LEADING_PERSON_TITLES = re.compile(r"^(?:(?:" + _TITLE_ALTERNATION + r")\.?\s+)+", re.IGNORECASE)
TITLE_BEFORE = re.compile(r"\b(?:" + _TITLE_ALTERNATION + r")\.?\s+$", re.IGNORECASE)  # a title right before a name

# Transliteration folds, applied in order after lower-casing (longer digraphs first); then every
# doubled Latin letter is collapsed.
FOLDS: tuple[tuple[str, str], ...] = (
    ("kh", "h"),
    ("gh", "k"),
    ("q", "k"),
    ("ck", "k"),
    ("ph", "f"),
    ("w", "v"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ey", "ei"),
    ("y", "i"),
)
SAME_NAME_MIN_RATIO = 75.0  # rapidfuzz ratio of the folded spellings, 0-100
MIN_SKELETON_LETTERS = 4  # shorter names are too ambiguous for a transliteration-tolerant lookup

_POSSESSIVE = re.compile(r"['’]s\b")
_NOT_NAME_CHAR = re.compile(r"[^a-z0-9а-яё]+")
_LEADING_TITLES = re.compile(r"^(?:(?:the|" + _TITLE_ALTERNATION + r")\s+)+")
_VOWELS = frozenset("aeiouy")
_NON_LETTER = re.compile(r"[^a-z ]+")


# Russian Cyrillic → Latin (BGN/PCGN-style; soft and hard signs dropped). Applied to lower-cased text.
ROMANIZATION: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "є": "ye", "і": "i", "ї": "yi", "ґ": "g",
}
_ROMANIZE = str.maketrans(ROMANIZATION)


def romanize(text: str) -> str:
    """Lower-case Cyrillic letters in Latin script; other characters unchanged ('путин' → 'putin')."""
    return text.translate(_ROMANIZE)


def strip_accents(text: str) -> str:
    """Diacritics removed (as DuckDB's strip_accents): 'Erdoğan' → 'Erdogan', 'й' → 'и'."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def normalized_name(name: str | None) -> str | None:
    if name is None:
        return None
    s = _POSSESSIVE.sub("", strip_accents(name.lower()))
    s = _NOT_NAME_CHAR.sub(" ", s)
    return _LEADING_TITLES.sub("", s).strip()


def fold_transliteration(text: str) -> str:
    for a, b in FOLDS:
        text = text.replace(a, b)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        text = text.replace(letter + letter, letter)
    return text


def translit_key(name_normalized: str | None) -> str | None:
    """Transliteration key of a normalized name (see the module docstring)."""
    return None if name_normalized is None else fold_transliteration(romanize(name_normalized))


def ascii_fold(text: str) -> str:
    """Lower-case ASCII spelling: Cyrillic romanized, diacritics dropped, apostrophes and hyphens removed."""
    return _NON_LETTER.sub("", strip_accents(romanize(text.casefold())).replace("-", " "))


def spelling_fold(token: str) -> str:
    """`ascii_fold` plus the transliteration folds."""
    return fold_transliteration(ascii_fold(token).replace(" ", ""))


def skeleton(token: str) -> str:
    """First letter + consonants of the folded spelling (doubled letters are already collapsed by the
    fold; consonants on both sides of a vowel stay two: Keqiang is not Qiang)."""
    s = spelling_fold(token)
    return s[:1] + "".join(c for c in s[1:] if c not in _VOWELS)


def name_key(name: str) -> str:
    """Key of a (multi-word) name: the skeletons of its words joined by spaces."""
    return " ".join(k for k in (skeleton(w) for w in name.split()) if k)


def same_name(a: str, b: str, threshold: float = SAME_NAME_MIN_RATIO) -> bool:
    """True when two spellings are transliteration variants of one name."""
    if name_key(a) != name_key(b):
        return False
    return (
        fuzz.ratio(
            " ".join(spelling_fold(w) for w in a.split()), " ".join(spelling_fold(w) for w in b.split())
        )
        >= threshold
    )




def _given_names_compatible(a: str, b: str) -> bool:
    """Two given names that may be one person's: spelling or transliteration variants ("Sergei" / "Sergey",
    "Maxim" / "Maksim"), an initial, a short form that starts the other ("Alex" / "Alexander"), or a short
    nickname sharing the first two letters ("Joe" / "Joseph"); a j inside the name is the y of another
    romanization ("Benjamin" / "Benyamin")."""
    fa, fb = (spelling_fold(n[:1] + n[1:].replace("j", "y")).replace("x", "ks") for n in (a, b))
    if fa == fb or skeleton(fa) == skeleton(fb):
        return True
    short, long_ = sorted((fa, fb), key=len)
    if long_.startswith(short) and (len(short) == 1 or len(short) >= 3):
        return True
    return len(short) <= 3 and len(long_) > len(short) + 1 and long_[:2] == short[:2]


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _given_names(forms: list[str], cyrillic: bool) -> set[str]:
    """The given names (lower case) of the name forms of one script: the first word of a form of two words or more,
    titles dropped, unless the form is the tail of a longer one ("<Middle> <Surname>" of "<Given> <Middle>
    <Surname>", "von der <Surname>")."""
    tails = []
    for form in forms:
        if bool(_CYRILLIC.search(form)) != cyrillic:
            continue
        words = strip_accents(LEADING_PERSON_TITLES.sub("", form.strip())).replace("-", " ").split()
        words = [w.rstrip(".,") for w in words if w.rstrip(".,")]
        if len(words) >= 2 and words[0][:1].isupper() and words[0].isalpha():
            tails.append(tuple(w.casefold() for w in words))
    return {t[0] for t in tails if not any(len(o) > len(t) and o[-len(t):] == t for o in tails)}


def conflicting_given_names(forms: list[str] | None, known: list[str] | None = None) -> list[str]:
    """The given names of one actor's name forms when they cannot all be one person's ("<A> Smith" and
    "<B> Smith" merged into one actor), else []. Compared within one script; a form that is the tail
    of a longer one or of one word (a surname) has no given name of its own; titles are dropped; spelling
    variants, initials and short forms agree. `known`: the forms a curated seed gives the actor — one person's by
    definition ("Mike" and "Michael", a formal name and a nickname, two romanizations): a given name agrees with them
    when it agrees with any one of them, and only the others can conflict."""
    conflicts: list[str] = []
    for cyrillic in (False, True):
        seeded = _given_names(list(known or []), cyrillic)
        given = _given_names(list(forms or []), cyrillic)
        others = sorted(n for n in given if not any(n == k or _given_names_compatible(n, k) for k in seeded))
        names = sorted(set(others) | ({min(seeded & given or seeded)} if seeded and others else set()))
        if not all(_given_names_compatible(a, b) for i, a in enumerate(names) for b in names[i + 1 :]):
            full = [n for n in names if len(n) > 1]
            conflicts += [n.title() for n in (full if len(full) >= 2 else names)]
    return conflicts


# --- grammatical gender of a named person: may "he" / "she" refer to them? -----------------------

_FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "madam", "madame", "mme", "lady", "dame", "queen", "princess", "baroness"})
_MALE_TITLES = frozenset({"mr", "sir", "lord", "king", "prince", "baron", "emir", "sheikh"})
# role nouns that carry a gender ("a spokeswoman for ...", "the congressman"); "chairman" does not
_FEMALE_ROLE_WORDS = frozenset({
    "spokeswoman", "congresswoman", "businesswoman", "chairwoman", "councilwoman", "assemblywoman",
    "policewoman", "actress", "wife", "widow", "mother", "daughter", "sister", "grandmother", "woman", "girl",
    "queen", "princess", "duchess", "countess", "first lady", "mrs", "ms",
})
_MALE_ROLE_WORDS = frozenset({
    "spokesman", "congressman", "businessman", "councilman", "assemblyman", "policeman", "husband",
    "widower", "father", "son", "brother", "grandfather", "man", "boy", "king", "prince", "duke", "mr",
})
_TITLE_BEFORE = re.compile(r"\b([A-Za-z]+)\.?\s+$")
# Slavic surnames and patronymics in Latin script inflect for gender: "-ova" / "-ovna" are a woman's
_FEMALE_SLAVIC = re.compile(r"(?:ova|eva|yova|iova|skaya|tskaya|zkaya|ovna|evna|ichna)$")
_MALE_SLAVIC = re.compile(r"(?:[^aeiou]ov|[^aeiou]ev|yov|ovich|evich)$")


def _given_name_genders() -> dict[str, str]:
    from extraction.seeds import seed_path

    return _given_name_genders_in(seed_path("given_names"))


@lru_cache(maxsize=4)
def _given_name_genders_in(path: Path) -> dict[str, str]:
    from extraction.seeds import read_rows

    if not path.is_file():
        return {}
    return {strip_accents(r["given_name"]).casefold(): r["gender"] for r in read_rows(path.stem, path.parent)}


def person_gender(name: str, before: str = "", role: str | None = None) -> str | None:
    """'female', 'male' or None (unknown, or the evidence disagrees) for a person the text names `name`,
    from a title just before the name in the text (`before`: "Mrs. ", "Sir "), a gendered role noun
    ("spokeswoman"), the given name (curated seed dbt/seeds/given_names.csv) and the gender endings of
    Slavic surnames and patronymics in Latin script ("-ova", "-ovna"). Used to keep "she said" from
    being attributed to a man named earlier, and "he" from a woman."""
    votes: set[str] = set()
    title = _TITLE_BEFORE.search(before[-16:])
    if title:
        word = title.group(1).casefold()
        votes |= {"female"} if word in _FEMALE_TITLES else {"male"} if word in _MALE_TITLES else set()
    role_words = set(re.findall(r"[a-z]+", (role or "").casefold()))
    if role_words & _FEMALE_ROLE_WORDS or "first lady" in (role or "").casefold():
        votes.add("female")
    if role_words & _MALE_ROLE_WORDS:
        votes.add("male")
    lead = re.match(r"^\s*([A-Za-z]+)\.?\s", name)
    if lead and lead.group(1).casefold() in _FEMALE_TITLES:
        votes.add("female")
    elif lead and lead.group(1).casefold() in _MALE_TITLES:
        votes.add("male")
    words = [w for w in re.split(r"[\s-]+", strip_accents(LEADING_PERSON_TITLES.sub("", name.strip()))) if w.isalpha()]
    if words:
        given = _given_name_genders().get(words[0].casefold()) if len(words) >= 2 else None
        if given:
            votes.add(given)
        elif words[-1][:1].isupper():
            last = words[-1].casefold()
            if _FEMALE_SLAVIC.search(last):
                votes.add("female")
            elif _MALE_SLAVIC.search(last) and len(last) > 4:
                votes.add("male")
    return next(iter(votes)) if len(votes) == 1 else None


def has_given_name(name: str) -> bool:
    """Whether a name of two or three words opens with a given name of the curated seed ("Anna Petrova")."""
    words = name.split()
    return 2 <= len(words) <= 3 and strip_accents(words[0]).casefold() in _given_name_genders()


def pronoun_may_refer(text: str, start: int, name: str, pronoun_gender: str, role: str | None = None) -> bool:
    """May a "he" / "she" (`pronoun_gender`) refer to the person named `name` at `start` of `text`? Yes
    unless the name, a title just before it or its role says otherwise."""
    known = person_gender(name, text[max(0, start - 16) : start], role)
    return known is None or known == pronoun_gender
