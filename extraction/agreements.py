"""Agreements: named treaties, pacts, MoUs and deals, and the descriptions and anaphora that refer to
them ("the 20-year treaty", "this accord"), merged into one agreement per document with its type,
status, signing date, duration, article count and parties.

NER of the small English model labels treaty names FAC/ORG/WORK_OF_ART, so agreements are found
from their head noun and the capitalized or topical words before it, not from NER labels.
"""

from __future__ import annotations

import itertools
import re
from datetime import date
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from extraction.dates import CALENDAR_NAMES, find_dates
from extraction.gazetteer import Gazetteer, Places
from extraction.model import Agreement, Mention, Sentences
from extraction.parse import (
    AGREEMENT_VERBS,
    BREAKING_VERBS,
    KEEPING_VERBS,
    NEAR_WORDS,
    NOT_ON_THEIR_OWN,
    TRIGGER_VERBS,
    ParsedSentence,
    cue_forms,
    title_case_headline,
    verb_forms,
)
from extraction.seeds import ranks, read_rows, seed_list

_HEADS = {
    "treaty": "treaty",
    "treaties": "treaty",
    "pact": "pact",
    "agreement": "agreement",
    "accord": "agreement",
    "accords": "agreement",
    "deal": "deal",
    "memorandum": "memorandum",
    "mou": "memorandum",
    "memorandum of understanding": "memorandum",
    "joint statement": "statement",
    "joint declaration": "statement",
    "declaration": "statement",
    "contract": "contract",
    "convention": "treaty",
    "charter": "other",
    "protocol": "other",
    "roadmap": "other",
    "ceasefire": "ceasefire",
    "cease-fire": "ceasefire",
    "truce": "ceasefire",
    "armistice": "ceasefire",
}
_HEAD = re.compile(
    r"\b(?P<head>memorandum of understanding|joint statement|joint declaration|declaration|treaty|pact|agreement|accord|deal|memorandum|MoU|contract|convention|ceasefire|cease-fire|truce|armistice|document|text)\b",
    re.I,
)
# Words that make a description specific ("grain deal", "strategic partnership treaty").
_TOPICAL = frozenset(
    [
        "comprehensive",
        "summit",
        "master",
        "truce",
        "armistice",
        "hostage",
        "strategic",
        "partnership",
        "cooperation",
        "trade",
        "free-trade",
        "security",
        "defence",
        "defense",
        "mutual",
        "grain",
        "nuclear",
        "peace",
        "ceasefire",
        "energy",
        "gas",
        "oil",
        "military",
        "economic",
        "investment",
        "bilateral",
        "framework",
        "transit",
        "arms",
        "non-aggression",
        "friendship",
        "visa",
        "border",
        "currency",
        "swap",
        "supply",
        "purchase",
        "loan",
        "debt",
        "fisheries",
        "prisoner",
        "exchange",
        "normalization",
        "normalisation",
        "association",
        # the subject of the instrument ("a free trade agreement", "the accession protocol", "a climate pact")
        "free",
        "accession",
        "climate",
        "migration",
        "extradition",
        "readmission",
        "tax",
        "customs",
        "fishing",
        "maritime",
        "aviation",
    ]
)
_NEUTRAL = frozenset(
    [
        "landmark",
        "new",
        "historic",
        "long-term",
        "legally",
        "binding",
        "wide-ranging",
        "major",
        "broad",
        "sweeping",
        "formal",
        "final",
        "draft",
        "proposed",
        "interim",
        "extended",  # "Word of Extended Cease-Fire": the participle describes it (its status: `clause_status`)
        "renewed",
        "prolonged",
    ]
)
_DETERMINERS = re.compile(
    r"(?:\b(?:the|a|an|this|that|these|those|its|their|his|her|our)\s+|[\w-]+(?:'s|’s)\s+)$", re.I
)
_NEGATED = re.compile(
    r"\b(?:short\s+(?:of|on)|no|not|without|any|never|unlike\s+a|rather\s+than)\s+(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){0,3}$",
    re.I,
)
# Lifecycle statuses, most advanced first (ranks: seeds/agreement_statuses.csv); the status of a report
# is the most advanced one its sentence states.
_STATUS = [
    ("withdrawn", re.compile(r"\b(?:withdr[ae]w|withdrawn|withdrawing|pulled\s+out|pulls\s+out|exit(?:ed|s)?|quit|quits|tore\s+up|"
                             r"scrapped|abandon(?:ed|s)|terminated|renounced)\b", re.I)),
    ("suspended", re.compile(r"\b(?:suspend(?:ed|s)?|froze|frozen|collaps(?:ed|es)|halted|paused)\b", re.I)),
    ("in_force", re.compile(r"\b(?:entered|enters|came|comes)\s+into\s+force|\btook\s+effect|\bin\s+force\b|"
                            r"\b(?:went|goes|came)\s+into\s+effect\b|\btakes\s+effect\b", re.I)),
    ("ratified", re.compile(r"\bratif(?:ied|ies|y)\b", re.I)),
    ("signed", re.compile(r"\b(?:signed|signs|inked|concluded|sealed|clinched)\b|"
                          # a headline's present tense, "The two countries sign a 20-year treaty" (not "to sign")
                          r"(?<!\bto\s)(?<!\bnot\s)(?<!\bwill\s)(?<!\bwould\s)(?<!\bcould\s)(?<!\bmay\s)(?<!\bmight\s)"
                          r"(?<!\bcan\s)(?<!\bmust\s)(?<!\bshould\s)(?<!\bshall\s)(?<!\bto\s)\bsign\s+(?:an?|the|\d|[$£€¥₽]|"
                          # … and right before the agreement: "X, Y Sign Border Pact"
                          r"(?:[\w'’-]+\s+){0,3}(?:deal|agreement|accord|pact|treaty|truce|cease-?fire|memorandum|contract)\b)",
                          re.I)),
    ("planned", re.compile(r"\b(?:to\s+sign|will\s+sign|would\s+sign|ready\s+for\s+signature|to\s+be\s+signed|set\s+to\s+sign|"
                           r"expected\s+to\s+sign|will\s+formalize|is\s+to\s+be\s+signed)\b", re.I)),
    ("negotiated", re.compile(r"\b(?:negotiat\w*|agreed|reached|struck|brokered|hammered\s+out|finali[sz]ed|approved|"
                              r"endorsed|talks\s+on|in\s+talks|agrees?\s+(?:on|to)|"
                              # a headline's present tense right before the agreement: "X, Y Reach Debt Deal"
                              r"(?:reach(?:es)?|strikes?|near(?:s|ed|ing)?|clos(?:e|er)\s+(?:to|on)|clos(?:e|es|ing)\s+in\s+on|"
                              # "on the cusp of / on the verge of / on the brink of a deal": about to be agreed
                              r"on\s+(?:the\s+)?(?:cusp|verge|brink)\s+of)\s+(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){0,3}"
                              r"(?:deal|agreement|accord|pact|truce|cease-?fire))\b", re.I)),
    ("proposed", re.compile(r"\b(?:propos(?:ed|es|al)|draft(?:ed|ing)?|plan(?:ned|s)?|offer(?:ed|s)?|floated|pushing\s+for|"
                            r"call(?:ed|s)?\s+for|seek(?:s|ing)?|sought|pursu(?:ing|es|ed))\b", re.I)),
]
_CALENDAR_WORD = rf"(?:{'|'.join(CALENDAR_NAMES)})\b"
_CALENDAR_ONLY = re.compile(rf"{_CALENDAR_WORD}|(?:19|20)\d\d", re.I)
_NAME_CONTINUATION = re.compile(
    rf"\s+(?:on|of|for|between)\s+(?:the\s+)?(?:(?!{_CALENDAR_WORD})[A-Z][\w’'-]*\s*(?:and\s+|of\s+|on\s+)?){{1,8}}"
)
# a lower-case word that is no function word right after a capitalized run: the noun phrase goes on ("for <X> Corp
# shares"), the run was its modifier, not a name
_NOUN_PHRASE_GOES_ON = re.compile(r"(?!(?:in|at|on|with|by|from|to|and|or|was|is|has|had|were|are|will|would|that|which|"
                                  r"as|after|before|since|for|of|the|a|an|it|its|but|when|while)\b)[a-z]")
_TRAILING_CONNECTORS = re.compile(r"(?:\s+(?:and|of|on))*\s*$")
_DURATION = re.compile(
    r"\b(?P<n>\d{1,3})[- ]year\b|\b(?:for|term\s+of|period\s+of|duration\s+of)\s+(?:the\s+next\s+|a\s+period\s+of\s+)?(?P<m>\d{1,3})\s+years\b",
    re.I,
)
_ARTICLES = re.compile(r"\b(?P<n>\d{1,4})\s+articles\b", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_CAP = re.compile(r"^[A-Z][\w’'-]*$|^[A-Z0-9][A-Z0-9+-]+$")


_FUNCTION_WORDS = frozenset(
    [
        "unlike",
        "like",
        "under",
        "after",
        "before",
        "despite",
        "with",
        "without",
        "since",
        "while",
        "although",
        "though",
        "as",
        "for",
        "in",
        "on",
        "at",
        "by",
        "from",
        "during",
        "following",
        "amid",
        "including",
        "meanwhile",
        "however",
        "but",
        "and",
        "yet",
        "also",
        "once",
        "when",
        "if",
        "because",
        "than",
    ]
)


# "convention" as a gathering, not a treaty: a party's or an annual one, or one held in a hall or a city
_GATHERING_BEFORE = re.compile(
    r"\b(?:democratic|republican|gop|labou?r|conservative|tory|liberal|party|national|nominating|annual|political"
    r"|leadership|comic|fan|trade|state|county|delegates?)(?:['’]s)?[ \t]+(?:national[ \t]+)?$", re.I)
_GATHERING_AFTER = re.compile(r"[ \t]+(?:cent(?:er|re)|hall|delegates?|speech|floor|stage|goers?)\b|[ \t]+in[ \t]+(?-i:[A-Z])", re.I)
# "the <ACR> convention": an organisation's gathering, unless it is on a topic ("convention on …")
_ACRONYM_BEFORE = re.compile(r"\b[A-Z]{2,6}[ \t]+$")
_CONVENTION_TOPIC = re.compile(r"[ \t]+(?:on|against|for|of|relating)\b")
# a pronoun subject right before a word ("he deals", "they'll deal"): the word is a verb
_SUBJECT_BEFORE = re.compile(r"(?:\b(?:I|we|you|they|he|she|it)|['’]ll|['’]d)\s+$", re.I)
# an infinitive marker or a modal right before a word: the word is a verb
_VERB_BEFORE = re.compile(r"\b(?:to|will|would|could|may|might|shall|should|must|can)\s+$", re.IGNORECASE)


def _names_something(text: str, s: int, e: int, s_start: int, s_end: int, mentions: list[Mention],
                     places: Places | None) -> bool:
    """In a Title Case headline, whether the word at [s, e) belongs to a name: an actor or place the text
    names there, a description word, a year, an acronym, a hyphenated pair of names, or a word the body
    itself capitalizes in mid-sentence ("… under the Good Friday Agreement")."""
    word = text[s:e].rstrip("’'")
    w = word.casefold().removesuffix("’s").removesuffix("'s")
    if w in _TOPICAL or w in _NEUTRAL or re.fullmatch(r"(?:19|20)\d\d|\d{1,3}-year", w):
        return True
    if word.isupper() and len(word) > 1:
        return True
    if any(m.start <= s and e <= m.end + 2 for m in mentions):
        return True
    if places is not None and any(s_start + ps <= s and e <= s_start + pe + 2 for ps, pe, _ in places.find(text[s_start:s_end])):
        return True
    if _HYPHEN_PAIR.fullmatch(word):
        return True
    core = re.escape(word.removesuffix("’s").removesuffix("'s"))
    body = text[:s_start] + " " + text[s_end:]
    return re.search(rf"[a-z,;]\s+{core}\b", body) is not None


# a question's or an aside's opening word at the start of a sentence: "Could <X>'s deal …", "Why the deal …"
_LEAD_AUXILIARY = re.compile(r"(?:Could|Would|Will|Can|Should|Does|Did|Do|Is|Are|Was|Were|Has|Have|Why|How|What|When|"
                             r"Where|Whether|Inside|Explainer)\s+")


def _capital_word(word: str) -> bool:
    """A word written with a capital that may name something: "Windsor", "AUKUS" (not "The", nor the article "A")."""
    return word != "The" and bool((_CAP.match(word) and not word.isupper()) or (word.isupper() and len(word) > 1))


def _capitals_name(text: str, start: int, head_start: int, head_end: int, s_start: int, title_case: bool) -> bool:
    """Whether an agreement's name, from `start` to its head, is a proper name by a capital the text did not have
    to write: in a Title Case headline, and at the start of a sentence, the head's own capital ("Deal Reached",
    "Cease-Fire Holds") and a topic word's ("Trade Deal") tell nothing. (A name the named_agreements seed knows
    is named by `known_agreements`.)"""
    for w in re.finditer(r"\S+", text[start:head_end]):
        s, word = start + w.start(), w.group(0)
        if not _capital_word(word):
            continue
        if not (title_case or s == s_start):
            return True
        if s != head_start and word.casefold().rstrip(",:;") not in _TOPICAL | _NEUTRAL:
            return True
    return False


def _runs_on_as_name(text: str, cont: re.Match[str]) -> bool:
    """In running text, whether a lower-case head's capitalized continuation makes a proper name: two capitalized
    words after "on / of" ("the treaty on Conventional Armed Forces"), not a run that modifies a noun after it ("for
    <X> Corp shares")."""
    return re.match(r"\s+(?:on|of)\b", cont.group(0)) is not None and len(re.findall(r"\b[A-Z]", cont.group(0))) >= 2 \
        and _NOUN_PHRASE_GOES_ON.match(text, cont.end()) is None


def _continues_name(text: str, cont: re.Match[str], s_start: int, s_end: int, mentions: list[Mention],
                    places: Places | None) -> bool:
    """Whether a capitalized continuation ("… Deal on <words>") of a Title Case headline is part of the name:
    every word but its connectors names something."""
    return all(_names_something(text, cont.start() + w.start(), cont.start() + w.end(), s_start, s_end, mentions, places)
               for w in re.finditer(r"[\w’'-]+", cont.group(0))
               if w.group(0).casefold() not in ("on", "of", "for", "between", "the", "and"))


def _headline_name_start(text: str, start: int, head_start: int, head: str, s_start: int, s_end: int,
                         mentions: list[Mention], places: Places | None) -> int:
    """In a Title Case headline every word is capitalized and the parse is poor, so the name keeps only
    the words before its head that name something (`_names_something`) or that the body itself writes
    before the head noun ("<topic> pact"), and stops at a word that reads as a verb: "<X> Wins Deal" and
    "<Y> Moves to Block Deal" lose the verb and what comes before it."""
    body = (text[:s_start] + " " + text[s_end:]).casefold()
    kept = head_start
    after_connector = False
    for w in reversed(list(re.finditer(r"[\w’'-]+", text[start:head_start]))):
        word = w.group(0)
        if word.casefold() in ("of", "on", "and", "for"):
            after_connector = True
            continue  # a connector stays only inside the name (the next kept word moves the start past it)
        if _names_something(text, start + w.start(), start + w.end(), s_start, s_end, mentions, places) or re.search(
                rf"\b{re.escape(word.casefold())}\s+(?:[\w-]+\s+){{0,2}}{re.escape(head.casefold())}\b", body):
            kept = start + w.start()
            after_connector = False
            continue
        if after_connector:
            break  # "Claims of <Name> Deal", "Hopes of …": the noun the name is the object of, not part of it
        stem = word.casefold().removesuffix("e")
        if re.search(rf"\b{re.escape(stem)}(?:ing|ed)\b", body) and len(stem) >= 3:
            break  # "<X> Probe <Name> Deal" and the body's "are probing": a headline's verb
        # a word known as nothing may still be an unknown name ("<Region> Truce"); it is a headline's verb
        # when it reads as one: a present tense in -s after a named subject ("<X> Wins", "<X> Forms") or an
        # infinitive ("to Stop")
        prev = list(re.finditer(r"[\w’'-]+", text[s_start : start + w.start()]))
        subject = bool(prev) and _names_something(text, s_start + prev[-1].start(), s_start + prev[-1].end(), s_start,
                                                  s_end, mentions, places)
        # ("<Adjective> <Plural noun> Pact": a plural noun, no subject named before it)
        verb_like = (subject and re.fullmatch(r"[A-Z][a-z]+[^s\W]s", word) is not None) \
            or re.search(r"\b[Tt]o\s+$", text[max(s_start, start + w.start() - 4) : start + w.start()]) is not None
        if verb_like:
            break
        kept = start + w.start()
    return kept


def _walk_back(text: str, head_start: int, floor: int) -> int:
    """Start of the modifiers before a head noun: capitalized words, topical words, years, 'N-year' — a
    name does not open with a connector ("… Downplays Hopes of Debt Deal" → "Debt Deal")."""
    pos = _modifiers_start(text, head_start, floor)
    while m := re.match(r"(?:of|on|and|for)\s+|(?:[$£€¥₽]?\d[\d.,]*\s*)?(?:[Bb]illion|[Mm]illion|[Tt]rillion|[Bb]n|[Mm]n)\s+",
                        text[pos:head_start]):
        pos += m.end()  # nor with the money it is worth ("$N Billion Deal" is a deal, not a name)
    return pos


def _modifiers_start(text: str, head_start: int, floor: int) -> int:
    pos = head_start
    while True:
        m = re.search(r"([\w’'+-]+)[ \t]+$", text[max(floor, pos - 40) : pos])  # a name never crosses a line
        if not m:
            return pos
        word = m.group(1)
        w = word.casefold()
        if w in ("the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our"):
            return pos
        if w in _FUNCTION_WORDS:
            return pos  # "Unlike Russia's 2024 treaty": capitalized only because it starts the sentence
        if w in _headline_verbs():
            return pos  # a Title Case headline, "Russia Sign Partnership Treaty": the verb is not the name
        if (
            _CAP.match(word)
            or w in _TOPICAL
            or w in _NEUTRAL
            or re.fullmatch(r"(?:19|20)\d\d|\d{1,3}-year|legally|binding", w)
            or (
                w in ("of", "on", "and", "for")
                and pos != head_start
                and _CAP.match(text[pos : pos + 30].split()[0] if text[pos : pos + 30].split() else "")
            )
        ):
            pos = max(floor, pos - 40) + m.start(1)
            continue
        return pos


# forms of the verbs that make an agreement ("signed a contract with …"), from the one lexicon
_SIGNING_VERBS = frozenset(verb_forms([v for v, st in AGREEMENT_VERBS.items() if st in ("signed", "ratified", "negotiated")]))


@lru_cache(maxsize=1)
def _headline_verbs() -> frozenset[str]:
    """Verb forms that end an agreement's name when walking back through a Title Case headline ("A, B to
    Close Fishing Deal", "Council Backs <Region> Truce", "X Seals Border Deal"): every verb form of the
    agreement, meeting and reporting lexicons, but the forms that are as often nouns ("state", "report",
    "talks") and the words that describe an agreement ("draft", "exchange")."""
    forms = set(_VERB_LEMMAS) | set(verb_forms(TRIGGER_VERBS)) | set(cue_forms())
    # (of the forms too common to make a sentence a candidate, those that are never nouns stay verbs here:
    # "<A>, <B> Agree EV Deal")
    return frozenset(forms - (NOT_ON_THEIR_OWN - _NEVER_NOUNS) - _TOPICAL - _NEUTRAL)


_NEVER_NOUNS = frozenset(["agree", "agrees", "conclude", "concludes"])


def _head_token(parsed: list[ParsedSentence], offset: int) -> tuple[ParsedSentence, Any] | None:
    for ps in parsed:
        if ps.start <= offset < ps.end:
            for tok in ps.doc:
                s, e = ps.span(tok)
                if s <= offset < e:
                    return ps, tok
    return None


def _own_phrase(ps: ParsedSentence, head: Any) -> tuple[int, int]:
    """The body span of an agreement noun with its own modifiers and its topic: "migration deal",
    "deal on migration" (not the determiner, the possessor or a clause about it)."""
    left = [t for c in head.children if c.dep_ in ("compound", "amod", "nmod") and c.i < head.i
            and not c.tag_.startswith("VB") for t in c.subtree]
    right: list[Any] = []
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "over", "for", "to") and c.i == head.i + 1:
            if any(x.dep_ == "pobj" and (x.ent_type_ in ("DATE", "TIME") or _CALENDAR_ONLY.fullmatch(x.text))
                   for x in c.children):
                continue  # "a ceasefire on Friday", "the deal for 2025": when, not what about
            skip = {t.i for x in c.subtree if x.dep_ in ("relcl", "acl") for t in x.subtree}
            right = [t for t in c.subtree if t.i not in skip]
    toks = [*left, head, *right]
    return ps.span(min(toks, key=lambda t: t.i), max(toks, key=lambda t: t.i))


_HYPHEN_PAIR = re.compile(r"\b([A-Z][\w’']+)[-–]([A-Z][\w’']+)\b")
_PAIR_BEFORE = re.compile(r"(?<![\w-])[A-Z][\w’']+[-–][A-Z][\w’']+[ \t]+$")  # "<A>-<B> " right before a head noun


def _hyphen_parties(text: str, start: int, end: int, mentions: list[Mention], places: Places | None,
                    gazetteer: Gazetteer | None) -> dict[str, Mention]:
    """The two sides of a hyphenated pair in an agreement's name ("<Demonym>-<Country> deal",
    "<Demonym>-<Demonym> treaty", "Franco-<Demonym> deal", "<Country>-<Group> truce"), each a country
    mention, a seed organisation, a demonym of the places seed or, first, a combining form of it."""
    out: dict[str, Mention] = {}
    for m in _HYPHEN_PAIR.finditer(text, start, end):
        sides: list[Mention] = []
        for g in (1, 2):
            s, e = m.span(g)
            # a country, or an organisation of the seed ("<Country>-<Group> truce", "<Bloc>-<Bloc> deal")
            mention = next((x for x in mentions if x.start <= s and e <= x.end and (
                x.actor_type == "country" or (x.actor_type == "organization" and x.actor_key))), None)
            if mention is None and places is not None and gazetteer is not None:
                place = places.by_name.get(m.group(g))
                code = place.country_code if place and place.kind == "demonym" else \
                    places.combining_forms.get(m.group(g)) if g == 1 else None  # "Franco-<Demonym>"
                country = gazetteer.country(code) if code else None
                if country is not None:
                    mention = Mention(s, e, m.group(g), country.actor_id, country.canonical_name, "country",
                                      country.country_code, "pattern", 0.7)
            if mention is None or not mention.actor_key:
                break
            sides.append(mention)
        if len(sides) == 2 and sides[0].actor_key != sides[1].actor_key:
            for x in sides:
                out.setdefault(x.actor_key or "", x)
    return out


# what a demonym may stand before and still be a side itself: "between the <demonym> and <demonym> sides",
# "a deal with <demonym> and <demonym>" — not "<demonym> firms", "<demonym> investors"
_SIDE_AFTER_DEMONYM = re.compile(r"(?:[ \t]+(?:and|government|governments|side|sides|authorities|officials|"
                                 r"negotiators|counterparts)\b|[ \t]*(?:[,.;:)]|$))")


def _demonym_sides(text: str, start: int, end: int, places: Places, gazetteer: Gazetteer) -> dict[str, Mention]:
    """The countries of the demonyms that name a side in "with …" / "between …" after an agreement ("a deal
    with <demonym> and <demonym>", "between the <demonym> and <demonym> sides"), as country mentions."""
    out: dict[str, Mention] = {}
    for w in re.finditer(r"[A-Z][\w’'-]*", text[start:end]):
        place = places.by_name.get(w.group(0))
        s, e = start + w.start(), start + w.end()
        if place is None or place.kind != "demonym" or not _SIDE_AFTER_DEMONYM.match(text, e):
            continue
        country = gazetteer.country(place.country_code)
        if country is not None:
            out.setdefault(country.actor_id, Mention(s, e, w.group(0), country.actor_id, country.canonical_name,
                                                     "country", country.country_code, "pattern", 0.7))
    return out


def _party_key(m: Mention, mentions: list[Mention] | None = None) -> tuple[str, Mention] | None:
    """How a named actor takes part: a country or organization as itself, a person for their country —
    as the text's nearest mention of that country when it names it (`mentions`: the document's)."""
    if m.actor_type == "country" and m.actor_key:
        return m.actor_key, m
    if m.actor_type == "organization":
        return m.identity, m
    if m.actor_type == "person" and m.country_code:
        return _as_state(m, mentions or [])
    return None


def _as_state(person: Mention, mentions: list[Mention]) -> tuple[str, Mention]:
    """A leader who signs for their state: the state is the party, named by the text's nearest mention of
    it ("<Country>'s president <Name> signed …" → <Country>), else keyed by the person's country code."""
    same = [m for m in mentions if m.actor_type == "country" and m.actor_key and m.country_code == person.country_code
            and m.method == "gazetteer"]  # the country's own name, not a region or city that stands for it
    if same:
        nearest = min(same, key=lambda m: abs(m.start - person.start))
        return nearest.actor_key or "", nearest
    return f"country:{person.country_code}", person


# with a particle: "pulled out of", "walked away from", "tore up", "hammered out", "called for", "pushed for"
_PHRASAL_LIFECYCLE: dict[tuple[str, str], str] = {
    ("pull", "out"): "withdrawn", ("walk", "away"): "withdrawn", ("back", "out"): "withdrawn",
    ("tear", "up"): "withdrawn", ("hammer", "out"): "negotiated", ("call", "for"): "proposed",
    ("push", "for"): "proposed", ("press", "for"): "proposed", ("work", "on"): "negotiated",
}
# nouns on the path from the name to its verb: "ratification of the treaty", "talks on a deal"
_LIFECYCLE_NOUNS: dict[str, str] = {
    "ratification": "ratified", "withdrawal": "withdrawn", "exit": "withdrawn", "suspension": "suspended",
    "talks": "negotiated", "negotiations": "negotiated", "negotiation": "negotiated", "proposal": "proposed",
    "draft": "proposed", "extension": "in_force", "renewal": "in_force", "violation": "in_force",
    "violations": "in_force", "breach": "in_force", "breaches": "in_force",
}
# the agreement's own modifiers: "the proposed deal", "the treaty signed in 2019", "the draft accord"
_LIFECYCLE_MODIFIERS: dict[str, str] = {
    "proposed": "proposed", "draft": "proposed", "mooted": "proposed", "tentative": "negotiated",
    "signed": "signed", "ratified": "ratified", "agreed": "negotiated", "negotiated": "negotiated",
    "suspended": "suspended", "defunct": "withdrawn", "scrapped": "withdrawn", "abandoned": "withdrawn",
}
# A verb of making or ending an agreement whose subject is a party of it; who brokers, approves, discusses,
# drafts, calls for or demands an agreement (a mediator, a regulator, an outside power) is not, and an
# agreement that collapses, expires or pauses is its own subject.
_NOT_PARTY_VERBS = frozenset(["broker", "approve", "endorse", "discuss", "draft", "float", "demand", "urge", "table",
                              "unveil", "call", "push", "press", "collapse", "expire", "lapse", "halt", "pause"])
_PARTY_VERBS = (frozenset(AGREEMENT_VERBS) | {v for v, _ in _PHRASAL_LIFECYCLE}) - _NOT_PARTY_VERBS
_ACTIVE_ONLY_PARTY_VERBS = frozenset(["announce"])
_MODALS = frozenset(["will", "would", "could", "may", "might", "should", "shall", "must", "can", "'ll", "’ll", "wo"])
# verbs over an infinitive that put it in the future or in doubt: "plans to sign", "threatened to withdraw"
_INTENT_VERBS = frozenset(["plan", "set", "expect", "hope", "want", "seek", "aim", "prepare", "intend", "due",
                           "ready", "poised", "likely", "agree", "try", "vow", "pledge", "promise", "threaten",
                           "consider", "weigh", "propose", "offer", "look", "move", "push", "urge", "ask"])
# lifecycle verbs whose subject is the agreement itself: "the truce collapsed", "the treaty expired"
_INTRANSITIVE = frozenset(["collapse", "expire", "lapse", "halt", "pause"])
_ACCUSING = frozenset(verb_forms(["accuse", "blame", "suspect"]))
# verbs of keeping or breaking an agreement that presuppose it in force, whatever their mood
_PRESUPPOSING = frozenset([*KEEPING_VERBS, *BREAKING_VERBS])
# what of an agreement is kept or broken, on the path from its name to the verb: "violated the terms of the truce"
_TERMS = frozenset(["terms", "term", "spirit", "letter", "provisions", "provision", "conditions", "rules", "clauses"])
_NEVER_VERBS = frozenset(["fail", "refuse", "decline", "reject", "oppose", "resist", "avoid"])


def _lemma(tok: Any) -> str:
    """A verb's lemma from its surface form (the pipeline runs without a lemmatizer)."""
    return _VERB_LEMMAS.get(tok.lower_, tok.lower_)


# verbs that, with the agreement itself as their subject and nothing as their object, say it is being kept:
# "a four-day truce began on Friday", "<A>-<B> Ceasefire Holds"
_STARTING_FORMS = frozenset(verb_forms(["begin", "start", "hold"]))  # (not headline verbs: "New Start treaty")


def _verb_lemmas() -> dict[str, str]:
    return verb_forms([*AGREEMENT_VERBS, *{v for v, _ in _PHRASAL_LIFECYCLE}, *_INTENT_VERBS, *_NEVER_VERBS])


_VERB_LEMMAS = _verb_lemmas()


# "entered into force", "came into effect", "took effect": every form, not only the bare one ("will take effect")
_INTO_FORCE = verb_forms(["enter", "come", "go", "take"])


def _verb_status(verb: Any) -> str | None:
    lemma = _lemma(verb)
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "advmod")}
    if lemma == "close" and any(c.dep_ == "prt" and c.lower_ == "in" for c in verb.children):
        return "negotiated"  # "closing in on a deal": nearing one (not "closed the deal in May")
    for (v, p), st in _PHRASAL_LIFECYCLE.items():
        if lemma == v and p in particles:
            return st
    into_force = _INTO_FORCE.get(verb.lower_)
    if into_force in ("enter", "come", "go") and any(
        c.dep_ == "prep" and c.lower_ == "into" and any(x.lower_ in ("force", "effect") for x in c.children)
        for c in verb.children
    ):
        return "in_force"
    if into_force == "take" and any(c.lower_ in ("effect", "hold") for c in verb.children):
        return "in_force"  # "took effect", "the truce took hold"
    if into_force == "come" and any(c.dep_ == "prep" and c.lower_ == "to" and any(x.lower_ == "end" for x in c.children)
                                    for c in verb.children):
        return "withdrawn"  # "the ceasefire came to an end"
    if lemma in ("pull", "walk", "back", "tear", "call", "push", "press", "work", "hammer"):
        return None  # without its particle the verb says nothing of an agreement
    return AGREEMENT_VERBS.get(lemma)


def _mood(verb: Any) -> str:
    """'negated', 'future' (a modal, or an infinitive under plan/expect/threaten/…) or 'asserted'."""
    if any(c.dep_ == "neg" or c.lower_ in ("never", "not", "n't") for c in verb.children):
        return "negated"
    tok = verb
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS for c in tok.children):
        return "future"
    if tok.dep_ in ("xcomp", "ccomp", "acl", "advcl") and any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children):
        gov = tok.head
        if _lemma(gov) in _NEVER_VERBS or any(c.dep_ == "neg" for c in gov.children):
            return "negated"
        if _lemma(gov) in _INTENT_VERBS or gov.lower_ in _INTENT_VERBS or gov.tag_.startswith(("JJ", "NN")):
            return "future"
        # a purpose, "visited Moscow to sign the treaty": as sure as the visit ("is set to visit … to sign")
        return _mood(gov) if gov.tag_.startswith("VB") else "future"
    if tok.dep_ == "pcomp" and tok.head.lower_ in ("before", "ahead"):
        return "future"
    return "asserted"


_FUTURE_STATUS = {"signed": "planned", "ratified": "signed", "in_force": "signed", "negotiated": "negotiated",
                  "proposed": "proposed", "planned": "planned"}


def clause_status(head: Any) -> tuple[str, Any] | None:
    """Where the agreement named by `head` stands by its own clause, and the verb that says so: its own
    modifiers ("the proposed deal", "the treaty signed in 2019"), else the first lifecycle word on the
    path from the name up to its verb ("X signed the treaty", "the treaty was ratified", "X pulled out
    of the deal", "X revoked its ratification of the treaty"). A negated verb says the agreement stands
    nowhere ('unknown'); a modal or intended one is a signing to come ('planned') or nothing (a threat
    to withdraw). None when the clause has no lifecycle word."""
    own = _modifier_status(head)
    path = _path_status(head)
    if own and path:
        rank = ranks("agreement_statuses", "status")
        return own if rank[own[0]] > rank[path[0]] else path  # "the treaty signed in January was ratified"
    return own or path


def _modifier_status(head: Any) -> tuple[str, Any] | None:
    for c in head.children:
        if c.dep_ in ("amod", "compound") and c.i < head.i and c.tag_ in ("VBZ", "VBP") \
                and (any(x.dep_ == "nsubj" for x in c.children) or all(
                    t.dep_ in ("compound", "amod") and t.head.i == head.i and not t.tag_.startswith("VB")
                    for t in head.doc[c.i + 1 : head.i])) and (st := _verb_status(c)):
            # a headline's verb parsed as a modifier: "X signs trade deal with Y", "X, Y sign declaration", "<X> and
            # <Y> extend grain deal" (the subjects parsed as the noun's modifiers too)
            return st, c
        if c.dep_ in ("amod", "compound", "acl") and c.lower_ in _LIFECYCLE_MODIFIERS and c.i < head.i + 4:
            if c.dep_ == "acl" and any(x.dep_ in ("aux", "auxpass") and x.lower_ in _MODALS | {"to"} for x in c.children):
                continue
            return _LIFECYCLE_MODIFIERS[c.lower_], c
        if c.dep_ in ("acl", "relcl") and c.tag_.startswith("VB"):
            if _lemma(c) in _PRESUPPOSING and any(x.dep_ == "dobj" or (x.dep_ == "aux" and x.lower_ == "to")
                                                  for x in c.children):
                continue  # "a deal to extend the truce": the truce is kept, the deal is what does it
            st = _verb_status(c)
            if st:
                return _moodify(st, c), c
    return None


def _path_status(head: Any) -> tuple[str, Any] | None:
    found: str | None = None
    other_noun = False  # a noun on the path that is neither a lifecycle word nor the agreement's terms
    tok, hops = head, 0
    while tok.head is not tok and hops < 5:
        dep, tok = tok.dep_, tok.head
        hops += 1
        if dep not in ("pobj", "prep", "dobj", "nsubjpass", "nsubj", "conj", "appos", "compound", "attr", "agent",
                       "prt", "dative", "oprd", "advmod"):  # advmod: "walked away from the treaty"
            break
        if tok.tag_.startswith("NN"):
            noun = _LIFECYCLE_NOUNS.get(tok.lower_)
            if noun and found is None:
                found = noun
            other_noun = other_noun or (noun is None and tok.lower_ not in _TERMS)
            continue
        if tok.tag_.startswith(("VB", "MD")):
            st = _verb_status(tok)
            if _lemma(tok) in _PRESUPPOSING and found is None:
                if other_noun or dep not in ("dobj", "nsubjpass"):
                    return None  # "extend the deal's deadline", "extend its hold … with a deal": something else is kept
                # "<X> and <Y> extended the truce", "agreed to extend their truce", "accused <Y> of violating the
                # terms of the deal", "would violate the treaty": kept or broken, it is there, whatever the mood
                return ("unknown" if _mood(tok) == "negated" else "in_force"), tok
            if hops == 1 and dep == "nsubj" and tok.lower_ in _STARTING_FORMS and not any(
                    c.dep_ in ("dobj", "xcomp", "ccomp", "attr", "acomp", "prt") for c in tok.children):
                # "the truce began on Friday", "Ceasefire Holds": it is being kept (not "holds talks"); one that
                # will begin or should hold was agreed — when it was signed, if ever, no word of this says
                kept = _moodify("in_force", tok)
                return ("negotiated" if kept == "signed" else kept), tok
            headline_passive = tok.tag_ == "VBN" and not any(c.dep_ in ("dobj", "aux", "auxpass") for c in tok.children)
            if dep == "nsubj" and st is not None and tok.lower_ not in _INTO_FORCE and not headline_passive and (
                    _lemma(tok) not in _INTRANSITIVE or any(c.dep_ == "dobj" for c in tok.children)):
                # "the deal ends the war", "the pact seals a partnership", "the accord halted the violence", "the
                # deal violates the law": what it does, not its status (and no word of the sentence around it is
                # either); but "the treaty entered into force", "the truce came to an end" are its own, and so is
                # a headline's participle with its auxiliary dropped ("<X>-<Y> agreement implemented, …")
                if found is None and any(c.dep_ == "dobj" for c in tok.children):
                    return "unknown", tok
                st = None
            if st is None and dep == "nsubj" and _is_near(tok):
                st = "negotiated"  # "a deal is close", "the truce is closer than ever": still being negotiated
            if st is None:
                if found:
                    return _moodify(found, tok), tok
                return None
            if found in ("ratified", "signed", "in_force") and st == "withdrawn":
                return _moodify("withdrawn", tok), tok  # "revoked its ratification of the treaty"
            return _moodify(found or st, tok), tok
        if dep == "pobj" and tok.lower_ in ("to", "on") and tok.head.lower_ in _NEAR and tok.head.dep_ in ("acomp", "advmod") \
                and tok.head.head.tag_.startswith("VB"):
            # "<X> and <Y> are close to a deal", "moved closer to / on a deal": being negotiated, by the
            # subjects of the verb
            verb = tok.head.head
            return _moodify(found or "negotiated", verb), verb
        if tok.tag_ not in ("IN", "RP", "TO", "RB"):
            break
    return (found, tok) if found else None


# how near a deal is: "a deal is close", "<X> and <Y> are nearing … / close to a deal"
_NEAR = frozenset([*NEAR_WORDS, "imminent"])


def _is_near(verb: Any) -> bool:
    return any(c.dep_ == "acomp" and c.lower_ in _NEAR for c in verb.children)


def _moodify(status: str, verb: Any) -> str:
    mood = _mood(verb) if verb.tag_.startswith("VB") else "asserted"
    if mood == "negated":
        return "unknown"
    if mood == "future":
        return _FUTURE_STATUS.get(status, "unknown")
    return status


def _subjects(verb: Any) -> list[Any]:
    """Who does what a verb says: its subject or passive agent's object, else (an infinitive, "plans to
    sign", or a coordinated verb) its governor's subject."""
    out = [c for c in verb.children if c.dep_ == "nsubj"]
    if _lemma(verb) not in _ACTIVE_ONLY_PARTY_VERBS:  # "was announced by <the mediator>": not a party
        out += [x for c in verb.children if c.dep_ == "agent" for x in c.children if x.dep_ == "pobj"]
    if not out and verb.dep_ == "xcomp" and verb.head is not verb and _lemma(verb.head) != "promise":
        # object control: "<X> urged <Y> and <Z> to sign a deal", "asked <Y> to ratify": who is urged signs
        out = [c for c in verb.head.children if c.dep_ == "dobj"]
    if not out and verb.dep_ in ("xcomp", "conj") and verb.head is not verb:
        return _subjects(verb.head)
    if not out and (accusation := _accusation(verb)) is not None:
        return accusation[1]  # "<X> accused <Y> of violating the truce": the one accused does it
    if not out and verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.dep_ == "acomp":
        return _subjects(verb.head.head.head)  # "<X> and <Y> are close to finalising a deal"
    return out


# Verbs whose subject, when their object is a deal "with <Y>", is the other side of it: who makes, keeps,
# seeks or leaves an agreement with someone ("<X> hopes for a deal with <Y>", "won't sign a deal with <Y>",
# "will exit its pact with <Y>"). Not who judges one ("<X> criticised the deal with <Y>"), reports, brokers,
# urges or demands it.
_SEEKING_VERBS = (_PARTY_VERBS - {"discuss", "announce", "expire", "lapse"}) | frozenset([
    "hope", "want", "need", "seek", "pursue", "eye", "consider", "mull", "weigh", "explore", "plan", "prepare",
    "push", "press", "call", "offer", "propose", "renew", "extend", "revive", "restore", "restart", "resume",
    "rejoin", "join", "honor", "honour", "respect", "violate", "breach", "break", "keep", "make", "reach"])
_PRONOUN_SUBJECTS = frozenset(["it", "they"])


def _governing_verb(head: Any) -> Any | None:
    """The verb an agreement's name is an argument of, through prepositions and coordination: "hopes for a
    deal", "pull out of a pact", "signed a trade deal and a visa accord"."""
    tok, hops = head, 0
    while tok.head is not tok and hops < 4:
        if tok.dep_ not in ("dobj", "pobj", "prep", "conj", "nsubjpass", "prt", "advmod"):
            return None
        tok, hops = tok.head, hops + 1
        if tok.tag_.startswith("VB"):
            return tok
    return None


def _accusation(verb: Any) -> tuple[list[Any], list[Any]] | None:
    """(accusers, accused) when `verb` is what someone is accused of: "<X> accused <Y> of violating …", "<Y> was
    accused of breaching …"; "<X> and <Y> accused each other of …" has no accuser apart, both are accused."""
    if verb.dep_ != "pcomp" or verb.head.lower_ != "of" or verb.head.head.lower_ not in _ACCUSING:
        return None
    accuser = verb.head.head
    accusers = [c for c in accuser.children if c.dep_ == "nsubj"]
    accused = [c for c in accuser.children if c.dep_ in ("dobj", "nsubjpass")]
    if any(c.lower_ == "other" for c in accused):
        return [], accusers
    return accusers, accused


def _complainants(verb: Any) -> list[Any]:
    """Who accuses another of breaking an agreement, or says another broke it: "<X> accused <Y> of violating
    the truce", "<X> says <Y> is violating the treaty" — a state that does so is the other side of it (its
    subject; the caller keeps states only: a monitor or a rights group is no side)."""
    if _lemma(verb) not in BREAKING_VERBS:
        return []
    if (accusation := _accusation(verb)) is not None:
        return accusation[0]
    clause = verb
    while clause.dep_ in ("xcomp", "conj") and clause.head is not clause:
        clause = clause.head
    if clause.dep_ == "ccomp" and clause.head is not clause and clause.head.lower_ in cue_forms():
        return [c for c in clause.head.children if c.dep_ == "nsubj"]
    return []


def _resolved_pronouns(subjects: list[Any]) -> list[Any]:
    """Subjects with "it" / "they" of a reported clause read as the reporter ("<X> says it won't sign …",
    "<X> signalled that it intends to …"): the reporting verb's own subject, when it has one."""
    out = []
    for s in subjects:
        if s.lower_ in _PRONOUN_SUBJECTS:
            clause = s.head
            while clause.dep_ in ("xcomp", "conj") and clause.head is not clause:
                clause = clause.head
            if clause.dep_ == "ccomp" and clause.head is not clause:
                reporter = [c for c in clause.head.children if c.dep_ == "nsubj" and c.lower_ not in _PRONOUN_SUBJECTS]
                if reporter:
                    out += reporter
                    continue
        out.append(s)
    return out


# "the pro-<bloc> opposition parties", "anti-<government> groups": a stance toward an actor, not that actor
_STANCE_PREFIX = re.compile(r"\b(?:pro|anti|non)-$", re.I)


# "a <country>-brokered truce", "a <country>-mediated deal": the go-between, not a party
_GO_BETWEEN_SUFFIX = re.compile(r"-(?:brokered|mediated|backed|sponsored|drafted|proposed)\b", re.I)


def _name_parties(text: str, start: int, end: int, mentions: list[Mention]) -> dict[str, Mention]:
    """The countries and organizations named inside an agreement's name, as parties, and the state of a
    leader whose deal it is ("<Leader>'s <Country> deal": the leader's country is a party)."""
    out: dict[str, Mention] = {}
    for m in mentions:
        if not (start <= m.start and m.end <= end):
            continue
        if m.actor_type == "person" and m.country_code and text.startswith(("'s ", "’s "), m.end):
            found = _party_key(m, mentions)
            if found:
                out.setdefault(*found)
        elif m.actor_type in ("country", "organization") \
                and not _STANCE_PREFIX.search(text[max(0, m.start - 5) : m.start]) \
                and not _GO_BETWEEN_SUFFIX.match(text, m.end) and (found := _party_key(m)):
            out.setdefault(*found)
    return out


def clause_parties(
    ps: ParsedSentence, head: Any, mentions: list[Mention], governed: tuple[str, Any] | None = None
) -> dict[str, Mention]:
    """Parties of an agreement from its own phrase: "between X and Y", "with X", "X-Y deal", "X's pact",
    and the subject of the verb that signs, reaches or negotiates it ("Iran and Russia signed the treaty").
    `governed`: the name's `clause_status`, when the caller has it."""
    args: list[Any] = []
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in ("between", "with", "among"):
            args += [x for x in c.children if x.dep_ == "pobj"]
        elif c.dep_ in ("poss", "compound", "amod", "nmod") and c.tag_ in ("NNP", "NNPS") \
                and not _GO_BETWEEN_SUFFIX.match(ps.doc.text, ps.span(c)[1] - ps.start):
            args.append(c)  # "<X>'s pact", "<X>-<Y> deal"; not "<X>-brokered deal"
    if head.dep_ in ("dobj", "nsubjpass") and head.head.tag_.startswith("VB"):
        # "<mediators> brokered the truce between <X> and <Y>": the parser hangs "between …" on the verb, but
        # whatever the verb, the two sides "between" names right after the agreement are its parties
        args += [x for c in head.head.children if c.dep_ == "prep" and c.lower_ == "between" and c.i > head.i
                 for x in c.children if x.dep_ == "pobj"]
    if args and head.dep_ == "pobj" and head.head.lower_ in ("of", "from") \
            and head.head.head.lower_ in _LIFECYCLE_NOUNS:
        # "<X>'s suspension of the treaty with <Y>": whose act it is, is the other party (alone it leaves the
        # parties to the sentence, as before)
        args += [c for c in head.head.head.children if c.dep_ == "poss"]
    governed = governed or clause_status(head)
    verb = governed[1] if governed else None
    verbs = [verb] if verb is not None and verb.tag_.startswith("VB") else []
    # "the tentative deal struck by <X> and <Y>", "the treaty <X> signed": the agreement's own participle or
    # relative clause makes it, whatever modifier ("tentative", "proposed") gave its status
    verbs += [c for c in head.children if c.dep_ in ("acl", "relcl") and c.tag_.startswith("VB")
              and _lemma(c) in _PARTY_VERBS and c is not verb]
    for v in verbs:
        if _lemma(v) in _PARTY_VERBS or any(
                c.dep_ in ("acomp", "advmod") and c.lower_ in _NEAR and any(x.lower_ in ("to", "on") for x in c.children)
                for c in v.children):  # "<X> and <Y> are close to a deal", "moved closer to a deal"
            args += _resolved_pronouns(_subjects(v))
            args += [x for c in v.children if c.dep_ == "prep" and c.lower_ in ("with", "between")
                     for x in c.children if x.dep_ == "pobj"]
    counterpart = [x for c in head.children if c.dep_ == "prep" and c.lower_ == "with"
                   for x in c.children if x.dep_ == "pobj"]
    seeker = _governing_verb(head)
    if counterpart and seeker is not None and seeker not in verbs and _lemma(seeker) in _SEEKING_VERBS:
        # "<X> hopes for a peace deal with <Y>", "<X> intends to pull out of a pact with <Y>": a deal *with*
        # <Y> is the deal of whoever seeks, keeps or leaves it — the subject of the verb it hangs on
        args += _resolved_pronouns(_subjects(seeker))
    complainants = [c for v in verbs for c in _complainants(v)]
    spans = []
    modifying = []  # "with US automaker", "a Chinese company": a state's name modifying a common noun, not a side
    for a in args:
        for tok in (a, *a.conjuncts):
            toks = [t for t in tok.subtree if t.dep_ not in ("relcl", "acl")]
            spans.append(ps.span(min(toks, key=lambda t: t.i), max(toks, key=lambda t: t.i)))
            if tok.tag_ in ("NN", "NNS") and tok.lower_ not in _SIDE_NOUNS:
                modifying += [ps.span(x) for c in tok.children if c.dep_ in ("compound", "amod") for x in c.subtree]
    complaining = [ps.span(min(t.subtree, key=lambda t: t.i), max(t.subtree, key=lambda t: t.i))
                   for c in complainants for t in (c, *c.conjuncts)]
    named = [m for m in mentions if m.actor_type == "country" and any(s <= m.start and m.end <= e for s, e in complaining)]
    named += [m for m in mentions if any(s <= m.start and m.end <= e for s, e in spans)
             and not (m.actor_type == "country" and any(s <= m.start and m.end <= e for s, e in modifying))
             and not _STANCE_PREFIX.search(ps.doc.text[max(0, m.start - ps.start - 5) : m.start - ps.start])]
    # "<Country>'s president <Name>", "<Name>, the president of <Country>": one argument that names a state
    # and a person is the state (the person signs for it)
    of_state = [(s, e, m.country_code) for s, e in spans for m in named
                if m.actor_type == "country" and s <= m.start and m.end <= e]
    named = [m for m in named if m.actor_type != "person" or not any(
        s <= m.start and m.end <= e and m.country_code in (None, cc) for s, e, cc in of_state)]
    people = {m.identity: m.country_code for m in named if m.actor_type == "person"}
    # Leaders of different states sign for their states; people of one state ("the president and the
    # speaker reach a debt deal") or of none are the parties themselves — unless a state is named among
    # the parties too ("<Name>, the president of <Country>, signed the treaty with <Country2>"): then the
    # agreement is between states and they sign for theirs.
    for_states = all(people.values()) and (len(set(people.values())) == len(people)
                                           or any(m.actor_type == "country" for m in named))
    parties: dict[str, Mention] = {}
    for m in named:
        found = _party_key(m, mentions) if for_states or m.actor_type != "person" else (m.identity, m)
        if found:
            parties.setdefault(*found)
    return parties


# a word right before a known agreement's name that makes it stand for another one: "another Iran nuclear deal", "a
# new Aukus deal", "an interim <Name>" (but "the new <Name>" is the known one, newly made)
_ANOTHER = re.compile(r"(?:\b(?:another|fresh|interim|revised|successor|replacement|possible|potential)|\ban?\s+(?:new|second))"
                      r"\s+(?:\w+\s+)?$", re.I)


@lru_cache(maxsize=1)
def _named_agreements() -> tuple[tuple[re.Pattern[str], str, str, tuple[str, ...]], ...]:
    """(a pattern of its names, canonical name, type, party actor ids) of each agreement the named_agreements
    seed knows; names match case-sensitively ("New Start" is the treaty, "a new start" is not)."""
    try:
        rows = read_rows("named_agreements")
    except OSError:
        return ()
    out = []
    for r in rows:
        names = sorted({r["name"], *seed_list(r["aliases"])}, key=len, reverse=True)
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")
        out.append((pattern, r["name"], r["agreement_type"], tuple(seed_list(r["parties"]))))
    return tuple(out)


def known_agreements(text: str, agreements: list[Agreement], mentions: list[Mention], gazetteer: Gazetteer | None) -> None:
    """An agreement the seed knows, named in one of its mentions ("the Aukus deal", "the Black Sea grain deal"),
    takes the seed's name and type, and its parties when the seed lists them: who signed a named treaty is
    known, whatever else its sentence names ("<Country> objects to the <Name> pact" does not make it a party)."""
    for a in agreements:
        # (the words before a name in the text, for "another <Name>"; an agreement named only by its phrase: none)
        spans = [(text, s, e) for s, e in a.mentions] + [(a.name, 0, len(a.name))]
        found = [(m.end() - m.start(), name, atype, parties, source[max(0, m.start() - 24) : m.start()])
                 for pattern, name, atype, parties in _named_agreements()
                 for source, s, e in spans for m in [pattern.search(source, s, e)] if m is not None]
        if not found or any(_ANOTHER.search(before) for *_, before in found):
            continue  # ("another <Name>", "a new <Name>": a successor under negotiation, not the one the seed knows)
        _, name, atype, parties, _ = max(found, key=lambda f: f[0])
        a.name, a.agreement_type, a.named = name, atype, True
        actors = [x for key in parties if gazetteer is not None and (x := gazetteer.actors.get(key)) is not None]
        if actors:
            # each party as the text names it when it does (the nearest mention), else as the agreement's name
            s, e = a.mentions[0] if a.mentions else (a.start, a.end)
            a.parties = {}
            for x in actors:
                named = [m for m in mentions if m.actor_key == x.actor_id]
                a.parties[x.actor_id] = min(named, key=lambda m: abs(m.start - s)) if named else Mention(
                    s, e, text[s:e], x.actor_id, x.canonical_name, x.actor_type, x.country_code, "seed", 0.9)
            a.parties_named = True


# words that say nothing of which agreement it is: "a new deal", "the tentative agreement", "Deal"
# (with the `_NEUTRAL` words of a name)
_GENERIC_WORDS = frozenset(["the", "a", "an", "this", "that", "its", "their", "his", "her", "first", "latest", "key", "big",
                            "tentative", "possible", "potential"])
# what an agreement is about, in the complement of its head: "an agreement on migration", "a deal for the supply of
# gas", "a deal to normalise ties", "a deal exchanging debt for …"
_TOPIC_PREPOSITIONS = frozenset(["on", "over", "for", "regarding", "concerning", "covering"])
_TIME_WORDS = frozenset(["year", "years", "month", "months", "week", "weeks", "day", "days", "hours", "decade", "decades",
                         "today", "tonight", "time", "weekend", "morning", "evening", "night"])
_TOPIC_MAX_WORDS = 10


def _time_word(word: str) -> bool:
    """"years", "Monday", "June", "2023": a time, which ends a topic."""
    return word.casefold() in _TIME_WORDS or _CALENDAR_ONLY.fullmatch(word) is not None


def _headline_topic_words(words: list[str]) -> list[str]:
    """A headline topic's preposition and its words up to a time ("… Rules Years Ahead") or a participle after the
    first word ("Deal for <X> Hailed as …": the headline's verb)."""
    if len(words) < 2 or _time_word(words[1]):
        return words[:1]  # "Deal on Monday", "Deal for Years": a time, no topic
    rest = itertools.takewhile(lambda w: not _time_word(w) and not w.endswith("ed"), words[2:])
    return words[:2] + list(rest)


def _names_an_actor(topic: re.Match[str], mentions: list[Mention]) -> bool:
    """Whether a headline topic's first word after its preposition names an actor: "Deal to <Country>" is a side."""
    first = re.search(r"\S+\s+(\S+)", topic.group(0))
    if first is None:
        return False
    fs, fe = topic.start() + first.start(1), topic.start() + first.end(1)
    return any(m.start < fe and m.end > fs for m in mentions)


_TERM_WORD = re.compile(r"(?:\d+|multi|one|two|three|four|five|six|seven|ten)-(?:year|month|week|day|hour)s?")


def _is_generic(name: str) -> bool:
    """A name of only its head and words that do not tell which agreement it is."""
    words = [w.casefold() for w in re.findall(r"[\w’'-]+", name)]
    return bool(words) and all(w in _GENERIC_WORDS or w in _HEADS or w in _NEUTRAL or _TERM_WORD.fullmatch(w)
                               for w in words)


def _dated(tok: Any) -> bool:
    return any(t.like_num or t.text in ("$", "€", "£") or _time_word(t.text) for t in tok.subtree)


def _inner_hyphen(tok: Any) -> bool:
    """A hyphen inside a word ("cross-border"), whatever the tagger made of it."""
    return tok.text in ("-", "–") and not tok.whitespace_ and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_


def _glued(tok: Any) -> bool:
    """The token runs on into the next without a space: "Cancer" of "Cancer-Test"."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return not tok.whitespace_ and nxt is not None and (_inner_hyphen(nxt) or nxt.is_alpha or nxt.like_num)


def _topic(ps: ParsedSentence, head: Any, after: int | None = None) -> tuple[int, int] | None:
    """The span (document offsets) of the complement right after an agreement's head — or right after the document
    offset `after` (the end of its "with <X>") — that says what it is about ("on migration and border control", "to
    normalise ties", "exchanging debt relief for …"), cut before a comma, a clause of its own or a time ("a deal on
    Monday", "… before June 5"); None when there is none."""
    if after is None:
        nxt = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    else:
        nxt = next((t for t in head.doc[head.i + 1 :] if ps.span(t)[0] >= after), None)
    if nxt is None or nxt.is_punct:
        return None
    # "to" is the infinitive's marker, a child of its verb; a preposition right after the object may hang on the
    # verb ("signed a deal for the supply of gas"), and so may a purpose ("struck a deal with <X> to curb …")
    c = head.doc[nxt.i + 1] if nxt.dep_ == "aux" and nxt.lower_ == "to" and nxt.i + 1 < len(head.doc) else nxt
    infinitive = c is not nxt and any(x.dep_ == "aux" and x.lower_ == "to" for x in c.children)
    if not (c.head.i == head.i or (c.dep_ == "prep" and c.head in head.ancestors)
            or (infinitive and c.dep_ in ("advcl", "xcomp") and head.dep_ == "dobj" and c.head.i == head.head.i)):
        return None  # (a preposition right after the head, hung on a verb above it: "moved closer to a deal on …")
    if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPOSITIONS:
        objects = [x for x in c.children if x.dep_ in ("pobj", "pcomp")]
        if not objects or any(_dated(x) or x.tag_ == "PRP" for x in objects):
            return None
    elif not (c.dep_ in ("acl", "relcl", "advcl", "xcomp") and (c.tag_ == "VBG" or infinitive)):
        return None
    c_end = max(x.i for x in c.subtree)
    last = None
    for t in head.doc[nxt.i : c_end + 1]:
        if (t.is_punct and not _inner_hyphen(t)) or t.i - nxt.i >= _TOPIC_MAX_WORDS or (t.i != c.i and (
                t.dep_ in ("relcl", "advcl", "appos", "mark") or (t.dep_ == "prep" and _dated(t)))):
            break
        last = t
    if last is not None and last.i < c_end and not head.doc[last.i + 1].is_punct:
        # cut inside a phrase that hangs on what came before ("the threat posed by <…>"): without that phrase
        modifier, t = None, head.doc[last.i + 1]
        while t.i > c.i and t.head.i != t.i:
            if t.dep_ in ("prep", "acl", "relcl", "advcl", "conj", "appos", "dative", "npadvmod") and t.i <= last.i:
                modifier = t
            t = t.head
        if modifier is not None:
            last = head.doc[modifier.i - 1]
    while last is not None and last.i > c.i and (last.dep_ in ("prep", "cc", "aux", "case", "dative")
                                                 or last.tag_ in ("IN", "TO", "CC", "DT") or last.head.i > last.i
                                                 or _inner_hyphen(last) or _glued(last)):
        # not ending on a word that leads into what was cut: a preposition, or a modifier whose noun was cut ("posed
        # by North <…>"), or inside a hyphenated word
        last = head.doc[last.i - 1]
    if last is None or last.i <= c.i:
        return None
    start, end = ps.span(nxt, last)
    dash = re.search(r"\s[-–—]|[-–—]\s", ps.doc.text[start - ps.start : end - ps.start])
    if dash is not None:  # "… free dozens of hostages- <Outlet>": a headline's source, not the topic
        end = start + dash.start()
    return (start, end) if end > start else None


# a Title Case headline's topic after a generic head, whose parse is poor: "Deal to Normalize Ties", "Pact on Judicial
# Overhaul" — capitalized words up to a lower-case word, a preposition or conjunction of the headline, or punctuation
_HEADLINE_TOPIC = re.compile(
    r"[^\S\n]+(?:[Tt]o|[Oo]n|[Oo]ver|[Ff]or)(?:[^\S\n]+(?!(?:As|After|Amid|In|With|For|On|At|By|From|Despite|While|But|And|Or|Ahead|"
    r"Before|Over|Under|Into|Than|Is|Are|Was|Were|Will|Would|Could|May|Might|Says?)\b)[A-Z][\w’'-]*){1,5}(?=[^\S\n]*(?:$|[^\w\s])|[^\S\n]+[a-z]|[^\S\n]+[A-Z])")


def find_agreements(
    text: str, sentences: Sentences, mentions: list[Mention], anchor: date | None,
    parsed: list[ParsedSentence] | None = None, places: Places | None = None, gazetteer: Gazetteer | None = None,
) -> list[Agreement]:
    agreements: list[Agreement] = []
    for hm in _HEAD.finditer(text):
        head = hm.group("head")
        if head.casefold() in ("document", "text"):
            # "The document runs for 20 years": only an anaphor of an agreement already named.
            before_doc = text[max(0, hm.start() - 5) : hm.start()]
            prior_agreements = [a for a in agreements if a.start < hm.start()]
            if prior_agreements and re.search(r"\b(?:[Tt]he|[Tt]his)\s+$", before_doc):
                si = sentences.index_of(hm.start())
                s_start, s_end = sentences.spans[si] if sentences.spans else (0, len(text))
                anaphor_target = prior_agreements[-1]
                anaphor_target.mentions.append((hm.start(), hm.end()))
                _attributes(anaphor_target, text, s_start, s_end, hm.start(), hm.end(), mentions, anchor)
            continue
        if head == "declaration" and _DECLARING.match(text, hm.end()):
            continue
        if text[hm.end() : hm.end() + 1] == "s" or re.match(
            r"\s+(?:Organi[sz]ation|Council|Office|Secretariat|Committee)\b", text[hm.end() :]
        ):
            continue  # plural, or part of an organization's name ("Collective Security Treaty Organization")
        if head.casefold() == "convention" and (_GATHERING_BEFORE.search(text, max(0, hm.start() - 30), hm.start())
                                                or _GATHERING_AFTER.match(text, hm.end())):
            continue  # "the Democratic convention", "a party convention", "the convention center": a gathering
        if head.casefold() == "contract" and _VERB_BEFORE.search(text, max(0, hm.start() - 12), hm.start()):
            continue  # "expected to contract", "will contract": the verb (to shrink, to hire), in a headline too
        if head.casefold() == "deal" and re.match(r"\s+with\b", text[hm.end() :], re.I) and (
                _SUBJECT_BEFORE.search(text, max(0, hm.start() - 12), hm.start())
                or _VERB_BEFORE.search(text, max(0, hm.start() - 12), hm.start())):
            continue  # "<X> Says He'll Deal With …", "they deal with": the verb (to handle)
        si = sentences.index_of(hm.start())
        s_start, s_end = sentences.spans[si] if sentences.spans else (0, len(text))
        start = _walk_back(text, hm.start(), s_start)
        end = hm.end()
        located = _head_token(parsed or [], hm.start())
        governed = clause_status(located[1]) if located is not None else None
        if head == "convention" and _ACRONYM_BEFORE.search(text, max(0, hm.start() - 10), hm.start()) \
                and not _CONVENTION_TOPIC.match(text, hm.end()) \
                and not any(p.search(text[s_start:s_end]) for _, p in _STATUS):
            continue  # "descend upon the <ACR> convention": a gathering (not "the <ACR> convention on …", nor one ratified)
        if located is not None:
            ps, head_tok = located
            if head.casefold() == "contract" and not any(
                c.dep_ == "prep" and c.lower_ in ("with", "between") for c in head_tok.children
            ) and head_tok.head.lower_ not in _SIGNING_VERBS:
                continue  # "social contract", "a contract killer": not an agreement between parties
            after = head_tok.doc[head_tok.i + 1] if head_tok.i + 1 < len(head_tok.doc) else None
            if head in ("declaration", "joint declaration", "joint statement") and after is not None \
                    and after.lower_ == "that" and after.dep_ == "mark":
                # "its declaration that <X> is <Y>" (the parser hangs the clause on the noun or on its verb): a
                # statement of what is, not a pact — "the declaration that <both sides> signed" is a relative clause
                continue
            phrase = [t for t in head_tok.subtree if t.i < head_tok.i]
            # the name is the noun's own phrase: not the verb of a headline ("Hungary Sees Deal")
            start = max(start, ps.span(phrase[0] if phrase else head_tok)[0])
        title_case = title_case_headline(text[s_start:s_end])
        if title_case:
            walked = _walk_back(text, hm.start(), s_start)
            pair = _PAIR_BEFORE.search(text, walked, hm.start())
            if pair is not None and pair.start() < start:
                start = pair.start()  # the parse of a headline hung one side of "<A>-<B> Truce" on the verb
            start = _headline_name_start(text, start, hm.start(), head, s_start, s_end, mentions, places)
        # "Treaty on Comprehensive Strategic Cooperation": a capitalized continuation of the name,
        # which a date ends ("... Treaty on Good-Neighbourliness on October 27" is not part of it); in a
        # Title Case headline only words known to name something continue it ("Trade Deal on <Country>
        # <Event> <Time>" is a trade deal)
        cont = _NAME_CONTINUATION.match(text, end, s_end)
        uninformative = title_case or hm.start() == s_start  # where a capital tells nothing
        lower_named = cont is not None and not uninformative and not head[:1].isupper() and _runs_on_as_name(text, cont)
        if cont and (head[:1].isupper() or lower_named) and (
                not uninformative or _continues_name(text, cont, s_start, s_end, mentions, places)):
            end += len(_TRAILING_CONNECTORS.sub("", cont.group(0)))
        else:
            lower_named = False
        while start < end and text[start] in "“\"'":
            start += 1
        if re.match(r"-(?:like|style|esque|type)\b", text[end : end + 8]):
            continue  # "a <Name> Agreement-like compromise": a comparison with an agreement, not one
        lead = _LEAD_AUXILIARY.match(text, start) if start == s_start else None
        if lead is not None and lead.end() < hm.start():
            start = lead.end()  # "Could <X>'s deal be …", "Why the <Name> deal …": the question, not the name
        words = text[start : hm.start()].split()
        # (a continuation there was kept only when it names something: "… Treaty on <Topic> <Topic>"; its sides,
        # "… between <X> and <Y>", are no name)
        named = lower_named or _capitals_name(text, start, hm.start(), hm.end(), s_start, title_case) or (
            uninformative and end > hm.end() and not re.match(r"\s+(?:between|with|among)\b", text[hm.end() : end], re.I))
        # a capital anywhere in it, even one the headline or the sentence start put there: enough to publish a
        # report of one agreement ("Truce Holds", "Deal reached on …": real, if generically named), not to call it
        # a proper name (its confidence, its merging with another mention)
        capitalized = named or head[:1].isupper() or any(_capital_word(w) for w in words)
        topical = [w for w in words if w.casefold() in _TOPICAL]
        year_m = _YEAR.search(text[start : hm.start()])
        dur_m = re.search(r"\b(\d{1,3})-year\b", text[start : hm.start()])
        before = text[max(s_start, start - 40) : start]
        det = _DETERMINERS.search(before)
        possessor = bool(det and det.group(0).rstrip().endswith(("'s", "’s")))
        indefinite = bool(det and det.group(0).strip().casefold() in ("a", "an"))
        if re.match(r"(?:no|any)\s", text[start:hm.start()], re.I) or (_NEGATED.search(before) and (
                not capitalized or (title_case and re.search(r"\bshort\s+(?:of|on)\s", before, re.I)))):
            continue  # "no deal" (also a headline's "No Deal"), "short of a pact", "any agreement": none was made
        if _MANNER.search(text, max(s_start, start - 12), min(s_end, hm.end() + 1)) \
                or re.search(r"\bunilateral(?:ly)?\b", text[max(s_start, start - 25) : hm.start()], re.I):
            continue  # "resigned by mutual agreement", "a unilateral ceasefire": no agreement between parties
        with_party = _WITH_PARTY.match(text[end : end + 90])
        signed_here = bool(
            re.search(
                r"\b(?:sign(?:ed|s|ing)?|ink(?:ed|s)?|conclud(?:ed|es)|adopt(?:ed|s))\s+(?:an?\s+)?$",
                text[max(s_start, start - 30) : start],
            )
        )
        own = clause_parties(*located, mentions, governed) if located is not None else {}
        modifier = with_party is not None and located is not None \
            and _modifies_a_common_noun(located[0], end + with_party.end())
        # "a deal with <demonym> company", "with US automaker": the name modifies a common noun — the side is the
        # noun's (unnamed) holder, not the state
        with_parties = _name_parties(text, end, end + with_party.end(), mentions) if with_party and not modifier else {}
        sides = _demonym_sides(text, end + with_party.start(1), end + with_party.end(1), places, gazetteer) \
            if with_party and places is not None and gazetteer is not None else {}
        for key, m in sides.items():
            with_parties.setdefault(key, m)
        described = [w.casefold() for w in words if not re.search(r"['’]s$", w) and w.casefold() not in ("the", "a", "an")]
        if 1 <= len(described) <= 2 and described[-1] in _VERDICT_OR_PROGRAMME \
                and set(described[:-1]) <= _VERDICT_OR_PROGRAMME | _PROGRAMME_LEAD and len(own) < 2 and not with_party:
            # "a bad deal", "a raw deal", "the <Colour> Deal", "the <Colour> New Deal", "the European <Colour> Deal": a
            # verdict or a policy's name, not a pact of parties
            continue
        if own and with_party:
            # "the <X> trade deal with <Y>" where the parser hung "with <Y>" on another word: both are parties
            for key, m in with_parties.items():
                own.setdefault(key, m)
        elif len(sides) >= 2:
            own = dict(sides)  # "between the <demonym> and <demonym> sides": no actor named, two states described
        specific = (
            capitalized
            or signed_here
            or year_m is not None
            or (possessor and (dur_m or with_party))
            or (bool(topical) and not (indefinite and not _specific_context(text, s_start, s_end)
                                       and not (governed and governed[0] != "unknown")))
        )
        if not specific and det is not None and not indefinite and with_party is not None \
                and with_party.group(0).split()[0] == "between" and len({**own, **with_parties}) >= 2:
            # "the treaty between <X> and <Y>": one agreement, picked out by the two sides it binds
            specific = True
        if not specific and located is not None and det is None and with_party is not None and si == 0 \
                and text[s_start:hm.start()].strip() \
                and not any(c.dep_ in ("det", "poss") for c in located[1].children) and any(
                    c.dep_ in ("amod", "compound") and c.i < located[1].i for c in located[1].children) \
                and not any(t.lower_ in _headline_verbs() for c in located[1].children
                            if c.dep_ in ("amod", "compound") and c.i < located[1].i for t in c.subtree):
            # (not when the parse took the headline's verb for a modifier: "<X> ratify deal with <Y>")
            # a headline drops its articles: "<X> set to stay after amnesty deal with <Y>" is the deal with <Y>;
            # its name is the noun's own phrase
            specific = True
            start, end = _own_phrase(*located)
        if not specific and located is not None and governed is not None and governed[0] != "unknown" \
                and len(own) >= 2:
            # "X and Y reached a deal on migration": two parties and a lifecycle verb of its own clause
            # make it one; its name is the noun's own phrase
            specific = True
            start, end = _own_phrase(*located)
        atype = _HEADS.get(head.casefold(), "other")
        duration = _term_years(int(dur_m.group(1))) if dur_m else None
        target: Agreement | None = None
        name = " ".join(text[start:end].split()).strip("“”\"' ,")
        # what a generically named agreement is about, from its own phrase: shown with its name, not part of the
        # name that tells it from others (here and when reports are merged across documents)
        topic: str | None = None
        if located is not None and not named and not with_party and _is_generic(name) \
                and (span := _topic(*located)) is not None and text[end : span[0]].strip() == "":
            topic = " ".join(text[span[0] : span[1]].split())  # "a deal to normalise ties", "an agreement on migration"
        elif title_case and not named and not with_party and _is_generic(name) \
                and (topic_m := _HEADLINE_TOPIC.match(text, end, s_end)) is not None \
                and not _names_an_actor(topic_m, mentions):
            kept = _headline_topic_words(topic_m.group(0).split())
            if len(kept) > 1:  # (not "Deal to <Country>": a side, not a topic; "… Deal for <X> Hailed": the verb)
                topic = " ".join(kept)
        if specific:
            target = _same_as(
                agreements,
                name,
                atype,
                year_m.group(0) if year_m else None,
                duration,
                with_party.group(1) if with_party else None,
                named,
                set(with_parties),
            )
            if target is None:
                target = Agreement(
                    len(agreements),
                    start,
                    end,
                    name,
                    atype,
                    named=named,
                    year=int(year_m.group(0)) if year_m else None,
                    confidence=0.85 if named else 0.7,
                )
                if with_party and not with_party.group(0).lstrip().startswith("Between"):
                    # (a Title Case "Between <X> and <Y>" runs on into the headline's verb: the name stays the noun's)
                    with_end = end + with_party.end()
                    if modifier and (noun := re.match(r"[ \t]+[a-z][\w-]*", text[with_end:])):
                        with_end += noun.end()  # "… with <demonym> separatists": the noun it modifies too
                    target.name = f"{name}{text[end : with_end].rstrip()}"
                    if _is_generic(name) and located is not None \
                            and (span := _topic(*located, after=with_end)) is not None \
                            and text[with_end : span[0]].strip() == "":
                        topic = " ".join(text[span[0] : span[1]].split())  # "a deal with <X> to curb <…>"
                agreements.append(target)
            elif _is_generic(target.name) and not _is_generic(name) and not target.named \
                    and target.name.split()[-1].casefold() in name.casefold().split():
                target.name = name  # "<X>, <Y> Reach Deal" … "a major energy deal": the body says which
            if topic and target.topic is None and _is_generic(target.name.split(" with ")[0]):
                target.topic = topic
        elif det and not indefinite and agreements:
            # "the treaty", "this accord": the latest agreement of the same kind, else the latest.
            same_kind = [a for a in agreements if a.agreement_type == atype and a.start < hm.start()]
            prior = [a for a in agreements if a.start < hm.start()]
            candidates = same_kind or prior
            target = candidates[-1] if candidates else None
        sentence = text[s_start:s_end]
        if (
            target is None
            and det
            and not indefinite
            and (_ARTICLES.search(sentence) or _DURATION.search(sentence))
        ):
            # "the treaty text has 47 articles": an agreement introduced elsewhere (an earlier post), described here.
            target = Agreement(len(agreements), start, end, name, atype, confidence=0.55)
            agreements.append(target)
        if target is None:
            continue
        target.mentions.append((start, end))
        if not own:
            # the parse gave none (a sentence not parsed, a headline parsed wrongly): two or more parties
            # written into the name itself ("the <country>-<group> hostage deal", "<bloc>-<bloc> trade pact")
            inside = _name_parties(text, start, end, mentions)
            own = inside if len(inside) >= 2 else {}
        if title_case and len(own) < 2:
            # "<A> and <B> Sign <Name> Pact": the parse of a Title Case headline rarely finds the subjects
            # of its verb; the actors before a verb of making or leaving the agreement right before its name
            verb = _HEADLINE_PARTY_VERB.search(text, s_start, start)
            if verb is not None and not _HEADLINE_NEVER_BEFORE.search(text, s_start, verb.start()):
                # from the headline's last segment ("<Topic> Latest: <A> and <B> Sign …")
                opening = s_start + max((c.end() for c in re.finditer(r"[:;|]", text[s_start : verb.start()])),
                                        default=0)
                subjects: dict[str, Mention] = {}
                for x in mentions:
                    if opening <= x.start and x.end <= verb.start() and x.actor_type in ("country", "organization") \
                            and not _GO_BETWEEN_SUFFIX.match(text, x.end) and (keyed := _party_key(x)):
                        subjects.setdefault(*keyed)
                if len(subjects) > len(own):
                    own = subjects
        paired = _hyphen_parties(text, start, end, mentions, places, gazetteer)
        if len(paired) >= 2:  # "the <Demonym>-<Country> deal": both sides of the hyphen are parties
            own = {**own, **paired}
        own_status = (governed[0], located[0].span(governed[1])[0]) if governed and located is not None else None
        if title_case and (to_sign := _HEADLINE_TO_SIGN.search(text, s_start, start)) is not None:
            own_status = ("planned", to_sign.start())  # "<A>, <B> to Sign <Name> Pact": its parse reads a signing
        elif title_case and governed is None:
            own_status = _headline_status(text, s_start, start, end) or own_status
        _attributes(target, text, s_start, s_end, start, end, mentions, anchor, own, own_status,
                    located[0] if located is not None else None)
    merged = merge_descriptions(text, agreements, mentions)
    known_agreements(text, merged, mentions, gazetteer)
    return merged


def _acts_on_something_else(ps: ParsedSentence, offset: int) -> bool:
    """The verb at `offset` has an object of its own that is no agreement: "was to withdraw from <a place>",
    "froze <its assets>" — its lifecycle word says nothing of the agreement in the sentence."""
    tok = next((t for t in ps.doc if ps.span(t)[0] == offset), None)
    if tok is None or not tok.tag_.startswith("VB"):
        return False
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")] + [
        x for c in tok.children if c.dep_ in ("prep", "prt") and c.lower_ in ("from", "out", "of")
        for x in c.subtree if x.dep_ == "pobj"]
    return bool(objects) and not any(
        o.lower_ in _HEADS or o.lower_ in _AGREEMENT_ANAPHORS or _HEAD.fullmatch(o.text) for o in objects)


# what an agreement may be called after it was named: "withdrew from it", "signed the document"
_AGREEMENT_ANAPHORS = frozenset(["it", "them", "document", "text", "deal", "agreement", "arrangement", "framework"])


# "with <X>", "between <X> and <Y>", "between <X>'s army and the paramilitary <Y>": the parties written after
# the name; a party is up to four capitalized words ("of" may join them: "the Republic of <X>"), after "the" and
# one adjective, with a possessed noun
_PARTY_WORD = r"[A-Z](?:[\w-]|\.(?=\w))*(?:(?<=\b[A-Z])\.)?"  # "U.S.", "U.K." whole
_PARTY_PHRASE = (rf"(?:the[ \t]+(?:[a-z]+[ \t]+)?)?{_PARTY_WORD}(?:(?<!\.)[ \t]+(?:of[ \t]+)?{_PARTY_WORD}){{0,3}}"
                 rf"(?:['’]s(?:[ \t]+[a-z]+)?)?")
_WITH_PARTY = re.compile(rf"[ \t]+(?:with|[Bb]etween)[ \t]+({_PARTY_PHRASE}(?:[ \t]+and[ \t]+{_PARTY_PHRASE})?)")
def _names_a_common_nouns_holder(ps: ParsedSentence, m: Mention) -> bool:
    """Whether a state's name only modifies a common noun after "with / between" ("with US automaker", "with a
    Chinese company"): the noun's holder, unnamed, is the side, not the state (but "with US officials", "the
    Kenyan government" are the state's side)."""
    tok = next((t for t in ps.doc if ps.span(t)[0] >= m.start), None)
    while tok is not None and tok.dep_ == "compound" and tok.head.tag_ in ("NNP", "NNPS") and tok.head.i != tok.i:
        tok = tok.head  # "New Zealand": the name's last word
    # (only as the object of "with / between", where a side is expected: "a deal with US automaker"; elsewhere
    # a state modifying a noun often is the side: "the US prisoner swap deal", "during a Netherlands visit")
    return tok is not None and ps.span(tok)[1] <= m.end + 1 and tok.dep_ in ("compound", "amod") \
        and tok.head.tag_ in ("NN", "NNS") and tok.head.lower_ not in _SIDE_NOUNS and tok.head.i > tok.i \
        and tok.head.dep_ == "pobj" and tok.head.head.lower_ in ("with", "between")


def _modifies_a_common_noun(ps: ParsedSentence, offset: int) -> bool:
    """Whether the word right after "with <Capitalized>" is a common noun the capitalized word modifies ("with
    Chinese company", "with US automaker"): then no party is named there — but "the <demonym> sides / officials"
    name states (`_demonym_sides`)."""
    if _SIDE_AFTER_DEMONYM.match(ps.doc.text, offset - ps.start):
        return False
    after = next((t for t in ps.doc if ps.span(t)[0] >= offset), None)
    named_next = after is not None and after.i + 1 < len(ps.doc) and ps.doc[after.i + 1].tag_ in ("NNP", "NNPS")
    # (not "with <Org> chief <Name>", "with <demonym> president <Name>": the noun's name follows it)
    return after is not None and after.tag_ in ("NN", "NNS") and ps.span(after)[0] - offset <= 1 and not named_next \
        and any(c.dep_ in ("compound", "amod", "nmod") and ps.span(c)[1] <= offset for c in after.children)


# common nouns that stand for a state's side when a state's name modifies them: "with US officials", "the Kenyan
# government", "between the <demonym> and <demonym> sides", "with the US president"
_SIDE_NOUNS = frozenset(["side", "sides", "official", "officials", "government", "governments", "authorities",
                         "negotiators", "counterpart", "counterparts", "leader", "leaders", "leadership", "delegation",
                         "delegations", "forces", "military", "army", "troops", "administration", "ministry",
                         "diplomats", "envoys", "envoy", "state", "states", "president", "minister", "ministers",
                         "premier", "chancellor", "king", "prince", "secretary", "ambassador", "chief", "head"])
# a declaring, not a declaration agreed: "<X>'s declaration of a state of emergency", "declaration of war"
_DECLARING = re.compile(r"\s+of\s+(?:an?|the|war|independence|emergency|martial|bankruptcy|intent)\b")


# an agreement as a manner, not a thing: "by mutual agreement" (quoted too: "by ‘mutual agreement’"), "by
# common consent", "in agreement with"
_MANNER = re.compile(r"\bby\s+[‘'\"“]?(?:(?:mutual|common|joint)\s+)?agreement\b|\bin\s+agreement\b", re.I)


# the one word before "deal" in a verdict ("a bad deal", "a great deal of") or a programme's name ("the <Colour>
# Deal", "the New Deal"): no agreement between parties unless the clause names them
_VERDICT_OR_PROGRAMME = frozenset(["bad", "good", "better", "best", "worse", "worst", "great", "raw", "big", "sweet",
                                   "fair", "square", "real", "green", "new", "terrible", "lousy"])
# the word a bloc's programme opens with: "the European <Colour> Deal"
_PROGRAMME_LEAD = frozenset(["european"])


def _specific_context(text: str, s_start: int, s_end: int) -> bool:
    """An indefinite description is a specific agreement when the sentence signs or discusses it."""
    return bool(
        re.search(
            r"\b(?:sign\w*|ink\w*|on\s+the\s+table|discuss\w*|negotiat\w*|conclud\w*|agreed)\b",
            text[s_start:s_end],
            re.I,
        )
    )


def _same_as(
    agreements: list[Agreement],
    name: str,
    atype: str,
    year: str | None,
    duration: int | None,
    party: str | None,
    named: bool,
    party_keys: set[str] | None = None,
) -> Agreement | None:
    """The agreement already found that a new mention names again, or None. `party`: the "with <X>" text
    after the mention; `party_keys`: the actors it names (an agreement of those parties is the same one)."""
    def norm(n: str) -> str:
        return " ".join(
            "AGR" if w.casefold() in _HEADS else w.casefold()
            for w in re.findall(r"[\w’'-]+", n)
            if w.casefold() not in ("the", "a", "an", "this", "of", "on")
        )

    for a in reversed(agreements):
        if year and a.year and str(a.year) != year:
            continue
        if duration and a.duration_years and duration != a.duration_years:
            continue
        if party and party.casefold() not in a.name.casefold() and (year or not named) \
                and not (party_keys and party_keys <= set(a.parties)):
            continue
        if fuzz.token_set_ratio(norm(name), norm(a.name)) >= 75:
            return a
        if not named and not year and not party and (a.agreement_type == atype or not a.named):
            # A topical description after a named agreement ("the 20-year strategic treaty").
            return a
    return None


# how far after its status word ("signed", "ratified") a year still dates the agreement: "signed in 1998"
_YEAR_AFTER_STATUS = len("ratified ")


def _attributes(
    a: Agreement,
    text: str,
    s_start: int,
    s_end: int,
    m_start: int,
    m_end: int,
    mentions: list[Mention],
    anchor: date | None,
    own_parties: dict[str, Mention] | None = None,
    own_status: tuple[str, int] | None = None,
    ps: ParsedSentence | None = None,
) -> None:
    """`own_status`: the status the mention's own clause states and where its word is (`clause_status`);
    without it (no parse, or no lifecycle word in the clause) the most advanced status the sentence states
    — not a verb the parse `ps` shows acting on something else ("<X> was to withdraw from <a place>")."""
    sentence = text[s_start:s_end]
    dm = _DURATION.search(sentence)
    if dm and a.duration_years is None:
        a.duration_years = _term_years(int(dm.group("n") or dm.group("m")))
    am = _ARTICLES.search(sentence)
    if am and a.article_count is None:
        a.article_count = int(am.group("n"))
    rank = ranks("agreement_statuses", "status")
    stated = (
        [(own_status[0], own_status[1] - s_start)] if own_status is not None
        else [(status, sm.start()) for status, pat in _STATUS if (sm := pat.search(sentence))
              and not (ps is not None and _acts_on_something_else(ps, s_start + sm.start()))]
    )
    for status, at in stated:
        if rank[status] > rank[a.status]:
            a.status = status
        if status == "signed" and a.status == "signed" and a.signed_date is None:
            future = bool(re.search(r"\b(?:will|set\s+to|to\s+sign)\b", sentence))
            # a day or month anywhere in the sentence; a bare year only right after the word ("signed in 1998")
            dates = [
                d
                for d in find_dates(sentence, anchor, future=future)
                if d.value is not None and (d.precision in ("day", "month")
                                            or (d.precision == "year" and 0 < d.start - at <= _YEAR_AFTER_STATUS))
            ]
            if dates:
                best = min(dates, key=lambda d: abs(d.start - at))
                a.signed_date, a.date_precision = best.value, best.precision
    if a.status == "unknown" and a.year and (anchor is None or a.year <= anchor.year):
        a.status = "signed"  # "Russia's 2024 pact": an agreement named by its year was concluded then
    if a.signed_date is None and a.year and (a.status == "signed" or (
            a.status in ("ratified", "in_force") and (anchor is None or a.year <= anchor.year))):
        # "signed in January" with no anchor stays unknown; a year in the name of one concluded is its signing
        # year ("violated their 2018 deal"), a year-precision date.
        a.signed_date, a.date_precision = date(a.year, 1, 1), "year"
    if own_parties:  # the agreement's own phrase or its signing verb names the parties
        if not a.parties_named:  # and they replace what any sentence around another mention suggested
            a.parties.clear()
            a.parties_named = True
        for key, m in own_parties.items():
            a.parties.setdefault(key, m)
        return
    if a.parties_named:
        return  # "<country> warns over the <pact>": the pact's own phrase elsewhere named its parties
    # Otherwise: countries in the mention's sentence, plus the countries of people who sign it; not one
    # that urges, brokers or hails it ("<Country> Urges <Country> Cease-Fire": the first is an outsider).
    in_sentence = [m for m in mentions if s_start <= m.start < s_end
                   and not (ps is not None and m.actor_type == "country" and _names_a_common_nouns_holder(ps, m))]
    for m in in_sentence:
        if not _GO_BETWEEN_SUFFIX.match(text, m.end) and not _OUTSIDER_VERB_AFTER.match(text, m.end) \
                and not _OVERSEER_AFTER.match(text, m.end):
            if m.actor_type == "country" and m.actor_key:
                a.parties.setdefault(m.actor_key, m)
            elif m.actor_type == "organization" and any(
                    x.actor_type == "country" and (_COORDINATED.fullmatch(text[m.end : x.start])
                                                   or _COORDINATED.fullmatch(text[x.end : m.start])) for x in in_sentence):
                a.parties.setdefault(m.identity, m)  # "<Country> and the <bloc> close in on a deal": both sides
            elif m.actor_type == "person" and m.country_code and re.search(r"\bsign", sentence, re.I):
                a.parties.setdefault(*_as_state(m, mentions))
    if not a.parties and _THE_TWO.search(sentence):
        # "The two countries sign a treaty": the two countries the text has named so far, if just two
        before = {m.actor_key: m for m in mentions if m.end <= m_start and m.actor_type == "country" and m.actor_key}
        if len(before) == 2:
            a.parties.update(before)


# two actors written as one coordinated phrase: "<A> and <B>", "<A> and the <B>", "<A>, <B>"
_COORDINATED = re.compile(r"(?:\s+and|,)\s+(?:the\s+)?", re.I)
# a Title Case headline's verb of making or leaving an agreement right before its name ("… Sign Border Pact")
_HEADLINE_PARTY_VERB = re.compile(
    r"\b(?:" + "|".join(sorted((f for f in verb_forms(_PARTY_VERBS) if " " not in f), key=len, reverse=True))
    + r")[ \t]+$", re.IGNORECASE)
# "… Fail to / Refuse to / Won't <verb>": a headline's verb of an agreement that is not made
_HEADLINE_NEVER_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted(verb_forms(_NEVER_VERBS), key=len, reverse=True)) + r"|not|won[’']t|can[’']t|cannot)"
    r"(?:[ \t]+to)?[ \t]+$", re.IGNORECASE)
# A Title Case headline's verb right after an agreement's name that says where it stands, before the end of
# the headline's clause or a preposition: "<A>-<B> Truce Holds as …", "Ceasefire Begins in …", "Deal Collapses"
# (not "Deal Holds Promise": a verb with an object says what the agreement does)
_HEADLINE_STATUS_AFTER = re.compile(
    r"[ \t]+(?:(?P<in_force>Holds|Begins|Starts|Takes[ \t]+(?:Hold|Effect)|(?:Comes|Goes|Enters)[ \t]+Into[ \t]+"
    r"(?:Force|Effect))|(?P<suspended>Collapses)|(?P<withdrawn>Expires|Lapses))"
    r"(?=[ \t]*(?:$|[-–—:;,|.!?])|[ \t]+(?i:as|in|on|at|after|despite|amid|for|with|but|and|while|until)\b)")


def _headline_status(text: str, s_start: int, start: int, end: int) -> tuple[str, int] | None:
    """Where an agreement stands by the verb of a Title Case headline (whose parse is poor): a verb of
    making or leaving it right before its name ("<A>, <B> Agree Grain Deal", "<X> Finalizes Deal"), unless
    the headline negates it, or a verb of its own keeping or ending right after it ("Truce Holds")."""
    after = _HEADLINE_STATUS_AFTER.match(text, end)
    if after is not None:
        return next(k for k, v in after.groupdict().items() if v), after.start()
    verb = _HEADLINE_PARTY_VERB.search(text, s_start, start)
    if verb is None or _HEADLINE_NEVER_BEFORE.search(text, s_start, verb.start()):
        return None
    word = verb.group(0).split()[-1].casefold()
    lemma = _VERB_LEMMAS.get(word, word)
    status = AGREEMENT_VERBS.get(lemma)
    if status is None:
        return None
    if re.search(r"\b(?:to|will|would|could|may|might)[ \t]+$", text[max(s_start, verb.start() - 8) : verb.start()], re.I):
        # "<X> to Exit <Name> Pact": a threat, not an exit; "Expects <A>, <B> to Close Trade Deal Soon": still
        # being negotiated (only "to Sign" schedules a signing: `_HEADLINE_TO_SIGN`)
        status = "negotiated" if status == "signed" else _FUTURE_STATUS.get(status, "unknown")
    return status, verb.start()


# "… to Sign / Will Sign <Name> Pact" in a Title Case headline: a signing planned
_HEADLINE_TO_SIGN = re.compile(r"\b(?:to|will|set\s+to|due\s+to)[ \t]+sign[ \t]+(?:[\w'’-]+[ \t]+){0,4}$", re.IGNORECASE)
# a verb right after an actor that makes it an outsider to the agreement of its sentence: who urges, calls for,
# demands, brokers, mediates or reacts to it ("<X> hails the truce") — approving, backing or pushing one (its own
# plan) may be a party's act
_OUTSIDER_VERBS = ("urge", "call", "demand", "broker", "mediate", "welcome", "hail", "praise", "condemn")
_OUTSIDER_VERB_AFTER = re.compile(
    r"[ \t]+(?:" + "|".join(sorted(verb_forms(_OUTSIDER_VERBS), key=len, reverse=True)) + r")\b", re.IGNORECASE)
# a body of a country that reviews or judges a deal rather than making it: "<Country> regulators", "<Country>
# antitrust scrutiny", "a <Country> court" — the country is no party of the deal of its sentence for that (its
# legislature may be ratifying the country's own treaty: not a sign either way)
_OVERSEER_AFTER = re.compile(
    r"[’']?s?[ \t]+(?:competition[ \t]+|antitrust[ \t]+|financial[ \t]+|markets?[ \t]+)?(?:regulators?|watchdogs?|"
    r"antitrust|scrutiny|courts?|judges?|probe|review|"
    r"authorities[ \t]+(?:approve|clear|block|review)\w*)\b", re.IGNORECASE)
# "the two countries", "both sides": an anaphor of the two parties named before
_THE_TWO = re.compile(r"\b(?:the\s+two|both)\s+(?:countries|nations|states|sides|governments|neighbou?rs)\b", re.I)
# Words that describe an agreement without naming it ("landmark", "new", "20-year", "bilateral"):
# a mention made only of these, its head and names of parties is a description, not a name.
_DESCRIPTIVE = frozenset(["landmark", "historic", "new", "major", "key", "long", "term", "year", "bilateral",
                          "strategic", "comprehensive", "the", "a", "an", "this", "that", "between", "and", "of",
                          "with", "on", "their", "its", "his", "her", "first", "latest", "big", "sweeping"])


def merge_descriptions(text: str, agreements: list[Agreement], mentions: list[Mention]) -> list[Agreement]:
    """ "Landmark Iran-Russia treaty" in a headline and "the 20-year Comprehensive Strategic
    Partnership Treaty between Iran and Russia" in the body are one agreement: a mention that only
    describes (its words are parties, descriptive words and the head) joins the one named agreement
    of the same kind and parties in the document. With two candidates it stays apart."""
    def described_only(a: Agreement) -> bool:
        spans = [(m.start, m.end) for m in mentions if a.start <= m.start and m.end <= a.end]
        words = [w for w in re.finditer(r"[^\W\d_][\w’'-]*", text[a.start:a.end])
                 if not any(s <= a.start + w.start() < e for s, e in spans)]
        return all(w.group(0).casefold() in _DESCRIPTIVE or w.group(0).casefold() in _HEADS
                   or re.fullmatch(r"\d+-year", w.group(0)) for w in words)

    merged: set[int] = set()
    for a in agreements:
        if not described_only(a):
            continue
        targets = [b for b in agreements if b is not a and b.index not in merged and b.agreement_type == a.agreement_type
                   and not described_only(b) and set(a.parties) <= set(b.parties)
                   and (a.duration_years is None or b.duration_years in (None, a.duration_years))]
        if len(targets) != 1:
            continue
        b = targets[0]
        rank = ranks("agreement_statuses", "status")
        b.mentions += a.mentions
        if rank[a.status] > rank[b.status]:
            b.status = a.status
        if b.signed_date is None and a.signed_date is not None:
            b.signed_date, b.date_precision = a.signed_date, a.date_precision
        b.duration_years = b.duration_years or a.duration_years
        b.article_count = b.article_count or a.article_count
        if b.topic is None and _is_generic(b.name):
            b.topic = a.topic
        merged.add(a.index)
    # What is left of a mere description with no party, date, term or length ("a new deal", "Tentative
    # agreement") tells an analyst nothing he could check: not published.
    kept = [a for a in agreements if a.index not in merged
            and not (described_only(a) and not a.parties and a.signed_date is None and a.duration_years is None
                     and a.article_count is None)]
    for i, a in enumerate(kept):
        a.index = i
        a.mentions.sort()
    return kept


MAX_TERM_YEARS = 100


def _term_years(years: int) -> int | None:
    """An agreement's term in years; "700-year" ties or history are not a term."""
    return years if 0 < years <= MAX_TERM_YEARS else None
