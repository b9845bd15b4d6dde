"""Russian meetings and agreements from the parse of the trigger's clause.

Meetings: a contact verb (встретиться, провести переговоры / встречу / телефонный разговор, посетить,
прибыть в, созвониться, обсудить с) or a contact noun heading a headline ("Встреча Путина и …"); the
participants are the verb's subject(s) and its "с X" complement, or the noun's genitive complements;
a visit's host is the country visited. Status from tense and governing verbs (held, planned,
postponed, cancelled); negated and hypothetical contacts are not meetings. Date and place come from
the clause ("в пятницу", "в Москве").

Agreements: договор, соглашение, меморандум, пакт, контракт, перемирие, сделка, совместное
заявление — named by their phrase ("договор о всеобъемлющем стратегическом партнерстве"), with the
status of the verb that governs them (подписать → signed, ратифицировать → ratified, вступить в силу →
in_force, обсуждать / согласовать → negotiated, выйти из → withdrawn, приостановить → suspended) and
the parties that sign or are named "между X и Y".
"""

from __future__ import annotations

import re
from datetime import date

from extraction.gazetteer import Gazetteer, Places
from extraction.meetings import same_contact_details, visited_country_as_place
from extraction.model import Agreement, Meeting, Mention, Participant
from extraction.russian.actors import nominative_phrase
from extraction.russian.claims import NOT_SITTING, RU_TITLES
from extraction.russian.dates import find_dates_ru
from extraction.russian.parse import RuSentence, RussianNLP, RuToken, markup_blanked
from extraction.seeds import ranks

MEETING_VERBS = {
    "встретиться": "meeting", "встречаться": "meeting", "посетить": "visit", "прибыть": "visit",
    "приехать": "visit", "созвониться": "call", "переговорить": "talks", "поговорить": "call",
    "обсудить": "talks", "обсуждать": "talks",
}
MEETING_NOUNS = {
    "встреча": "meeting", "переговоры": "talks", "переговор": "talks", "визит": "visit", "саммит": "summit",
    "разговор": "call", "беседа": "talks", "консультация": "talks",
}
# a host receiving a visitor: the object is the visitor, the subject the host; the forms that make a sentence a
# candidate for parsing (the lemma's stem, "прин-", would take every "принцип")
_RECEIVING_VERBS = frozenset(["принять", "принимать"])
RECEIVING_FORMS = ("принял", "приняла", "приняли", "принимает", "принимал", "примет")
_HOLD_VERBS = frozenset(["провести", "проводить", "состояться", "пройти", "начаться", "завершиться"])
# A contest, not a contact: "встретится на ринге с …", "встретились в финале"
_SPORT = frozenset(["ринг", "корт", "татами", "октагон", "матч", "финал", "полуфинал", "четвертьфинал", "поединок",
                    "бой", "турнир", "чемпионат", "плей-офф"])
_PLAN_VERBS = frozenset(
    ["планировать", "намереваться", "собираться", "договориться", "готовиться", "запланировать", "ожидаться", "предстоять", "анонсировать"]
)
_HYPOTHETICAL = frozenset(["мочь", "хотеть", "предложить", "допустить"])
# Verbs that put off or call off a contact named by their object ("отложил визит", "отменили встречу").
_POSTPONE_VERBS = frozenset(["отложить", "откладывать", "перенести", "переносить", "приостановить",
                             "приостанавливать", "прервать", "прерывать", "заморозить", "замораживать"])
_CANCEL_VERBS = frozenset(["отменить", "отменять"])
# Travel verbs that make a visit of a trip "с визитом" ("отправится с визитом в X"); прибыть / приехать
# are visit verbs of their own
_TRAVEL_VERBS = frozenset(["отправиться", "отправляться", "направиться", "направляться", "поехать", "съездить",
                           "прилететь", "прилетать", "вылететь", "вылетать", "отбыть", "отбывать"])
# Nouns of a post held by one person: "президент Ирана" in a meeting is that person, not Iran.
_TITLE_NOUNS = frozenset(["президент", "премьер-министр", "премьер", "министр", "глава", "посол", "лидер",
                          "руководитель", "председатель", "канцлер", "король", "эмир", "генсек", "вице-президент",
                          "пресс-секретарь", "губернатор", "мэр", "спикер", "госсекретарь", "посланник",
                          "спецпосланник", "спецпредставитель", "представитель", "советник", "помощник",
                          "заместитель", "замминистра", "вице-премьер", "генерал", "командующий", "директор",
                          "депутат", "сенатор", "принц", "аятолла"])
# Words that point at an agreement rather than name it ("новое соглашение", "действующий контракт").
_DEICTIC = frozenset(["этот", "данный", "новый", "действующий", "действовать", "нынешний", "текущий", "прежний", "тот"])
# "действующий договор": an agreement in force
# Venues a contact is held at: the place hangs on them ("на саммите в X", "на полях форума в …").
_VENUES = frozenset(["саммит", "форум", "поле", "заседание", "конференция", "встреча", "переговоры", "визит"])
# A talk "с журналистом" is an interview, not a diplomatic contact.
# Plural nouns and pronouns that take up the parties of a contact just reported ("Путин и Си провели
# переговоры. Лидеры обсудили …"): a contact whose subject is one of them is between those parties.
_GROUP_ANAPHORS = frozenset(["политик", "лидер", "сторона", "собеседник", "они", "оба", "обе", "президент",
                             "глава", "министр", "премьер", "делегация"])
# Person-group words: they take up persons only, and no other person may be named in between.
_PERSON_ANAPHORS = frozenset(["политик", "лидер", "собеседник", "президент", "глава", "министр", "премьер"])
# How many sentences back the reported contact an anaphor takes up may be.
_ANAPHOR_REACH = 3
_PRESS = frozenset(["журналист", "корреспондент", "издание", "газета", "агентство", "телеканал", "радио", "журнал",
                    "блогер", "ведущий", "ведущая", "интервьюер", "репортер", "журналистка", "телеведущий"])
AGREEMENT_NOUNS = {
    "договор": "treaty", "соглашение": "agreement", "меморандум": "memorandum", "пакт": "pact",
    "контракт": "contract", "перемирие": "ceasefire", "сделка": "deal", "декларация": "statement",
}
AGREEMENT_STATUS_VERBS = {
    "подписать": "signed", "подписывать": "signed", "заключить": "signed", "ратифицировать": "ratified",
    "ратифицироваться": "ratified", "обсуждать": "negotiated", "обсудить": "negotiated",
    "согласовать": "negotiated", "согласовывать": "negotiated", "разработать": "negotiated",
    "выйти": "withdrawn", "приостановить": "suspended", "денонсировать": "withdrawn", "предложить": "proposed",
}


def _mention_at(mentions: list[Mention], tok: RuToken) -> Mention | None:
    return next((m for m in mentions if m.start <= tok.start < m.end), None)


def _head_mentions(sent: RuSentence, h: RuToken, mentions: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """(chosen, found): the actor one participant phrase names — its own mention or its appositive
    name, a person first — and every mention of the phrase's head and complements."""
    group = [h, *sent.children(h, "appos", "flat", "nmod")]
    found = [m for t in group if (m := _mention_at(mentions, t)) is not None]
    people = [m for m in found if m.actor_type == "person"]
    return people[:1] or [m for m in found if _mention_at(mentions, h) is m][:1] or found[:1], found


def _phrase_mentions(sent: RuSentence, tok: RuToken, mentions: list[Mention]) -> list[Mention]:
    """Actors named by a participant phrase: the token's own mention, its appositive names, and the
    conjuncts ("Путин и Пезешкиан")."""
    return [m for h in [tok, *sent.children(tok, "conj")] for m in _head_mentions(sent, h, mentions)[0]]


def _participant_mentions(sent: RuSentence, tok: RuToken, mentions: list[Mention], gazetteer: Gazetteer,
                          anchor: date | None) -> list[Mention]:
    """Meeting participants of a phrase. A title with its state and no name ("президент Ирана", "глава
    МИД Ирана") is the person who held that post on the day (the gazetteer's role holder), never the
    state itself: a state stands in for its leader in no meeting; unknown holders are left out."""
    out: list[Mention] = []
    # conjuncts past a full stop are the parser gluing two sentences, not one party phrase
    heads = [tok, *(c for c in sent.children(tok, "conj") if not any(
        t.text in (".", "!", "?") for t in sent.tokens[min(tok.index, c.index):max(tok.index, c.index)]))]
    for h in heads:
        chosen, found = _head_mentions(sent, h, mentions)
        if len(heads) > 1 and h is tok:
            # "лидер X Имя1 и министр Y Имя2": the parser may hang both names on the first title; a name
            # after a later conjunct is that conjunct's
            later = min(c.index for c in heads[1:])
            names = [m for a in sent.children(tok, "appos") if a.index < later
                     and (m := _mention_at(mentions, a)) is not None and m.actor_type == "person"]
            chosen = names[:1] or chosen
        elif h is not tok and not any(m.actor_type == "person" for m in chosen):
            # the name right after the conjunct's own phrase ("… и министр обороны Y Имя2")
            phrase_end = max(t.index for t in sent.subtree(h))
            names = [m for a in sent.children(tok, "appos") if a.index == phrase_end + 1
                     and (m := _mention_at(mentions, a)) is not None and m.actor_type == "person"]
            if names:
                out.append(names[0])
                continue
        if h.pos != "NOUN" or h.lemma not in _TITLE_NOUNS or _mention_at(mentions, h) is not None or any(
                m.actor_type == "person" for m in chosen):
            out += chosen
            continue
        lemmas = {t.lemma for t in sent.subtree(h)}
        if NOT_SITTING & {t.lemma for t in sent.tokens if t.head == h.index}:
            out += chosen
            continue  # "избранный президент": not the holder of the day
        title = next((canonical for key, canonical in RU_TITLES.items() if key[0] == h.lemma
                      and all(k in lemmas for k in key)), None)
        owner = next((m for m in found if m.actor_type in ("country", "organization") and m.country_code), None)
        holder = gazetteer.role_holder(title, owner.country_code or "", anchor) if title and owner else None
        if holder is not None:
            out.append(Mention(h.start, h.end, h.text, holder.actor_id, holder.canonical_name, "person",
                               holder.country_code, "role", 0.6))
    return out


def _negated(sent: RuSentence, tok: RuToken) -> bool:
    return any(t.lemma == "не" for t in sent.children(tok))


def _place(sent: RuSentence, verb: RuToken, mentions: list[Mention], places: Places,
           place_codes: dict[tuple[str, ...], str], trigger: RuToken | None = None) -> tuple[str | None, str | None]:
    """Where the contact took place: "в/во + a city or country in the locative" attached to the verb,
    to the contact noun ("переговоры в Москве"), or to a venue word of the clause ("на саммите в X")."""
    candidates = sent.children(verb, "obl", "nmod")
    if trigger is not None and trigger is not verb:
        candidates += sent.children(trigger, "nmod", "obl")
    # "встретился с X в Тегеране": the parser hangs the place on the counterpart
    candidates += [c for o in list(candidates) if o.case == "Ins" and any(x.lemma in ("с", "со") for x in sent.children(o, "case"))
                   for c in sent.children(o, "nmod")]
    if verb.lemma in _RECEIVING_VERBS:  # "принял X в <городе>" (not "обсудил ситуацию в <стране>": a topic's place)
        candidates += [c for o in sent.children(verb, "obj") for c in sent.children(o, "nmod")]
    frontier = list(candidates)
    for _ in range(2):  # "на полях саммита … в Лиме": the venue's own complements, two levels down
        frontier = [c for venue in frontier if venue.lemma in _VENUES for c in sent.children(venue, "nmod", "obl")]
        candidates += frontier
    where = _where_clause_place(sent, verb)
    if where is not None:
        candidates.append(where)  # "прибыл в <город>, где встретился с X": the place of the arrival
    for obl in candidates:
        if (obl.case != "Loc" and not (obl is where and obl.case == "Acc")) \
                or not any(c.lemma in ("в", "во") for c in sent.children(obl, "case")):
            continue
        code = place_codes.get((obl.lemma,))
        if code:
            return obl.lemma[:1].upper() + obl.lemma[1:], code
        m = _mention_at(mentions, obl)
        if m is not None and m.actor_type == "country":
            return m.actor_name, m.country_code
        if m is not None and m.actor_type == "organization" and m.country_code and m.actor_key:
            return m.actor_name, m.country_code  # "в Кремле": the seat of a state body
    return None, None


def find_meetings_ru(text: str, sentences: list[RuSentence], mentions: list[Mention], agreements: list[Agreement],
                     gazetteer: Gazetteer, places: Places, place_codes: dict[tuple[str, ...], str],
                     anchor: date | None) -> list[Meeting]:
    out: list[Meeting] = []
    for si, sent in enumerate(sentences):
        told: set[frozenset[str]] = set()  # the participant sets of the sentence's contacts so far
        for tok in sent.tokens:
            mtype, verb = _trigger(sent, tok)
            if mtype is None or verb is None:
                continue
            status = _status(sent, verb, tok)
            if status is None:
                continue
            if any(t.lemma in _PRESS and any(c.lemma in ("с", "со") for c in sent.children(t, "case"))
                   for t in sent.subtree(verb)) or any(s.lemma in _PRESS for s in sent.children(verb, "nsubj")):
                continue  # "в беседе с журналистом", "ведущая поговорила с министром": an interview
            if any(t.lemma in _SPORT for t in sent.children(verb, "obl") + sent.children(tok, "nmod")):
                continue  # "встретится на ринге с X": a bout
            parts: list[tuple[Mention, str]] = []
            if tok.pos == "NOUN":
                # "встреча Путина и Пезешкиана": the contact noun's genitive complements (no preposition)
                for c in sent.children(tok, "nmod"):
                    if c.case == "Ins" and any(x.lemma == "между" for x in sent.children(c, "case")):
                        # "переговоры между X и Y": the two sides
                        parts += [(m, "participant") for m in _participant_mentions(sent, c, mentions, gazetteer, anchor)]
                    if c.case == "Gen" and not sent.children(c, "case"):
                        parts += [(m, "visitor" if mtype == "visit" else "participant")
                                  for m in _participant_mentions(sent, c, mentions, gazetteer, anchor)]
            # "отменил встречу X и Y", "Z заявил после встречи X с Y": who calls off a contact of others, or
            # speaks of it, is not a party to it
            others = (verb.lemma in _POSTPONE_VERBS | _CANCEL_VERBS or _framing_verb(sent, tok) is verb) and bool(parts)
            if not (tok.pos == "NOUN" and verb is tok) and not others:
                receiving = verb.lemma in _RECEIVING_VERBS
                for subj in sent.children(verb, "nsubj") or _dropped_subject(sent, verb):
                    if _group_word(sent, subj):
                        continue  # "политики", "стороны": they name no one here (the tagger may take one for a name)
                    parts += [(m, "host" if receiving else "visitor" if mtype == "visit" else "participant")
                              for m in _participant_mentions(sent, subj, mentions, gazetteer, anchor)]
                if receiving:
                    parts += [(m, "visitor") for o in sent.children(verb, "obj")
                              for m in _participant_mentions(sent, o, mentions, gazetteer, anchor)]
            for obl in sent.children(verb, "obl", "nmod") + (sent.children(tok, "nmod") if tok is not verb else []):
                if any(c.lemma == "с" for c in sent.children(obl, "case")) and obl.case == "Ins":
                    parts += [(m, "participant") for m in _participant_mentions(sent, obl, mentions, gazetteer, anchor)]
            if tok.pos == "NOUN" and mtype == "talks":
                # "переговоры о вступлении в ЕС": the body joined is the other side of accession talks
                for c in sent.children(tok, "nmod"):
                    if c.lemma == "вступление":
                        parts += [(m, "participant") for x in sent.children(c, "nmod")
                                  if any(k.lemma in ("в", "во") for k in sent.children(x, "case"))
                                  and (m := _mention_at(mentions, x)) is not None
                                  and m.actor_type in ("organization", "country")]
            loc_name, loc_code = _place(sent, verb, mentions, places, place_codes, tok)
            if mtype == "visit":
                for obj in sent.children(verb, "obj") + sent.children(verb, "obl") + sent.children(tok, "nmod"):
                    m = _mention_at(mentions, obj)
                    if m is not None and m.actor_type == "country" and (obj.case in ("Acc", "Loc") or obj is not None):
                        if any(c.lemma in ("в", "во") for c in sent.children(obj, "case")) or obj.rel == "obj":
                            parts.append((m, "host"))
                    elif obj.case == "Acc" and (obj.rel == "obj" or any(c.lemma in ("в", "во") for c in sent.children(obj, "case"))) \
                            and (obj.lemma,) in place_codes:
                        # "посетил Тегеран", "прибыл в Астану": the city's country hosts, the city is the place
                        host = gazetteer.country(place_codes[(obj.lemma,)])
                        if host is not None:
                            parts.append((Mention(obj.start, obj.end, obj.text, host.actor_id, host.canonical_name,
                                                  "country", host.country_code, "place", 0.7), "host"))
                            if loc_name is None and loc_code is None:
                                loc_name, loc_code = obj.lemma[:1].upper() + obj.lemma[1:], host.country_code
                if loc_code and not any(r == "host" for _, r in parts):
                    host = gazetteer.country(loc_code)
                    if host is not None and not any(m.country_code == loc_code and m.actor_type == "country"
                                                    for m, _ in parts):
                        parts.append((Mention(verb.start, verb.end, verb.text, host.actor_id, host.canonical_name,
                                              "country", host.country_code, "place", 0.6), "host"))
            # a state beside its own leader is the leader's affiliation, not another participant
            person_countries = {m.country_code for m, _ in parts if m.actor_type == "person" and m.country_code}
            parts = [(m, r) for m, r in parts
                     if not (m.actor_type == "country" and r == "participant" and m.country_code in person_countries)]
            seen: dict[str, Participant] = {}
            for m, role in parts:
                if m.identity not in seen:
                    seen[m.identity] = Participant(m.actor_key, m.actor_name, m.actor_type, role, m.start, m.end)
            antecedent = None
            if not parts:
                antecedent = _antecedent(sent, tok, verb, out, mentions, sentences[max(0, si - _ANAPHOR_REACH)].start)
                if antecedent is not None:
                    seen = {p.identity: Participant(p.actor_key, p.actor_name, p.actor_type, p.role, p.start, p.end)
                            for p in antecedent.participants}
            if len(seen) < 2 or frozenset(seen) in told:
                continue  # (one contact told by two words of a sentence: "на встрече … обсудили")
            told.add(frozenset(seen))
            clause = sent.subtree(verb)
            s, e = min(t.start for t in clause), max(t.end for t in clause)
            dates = [d for d in find_dates_ru(text[sent.start:sent.end], anchor, future=status == "planned")
                     if d.value is not None and d.precision == "day"]
            when = dates[0] if dates else None
            agreement_index = next((a.index for a in agreements if any(sent.start <= ms < sent.end
                                                                        for ms, _ in a.mentions)), None)
            confidence = 0.7 if all(p.actor_key for p in seen.values()) else 0.55
            meeting = Meeting(
                s, e, "signing" if agreement_index is not None and mtype == "meeting" else mtype, status,
                when.value if when else None, when.precision if when else "unknown", when.text if when else None,
                loc_name, loc_code, list(seen.values()), agreement_index, confidence,
            )
            if antecedent is not None and antecedent.status == status:
                # the same contact told again: its kind, and its day and place unless this clause gives them
                meeting.meeting_type = antecedent.meeting_type
                if meeting.meeting_date is None:
                    meeting.meeting_date, meeting.date_precision = antecedent.meeting_date, antecedent.date_precision
                if meeting.location_name is None:
                    meeting.location_name = antecedent.location_name
                    meeting.location_country_code = antecedent.location_country_code
            out.append(meeting)
    # a post that tells one contact twice ("X и Y встретились в <городе> … после встречи с Y"): the report with no
    # place or day takes them from its other reports of the same pair (the English rule, one owner)
    same_contact_details(out, gazetteer)
    visited_country_as_place(out, gazetteer)
    return out


def _dropped_subject(sent: RuSentence, verb: RuToken) -> list[RuToken]:
    """The subject a "что" clause leaves out because it is the reporting verb's: "Путин сообщил, что
    встретится с X" — the clause's verb agrees with that subject in number (and gender in the past)."""
    head = sent.head_of(verb)
    where = _where_clause_place(sent, verb)
    if where is not None:
        head = sent.head_of(where)  # "X прибыл в <город>, где встретился с Y": the arrival's subject meets Y
        if head is None or head.pos != "VERB" or verb.feats.get("VerbForm") != "Fin":
            return []
    elif verb.rel != "ccomp" or head is None or head.pos != "VERB" or not any(
            c.lemma == "что" for c in sent.children(verb, "mark")) or verb.feats.get("VerbForm") != "Fin":
        return []
    subjects = sent.children(head, "nsubj")
    if len(subjects) != 1 or verb.feats.get("Person") in ("1", "2"):
        return []
    subj = subjects[0]
    if sent.children(subj, "conj") or subj.feats.get("Number") != verb.feats.get("Number") or (
            verb.feats.get("Gender") and subj.feats.get("Gender") != verb.feats.get("Gender")):
        return []
    return subjects


def _where_clause_place(sent: RuSentence, verb: RuToken) -> RuToken | None:
    """The place a "где" clause hangs on ("прибыл в <город>, где встретился …"): the noun it modifies."""
    if not verb.rel.startswith("acl") or not any(c.lemma == "где" for c in sent.children(verb, "advmod")):
        return None
    return sent.head_of(verb)


def _group_word(sent: RuSentence, tok: RuToken) -> bool:
    """A plural word for parties named elsewhere ("политики", "стороны", "они", "оба лидера"), with no
    complement of its own naming them ("лидеры стран ЕС")."""
    # "главы двух стран", "лидеры государств": the states are the ones named before, not new parties
    own = [c for c in sent.children(tok, "nmod") if not (c.lemma in ("страна", "государство") and c.feats.get(
        "Number") == "Plur" and all(x.lemma in ("два", "оба", "обе") for x in sent.children(c)))]
    return (tok.lemma in ("оба", "обе") or (tok.lemma in _GROUP_ANAPHORS and tok.feats.get("Number") == "Plur") or any(
        c.lemma in ("оба", "обе") for c in sent.children(tok))) and not own and not sent.children(
        tok, "appos", "flat", "conj")


def _antecedent(sent: RuSentence, tok: RuToken, verb: RuToken, found: list[Meeting], mentions: list[Mention],
                reach: int) -> Meeting | None:
    """The contact reported just before that a clause naming no party tells again: its subject is a group
    word for the parties ("политики", "лидеры", "стороны", "они", "оба"), or it is the contact noun itself
    with nothing attached ("беседа состоялась в четверг", "переговоры прошли в Москве"). The antecedent is
    the document's last contact before the clause, at most a few sentences back, with no other person
    named in between (else the group word may be theirs)."""
    subjects = sent.children(verb, "nsubj") if verb.pos != "NOUN" else []
    group = next((s for s in subjects if _group_word(sent, s)), None)
    bare_noun = tok.pos == "NOUN" and tok.rel in ("nsubj", "nsubj:pass") and verb.lemma in _HOLD_VERBS and not \
        sent.children(tok, "nmod", "appos", "flat", "acl") and all(
        c.lemma in ("телефонный", "двусторонний") for c in sent.children(tok, "amod"))
    if group is None and not bare_noun:
        return None
    before = [m for m in found if reach <= m.start and m.end <= sent.start and len(m.participants) >= 2]
    if not before:
        return None
    prior = before[-1]
    if group is not None and group.lemma in _PERSON_ANAPHORS and any(p.actor_type != "person" for p in prior.participants):
        return None
    theirs = {p.identity for p in prior.participants}
    if any(m.actor_type == "person" and m.identity not in theirs and prior.end <= m.start < tok.start for m in mentions):
        return None
    return prior


def _with_party(sent: RuSentence, tok: RuToken) -> bool:
    return any(any(c.lemma in ("с", "со") for c in sent.children(o, "case")) and o.case == "Ins"
               for o in sent.children(tok, "nmod"))


def _framing_verb(sent: RuSentence, tok: RuToken) -> RuToken | None:
    """The verb a contact "с X" is the time of: "заявил после встречи с X", "на переговорах с X
    предложил", "в телефонном разговоре с X сказал", "в ходе / по итогам переговоров с X" — whoever does
    the verb took part in the contact, which has then happened (or will have, for a verb in the future)."""
    if not _with_party(sent, tok) or tok.rel not in ("obl", "nmod"):
        return None
    head = sent.head_of(tok)
    preps = {c.lemma for c in sent.children(tok, "case")} | {
        f.lemma for c in sent.children(tok, "case") for f in sent.children(c, "fixed")}
    if head is not None and head.pos == "NOUN" and head.lemma in ("итог", "ход", "время", "окончание", "завершение") \
            and tok.case == "Gen" and head.rel == "obl":
        # "по итогам переговоров с X", "во время встречи с X" (when the parser hangs the noun on "время")
        preps = {c.lemma for c in sent.children(head, "case")} | {head.lemma}
        head = sent.head_of(head)
    if head is None or head.pos != "VERB":
        return None
    after = "после" in preps and tok.case == "Gen"
    during = preps & {"в", "во", "на"} and (tok.case == "Loc" or (tok.case == "Gen" and preps & {"ход", "время"}))
    result = "по" in preps and "итог" in preps
    return head if after or during or result else None


def _trigger(sent: RuSentence, tok: RuToken) -> tuple[str | None, RuToken | None]:
    """(meeting type, the verb whose clause holds the participants) of a trigger token."""
    if tok.pos == "VERB" and tok.lemma in ("подписать", "подписывать") and any(
            c.lemma in AGREEMENT_NOUNS for c in sent.children(tok, "obj")) and any(
            sent.children(subj, "conj") for subj in sent.children(tok, "nsubj")):
        return "signing", tok  # "Путин и Пезешкиан подписали договор": the signing is a contact of the signers
    if tok.pos == "VERB" and tok.lemma in _RECEIVING_VERBS:
        # "Путин принял в Кремле президента Ирана": a host received a person (not "принял закон", "принял участие",
        # nor the subjectless "приняли с поличным" of an arrest)
        obj = sent.children(tok, "obj")
        if obj and sent.children(tok, "nsubj") and obj[0].case in ("Acc", "Gen") and obj[0].pos in ("PROPN", "NOUN") and (
                obj[0].pos == "PROPN" or obj[0].lemma in _TITLE_NOUNS):
            return "visit", tok
        return None, None
    if tok.pos == "VERB" and tok.lemma in MEETING_VERBS:
        if tok.lemma in ("прибыть", "приехать") and not any(
                any(c.lemma in ("в", "во") for c in sent.children(o, "case")) for o in sent.children(tok, "obl")):
            return None, None
        if tok.lemma == "поговорить" and "телефон" not in {t.lemma for t in sent.subtree(tok)}:
            return "talks", tok
        if tok.lemma in ("обсудить", "обсуждать") and not any(
                any(c.lemma in ("с", "со") for c in sent.children(o, "case")) and o.case == "Ins"
                for o in sent.children(tok, "obl", "nmod")) and not any(
                sent.children(subj, "conj") or _group_word(sent, subj) for subj in sent.children(tok, "nsubj")):
            return None, None  # "обсудить" is a contact only with someone: "обсудил с X", "X и Y обсудили", "лидеры обсудили"
        if any(c.lemma in ("телефон", "телефонный") for c in sent.subtree(tok) if c.head == tok.index
               or sent.head_of(c) in sent.children(tok)):
            return "call", tok  # "обсудил по телефону с X"
        return MEETING_VERBS[tok.lemma], tok
    if tok.pos == "NOUN" and tok.lemma in MEETING_NOUNS:
        mtype = MEETING_NOUNS[tok.lemma]
        if tok.lemma == "разговор" and not any(t.lemma in ("телефонный", "телефон") for t in sent.subtree(tok)):
            return None, None
        head = sent.head_of(tok)
        if tok.rel == "obj" and head is not None and head.lemma in _HOLD_VERBS | _POSTPONE_VERBS | _CANCEL_VERBS | {
                "провести", "начать"}:
            return mtype, head
        if tok.rel in ("nsubj", "nsubj:pass") and head is not None and head.lemma in _HOLD_VERBS:
            return mtype, head
        if tok.rel == "root" or tok.head < 0:
            return mtype, tok  # a headline: "Встреча Путина и Пезешкиана в Кремле"
        verb = _framing_verb(sent, tok)
        if verb is not None:
            return mtype, verb
        if tok.rel in ("obl", "nmod") and tok.case == "Loc" and head is not None and head.pos == "VERB" \
                and {c.lemma for c in sent.children(tok, "case")} & {"в", "во", "на"} \
                and any(sent.children(subj, "conj") for subj in sent.children(head, "nsubj")):
            return mtype, head  # "X и Y в телефонном разговоре обсудили …": the coordinated subjects are its sides
        if tok.lemma == "визит" and tok.rel == "obl" and tok.case == "Ins" and head is not None and head.lemma in (
                _TRAVEL_VERBS) and any(c.lemma in ("с", "со") for c in sent.children(tok, "case")):
            return mtype, head  # "отправится с визитом в X": the traveller visits X
        if tok.lemma == "визит" and any(c.case == "Gen" and not sent.children(c, "case") for c in sent.children(tok, "nmod")) \
                and any(any(x.lemma in ("в", "во") for x in sent.children(c, "case")) for c in sent.children(tok, "nmod")):
            return mtype, tok  # "после визита главы X в страну Y": whose visit, and where to
    return None, None


# a contact told of as alleged or possible: not reported as having happened
# (the tagger lemmatises the participle "предполагаемый" to its verb)
_UNCONFIRMED = frozenset(["предполагаемый", "предполагать", "возможный", "гипотетический", "потенциальный", "мнимый"])


def _status(sent: RuSentence, verb: RuToken, trigger: RuToken) -> str | None:
    if _negated(sent, verb) or _negated(sent, trigger):
        return None
    if _conditional(sent, verb):
        return None  # "приедет, если приглашение поступит", "если приедет, …": a contact on a condition
    head = sent.head_of(verb)
    chain = [h for h in (head, sent.head_of(head) if head else None) if h is not None]
    if verb.lemma in _POSTPONE_VERBS | _CANCEL_VERBS:
        # "отложил визит", "отменили встречу": only a reported act, not a proposal or a refusal to do it
        if verb.feats.get("VerbForm") == "Inf" or any(t.lemma == "бы" for t in sent.children(verb)) or any(
                h.lemma in _HYPOTHETICAL or _negated(sent, h) for h in chain):
            return None
        return "postponed" if verb.lemma in _POSTPONE_VERBS else "cancelled"
    for h in chain:
        if h.lemma in ("отложить", "перенести"):
            return "postponed"
        if h.lemma in ("отменить",):
            return "cancelled"
        if h.lemma in _HYPOTHETICAL or _negated(sent, h):
            return None
        if h.lemma in _PLAN_VERBS:
            return "planned"
    if verb.pos == "NOUN":
        if any(t.lemma in ("предстоящий", "будущий", "запланированный") for t in sent.children(verb, "amod")):
            return "planned"
        if any(t.lemma in _UNCONFIRMED for t in sent.children(verb, "amod")) \
                or any(t.lemma == "якобы" for t in sent.subtree(verb) if t.index < verb.index):
            return None  # "о предполагаемом телефонном разговоре", "якобы состоявшейся встрече": alleged, not reported
        return "held"
    if verb.feats.get("VerbForm") == "Inf":
        return None  # "встретиться" under an unlisted verb: not a reported contact
    if verb.lemma == "встречаться" and verb.feats.get("Tense") == "Pres":
        return None  # "встречается с …": a habit or a relationship, not one contact
    if verb.feats.get("Tense") == "Fut" or any(t.lemma == "быть" and t.feats.get("Tense") == "Fut"
                                                for t in sent.children(verb, "aux")):
        return "planned"
    if any(t.lemma == "бы" for t in sent.children(verb)):
        return None
    return "held"


def _conditional(sent: RuSentence, verb: RuToken) -> bool:
    """The verb is a condition ("если X приедет") or depends on one ("приедет, если …")."""
    if any(t.lemma in ("если", "ежели") for t in sent.children(verb, "mark")):
        return True
    return any(any(m.lemma in ("если", "ежели") for m in sent.children(c, "mark")) for c in sent.children(verb, "advcl"))


# nouns through which a verb's subject still acts on the agreement ("X настаивает на подписании соглашения с Y",
# "X снижает пошлины в рамках соглашения с Y"): its subject is a side; through any other noun ("X назвал историю
# вокруг сделки с Y …") it is not
_AGREEMENT_FRAME_NOUNS = frozenset(["заключение", "подписание", "ратификация", "продление", "выполнение",
                                    "соблюдение", "реализация", "рамка", "разработка", "обсуждение", "подготовка"])


def _agreement_status(sent: RuSentence, verb: RuToken | None, tok: RuToken) -> str | None:
    """The status the governing verb gives, "planned" for a signing announced or in the future, None
    for a hypothetical or conditional agreement (not a report of one)."""
    if verb is None:
        return "unknown"
    if any(t.lemma == "бы" for t in sent.children(verb)) or any(
            h.lemma in _HYPOTHETICAL for h in [sent.head_of(verb)] if h is not None):
        return None
    if verb.lemma == "вступить" and any(t.lemma == "сила" for t in sent.children(verb)):
        return "in_force"
    if verb.lemma not in AGREEMENT_STATUS_VERBS or _negated(sent, verb):
        return "unknown"
    status = AGREEMENT_STATUS_VERBS[verb.lemma]
    if verb.lemma == "выйти" and not any(c.lemma == "из" for c in sent.children(tok, "case")):
        return "unknown"
    if status in ("signed", "ratified"):
        head = sent.head_of(verb)
        future = verb.feats.get("Tense") == "Fut" or any(
            t.lemma == "быть" and t.feats.get("Tense") == "Fut" for t in sent.children(verb, "aux"))
        if future or (verb.feats.get("VerbForm") == "Inf" and head is not None and head.lemma in _PLAN_VERBS):
            return "planned"
    if verb.feats.get("VerbForm") == "Inf" and status not in ("negotiated", "proposed"):
        return "unknown"  # "отказалась ратифицировать", "хочет выйти из": no act is reported
    return status


def find_agreements_ru(text: str, sentences: list[RuSentence], mentions: list[Mention],
                       anchor: date | None, nlp: RussianNLP | None = None) -> list[Agreement]:
    """Agreements the text reports, one per named agreement (or per unnamed one with its parties).
    Only agreements whose parties the text names are returned: a contract, deal or treaty between no
    one in particular (a class of contracts in a law, a template, a hypothetical deal) is not a fact
    an analyst can use, and most such rows were wrong in the precision audit."""
    plain = markup_blanked(text)
    rank = ranks("agreement_statuses", "status")
    agreements: list[Agreement] = []
    by_key: dict[tuple[str, ...], Agreement] = {}
    for sent in sentences:
        for tok in sent.tokens:
            if tok.pos != "NOUN" or tok.lemma not in AGREEMENT_NOUNS:
                continue
            if tok.lemma == "декларация" and not any(t.lemma == "совместный" for t in sent.children(tok, "amod")):
                continue
            if tok.feats.get("Number") == "Plur":
                continue  # "договоры", "соглашения": a class or a batch of agreements, not one
            # the name: the noun, its adjectives and its complements ("о всеобъемлющем … партнерстве"),
            # without its term ("сроком на 20 лет"), its parties ("между X и Y") and relative clauses
            keep = [tok]
            for c in sent.children(tok):
                if c.rel.split(":")[0] not in ("amod", "nmod", "flat", "appos", "nummod"):
                    continue
                if c.lemma == "срок" or any(x.lemma in ("между", "с") for x in sent.children(c, "case")):
                    continue
                keep += sent.subtree(c)
            # "договор о партнерстве с Россией": a party phrase deeper in the name is a party, not the name
            deep_parties = [t for t in keep if t is not tok and t.rel.startswith("nmod")
                            and any(x.lemma in ("между", "с", "со") for x in sent.children(t, "case"))]
            cut = {x.index for t in keep if t.lemma == "срок" or t in deep_parties
                   or (t.rel.split(":")[0] in ("acl", "parataxis", "conj") and t is not tok)
                   for x in sent.subtree(t)}
            phrase = sorted((t for t in keep if t.pos != "PUNCT" and abs(t.index - tok.index) <= 10
                             and t.index not in cut and plain[t.start:t.end].strip()), key=lambda t: t.start)
            in_force = any(t.lemma in ("действующий", "действовать") and t.index < tok.index for t in phrase)
            while phrase and (phrase[0].pos == "ADP" or (phrase[0] is not tok and phrase[0].lemma in _DEICTIC)):
                phrase = phrase[1:]  # "новое соглашение", "этот договор": the agreement's name starts at its noun
            # a name stops at a word outside the agreement's phrase (the parser attached words across it)
            own_words = {t.index for t in sent.subtree(tok)}
            contiguous = [tok]
            for t in sorted((t for t in phrase if t.index > tok.index), key=lambda t: t.index):
                if any(i not in own_words and sent.tokens[i].pos != "PUNCT" for i in range(contiguous[-1].index + 1, t.index)):
                    break
                contiguous.append(t)
            phrase = sorted([t for t in phrase if t.index < tok.index] + contiguous, key=lambda t: t.start)
            s, e = phrase[0].start, phrase[-1].end
            verb = sent.head_of(tok)
            status = _agreement_status(sent, verb, tok)
            if status is None:
                continue
            if in_force and status in ("unknown", "signed"):
                status = "in_force"
            named = any(t.rel.startswith("nmod") and any(c.lemma == "о" for c in sent.children(t, "case"))
                        for t in sent.children(tok))
            party_phrases = deep_parties + [t for t in sent.children(tok, "nmod")
                                            if any(c.lemma in ("между", "с", "со") for c in sent.children(t, "case"))]
            own_parties = {m.identity: m for t in party_phrases
                           for m in _phrase_mentions(sent, t, mentions) if m.actor_type in ("country", "organization")}
            signers: dict[str, Mention] = {}
            if verb is not None and any(any(c.lemma in ("с", "со") for c in sent.children(t, "case"))
                                        for t in party_phrases):
                # "X … соглашение с Y": the agreement's other side is the clause's subject (or the subject of
                # the verb it hangs on: "X отказалась ратифицировать соглашение с Y")
                acting = verb.pos in ("VERB", "AUX") or verb.lemma in _AGREEMENT_FRAME_NOUNS
                for v in (verb, sent.head_of(verb)) if acting else ():
                    # (not "X назвал историю вокруг сделки с Y …": no act on it, no side)
                    subjects = sent.children(v, "nsubj") if v is not None else []
                    for subj in subjects:
                        for m in _phrase_mentions(sent, subj, mentions):
                            if m.actor_type in ("country", "organization"):
                                own_parties.setdefault(m.identity, m)
                    if subjects:
                        break
            if status in ("signed", "ratified", "planned") and verb is not None:
                for subj in sent.children(verb, "nsubj"):
                    # the states the signers act for ("президент России … и президент Ирана …"), else the signers
                    inside = [m for m in mentions if subj.start <= m.start and m.end <= max(t.end for t in sent.subtree(subj))
                              and min(t.start for t in sent.subtree(subj)) <= m.start]
                    states = [m for m in inside if m.actor_type == "country"]
                    for m in states or _phrase_mentions(sent, subj, mentions):
                        signers[m.identity] = m
            specific = named or status != "unknown" or own_parties or any(
                t.lemma in _DEICTIC | {"двусторонний", "межправительственный"} for t in sent.children(tok))
            if not specific:
                continue
            key = tuple(t.lemma for t in phrase)
            target = by_key.get(key) if named else None
            if target is None and not named:
                prior = [a for a in agreements if a.agreement_type == AGREEMENT_NOUNS[tok.lemma]]
                target = prior[-1] if prior and not own_parties else None
            if target is None:
                target = Agreement(len(agreements), s, e, nominative_phrase(phrase, tok, nlp),
                                   AGREEMENT_NOUNS[tok.lemma], named=named, confidence=0.75 if named else 0.6)
                agreements.append(target)
                by_key[key] = target
            target.mentions.append((s, e))
            term = re.search(r"сроком\s+на\s+(\d{1,3})\s+(?:год|лет)", text[sent.start:sent.end])
            if term and target.duration_years is None:
                target.duration_years = int(term.group(1))
            articles = re.search(r"(\d{1,3})\s+стат(?:ей|ьи|ья)", text[sent.start:sent.end])
            if articles and target.article_count is None:
                target.article_count = int(articles.group(1))
            if rank.get(status, 0) > rank.get(target.status, 0):
                target.status = status
                if status == "signed":
                    dates = [d for d in find_dates_ru(text[sent.start:sent.end], anchor)
                             if d.value is not None and d.precision == "day"]
                    if dates:
                        target.signed_date, target.date_precision = dates[0].value, "day"
            for m in {**own_parties, **signers}.values():
                target.parties.setdefault(m.identity, m)
            target.parties_named = target.parties_named or bool(own_parties)
    published = [a for a in agreements if a.parties]
    for i, a in enumerate(published):
        a.index = i
    return published
