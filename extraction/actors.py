"""Actor mentions: gazetteer aliases, transliteration variants, statistical NER (new people and
organizations), surnames after a first full mention, and role references resolved through the
gazetteer's role column plus country context ("Iran's foreign minister", "the Supreme Leader")."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from extraction.gazetteer import ROLE_SYNONYMS, Gazetteer, Places
from extraction.model import Mention
from extraction.names import LEADING_PERSON_TITLES, same_name

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
_MINISTRY = re.compile(
    r"\b(?P<country>[A-Z][\w]+?)(?:'s|’s)?\s+(?P<kind>foreign|defen[cs]e|interior|finance|economy|energy|oil|trade|justice|health)\s+ministry\b"
)
_ROLE_TERMS = sorted(ROLE_SYNONYMS, key=len, reverse=True)
_ROLE = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in _ROLE_TERMS) + r")(?![\w-])", re.I)
_CAP_WORD = re.compile(r"\b[A-Z][\w'’-]+")


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
    """All actor mentions of one document body. `blocked` spans (URLs, outlet names) hold none."""
    mentions: list[Mention] = []
    for m in gazetteer.find(text):
        if _overlaps(m.start, m.end, blocked):
            continue
        start, surface = m.start, m.text
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
        exact = surface == m.actor.canonical_name
        mentions.append(
            Mention(
                start,
                m.end,
                surface,
                m.actor.actor_id,
                m.actor.canonical_name,
                m.actor.actor_type,
                m.actor.country_code,
                "gazetteer" if exact else "alias",
                0.95 if exact else 0.9,
            )
        )
    taken = [(m.start, m.end) for m in mentions] + blocked
    place_spans = [(s, e) for s, e, _ in places.find(text)]

    # Transliteration variants of gazetteer people ("Sergei Lavrov" when the seed says "Sergey").
    caps = [_strip_possessive(text, m.start(), m.end()) for m in _CAP_WORD.finditer(text)]
    for i, (s, e) in enumerate(caps):
        # Two adjacent capitalized words (first name + surname), else the single word.
        windows = [(s, caps[i + 1][1])] if i + 1 < len(caps) and text[e : caps[i + 1][0]] == " " else []
        windows.append((s, e))
        actor = None
        for ws, we in windows:
            if not _overlaps(ws, we, taken):
                actor = gazetteer.person_by_spelling(text[ws:we])
                if actor:
                    s, e = ws, we
                    break
        if actor:
            mentions.append(
                Mention(
                    s,
                    e,
                    text[s:e],
                    actor.actor_id,
                    actor.canonical_name,
                    "person",
                    actor.country_code,
                    "alias",
                    0.8,
                )
            )
            taken.append((s, e))

    # Statistical NER: people the gazetteer lacks become new actors; organizations only with an
    # organizational head word.
    new_people: dict[str, str] = {}  # surname → full name
    for ent in sorted(entities, key=lambda x: x.start):
        s, e = _strip_possessive(text, ent.start, ent.end)
        span = text[s:e]
        tm = LEADING_PERSON_TITLES.match(span)
        if tm:
            s += tm.end()
            span = text[s:e]
        if s >= e or _overlaps(s, e, taken) or _overlaps(s, e, place_spans):
            continue
        if ent.label == "PERSON":
            if re.search(r"\bSt\.?\s+$|\bSaint\s+$", text[max(0, s - 7) : s]):
                continue  # "Order of St. Andrew": a saint in a name, not an actor
            if text[s - 1 : s] in ("–", "—", "-") or text[e : e + 1] in ("–", "—", "-"):
                continue  # "Rasht–Astara railway": a route or compound, not a person
            words = span.split()
            if not words or not all(w[:1].isupper() for w in words if w.isalpha() and len(w) > 3):
                continue
            actor = gazetteer.person_by_spelling(span)
            if actor:
                mentions.append(
                    Mention(
                        s,
                        e,
                        span,
                        actor.actor_id,
                        actor.canonical_name,
                        "person",
                        actor.country_code,
                        "alias",
                        0.8,
                    )
                )
            elif len(words) == 1 and words[0] in new_people:
                full = new_people[words[0]]
                mentions.append(Mention(s, e, span, None, full, "person", None, "surname", 0.75))
            else:
                if len(words) > 1:
                    new_people.setdefault(words[-1], span)
                mentions.append(
                    Mention(s, e, span, None, span, "person", None, "ner", 0.7 if len(words) > 1 else 0.55)
                )
            taken.append((s, e))
        elif ent.label == "ORG":
            span = re.sub(r"^(?:the|The)\s+", "", span)
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
                continue
            words = [w.casefold() for w in re.findall(r"[\w]+", span)]
            # Only names headed by an organizational word: acronyms and other capitalized spans of this
            # model are as often headings, regions or products (tried on the gold set: net loss).
            if not words or words[-1] in _NOT_ACTOR_HEADS or not (set(words) & _ORG_HEADS):
                continue
            if gazetteer.by_alias(span):
                continue
            mentions.append(Mention(s, e, span, None, span, "organization", None, "ner", 0.6))
            taken.append((s, e))

    # Ministries named by country and portfolio ("the Iranian foreign ministry").
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
        mentions.append(
            Mention(mm.start(), mm.end(), span, None, span, "organization", code, "pattern", 0.65)
        )
        taken.append((mm.start(), mm.end()))

    # Surnames of new people after their first full mention.
    for surname, full in new_people.items():
        first = min(m.start for m in mentions if m.actor_name == full)
        for sm in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
            if sm.start() > first and not _overlaps(sm.start(), sm.end(), taken):
                mentions.append(
                    Mention(sm.start(), sm.end(), surname, None, full, "person", None, "surname", 0.7)
                )
                taken.append(sm.span())

    # A country named inside a new organization's name ("Russia-Iran Business Council") is part of it.
    new_orgs = [(m.start, m.end) for m in mentions if m.actor_type == "organization" and m.actor_key is None]
    mentions = [
        m
        for m in mentions
        if not (m.actor_type == "country" and any(a <= m.start and m.end <= b for a, b in new_orgs))
    ]
    mentions.extend(_role_mentions(text, gazetteer, places, mentions, taken, anchor))
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions


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
        if _overlaps(s, e, taken):
            continue
        following = text[e : e + 60]
        # A title before a name ("President Vladimir Putin", "Iranian counterpart Abbas Araghchi")
        # or in apposition ("Iran's foreign minister, Abbas Araqchi,") is carried by the name.
        if any(
            p.start - e in range(0, 3) or (0 <= p.start - e <= 4 and text[e : p.start].strip() in (",", ""))
            for p in people
        ):
            continue
        if re.match(r"\s*(?:,\s*)?[A-Z][a-z]+\s+[A-Z]", following) and not re.match(
            r"\s+(?:of|to|in|on|at|for)\b", following
        ):
            continue
        if any(
            0 <= s - p.end <= 30
            and re.fullmatch(r"\s*,\s*(?:(?:the\s+)?[A-Z][\w]*(?:'s|’s)?\s+)?", text[p.end : s])
            for p in people
        ):
            continue  # "Abbas Araghchi, Iran's foreign minister" — preceding apposition
        if re.match(r"\s+of\s+(?:the\s+|a\s+)?[a-z]", following):
            continue  # "president of the company", generic
        title = rm.group(0)
        code = country_context(text, s, e, gazetteer, places)
        target = code
        if target is None:
            # "Kremlin spokesman": the role of an organization named just before it.
            prev = [
                m for m in mentions if 0 <= s - m.end <= 2 and m.actor_type == "organization" and m.actor_key
            ]
            if prev:
                target = prev[-1].actor_key
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
        if holder is None:
            continue
        out.append(
            Mention(
                s,
                e,
                text[s:e],
                holder.actor_id,
                holder.canonical_name,
                "person",
                holder.country_code,
                "role",
                0.7,
            )
        )
        taken.append((s, e))
    return out
