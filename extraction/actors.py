"""Actor mentions: gazetteer aliases, transliteration variants, statistical NER (new people and
organizations), surnames after a first full mention, and role references resolved through the
gazetteer's role column plus country context ("Iran's foreign minister", "the Supreme Leader")."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from extraction.dates import CALENDAR_NAMES
from extraction.gazetteer import ROLE_SYNONYMS, Gazetteer, GazetteerActor, Places, canonical_title
from extraction.model import Mention
from extraction.names import (
    LEADING_PERSON_TITLES,
    TITLE_ABBREVIATIONS,
    TITLE_BEFORE,
    TITLES,
    has_given_name,
    same_name,
)

# Words that head an organization's name; an NER ORG span without one is too often a treaty,
# a product or a headline fragment to become a new actor.
_ORG_HEADS = frozenset(
    [
        "ministry",
        "council",
        "organization",
        "organisation",
        "union",
        "committee",
        "party",
        "bank",
        "fund",
        "court",
        "parliament",
        "assembly",
        "army",
        "forces",
        "corps",
        "institute",
        "university",
        "commission",
        "office",
        "department",
        "service",
        "agency",
        "authority",
        "association",
        "federation",
        "league",
        "alliance",
        "movement",
        "front",
        "brigade",
        "guard",
        "guards",
        "group",
        "company",
        "corporation",
        "duma",
        "senate",
        "congress",
        "cabinet",
        "government",
        "bureau",
        "directorate",
        "secretariat",
        "coalition",
        "services",
        "navy",
        "foundation",
        "museum",
        "gallery",
        "exchange",
        "laboratory",
        "centre",
        "center",
        "police",
    ]
)
_NOT_ACTOR_HEADS = frozenset(
    [
        "treaty",
        "pact",
        "agreement",
        "accord",
        "deal",
        "memorandum",
        "statement",
        "declaration",
        "convention",
        "charter",
        "protocol",
    ]
)
# prepositions after which a capitalized name is a place, not a person ("in …", "near …"): not "at" or "on"
# ("pressure on <person>", "a jab at <person>")
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|along|across|outside|inside|throughout)\s+(?:the\s+)?$", re.I)
# A name the NER calls a person is not one when a ship prefix stands before it ("USS <Name>"), when
# it opens with a place word ("Lake <Name>", "Mount <Name>", "Fort <Name>") or ends in a noun that
# makes it a place, a building, an event, a prize or a document ("<Name> Street", "<Name> Prize");
# nouns that are also common surnames (Hall, Hill, Park, Day, Law, Field, Bay, Lane, Tower) are not listed.
_VESSEL_PREFIXES = r"(?:USS|HMS|HMAS|HMCS|HMNZS|INS|RFS|MV|SS|RV|FS|USNS)"
_VESSEL_BEFORE = re.compile(rf"\b{_VESSEL_PREFIXES}\s+$")
_VESSEL_FIRST = re.compile(rf"{_VESSEL_PREFIXES}\s")
_PLACE_FIRST_WORDS = frozenset({"lake", "mount", "mt", "fort", "port", "cape", "camp", "lac", "rio", "san", "santa", "sao"})
_NOT_PERSON_LAST_WORDS = frozenset({
    "lake", "river", "street", "st", "road", "rd", "avenue", "ave", "square", "mountain", "mountains",
    "island", "islands", "sea", "valley", "bridge", "airport", "port", "canal",
    "desert", "peninsula", "gulf", "falls", "hills", "boulevard", "drive", "highway",
    "station", "stadium", "arena", "palace", "center", "centre", "hospital", "hotel",
    "university", "college", "school", "academy", "institute", "museum", "library", "prize", "award",
    "awards", "cup", "trophy", "index", "act", "bill", "doctrine", "plan", "initiative", "summit",
    "forum", "festival", "games", "syndrome", "disease", "virus", "dam", "pipeline",
    "corridor", "reservoir", "glacier", "crater", "county", "province", "district", "region", "city", "yard",
    "base", "neighborhood", "neighbourhood",
})
# last words of a name that are a place for a person but may be an organization's own name
_INSTITUTION_LAST_WORDS = frozenset({"hospital", "university", "college", "school", "academy", "institute", "museum",
                                     "library", "forum"})
# Ranks and grades that the NER sometimes tags as a person on their own ("Snr Constable"): a span made
# only of them and of titles is a rank, not a name.
_RANK_WORDS = frozenset({
    "constable", "sergeant", "sgt", "detective", "det", "inspector", "insp", "superintendent", "supt",
    "officer", "corporal", "cpl", "private", "pte", "lieutenant", "lt", "captain", "capt", "major", "maj",
    "colonel", "col", "general", "gen", "admiral", "adm", "commander", "cmdr", "brigadier", "snr", "senior",
    "sr", "jr", "junior", "chief", "deputy", "acting", "assistant", "first", "second", "class", "staff",
    "warrant", "commissioner", "marshal", "trooper", "agent", "special", "leading", "petty", "sheriff",
})
# Headless organization names: the glue words they may hold, the company suffixes that make one,
# the verbs after which a recurring name acts as one ("<Name> said", "<Name> announced"), and last
# words that make the span something else (an index, a product, an event).
_ORG_NAME_GLUE = frozenset({"of", "and", "for", "the", "&", "de", "du", "la"})
_COMPANY_SUFFIX = re.compile(r"\b(?:Inc|Corp|Co|Ltd|LLC|plc|PLC|AG|SA|NV|GmbH|Holdings|Airlines|Airways|Motors|Pharmaceuticals|Technologies|Capital|Partners|"
                             r"Energy|Group|Media|Entertainment|Industries|Systems|Labs|Foods|Brands|Resources|"
                             r"Petroleum|Mining|Insurance|Financial|Investments|Ventures|Management|Securities)\.?$")
# what companies and agencies do, not people: "<Name> acquired", "<Name> estimates"
_CORPORATE_VERBS = (r"acquired|acquires|bought|buys|sold|sells|launched|launches|posted|filed|sued|estimates|estimated|"
                    r"projected|forecast|forecasts|predicted|issued|paid|published|publishes|invested|invests|hired|"
                    r"hires|owns|owned|operates|operated|employs|employed|executed|reported|reports")
_ORG_ACTS_AFTER = re.compile(
    r"\)?(?:['’]s?\s+\w+\s+)?\s*(?:,\s+\w+(?:\s+\w+){0,6},\s+)?(?:has\s+|had\s+|have\s+|will\s+|would\s+|also\s+)?"
    r"(?:said|says|announced|announces|reported|reports|told|confirmed|confirms|denied|denies|warned|warns|"
    r"agreed|agrees|plans|planned|filed|sued|acquired|acquires|bought|buys|sold|sells|launched|launches|"
    r"raised|cut|cuts|posted|expects|expected|declined|refused|stated|added|claimed|claims|insisted|urged|"
    r"accused|accuses|signed|signs|rejected|rejects|approved|approves|" + _CORPORATE_VERBS + r")\b"
)
_ORG_DOES_AFTER = re.compile(r"\)?\s*(?:has\s+|had\s+|have\s+|will\s+|also\s+)?(?:" + _CORPORATE_VERBS + r")\b")
# What the text says of a name right after it that makes it an organization: an appositive naming its
# kind (", a London-based think tank", ", the parent company of …", ", a group of volunteers"), an
# inverted report (", says the stock …"), its possessed corporate parts ("'s chief executive", "'s shares").
_ORG_DESCRIBED_AFTER = re.compile(
    r",\s+(?:(?:a|an|the|its|which\s+is\s+a)\s+(?:[\w&’'-]+\s+){0,5}?"
    r"(?:company|firm|group|think[\s-]tank|consultancy|bank|lender|retailer|maker|manufacturer|airline|"
    r"carrier|insurer|brokerage|broker|agency|organi[sz]ation|charity|publisher|newspaper|broadcaster|"
    r"network|developer|start-?up|giant|conglomerate|operator|provider|platform|fund|investor|"
    r"nonprofit|non-profit|subsidiary|unit|chain|producer|exporter|importer|supplier|utility|"
    r"league|club|band|coalition|alliance|association|union|institute|foundation|watchdog|regulator)s?\b"
    r"(?!\s+(?:has|have|had|said|says|is|was|will|would)\b)"
    r"|says\b|said\b|in\s+a\s+(?:note|statement|report|filing|release)\b)"
    r"|['’]s?\s+(?:chief\s+(?:executive|financial|operating)|CEO|CFO|chairman|chairwoman|board|shares|"
    r"stock|spokes(?:man|woman|person)|executives|founder|headquarters|subsidiary|shareholders|investors|"
    r"employees|workers|staff|revenue|profits?|earnings)\b"
    r"|\s+(?:shares|stock|shareholders|executives|spokes(?:man|woman|person))\b"
)
# ... and right before it: someone's post there ("an analyst at …", "chief economist of …") or its
# own kind ("the retailer …", "shares of …").
_ORG_DESCRIBED_BEFORE = re.compile(
    r"(?:\b(?:analyst|economist|strategist|fellow|researcher|professor|director|partner|executive|"
    r"spokes(?:man|woman|person)|officer|manager|president|chairman|chairwoman|founder|head|CEO|CFO|"
    r"chief|lawyer|adviser|advisor|trader|scientist|editor|reporter|correspondent)s?\b"
    r"(?:\s+[\w-]+){0,3}?\s+(?:at|of|with|for)\s+|\bshares\s+(?:of|in)\s+|\bstake\s+in\s+"
    r"|\b(?:polled|compiled|surveyed|owned|acquired|founded|bought|run|operated)\s+by\s+"
    # its kind right before it: "electric vehicle firm <Name>", "private bank <Name>", "beauty company <Name>"
    r"|\b(?:company|firm|bank|lender|insurer|retailer|airline|carrier|start-?up|conglomerate|manufacturer|"
    r"maker|automaker|carmaker|chipmaker|giant|utility|brokerage|miner|operator|exchange|outlet|broadcaster)\s+)"
    r"(?:the\s+)?$",
    re.I,
)
_ORG_TOKEN_SHAPE = re.compile(r"\b(?:[A-Z]{2,}|[A-Z][a-z]+[A-Z]\w*|\w*&\w*)\b")  # acronyms, camel case ("BrightCo")
_TITLE_ABBREVIATIONS = frozenset({"VP", "MP", "PM", "MEP", "MSP", "MLA", "QC", "KC", "DJ", "JR", "SR"})
# words that make a name something other than a person's ("Cyclone <Name>", "<Brand> Lite")
_NOT_PERSON_WORDS = frozenset({"cyclone", "hurricane", "storm", "typhoon", "tropical", "lite", "mini", "pro", "max",
                               "mode", "edition", "series", "model", "observatory", "telescope", "light", "switch",
                               "phone", "watch", "console"})
_NOT_ORGANIZATION_LAST_WORDS = _NOT_PERSON_LAST_WORDS | frozenset({"index", "year", "day", "week", "plus", "pro", "max",
                                                                    # a publication: "according to the <Name> Outlook"
                                                                    "outlook", "report", "survey", "review", "study",
                                                                    "yearbook", "barometer", "tracker"})
_MINISTRY = re.compile(
    r"\b(?P<country>[A-Z][\w]+?)(?:'s|’s)?\s+(?P<kind>foreign|defen[cs]e|interior|finance|economy|energy|oil|trade|justice|health)\s+ministry\b"
)
_ROLE_TERMS = sorted(ROLE_SYNONYMS, key=len, reverse=True)
_ROLE = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in _ROLE_TERMS) + r")(?![\w-])", re.I)
_CAP_WORD = re.compile(r"\b[A-Z][\w'’-]+")

# Confidence of a mention, by the evidence that found it.
GAZETTEER_NAME_CONFIDENCE = 0.95  # the actor's canonical gazetteer name, verbatim
GAZETTEER_ALIAS_CONFIDENCE = 0.9  # a curated alias, or the name with its first name spelled otherwise
SPELLING_VARIANT_CONFIDENCE = 0.8  # a gazetteer person's name in another transliteration ("Sergei Lavrov")
NER_FULL_NAME_CONFIDENCE = 0.7  # a new person the NER tagged with at least two words of name
NER_SURNAME_CONFIDENCE = 0.75  # an NER person that is the surname of a new person named in full before
NER_ORGANIZATION_CONFIDENCE = 0.6  # an NER organization with an organizational head word ("… Council")
NER_ACTING_ORGANIZATION_CONFIDENCE = 0.55  # an NER organization without one that acts and recurs, or has a company suffix
MINISTRY_PATTERN_CONFIDENCE = 0.65  # "<country or demonym> <portfolio> ministry", matched by pattern
SURNAME_CONFIDENCE = 0.7  # a new person's surname found by string search after the full name
ROLE_CONFIDENCE = 0.7  # a role noun resolved to the gazetteer holder of that role ("Iran's foreign minister")


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    label: str


def _overlaps(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < oe and os < e for os, oe in spans)


def _strip_possessive(text: str, start: int, end: int) -> tuple[int, int]:
    span = text[start:end]
    for suffix in ("'s", "’s", "'", "’"):
        if span.endswith(suffix) and len(span) > len(suffix) + 1:
            return start, end - len(suffix)
    return start, end


def find_mentions(
    text: str,
    gazetteer: Gazetteer,
    places: Places,
    entities: list[Entity],
    blocked: list[tuple[int, int]],
    anchor: date | None,
) -> list[Mention]:
    """All actor mentions of one document body. `blocked` spans (URLs, outlet names) hold none.

    The passes run in this order, each over the text the earlier ones left: `taken` holds the spans
    already claimed (the blocked ones included), and each pass appends the spans it takes to it.
    """
    mentions = [m for m in _gazetteer_mentions(text, gazetteer, blocked)
                 if not _country_as_given_name(text, m, entities, gazetteer, places)
                 and not _surname_of_another_person(text, m, entities, gazetteer, places)]
    taken = [(m.start, m.end) for m in mentions] + blocked
    mentions += _spelling_variant_mentions(text, gazetteer, taken)
    ner_mentions, new_people = _ner_mentions(text, gazetteer, places, entities, taken)
    mentions += ner_mentions
    mentions = _kind_named_organizations(text, places, mentions, taken)
    mentions += _country_surname_mentions(text, gazetteer, places, mentions, taken)
    mentions += _ministry_mentions(text, gazetteer, places, taken, blocked)
    mentions += _surname_mentions(text, new_people, mentions, taken)
    mentions = _without_countries_inside_new_orgs(mentions)
    mentions = _acronyms_of_new_orgs(text, mentions)
    mentions += _role_mentions(text, gazetteer, places, mentions, taken, anchor)
    mentions += _counterpart_mentions(text, gazetteer, places, mentions, taken, anchor)
    mentions += _leader_mentions(text, gazetteer, places, mentions, taken, anchor)
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions


# "<kind> <Name>": a company or body introduced by what it is ("electric vehicle firm <Name>", "private bank
# <Name>", "chipmaker <Name>"), the kind in lower case after a modifier, the name one to three capitalized words
_KIND_NAMED = re.compile(
    r"(?<=[a-z,] )(?:company|firm|bank|lender|insurer|retailer|airline|carrier|start-?up|conglomerate|manufacturer|"
    r"automaker|carmaker|chipmaker|utility|brokerage|miner|broadcaster)\s+"
    r"(?P<name>[A-Z][\w&’'.-]*[\w&](?:\s+[A-Z][\w&’'.-]*[\w&]){0,2})\b(?!\s*['’]s\s+(?:own|first)\b)"
)
KIND_NAMED_ORGANIZATION_CONFIDENCE = 0.6  # as an NER organization with an organizational head word


def _kind_named_organizations(text: str, places: Places, mentions: list[Mention],
                              taken: list[tuple[int, int]]) -> list[Mention]:
    """Organizations the text introduces by their kind ("beauty company <Name>"), which the statistical NER
    often misses or calls a person; each later bare use of the name too. Not a seed person, a place, a
    calendar word or a person's name ("firm founder <Given> <Surname>" is caught by the given name)."""
    found: dict[str, None] = {}
    for m in _KIND_NAMED.finditer(text):
        name = m.group("name").rstrip(".")
        words = name.split()
        if has_given_name(name) or name in places.by_name or any(w in _CALENDAR_WORDS for w in words) \
                or words[-1].casefold() in _NOT_ORGANIZATION_LAST_WORDS:
            continue
        s, e = m.start("name"), m.start("name") + len(name)
        if any(x.start <= s and e <= x.end and (x.actor_key or x.actor_type != "person") for x in mentions):
            continue  # a seed or an organization already names it
        found[name] = None
    if not found:
        return mentions
    out = list(mentions)
    for name in found:
        for occ in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            s, e = occ.span()
            held = [x for x in out if x.start < e and s < x.end]
            if any(x.actor_key or x.actor_type != "person" or x.method != "ner" for x in held):
                continue
            out = [x for x in out if x not in held]  # the NER's "person" of the same words
            out.append(Mention(s, e, name, None, name, "organization", None, "pattern",
                               KIND_NAMED_ORGANIZATION_CONFIDENCE))
            taken.append((s, e))
    return out


_CALENDAR_WORDS = frozenset(CALENDAR_NAMES)
# the words of a nationality, religion or political group the NER calls NORP ("Roman Catholic", "Sunni Muslim")
_GROUP_WORD = re.compile(r"(?:ic|ish|ese|ist|ical|ite)s?$|\b(?:Muslims?|Hindus?|Jews?|Sikhs?|Orthodox|Protestants?|"
                         r"Democrats?|Republicans?|Conservatives?|Liberals?|Socialists?|Greens?)$")
_COUNTRY_SURNAME = re.compile(r"\b(?P<country>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)['’]s\s+(?P<surname>[A-Z][\w'’-]+)\b(?!\s+[A-Z])")


def _country_surname_mentions(text: str, gazetteer: Gazetteer, places: Places, mentions: list[Mention],
                              taken: list[tuple[int, int]]) -> list[Mention]:
    """ "<Country>'s <Surname>" ("Northland's <Surname> set to stay PM"): the one seed person of that country
    whose name ends with the surname (spelled with or without its accents). Not when the text gives the
    surname to another given name, nor for a surname two seed people of the country share."""
    out: list[Mention] = []
    for m in _COUNTRY_SURNAME.finditer(text):
        s, e = m.span("surname")
        if _overlaps(s, e, taken):
            continue
        country = next((x for x in mentions if x.start == m.start("country") and x.actor_type == "country"), None)
        code = country.country_code if country else None
        if code is None:
            continue
        surname = m.group("surname")
        holders = gazetteer.persons_with_surname(code, surname)
        if len(holders) != 1:
            continue
        actor = holders[0]
        if _other_given_name_before(text, surname, actor):
            continue
        out.append(Mention(s, e, surname, actor.actor_id, actor.canonical_name, "person", actor.country_code,
                           "surname", SURNAME_CONFIDENCE))
        taken.append((s, e))
    return out


# a capitalized compass word or "New" fused to a country's name makes the name of another place (the seeds
# list the countries so named, "South Korea", "East Timor", in full, and those match first)
_COMPASS_BEFORE = re.compile(r"(?<![\w-])(?:New|East|West|North|South|Northern)\s+$")


def _gazetteer_mentions(text: str, gazetteer: Gazetteer, blocked: list[tuple[int, int]]) -> list[Mention]:
    """Gazetteer names and aliases; a person's is extended over a first name spelled another way."""
    out: list[Mention] = []
    found = gazetteer.find(text)
    # surnames the text also gives to someone else ("<Given> <Surname>" beside the seed's "<Other given> <Surname>"):
    # a bare one is then either person, and is left unresolved unless a title says which
    shared = {m.text for m in found if m.actor.actor_type == "person" and len(m.text.split()) == 1
              and _other_given_name_before(text, m.text, m.actor)}
    for m in found:
        if _overlaps(m.start, m.end, blocked):
            continue
        if m.actor.actor_type == "country" and _COMPASS_BEFORE.search(text, max(0, m.start - 7), m.start):
            continue  # "New Mexico", "East <Country>", "Northern Ireland": another place, named after the country
        start, surface = m.start, m.text
        if m.actor.actor_type == "person" and m.text in shared and not TITLE_BEFORE.search(text, max(0, start - 25), start):
            continue
        if m.actor.actor_type == "person":
            # A first name in another spelling before a known surname: "Sergei Lavrov", "Dmitri S. Peskov".
            fm = re.search(r"([A-Z][\w'’-]+)\s+(?:[A-Z]\.\s+)?$", text[max(0, start - 30) : start])
            if fm and gazetteer.by_alias(fm.group(1)) is None:
                first = fm.group(1)
                if any(
                    same_name(first, a.split()[0])
                    for a in (m.actor.canonical_name, *m.actor.aliases)
                    if len(a.split()) > 1
                ):
                    start = start - len(fm.group(0))
                    surface = text[start : m.end]
                elif len(m.text.split()) == 1 and has_given_name(f"{first} {m.text}"):
                    continue  # "<Other given name> <Surname>": another person of the surname (a son, a wife)
        exact = surface == m.actor.canonical_name
        out.append(
            Mention(
                start,
                m.end,
                surface,
                m.actor.actor_id,
                m.actor.canonical_name,
                m.actor.actor_type,
                m.actor.country_code,
                "gazetteer" if exact else "alias",
                GAZETTEER_NAME_CONFIDENCE if exact else GAZETTEER_ALIAS_CONFIDENCE,
            )
        )
    return out


# the surname of a two-word person whose given name is a country's name ("<Country> <Surname>")
_ONE_SURNAME = re.compile(r"\s+([A-Z][a-z'’-]+[a-z])")


def _country_as_given_name(text: str, m: Mention, entities: list[Entity], gazetteer: Gazetteer,
                           places: Places) -> bool:
    """Whether a country's name opens a two-word person the NER found: the country is the person's given
    name, not a party. Not when the second word is a title ("<Country> King <Name>" is the country's
    king), a seed name or a place."""
    if m.actor_type != "country":
        return False
    for e in entities:
        if e.label == "PERSON" and e.start == m.start and e.end > m.end:
            rest = _ONE_SURNAME.fullmatch(text, m.end, e.end)
            if rest is None:
                return False
            word = rest.group(1)
            return not (LEADING_PERSON_TITLES.match(word + " ") or gazetteer.by_alias(word) is not None
                        or word in places.by_name)
    return False


def _surname_of_another_person(text: str, m: Mention, entities: list[Entity], gazetteer: Gazetteer,
                               places: Places) -> bool:
    """Whether a seed person's one-word alias (a surname) ends a person's name the NER found whose given name
    is not one of the seed person's ("<Other given> <Surname>" is someone else: never merged onto the seed
    person). Not when the words before are a title ("PM <Surname>"), a place or a seed name."""
    if m.actor_type != "person" or " " in m.text or not m.actor_key:
        return False
    actor = gazetteer.actors.get(m.actor_key)
    if actor is None:
        return False
    for e in entities:
        if e.label != "PERSON" or not (e.start < m.start and m.end <= e.end <= m.end + 2):
            continue
        words = text[e.start : m.start].split()
        if not words or len(words) > 2 or any(
                w.isupper() or LEADING_PERSON_TITLES.match(w + " ") or w.rstrip(".").casefold() in TITLE_ABBREVIATIONS
                or w in places.by_name or gazetteer.by_alias(w) is not None or w in _CALENDAR_WORDS for w in words):
            return False
        own = {g for a in (actor.canonical_name, *actor.aliases) if len(a.split()) > 1 for g in a.split()[:-1]}
        return not any(same_name(w, g) for w in words for g in own)
    return False


def _other_given_name_before(text: str, surname: str, actor: GazetteerActor) -> bool:
    """Whether some "<Given> <surname>" in the text names a person other than `actor`: a given name of
    the seed that none of the actor's names holds ("Tayyip" is one of Recep Tayyip Erdoğan's)."""
    own = {w for a in (actor.canonical_name, *actor.aliases) if len(a.split()) > 1 for w in a.split()[:-1]}
    for g in re.finditer(rf"\b([A-Z][\w'’-]+)\s+{re.escape(surname)}\b", text):
        if has_given_name(f"{g.group(1)} {surname}") and not any(same_name(g.group(1), o) for o in own):
            return True
    return False


# A lone word is linked to a seed person's surname it only resembles (a long surname written without its
# hyphen) when it is at least this long: shorter words resemble unrelated surnames (a common noun, another
# family's name one vowel apart).
_MIN_LONE_VARIANT = 8


def _spelling_variant_mentions(
    text: str, gazetteer: Gazetteer, taken: list[tuple[int, int]]
) -> list[Mention]:
    """Transliteration variants of gazetteer people ("Sergei Lavrov" when the seed says "Sergey")."""
    out: list[Mention] = []
    caps = [_strip_possessive(text, m.start(), m.end()) for m in _CAP_WORD.finditer(text)]
    for i, (s, e) in enumerate(caps):
        # Two adjacent capitalized words (first name + surname), else the single word.
        windows = [(s, caps[i + 1][1])] if i + 1 < len(caps) and text[e : caps[i + 1][0]] == " " else []
        windows.append((s, e))
        if e - s < _MIN_LONE_VARIANT:
            windows = windows[:-1]  # a short lone word is too near too many surnames
        actor = None
        for ws, we in windows:
            if not _overlaps(ws, we, taken):
                actor = gazetteer.person_by_spelling(text[ws:we])
                if actor and (ws, we) == (s, e) and _other_given_name_before(text, text[s:e], actor) \
                        and not TITLE_BEFORE.search(text, max(0, s - 25), s):
                    actor = None  # the text gives the surname to someone else too ("<Other given name> <Surname>")
                if actor:
                    s, e = ws, we
                    break
        if actor:
            out.append(
                Mention(
                    s,
                    e,
                    text[s:e],
                    actor.actor_id,
                    actor.canonical_name,
                    "person",
                    actor.country_code,
                    "alias",
                    SPELLING_VARIANT_CONFIDENCE,
                )
            )
            taken.append((s, e))
    return out


_QUOTE_MARKS = "\"'‘’“”«»"


def _ner_mentions(
    text: str,
    gazetteer: Gazetteer,
    places: Places,
    entities: list[Entity],
    taken: list[tuple[int, int]],
) -> tuple[list[Mention], dict[str, str]]:
    """Statistical NER: people the gazetteer lacks become new actors; organizations only with an
    organizational head word. Also returns the new people named in full, surname → full name."""
    out: list[Mention] = []
    new_people: dict[str, str] = {}  # surname → full name
    place_spans = [(s, e) for s, e, _ in places.find(text)]
    # A name the NER calls a person that the text also puts after "in" or "near" ("a shop in <Name> <Name>",
    # "near <Name> Lane") is a place the seeds do not know, wherever it occurs.
    placey = {
        text[ent.start : ent.end]
        for ent in entities
        if ent.label == "PERSON" and _LOCATIVE_BEFORE.search(text[max(0, ent.start - 12) : ent.start])
        and not re.match(r"['’]s?\b", text[ent.end : ent.end + 2])
        and not re.search(r"['’]s?$", text[ent.start : ent.end])  # "in <Name>'s case": a person's
    }
    # First pass: the new people named in full anywhere in the document, so that a headline's bare
    # surname ("<Surname> warns …") resolves to the full name its body gives later.
    for ent in sorted(entities, key=lambda x: x.start):
        if ent.label != "PERSON" or text[ent.start : ent.end] in placey:
            continue
        s, e = _strip_possessive(text, ent.start, ent.end)
        tm = LEADING_PERSON_TITLES.match(text[s:e])
        s += tm.end() if tm else 0
        s = _after_first_lady(text, _after_leading_ranks(text, s, e), e)
        words = text[s:e].split()
        if (len(words) > 1 and all(w[:1].isupper() for w in words if w.isalpha() and len(w) > 3)
                and not _overlaps(s, e, taken) and not _overlaps(s, e, place_spans) and not _names_no_person(text, s, e, places)
                and gazetteer.person_by_spelling(text[s:e]) is None and shows_as_person(text[s:e])):
            new_people.setdefault(words[-1], text[s:e])
    person_names = {text[ent.start : ent.end] for ent in entities if ent.label == "PERSON"}
    person_names |= set(new_people) | set(new_people.values())
    for ent in sorted(entities, key=lambda x: x.start):
        s, e = _strip_possessive(text, ent.start, ent.end)
        while s < e and (text[s] in _QUOTE_MARKS or text[s].isspace()) and not re.match(r"[’']s\b", text[s:e]):
            s += 1  # "provided by '<Name>'": the marks around a name are not part of it
        while e > s and text[e - 1] in _QUOTE_MARKS and not any(c in _QUOTE_MARKS for c in text[s : e - 1]):
            e -= 1
        if entity := re.search(r"\s*&[a-z]+;?$", text[s:e]):
            e = s + entity.start()  # "<Name> &mdash": an HTML entity the feed left in its text
        tm = LEADING_PERSON_TITLES.match(text[s:e])
        if tm and ent.label != "PERSON" and not has_given_name(text[s + tm.end() : e]):
            tm = None  # "General Directorate of <X>", "General Administration of Customs": the name's own word
        if tm and not (ent.label == "PERSON" and len(text[s + tm.end():e].split()) == 1
                       and re.match(r"(?:Prince|Princess|King|Queen|Pope|Sheikh|Emir|Sultan)\s", text[s:e])):
            s += tm.end()
        if ent.label == "PERSON":
            s = _after_leading_ranks(text, s, e)
            job = re.match(r"([A-Za-z]+)\s+", text[s:e])
            if job and job.group(1).casefold() in _OCCUPATION_WORDS and len(text[s + job.end() : e].split()) >= 2 \
                    and has_given_name(text[s + job.end() : e]):
                s += job.end()  # "Comedian <Given> <Surname>": the occupation is the role, not the name
            s = _after_first_lady(text, s, e)
        # a place inside an organization's longer name ("<Demonym> Farm Bureau Federation", "<City> Museum
        # of Art") or a person's after a given name is part of it; a place covering or crossing the span
        # makes it no actor's name
        inside_kept = ent.label == "ORG" or (ent.label == "PERSON" and has_given_name(text[s:e]))  # "<Given> Wales"
        crossing = [(a, b) for a, b in place_spans if not (inside_kept and s <= a and b <= e and (a, b) != (s, e))]
        if s >= e or _overlaps(s, e, taken) or _overlaps(s, e, crossing) \
                or (ent.label == "PERSON" and text[ent.start : ent.end] in placey):
            continue
        norp_name = ent.label == "NORP" and not _GROUP_WORD.search(text[s:e]) and text[s:e].split()[-1] not in places.by_name
        if ent.label == "PERSON" or ((ent.label == "ORG" or norp_name) and _named_like_a_person(text, s, e)):
            mention = _ner_person(text, s, e, gazetteer, new_people, places)
        elif ent.label == "ORG":
            mention = _ner_organization(text, s, e, gazetteer, taken, person_names)
        else:
            mention = None
        if mention is not None:
            out.append(mention)
            taken.append((mention.start, mention.end))
    return out, new_people


# occupations the press writes before a name as a title ("Comedian <Name>", "Billionaire <Name>"): stripped from
# a person's name only when a given name and a surname follow
_OCCUPATION_WORDS = frozenset([
    "comedian", "actor", "actress", "singer", "rapper", "author", "writer", "novelist", "filmmaker", "businessman",
    "businesswoman", "billionaire", "tycoon", "entrepreneur", "model", "presenter", "broadcaster", "chef",
    "designer", "artist", "musician", "footballer", "striker", "midfielder", "defender", "goalkeeper", "coach",
    "boxer", "golfer", "star", "legend", "veteran", "activist", "campaigner", "journalist", "reporter",
    "columnist", "historian", "economist", "professor", "analyst", "lawyer", "attorney", "investor", "influencer",
    "pastor", "superstar", "tennis", "cricketer", "driver", "skier", "swimmer", "sprinter", "athlete", "youtuber",
])


def _after_leading_ranks(text: str, s: int, e: int) -> int:
    """Where a person's name starts after the ranks before it ("Snr Constable <Name>", "Det. Sgt <Name>"),
    when a name follows them."""
    start = s
    for w in re.finditer(r"([A-Za-z]+)\.?\s+", text[s:e]):
        if w.group(1).casefold() not in _RANK_WORDS:
            break
        start = s + w.end()
    return start if text[start:e].strip() else s


def _names_no_person(text: str, s: int, e: int, places: Places | None = None) -> bool:
    """A span the NER calls a person that is a ship, a place, a building, a prize, a rank, a numbered
    thing or a group of people named by their nationality."""
    words = text[s:e].split()
    if not words:
        return True
    if _VESSEL_BEFORE.search(text[max(0, s - 7) : s]) or _VESSEL_FIRST.match(text[s:e]):
        return True  # "USS <Name>", whether or not the NER span took the prefix in
    if any(ch.isdigit() for ch in text[s:e]):
        return True  # "Bill 254", "Route 66": no person's name holds a number
    if places is not None and len(words) > 1 and _plural_demonym(words[-1], places):
        return True  # "<Word> Americans": a group of people, not a person
    if len(words) > 1 and (words[0].strip(".").casefold() in _PLACE_FIRST_WORDS
                           or words[-1].strip(".,").casefold() in _NOT_PERSON_LAST_WORDS):
        return True
    # "Snr Constable": a rank, the name follows it
    return all(w.strip(".,").casefold() in _RANK_WORDS or w.strip(".,").casefold() in TITLES for w in words)


def _plural_demonym(word: str, places: Places) -> bool:
    """ "Americans", "Iranians": a demonym of the places seed in the plural."""
    place = places.by_name.get(word[:-1]) if word.endswith("s") else None
    return place is not None and place.kind == "demonym"


def _ner_person(
    text: str, s: int, e: int, gazetteer: Gazetteer, new_people: dict[str, str], places: Places | None = None
) -> Mention | None:
    """An NER person span: a gazetteer person under another spelling, the surname of a new person
    named before, or a new person (recorded in `new_people` when named in full)."""
    span = text[s:e]
    if re.search(r"\bSt\.?\s+$|\bSaint\s+$", text[max(0, s - 7) : s]):
        return None  # "Order of St. Andrew": a saint in a name, not an actor
    if text[s - 1 : s] in ("–", "—", "-") or text[e : e + 1] in ("–", "—", "-"):
        return None  # "Rasht–Astara railway": a route or compound, not a person
    words = span.split()
    if not words or not all(w[:1].isupper() for w in words if w.isalpha() and len(w) > 3):
        return None
    if _names_no_person(text, s, e, places):
        return None
    actor = gazetteer.person_by_spelling(span)
    if actor:
        return Mention(
            s,
            e,
            span,
            actor.actor_id,
            actor.canonical_name,
            "person",
            actor.country_code,
            "alias",
            SPELLING_VARIANT_CONFIDENCE,
        )
    if len(words) == 1 and words[0] in new_people:
        full = new_people[words[0]]
        if _shared_surname(text, words[0], full):
            return None
        return Mention(s, e, span, None, full, "person", None, "surname", NER_SURNAME_CONFIDENCE)
    if len(words) == 1:
        # A single unknown word the NER calls a person is as often a product, a place, a pet name
        # or a surname shared by many people (a disease, a platform, a common surname); as an actor keyed by
        # that word it would merge them all. Not published.
        return None
    if not shows_as_person(span):
        return None
    new_people.setdefault(words[-1], span)
    return Mention(s, e, span, None, span, "person", None, "ner", NER_FULL_NAME_CONFIDENCE)


def shows_as_person(span: str) -> bool:
    """Whether a new name the NER calls a person can be one: not a product, storm or building the NER also
    tags as a person ("<Brand> <Model> Lite", "Cyclone <Name>", "<Name> Observatory"), no model code or
    acronym among its words ("<Brand> Pro XR"), no heading glued to it ("<Name>: Briefing")."""
    words = span.split()
    if any(w.casefold().strip(".,") in _NOT_PERSON_WORDS for w in words):
        return False
    if any(ch in span for ch in ":|/"):
        return False
    return not any(len(w) >= 2 and w.isupper() and w.isalpha() and w.casefold() not in TITLES
                   and w not in _TITLE_ABBREVIATIONS for w in words)


def _after_first_lady(text: str, s: int, e: int) -> int:
    """Where a person's name starts after "Lady" when the word before is "First" ("First Lady <Name>": the
    NER cut the title in two)."""
    lady = re.match(r"Lady\s+(?=[A-Z])", text[s:e])
    return s + lady.end() if lady and re.search(r"\b[Ff]irst\s+$", text[max(0, s - 7) : s]) else s


# words before an organization's name the NER took into it: a lowercase word other than a link of names,
# followed by a capitalized word ("<Name> welcomes <Org>", "first <Org>", "an <Org>")
_CLAUSE_BEFORE_NAME = re.compile(r"^(?:.*\s)?(?!(?:of|for|and|the|de|du|des|la|le|al|el|bin|von|van|der|y|on|to|in|at|&)\s)"
                                 r"[a-z][\w'’-]*\s+(?=[A-Z0-9])")


def _ner_organization(
    text: str, s: int, e: int, gazetteer: Gazetteer, taken: list[tuple[int, int]], person_names: set[str]
) -> Mention | None:
    """An NER organization span that names a new organization, with any country names compounded
    onto it; None for treaties, products, headings, names the gazetteer knows and headless names
    without evidence of an organization."""
    span = re.sub(r"^(?:the|The)\s+", "", text[s:e])
    s = e - len(span)
    if clause := _CLAUSE_BEFORE_NAME.match(span):
        span = span[clause.end():]  # "<Name> welcomes <Org>", "an <Org>": the name is what follows
        s = e - len(span)
    # "Russia-Iran Business Council": country names compounded onto the name belong to it.
    cm = re.search(r"((?:[A-Z][\w]+-)+[A-Z][\w]+)\s+$", text[max(0, s - 40) : s])
    if cm and all(gazetteer.by_alias(w) is not None for w in cm.group(1).split("-")):
        s -= len(cm.group(0))
        span = text[s:e]
    inner = [
        (a, b)
        for a, b in taken
        if s <= a
        and b <= e
        and text[a:b]
        and (g := gazetteer.by_alias(text[a:b])) is not None
        and g.actor_type == "country"
    ]
    if _overlaps(s, e, [t for t in taken if t not in inner]):
        return None
    words = [w.casefold() for w in re.findall(r"[\w]+", span)]
    # A name headed by an organizational word is one. Other capitalized spans of this model are as
    # often headings, regions, people or products, so they need evidence (`_acts_as_organization`):
    # taken without it, blind dev actors went P .90 → .79 for R .66 → .76; with it, P .89, R .69.
    if not words or words[-1] in _NOT_ACTOR_HEADS:
        return None
    if gazetteer.by_alias(span):
        return None
    if words[-1] in _RANK_WORDS and re.match(r"\.?\s+[A-Z]", text[e:]):
        return None  # "<Service> Adm. <Name>": a person's rank, not an organization's name
    if len(words) > 1 and all(w == "services" or _COMPANY_SUFFIX.search(w.title()) for w in words):
        return None  # "Financial Services": a sector, not one organization's name
    if words[-1] in _NOT_PERSON_LAST_WORDS and words[-1] not in _ORG_HEADS | _INSTITUTION_LAST_WORDS:
        return None  # "<Name> Navy Yard", "<Name> Police Station", "<Name> Act": a place or a law
    if set(words) & _ORG_HEADS:
        return Mention(s, e, span, None, span, "organization", None, "ner", NER_ORGANIZATION_CONFIDENCE)
    if not _acts_as_organization(text, s, e, span, person_names):
        return None
    return Mention(s, e, span, None, span, "organization", None, "ner", NER_ACTING_ORGANIZATION_CONFIDENCE)


def _named_like_a_person(text: str, s: int, e: int) -> bool:
    """An NER organization span that is a person's name: "<Given> <Surname>" (two or three words, a given
    name of the seed first), no organizational word, suffix or shape, and nothing around it that shows an
    organization ("<Given> <Surname> acquired", "an analyst at <Given> <Surname>")."""
    span = text[s:e]
    words = span.split()
    return (2 <= len(words) <= 3 and has_given_name(span) and shows_as_person(span)
            and not {w.casefold() for w in words} & _ORG_HEADS and not _COMPANY_SUFFIX.search(span)
            and not _ORG_TOKEN_SHAPE.search(span) and not shows_as_organization(text, s, e)
            and not re.match(r"\s*(?:&|and\s+[A-Z])", text[e : e + 6]))  # "<Name> & Co", "<Name> and Partners"


def is_surname_in(text: str, word: str) -> bool:
    """Whether the text names a person "<Given> <word>" somewhere: then a bare <word> is their surname."""
    return any(has_given_name(f"{g.group(1)} {word}")
               for g in re.finditer(rf"\b([A-Z][a-z]+)\s+{re.escape(word)}\b", text))


def shows_as_organization(text: str, s: int, e: int) -> bool:
    """Whether the words around a name show it as an organization, not a person: it does what companies
    and agencies do ("<Name> acquired"), the text describes it as one (", a London-based think tank",
    "an analyst at <Name>", "<Name>'s shares"), or it is camel-cased ("BrightCo")."""
    if text[s - 1 : s] == "(" and re.search(r"\b[a-z]+\s+[a-z]+\s+\($", text[max(0, s - 30) : s]):
        return False  # "liquefied natural gas (LNG)": an abbreviation of common words
    return (_ORG_DOES_AFTER.match(text, e) is not None or _ORG_DESCRIBED_AFTER.match(text, e) is not None
            or _ORG_DESCRIBED_BEFORE.search(text, max(0, s - 60), s) is not None
            or re.fullmatch(r"[A-Z][a-z]+[A-Z]\w*", text[s:e]) is not None)


def _acts_as_organization(text: str, s: int, e: int, span: str, person_names: set[str]) -> bool:
    """Whether a capitalized span the NER calls an organization, without an organizational head word,
    shows itself as one: a company suffix, an acronym or camel-cased name that acts (the subject of a
    reporting or corporate verb) or is named again, other names only when they act. Names of people,
    common nouns, indices, fragments and parts of a longer name are not."""
    tokens = span.split()
    if not tokens or len(tokens) > 4 or any(ch.isdigit() for ch in span) or "-" in tokens[0] or "," in span:
        return False
    if _LOCATIVE_BEFORE.search(text[max(0, s - 12) : s]):
        return False  # "a candidate in <Name>": a place the seeds do not know
    if any(not (t[:1].isupper() or t.casefold() in _ORG_NAME_GLUE) for t in tokens):
        return False  # "post-Brexit", "Class of": a fragment
    if has_given_name(span) or span in person_names or tokens[-1] in person_names:
        return False
    if len(tokens) == 1 and is_surname_in(text, span):
        return False
    if tokens[-1].strip(".,").casefold() in _NOT_ORGANIZATION_LAST_WORDS or len(span) < 2:
        return False
    if re.search(r"\b[A-Z][\w'’.-]*[ \t]+$", text[max(0, s - 30) : s]) or re.match(r"[ \t]+[A-Z][a-z]", text[e : e + 3]):
        return False  # part of a longer capitalized name the NER cut ("<Name> Media", "Home Minister")
    defined = re.match(r"\s+\(([A-Z]{2,6})\)", text[e : e + 12])
    if defined and len(tokens) > 1 and defined.group(1) == _initials(span):
        return True  # "<Name> <Name> Workers (NNW)": the text defines its acronym
    if _COMPANY_SUFFIX.search(span) and not _COMPANY_SUFFIX.search(tokens[0]):
        return True  # "<Name> Energy", not "Energy" or "Financial Services" (a sector)
    if span.isupper() and re.search(rf"(?<![\w-]){re.escape(span)}s\b", text):
        return False  # "EVs", "NGOs": an abbreviation of a common noun, written in the plural too
    acting = _ORG_ACTS_AFTER.match(text, e) is not None or shows_as_organization(text, s, e)
    again = text.count(span) >= 2
    if len(tokens) == 1 and (re.search(rf"(?<![\w./@-]){re.escape(span.casefold())}(?![\w/@-]|\.\w)", text)
                             or re.search(r"\b[Tt]he\s+$", text[max(0, s - 4) : s])):
        return False  # "Customs", "the Bank": a common noun capitalized, not a name
    if all(t[:1].isupper() and t[1:].islower() for t in tokens) and not _ORG_TOKEN_SHAPE.search(span):
        # "<Given> <Family>"-shaped, or one capitalized word (as often a place, or a club named by
        # its city): only when it acts as an organization
        return acting
    return acting or again


def _ministry_mentions(
    text: str,
    gazetteer: Gazetteer,
    places: Places,
    taken: list[tuple[int, int]],
    blocked: list[tuple[int, int]],
) -> list[Mention]:
    """Ministries named by country and portfolio ("the Iranian foreign ministry")."""
    out: list[Mention] = []
    for mm in _MINISTRY.finditer(text):
        country = mm.group("country")
        place = places.by_name.get(country)
        code = place.country_code if place and place.kind == "demonym" else None
        gz = gazetteer.by_alias(country)
        code = code or (gz.country_code if gz and gz.actor_type == "country" else None)
        if code is None or _overlaps(
            mm.start(),
            mm.end(),
            [(a, b) for a, b in taken if (a, b) not in blocked and not _inside(a, b, mm.start(), mm.end())],
        ):
            continue
        span = text[mm.start() : mm.end()]
        out.append(
            Mention(
                mm.start(),
                mm.end(),
                span,
                None,
                span,
                "organization",
                code,
                "pattern",
                MINISTRY_PATTERN_CONFIDENCE,
            )
        )
        taken.append((mm.start(), mm.end()))
    return out


def _shared_surname(text: str, surname: str, full: str) -> bool:
    """Whether the text names, besides the new person `full`, another person of the same surname ("<Given>
    <Surname>" and "<Other given> <Surname>"): a bare surname is then either of them, and is left unresolved."""
    return any(has_given_name(other.group(0)) and not full.endswith(other.group(0))
               for other in re.finditer(rf"\b[A-Z][\w’'-]+\s+{re.escape(surname)}\b", text))


def _surname_mentions(
    text: str, new_people: dict[str, str], mentions: list[Mention], taken: list[tuple[int, int]]
) -> list[Mention]:
    """Bare surnames of the new people the document names in full, before (a headline's "<Surname>
    warns") or after the full name."""
    out: list[Mention] = []
    for surname, full in new_people.items():
        if _shared_surname(text, surname, full):
            continue
        for sm in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
            following = re.match(r"\s+([A-Z][a-z]+)\b", text[sm.end() : sm.end() + 20])
            if following and following.group(1).casefold() in _NOT_PERSON_LAST_WORDS:
                continue  # "<Surname> Street", "<Surname> Prize": named after the person, not them
            if not _overlaps(sm.start(), sm.end(), taken):
                out.append(
                    Mention(
                        sm.start(),
                        sm.end(),
                        surname,
                        None,
                        full,
                        "person",
                        None,
                        "surname",
                        SURNAME_CONFIDENCE,
                    )
                )
                taken.append(sm.span())
    return out


def _without_countries_inside_new_orgs(mentions: list[Mention]) -> list[Mention]:
    """A country named inside a new organization's name ("Russia-Iran Business Council") is part of it."""
    new_orgs = [(m.start, m.end) for m in mentions if m.actor_type == "organization" and m.actor_key is None]
    return [
        m
        for m in mentions
        if not (m.actor_type == "country" and any(a <= m.start and m.end <= b for a, b in new_orgs))
    ]


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", name) if w.casefold() not in _ORG_NAME_GLUE).upper()


def _acronyms_of_new_orgs(text: str, mentions: list[Mention]) -> list[Mention]:
    """An acronym is the new organization it abbreviates: the one it follows in parentheses, wherever
    the text uses it ("<Northland Lantern Makers Association> (NLMA) said … NLMA expects"), or, found by
    the NER, the one whose initials it spells."""
    orgs = [m for m in mentions if m.actor_type == "organization" and m.method == "ner" and not m.text.isupper()]
    if not orgs:
        return mentions
    by_initials = {_initials(m.actor_name): m for m in orgs}
    defined: dict[str, Mention] = {}
    for o in orgs:
        d = re.match(r"\s*\(([A-Z][A-Z&]{1,5})\)", text[o.end : o.end + 12])
        if d:
            defined.setdefault(d.group(1), o)
    out = []
    for m in mentions:
        if m.method == "ner" and m.actor_type == "organization" and m.text.isupper() and m.actor_key is None:
            full = defined.get(m.text) or by_initials.get(m.text)
            if full is not None:
                m = replace(m, actor_name=full.actor_name)
        out.append(m)
    spans = [(m.start, m.end) for m in out]
    for acronym, full in defined.items():
        for a in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            if not _overlaps(a.start(), a.end(), spans):
                out.append(replace(full, start=a.start(), end=a.end(), text=acronym))
                spans.append((a.start(), a.end()))
    return out


def _inside(a: int, b: int, s: int, e: int) -> bool:
    return s <= a and b <= e


def country_context(text: str, start: int, end: int, gazetteer: Gazetteer, places: Places) -> str | None:
    """The country a role phrase belongs to: "Iran's", "Iranian", "of Iran", "Russia’s Kremlin"."""
    before = text[max(0, start - 40) : start]
    m = re.search(r"([A-Z][\w]*(?:\s+[A-Z][\w]*)?)(?:'s|’s)?\s+$", before)
    if m:
        word = m.group(1)
        for cand in (word, word.split()[-1]):
            place = places.by_name.get(cand)
            if place and place.kind == "demonym":
                return place.country_code
            actor = gazetteer.by_alias(cand)
            if actor and actor.actor_type == "country":
                return actor.country_code
    after = text[end : end + 40]
    m = re.match(r"\s+of\s+(?:the\s+)?([A-Z][\w]*(?:\s+[A-Z][\w]*){0,3})", after)
    if m:
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            actor = gazetteer.by_alias(" ".join(words[:n]))
            if actor and actor.actor_type == "country":
                return actor.country_code
    return None


def _role_mentions(
    text: str,
    gazetteer: Gazetteer,
    places: Places,
    mentions: list[Mention],
    taken: list[tuple[int, int]],
    anchor: date | None,
) -> list[Mention]:
    """Role nouns not attached to a name, resolved to the gazetteer holder of that role."""
    out: list[Mention] = []
    people = sorted((m for m in mentions if m.actor_type == "person"), key=lambda m: m.start)
    # Document-level country context: the countries its people and country mentions belong to.
    weights: Counter[str] = Counter(
        m.country_code for m in mentions if m.country_code and m.actor_type in ("country", "person")
    )
    for rm in _ROLE.finditer(text):
        s, e = rm.span()
        if _overlaps(s, e, taken) or not _role_stands_alone(text, s, e, people):
            continue
        if rm.group(0).casefold() == "pm" and (rm.group(0) != "PM" or country_context(text, s, e, gazetteer, places) is None):
            # "at 7 pm" is a time; and the abbreviation stands for an office only with its state ("the <demonym>
            # PM", "<Country>'s PM"): a bare "The PM" of a headline is left to what names it
            continue
        if re.search(r"\b(?:former|ex-)\s*(?:[A-Z][\w.]*\s+)?$", text[max(0, s - 30):s], re.I):
            # "the former US president": not the holder on the day; a person named before who holds or held it
            target = country_context(text, s, e, gazetteer, places)
            cands = {a.actor_id for _, a in gazetteer.role_holders.get((canonical_title(rm.group(0)), target), [])} if target else set()
            current = gazetteer.role_holder(rm.group(0), target, anchor) if target else None
            prior = [p for p in people if p.end <= s and p.actor_key in cands and (current is None or p.actor_key != current.actor_id)]
            if not prior:
                continue
            p0 = prior[-1]
            out.append(Mention(s, e, text[s:e], p0.actor_key, p0.actor_name, "person", p0.country_code, "role", ROLE_CONFIDENCE))
            taken.append((s, e))
            continue
        turn = re.search(r"\b(incoming|outgoing)\s+(?:[A-Z][\w.]*\s+)?$", text[max(0, s - 30):s], re.I)
        if turn:
            # "the incoming US president": of the holders in office in the document's year, the one whose term
            # begins in it (outgoing: ends in it) — a year that two tenures share
            target = country_context(text, s, e, gazetteer, places)
            tenures = gazetteer.role_holders.get((canonical_title(rm.group(0)), target), []) if target and anchor else []
            incoming = turn.group(1).casefold() == "incoming"
            which = {a.actor_id: a for r, a in tenures if anchor is not None
                     and (r.start_year == anchor.year if incoming else r.end_year == anchor.year)}
            if len(which) == 1:
                out.append(_holder_mention(text, s, e, next(iter(which.values()))))
                taken.append((s, e))
            continue
        holder = _role_holder(text, s, e, rm.group(0), gazetteer, places, mentions, people, weights, anchor)
        if holder is None:
            continue
        if country_context(text, s, e, gazetteer, places) is None and _named_later_in_sentence(text, e, holder.actor_id, people):
            continue  # "The prime minister met <Name>", "… in a call with his counterpart <Name>": the document's context
            # chose a holder the sentence goes on to name beside the role, so someone else (a name before it is its antecedent)
        out.append(_holder_mention(text, s, e, holder))
        taken.append((s, e))
    return out


_SENTENCE_END = re.compile(r"[.!?]\s|\n")


def _named_later_in_sentence(text: str, e: int, actor_id: str, people: list[Mention]) -> bool:
    """Whether the person `actor_id` is named after offset e, before the sentence ends."""
    end = _SENTENCE_END.search(text, e)
    hi = end.start() if end else len(text)
    return any(p.actor_key == actor_id and e <= p.start < hi for p in people)


def _holder_mention(text: str, s: int, e: int, holder: GazetteerActor) -> Mention:
    """A role word at s:e ("the foreign minister", "his counterpart") standing for the office's holder."""
    return Mention(s, e, text[s:e], holder.actor_id, holder.canonical_name, "person", holder.country_code, "role",
                   ROLE_CONFIDENCE)


_HEAD_TITLES = tuple(canonical_title(t) for t in ("president", "prime minister", "chancellor"))
_COUNTERPART = re.compile(r"\bcounterparts?\b")


def _counterpart_mentions(
    text: str,
    gazetteer: Gazetteer,
    places: Places,
    mentions: list[Mention],
    taken: list[tuple[int, int]],
    anchor: date | None,
) -> list[Mention]:
    """ "<Name> met his Russian counterpart": the holder, in the named country, of the office the person
    named before it in the sentence holds on the document's day — a foreign minister's counterpart is
    that country's foreign minister. Not when a name carries the word ("his Russian counterpart <Name>"),
    nor when the office or its holder there is unknown or ambiguous."""
    out: list[Mention] = []
    people = sorted((m for m in mentions if m.actor_type == "person"), key=lambda m: m.start)
    for cm in _COUNTERPART.finditer(text):
        s, e = cm.span()
        if _overlaps(s, e, taken) or cm.group(0).endswith("s"):
            continue  # "their counterparts": several, not one office
        if any(0 <= p.start - e <= 2 for p in people):
            continue  # the name after it is the counterpart
        country = country_context(text, s, e, gazetteer, places)  # "his Russian counterpart", "Iran's counterpart"
        if country is None:
            continue
        sentence_start = max(text.rfind(ch, 0, s) for ch in ".!?\n") + 1
        holder = None
        for ref in reversed([p for p in people if sentence_start <= p.start and p.end <= s and p.actor_key]):
            actor = gazetteer.actors.get(ref.actor_key or "")
            titles = {r.title for r in actor.roles if r.holds_on(anchor)
                      and gazetteer.resolve_role_target(r.of_name) != country} if actor is not None else set()
            holders = {h.actor_id: h for t in titles if (h := gazetteer.role_holder(t, country, anchor)) is not None}
            if not holders and titles & set(_HEAD_TITLES):
                # a head of state or government meets the other country's head: its president, else its
                # prime minister or chancellor ("the US president and his Japanese counterpart")
                for head in _HEAD_TITLES:
                    holders = {h.actor_id: h} if (h := gazetteer.role_holder(head, country, anchor)) else {}
                    if holders:
                        break
            if len(holders) == 1:
                holder = next(iter(holders.values()))
            if titles:
                break  # the nearest person with an office decides, found or not
        if holder is None:
            continue
        out.append(_holder_mention(text, s, e, holder))
        taken.append((s, e))
    return out


# "<Country>'s leader", "the <demonym> leader": one person who leads that state, not a party's or a group's leader
_STATE_LEADER = re.compile(r"(?:\b[A-Z][\w]*(?:'s|’s)|\b[Tt]he\s+[A-Z][\w]*)\s+(leader)\b(?![\w-]|\s*(?:,\s*)?[A-Z])")
_STATE_HEADS = frozenset(_HEAD_TITLES) | {canonical_title(t) for t in ("supreme leader", "king", "emir", "premier")}


def _leader_mentions(
    text: str,
    gazetteer: Gazetteer,
    places: Places,
    mentions: list[Mention],
    taken: list[tuple[int, int]],
    anchor: date | None,
) -> list[Mention]:
    """ "Russia's leader", "the Chinese leader": the person the document names who heads that state on its
    day (by the gazetteer's offices: president, prime minister, chancellor, monarch) — only when exactly one
    such person is named, since "leader" does not say which office."""
    out: list[Mention] = []
    heads: dict[str, dict[str, Mention]] = {}
    for m in mentions:
        actor = gazetteer.actors.get(m.actor_key or "") if m.actor_type == "person" else None
        for r in actor.roles if actor is not None else ():
            if r.title in _STATE_HEADS and r.holds_on(anchor):
                heads.setdefault(gazetteer.resolve_role_target(r.of_name), {}).setdefault(m.actor_key or "", m)
    if not heads:
        return out
    for lm in _STATE_LEADER.finditer(text):
        s, e = lm.span(1)
        if _overlaps(s, e, taken):
            continue
        named = heads.get(country_context(text, s, e, gazetteer, places) or "", {})
        if len(named) != 1:
            continue
        holder = gazetteer.actors.get(next(iter(named)))
        if holder is None:
            continue
        out.append(_holder_mention(text, s, e, holder))
        taken.append((s, e))
    return out


def _role_stands_alone(text: str, s: int, e: int, people: list[Mention]) -> bool:
    """Whether the role noun at s:e refers on its own: not a title carried by a name next to it, and
    not a generic role ("president of the company")."""
    following = text[e : e + 60]
    # A title before a name ("President Vladimir Putin", "Iranian counterpart Abbas Araghchi")
    # or in apposition ("Iran's foreign minister, Abbas Araqchi,") is carried by the name.
    if any(
        p.start - e in range(0, 3) or (0 <= p.start - e <= 4 and text[e : p.start].strip() in (",", ""))
        for p in people
    ):
        return False
    if re.match(r"\s*(?:,\s*)?[A-Z][a-z]+\s+[A-Z]", following) and not re.match(
        r"\s+(?:of|to|in|on|at|for)\b", following
    ):
        return False
    if any(
        0 <= s - p.end <= 30
        and re.fullmatch(r"\s*,\s*(?:(?:the\s+)?[A-Z][\w]*(?:'s|’s)?\s+)?", text[p.end : s])
        for p in people
    ):
        return False  # "Abbas Araghchi, Iran's foreign minister" — preceding apposition
    # "president of the company", generic
    return not re.match(r"\s+of\s+(?:the\s+|a\s+)?[a-z]", following)


def _role_holder(
    text: str,
    s: int,
    e: int,
    title: str,
    gazetteer: Gazetteer,
    places: Places,
    mentions: list[Mention],
    people: list[Mention],
    weights: Counter[str],
    anchor: date | None,
) -> GazetteerActor | None:
    """The gazetteer holder of the role `title` at s:e: of the country in the phrase, else of the
    organization named just before it, else — after "the" — of the document's country context."""
    target = country_context(text, s, e, gazetteer, places)
    if target is None:
        # "Kremlin spokesman": the role of an organization named just before it.
        prev = [m for m in mentions if 0 <= s - m.end <= 2 and m.actor_type == "organization" and m.actor_key]
        if prev:
            target = prev[-1].actor_key
    if target is None and re.search(r"\b(?:his|her)\s+$", text[max(0, s - 5) : s], re.I):
        # "<Leader> … his foreign minister": the office in the country of the person the pronoun stands for,
        # the last one named before it (not when that one holds the office: "his" is then someone else's)
        before = [p for p in people if p.end <= s and p.country_code]
        if before and (code := before[-1].country_code):
            holder = gazetteer.role_holder(title, code, anchor)
            return holder if holder is not None and holder.actor_id != before[-1].actor_key else None
    holder = gazetteer.role_holder(title, target, anchor) if target else None
    if holder is None and target is None and re.search(r"\bthe\s+$", text[max(0, s - 5) : s], re.I):
        # "the Supreme Leader" with no country in the phrase: the document's country context.
        nearby = Counter(weights)
        for p in people:
            if p.end <= s and p.country_code:
                nearby[p.country_code] += 1
        for cc, _ in nearby.most_common():
            holder = gazetteer.role_holder(title, cc, anchor)
            if holder:
                break
        if holder is None and canonical_title(title) in _SOLE_OFFICES and (sole := gazetteer.sole_target(title)):
            holder = gazetteer.role_holder(title, sole, anchor)  # "the pope": an office of one see only
    return holder


# offices there is one of in the world: "the pope" needs no country named
_SOLE_OFFICES = frozenset({"pope"})
