"""Claims from sentence structure: who said what, from the dependency parse of candidate sentences.

A claim is the content of a reporting cue and its speaker is the cue's grammatical subject:

- `X said (that) S`, `X told reporters S`, `S, X said`, `S, says X` (inverted), `X, the minister,
  said S` (apposition: the name speaks, the apposition is its role), `X met Y and said S` and
  `…, adding that S` (the subject of the governing verb), `X urged Y to S`;
- `according to X, S` / `S, according to X`;
- direct quotes (“…”, "…", ‘…’, «…», also across sentences) take the speaker of the cue attached to
  them: in the same sentence (before or after the quote), in a short attribution right after it
  (`"…." he said.`), in an introducing sentence ending with a colon, or — for a quote that directly
  follows another — the previous quote's speaker;
- a post or paragraph opened by its speaker: `Araghchi: we will …`.

Speakers are whoever the text names: a gazetteer or NER mention under the subject (the name, not the
country in "Iran's foreign minister"), a cited outlet ("RIA Novosti reported"), a capital standing for
its government ("Moscow said"), or — when no name is given — the descriptor itself ("a former US
diplomat", typed `descriptor`, never made an actor). Pronouns and definite descriptions ("he", "the
minister", "the ministry") resolve to the nearest compatible earlier speaker or mention. The words
around the name that say who the speaker is ("Iran's foreign minister", "former US diplomat") are
kept as the speaker's role.

No fragments: reported content needs a verb and `MIN_REPORTED_WORDS` words, a direct quote
`MIN_QUOTE_WORDS` words (shorter quotes are scare quotes or titles, e.g. 'haunt' or "Axis");
generic crowds ("analysts", "experts", "sources") are not speakers.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from extraction.actors import Entity, is_surname_in, shows_as_person
from extraction.gazetteer import ROLE_SYNONYMS, Gazetteer, Places, canonical_title, trailing_title
from extraction.model import Citation, Claim, Mention, Sentences, Speaker
from extraction.names import (
    LEADING_PERSON_TITLES,
    TITLE_ABBREVIATIONS,
    TITLES,
    has_given_name,
    person_gender,
    pronoun_may_refer,
)
from extraction.parse import (
    ACCUSED_IN_CONTENT,
    ADVERBIAL_MARKS,
    DESCRIBE_LEMMAS,
    NAMED_SOURCE_LEMMAS,
    NOMINAL_CONTENT_LEMMAS,
    THAT_CLAUSE_LEMMAS,
    ParsedSentence,
    cue_forms,
    phrasal_cues,
    phrasal_verb_forms,
    title_case_headline,
    verb_forms,
)

# Confidence of a claim by the evidence that attributes it (calibrated downstream on the audit).
QUOTE_WITH_CUE_CONFIDENCE = 0.85  # a direct quote whose cue verb has the speaker as its subject
NOMINAL_CONTENT_CONFIDENCE = 0.65  # a demand, warning or accusation whose statement is a noun phrase
QUOTE_CONTINUED_CONFIDENCE = 0.7  # a quote following another, or introduced by a colon line
REPORTED_SPEECH_CONFIDENCE = 0.8  # a reporting verb, its subject and its complement clause
ACCORDING_TO_CONFIDENCE = 0.75  # "according to X" with the clause it qualifies
SPEAKER_HEADING_CONFIDENCE = 0.7  # "Speaker: statement"
PRONOUN_SPEAKER_PENALTY = 0.05  # the speaker was resolved from a pronoun or a definite description
DESCRIPTOR_SPEAKER_PENALTY = 0.05  # the speaker is described, not named

MIN_QUOTE_WORDS = 4
_NOUN_TAGS = frozenset(["NN", "NNS", "NNP", "NNPS"])
MIN_REPORTED_WORDS = 3
MAX_QUOTE_CHARS = 3000
MAX_CONTINUATION_GAP = 60  # characters between a quote and the next one by the same speaker
MAX_ATTRIBUTION_SENTENCE = 240  # … when they are the rest of the first quote's attribution sentence
MAX_ATTRIBUTION_TOKENS = 8  # "…," the former foreign minister of Iran said — the cue after a quote
_AFTER_QUOTE = re.compile(
    r"[\s,.]*(?P<who>(?:[Hh]e|[Ss]he|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}))\s+(?P<verb>[a-z]+)\b"
)

_GENERIC_HEADS = frozenset(
    ["people", "analysts", "experts", "observers", "critics", "sources", "reports", "report", "studies", "study", "polls", "poll", "data", "figures", "many", "some", "others", "media", "outlets", "documents", "records", "estimates", "residents", "users", "officials", "authorities", "sides", "parties", "both", "all",
     # groups no one can identify ("most economists", "backers of the plan", "care providers")
     "statistics", "numbers", "economists", "backers", "supporters", "opponents", "proponents", "advocates",
     "providers"]
)
# generic heads that still identify a statement's source: officials and sources of an unnamed office
_OFFICIAL_SOURCES = frozenset({"officials", "sources", "authorities"})
# what makes "people" a source: "people familiar with / close to / briefed on / with knowledge of …"
_SOURCING_WORDS = frozenset({"familiar", "close", "briefed", "with", "knowledgeable", "involved"})
# words that title a speaker rather than name one ("PM said", "the Minister told")
_TITLE_WORDS = frozenset({*TITLES, *ROLE_SYNONYMS, "pm", "mp", "minister", "premier", "governor", "mayor", "ceo"})
# titles of an office, not of rank or nobility ("Lord", "Sheikh", "King" stay part of how a person is named)
_OFFICE_WORDS = frozenset({*ROLE_SYNONYMS, "pm", "mp", "minister", "premier", "governor", "mayor", "ceo"}) \
    - {"king", "queen", "emir", "amir", "emperor"}
# apposition heads that make a named speaker an organisation ("X, a private airline, said")
_ORG_APPOSITIONS = frozenset(["airline", "carrier", "maker", "manufacturer", "producer", "firm", "company", "lender",
                              "insurer", "retailer", "operator", "developer", "startup", "conglomerate", "miner",
                              "broker", "exchange", "regulator", "watchdog", "charity", "nonprofit", "think-tank",
                              "tank", "publisher", "platform", "brand", "chain", "supplier", "giant",
                              "automaker", "carmaker", "chipmaker", "drugmaker", "planemaker", "steelmaker",
                              "shipbuilder", "homebuilder"])
_QUESTION_WORDS = frozenset(["how", "what", "why", "whether"])
# Nouns by which a text refers back to the one organisation it names ("the company said")
_SOLE_ORG_HEADS = frozenset(["company", "firm", "union", "bank", "group", "carrier", "airline", "lender", "retailer",
                             "insurer", "startup", "conglomerate", "manufacturer", "maker", "operator", "club"])
# heads that make a described speaker an organisation rather than a person
_ORG_HEADS = frozenset(
    ["ministry", "government", "agency", "company", "firm", "bank", "council", "committee", "office", "department", "police", "army", "military", "court", "party", "union", "organization", "organisation", "group", "administration", "embassy", "kremlin", "commission", "authority", "service", "parliament", "cabinet", "campaign", "newspaper", "channel", "outlet", "broadcaster", "statement", "club",
     "fund", "band", "team"]
)
_ORG_NAME_WORDS = frozenset(
    ["inc", "corp", "corporation", "co", "ltd", "llc", "plc", "group", "holdings", "association", "institute", "university", "foundation", "fund", "coalition", "alliance", "network", "times", "post", "news", "press", "television", "radio", "agency", "bureau", "league", "club", "force",
     # a carrier and a health service ("<Name> Airlines", "<Region> Health") are no person
     "airlines", "airways", "health"]
)
# common nouns that denote one person by role or kin: "<X>'s lawyer" is not <X> (a spokesperson, who speaks
# for <X>, is not among them)
_PERSON_ROLE_HEADS = frozenset(
    ["lawyer", "attorney", "family", "daughter", "son", "wife", "husband", "mother", "father", "brother", "sister",
     "widow", "chief", "head", "commander", "economist", "adviser", "advisor", "aide", "director", "founder", "boss",
     "chairman", "chairwoman", "chair", "executive", "ceo", "analyst", "envoy", "ambassador", "lawmaker", "leader",
     "coach", "manager", "professor", "prosecutor", "judge", "president", "minister", "secretary", "governor",
     "mayor", "deputy", "general", "strategist", "negotiator", "friend", "colleague", "biographer", "rival",
     "successor", "predecessor", "counsel", "doctor", "physician", "diplomat", "spokesman", "spokeswoman",
     "spokesperson", "senator", "congressman", "congresswoman", "activist", "campaigner", "ally", "confidant",
     "loyalist", "associate", "supporter", "backer", "critic", "opponent"]
)
_INSTITUTION_OF_COUNTRY = frozenset(
    ["leadership", "government", "authorities", "officials", "ministry", "foreign", "office", "spokesman", "spokeswoman", "administration"]
)
# a document speaks for whoever issued it: "a statement from the Iranian foreign ministry said"
_DOCUMENT_HEADS = frozenset(["statement", "readout", "release", "communique", "communiqué", "report", "letter", "post", "message", "note",
                             "poll", "survey", "website", "site", "blueprint", "study", "filing", "document", "memo",
                             "proposal", "draft", "analysis", "assessment", "tweet"])
# What a finding is drawn from ("new data from <agency> indicates that …")
_EVIDENCE_HEADS = frozenset(["data", "figures", "statistics", "research", "findings", "results", "records", "information",
                             "estimates", "numbers", "calculations"])
# Documents whose "of" names what they examine, not who issued them ("a survey of 2,000 adults")
_STUDY_HEADS = frozenset(["poll", "survey", "study", "analysis", "assessment", "report", "review"])
# Verbs that make their object do what follows ("led X to call for", "prompted X to warn"), by form
_CAUSATIVE = frozenset(verb_forms(["lead", "prompt", "force", "cause", "push", "drive", "spur", "compel", "persuade",
                                   "convince", "inspire", "encourage"]))
# Honorifics are no role: "Mr. Petrenko said" has the role of whatever else the text says he is.
_HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "mx"])
# Verbs under which a reporting verb reports nothing: "refused to say", "declined to comment".
# Verbs and adjectives under which an infinitive cue is not said yet: "expected to say", "plans to announce"
_INTENDING = ("expect", "intend", "plan", "ask", "want", "hope", "seek", "aim", "prepar", "schedul", "due",
              "poised", "invit", "wish", "likely", "set")  # word starts (the parser has no lemmas)
_WITHHOLDING = ("refus", "declin", "fail", "hesitat", "neglect", "avoid")  # word starts (the parser has no lemmas)
_MEDIA_NOUNS = frozenset(["outlet", "agency", "newspaper", "channel", "broadcaster", "paper"])
_PERSON_PRONOUNS = frozenset({"he", "she"})
_GROUP_PRONOUNS = frozenset({"they", "it"})
_OPENERS = "“\"«„‘'"
_CLOSERS = "”\"»“’'"


# --- quotes ------------------------------------------------------------------------------------


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of every quotation: the marks at text[open] and text[close - 1]."""
    out: list[tuple[int, int]] = []
    n = MAX_QUOTE_CHARS
    for pattern in (
        # doubled apostrophes, the typewriter/TeX convention of wire archives: ''We will,'' he said.
        rf"(?<![\w'])''(?!')(?:[^'\n]|'(?!')){{1,{n}}}?'''?(?![\w'])",
        rf"“[^“”]{{1,{n}}}”",
        rf"«[^«»]{{1,{n}}}»",
        rf"„[^„“”]{{1,{n}}}[“”]",
        # straight marks pair within a line first (one stray mark must not shift every later pair), then over
        # line breaks (hard-wrapped copy)
        rf"(?<![\w=])\"[^\"”\n]{{1,{n}}}\"",
        rf"(?<![\w=])\"[^\"”]{{1,{n}}}\"",
        # mismatched marks, one curly and one straight (edited copy): within a paragraph only
        rf"“[^“”\"\n]{{1,{n}}}\"(?!\w)",
        rf"(?<![\w=])\"[^\"“”\n]{{1,{n}}}”",
        # an apostrophe inside a single-quoted quote (‘Hillary’s slogan’) is a letter, not its end
        r"(?:(?<=[\s(\[—–-])|^)‘(?:[^‘’\n]|’(?=[A-Za-z])){1,300}’(?![\w])",
        r"(?:(?<=[\s(\[—–-])|^)'(?=[A-Za-z0-9])[^'\n]{1,300}?[\w.!?,]'(?![\w])",
    ):
        for m in re.finditer(pattern, text, re.M):
            if "\n\n" in m.group(0):
                continue  # a quote never runs over a blank line: these are two unrelated marks
            if not any(s < m.end() and m.start() < e for s, e in out):
                out.append((m.start(), m.end()))
    # a paragraph that opens a quotation after a line ending in a colon and does not close it: a quotation
    # that runs on over paragraphs (each opens with a mark, only the last closes); its close is the line end
    for m in _PARAGRAPH_QUOTE.finditer(text):
        s, e = m.start("mark"), m.end()
        if not any(a < e and s < b for a, b in out):
            out.append((s, min(e + 1, len(text))))
    return sorted(out)


# a dash and one to five capitalized words (initials allowed) closing a quote, then a stop, a line end or
# the next quote: '"…" ― <Name>', '"…" — <Given> <M.> <Surname>.'
_SIGNATURE = re.compile(
    r"[ \t]*(?P<dash>[―—–])[ \t]*(?P<who>[A-Z][\w’'-]*\.?(?:[ \t]+[A-Z][\w’'-]*\.?){0,4}?)"
    r"(?=\.?[ \t]*(?:\n|$|[“\"”]))")
_PARAGRAPH_QUOTE = re.compile(r":[ \t]*\n+[ \t]*(?P<mark>[“\"])[^“”\"\n]{20,1500}(?=\n|$)")


_POSSESSIVE_BEFORE = re.compile(r"(?:\b[A-Z][\w.&-]*['’]s|\b(?:show|programme|program|book|film|series|titled|entitled))\s*$")


def _is_title(text: str, s: int, e: int) -> bool:
    """A quoted name of a programme, book or film ("on Northland TV's 'Morning Hour'"): a short Title Case
    quotation right after a possessive name or a word for a work."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text[s + 1 : e - 1])]
    if not words or len(words) > 6:
        return False
    small = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with"}
    title_case = all(w[:1].isupper() or w.lower() in small for w in words)
    return title_case and _POSSESSIVE_BEFORE.search(text, 0, s) is not None


def _is_speech(inner: str) -> bool:
    words = inner.split()
    if len(words) < MIN_QUOTE_WORDS:
        return False  # scare quotes, single words, titles
    if all(w[:1].isupper() or not w[:1].isalpha() for w in words) and len(words) <= 8:
        return False  # a quoted title or name ("Strategic Cooperation Treaty")
    return "://" not in inner and "<" not in inner


# --- speakers ----------------------------------------------------------------------------------


@dataclass
class _Context:
    text: str
    mentions: list[Mention]
    citations: list[Citation]
    capitals: list[tuple[int, int, str]]
    country_keys: dict[str, tuple[str, str]]
    entities: list[Entity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    demonyms: list[tuple[int, int]] = field(default_factory=list)  # spans of demonyms ("Iranian", "American")

    def entity_label(self, start: int, end: int) -> str | None:
        """The statistical NER's label of a span that covers [start, end), if any."""
        return next((e.label for e in self.entities if e.start <= start and end <= e.end), None)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def previous_speaker(self, before: int, kinds: tuple[str, ...] | None = None, gender: str | None = None) -> Speaker | None:
        """The speaker of the latest claim before `before` of one of `kinds` (None: of any kind); with `gender`
        (a "he" or "she"), the latest whose gender does not contradict it."""
        for c in reversed(self.claims):
            if c.speaker and c.start < before and (kinds is None or c.speaker.speaker_type in kinds) \
                    and (gender is None or pronoun_may_refer(self.text, c.speaker.start, c.speaker.name, gender, c.speaker.role)):
                return c.speaker
        return None

    def previous_mention(self, before: int, kinds: tuple[str, ...], gender: str | None = None) -> Mention | None:
        """The latest mention before `before` of one of `kinds`; with `gender`, the latest a pronoun of
        that gender may refer to."""
        for m in reversed(self.mentions):
            if m.end <= before and m.actor_type in kinds \
                    and (gender is None or pronoun_may_refer(self.text, m.start, m.actor_name, gender)):
                return m
        return None

def _np_tokens(head: Any) -> list[Any]:
    """The subject noun phrase: the head's subtree without relative clauses and other clauses, and
    without the other members of a coordination ("<Company> and <Company> said": each speaks)."""
    cut = {"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "prep"}
    drop: set[int] = set()
    keep: set[int] = set()
    joint = _joint_speakers(head)
    for t in head.subtree:
        if joint and t.i != head.i and t.head.i == head.i and t.dep_ in ("conj", "cc"):
            drop.update(x.i for x in t.subtree)
        elif t.i != head.i and t.dep_ in cut:
            if t.dep_ == "prep" and t.head.i == head.i and t.lower_ == "of":
                continue  # "the head of the agency": part of who speaks
            if t.dep_ == "prep" and (qualifier := _sourcing_qualifier(head)) is not None \
                    and (t.i == qualifier.i or t.head.i == qualifier.i):
                clauses = {y.i for x in t.subtree if x.dep_ in cut - {"prep"} for y in x.subtree}
                keep.update(x.i for x in t.subtree if x.i not in clauses)
                continue  # "a person with knowledge of the plan", "people familiar with the matter": who the source is
            if t.i in keep:
                continue
            drop.update(x.i for x in t.subtree)
    # an age ends the phrase: "<Surname>, 58, told reporters"; so does a clause set off after the head ("the
    # company, which owns two brands, said": the company — not up to the comma that closes the clause)
    age = next((t for t in head.rights if t.like_num and len(t.text) <= 3 and t.dep_ != "compound"), None)
    clause = next((t for t in head.rights if t.dep_ in cut - {"prep"} and t.i > head.i), None)
    stop = min((x.i for x in (age, clause) if x is not None), default=None)
    if clause is not None and stop == clause.i:
        stop = clause.left_edge.i
    tokens = [t for t in head.subtree if t.i not in drop and (stop is None or t.i < stop)]
    while len(tokens) > 1 and tokens[0].is_punct:
        tokens = tokens[1:]  # the closing mark of the quote before ("…,” <Surname> said")
    first = tokens[0]
    if first.i >= 2 and _split_prefix(first.doc[first.i - 2]) and first.doc[first.i - 2].is_alpha:
        tokens = [first.doc[first.i - 2], first.doc[first.i - 1], *tokens]  # "Ex-<rugby> boss": the prefix is his
    while len(tokens) > 1 and tokens[-1].text in _CLOSERS and tokens[-1].i > head.i \
            and not any(t.text in _OPENERS for t in tokens[:-1]):
        tokens = tokens[:-1]  # "provided by '<Name>'": the marks around a name
    while stop is not None and len(tokens) > 1 and tokens[-1].is_punct:
        tokens = tokens[:-1]
    colon = next((k for k, t in enumerate(tokens) if t.text == ":" and t.i < head.i), None)
    if colon is not None and colon + 1 < len(tokens):
        tokens = tokens[colon + 1 :]  # "Exclusive: <agency> has asked …": a section label is not the speaker
    if len(tokens) > 1 and tokens[-1].dep_ == "cc" and tokens[-1].i > head.i:
        tokens = tokens[:-1]  # "<agency> investigating … and has asked": the clause was cut, not its "and"
        while len(tokens) > 1 and tokens[-1].is_punct and tokens[-1].i > head.i:
            tokens = tokens[:-1]
    # a dateline's dash is spaced ("CITY - <Airline> said"); a hyphen inside a name is not ("<ABC>-<DEF> said")
    dash = next((k for k, t in enumerate(tokens) if t.text in ("-", "–", "—", "--")
                 and k > 0 and (tokens[k - 1].whitespace_ or t.whitespace_)), None)
    if dash is not None and dash + 1 < len(tokens) and any(t.text.isupper() and len(t.text) > 2 for t in tokens[:dash]) \
            and all(t.text.isupper() or not t.is_alpha for t in tokens[:dash]) and head.i > tokens[dash].i:
        tokens = tokens[dash + 1 :]  # "CITY - <Airline> said": the dateline is not the speaker
    return tokens


# nouns of an unnamed source, described by what they know ("a person with knowledge of …")
_ANONYMOUS_SOURCES = frozenset(["person", "people", "source", "sources", "official", "officials", "someone",
                                "insider", "insiders", "individual", "individuals"])


def _sourcing_qualifier(head: Any) -> Any | None:
    """What makes an unnamed source a source: "people familiar with …", "sources close to …", "a person with
    knowledge of …" — the head's modifier of that kind, or None."""
    if head.lower_ not in _ANONYMOUS_SOURCES:
        return None
    return next((c for c in head.rights if c.dep_ in ("amod", "acl", "prep") and c.lower_ in _SOURCING_WORDS), None)


def _joint_speakers(head: Any) -> bool:
    """A subject of coordinated names, each a speaker: "<Company>, <Company> and <Company> said" (not
    "the Ministry of Trade and Industry", whose coordination is inside one name)."""
    members = [head, *head.conjuncts]
    return len(members) > 1 and all(m.tag_ in ("NNP", "NNPS") for m in members) \
        and all(c.dep_ != "cc" or c.lower_ in ("and", "&") for c in head.children)


def _named_before_by_last_word(ctx: _Context, word: str, start: int) -> Speaker | None:
    """The one outlet or organisation named before `start` whose name ends in `word` ("the Post" after "<City>
    Post"): a name cut to its last word; none when two named so qualify."""
    found: dict[str, Speaker] = {}
    for c in ctx.citations:
        name = c.outlet_name or c.text
        if c.citation_type == "outlet_attribution" and c.end <= start and name.split()[-1:] == [word]:
            found.setdefault(c.outlet_key or name, Speaker(c.start, c.end, c.text, None, name, "outlet", c.outlet_key))
    for m in ctx.mentions:
        if m.actor_type == "organization" and m.end <= start and " " in m.actor_name \
                and m.actor_name.split()[-1] == word:
            found.setdefault(m.identity, _mention_speaker(m))
    for claim in ctx.claims:  # an organisation a claim before made a speaker of
        sp = claim.speaker
        if sp is not None and sp.speaker_type in ("organization", "outlet") and sp.end <= start \
                and " " in sp.name and sp.name.split()[-1] == word:
            found.setdefault(sp.outlet_key or sp.actor_key or sp.name, sp)
    names = {re.sub(r"^the\s+", "", sp.name, flags=re.I).casefold() for sp in found.values()}
    # every name written before that ends in the word, recognised or not: two make the short form ambiguous
    written = {re.sub(r"^the\s+", "", m.group(1).strip(), flags=re.I).casefold()
               for m in re.finditer(rf"((?:\b[A-Z][\w'’&.-]*\s+){{1,4}}){re.escape(word)}\b", ctx.text[:start])}
    return next(iter(found.values())) if len(names) == 1 and len(written) == 1 else None


def _mention_speaker(m: Mention) -> Speaker:
    return Speaker(m.start, m.end, m.text, m.actor_key, m.actor_name, m.actor_type)


def _referring(sp: Speaker, start: int, end: int, text: str, role: str | None = None) -> Speaker:
    return Speaker(start, end, text, sp.actor_key, sp.name, sp.speaker_type, sp.outlet_key, role or sp.role)


def _country_speaker(ctx: _Context, code: str, start: int, end: int, text: str) -> Speaker:
    key, name = ctx.country_keys.get(code, (None, text))
    return Speaker(start, end, text, key, name, "country")


def _role_text(tokens: list[Any], name: tuple[int, int] | None, ps: ParsedSentence) -> str | None:
    """The words of the subject phrase outside the name: who the speaker is ("Iran's foreign minister")."""
    words: list[str] = []
    depth = 0
    kept = {t.i for t in tokens}
    for t in tokens:
        s, e = ps.span(t)
        if t.text in ("(", "[", ")", "]"):
            depth = max(0, depth + (1 if t.text in "([" else -1))
            continue
        if depth or (name and name[0] <= s and e <= name[1]):
            continue  # "Rep. <Name> (D-Calif.)": the party and state are no role
        if t.text == "," and words:
            words[-1] = words[-1].rstrip() + ", "  # "another diplomat, former special envoy"
            continue
        if t.tag_ == "HYPH" and words and not words[-1].endswith(" "):
            # "President-elect": the hyphen is the word's; before words left out ("commander-[in-chief]") a space
            words.append(t.text if not t.whitespace_ and t.i + 1 in kept else " ")
            continue
        if t.dep_ == "punct" or (t.dep_ == "case" and not words) or (t.dep_ == "det" and t.i == tokens[0].i):
            continue  # nor the "'s" of a name left out
        if not words and t.text.rstrip(".").lower() in _HONORIFICS:
            continue  # "Mr.", "Dr": a form of address
        # (a word joined to words left out keeps a space: "commander-in-chief of" without "in-chief")
        words.append(t.text_with_ws if t.whitespace_ or t.i + 1 in kept else t.text + " ")
    role = "".join(words).strip(" ,;:")
    role = re.sub(r"(?:\s+(?:of|the|a|an|for|at|in|to))+$", "", role, flags=re.I)  # "Staff of the <name>"
    if re.match(r"(?:and|or|&)\b", role, re.I):
        return None  # "<Name> and experts say": a co-speaker after the name, not who the speaker is
    return role or None


# a possessor opening a name: "<Country>'s " in "<Country>'s <Given> <Surname>"
_POSSESSOR = re.compile(r"[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)?['’]s\s+(?=[A-Z])")


def _bare_possessive(role: str | None) -> bool:
    """A role that is only a possessor ("<Country>'s" in "<Country>'s <Name> says"): whose, not who."""
    return role is not None and re.fullmatch(r"(?:[\w.&-]+\s+)*[\w.&-]+\s*['’]s?", role) is not None


# A share of a population ("63 percent of Americans", "a majority", "most respondents", "half of
# voters") is a poll finding, not a source that made a statement.
_QUANTIFIERS = frozenset(["many", "some", "several", "few", "most", "all", "both", "none"])
_SHARE_HEADS = frozenset({
    "percent", "%", "per", "majority", "minority", "plurality", "most", "half", "third", "thirds", "quarter",
    "quarters", "fifth", "fifths", "respondents", "share", "proportion",
})


def _is_population_share(head: Any, tokens: list[Any]) -> bool:
    if head.lower_ in _SHARE_HEADS or head.like_num or head.tag_ == "CD":
        return True
    return any(t.lower_ in ("percent", "%") for t in tokens[:4]) and any(t.like_num for t in tokens[:4])


def resolve_speaker(ctx: _Context, ps: ParsedSentence, head: Any) -> Speaker | None:
    """The speaker a subject token stands for, or None when it names no one in particular."""
    tokens = _np_tokens(head)
    if _is_population_share(head, tokens):
        return None
    if head.i == 0 and head.i + 1 < len(head.doc) and head.doc[head.i + 1].text == ":" and head.tag_ == "NN" \
            and not ctx.mentions_in(*ps.span(head)):
        return None  # "Exclusive: '…' says <X>": a section label the parse made the subject, not who speaks
    if head.lower_ in _QUANTIFIERS and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return None  # "many of <X>'s colleagues": some members of a group, not <X> nor a name inside it
    start, end = ps.span(tokens[0], tokens[-1])
    if joined := re.match(r"(?:-[^\W_]+)+" if ctx.text[end - 1] != "-" else r"[^\W_]+(?:-[^\W_]+)*", ctx.text[end : end + 40]):
        end += joined.end()  # a hyphenated word the parser split: "the commander-in-chief", "the envoy-at-large"
    while end - start > 1 and ctx.text[end - 1] in " ,;:-":
        end -= 1  # "The president of the commission, said"
    text = ctx.text[start:end]
    lower = head.lower_
    if lower == "elect" and head.i >= 2 and head.doc[head.i - 1].text == "-" and head.doc[head.i - 2].tag_ in ("NN", "NNP"):
        # "the (US) president-elect said": a person not yet in office (the parser made "elect" a name); described
        # — not the office's holder of the day, nor an organisation
        elect_role = re.sub(r"^(?:a|an|the)\s+", "", " ".join(text.split()), flags=re.I)
        return Speaker(start, end, text, None, text, "descriptor", None, elect_role)
    if head.tag_ == "PRP" or lower in ("he", "she", "they", "it"):
        if lower in _PERSON_PRONOUNS:
            gender = "female" if lower == "she" else "male"
            host = _occasion_host(head)
            if host is not None and ps.span(host)[0] < start:
                found = resolve_speaker(ctx, ps, host)
                if found is not None and found.speaker_type == "person" \
                        and pronoun_may_refer(ctx.text, found.start, found.name, gender, found.role):
                    return _referring(found, start, end, text)
            prior = ctx.previous_speaker(start, ("person",), gender)
            if prior is None:
                m = ctx.previous_mention(start, ("person",), gender)
                prior = _mention_speaker(m) if m else None
        elif lower in _GROUP_PRONOUNS:
            prior = ctx.previous_speaker(start, ("organization", "country", "outlet"))
        else:
            return None  # I, we, you: a speaker inside a quote, not an attribution
        return _referring(prior, start, end, text) if prior else None
    for c in ctx.citations:
        if c.citation_type == "outlet_attribution" and start <= c.start and c.end <= end:
            return Speaker(c.start, c.end, c.text, None, c.outlet_name or c.text, "outlet", c.outlet_key)
    if lower in _DOCUMENT_HEADS:
        issuer = _issuer(head)
        if issuer is not None:
            found = resolve_speaker(ctx, ps, issuer)
            if found is not None and found.speaker_type == "descriptor" and issuer.dep_ in ("poss", "compound"):
                i_start, i_end = ps.span(issuer)  # "the agency's website": the agency, without "the" and "'s"
                found = Speaker(i_start, i_end, issuer.text, None, issuer.text, "descriptor", None, issuer.text)
            if found is not None:
                return found
    if lower in _EVIDENCE_HEADS:
        # "according to data from <X>", "figures by <X> show", "figures released by <X>": whoever compiled
        # them (not "data of 2,000 firms")
        preps = [c for c in head.children if c.dep_ == "prep"] + [
            x for c in head.children if c.dep_ == "acl" for x in c.children if x.dep_ in ("agent", "prep")]
        source = next((x for c in preps if c.lower_ in ("from", "by") for x in c.children if x.dep_ == "pobj"), None)
        found = resolve_speaker(ctx, ps, source) if source is not None else None
        if found is not None and (found.speaker_type != "descriptor" or (source is not None and source.lower_ in _ORG_HEADS)):
            return found  # a body ("figures released by the <demonym> customs administration") is a source too
    inside = ctx.mentions_in(start, end)
    head_start, head_end = ps.span(head)
    qualifier = _sourcing_qualifier(head)
    if qualifier is not None:
        # "people close to the <premier>", "a source familiar with <Name>'s thinking": not the one they are close to
        inside = [m for m in inside if m.end <= ps.span(qualifier)[0]]
    people = [m for m in inside if m.actor_type == "person"]
    on_head = [m for m in inside if m.start <= head_start and head_end <= m.end]
    chosen = next(iter(on_head), None) if on_head and on_head[0].actor_type != "country" else None
    if chosen is None and people:
        chosen = people[0]
    if chosen is None and on_head:
        chosen = on_head[0]
    if chosen is None and inside:
        chosen = inside[0]
    if chosen is None:
        for s, e, code in ctx.capitals:
            if s <= head_start and head_end <= e:
                return _country_speaker(ctx, code, s, e, ctx.text[s:e])
    if chosen is not None and chosen.actor_type == "person" and head.tag_ == "NNS" \
            and _names_a_group_member_of(ps, head, chosen):
        # a group named by a person it belongs to ("members of <person>'s party", "<person>'s aides"): not him
        return _descriptor(ctx, ps, head, text, start, end)
    if chosen is not None and chosen.actor_type == "country" and chosen.start <= head_start and head_end <= chosen.end:
        brand = _name_before_country(ctx, ps, head, chosen)
        if brand is not None:  # "<Brand> Canada said", "<Agency> Australia said": a body of that country, not it
            return Speaker(start, end, text, None, ctx.text[brand:chosen.end], "organization")
    if chosen is not None and chosen.actor_type == "person" and lower in _BODIES_OF_A_PERSON \
            and not (chosen.start <= head_start and head_end <= chosen.end):
        # "the <Surname> administration", "<Surname>'s office", "the <Surname> campaign": a body that speaks for
        # the person, not the person (who may not have said it)
        return _descriptor(ctx, ps, head, text, start, end)
    if chosen is not None and _person_role(head) \
            and not (chosen.start <= head_start and head_end <= chosen.end):
        # the head is a person by role and the name is someone else's: "<person>'s lawyer", "the <org> aid
        # chief", "the president of <org>" — not the possessor; a name after the role is the speaker (set
        # beside it, not inside its "of" phrase: "the family of <person>" is not <person>)
        in_phrase = [ps.span(t) for t in _in_prepositional_phrase(head)]
        named = [m for m in people if m.start > head_end and not any(m.start <= s < m.end for s, _ in in_phrase)]
        if named:
            chosen = named[0]
        elif chosen.actor_type in ("person", "organization"):
            return _descriptor(ctx, ps, head, text, start, end)
    if chosen is not None:
        # (a speaker found by his office keeps it in the role: "the incoming US president", not "incoming US")
        name_start = chosen.start
        if chosen.actor_type == "person" and chosen.method != "role":
            # "<Given> <Surname>" where only the surname was linked: the given name is the name's, not a role
            given = chosen.actor_name.split()[:-1]
            while given and (w := re.search(r"(\S+)\s+$", ctx.text[max(0, name_start - 40) : name_start])) \
                    and w.group(1) == given[-1]:
                name_start -= len(w.group(0))
                given = given[:-1]
        role = _role_text(tokens, None if chosen.method == "role" else (name_start, chosen.end), ps)
        if chosen.actor_type == "person" and _bare_possessive(role):
            role = None  # a person's country or club before the name is no office (an organisation keeps it)
        titles = list(itertools.takewhile(lambda w: w.strip(".").casefold() in _TITLE_WORDS, chosen.text.split()))
        if titles and chosen.actor_type == "person" and chosen.method != "role" and len(titles) < len(chosen.text.split()):
            role = " ".join([*(role.split() if role else []), *titles])  # "Russian" + "President <Name>"'s title
        if chosen.actor_type == "country" and not (chosen.start <= head_start and head_end <= chosen.end):
            # "Iran's foreign ministry said": the country's institution speaks for it; "Iran's
            # foreign minister" (a person not named) is a described person of that country.
            if lower in _INSTITUTION_OF_COUNTRY or lower in ("ministry", "government"):
                sp = Speaker(chosen.start, chosen.end, chosen.text, chosen.actor_key, chosen.actor_name, "country")
                return _referring(sp, start, end, text, role)
            return _new_person_beside(ctx, ps, head, start) or _descriptor(ctx, ps, head, text, start, end)
        return Speaker(chosen.start, chosen.end, chosen.text, chosen.actor_key, chosen.actor_name,
                       chosen.actor_type, None, role)
    beside = _appositive_person(ctx, ps, head)
    if beside is not None:  # "said another witness in the inquiry, former adviser <Name>": the name speaks
        return Speaker(beside.start, beside.end, beside.text, beside.actor_key, beside.actor_name, "person", None, text)
    new_person = _new_person_beside(ctx, ps, head, start)
    if new_person is not None:
        return new_person
    restricted = any(c.dep_ in ("relcl", "acl") and c.i > head.i and head.doc[c.left_edge.i - 1].text not in (",", "—", "–", "-", "(")
                     for c in head.children)  # "the lawmaker he appointed": someone picked out, not the one before
    if (tokens[0].lower_ in ("the", "their", "its") or (len(tokens) == 1 and lower in _SOLE_ORG_HEADS)) \
            and len([t for t in tokens if not (t.is_punct or t.is_space)]) <= 4 and not restricted:
        # (words, not tokens: "the ex-immigration minister" is three)
        kinds: tuple[str, ...] = ("outlet",) if lower in _MEDIA_NOUNS else (
            ("organization", "country", "outlet") if lower in _ORG_HEADS else
            ("organization", "outlet") if lower in _STUDY_HEADS else ("person",))  # "the survey": its issuer
        if kinds == ("person",) and head.tag_ in ("NNP", "NNPS") and tokens[0].lower_ == "the" and len(tokens) > 1 \
                and not {lower, tokens[1].lower_} & (_PERSON_ROLE_HEADS | _TITLE_WORDS):
            # "…, the <Palace> said", "according to the <Paper>": a name with its article, not a description of
            # the person named before it; one word ("the Centre") may be short for a longer name: described only
            words = [t for t in tokens if not t.is_space]  # (a no-break space after the name is a token)
            if len(words) == 2 and not words[1].text.isupper():  # (an acronym is a name of its own: "the <ACR>")
                short = _named_before_by_last_word(ctx, words[1].text, start)
                if short is not None:  # "The <City> Herald reported … The Herald said": the one named so before
                    return _referring(short, start, end, text)
                return Speaker(start, end, text, None, text, "descriptor", None, words[1].text)
            return _descriptor(ctx, ps, head, text, start, end)
        if kinds == ("person",) and head.tag_ == "NNS":
            return _descriptor(ctx, ps, head, text, start, end)  # "the senators", "its employees": not one person
        if kinds == ("person",) and lower not in _SOLE_ORG_HEADS and not _refers_to_a_person(head):
            # "the indictment alleges", "the force said", "the board said": no person named before is meant
            return _descriptor(ctx, ps, head, text, start, end)
        # "the spokeswoman" refers to a woman, "the congressman" to a man
        described = person_gender("", "", text) if kinds == ("person",) else None
        prior = ctx.previous_speaker(start, kinds, described)
        if prior is not None and lower in _STUDY_HEADS and ctx.previous_speaker(start) is not prior:
            prior = None  # "<Org> said …. Research has found …. The study shows …": another source spoke since
        if prior is None and kinds == ("outlet",):
            cited = [c for c in ctx.citations if c.citation_type == "outlet_attribution" and c.end <= start]
            if cited:
                c = cited[-1]
                prior = Speaker(c.start, c.end, c.text, None, c.outlet_name or c.text, "outlet", c.outlet_key)
        if prior is None and lower in _SOLE_ORG_HEADS:
            # "the company says", "their union warned": the one organisation the text has named before
            orgs = {m.identity: m for m in ctx.mentions if m.actor_type == "organization" and m.end <= start}
            if len(orgs) == 1:
                m = next(iter(orgs.values()))
                prior = _mention_speaker(m)
        if prior is None and kinds == ("person",):
            m = ctx.previous_mention(start, ("person",), described)
            if m is not None and _HARMED_POSSESSOR.match(ctx.text, m.end):
                return _descriptor(ctx, ps, head, text, start, end)  # "<Name>'s death …, the prosecutor said"
            prior = _mention_speaker(m) if m else None
        if prior is not None and kinds == ("person",) and _another_office(ctx, head, prior):
            return _descriptor(ctx, ps, head, text, start, end)  # "the ambassador" after "President <Name>"
        if prior is not None:
            return _referring(prior, start, end, text, text)
    return _descriptor(ctx, ps, head, text, start, end)


_OCCASION_WH = frozenset(["where", "when", "whereupon"])
# a person named as the one harmed ("<Name>'s death", "<Name>'s killing"): the victim, not an office that speaks
_HARMED_POSSESSOR = re.compile(r"['’]s[ \t]+(?:[a-z-]+[ \t]+)?(?:death|killing|murder|manslaughter|shooting|stabbing|"
                               r"assault|rape|abduction|kidnapping|disappearance|funeral|body|remains)\b")


def _occasion_host(pronoun: Any) -> Any | None:
    """The subject of the clause an occasion is told in, for a "he"/"she" speaking in a relative clause of
    that occasion: "<A> met <B> in <City>, where he said …", "<A> gave a speech, during which she warned …"
    — the one who met or gave it (the clause is about <A>'s occasion), not the nearest person (<B>). None
    when the relative clause is not of a place or time ("<B>, who …") or its subject is itself a pronoun."""
    verb = pronoun.head
    if pronoun.dep_ != "nsubj" or verb.dep_ not in ("relcl", "advcl"):
        return None
    # "during which", "at which": a relative clause however the parse hung it; "where" / "when" only in a
    # relative clause of a noun ("…, when he said" joined to the verb is a time clause, about anyone)
    which = any(c.dep_ == "prep" and c.i < pronoun.i and any(x.lower_ == "which" for x in c.children)
                for c in verb.children)
    wh = verb.dep_ == "relcl" and verb.head.tag_ in _NOUN_TAGS \
        and any(c.dep_ == "advmod" and c.lower_ in _OCCASION_WH and c.i < pronoun.i for c in verb.children)
    if not (which or wh):
        return None
    governor = verb.head
    while governor.head.i != governor.i and not governor.tag_.startswith("VB"):
        governor = governor.head
    if not governor.tag_.startswith("VB"):
        return None
    host = _subject(governor)
    if host is None or host.tag_ == "PRP" or host.i > pronoun.i:
        return None
    return host


# Singular nouns of a doer ("owner", "officer", "rapporteur", "guardian", "Democrat") by their ending; the
# organisations among such words ("carrier", "regulator", "newspaper") are named in the lists above
_DOER_ENDING = re.compile(r"(?:er|or|ist|man|woman|ee|eur|ian|crat|can)$")


# a title's abbreviation in a headline, written out as the body writes it before a name
_ROLE_ABBREVIATIONS = {"PM": "Prime Minister", "FM": "Foreign Minister"}


def _denotes_a_person(word: str) -> bool:
    """Whether the last word of a description names one person by role: a listed role ("minister") or a
    singular noun of a doer ("owner", "House Democrat") that is no kind of organisation."""
    w = word.casefold().removesuffix("-elect")  # "president-elect": a president to be
    w = re.sub(r"^(?:ex|former)-", "", w)  # "ex-minister": a minister once
    if w in _PERSON_ROLE_HEADS:
        return True
    return _DOER_ENDING.search(w) is not None and w.isalpha() and not (
        w in _ORG_APPOSITIONS or w in _ORG_HEADS or w in _SOLE_ORG_HEADS or w in _ORG_NAME_WORDS
        or w in _MEDIA_NOUNS or w in _DOCUMENT_HEADS or w in _GENERIC_HEADS)


# bodies named after the person they serve: their statements are not that person's own words
_BODIES_OF_A_PERSON = frozenset(["administration", "government", "campaign", "team", "camp", "office", "cabinet",
                                 "aides", "staff", "allies", "spokespeople"])
# nouns for a person that neither a role list nor a doer's ending ("-er", "-ist") catches
_PERSON_NOUNS = frozenset(["star", "nurse", "candidate", "nominee", "pontiff", "pope", "lady", "athlete", "hero",
                           "veteran", "model", "host", "guard", "champion", "legend", "pilot", "soldier", "victim",
                           "suspect", "defendant", "plaintiff", "tycoon", "billionaire", "mogul", "magnate", "monarch",
                           "cleric", "imam", "rabbi", "priest", "bishop", "cardinal", "archbishop", "celebrity",
                           "poet", "artist", "student", "teen", "child", "icon"])


# words that make a country's name, not an organisation's, when they come before it ("Northern Ireland")
_PLACE_QUALIFIERS = frozenset(["north", "south", "east", "west", "northern", "southern", "eastern", "western",
                               "central", "upper", "lower", "new", "greater", "mainland", "continental", "inner",
                               "outer", "occupied", "soviet", "imperial", "communist", "nazi", "red", "free",
                               "democratic", "republic", "kingdom", "federal", "islamic", "all", "rural", "coastal"])


def _name_before_country(ctx: _Context, ps: ParsedSentence, head: Any, country: Mention) -> int | None:
    """Where an organisation's name starts when a country's name ends it ("<Brand> Canada", "<Agency>
    Australia"): the country is compounded with capitalised words right before it that are no title, no
    demonym, no other actor and no part of a place name; the statistical NER, where it ran, must read the
    whole as an organisation."""
    names = [c for c in head.lefts if c.dep_ == "compound" and c.tag_ in ("NNP", "NNPS") and c.text[:1].isupper()
             and ps.span(c)[1] <= country.start]
    if not names or country.start - ps.span(names[-1])[1] > 1 or title_case_headline(ps.doc.text):
        return None
    b_start = ps.span(names[0])[0]
    words = [w.casefold().strip(".") for w in ctx.text[b_start:country.start].split()]
    if any(w in _TITLE_WORDS or w in _PLACE_QUALIFIERS for w in words) \
            or any(s < country.start and e > b_start for s, e in ctx.demonyms) \
            or any(m.start < country.start and m.end > b_start for m in ctx.mentions if m is not country) \
            or any(s < country.start and e > b_start for s, e, _ in ctx.capitals):
        return None
    label = ctx.entity_label(b_start, country.end)
    if label is None and any(e.start < country.end and e.end > b_start for e in ctx.entities):
        return None  # the NER split it: "<Name>" and "<Country>" are two things
    return b_start if label in (None, "ORG") else None


def _in_prepositional_phrase(head: Any) -> list[Any]:
    """The tokens of a noun's prepositional phrases ("the family of <Name>"), without an apposition the parser
    hung inside one ("the chair of the <Body>, <Name>,": <Name> is set beside the chair)."""
    out = []
    for prep in (c for c in head.children if c.dep_ == "prep"):
        for t in prep.subtree:
            path = [t, *t.ancestors]
            path = path[: next(k for k, a in enumerate(path) if a.i == prep.i)]  # from t up to the preposition
            if not any(a.dep_ == "appos" for a in path):
                out.append(t)
    return out


def _another_office(ctx: _Context, head: Any, prior: Speaker) -> bool:
    """Whether the person named before was given an office other than the one a definite description names:
    "the ambassador" cannot take up "President <Name>", nor "the president" "press secretary <Name>". The
    office is the title right before the name or the speaker's role; a person given no office may be
    anything the description says."""
    office = _OFFICE_CLASS.get(head.lower_)
    if office is None:
        return False
    given = [w.strip(".,").casefold() for w in ctx.text[max(0, prior.start - 40) : prior.start].split()[-3:]]
    given += [w.strip(".,").casefold() for w in (prior.role or "").split()]
    offices = {_OFFICE_CLASS[w] for w in (TITLE_ABBREVIATIONS.get(w, w) for w in given) if w in _OFFICE_CLASS}
    return bool(offices) and office not in offices


# offices a definite description and a title before a name are compared by ("the lawyer" takes up "attorney
# <Name>"); general words ("leader", "head", "official") fit any office and are not listed
_OFFICE_CLASS = {
    **dict.fromkeys(["president"], "president"),
    **dict.fromkeys(["minister", "pm", "premier", "chancellor"], "minister"),
    **dict.fromkeys(["secretary"], "secretary"),
    **dict.fromkeys(["ambassador", "envoy", "diplomat"], "diplomat"),
    **dict.fromkeys(["governor"], "governor"),
    **dict.fromkeys(["mayor"], "mayor"),
    **dict.fromkeys(["senator", "representative", "congressman", "congresswoman", "lawmaker", "mp"], "legislator"),
    **dict.fromkeys(["judge", "justice"], "judge"),
    **dict.fromkeys(["prosecutor"], "prosecutor"),
    **dict.fromkeys(["lawyer", "attorney", "counsel", "solicitor", "barrister"], "lawyer"),
    **dict.fromkeys(["spokesman", "spokeswoman", "spokesperson"], "spokesperson"),
    **dict.fromkeys(["general", "commander", "admiral", "colonel", "lieutenant"], "officer"),
    **dict.fromkeys(["economist", "analyst", "strategist"], "analyst"),
    **dict.fromkeys(["professor"], "professor"),
    **dict.fromkeys(["doctor", "physician"], "doctor"),
    **dict.fromkeys(["coach", "manager"], "coach"),
    **dict.fromkeys(["executive", "ceo", "chairman", "chairwoman", "founder"], "executive"),
    **dict.fromkeys(["king", "queen", "emir", "prince", "princess"], "monarch"),
}


def _refers_to_a_person(head: Any) -> bool:
    """Whether a definite description ("the lawyer", "the party leader", "the star") can take up a person
    named before: its head names a person by role, office or a gendered noun, not a thing or a body."""
    lower = head.lower_
    return _denotes_a_person(lower) or lower in _TITLE_WORDS or lower in _PERSON_NOUNS \
        or person_gender("", "", lower) is not None


def _person_role(head: Any) -> bool:
    """A common noun that denotes people by role or kin, in the singular or plural ("lawyer", "chiefs"); in a
    Title Case headline also as the parser tags every capitalized word, a proper noun ("<Name> Lawyer Says")."""
    tag = head.tag_
    if tag in ("NNP", "NNPS") and title_case_headline(head.doc.text):
        tag = "NN" if tag == "NNP" else "NNS"
    if tag == "NN":
        return head.lower_ in _PERSON_ROLE_HEADS
    return tag == "NNS" and (head.lower_ in _PERSON_ROLE_HEADS or re.sub(r"(?<=[^s])s$", "", head.lower_)
                                   in _PERSON_ROLE_HEADS or re.sub(r"(?<=(?:ch|sh|ss))es$", "", head.lower_)
                                   in _PERSON_ROLE_HEADS)


def _appositive_person(ctx: _Context, ps: ParsedSentence, head: Any) -> Mention | None:
    """The one person a common-noun subject is set beside at its end, wherever the parser hung the
    appositive: "another witness in the inquiry, former adviser <Name>"."""
    if head.tag_ not in ("NN", "NNS") or head.i + 1 >= len(head.doc):
        return None
    appos = [t for t in head.subtree if t.dep_ == "appos" and t.i > head.i and t.right_edge.i == head.right_edge.i
             and head.doc[t.left_edge.i - 1].text == ","]
    if len(appos) != 1:
        return None
    a_start, a_end = ps.span(appos[0].left_edge, appos[0].right_edge)
    people = [m for m in ctx.mentions_in(a_start, a_end) if m.actor_type == "person"]
    return people[0] if len(people) == 1 and people[0].end == a_end else None


def _new_person_beside(ctx: _Context, ps: ParsedSentence, head: Any, start: int) -> Speaker | None:
    """ "<Country>'s minister for <portfolio>, <Given> <Surname>" with a name no mention covers: the named
    person, the words before the name the role."""
    named = _appositive_new_person(ctx, ps, head) if _person_role(head) else None
    if named is None:
        return None
    n_start, n_end = named
    name = ctx.text[n_start:n_end]
    return Speaker(n_start, n_end, name, None, name, "person", None, " ".join(ctx.text[start:n_start].split()).rstrip(" ,"))


def _appositive_new_person(ctx: _Context, ps: ParsedSentence, head: Any) -> tuple[int, int] | None:
    """The span of a person's name no mention covers, set beside a role at its end: "<Country>'s minister for
    <portfolio>, <Given> <Surname>" — two or three capitalized words, none of an organisation's name."""
    last = max((t.i for t in head.subtree if not t.is_punct), default=head.i)  # (not the comma closing it)
    appos = [t for t in head.children if t.dep_ == "appos" and t.i > head.i and t.right_edge.i == last
             and head.doc[t.left_edge.i - 1].text == ","]
    if len(appos) != 1:
        return None
    words = list(appos[0].subtree)
    a_start, a_end = ps.span(words[0], words[-1])
    name = ctx.text[a_start:a_end]
    if ctx.mentions_in(a_start, a_end) or not all(t.tag_ in ("NNP", "NNPS") and t.text[:1].isupper() for t in words):
        return None
    # set beside a person's role, two or three name words are that person's name, no organisation's
    if not 2 <= len(name.split()) <= 3 or ctx.entity_label(a_start, a_end) not in (None, "PERSON") \
            or any(t.lower_ in _ORG_NAME_WORDS or t.lower_ in _ORG_HEADS for t in words):
        return None
    return (a_start, a_end) if shows_as_person(name) else None


def _names_a_group_member_of(ps: ParsedSentence, head: Any, person: Mention) -> bool:
    """Whether a plural head names a group by a person it belongs to, works for or opposes: the person
    before it ("<person>'s aides", "anti-<person> fighters") or in its prepositional phrase ("supporters of
    <person>"), not in apposition ("our correspondents <person> and <person>")."""
    head_start, _ = ps.span(head)
    if person.end <= head_start:
        return True
    for c in head.children:
        if c.dep_ == "prep":
            c_start, c_end = ps.span(c.left_edge, c.right_edge)
            if c_start <= person.start and person.end <= c_end:
                return True
    return False


def _issuer(document: Any) -> Any | None:
    """Who issued a statement: "a statement from / by / of X", "a statement published by X", "a new
    Harwell poll", "the agency's website"."""
    for c in document.children:
        if c.dep_ in ("poss", "compound") and c.i < document.i and c.text[:1].isupper():
            return c
        preps = [c] if c.dep_ == "prep" else [x for x in c.children if c.dep_ == "acl" and x.dep_ in ("agent", "prep")]
        for prep in preps:
            if prep.lower_ in ("from", "by") or (prep.lower_ == "of" and document.lower_ not in _STUDY_HEADS):
                pobj = next((x for x in prep.children if x.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
    return None


# pictures and recordings show, they do not state: "a photo of the meeting, hinting it was a fake"
_ARTIFACTS = frozenset(["photo", "photos", "photograph", "photographs", "image", "images", "picture", "pictures",
                        "video", "videos", "footage", "clip", "map", "chart", "graph", "screenshot"])


# measures and quantities: what moves, never who speaks ("<Country>'s <rate> falls to N%, adding …")
_MEASURES = frozenset(["rate", "rates", "price", "prices", "index", "inflation", "growth", "level", "levels", "share",
                       "shares", "value", "cost", "costs", "yield", "yields", "output", "unemployment", "deficit",
                       "debt", "currency", "stock", "stocks", "market", "markets", "economy", "sales", "revenue",
                       "profit", "profits", "turnover", "exports", "imports", "production"])


def _descriptor(ctx: _Context, ps: ParsedSentence, head: Any, text: str, start: int, end: int) -> Speaker | None:
    if head.lower_ in _ARTIFACTS or head.lower_ in _MEASURES:
        return None
    modifiers = [c for c in head.children if c.dep_ in ("amod", "compound", "poss", "det", "nmod")]
    if head.tag_ in ("NNP", "NNPS") and text[:1].isupper() and not _person_role(head):  # (a headline's "<Name> Lawyer")
        appos = next((c for c in head.children if c.dep_ == "appos" and c.i > head.i), None)
        if appos is not None:
            # "<Name>, a private airline,": the name is the name, the apposition its role
            first = min((t for t in head.lefts if t.dep_ in ("compound", "flat") and ps.span(t)[0] >= start),
                        key=lambda t: t.i, default=head)
            n_start, n_end = ps.span(first, head)
            a_tokens = list(appos.subtree)
            a_start, a_end = ps.span(a_tokens[0], a_tokens[-1])
            role = re.sub(r"^(?:a|an|the)\s+", "", " ".join(ctx.text[a_start:a_end].split()), flags=re.I)
            kind = ("organization" if appos.lower_ in _ORG_HEADS or appos.lower_ in _ORG_NAME_WORDS
                    or appos.lower_ in _ORG_APPOSITIONS else _unknown_name_kind(ctx, ps, head, ctx.text[n_start:n_end], n_start, n_end))
            if kind is not None:
                name = ctx.text[n_start:n_end]
                return Speaker(start, end, text, None, name, kind, None, role)
        full = _named_in_full(ctx, text)
        if full is not None:  # "<Surname> said" where the text names "<Given> <Surname>": that person
            return Speaker(start, end, text, full.actor_key, full.actor_name, "person")
        words = text.split()
        if len(words) > 1 and all(_office_word(w) for w in words[:-1]) \
                and (full := _named_in_full(ctx, words[-1])) is not None:
            # "<Country abbreviation> former PM <Surname> says" in a headline, the full name in the body: that
            # person, the words before the surname his role
            return Speaker(start, end, text, full.actor_key, full.actor_name, "person", None, " ".join(words[:-1]))
        titled = _titled_name(ctx, ps, head, start, end)
        if titled is not None:  # "Investment bank <Name> said", "Former first lady <Given> <Surname> said"
            return titled
        kind = _unknown_name_kind(ctx, ps, head, text, start, end)
        if kind is not None:
            # a name the seeds missed ("<Brandname> said"): a named speaker of its own; a person's title the
            # name opens with is the role ("Spokesman <Name> says"), not part of the name
            words = text.split()
            owner = _POSSESSOR.match(text) if kind == "person" else None
            if owner is not None and len(text[owner.end():].split()) >= 2:
                # "according to <Country>'s <Given> <Surname>": whose is no part of the name, nor a role
                return Speaker(start + owner.end(), end, text[owner.end():], None, text[owner.end():], kind)
            titled_words = next((k for k, w in enumerate(words) if w.strip(".").casefold() not in _OFFICE_WORDS), 0)
            if kind == "person" and 0 < titled_words < len(words):
                return Speaker(start, end, text, None, " ".join(words[titled_words:]), kind, None,
                               " ".join(words[:titled_words]))
            return Speaker(start, end, text, None, text, kind)
        # a title ("PM said"), a lone surname or a name of unknown kind: the claim keeps its
        # speaker's words, but no actor of a guessed type is made of them
        return Speaker(start, end, text, None, text, "descriptor", None, text)
    named_by = any(c.text[:1].isupper() and not (c.is_sent_start and c.tag_ in ("DT", "PDT", "JJ", "JJS", "JJR", "CD"))
                   for c in modifiers)
    of_a_name = any(x.dep_ == "pobj" and x.tag_ in ("NNP", "NNPS") for c in head.children
                    if c.dep_ == "prep" and c.lower_ == "of" for x in c.children)  # "supporters of <Name>"
    if head.lower_ in _GENERIC_HEADS and not named_by and not of_a_name and not _anonymous_source(head):
        return None  # "analysts", "multiple wire reports" — but "Israeli officials", "US officials" speak
    if head.tag_ not in ("NN", "NNS", "NNP", "NNPS") or len(text) > 120:
        return None
    return Speaker(start, end, text, None, text, "descriptor", None, re.sub(r"^(?:a|an|the)\s+", "", text, flags=re.I))


def _office_word(word: str) -> bool:
    """A word of a role written before a surname: an office or title ("PM", "Treasurer"), a qualifier of it
    ("former", "acting"), a lower-case word, or a dotted abbreviation of a state ("U.K.")."""
    w = word.strip(".,").casefold()
    return w in _TITLE_WORDS or w in _ROLE_QUALIFIERS or word.islower() or re.fullmatch(r"(?:[A-Z]\.){2,}", word) is not None


_ROLE_QUALIFIERS = frozenset(["former", "ex", "acting", "interim", "deputy", "then", "outgoing", "incoming"])


def _anonymous_source(head: Any) -> bool:
    """Officials or sources the text keeps unnamed but specific: "officials said", "two people familiar
    with the matter", "sources close to the talks" — a statement's source as journalism identifies it
    (unlike "analysts" or "some", which identify no one)."""
    if head.lower_ in _OFFICIAL_SOURCES:
        return True
    return _sourcing_qualifier(head) is not None or (
        head.lower_ in _ANONYMOUS_SOURCES and any(c.dep_ == "nummod" for c in head.children))


def _named_in_full(ctx: _Context, text: str) -> Mention | None:
    """The one person the text names in full whose surname (or, in a family-name-first name, first word) a
    lone name is: "<Surname> said" after "<Given> <Surname>" — never when two people share it ("<A> <Surname>" and
    "<B> <Surname>"), nor for a word that is part of no person's name."""
    words = text.split()
    if words and words[0].rstrip(".").lower() in _HONORIFICS:
        words = words[1:]  # "Mr. <Surname>"
    if len(words) != 1 or not re.fullmatch(r"[A-Z][a-z][\w'’-]*", words[0]):
        return None
    word = words[0]
    found: dict[str, Mention] = {}
    for m in ctx.mentions:
        if m.actor_type != "person":
            continue
        for name in (m.actor_name or "", m.text):
            parts = name.split()
            if len(parts) > 1 and word in (parts[0], parts[-1]):
                found.setdefault(m.identity, m)
    return next(iter(found.values())) if len(found) == 1 else None


_NAME_PARTICLES = frozenset(["de", "da", "di", "del", "van", "von", "der", "bin", "al", "la", "le", "du"])


def _titled_name(ctx: _Context, ps: ParsedSentence, head: Any, start: int, end: int) -> Speaker | None:
    """A name no seed knows, after words that say what it is: "U.S. wireless network <Brand>", "Investment bank
    <Name> <Name>" (an organisation: the describing word is one), "Republican presidential candidate <Given>
    <Surname>", "The <Party> MP <Given> <Surname>" (a person: a given name opens it). The name is the capitalized
    words after the last describing word (a lowercase noun or adjective, or a title with two name words after it),
    the words before it the role. None when nothing describes the name or its kind stays unknown."""
    tokens = [t for t in ps.doc if start <= ps.span(t)[0] and ps.span(t)[1] <= end]
    if len(tokens) < 2 or tokens[-1].i != head.i:
        return None

    def name_part(t: Any) -> bool:
        return t.text[:1].isupper() or t.lower_ in _NAME_PARTICLES or (t.text in ("-", ".") and not t.whitespace_)

    cut = None
    for k, t in enumerate(tokens[:-1]):
        rest = tokens[k + 1 :]
        if not all(name_part(x) for x in rest):
            continue
        describes = t.is_alpha and t.is_lower and t.tag_ in ("NN", "NNS", "JJ") and t.lower_ not in _NAME_PARTICLES
        titles = t.lower_ in _TITLE_WORDS and len([x for x in rest if x.text[:1].isupper()]) >= 2
        if describes or titles:
            cut = k
    if cut is None:
        return None
    n_start, n_end = ps.span(tokens[cut + 1], tokens[-1])
    name = ctx.text[n_start:n_end]
    r_start, r_end = ps.span(tokens[0], tokens[cut])
    role = re.sub(r"^(?:a|an|the)\s+", "", ctx.text[r_start:r_end], flags=re.I)
    word = tokens[cut].lower_
    text = ctx.text[start:end]
    if word in _ORG_APPOSITIONS or word in _ORG_HEADS or word in _ORG_NAME_WORDS:
        return Speaker(start, end, text, None, name, "organization", None, role)
    words = name.split()
    if has_given_name(name) and shows_as_person(name) \
            and not any(w.casefold() in _ORG_NAME_WORDS or w.casefold() in _ORG_HEADS for w in words):
        return Speaker(start, end, text, None, name, "person", None, role)
    return None


def _unknown_name_kind(ctx: _Context, ps: ParsedSentence, head: Any, text: str, start: int, end: int) -> str | None:
    """person | organization for a capitalized speaker no seed or mention names, the statistical
    NER's label first: ORG is an organization (a two-word bank name, not a person); PERSON a
    person only with a first and a last name (a bare surname: which of its many bearers?); any
    other label (NORP, GPE, PRODUCT…) is not a speaker's name. Untagged: two or three name words
    are a person, a longer name, an acronym or a camel-cased brand an organization, any other single
    word unknown. None for titles
    ("PM", "Minister") and generic heads."""
    titles = LEADING_PERSON_TITLES.match(text + " ")
    if len(text) > 80 or len(text.split()) > 6 or (titles is not None and titles.end() >= len(text)):
        return None
    if head.lower_ in _GENERIC_HEADS or head.lower_ in _TITLE_WORDS:
        return None
    label = ctx.entity_label(start, end) or ctx.entity_label(*ps.span(head))
    if label == "ORG":
        # the statistical NER also calls some people's names organizations: a given name says otherwise,
        # here or where the text names the person in full ("<Given> <Surname>" … "<Surname> said")
        if len(text.split()) == 1 and is_surname_in(ctx.text, text):
            return None
        return "person" if _looks_like_person(head) and has_given_name(text) else "organization"
    if label == "PERSON":
        return "person" if _looks_like_person(head) else None
    if label is not None:  # a nationality, a place, a product, a date: not a speaker's name
        return None
    if _looks_like_person(head):
        return "person"
    names = _name_words(head)
    # one untagged word ("<Surname> said", "<Company> said"): a surname as often as a company — unknown
    brand = re.search(r"(?<=\w)[A-Z][a-z]", head.text) and not re.match(r"(?:Mc|Mac|O')[A-Z]", head.text)  # a camel-cased brand
    return "organization" if len(names) > 1 or head.lower_ in _ORG_NAME_WORDS or head.text.isupper() or brand else None


def _name_words(head: Any) -> list[Any]:
    """The words of the name a token heads: itself and its compounds, not the names coordinated
    with it ("<Company> and <Company>")."""
    out, todo = [head], [head]
    while todo:
        for c in todo.pop().children:
            if c.dep_ in ("compound", "flat"):
                out.append(c)
                todo.append(c)
    return sorted(out, key=lambda t: t.i)


def _looks_like_person(head: Any) -> bool:
    """Two or three capitalized name words and no organisational word: "Michelle Hege", not "Public
    Accounts Committee" or "<Brandname>"."""
    words = _name_words(head)
    names = [t for t in words if t.tag_ in ("NNP", "NNPS") and t.text[:1].isupper()
             and not (t.text.isupper() and t.i + 1 < len(t.doc) and not t.whitespace_ and t.doc[t.i + 1].text == "-")]
    # (a capital or an acronym hyphened to a word is one brand, "<X>-Mobile", not a given name and a surname)
    if names and all(t.text.isupper() and len(t.text) > 1 for t in names):
        return False  # acronyms joined ("<ABC>-<DEF>"): an organization's name, not a person's
    if not shows_as_person(" ".join(t.text for t in words)):
        return False  # "<Brand> <Model> Lite", "Cyclone <Name>"
    return 2 <= len(names) <= 3 and not any(t.lower_ in _ORG_HEADS or t.lower_ in _ORG_NAME_WORDS for t in words)


# --- content -----------------------------------------------------------------------------------


def _withheld(cue: Any) -> bool:
    """A reporting verb that reports no statement: negated ("has not said", "never said"), under a verb
    of refusing ("refused to say", "declined to comment"), or passive ("attacks were reported": what
    was reported, not who reported it)."""
    if any(c.dep_ == "neg" or c.lower_ in ("never", "not", "n't") for c in cue.children):
        return True
    if any(c.dep_ == "auxpass" for c in cue.children) or any(c.dep_ == "nsubjpass" for c in cue.children):
        return True
    if any(c.dep_ == "aux" and c.lower_ in ("will", "’ll", "'ll", "shall") for c in cue.children):
        return True  # "<X> will allege …": a statement not made yet
    head = cue.head
    if cue.dep_ == "xcomp" and head.i != cue.i and head.lower_.startswith(_WITHHOLDING):
        return True
    return _not_yet_said(cue)


def _not_yet_said(cue: Any) -> bool:
    """ "<X> to say …" (a headline's future), "is expected to announce", "plans to warn", "asked <Y> to urge",
    "will travel … to announce": an infinitive cue under a future, a plan, an expectation or a request reports
    what has not been said yet (not "used a speech to warn": that speech was given)."""
    def future(v: Any) -> bool:
        return any(c.dep_ == "aux" and c.lower_ in ("will", "’ll", "'ll", "shall") for c in v.children)

    verb = cue
    while verb.dep_ == "conj" and verb.head.i != verb.i and not any(c.tag_ == "TO" for c in verb.children):
        verb = verb.head  # "to tour … and announce"
    if not any(c.tag_ == "TO" and c.dep_ == "aux" and c.i < verb.i for c in verb.children):
        return False
    if verb.dep_ == "ROOT":
        return True
    return verb.head.lower_.startswith(_INTENDING) or future(verb.head)


_RELATIVE_WORDS = frozenset(["that", "which", "who"])
_FLOATING_QUANTIFIERS = frozenset(["all", "both", "each"])


# nouns of a time or a place: a relative clause on them lacks an adjunct, not an argument
_OCCASION_NOUNS = frozenset(["day", "days", "moment", "time", "times", "week", "month", "year", "night", "morning",
                             "evening", "hour", "date", "place", "way", "reason", "point", "minute", "era", "period"])


def _gapped_relative(cue: Any) -> bool:
    """A reporting verb inside a relative clause whose statement's subject is the relative word: "<noun>s that
    <X> say hurt <Y>", "acts that <X> say all contributed to …", "a letter that she said showed …". The
    statement is about the noun the clause hangs on, and its words alone ("hurt <Y>") state nothing."""
    if cue.dep_ != "relcl":
        return False
    clause = next((c for c in cue.children if c.dep_ in ("ccomp", "xcomp") and c.i > cue.i), None)
    if clause is None:
        return False
    if cue.doc[cue.left_edge.i].lower_ not in _RELATIVE_WORDS:
        # no relative word: "the strike many parents say they do not support" — the noun is the object the
        # statement's verb lacks, so its words alone ("they don't want") state nothing
        # "the plan the minister said would cut costs": nor the subject it lacks. (A relative adverb, or a noun
        # of time or place, fills no argument: "in Berlin, where he said …", "the day she said she would resign")
        if cue.head.tag_ not in _NOUN_TAGS or cue.head.i > cue.i or not clause.tag_.startswith(("VB", "MD")) \
                or any(t.tag_ == "WRB" for t in cue.subtree if t.i < cue.i) or cue.head.lower_ in _OCCASION_NOUNS:
            return False
        kids = {c.dep_ for c in clause.children}
        finite = clause.tag_ in ("VBZ", "VBD", "VBP", "MD") or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("MD", "VBZ", "VBD", "VBP") for c in clause.children)
        return (finite and not kids & {"nsubj", "nsubjpass", "expl", "csubj"}) \
            or not kids & {"dobj", "ccomp", "xcomp", "attr", "acomp", "prep", "dative", "advcl", "oprd"}
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    return all(c.lower_ in _FLOATING_QUANTIFIERS or (c.lower_ in _RELATIVE_WORDS and c.i < cue.i) for c in subjects)


_RECEIVING = frozenset(verb_forms(["receive", "get", "obtain"]))
_MESSAGE_HEADS = frozenset({*_DOCUMENT_HEADS, "email", "e-mail", "text", "notice", "notification", "call", "warning"})


def _received_from(verb: Any) -> Any | Literal[False] | None:
    """ "<X> received a letter from <Y> saying …": what the letter says, whoever sent it (<Y>), not <X> who received
    it; False when no sender is named (then no one the text names said it); None when the participle does not
    hang on a received message."""
    head = verb.head
    if head.lower_ not in _RECEIVING:
        return None
    message = next((c for c in head.children if c.dep_ == "dobj" and c.lower_ in _MESSAGE_HEADS and c.i < verb.i), None)
    if message is None:
        return None
    sender = next((x for c in (*message.children, *head.children) if c.dep_ == "prep" and c.lower_ == "from"
                   for x in c.children if x.dep_ == "pobj"), None)
    return sender if sender is not None else False


def _subject(verb: Any) -> Any | None:
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.tag_.startswith("VB") \
            and not any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("each", "both", "all")
                        for c in verb.children):  # not "…, while <others> are calling …"
        received = _received_from(verb)
        if received is not None:
            return received or None
        # "…, adding that …": whoever did the reporting verb above it (else the governing verb)
        governor = verb.head
        while governor.head.i != governor.i and governor.lower_ not in cue_forms():
            governor = governor.head
        return _subject(governor if governor.lower_ in cue_forms() else verb.head)
    subjects = [c for c in verb.children
                if c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ not in ("it", "this", "that", "which", "who") or c.text.isupper())
                and not _is_dateline(c)]  # "WHO says" is an organisation
    if len(subjects) > 1 and _split_prefix(subjects[0]) and any(t.is_alpha for t in subjects[1:]):
        # "Ex-<demonym> boss says": the parser split the prefix off as a second subject
        subjects = [t for t in subjects[1:] if t.is_alpha]
    if len(subjects) > 1 and subjects[1].tag_ in ("NNP", "NNPS") and subjects[0].tag_ in ("NN", "NNS") \
            and subjects[1].left_edge.i == subjects[0].i + 1:
        return subjects[1]  # "executive chair <Name> told": a title the parser split off the name it titles
    if subjects:
        return subjects[0]
    dated = next((c for c in verb.children if c.dep_ == "nsubj" and _is_dateline(c)), None)
    dash = next((t for t in dated.doc[dated.i : verb.i] if t.text in ("–", "—", "-", "--")), None) if dated else None
    if dated is not None and dash is not None:
        # "CITY, <Country> — <X> said …" parsed with <X> as the dateline's apposition: <X> is the subject
        after = next((x for x in dated.children if x.dep_ == "appos" and x.i > dash.i), None)
        if after is not None:
            return after
    first = _first_report(verb)
    if first is not None:
        return _subject(first)
    if verb.dep_ == "xcomp" and verb.head.i != verb.i and verb.head.lower_ in _CAUSATIVE:
        # object control: "the rift led some members of the party to call for …" — the object does it (not
        # "used a speech to warn …": a purpose, whose doer is the subject)
        controller = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
        if controller is not None:
            return controller
    if verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and _narrated_conjunct(verb.head, verb) \
            and verb.head.head.lower_ in cue_forms():
        # "<X> said the country would leave … and suggested that …": the parse hung <X>'s second act on the
        # reported clause, whose subject did not do it
        return _subject(verb.head.head)
    if (verb.dep_ == "conj" or (verb.dep_ == "advcl" and verb.tag_ in ("VBD", "VBZ", "VBP"))) \
            and verb.i > verb.head.i and not _coordinated(verb):
        # "<X> faced … after the lawmaker he named said …": a finite verb joined to the one before by no "and"
        # nor comma is not its second act but a misparse, whose subject is not the first verb's
        return None
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i and verb.head.tag_.startswith("VB"):
        return _subject(verb.head)
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ in ("by", "while", "after", "before", "since") \
            and verb.head.head.tag_.startswith("VB"):
        return _subject(verb.head.head)  # "<X> responded … by saying that …", "<X> resigned after saying …"
    return None


def _coordinated(conj: Any) -> bool:
    """Whether a verb the parser made a conjunct (or a finite clause) of the verb before it is joined to it
    by a conjunction or a comma ("… met <Y> and said", "… arrived, said"); without either the two verbs are
    not coordinated and the first one's subject is not the second's."""
    gap = conj.doc[conj.head.i + 1 : conj.left_edge.i]
    joins = (",", ";", "—", "–")
    if len(gap) and (gap[-1].dep_ == "cc" or gap[-1].text in joins):
        return True  # right before it
    return any(t.head.i in (conj.i, conj.head.i) and (t.dep_ == "cc" or t.text in joins) for t in gap)


def _first_report(verb: Any) -> Any | None:
    """A headline's second reporting verb after a comma, without a subject of its own: "<X> warns <A>, says <B>"
    (the parser hangs the first report on the second as its clause): that first reporting verb, whose subject
    also says <B>."""
    if not any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children):
        return None

    def comma_only(gap: Any) -> bool:  # ", " or ",' " between the two reports
        return 0 < len(gap) <= 3 and all(t.is_punct for t in gap) and any(t.text == "," for t in gap)

    return next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i and c.tag_.startswith("VB")
                 and comma_only(verb.doc[c.right_edge.i + 1 : verb.i])
                 and c.lower_ in cue_forms() and any(x.dep_ == "nsubj" and x.i < c.i for x in c.children)), None)


def _split_prefix(tok: Any) -> bool:
    """A word the parser cut off a hyphenated phrase: "Ex" of "Ex-<rugby> boss"."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and nxt.text == "-" and not tok.whitespace_ and not nxt.whitespace_


def _is_dateline(tok: Any) -> bool:
    """ "CITY – The Staff of <Body> … said": a place in capitals before a dash, which the parser may take
    for a second subject."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if not (tok.text.isupper() and len(tok.text) > 2 and nxt is not None):
        return False
    # "CITY, <Region> (<Agency>) — <X> said": a dateline opening its line
    opens = tok.i == 0 or "\n" in tok.doc[tok.i - 1].text_with_ws
    return nxt.text in ("–", "—", "-", "--") or (opens and _DATELINE.match(tok.doc.text, tok.idx) is not None)


def _without_commentary(root: Any) -> list[Any]:
    """A clause without a trailing participle after a comma (", rendering the theories moot"):
    that is the reporter's commentary, not what was said."""
    drop: set[int] = set()
    for c in root.children:
        after_comma = c.i > root.i and c.left_edge.i > 0 and c.doc[c.left_edge.i - 1].text == ","
        if c.dep_ == "advcl" and after_comma and any(
                m.dep_ == "mark" and m.lower_ == "as" for m in c.children) and any(
                m.dep_ in ("nsubj", "nsubjpass") and m.tag_ in _NOUN_TAGS for m in c.children):
            # ", as <the president> seeks more arms": the reporter's context for the statement
            drop.update(t.i for t in c.subtree)
            drop.add(c.left_edge.i - 1)
        if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > root.i and c.i > 0 and c.doc[c.i - 1].text == ",":
            drop.update(t.i for t in c.subtree)
            drop.add(c.i - 1)
        if c.dep_ == "conj" and c.i > root.i and _narrated_conjunct(root, c):
            # "said it will conduct a review but left its rates unchanged": what was done, told by the reporter
            drop.update(t.i for t in c.subtree)
            drop.update(t.i for t in root.children if t.dep_ in ("cc", "punct") and t.i < c.i
                        and all(x.i <= t.i or x.i >= c.i or x.is_punct for x in root.subtree if x.i > t.i))
    return [t for t in root.subtree if t.i not in drop]


def _narrated_conjunct(root: Any, conj: Any) -> bool:
    """A past-tense verb coordinated, without a subject of its own, with a statement about the future or
    a possibility ("it will review …, but left …", "it would cut jobs and reported …"): the speaker would
    have put it in the same mood, so the past verb is the reporter's account of what the speaker did."""
    modal = any(a.dep_ == "aux" and a.tag_ == "MD" for a in root.children)
    joined = any(a.dep_ == "cc" and a.i == conj.i - 1 and a.lower_ in ("and", "but") for a in root.children)
    return modal and joined and root.tag_ == "VB" and conj.tag_ == "VBD" and conj.lower_ not in _SAME_FORM_PASTS \
        and not any(a.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for a in conj.children)


# past forms that are also the bare verb ("would end … and put a brake on …"): the tagger's VBD proves nothing
_SAME_FORM_PASTS = frozenset(["put", "cut", "set", "hit", "let", "cost", "shut", "quit", "spread", "bet", "hurt", "cast",
                              "split", "burst", "read", "upset", "broadcast", "forecast", "bid", "rid", "thrust", "shed",
                              "beat", "come", "become", "run", "overcome"])


def _characterization(verb: Any) -> list[Any] | None:
    """ "described the treaty as 'especially important'", "called the move a disgrace": object + what it
    was called."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    # not an infinitive: "called them to visit the home" is a summons, "called the move a disgrace" a description
    what = next((c for c in verb.children if (c.dep_ == "prep" and c.lower_ == "as") or c.dep_ == "oprd"
                 or (c.dep_ == "xcomp" and not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
                 or (c.dep_ == "ccomp" and c.i > (obj.i if obj is not None else verb.i))), None)
    if obj is None or what is None or what.i < obj.i:
        return None
    return [t for t in verb.subtree if obj.left_edge.i <= t.i <= what.right_edge.i]


def _nominal_content(verb: Any) -> list[Any] | None:
    """The noun phrase a demand, warning or accusation states (NOMINAL_CONTENT_LEMMAS): "urged an inquiry
    into the killings", "called for a ceasefire", "accused the ministry of negligence" (the accused with
    the accusation); None when the verb has a clause or an infinitive of its own."""
    preps = NOMINAL_CONTENT_LEMMAS.get(cue_forms().get(verb.lower_, ""))
    nouns = ("NN", "NNS", "NNP", "NNPS")
    if preps is not None and "for" in preps:
        # "is calling for the United States to take a stronger role": the parser hangs "for <X> to <do>" as a clause
        purpose = next((c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i and any(
            m.dep_ == "mark" and m.lower_ == "for" for m in c.children)), None)
        if purpose is not None:
            tokens = [t for t in purpose.subtree if not (t.dep_ == "mark" and t.head.i == purpose.i)]
            return tokens if len([t for t in tokens if t.is_alpha]) >= MIN_REPORTED_WORDS else None
    if preps is None or any(c.dep_ in ("ccomp", "advcl") or (c.dep_ == "xcomp" and c.tag_ not in nouns)
                            for c in verb.children):
        return None
    # the object (a headline's noun the parser calls an xcomp: "urges probe into …")
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "xcomp") and c.i > verb.i), None)
    holders = [verb] if obj is None else [verb, obj]  # "accused X of Y": the "of" may hang on X
    pobj = next((x for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in preps and c.i > verb.i
                 for x in c.children if x.dep_ == "pobj"
                 or (x.dep_ == "pcomp" and x.tag_ == "VBG" and c.lower_ == "of")), None)
    accusing = cue_forms().get(verb.lower_) in ACCUSED_IN_CONTENT
    if accusing and obj is None:
        return None  # "<X> accused of hampering …": a passive headline, whose subject is the accused
    if pobj is not None and pobj.dep_ == "pcomp":
        # "accused <X> of subjecting her to a smear": the gerund clause is what <X> is accused of
        first = obj if obj is not None and accusing and obj.i < pobj.i else pobj.head
        tokens = [t for t in verb.subtree if first.left_edge.i <= t.i <= pobj.right_edge.i]
        while tokens and tokens[-1].is_punct:
            tokens = tokens[:-1]
        return tokens if len([t for t in tokens if t.is_alpha]) >= MIN_REPORTED_WORDS else None
    if "" in preps:
        if obj is None or obj.tag_ not in nouns:
            return None
        stated = _STATED_OBJECTS.get(cue_forms().get(verb.lower_, ""))
        if stated is not None and obj.lower_ not in stated:
            return None  # "denied bail", "claimed the title", "the storm claimed lives": an act, not a statement
        tokens = list(obj.subtree)
    elif pobj is not None and pobj.tag_ in nouns:
        # "accused <the accused> of <what>"; "warned <whom> of <what>"; "warned against <what>" keeps its
        # "against", which says the speaker opposes it
        first = pobj.head if pobj.head.lower_ == "against" else pobj
        if cue_forms().get(verb.lower_) in ACCUSED_IN_CONTENT and obj is not None and obj.i < pobj.i:
            first = obj
        tokens = [t for t in verb.subtree if first.left_edge.i <= t.i <= pobj.right_edge.i]
    else:
        return None
    # not a clause about the noun phrase ("a halt to fighting on its border, where rebels say …"), nor the
    # reporter's framing after it ("… ahead of a key summit", "… in a letter to the senate", "… as part of a plan")
    cut = {t.i for x in tokens if x.dep_ in ("relcl", "advcl", "parataxis") for t in x.subtree}
    cut |= {t.i for x in tokens if x.dep_ == "prep" and x.i > tokens[0].i and _framing(x) for t in x.subtree}
    tokens = [t for t in tokens if t.i not in cut]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    return tokens if len([t for t in tokens if t.is_alpha]) >= MIN_REPORTED_WORDS else None


_REBUTTAL_LEMMAS = frozenset(["deny", "reject", "dismiss"])
# a rebuttal by a court is a ruling, not a statement of the court's: "the judge rejected the motion"
_ADJUDICATORS = frozenset(["judge", "judges", "justice", "justices", "court", "courts", "jury", "tribunal", "panel",
                           "magistrate", "bench"])


def _rebuttal_without_statement(cue: Any, subj: Any) -> bool:
    """A deny / reject / dismiss that states nothing of its subject's: a court's ruling ("a judge dismissed the
    charges"), an act asked for ("asks a judge to dismiss …"), or a clause that is no report ("dismissed the
    nominee put forth as …": a participle the parser took for a clause — one rejects a report, not a bare clause)."""
    lemma = cue_forms().get(cue.lower_)
    if lemma not in _REBUTTAL_LEMMAS:
        return False
    if any(t.lower_ in _ADJUDICATORS for t in subj.subtree):
        return True
    if _infinitive(cue) and any(c.dep_ == "dobj" for c in cue.head.children):
        return True
    return any(c.dep_ == "ccomp" and (c.tag_ == "VBN" or lemma != "deny") and not any(
        a.dep_ in ("aux", "auxpass") or (a.dep_ == "mark" and a.lower_ == "that") for a in c.children)
        for c in cue.children)


# "deny <X>", "reject <X>", "dismiss <X>" and "claim <X>" state something only of a report or a deed: "denies the
# allegations", "denies any involvement", "claims responsibility for", "claims control of" — not "denied bail",
# "claimed the title", "the storm claimed lives"
_REPORT_NOUNS = frozenset(["allegation", "allegations", "claim", "claims", "report", "reports", "accusation", "accusations",
                           "charge", "charges", "suggestion", "suggestions", "notion", "idea", "speculation", "rumour",
                           "rumours", "rumor", "rumors", "assertion", "assertions", "theory", "theories", "attacks",
                           "criticism", "concerns", "fears"])
_STATED_OBJECTS: dict[str, frozenset[str]] = {
    "deny": _REPORT_NOUNS | frozenset(["involvement", "wrongdoing", "responsibility", "blame", "link", "links",
                                       "knowledge", "guilt", "connection", "connections", "ties", "change",
                                       "misconduct", "interference", "meddling", "existence"]),
    "reject": _REPORT_NOUNS | frozenset(["blame"]),
    "dismiss": _REPORT_NOUNS,
    "claim": frozenset(["responsibility", "control", "capture", "gains", "advances", "strike", "strikes", "attack",
                        "attacks", "downing", "destruction", "seizure", "credit"]),
}


_FRAMING_PREPS = frozenset(["ahead", "amid", "during", "after", "before", "following", "as", "at"])
_FRAMING_NOUNS = frozenset(["letter", "statement", "interview", "speech", "post", "summit", "meeting", "conference",
                            "address", "briefing", "report", "op-ed", "tweet", "video", "message", "session"])


def _framing(prep: Any) -> bool:
    """A prepositional phrase that tells when, where or how something was said, not what: "ahead of a
    summit", "amid protests", "as part of a plan", "in a letter to …"."""
    if prep.lower_ in _FRAMING_PREPS:
        return True
    return prep.lower_ in ("in", "on") and any(x.dep_ == "pobj" and (
        x.lower_ in _FRAMING_NOUNS or x.doc[max(0, x.i - 2) : x.i + 1].text.lower() in _FRAMING_NOUNS)  # "op-ed" split in three
        for x in prep.children)


# what may open a lede before its speaker or statement: a label ("Exclusive:"), a fronted adverbial clause ("After
# concerns were raised over …, ")
_LEDE_OPENING = re.compile(r"\s*(?:[A-Z]\w*:\s*)?(?:(?:After|As|While|When|Despite|Following|Amid|With)\b[^,\n]*,\s*)?")
# described speakers who speak for, to or about another: never the person a headline names
_SPEAKS_FOR_ANOTHER = frozenset(["spokesperson", "spokesman", "spokeswoman", "lawyer", "counsel", "attorney", "aide",
                                 "adviser", "advisor", "director", "staffer", "judge", "member", "witness", "source",
                                 "official", "analyst", "expert", "critic", "statement", "prosecutor", "friend",
                                 "relative", "colleague", "rival", "opponent", "victim", "accuser"])
# nouns whose "that" clause is what someone else asserts or fears, not the statement of the verb above them
_OTHERS_PROPOSITIONS = frozenset(["charge", "charges", "allegation", "allegations", "accusation", "accusations",
                                  "claim", "claims", "report", "reports", "rumour", "rumours", "rumor", "rumors",
                                  "suspicion", "suspicions", "suggestion", "suggestions"])
# … and nouns whose "that" clause is the writer's reading, or a mood around, when the phrase is an adjunct ("in a
# sign that …", "amid concerns that …", "adding to speculation that …") — not what the speaker warns of or
# highlights ("warned of signs that …", "highlighting concerns that …")
_WRITERS_READINGS = frozenset(["sign", "signs", "indication", "indications", "evidence", "signal", "signals",
                               "concern", "concerns", "fear", "fears", "worry", "worries", "speculation"])
_ADJUNCT_PREPOSITIONS = frozenset(["in", "amid", "amidst", "despite", "over", "after", "following", "with", "to",
                                   "among"])


def _content_tokens(verb: Any) -> list[Any] | None:
    """Tokens of what was said for a reporting verb, or None when it has no statement."""
    lemma = cue_forms().get(verb.lower_)
    if lemma in _APPEAL_LEMMAS and (appeal := _appeal_content(verb)) is not None:
        return appeal
    if lemma in DESCRIBE_LEMMAS:
        return _characterization(verb) or _nominal_content(verb)
    if lemma in THAT_CLAUSE_LEMMAS:
        return _that_clause_content(verb)
    if lemma == "continue":
        return None  # '"…," he continued': a cue of quotes only ("…, investigation continues" is no statement)
    if lemma in _REBUTTAL_LEMMAS and any(c.dep_ == "dobj" for c in verb.children):
        # "dismissed attacks that <X>": what was rebutted, with its "attacks that" — never <X> alone, which
        # would state the opposite of what the speaker said
        return _nominal_content(verb)
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if lemma == "tell" and subj is not None and subj.i < verb.i and not any(
            c.dep_ in ("dobj", "dative", "iobj") or (c.dep_ in ("ccomp", "xcomp") and c.i > verb.i) for c in verb.children):
        return None  # "<advice>, students told": a headline's passive — they were told, told no one
    if lemma == "add" and any(
            c.dep_ in ("dobj", "npadvmod", "advmod", "prep") and c.i > verb.i
            and any(t.like_num or t.lower_ in ("%", "percent", "points") for t in c.subtree) for c in verb.children) \
            and not any(c.dep_ == "ccomp" for c in verb.children):
        return None  # "the index added 3%": a gain, not a statement
    # not a clause cut off from the cue by a colon or semicolon ("'Unprepared': X says <clause>", "<topic>; she
    # says <clause>": the parser hangs both on "says")
    first = _first_report(verb)
    ccomps = [c for c in verb.children if c.dep_ == "ccomp" and (first is None or c.i != first.i) and not (
        c.i < verb.i and any(t.text in (":", ";") for t in verb.doc[c.right_edge.i + 1 : verb.i]))
        and not any(m.dep_ == "mark" and m.lower_ in ADVERBIAL_MARKS for m in c.children)
        and not (c.left_edge.i > 0 and verb.doc[c.left_edge.i - 1].lower_ in ADVERBIAL_MARKS)]  # "… as <X> accuses"
    if ccomps and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("that", "which") for c in ccomps[0].children) \
            and any(c.dep_ == "dobj" and c.i < ccomps[0].i for c in verb.children):
        return None  # "reported profit that topped forecasts": a relative clause of the object, not what was said
    if ccomps:
        clause = ccomps[0]
        if clause.lower_ in _BARE_AUXILIARIES and not any(
                c.dep_ not in ("nsubj", "nsubjpass", "mark", "punct", "advmod") for c in clause.children):
            # "revealed that it has, for the first time, used its powers …": the parser cut the clause at the
            # parenthetical and hung its verb on the cue — the statement runs on to that verb's end
            rest = next((c for c in verb.children if c.dep_ in ("advcl", "conj") and c.i > clause.i
                         and c.tag_ in ("VBN", "VBD", "VBG", "VB")), None)
            if rest is not None:
                return [t for t in verb.subtree if clause.left_edge.i <= t.i <= rest.right_edge.i]
        subject = _object_as_subject(verb, clause)
        if subject is not None:
            return [t for t in verb.subtree if subject.left_edge.i <= t.i < clause.left_edge.i] \
                + _without_commentary(clause)
        tail = next((c for c in ccomps[1:] if c.left_edge.i == clause.right_edge.i + 1 and c.right_edge.i == c.i
                     and c.i == len(verb.doc) - 1 and c.tag_ in ("VBD", "VBN") and not list(c.children)), None)
        if tail is not None:
            # "<X> Says She'd Finish the Job <Y> Started": a Title Case headline's last verb, parsed as a second
            # statement, ends the relative clause of the first ("the job <Y> started")
            return [t for t in verb.subtree if clause.left_edge.i <= t.i <= tail.i]
        return _without_commentary(clause)
    for t in verb.subtree:  # "emphasized in an interview with ISNA that …": the parse hung the clause lower
        if t.dep_ == "mark" and t.lower_ == "that" and t.head.tag_.startswith("VB") and t.head.i > verb.i \
                and not (t.head.dep_ == "relcl" and t.head.lower_ in cue_forms()) and not _under_conjunct(t.head, verb) \
                and not (t.head.dep_ == "acl" and (t.head.head.lower_ in _OTHERS_PROPOSITIONS or (
                    t.head.head.lower_ in _WRITERS_READINGS and t.head.head.dep_ == "pobj"
                    and t.head.head.head.lower_ in _ADJUNCT_PREPOSITIONS))):
            # (not "<noun>s that <others> say …": a report of its own, hung on a noun, is not this verb's statement;
            # nor "agreed to a fine over charges that she …": what the charges say, nor "… in a sign that": the
            # writer's reading)
            return _without_commentary(t.head)
    if verb.dep_ == "parataxis" and verb.head.tag_[:1] in ("V", "M", "J", "N"):
        own = {t.i for t in verb.subtree}
        return [t for t in verb.head.subtree if t.i not in own]
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if obj is not None and xcomp is not None and lemma in _ADDRESSEE_LEMMAS and _infinitive(xcomp) \
            and xcomp.left_edge.i == obj.right_edge.i + 1:
        return _without_timing(xcomp, list(xcomp.subtree))  # "told followers to leave": the instruction, not whom it was given to
    if obj is not None and xcomp is not None:  # "urged Congress to pass the bill"
        return _without_timing(xcomp, [t for t in verb.subtree if obj.left_edge.i <= t.i <= xcomp.right_edge.i])
    if lemma == "deny" and obj is None and xcomp is not None and xcomp.tag_ == "VBG" and xcomp.i > verb.i:
        return list(xcomp.subtree)  # "denied taking bribes": what the speaker says did not happen
    return _inverted_content(verb) or _nominal_content(verb) or _as_characterization(verb)


def _object_as_subject(verb: Any, clause: Any) -> Any | None:
    """ "<X> confirms public water near <Town> is safe": the parser made the clause's subject the cue's object
    and left the clause without one — the object right before a finite clause with no subject (nor
    "that") is the subject of what was said, which would otherwise lack it ("is safe"); not after a verb
    that takes whom it addresses as its object ("tell", "warn")."""
    if cue_forms().get(verb.lower_) in _ADDRESSEE_LEMMAS:
        return None  # "tells lawmakers customers can …": the object may be whom it was said to
    if clause.i < verb.i or (clause.tag_ not in ("VBZ", "VBD", "VBP", "MD") and not any(
            c.dep_ == "aux" and c.tag_ in ("VBZ", "VBD", "VBP", "MD") for c in clause.children)):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "mark") for c in clause.children):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < clause.i), None)
    if obj is None:
        return None
    # the object's own phrase may have been hung on the cue: "confirm water near <Town> is safe"
    between = {t.i for c in verb.children if c.dep_ == "prep" and obj.i < c.i < clause.i for t in c.subtree}
    return obj if all(i in between for i in range(obj.right_edge.i + 1, clause.left_edge.i)) else None


_JUDGING_LEMMAS = frozenset(["slam", "blast", "mock"])  # reporting verbs that judge what they name


def _as_characterization(verb: Any) -> list[Any] | None:
    """ "slammed the hearings as a 'disgrace'", "blasted the plan as reckless": a reporting verb in the shape
    of a description — the object and what it was called, after "as"."""
    if cue_forms().get(verb.lower_) not in _JUDGING_LEMMAS:
        return None  # not "adds <X> as a member"
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    what = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" and obj is not None
                 and c.i == obj.right_edge.i + 1 and any(x.dep_ in ("pobj", "amod", "acomp") for x in c.children)), None)
    if obj is None or what is None or obj.tag_ not in _NOUN_TAGS:
        return None
    return [t for t in verb.subtree if obj.left_edge.i <= t.i <= what.right_edge.i]


# reporting verbs whose object is who was spoken to, not who is to act: "told followers to …", "asked
# complainants to …" (against "urged Congress to pass the bill", whose object is part of the demand)
_ADDRESSEE_LEMMAS = frozenset(["tell", "ask", "remind", "warn"])
# verbs of appeal with whom they call on in a prepositional phrase: "called on <X> to …", "pleaded with <X> to …"
_APPEAL_LEMMAS = frozenset(["call", "plead", "urge"])


def _infinitive(verb: Any) -> bool:
    return verb.tag_ == "VB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children)


def _appeal_content(verb: Any) -> list[Any] | None:
    """ "called on the government to drop the case", "pleaded with the administration to reconsider": who
    is called on and what they are to do."""
    xcomp = next((c for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.i > verb.i and _infinitive(c)
                  and not any(m.dep_ == "mark" for m in c.children)), None)  # the parser calls some an advcl
    if xcomp is None or any(c.dep_ == "dobj" for c in verb.children):
        return None
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "upon", "with")
                 and verb.i < c.i < xcomp.i and c.right_edge.i + 1 == xcomp.left_edge.i), None)
    pobj = next((x for x in prep.children if x.dep_ == "pobj"), None) if prep is not None else None
    if pobj is None:
        return None
    return _without_timing(xcomp, [t for t in verb.subtree if pobj.left_edge.i <= t.i <= xcomp.right_edge.i])


def _without_timing(action: Any, tokens: list[Any]) -> list[Any]:
    """A demanded action without the reporter's account of when or amid what it was demanded, hung at
    its end: "… to halt the reform as protests spread", "… to stop it after the minister was sacked"."""
    later = [c for c in action.children if c.i > action.i]

    def framing(c: Any) -> bool:  # (and "… in an op-ed", "… in a letter": where it was said)
        return (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("as", "after") for m in c.children)) \
            or (c.dep_ == "prep" and (c.lower_ in ("amid", "ahead") or (c.lower_ in ("in", "on") and _framing(c))
                                      or (c.lower_ == "after" and any(x.dep_ == "pcomp" for x in c.children))))

    first = next((c for c in later if framing(c)), None)
    cut: set[int] = set()
    if first is not None and all(c.dep_ in ("prep", "npadvmod", "advmod", "advcl", "punct") for c in later if c.i >= first.i):
        cut = {t.i for c in later if c.i >= first.i for t in c.subtree}  # with the time after it ("… on Monday")
    dash = next((t.i for t in tokens if t.i > action.i and t.text in ("--", "—", "–") and t.whitespace_
                 and t.doc[t.i - 1].whitespace_), None)  # set apart by spaces, not "<A>–<B> talks"
    if dash is not None:  # "… to retaliate against <X> -- <the reporter's aside>"
        cut |= {t.i for t in tokens if t.i >= dash}
    if not cut:
        return tokens
    kept = [t for t in tokens if t.i not in cut]
    while kept and kept[-1].text in (",", ";", ":", "—", "–", "-"):
        kept = kept[:-1]
    return kept if len(kept) >= MIN_REPORTED_WORDS else tokens


def _under_conjunct(clause: Any, verb: Any) -> bool:
    """Whether a clause below `verb` hangs on a verb coordinated below it — another act, with its own clause:
    "reported revenue … and gave a forecast suggesting that …", "… would leave and suggested that …"."""
    node = clause.head
    while node.i != verb.i and node.head.i != node.i:
        if node.dep_ == "conj" and node.tag_.startswith("VB"):
            return True
        node = node.head
    return False


def _that_clause_content(verb: Any) -> list[Any] | None:
    """What an estimating or finding verb (THAT_CLAUSE_LEMMAS) states: its "that" clause, or the clause
    before its comma-set subject ("<finding>, a report by <X> has found") — never inside another cue's
    statement ("<X> estimates that …, <Y> said": the statement is <Y>'s)."""
    if any(a.lower_ in cue_forms() and cue_forms()[a.lower_] not in THAT_CLAUSE_LEMMAS
           and cue_forms()[a.lower_] not in _REBUTTAL_LEMMAS and a.tag_.startswith("VB") for a in verb.ancestors):
        return None  # (a rebuttal is not: "dismissed the case after an investigation found that …")
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i and any(
        m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is None:
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        clause = next((c for c in verb.children if c.dep_ == "ccomp" and subj is not None
                       and c.right_edge.i < subj.left_edge.i < verb.i
                       and verb.doc[subj.left_edge.i - 1].text == ","), None)
    return _without_commentary(clause) if clause is not None else None


def _inverted_content(verb: Any) -> list[Any] | None:
    """ "<statement>, <speaker> says": the clause before the comma that precedes the subject, whatever label
    the parser gave it (headlines parse badly) — only when nothing but an adverbial follows the cue."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.i > verb.i or subj.left_edge.i < 2 or verb.doc[subj.left_edge.i - 1].text != ",":
        return None
    if any(c.i > verb.i and c.dep_ not in ("punct", "npadvmod", "prep", "advmod") for c in verb.children):
        return None
    before = [c for c in verb.children if c.i < subj.left_edge.i - 1 and c.dep_ in ("dep", "ccomp", "parataxis", "nsubj")]
    if len(before) != 1:
        return None
    content = list(before[0].subtree)
    if content[-1].i != subj.left_edge.i - 2:
        return None
    return content


_ISSUING_FORMS = verb_forms(["release", "issue", "publish", "post", "send", "tweet"])
_BARE_AUXILIARIES = frozenset(["has", "have", "had", "is", "are", "was", "were", "will", "would", "could", "can",
                               "may", "might", "should", "must"])


_ACCORDING_INTRO = re.compile(r"\b[Aa]ccording\s+to\s+")


def _phrasal(verb: Any, child: Any) -> bool:
    """ "shot back", "pointed out" (the particle tagged prt or advmod); "as X put it" (with its "as")."""
    if (verb.lower_, child.lower_) not in phrasal_cues() or child.i < verb.i:
        return False
    if child.lower_ == "it":
        return child.dep_ == "dobj" and any(c.lower_ == "as" and c.dep_ == "mark" for c in verb.children)
    return child.dep_ in ("prt", "advmod")


_COMPLEMENTIZER = re.compile(r"(?:that|whether)\s+", re.I)


# A news dateline opening a text: "CITY –", "CITY, Jan. 17 (Agency) -" — the journalist's, not
# the speaker's words.
_DATELINE = re.compile(r"[A-Z][A-Z.'’-]{2,}(?:\s+[A-Z][A-Z.'’-]+)*(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}(?=\s*[(,–—-]))?"
                       r"(?:,?\s+[A-Z][a-z]{2,}\.?\s+\d{1,2})?\s*(?:\([^)]{1,40}\)\s*)?[–—-]+\s*")


_DANGLING_CONJUNCTION = re.compile(r"[\s,]+(?:and|but|or)$")
# A text that ends in an ellipsis was cut off by its feed: a claim running into it lost its end
_CUT_OFF = re.compile(r"\s*(?:\.{3}|…)\s*$")
# a complementizer (and an article), then the feed's ellipsis: the clause the statement ran into was cut
_CUT_CLAUSE = re.compile(r"\b(?:that|whether|which|who|if)\b(?:\s*\b(?:the|a|an|its|their|his|her|this|these)\b)?"
                         r"\s*(?:\.{3}|…)\s*$", re.I)


_SET_APART = re.compile(r"[—–:;]|--")  # a quote after these stands apart from the clause before it
_SECTION_WORDS = frozenset(["exclusive", "analysis", "opinion", "live", "watch", "video", "breaking", "update",
                            "updates", "explainer", "editorial", "comment", "review", "interview", "podcast", "photos",
                            "listen", "read", "latest", "factbox", "timeline", "quote", "quotes", "q&a", "recap",
                            "report", "poll", "letters", "obituary", "profile", "feature", "in", "pictures", "news",
                            "world", "politics", "business", "sport", "sports", "opinions", "view", "column",
                            "fiction", "nonfiction", "non-fiction", "books", "poetry", "film", "films", "theatre",
                            "theater", "arts", "culture", "travel", "science", "health", "technology", "tech", "markets"])
_CLOSING_AFTER = re.compile(r"[.,!?]?(?P<mark>[”\"»’'])")
_SECTION_LABEL = re.compile(r"[A-Z][\w&'’.-]*(?: [\w&'’.-]+){0,3} \| ")
_CLOSER_OF = {"“": "”", "‘": "’", "«": "»"}
_PAIRS = {"”": "“", "’": "‘", "»": "«", '"': '"', "'": "'"}


def _opened(inside: str, closer: str) -> bool:
    """Whether `inside` leaves a quotation open that `closer` closes."""
    opener = _PAIRS.get(closer)
    if opener is None:
        return False
    if opener == closer:
        return closer == '"' and inside.count('"') % 2 == 1
    return inside.count(opener) > _closers(inside, closer)


def _closers(text: str, closer: str) -> int:
    """Closing marks in `text`, not counting a ’ between letters (an apostrophe: "Petrova’s")."""
    if closer != "’":
        return text.count(closer)
    return len(re.findall(r"’(?![^\W\d_])|(?<![^\W\d_])’", text))


# the day a statement was made, which the parser may hang on the statement: "<X> said on Monday it would …"
_LEADING_DAY = re.compile(r"on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                          r"(?:\s+(?:morning|afternoon|evening|night))?\s+(?=\w)")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    dateline = _DATELINE.match(text, start, end)
    if dateline:
        start = dateline.end()
    while start < end and (text[start].isspace() or text[start] in _OPENERS + ",;:—–-"):
        closer = _CLOSER_OF.get(text[start])
        if closer and _closers(text[start + 1 : end].rstrip(" .,;:" + _CLOSERS), closer) > 0:
            break  # "‘Fair’ agreement on …": a quote that closes inside the claim keeps its opening mark
        start += 1
    m = _COMPLEMENTIZER.match(text, start, end)
    if m:
        start = m.end()
    section = _SECTION_LABEL.match(text, start, end)
    if section:
        start = section.end()  # "Politics | <statement>": a newsletter's section label
    while end > start and (text[end - 1].isspace() or text[end - 1] in _CLOSERS + ",;:—–-"):
        if text[end - 1] in _CLOSERS and _opened(text[start : end - 1], text[end - 1]):
            break  # the closing mark of a quote opened inside the claim stays
        end -= 1
    closing = _CLOSING_AFTER.match(text, end)
    if closing and _opened(text[start:end], closing.group("mark")):
        end = closing.end()  # "of “unsafe conduct”", "had “broadened in scope.”": the parse left the closing mark outside
    dangling = _DANGLING_CONJUNCTION.search(text, start, end)
    if dangling and dangling.start() > start:  # "… remains an emergency but": the parse cut off the rest
        end = dangling.start()
    return start, end


def _subject_before_quote(ps: ParsedSentence, content: list[Any], quote: tuple[int, int]) -> bool:
    """Whether the statement's verb is inside a quote and its subject before it, outside the quote marks
    ("<Name> 'needs to stop pretending …'"): the quote alone would lack who it is about."""
    ids = {t.i for t in content}
    root = next((t for t in content if t.head.i not in ids or t.head.i == t.i), None)
    if root is None:
        return False
    r_start, _ = ps.span(root)
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i in ids), None)
    if subj is None or not quote[0] < r_start < quote[1]:
        return False
    _, s_end = ps.span(subj.left_edge, subj.right_edge)
    return s_end <= quote[0] and subj.pos_ != "PRON" and subj.tag_ not in ("PRP", "WP", "WDT")


def _argument_before_quote(ps: ParsedSentence, content: list[Any], quote: tuple[int, int]) -> bool:
    """Whether the statement names, outside the quote marks and before them, who or what it is about:
    "accused <the accused> of '…'", "said <the subject> was '…'" — the quoted words alone would not say."""
    outside = [t for t in content if ps.span(t)[1] <= quote[0]]
    if len([t for t in outside if t.is_alpha and t.lower_ != "that"]) < 2:
        return False
    if any(t.text in ("—", "–", "--", ":", ";") for t in outside[-2:]):
        return False  # "<Name> has amended his testimony — “I now do recall”": the quote stands apart
    return any(t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and t.tag_ in _NOUN_TAGS for t in outside)


def _has_verb(tokens: list[Any]) -> bool:
    return any(t.tag_.startswith("VB") or t.tag_ == "MD" for t in tokens)


# --- the finder --------------------------------------------------------------------------------


@dataclass
class _Attribution:
    cue: Any
    speaker: Speaker
    ps: ParsedSentence


class AttributionFinder:
    def __init__(self, text: str, sentences: Sentences, parsed: list[ParsedSentence], mentions: list[Mention],
                 citations: list[Citation], places: Places, country_keys: dict[str, tuple[str, str]],
                 entities: list[Entity] | None = None, gazetteer: Gazetteer | None = None, anchor: date | None = None):
        self.gazetteer, self.anchor = gazetteer, anchor
        found = places.find(text)
        capitals = [(s, e, p.country_code) for s, e, p in found if p.kind == "capital"]
        demonyms = [(s, e) for s, e, p in found if p.kind == "demonym"]
        self.ctx = _Context(text, mentions, citations, capitals, country_keys, list(entities or []), demonyms=demonyms)
        # the country codes of the demonyms and capitals the text writes, by span ("Indian PM": IND)
        self.place_codes = [(s, e, p.country_code) for s, e, p in found if p.country_code]
        self.text = text
        self.sentences = sentences
        self.parsed = parsed
        self._joint: set[tuple[int, int, str]] = set()  # (start, end, speaker) of coordinated speakers' claims
        self.forms = cue_forms()
        self.quotes = [(s, e) for s, e in quote_spans(text) if (
            _is_speech(text[s + 1 : e - 1]) or self._attributed_short_quote(s, e)) and not _is_title(text, s, e)]
        self.phrasal_forms = phrasal_verb_forms()

    def _attributed_short_quote(self, s: int, e: int) -> bool:
        """ "“It’s fine,” <Name> said": a quotation of two or three words that ends in its own comma, "!" or
        "?" and is followed right away by who said it — a real quote, not scare quotes."""
        inner = self.text[s + 1 : e - 1].rstrip()
        if len(inner.split()) < 2 or inner[-1:] not in (",", "!", "?"):
            return False
        after = _AFTER_QUOTE.match(self.text, e)
        return after is not None and after.group("verb").lower() in self.forms

    def find(self) -> list[Claim]:
        used_quotes: set[tuple[int, int]] = set()
        for ps in self.parsed:
            self._sentence_claims(ps, used_quotes)
        for q in self.quotes:
            if q not in used_quotes:
                self._quote_claim(q, used_quotes)
        self._heading_claims()
        self._named_descriptors()
        self._named_org_descriptors()
        # one claim per stretch of text: the best-attributed, then the narrowest, wins
        ranked = sorted(self.ctx.claims, key=lambda c: (-c.confidence, c.end - c.start, c.start))
        out: list[Claim] = []
        for c in ranked:
            # a coordinated speaker's claim stands beside the others' claims of the same words
            who = c.speaker.identity if c.speaker else None
            joint = who is not None and (c.start, c.end, who) in self._joint
            if not any(_similar(c, kept) and (not joint or kept.speaker is None or kept.speaker.identity == who)
                       and not _nested_report(c, kept) for kept in out):
                out.append(c)
        return sorted(out, key=lambda c: (c.start, c.end))

    def _named_descriptors(self) -> None:
        """ "…, says former cabinet minister" in a headline and "Former cabinet minister <name> said" (or
        "<name>, a former cabinet minister,") in the body: a speaker described by a person's role is the one
        person the text names with that role elsewhere — never when it names two."""
        people = [m for m in self.ctx.mentions if m.actor_type == "person"]
        for i, claim in enumerate(self.ctx.claims):
            sp = claim.speaker
            if sp is None or sp.speaker_type != "descriptor" or not sp.role:
                continue
            role = re.sub(r"^(?:a|an|the)\s+", "", " ".join(sp.role.split()), flags=re.I)
            # "<Demonym> PM says" in the headline, "Prime Minister <Name> said" in the body: the title written out
            role = re.sub(r"\b(?:PM|FM)\b", lambda m: _ROLE_ABBREVIATIONS[m.group(0)], role)
            if not _denotes_a_person(role.split()[-1]):
                continue
            named = self._named_with_role(role, sp, people)
            # "<Country>'s opposition leader" in the headline, "<demonym> opposition leader <name>" in the body: the
            # role without its country, when the body names one person with it
            core = re.sub(r"^[A-Z][\w.-]*(?:['’]s)?\s+(?=\w+\s+\w)", "", role)
            if not named and core != role:
                named = self._named_with_role(core, sp, people)
            bonus = DESCRIPTOR_SPEAKER_PENALTY
            if not named and (lead := self._lead_person(claim, role, people)) is not None:
                named, bonus = {lead.identity: lead}, 0.0  # by position only: keeps the described speaker's confidence
            if not named and (subject := self._headline_subject(claim, ("person",))) is not None:
                named, bonus = {subject.identity: subject}, 0.0
            # "Indian PM": not a person of another state ("<Country2> Prime Minister <Name>" in the body)
            states = {c for s, e, c in self.place_codes if sp.start <= s and e <= sp.end} | {
                m.country_code for m in self.ctx.mentions_in(sp.start, sp.end) if m.actor_type == "country"}
            named = {k: m for k, m in named.items() if not (states and m.country_code and m.country_code not in states)}
            if not named:
                named = self._office_holders(role, states, sp)
            if len(named) == 1:
                m = next(iter(named.values()))
                self.ctx.claims[i] = Claim(claim.start, claim.end, claim.text, claim.is_direct_quote, claim.cue,
                                           Speaker(sp.start, sp.end, sp.text, m.actor_key, m.actor_name, "person",
                                                   None, role),
                                           round(claim.confidence + bonus, 3))

    def _named_org_descriptors(self) -> None:
        """ "Dockers union warns …" in a headline and "the <Place> Dockers Union said" in the body: a speaker
        described as a kind of organisation is the one organisation the text names with that head word whose
        name shares the start of each describing word — never when two do, nor when a word is not in its name."""
        orgs = [m for m in self.ctx.mentions if m.actor_type == "organization"]
        for i, claim in enumerate(self.ctx.claims):
            sp = claim.speaker
            if sp is None or sp.speaker_type != "descriptor":
                continue
            words = [w.casefold() for w in re.findall(r"[^\W\d_]+", sp.text)]
            words = [w for w in words if w not in ("the", "a", "an")]
            if not 2 <= len(words) <= 4 or words[-1] not in _ORG_HEADS:
                continue

            def named_so(m: Mention, words: list[str] = words) -> bool:
                name = [w.casefold() for w in re.findall(r"[^\W\d_]+", m.actor_name or m.text)]
                return bool(name) and name[-1] == words[-1] and all(
                    any(n == w or (len(w) >= 4 and n[:4] == w[:4]) for n in name[:-1]) for w in words[:-1])

            found = {m.identity: m for m in orgs if named_so(m)}
            if not found and (subject := self._headline_subject(claim, ("organization",))) is not None:
                found = {subject.identity: subject}  # "<Group> says …" over "…, says militant group"
            if len(found) == 1:
                m = next(iter(found.values()))
                self.ctx.claims[i] = Claim(claim.start, claim.end, claim.text, claim.is_direct_quote, claim.cue,
                                           Speaker(sp.start, sp.end, sp.text, m.actor_key, m.actor_name, "organization",
                                                   None, sp.role), claim.confidence)

    def _headline_subject(self, claim: Claim, kinds: tuple[str, ...]) -> Mention | None:
        """ "<Name> accuses …" as a headline and "Prominent journalist says …" opening the body (or "<Group> says …"
        and "…, says militant group"): a speaker the lede only describes, by an office or a trade of its own, is
        the one whose statement the headline reports — when the headline names no other of its kind, the lede's
        sentence does not name it (then it is talked about), and neither gender nor a seeded office says otherwise.
        Not one who speaks for, to or against another ("a spokesperson", "<Name>'s lawyer", "a witness")."""
        sp = claim.speaker
        first_line = self.text.find("\n")
        if sp is None or first_line < 0 or claim.start < first_line:
            return None
        second = self.text.find("\n", first_line + 1)
        if second >= 0 and claim.start > second:
            return None  # the lede only
        if not _LEDE_OPENING.fullmatch(self.text[first_line + 1 : min(claim.start, sp.start)]):
            return None  # the lede opens with it (after a label): not "<X> criticises …, as cabinet minister insists"
        words = re.findall(r"[^\W\d_][\w’'-]*", sp.text)
        if not words or not all(w[:1].isupper() or w.islower() for w in words) or words[0].casefold() in (
                "a", "an", "his", "her", "its", "their") or any(w.endswith(("'s", "’s")) for w in words) \
                or any(w.casefold() in ("of", "for", "to", "at", "with") for w in words) \
                or words[-1].casefold() in _SPEAKS_FOR_ANOTHER or words[-1].casefold().endswith("s"):
            return None
        named = {m.identity: m for m in self.ctx.mentions if m.end <= first_line and m.actor_type in kinds}
        if len(named) != 1:
            return None
        m = next(iter(named.values()))
        if not any(c.end <= first_line and c.speaker is not None and c.speaker.identity == m.identity
                   for c in self.ctx.claims):
            return None  # the headline reports its statement ("<Name> accuses …"), not something about it
        s_start, s_end = next(((p.start, p.end) for p in self.parsed if p.start <= claim.start < p.end),
                              (claim.start, claim.end))
        surname = m.actor_name.split()[-1] if m.actor_name else m.text
        if re.search(rf"(?<![\w-]){re.escape(surname)}(?![\w-])",
                     f"{self.text[s_start:sp.start]} {self.text[sp.end:s_end]}"):
            return None  # "<Office holder> challenges <Name>'s account": another speaks of the headline's one
        if m.actor_type == "person":
            gender = person_gender("", "", sp.text)
            if gender is not None and not pronoun_may_refer(self.text, m.start, m.actor_name, gender):
                return None  # "Young woman told court …" under "<Man's name> denies …"
            actor = self.gazetteer.actors.get(m.actor_key or "") if self.gazetteer is not None else None
            trailing = trailing_title(words)
            title = canonical_title(trailing[0]) if trailing is not None else None
            if actor is not None and actor.roles and title is not None and not any(r.title == title for r in actor.roles):
                return None  # "Defence minister warns …" under a headline of someone the seeds know in another office
        else:
            if words[-1].casefold() in ("government", "department", "ministry", "office", "administration") \
                    or self.ctx.mentions_in(sp.start, sp.end) \
                    or any(sp.start <= a and b <= sp.end for a, b in self.ctx.demonyms):
                return None  # "The <demonym> government confirmed …": a body of a state, not the headline's group
        return m

    def _lead_person(self, claim: Claim, role: str, people: list[Mention]) -> Mention | None:
        """ "<statement>, says former diplomat" as a headline and "<Name> calls for …" (or "<Name>'s defence of …")
        opening the body: a person described in the headline is the person the next line opens with — not
        one the statement names, and only at the start of that line (before it, at most a dateline and
        capitalized or role words: "<Demonym> Trade Minister <Name>")."""
        first_line = self.text.find("\n")
        if first_line < 0 or claim.start > first_line:
            return None
        line = re.compile(r"\n\s*(?P<body>[^\n]+)").match(self.text, first_line)
        if line is None:
            return None
        lo = line.start("body")
        dateline = _DATELINE.match(self.text, lo)
        if dateline:
            lo = dateline.end()
        person = next((m for m in people if lo <= m.start < line.end("body")), None)
        if person is None or person.start - lo > 60:
            return None
        role_words = {w.casefold() for w in role.split()}
        before = self.text[lo : person.start].split()
        if not all(w[:1].isupper() or w.casefold() in role_words for w in before):
            return None
        surname = person.actor_name.split()[-1] if person.actor_name else person.text
        if person.actor_name.casefold() in claim.text.casefold() or person.text.casefold() in claim.text.casefold() \
                or re.search(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", claim.text, re.I):
            return None  # "<Name> will be haunted by …, says former diplomat": the one talked about (by surname too)
        if re.match(r",\s+(?:a|an|the|his|her|its|their)\s", self.text[person.end : person.end + 12]):
            return None  # "<Name>, the current minister, rejected …": the text gives him a role of his own
        return person

    def _office_holders(self, role: str, states: set[str | None], sp: Speaker) -> dict[str, Mention]:
        """The people the text names (anywhere, outside the speaker's words) whom the gazetteer knows to have held
        the office a role ends with ("Prime minister", "the <demonym> foreign minister") on the day the text was
        published — of the state the role names, if it names one."""
        if self.gazetteer is None or self.anchor is None:
            return {}
        written = role.split()
        trailing = trailing_title(written)
        if trailing is None:
            return {}
        title, n = canonical_title(trailing[0]), trailing[1]
        before = [w for w in written[:-n] if w.casefold() not in ("the", "a", "an")]
        if before and (not states or any(not w[:1].isupper() for w in before)):
            return {}  # "the company's president", "former president": not a state's office holder of the day
        holders: dict[str, Mention] = {}
        for m in self.ctx.mentions:
            actor = self.gazetteer.actors.get(m.actor_key or "") if m.actor_type == "person" else None
            if actor is None or sp.start <= m.start < sp.end:
                continue
            if any(r.title == title and r.holds_on(self.anchor)
                   and (not states or self.gazetteer.resolve_role_target(r.of_name) in states) for r in actor.roles):
                holders.setdefault(m.identity, m)
        return holders

    def _named_with_role(self, role: str, sp: Speaker, people: list[Mention]) -> dict[str, Mention]:
        """The people the text names with `role` right before or in apposition, outside the speaker's words."""
        named: dict[str, Mention] = {}
        for hit in re.finditer(rf"(?<![\w-]){re.escape(role)}(?![\w-])", self.text, re.I):
            if sp.start <= hit.start() < sp.end:
                continue
            after = next((m for m in people if 0 <= m.start - hit.end() <= 1), None)
            before = next((m for m in people if re.fullmatch(r",\s+(?:(?:a|an|the)\s+)?",
                                                              self.text[m.end:hit.start()], re.I)), None)
            for m in (after, before):
                if m is not None:
                    named.setdefault(m.identity, m)
        return named

    def _cues(self, ps: ParsedSentence) -> list[Any]:
        return [t for t in ps.doc if t.tag_.startswith("VB") and (
            t.lower_ in self.forms
            or (t.lower_ in self.phrasal_forms and any(_phrasal(t, c) for c in t.children)))]

    def _quote_at(self, start: int, end: int) -> tuple[int, int] | None:
        """The quote a content span lies in (or mostly covers)."""
        for qs, qe in self.quotes:
            inner = (qs + 1, qe - 1)
            overlap = min(end, inner[1]) - max(start, inner[0])
            if overlap > 0 and overlap >= 0.6 * (end - start):
                return qs, qe
        return None

    def _add(self, start: int, end: int, direct: bool, cue: str | None, speaker: Speaker, confidence: float,
             joint: bool = False) -> None:
        start, end = _trim(self.text, start, end)
        if not direct and (day := _LEADING_DAY.match(self.text, start, end)):
            start, end = _trim(self.text, day.end(), end)  # "said on Monday it would …": the day is when it was said
        if end <= start or self._cut_off(end):
            return
        if any(qs < speaker.start < qe - 1 for qs, qe in self.quotes):
            return  # a speaker inside quotation marks is words of the quote, not who said them
        if joint:  # a second speaker of the same words: kept beside the first (see `find`)
            self._joint.add((start, end, speaker.identity))
        if speaker.speaker_type == "descriptor":
            confidence -= DESCRIPTOR_SPEAKER_PENALTY
        elif speaker.text.lower() in ("he", "she", "they", "it") or speaker.text.lower().startswith("the "):
            confidence -= PRONOUN_SPEAKER_PENALTY
        self.ctx.claims.append(Claim(start, end, self.text[start:end], direct, cue, speaker, round(confidence, 3)))

    def _sentence_claims(self, ps: ParsedSentence, used_quotes: set[tuple[int, int]]) -> None:
        for tok in ps.doc:
            if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
                self._according_to(ps, tok)
        self._colon_statement(ps)
        for cue in self._cues(ps):
            if _withheld(cue):
                continue  # "refused to say whether …", "has not said that …": nothing was stated
            if _gapped_relative(cue):
                continue  # "rules that lawmakers say hurt farms": "hurt farms" is no statement without "rules"
            subj = _subject(cue)
            if subj is None:
                continue
            if _rebuttal_without_statement(cue, subj):
                continue
            colon = next((t for t in subj.subtree if t.text == ":" and subj.i < t.i < cue.i), None)
            if colon is not None:
                # "<topic>: <speaker> says" parsed as an apposition of the topic: the speaker is after the colon
                subj = next((c for c in subj.children if c.dep_ == "appos" and c.i > colon.i), None)
                if subj is None:
                    continue
            s_start, _ = ps.span(subj)
            if any(qs < s_start < qe for qs, qe in self.quotes):
                continue  # a subject inside a quotation speaks inside it, not to the reporter
            speaker = resolve_speaker(self.ctx, ps, subj)
            if speaker is None or (cue_forms().get(cue.lower_) in NAMED_SOURCE_LEMMAS and (
                    speaker.speaker_type == "descriptor"
                    or not (subj.lower_ in _DOCUMENT_HEADS or subj.lower_ in _EVIDENCE_HEADS or subj.tag_ in ("NNP", "NNPS")))):
                continue  # what a poll or a body shows, not what "<X>'s presence indicates"
            if cue_forms().get(cue.lower_) in THAT_CLAUSE_LEMMAS and (
                    not cue.text.islower() or any(qs < ps.span(cue)[0] < qe for qs, qe in self.quotes)):
                continue  # "'Finding <Name>' review: …": a capitalized or quoted finding verb is a title's word
            joint = [sp for c in subj.conjuncts if _joint_speakers(subj) and (sp := resolve_speaker(self.ctx, ps, c))]
            content = _content_tokens(cue)
            if not content:
                continue
            c_start, c_end = ps.span(content[0], content[-1])
            quote = self._quote_at(c_start, c_end)
            if quote is not None and (_subject_before_quote(ps, content, quote) or _argument_before_quote(ps, content, quote)):
                quote = None  # "X says <Name> 'needs to stop …'": the subject is the reporter's, the claim is all of it
            if quote is not None:
                used_quotes.add(quote)
                for sp in (speaker, *joint):
                    self._add(quote[0] + 1, quote[1] - 1, True, cue.text, sp, QUOTE_WITH_CUE_CONFIDENCE,
                              joint=sp is not speaker)
                continue
            after = content[-1] if content[-1].text == ":" else (
                ps.doc[content[-1].i + 1] if content[-1].i + 1 < len(ps.doc) else None)
            if after is not None and after.text == ":" and after.i < subj.left_edge.i and content[-1].i < cue.i:
                # "<Topic>: <statement>, <speaker> says" with only the topic parsed as what was said: the
                # statement is all between the colon and the speaker
                rest = [t for t in ps.doc if after.i < t.i < subj.left_edge.i]
                while rest and rest[-1].is_punct:
                    rest = rest[:-1]
                if len([t for t in rest if t.is_alpha]) <= MIN_QUOTE_WORDS:
                    continue
                content = rest
                c_start, c_end = ps.span(content[0], content[-1])
            nominal = not _has_verb(content) and content == _nominal_content(cue)
            characterization = (cue_forms().get(cue.lower_) in DESCRIBE_LEMMAS and not nominal) \
                or (not _has_verb(content) and content == _as_characterization(cue))
            # before its speaker a headline's statement may lack a verb: "Grain deal near collapse, minister says"
            inverted = content[-1].i < subj.i and len(content) > MIN_QUOTE_WORDS
            colon = max((k for k, t in enumerate(content) if t.text == ":"), default=None)
            if inverted and colon is not None and len(content) - colon > MIN_QUOTE_WORDS:
                content = content[colon + 1 :]  # "Live briefing: <statement>, X says"
                c_start, c_end = ps.span(content[0], content[-1])
            if len(content) < MIN_REPORTED_WORDS or not (characterization or inverted or nominal or _has_verb(content)):
                continue
            if content[0].lower_ in _QUESTION_WORDS:
                continue  # "reports how …", "asked whether …": a question, not a statement
            cue_start, _ = ps.span(cue)
            if content[0].lower_ in ("which", "who", "whom") and c_start <= cue_start < c_end:
                continue  # "<company>, which she claimed would change the trade": a relative clause, not standalone
            for q in self.quotes:  # a partial quote inside reported speech is part of this claim
                if c_start <= q[0] and (q[1] <= c_end + 1 or (not self.text[c_end : q[1]].strip(".,;:!?" + _CLOSERS)
                                                      and not _SET_APART.search(self.text, c_start, q[0]))):
                    used_quotes.add(q)
            confidence = NOMINAL_CONTENT_CONFIDENCE if nominal else REPORTED_SPEECH_CONFIDENCE
            self._add(c_start, c_end, False, cue.text, speaker, confidence)
            for sp in joint:  # each of the coordinated speakers said it
                self._add(c_start, c_end, False, cue.text, sp, confidence, joint=True)

    def _colon_statement(self, ps: ParsedSentence) -> None:
        """ "X made it clear: S" / "X said: S" with S unquoted in the same sentence: S is X's claim."""
        colon = next((t for t in ps.doc if t.text == ":"), None)
        if colon is None:
            return
        verbs = [t for t in ps.doc if t.i < colon.i and t.tag_.startswith("VB")
                 and ((t.lower_ in self.forms and cue_forms()[t.lower_] not in THAT_CLAUSE_LEMMAS) or (t.lower_ in ("made", "makes", "make") and
                                                 any(c.lower_ == "clear" for c in t.children)))]
        rest = [t for t in ps.doc if t.i > colon.i]
        if not verbs or len(rest) < MIN_REPORTED_WORDS or not _has_verb(rest):
            return
        c_start, c_end = ps.span(rest[0], rest[-1])
        if any(qs <= c_start < qe for qs, qe in self.quotes):
            return  # a quotation after the colon: the quote pass attributes it
        subj = _subject(verbs[-1])
        speaker = resolve_speaker(self.ctx, ps, subj) if subj is not None else None
        if speaker is not None:
            self._add(c_start, c_end, False, verbs[-1].text, speaker, REPORTED_SPEECH_CONFIDENCE)

    def _according_to(self, ps: ParsedSentence, according: Any) -> None:
        to = next(c for c in according.children if c.lower_ == "to")
        who = next((c for c in to.children if c.dep_ == "pobj"), None)
        if who is None:
            return
        speaker = resolve_speaker(self.ctx, ps, who)
        if speaker is None:
            return
        clause = according.head
        own = {t.i for t in according.subtree}
        comma = next((c for c in who.children if c.text == "," and c.i > who.i), None)
        if comma is not None and clause.i > max(own) and any(t.i > comma.i for t in who.subtree) \
                and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children) \
                and not any(t.is_alpha for t in ps.doc[: according.i]):
            # "According to <X>, a <noun> will …": the parser hung the clause's subject on <X>; it is the
            # statement's, not the speaker's
            own -= {t.i for t in who.subtree if t.i >= comma.i}
            cut = ps.span(comma)[0]
            if speaker.end > cut and speaker.speaker_type == "descriptor":
                trimmed = self.text[speaker.start : cut].rstrip(" ,")
                speaker = Speaker(speaker.start, speaker.start + len(trimmed), trimmed, None, trimmed, "descriptor",
                                  None, re.sub(r"^(?:a|an|the)\s+", "", trimmed, flags=re.I))
        if clause.i == according.i:
            # "According to <X>, <statement>." parsed with "According" as the root (the tagger may also read
            # the statement's verb as a noun): the statement is all after the comma that closes the name
            _, name_end = ps.span(who)
            comma = next((t for t in ps.doc if t.text == "," and ps.span(t)[0] >= name_end), None)
            rest = [t for t in ps.doc if comma is not None and t.i > comma.i]
            while rest and (rest[-1].is_punct or rest[-1].is_space) and rest[-1].text not in _CLOSERS:
                rest = rest[:-1]
            if according.i == 0 and len([t for t in rest if t.is_alpha]) >= MIN_QUOTE_WORDS:
                c_start, c_end = ps.span(rest[0], rest[-1])
                self._add(c_start, c_end, False, "according to", speaker, ACCORDING_TO_CONFIDENCE)
            return
        # the clause on the other side of "according to X" ("CITY – According to X, …": not the dateline)
        if max(own) < clause.i:
            content = list(itertools.dropwhile(lambda t: t.is_punct, (t for t in clause.subtree if t.i > max(own))))
        else:
            content = [t for t in clause.subtree if t.i < min(own)]
            colon = max((k for k, t in enumerate(content) if t.text == ":"), default=None)
            if colon is not None and len(content) - colon > MIN_REPORTED_WORDS:
                content = content[colon + 1 :]  # "<headline>: <statement>, according to X"
        if len(content) < MIN_REPORTED_WORDS or not _has_verb(content):
            return
        if content[0].lower_ in _QUESTION_WORDS and len(content) > 1 and content[1].lower_ == "to":
            return  # "What to Do in <City>, According to <Residents>": a title of advice, not a statement
        c_start, c_end = ps.span(content[0], content[-1])
        self._add(c_start, c_end, False, "according to", speaker, ACCORDING_TO_CONFIDENCE)

    def _cut_off(self, end: int) -> bool:
        """A statement the feed truncated mid-clause: it runs into the ellipsis that ends the text and its
        last word cannot end a clause ("said the bank would ...", "warned of the ..."); one ending in a noun
        may be whole ("called for talks with Northland ...")."""
        cut = _CUT_CLAUSE.search(self.text, max(0, end - 12))
        if cut is not None and cut.start() <= end + 1:
            return True  # "said the group believes that the ...": the words kept end at a cut clause
        if not _CUT_OFF.match(self.text, end):
            return False
        ps = self._parsed_at(end - 1)
        last = next((t for t in reversed(ps.doc) if ps.start + t.idx < end), None) if ps is not None else None
        return last is None or not (last.tag_ in _NOUN_TAGS or last.text in _CLOSERS)

    def _parsed_at(self, offset: int) -> ParsedSentence | None:
        return next((ps for ps in self.parsed if ps.start <= offset < ps.end), None)

    def _quote_claim(self, q: tuple[int, int], used_quotes: set[tuple[int, int]]) -> None:
        """A quote no cue's complement covered: attribute it by the nearest cue around it."""
        qs, qe = q
        attribution = self._attribution_near(qs, qe)
        if attribution is not None:
            used_quotes.add(q)
            self._add(qs + 1, qe - 1, True, attribution.cue.text, attribution.speaker, QUOTE_WITH_CUE_CONFIDENCE)
            return
        signed = self._signature(qe)
        if signed is not None:
            used_quotes.add(q)
            self._add(qs + 1, qe - 1, True, signed[1], signed[0], QUOTE_WITH_CUE_CONFIDENCE)
            return
        intro = self._introducing_speaker(qs)
        if intro is not None:
            used_quotes.add(q)
            self._add(qs + 1, qe - 1, True, intro[1], intro[0], QUOTE_CONTINUED_CONFIDENCE)

    def _signature(self, qe: int) -> tuple[Speaker, str] | None:
        """A quote signed by a dash and a name right after its closing mark, as in an epigraph or a
        round-up of readers' comments: '"…" ― <Name>'. The name is a person the text names there, or
        a given name and a surname no seed knows."""
        m = _SIGNATURE.match(self.text, qe)
        if m is None:
            return None
        start, end = m.span("who")
        named = [x for x in self.ctx.mentions if x.start == start and x.end <= end + 1]
        if named:
            x = named[0]
            return (_mention_speaker(x), m.group("dash")) if x.actor_type in ("person", "organization") else None
        name = m.group("who")
        if has_given_name(name) and len(name.split()) >= 2:
            return Speaker(start, end, name, None, name, "person"), m.group("dash")
        return None

    def _attribution_near(self, qs: int, qe: int) -> _Attribution | None:
        """A cue with a subject right after the quote (`"…," X said`), else before it in the sentence
        where the quote opens (`X said, "…"`), else a short attribution after it that the parse missed."""
        closing = [p for p in (self._parsed_at(qe - 1), self._parsed_at(qe)) if p is not None]
        for ps in {id(p): p for p in closing}.values():
            for cue in (t for t in self._cues(ps) if ps.span(t)[0] >= qe):
                gap = [t for t in ps.doc if qe <= ps.span(t)[0] < ps.span(cue)[0]]
                if len(gap) > MAX_ATTRIBUTION_TOKENS:
                    break
                found = self._cue_speaker(ps, cue)
                subj = _subject(cue)
                first = min(cue.i, subj.left_edge.i) if subj is not None else cue.i
                if found and all(t.is_punct for t in gap if t.i < first):
                    return found  # '"…," X said' — not '"…" of <topic> as X accuses
        opening = self._parsed_at(qs)
        if opening is not None:
            for cue in reversed([t for t in self._cues(opening) if opening.span(t)[1] <= qs]):
                found = self._cue_speaker(opening, cue)
                if found:
                    return found
        return self._trailing_fragment(qe)

    def _trailing_fragment(self, qe: int) -> _Attribution | None:
        """`"…," Bozell notes.` — a name or pronoun and a cue right after the quote, when the tagger
        read the cue as a noun: the speaker is the mention (or the pronoun's antecedent) there."""
        m = _AFTER_QUOTE.match(self.text, qe)
        if m is None or m.group("verb").lower() not in self.forms:
            return None
        ps = self._parsed_at(m.start("who"))
        if ps is None:
            return None
        tok = next((t for t in ps.doc if ps.span(t)[0] >= m.start("who")), None)
        if tok is None:
            return None
        head = tok
        while head.head.i != head.i and ps.span(head.head)[1] <= m.end("who") and head.head.i > head.i:
            head = head.head
        speaker = resolve_speaker(self.ctx, ps, head)
        verb = next((t for t in ps.doc if ps.span(t)[0] == m.start("verb")), None)
        return _Attribution(verb, speaker, ps) if speaker and verb is not None else None

    def _cue_speaker(self, ps: ParsedSentence, cue: Any) -> _Attribution | None:
        subj = _subject(cue)
        if subj is None or _withheld(cue):
            return None
        speaker = resolve_speaker(self.ctx, ps, subj)
        return _Attribution(cue, speaker, ps) if speaker else None

    def _introducing_speaker(self, qs: int) -> tuple[Speaker, str | None] | None:
        """A quote opened after a colon line ("Araghchi added:") or right after another quote."""
        before = self.text[:qs].rstrip()
        if before.endswith(":"):
            ps = self._parsed_at(len(before) - 1)
            if ps is not None:
                for cue in self._cues(ps):
                    found = self._cue_speaker(ps, cue)
                    if found:
                        return found.speaker, cue.text
                # "Khabar Online captured this anxiety, warning:" with the cue read as a noun: the
                # introducing sentence's subject speaks
                loose = next((t for t in ps.doc if t.lower_ in self.forms), None)
                root = next((t for t in ps.doc if t.dep_ == "ROOT"), None)
                subj = _subject(root) if loose is not None and root is not None else None
                found_sp = resolve_speaker(self.ctx, ps, subj) if subj is not None else None
                if found_sp is None and loose is not None:  # "Stated Stone:", "Continued Stone:"
                    named = [m for m in self.ctx.mentions if ps.start <= m.start < ps.end and m.actor_type == "person"]
                    if named:
                        m = named[0]
                        found_sp = _mention_speaker(m)
                if found_sp is not None and loose is not None:
                    return found_sp, loose.text
                # "<Name> released the following statement:", "<Body> issued a statement:": who issued it speaks
                issuing = next((t for t in ps.doc if t.tag_.startswith("VB") and t.lower_ in _ISSUING_FORMS
                                and ps.span(t)[1] <= len(before) and any(
                                    c.dep_ == "dobj" and c.lower_ in _DOCUMENT_HEADS for c in t.children)), None)
                subj = _subject(issuing) if issuing is not None else None
                found_sp = resolve_speaker(self.ctx, ps, subj) if subj is not None else None
                if found_sp is not None and issuing is not None:
                    return found_sp, issuing.text
                according = _ACCORDING_INTRO.search(self.text, ps.start, len(before))
                if according:
                    who = next((t for t in ps.doc if ps.span(t)[0] >= according.end()), None)
                    while who is not None and who.dep_ == "compound" and who.head.i > who.i:
                        who = who.head
                    found_sp = resolve_speaker(self.ctx, ps, who) if who is not None else None
                    if found_sp is not None:
                        return found_sp, "according to"
        previous = [c for c in self.ctx.claims if c.is_direct_quote and c.speaker and 0 <= qs - c.end <= MAX_ATTRIBUTION_SENTENCE
                    and (qs - c.end <= MAX_CONTINUATION_GAP or self._attribution_between(c, qs))]
        last_speaker = max(previous, key=lambda c: c.end).speaker if previous else None  # the nearest before
        if last_speaker is not None:
            # a quote that follows the same speaker's quote, with at most a short attribution between
            # ('"…," he added. "…"'), continues it — unless the gap names someone else
            last = previous[-1]
            others = [m for m in self.ctx.mentions if last.end <= m.start < qs and m.actor_type == "person"
                      and m.identity != (last_speaker.actor_key or f"new:person:{last_speaker.name}")
                      and m.actor_name != last_speaker.name]
            if not others and "\n\n" not in self.text[last.end:qs]:
                return last_speaker, last.cue
        return None

    def _attribution_between(self, claim: Claim, qs: int) -> bool:
        """'"…," said <Name>, <a long role>. "…"': all between the two quotes is the rest of the sentence
        that attributes the first one (its cue among them), so the second quote continues it."""
        gap = self.text[claim.end:qs].lstrip(",.?!'\"’”» ")  # past the first quote's closing mark
        end = qs - (len(gap) - len(gap.rstrip()))
        if not gap.rstrip().endswith((".", ":")) or "\n" in gap or any(q in gap for q in '"“”«»'):
            return False
        if self.sentences.index_of(claim.end) != self.sentences.index_of(max(claim.end, end - 1)):
            return False
        return claim.cue is not None and re.search(rf"\b{re.escape(claim.cue)}\b", gap) is not None

    def _heading_claims(self) -> None:
        """A post or paragraph opened by its speaker: "Abbas Araghchi: Iran and Russia will sign …"; a
        headline closed by it: "<statement> – <speaker>"."""
        t = self.text
        for s_start, s_end in self.sentences.spans:
            self._dash_signed(s_start, s_end)
            hm = re.match(r"^\s*(?P<who>[^:\n]{2,60}):\s+(?P<body>\S)", t[s_start:s_end])
            if not hm:
                continue
            who_start, who_end = s_start + hm.start("who"), s_start + hm.end("who")
            m = next((m for m in self.ctx.mentions if m.start == who_start and m.end == who_end
                      and m.actor_type != "country"), None)
            # "<Occupation> <Given> <Surname>: …", "<Country>'s <Given> <Surname>: …": a person named in full after
            # capitalized words that say who they are (not "<Group> to <Name>: …", not a surname after a given name)
            titled = next((m for m in self.ctx.mentions if m.end == who_end and who_start < m.start
                           and m.actor_type == "person" and len(m.text.split()) >= 2
                           and 1 <= len(t[who_start:m.start].split()) <= 3
                           and all(w[:1].isupper() and w[:1].isalpha() for w in t[who_start:m.start].split())),
                          None) if m is None else None
            m = m or titled
            body_start = s_start + hm.start("body")
            body = t[body_start:s_end]
            sp = _mention_speaker(m) if m is not None else None
            if sp is not None and titled is not None:
                sp.role = " ".join(t[who_start : titled.start].split())  # "Filmmaker <Name>: …": who the speaker is
            if sp is None and body_start < s_end and t[body_start] in _OPENERS:
                # "<Name>: ‘…’" with a name no seed knows: the speaker of a quote that is the whole heading
                sp = self._heading_speaker(who_start, who_end)
            if sp is not None:  # a headline "<Name>: 'These images have no place …'": the quote is his
                # (the sentence may end at the stop inside the closing mark)
                quoted = [q for q in self.quotes if body_start <= q[0] < s_end]
                if quoted and not any(c.start < s_end and body_start < c.end for c in self.ctx.claims):
                    for qs, qe in quoted:
                        self._add(qs + 1, qe - 1, True, ":", sp, SPEAKER_HEADING_CONFIDENCE)
                    continue
            statement = re.search(r"\b(?:I|we|We|our|Our|us|my|My|will|would|shall|must|should|cannot|can[’']t|won[’']t"
                                  r"|[Ww]ill|[Ww]ould|[Mm]ust|[Ss]hould)\b", body)
            if statement is None and m is not None and m.actor_type in ("person", "organization") \
                    and s_start == 0 and "\n" in t[s_end:s_end + 2]:
                # a headline "<Name>: <clause>" with a finite verb of its own (not a relative clause's, not a
                # "How …" feature's title)
                statement = None if body.split(" ", 1)[0].lower() in _QUESTION_WORDS else re.search(
                    r"(?<!\bwho )(?<!\bthat )(?<!\bwhich )\b(?:need|needs|is|are|was|were|has|have|had)\b", body)
            if sp is None and m is None and s_start == 0 and body.split(" ", 1)[0].lower() not in _QUESTION_WORDS:
                # "<Body>: <statement>" over a lede in which "<the Body> says …": the heading's speaker is that one
                sp = self._heading_name_speaker(who_start, who_end, s_end)
                statement = statement or (re.search(r"\w", body) if sp is not None else None)
            if sp and statement and len(body.split()) >= MIN_QUOTE_WORDS:
                if any(c.start < s_end and body_start < c.end for c in self.ctx.claims):
                    continue
                self._add(body_start, s_end, False, ":", sp, SPEAKER_HEADING_CONFIDENCE)


    def _heading_speaker(self, start: int, end: int) -> Speaker | None:
        """A heading's speaker named by one to four capitalized words no seed or NER pass took: a person when
        it opens with a seed given name, else described by those words."""
        words = self.text[start:end].split()
        if not 1 <= len(words) <= 4 or not all(w[:1].isupper() and w[:1].isalpha() for w in words):
            return None
        if any(m.start < end and start < m.end for m in self.ctx.mentions):
            return None
        if words[-1].casefold() in _SECTION_WORDS or words[0].casefold() in _SECTION_WORDS:
            return None  # "Exclusive: ‘…’", "The Latest: ‘…’": a section label, not a speaker
        name = self.text[start:end]
        if has_given_name(name):
            return Speaker(start, end, name, None, name, "person")
        return Speaker(start, end, name, None, name, "descriptor", None, name)

    def _dash_signed(self, s_start: int, s_end: int) -> None:
        """A line of its own (a headline) that ends " – <speaker>": "Economy on growth path – <ministry>". The
        speaker must be a known actor or outlet (not "– study", "– report")."""
        t = self.text
        if (s_start > 0 and t[s_start - 1] != "\n") or (s_end < len(t) and t[s_end] != "\n"):
            return
        dm = re.match(r"(?P<body>\S.{14,}?)\s+[–—-]\s+(?P<who>[^–—\n-]{2,40}?)\s*$", t[s_start:s_end])
        if not dm or len(dm.group("body").split()) < MIN_QUOTE_WORDS:
            return
        who_start, who_end = s_start + dm.start("who"), s_start + dm.end("who")
        sp: Speaker | None = None
        m = next((m for m in self.ctx.mentions if m.start == who_start and m.end == who_end), None)
        if m is not None and m.actor_key:
            sp = _mention_speaker(m)
        for c in self.ctx.citations:
            if sp is None and c.citation_type == "outlet_attribution" and (c.start, c.end) == (who_start, who_end):
                sp = Speaker(c.start, c.end, c.text, None, c.outlet_name or c.text, "outlet", c.outlet_key)
        if sp is None:
            sp = self._signature_speaker(who_start, who_end, s_end)
        body_start, body_end = s_start + dm.start("body"), s_start + dm.end("body")
        if sp is None or any(c.start < body_end and body_start < c.end for c in self.ctx.claims):
            return
        self._add(body_start, body_end, False, "–", sp, SPEAKER_HEADING_CONFIDENCE)

    def _lede_speaker(self, line_end: int) -> Speaker | None:
        """The speaker of the first attributed claim on the line after the one that ends at `line_end` (a
        headline's lede), when it names someone (not a pronoun, not an outlet)."""
        nl = self.text.find("\n", line_end)
        if nl < 0:
            return None
        next_end = self.text.find("\n", nl + 1)
        lede = [c for c in self.ctx.claims if nl < c.start and (next_end < 0 or c.end <= next_end)
                and c.speaker is not None and c.speaker.speaker_type != "outlet"]
        found = min(lede, key=lambda c: c.start).speaker if lede else None
        return None if found is None or found.text.lower() in ("he", "she", "it", "they") else found

    def _heading_name_speaker(self, who_start: int, who_end: int, line_end: int) -> Speaker | None:
        """ "<Body>: <statement>" over a lede in which "<the Body> says …": capitalized words, each of them in
        the lede speaker's name, are that speaker."""
        words = self.text[who_start:who_end].split()
        if not 1 <= len(words) <= 4 or not all(w[:1].isupper() and w.isalpha() for w in words) \
                or words[0].casefold() in _SECTION_WORDS or words[-1].casefold() in _SECTION_WORDS:
            return None
        found = self._lede_speaker(line_end)
        if found is None or not {w.casefold() for w in words} <= {
                w.casefold() for w in re.findall(r"[^\W\d_]+", f"{found.text} {found.name}")}:
            return None
        return _referring(found, who_start, who_end, self.text[who_start:who_end], found.role)

    def _signature_speaker(self, who_start: int, who_end: int, line_end: int) -> Speaker | None:
        """A headline signed by a common noun ("<statement> – study", "… — ministry") is the lede speaker whose
        phrase carries that noun ("<Country>'s Ministry of Trade said"; for a study any word for one: "a report
        by <X> has found")."""
        words = self.text[who_start:who_end].split()
        if not 1 <= len(words) <= 3 or not all(w.isalpha() and w.islower() for w in words):
            return None
        found = self._lede_speaker(line_end)
        if found is None:
            return None
        noun = words[-1]
        nouns = _STUDY_HEADS | {"research"} if noun in _STUDY_HEADS or noun == "research" else {noun}
        lede_start = self.text.find("\n", line_end) + 1  # (the words before the speaker, on its own line)
        named = " ".join([self.text[max(lede_start, found.start - 20) : found.start], found.text, found.role or ""])
        if not re.search(rf"(?<![\w-])(?:{'|'.join(sorted(nouns))})(?![\w-])", named, re.I):
            return None
        return _referring(found, who_start, who_end, self.text[who_start:who_end], found.role)

def _nested_report(a: Claim, b: Claim) -> bool:
    """One claim inside the other's reported words, by another speaker, with its own cue there: "<X> said
    that <Y> described the deal as …" is X's claim and, inside it, Y's."""
    outer, inner = (a, b) if a.end - a.start > b.end - b.start else (b, a)
    if outer.start > inner.start or inner.end > outer.end or inner.cue is None or outer.speaker is None \
            or inner.speaker is None or outer.speaker.identity == inner.speaker.identity \
            or outer.cue in (None, "according to", ":") or inner.cue in ("according to", ":") \
            or inner.speaker.speaker_type not in ("person", "organization", "country") \
            or inner.speaker.text.lower() in ("he", "she", "they", "it") or inner.speaker.text.lower().startswith("the "):
        return False  # only a speaker named there, and their own words inside another's report
    return inner.speaker.start >= outer.start and inner.speaker.end <= outer.end and inner.cue in outer.text


def _similar(a: Claim, b: Claim) -> bool:
    overlap = min(a.end, b.end) - max(a.start, b.start)
    return overlap >= 0.5 * min(a.end - a.start, b.end - b.start)


def find_claims(text: str, sentences: Sentences, parsed: list[ParsedSentence], mentions: list[Mention],
                citations: list[Citation], places: Places, country_keys: dict[str, tuple[str, str]],
                entities: list[Entity] | None = None, gazetteer: Gazetteer | None = None,
                anchor: date | None = None) -> list[Claim]:
    """The claims of an English text; with the `gazetteer` and the day it was published (`anchor`), a speaker
    described by an office alone ("the prime minister said") is the one person the text names who held it then."""
    return AttributionFinder(text, sentences, parsed, mentions, citations, places, country_keys, entities,
                             gazetteer, anchor).find()
