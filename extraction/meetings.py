"""Meetings from the parse of the trigger's clause: who met whom, where, when, held or not.

One event per trigger — a verb (met, visited, hosted, received, spoke with, phoned, signed with,
negotiated, mediated) or a noun (talks, meeting, summit, call, visit, trip, negotiations,
consultations, dinner) — with its participants taken from the trigger's own arguments, never from
every name in the sentence:

- agents: the verb's subject and its conjuncts ("Putin and Xi met"), a noun's possessor ("Xi's visit"),
  name compounds ("US-China talks", "Macron-Modi dinner"), or the subject of the verb that governs the
  noun ("Araghchi held talks with …");
- counterparts: the object ("met Xi", "visited Moscow"), `with` / `between` / `to` / `by` phrases
  ("talks with Lavrov", "talks between Iran and Russia", "a visit to Washington by Marcos").

A place visited stands for its country, the host. Roles: the subject of visit/travel/arrive is the
visitor and the place's country the host; the subject of host/receive/welcome is the host.

Status from the clause: held, unless the trigger or the verb above it is negated, refused or
excluded ("excluded from talks", "did not meet" → no meeting of those parties), conditional or only
possible ("if they meet", "could meet" → none), cancelled or postponed ("postponed a visit" →
postponed), or lies ahead ("will meet", "plans to visit", "is set to", "ahead of a visit", "upcoming
talks" → planned). A held meeting dated after its report is planned. Dates and places come from the
sentence (nearest date to the trigger; `in`/`at` a place), else from a dateline.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from extraction.dates import CALENDAR_NAMES, DateMention, find_dates
from extraction.gazetteer import Gazetteer, Place, Places, trailing_title
from extraction.model import Agreement, Meeting, Mention, Participant, Sentences
from extraction.names import TITLE_ABBREVIATIONS, TITLES, pronoun_may_refer
from extraction.outlets import OutletRegistry
from extraction.parse import (
    ADVERBIAL_MARKS,
    TRIGGER_NOUNS,
    TRIGGER_VERBS,
    ParsedSentence,
    cue_forms,
    title_case_headline,
    verb_forms,
)

# Confidence by how the participants were found (calibrated downstream on the audit).
NAMED_PARTICIPANTS_CONFIDENCE = 0.8  # two or more named people from the trigger's arguments
WITH_HOST_CONFIDENCE = 0.75  # a named visitor and the country of the place visited
COUNTRIES_CONFIDENCE = 0.7  # countries or organizations meeting as such

# verbs whose object is the event noun, and whose subject takes part in it ("held talks")
_HOLDING = frozenset(["hold", "held", "holds", "holding", "have", "has", "had", "having", "attend", "attended", "attends", "attending", "conduct", "conducted", "begin", "began", "begun", "resume", "resumed", "start", "started", "open", "opened", "join", "joined", "host", "hosted", "hosts", "chair", "chaired",
                       # "makes a surprise visit to …", "paid a state visit to …"
                       "make", "makes", "made", "making", "pay", "pays", "paid", "paying",
                       # "Kenya to renew talks with …", "resumes negotiations": the same talks taken up again
                       "resumes", "resuming", "renew", "renews", "renewed", "renewing", "restart", "restarts",
                       "restarted", "reopen", "reopens", "reopened",
                       # "will use a meeting with <Y> to press …": who uses a contact takes part in it
                       "use", "uses", "used", "using"])
_CANCELLING = {"cancel": "cancelled", "postpone": "postponed", "delay": "postponed", "scrap": "cancelled",
               "suspend": "postponed", "defer": "postponed", "axe": "cancelled", "shelve": "postponed",
               "slip": "postponed"}
_REFUSING = frozenset(["refuse", "refused", "refuses", "exclude", "excluded", "excludes", "reject", "rejected", "rejects", "decline", "declined", "declines", "deny", "denied", "denies", "snub", "snubbed", "boycott", "boycotted", "skip", "skipped", "avoid", "avoided", "ban", "banned", "bar", "barred", "block", "blocked"])
_PLANNING = frozenset(["plan", "plans", "planned", "planning", "set", "due", "expect", "expected", "expects", "hope", "hopes", "hoped", "want", "wants", "wanted", "seek", "seeks", "sought", "intend", "intends", "intended", "aim", "aims", "aimed", "prepare", "prepares", "prepared", "schedule", "scheduled", "agree", "agreed", "agrees", "invite", "invited", "invites", "propose", "proposed", "proposes", "offer", "offered", "offers", "try", "tries", "tried", "push", "pushed", "pushes",
                       # the progressive of intending: "is preparing for his visit", "are hoping to meet"
                       "preparing", "hoping", "seeking", "expecting", "scheduling", "intending", "aiming", "trying",
                       # a contact promised or in prospect: "promises of a meeting between …", "the prospect of talks"
                       "promise", "promises", "prospect", "prospects",
                       # a contact recommended to others: "the Commission endorses membership talks with …"
                       "endorse", "endorses", "endorsed", "recommend", "recommends", "recommended"])
_FUTURE_MODIFIERS = frozenset(["upcoming", "planned", "scheduled", "proposed", "forthcoming", "next", "future", "expected", "planning"])
# a contact possible, or alleged and unconfirmed ("an alleged phone call"): not reported as having happened
_HYPOTHETICAL_MODIFIERS = frozenset(["possible", "potential", "hypothetical", "alleged", "purported", "rumoured",
                                     "rumored", "supposed"])
_ALLEGEDLY = frozenset(["allegedly", "purportedly", "supposedly"])
_AGREEMENT_WORDS = frozenset([
    "deal", "deals", "agreement", "agreements", "treaty", "treaties", "pact", "pacts", "accord", "accords",
    "memorandum", "memoranda", "memorandums", "contract", "contracts", "mou", "mous", "protocol", "protocols",
    "declaration", "statement", "communique", "charter", "convention", "documents", "roadmap",
])
# a finite clause under these keeps its own tense: the subordinators of the one list but those of a
# condition or a time still to come ("before", "until", "unless")
_TENSED_MARKS = ADVERBIAL_MARKS - {"before", "until", "unless"}
# where someone speaking to someone is an interview, not a contact: "on radio", "in an interview"
_BROADCAST_NOUNS = frozenset(["radio", "television", "tv", "podcast", "show", "programme", "program", "air", "interview",
                              "broadcast", "channel", "livestream", "webcast"])
# who interviews: speaking or sitting down with one is an interview, not a contact
_JOURNALISTS = frozenset(["reporter", "reporters", "journalist", "journalists", "correspondent", "anchor", "interviewer",
                          "columnist", "editor", "presenter", "broadcaster", "podcaster"])
# the last word of a news medium's name: "<Name> News", "<Name> Live", "<Name> Television"
_MEDIA_NAME_ENDS = frozenset(["news", "live", "tv", "television", "radio", "times", "post", "journal", "herald",
                              "tribune", "gazette", "network", "broadcasting", "today"])
# nouns for a group that stands for whom it represents ("Hezbollah leaders", "the Iranian delegation")
# nouns of a place named by what follows or precedes them: "the city of <place>", "the <demonym> capital"
_PLACE_NOUNS = frozenset(["city", "capital", "town", "port", "village", "resort"])
_GROUP_NOUNS = frozenset(["leaders", "officials", "delegation", "delegations", "government", "side", "sides",
                          "representatives", "figures", "envoys", "team", "ministers", "diplomats", "leadership",
                          "authorities", "administration", "leader"])
# "<X>-backed talks", "<X>-sponsored talks": a supporter away from the table, not a side of the contact (a
# mediator, "<X>-brokered / -mediated talks", takes part in them: the blind gold's guidelines count it)
_SPONSOR = re.compile(r"-(?:backed|sponsored|supported|funded)\b", re.I)
# what a "with" phrase holds as a topic, not a counterpart: "visits <city> with <X> on the agenda"
_TOPIC_HOLDERS = frozenset(["agenda", "table", "mind", "stake", "menu", "focus", "line"])
# what is "met" in the sense of satisfied: "meet the targets", "meet <X>'s demands", "met the deadline"
_MET_OBLIGATIONS = frozenset(["request", "requests", "demand", "demands", "target", "targets", "goal", "goals", "need",
                              "needs", "deadline", "deadlines", "requirement", "requirements", "criteria", "criterion",
                              "condition", "conditions", "obligation", "obligations", "standard", "standards",
                              "expectation", "expectations", "commitment", "commitments", "threshold", "quota",
                              "quotas", "cost", "costs", "payment", "payments", "challenge", "challenges", "test",
                              "benchmark", "benchmarks", "terms", "pledge", "pledges", "mandate", "shortfall", "bill",
                              "bills", "debts", "debt", "objectives", "objective", "aspirations"])
# contests in which rivals "meet": no contact between parties
_CONTESTS = frozenset(["runoff", "run-off", "final", "finals", "semifinal", "semi-final", "quarterfinal", "election",
                       "race", "match", "game", "playoff", "playoffs", "rematch", "bout", "primary", "tournament"])
# titles written out, with the abbreviations that stand for them ("governor": "gov"; a congressman is a "Rep.")
_ABBREVIATED = {full: {a for a, f in TITLE_ABBREVIATIONS.items() if f == full} for full in TITLE_ABBREVIATIONS.values()}
_ABBREVIATED["congressman"] = _ABBREVIATED["congresswoman"] = {"rep"}
# the last word of a title before a name ("Prime Minister <Name>", "PM <Name>")
_TITLE_HEADS = frozenset({t.split()[-1] for t in TITLES if len(t) > 3} | {"pm", "premier", "fm", "leader"})
# offices held by one person at a time: "<Country>'s defence minister", "the <demonym> envoy", "the foreign minister
# of <Country>" is a participant the text describes but does not name
_OFFICE_NOUNS = frozenset(["minister", "president", "premier", "chancellor", "secretary", "envoy", "ambassador",
                           "emir", "king", "governor", "mayor", "commander", "general", "chief", "diplomat",
                           "negotiator", "adviser", "advisor", "aide", "spokesman", "spokeswoman", "spokesperson",
                           "leader"])


# a date or a holiday, not a venue: "on Monday", "in March", "at Christmas"
_CALENDAR_WORDS = frozenset([*CALENDAR_NAMES, "Christmas", "Easter", "Eid", "Ramadan", "Thanksgiving", "Diwali",
                             "Hanukkah", "Passover", "Nowruz", "New", "Year", "Day", "Eve"])
# prepositions of an adjunct contact ("at a meeting", "in a phone call", "during talks", "after talks")
_ADJUNCT_PREPS = frozenset(["at", "in", "during", "after", "following"])
# verbs that address someone: in a contact, the one addressed is its other party ("In a call, A told B …")
_ADDRESS_FORMS = frozenset(verb_forms(["tell", "assure", "inform", "brief", "urge", "ask", "thank", "congratulate",
                                        "invite", "warn", "update"]))
# "the two leaders met", "the two countries agreed": the two of that kind named just before
_TWO_PEOPLE = frozenset(["leaders", "presidents", "ministers", "men", "women", "counterparts", "heads", "premiers",
                         "diplomats", "envoys", "officials"])
_TWO_STATES = frozenset(["countries", "nations", "states", "governments", "neighbours", "neighbors"])
# what one calls someone to do that only talking does: "called <B> to discuss …", "to congratulate him"
_CALL_PURPOSES = frozenset(["discuss", "congratulate", "express", "offer", "thank", "convey", "review", "coordinate",
                            "brief", "update", "reaffirm", "exchange", "wish", "extend", "assure", "inform",
                            "talk", "raise", "condole", "apologise", "apologize"])
# verbs of being or setting out on a visit: "is on a state visit to …", "embarked on a visit to …"
_BEING_ON = frozenset(["is", "are", "was", "were", "be", "been", "being", "'s", "’s",
                       *verb_forms(["go", "embark", "set", "leave"])])
_VERB_FORMS = verb_forms(TRIGGER_VERBS)
# verbs of setting out: in the present, the contact they go "for" lies ahead
_SETTING_OUT = frozenset(verb_forms(["head", "travel", "fly", "leave", "depart", "go", "set"]))
_CANCEL_FORMS = verb_forms(_CANCELLING)
# what asks for a contact rather than arranges one: "called for talks", "urged a summit", "the need for / the
# importance of negotiations" — no meeting held or planned (those of "for" only with it: "pushed for talks")
_CALLING_FOR = frozenset(["call", "appeal", "push", "press"])
_CALLING_FORMS = verb_forms([*_CALLING_FOR, "urge", "demand", "advocate", "request"])
_CALLING_NOUNS = frozenset(["need", "needs", "importance", "necessity", "call", "calls", "appeal", "appeals", "plea",
                            "pleas", "demand", "demands", "request", "requests"])


class _Finder:
    def __init__(self, text: str, mentions: list[Mention], gazetteer: Gazetteer, places: Places,
                 outlets: OutletRegistry | None = None, sentences: Sentences | None = None,
                 anchor: date | None = None):
        self.text = text
        self.anchor = anchor  # the publication day: whose office a described holder held
        self.sentences = sentences
        self.outlets = outlets
        self.mentions = mentions
        self.gazetteer = gazetteer
        self.places = places
        found = places.find(text)
        self.place_spans = [(s, e, p) for s, e, p in found if p.kind != "demonym"]
        self.demonym_spans = [(s, e, p) for s, e, p in found if p.kind == "demonym"]

    # -- who ------------------------------------------------------------------------------------

    def _np(self, head: Any) -> list[Any]:
        cut = {"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "prep", "conj", "cc"}
        drop: set[int] = set()
        # ("the leaders of <Country>", "a delegation of <demonym> senators", "officials from <A>, <B> and <C>":
        # whom the group stands for, each of a list)
        whose = {x.i for t in head.children if t.dep_ == "prep" and (
            (t.lower_ == "of" and head.lower_ in ("head", "heads", *_GROUP_NOUNS))
            or (t.lower_ == "from" and head.lower_ in _GROUP_NOUNS)) for x in t.subtree}
        for t in head.subtree:
            if t.dep_ == "prep" and t.head.i == head.i and t.lower_ == "including" and head.tag_ == "NNS":
                continue  # "ministers, including A and B": the list is the phrase's people
            if t.i != head.i and t.dep_ in cut and not (t.i in whose and (t.head.i == head.i or t.dep_ in ("conj", "cc"))):
                drop.update(x.i for x in t.subtree)
        return [t for t in head.subtree if t.i not in drop]

    def _titled_before(self, noun: Any, before: int) -> list[Mention]:
        """The one person named before whom the text gave the office a definite description takes up ("the
        governor" after "<State> governor <Name>" or "<Name>, the state's governor,"): a title word right
        before the name or in an apposition after it, with the description's compound ("prime minister").
        Two people titled so make it ambiguous: none."""
        word = noun.lower_
        before_noun = [t.lower_ for t in noun.doc[noun.left_edge.i : noun.i]]
        # a title of several words is matched whole: "the prime minister" is no foreign minister
        title = next((t.split() for t in sorted(TITLES, key=len, reverse=True)
                      if t.split()[-1] == word and t.split()[:-1] == before_noun[len(before_noun) - len(t.split()) + 1 :]),
                     [word])
        forms = {" ".join(title)} | (_ABBREVIATED.get(word, set()) if len(title) == 1 else set())
        found: dict[str, Mention] = {}
        for m in self.mentions:
            if m.actor_type != "person" or m.end > before:
                continue
            lead = " ".join(w.strip(".,").casefold() for w in self.text[max(0, m.start - 40) : m.start].split()[-4:])
            appos = re.match(r",\s+(?:the|a|an)\s+(?:[\w'’-]+\s+){0,4}?(?:" + "|".join(map(re.escape, forms)) + r")\b",
                             self.text[m.end : m.end + 80], re.I)
            if any(lead == f or lead.endswith(" " + f) for f in forms) or appos is not None:
                found[m.identity] = m
        return list(found.values()) if len(found) == 1 else []

    def participants_of(self, ps: ParsedSentence, head: Any, role: str) -> list[Participant]:
        """The actors an argument token names (and its conjuncts): people first, then the country or
        organization it is; a place as the country it is in (the host)."""
        out: list[Participant] = []
        heads = [head, *head.conjuncts]
        for tok in list(heads):  # "Foreign ministers Sergey Lavrov and Abbas Araghchi": conjuncts of the name too
            heads += [c for t in tok.subtree if t.i != tok.i and t.dep_ in ("appos", "compound") for c in t.conjuncts]
        for tok in {t.i: t for t in heads}.values():
            if (pair := self._the_two(ps, tok)):
                out += [Participant(m.actor_key, m.actor_name, m.actor_type, role, m.start, m.end) for m in pair]
                continue
            if (holders := self._holders_of_offices(ps, tok, role)):
                out += holders  # "the <demonym> and <demonym> prime ministers": each state's holder on the day
                continue
            np = self._np(tok)
            start, end = ps.span(np[0], np[-1])
            inside = [m for m in self.mentions if start <= m.start and m.end <= end]
            in_phrase = inside
            people = [m for m in inside if m.actor_type == "person"]
            tok_start, tok_end = ps.span(tok)
            # (an office on the head may run past the phrase's cut: "secretary of state" as its holder)
            on_head = [m for m in self.mentions if m.start <= tok_start and tok_end <= m.end
                       and (m in inside or m.method == "role")]
            if len(people) > 1 and (tok.tag_ == "NNS" or any(t.dep_ == "cc" and t.lower_ in ("and", "&") and np[0].i < t.i < np[-1].i for t in tok.subtree)):
                # "foreign ministers Lavrov and Araghchi"; "Iran's President X and Russian President Y"
                # parsed as one phrase
                out += [Participant(m.actor_key, m.actor_name, m.actor_type, role, m.start, m.end) for m in people]
                continue
            if tok.tag_ in ("NN", "NNS") and tok.text[:1].islower() and not on_head and tok.lower_ not in _GROUP_NOUNS \
                    and tok.lower_ not in TRIGGER_NOUNS:
                # "<Name>'s predecessor", "a <Name> aide": the head is someone else, its modifier only
                # says whose; a title with the name in apposition ("his counterpart, <Name>") still counts;
                # an event's possessor is its party ("<Name>'s visit began with talks …")
                modifiers = [ps.span(sub[0], sub[-1]) for c in tok.children
                             if c.dep_ in ("poss", "compound", "nmod") and c.i < tok.i for sub in [list(c.subtree)]]
                # (what is visited, though, is where its country modifier says: "visits <Country>'s nuclear plant")
                inside = [m for m in inside if not any(a <= m.start and m.end <= b for a, b in modifiers)
                          or (role == "host" and m.actor_type == "country")]
                people = [m for m in inside if m.actor_type == "person"]
            elif not on_head and tok.lower_ in _GROUP_NOUNS and (
                    (tok.tag_ in ("NN", "NNS") and tok.text[:1].islower())
                    or (tok.tag_ in ("NNS", "NNPS") and title_case_headline(ps.doc.text))):  # "Top <Name> Officials"
                # "<Name> administration officials", "<Name>'s team": people who act for that person, not the person
                modifiers = [ps.span(sub[0], sub[-1]) for c in tok.children
                             if c.dep_ in ("poss", "compound", "nmod") and c.i < tok.i for sub in [list(c.subtree)]]
                inside = [m for m in inside if m.actor_type != "person" or not any(a <= m.start and m.end <= b
                                                                                   for a, b in modifiers)]
                people = [m for m in inside if m.actor_type == "person"]
            # the name on the token itself first: in "A-B dinner" B's phrase also holds A
            head_people = [m for m in on_head if m.actor_type == "person"]
            chosen = head_people[:1] or people[:1] or [m for m in on_head if m.actor_type != "country"] or on_head
            if not chosen and role == "host" and tok.tag_ in ("NN", "NNS"):
                chosen = [m for m in inside if m.actor_type == "country"][:1]  # "visited <Country>'s largest port"
            if not chosen and inside and tok.lower_ in _GROUP_NOUNS:
                # "Hezbollah leader", "the Iranian delegation", "Russian officials": who they represent
                groups = [m for m in inside if m.actor_type in ("organization", "country")]
                chosen = sorted(groups, key=lambda m: m.actor_type != "organization")[:1]  # Hezbollah, not Lebanon
                if tok.tag_ == "NNS" and any(t.dep_ == "prep" and t.lower_ in ("of", "from") and t.head.i == tok.i
                                             for t in tok.children):
                    # "the leaders of <A> and <B>", "officials from <A>, <B> and <C>": each country
                    of_countries = {m.identity: m for m in groups if m.actor_type == "country"}
                    if len(of_countries) > 1:
                        out += [Participant(m.actor_key, m.actor_name, m.actor_type, role, m.start, m.end) for m in of_countries.values()]
                        continue
            if not chosen and not inside and tok.lower_ in _GROUP_NOUNS - _OFFICE_NOUNS:  # ("the <demonym> leader": described)
                # "between <demonym> and <demonym> delegations", "a delegation of <demonym> senators": each country
                # a demonym of the phrase names
                countries = {p.country_code: (s, e) for s, e, p in self.demonym_spans if start <= s and e <= end}
                found = [(self.gazetteer.country(code), span) for code, span in countries.items()]
                if found and all(h is not None for h, _ in found):
                    out += [Participant(h.actor_id, h.canonical_name, "country", role, *span) for h, span in found if h is not None]
                    continue
            if not chosen and tok.lower_ in ("his", "her") and tok.dep_ == "poss":
                # "X held talks with Y …, his first visit": the possessor is the governing clause's subject
                v = tok.head
                while not v.tag_.startswith("VB") and v.head.i != v.i:
                    v = v.head
                subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")] or _inherited_subjects(v)
                for c in subj:
                    cs, ce = ps.span(c)
                    phrase_start = ps.span(next(iter(c.subtree)))[0]
                    chosen = [m for m in self.mentions if m.actor_type == "person" and (
                        (m.start <= cs and ce <= m.end)
                        or (phrase_start <= m.start and m.end <= ce and c.lower_ not in ("he", "she")))][:1]
                    if chosen:
                        break
            if not chosen and tok.lower_ == "it" and tok.dep_ in ("nsubj", "nsubjpass"):
                # "<Country> said it held talks with …", "<Company> says it met …": the reporting verb's
                # subject, when that is a state or an organization (the only things "it" can be)
                chosen = [m for c in _reporter_subjects(tok.head)
                          for m in self.mentions if m.actor_type in ("country", "organization")
                          and ps.span(c)[0] <= m.start and m.end <= ps.span(c)[1]][:1]
            if not chosen and not out and tok.lower_ == "they" and tok.dep_ == "nsubj" and (
                    tok.head.dep_ == "advcl" or _reporter_subjects(tok.head)):
                # "<X> urged … as they played down …", "<X> said they met …": the subject of the clause theirs
                # depends on (a group or a state; a plural of people resolves as its own phrase does)
                main = _reporter_subjects(tok.head) or [c for c in tok.head.head.children if c.dep_ == "nsubj"]
                out += [p for c in main if c.lower_ not in ("they", "it") for p in self.participants_of(ps, c, role)]
                continue
            if not chosen and (tok.lower_ in ("he", "she", "him", "her") or (tok.lower_ == "his" and tok.dep_ == "poss")):
                # the latest person named before whose gender does not contradict the pronoun
                gender = "female" if tok.lower_ in ("she", "her") else "male"
                prior = [m for m in self.mentions if m.end <= tok_start and m.actor_type == "person"
                         and pronoun_may_refer(self.text, m.start, m.actor_name, gender)]
                chosen = prior[-1:]
            if not chosen and not inside and tok.tag_ == "NN" and tok.text[:1].islower() \
                    and (tok.lower_ in _OFFICE_NOUNS or tok.lower_ in _TITLE_HEADS or tok.lower_ in _ABBREVIATED) \
                    and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
                chosen = self._titled_before(tok, tok_start)  # "<State> governor <Name> … The governor met …"
            if not chosen and tok.lower_ in _TITLE_HEADS:
                # "a meeting with <demonym> PM <Name>" parsed with the name cut off the title: the person
                # whose name follows the title word directly
                chosen = [m for m in self.mentions if m.actor_type == "person" and 0 <= m.start - tok_end <= 1][:1]
            if not chosen and tok.dep_ == "appos":
                # "<Name>, the <demonym> national security adviser, who …": the office is the named person's
                h_start, h_end = ps.span(tok.head)
                chosen = [m for m in self.mentions if m.actor_type == "person" and m.start <= h_start and h_end <= m.end][:1]
            if chosen:
                m = chosen[0]
                out.append(Participant(m.actor_key, m.actor_name, m.actor_type, role, m.start, m.end))
                continue
            if (described := self._described_office(ps, tok, np, in_phrase)) is not None:
                out.append(Participant(None, self.text[described[0]:described[1]], "descriptor", role, *described))
                continue
            placed = next(((s, e, p) for s, e, p in self.place_spans if s <= tok_start and tok_end <= e), None)
            if placed is not None:
                host = self.gazetteer.country(placed[2].country_code)
                if host is not None:  # the host country, traced to the place that names it
                    out.append(Participant(host.actor_id, host.canonical_name, "country", "host", placed[0], placed[1]))
                continue
            if tok.lower_ in _PLACE_NOUNS and role != "participant":
                # "visited the <demonym> capital": the country of the demonym is the host
                adj = next(((s, e, p) for c in tok.children if c.dep_ == "amod" for s, e, p in self.demonym_spans
                            if (s, e) == ps.span(c)), None)
                host = self.gazetteer.country(adj[2].country_code) if adj is not None else None
                if adj is not None and host is not None:
                    out.append(Participant(host.actor_id, host.canonical_name, "country", "host", adj[0], tok_end))
                continue
            # A capitalized word the seeds and the NER did not recognize is not made a participant: in
            # title-case headlines every word is a proper noun to the tagger ("Nuclear Arms", "Skip"),
            # and a meeting with a wrong participant is worse than one not published.
        return out

    def _holders_of_offices(self, ps: ParsedSentence, tok: Any, role: str) -> list[Participant]:
        """ "The <demonym> and <demonym> prime ministers", "<A> and <B> presidents", "the foreign ministers of <A> and
        <B>": a plural office of two or more states the phrase names is the gazetteer's holder of it in each on the
        publication day — all of them, or none (then the phrase stays the states, as before)."""
        word = tok.lower_
        if tok.tag_ != "NNS" or self.anchor is None or not word.endswith("s"):
            return []
        singular = word[:-3] + "y" if word.endswith("ies") else word[:-1]
        before = [t.lower_ for t in tok.doc[tok.left_edge.i : tok.i]]
        trailing = trailing_title([*before, singular])
        title = trailing[0] if trailing is not None else None
        if title is None or set(before) & _NOT_IN_OFFICE:
            return []  # ("the former <demonym> and <demonym> presidents": not the holders of the day)
        cut = {x.i for c in tok.children if c.dep_ in ("relcl", "acl") for x in c.subtree}
        own = [t for t in tok.subtree if t.i not in cut]
        start, end = ps.span(own[0], own[-1])
        states: dict[str, tuple[int, int]] = {}
        for m in self.mentions:
            if m.actor_type == "country" and m.country_code and start <= m.start and m.end <= end:
                states.setdefault(m.country_code, (m.start, m.end))
        for s, e, p in self.demonym_spans:
            if start <= s and e <= end and p.country_code:
                states.setdefault(p.country_code, (s, e))
        if len(states) < 2:
            return []
        out: list[Participant] = []
        for code, (s, e) in sorted(states.items(), key=lambda kv: kv[1]):
            holder = self.gazetteer.role_holder(title, code, self.anchor)
            if holder is None:
                return []
            out.append(Participant(holder.actor_id, holder.canonical_name, "person", role, s, e))
        return out

    def _described_office(self, ps: ParsedSentence, tok: Any, np: list[Any], inside: list[Mention]) -> tuple[int, int] | None:
        """The span of "<Country>'s defence minister", "a <demonym> envoy", "the foreign minister of <Country>": one
        holder of an office of a named state or organisation, whom the text does not name (no determiner, no
        trailing clause). None for a bare "the minister" (whose?) or a plural."""
        if tok.tag_ != "NN" or tok.lower_ not in _OFFICE_NOUNS | {"counterpart"} or not tok.text[:1].islower():
            return None  # ("his <demonym> counterpart": the office of the subject's, held in that state)
        words = [t for t in np if t.i <= tok.i and t.dep_ not in ("det", "predet", "punct")
                 and not (t.dep_ == "poss" and t.tag_ == "PRP$")]
        if not words or words[0].i > tok.i:
            return None
        start, end = ps.span(words[0], tok)
        of_country = next((x for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                           for x in c.children if x.dep_ == "pobj"), None)
        if of_country is not None:
            o_start, o_end = ps.span(of_country)
            if any(m.start <= o_start and o_end <= m.end and m.actor_type in ("country", "organization") for m in self.mentions):
                return start, o_end
        qualified = any(start <= m.start and m.end <= end and m.actor_type in ("country", "organization") for m in inside) \
            or any(start <= s and e <= end for s, e, p in self.demonym_spans)
        return (start, end) if qualified else None

    def _is_person_token(self, ps: ParsedSentence, t: Any) -> bool:
        s, e = ps.span(t)
        return any(m.start <= s and e <= m.end and m.actor_type == "person" for m in self.mentions)

    def _name_compounds(self, ps: ParsedSentence, noun: Any) -> list[Any]:
        """ "US-China talks", "Macron-Modi dinner": name modifiers of an event noun."""
        return [t for t in noun.subtree if t.i < noun.i and (t.tag_ in ("NNP", "NNPS") or (t.tag_ == "NN" and self._is_person_token(ps, t))) and t.dep_ in ("compound", "amod", "nmod", "npadvmod")
                and not any(a.dep_ == "poss" for a in t.ancestors if a.i < noun.i)
                and not _SPONSOR.match(ps.doc.text, ps.span(t)[1] - ps.start)]  # not "<X>-backed talks"

    # -- status ---------------------------------------------------------------------------------

    def status_of(self, trigger: Any) -> str | None:
        """held | planned | cancelled | postponed, or None when no meeting happened or will happen."""
        chain = [trigger]
        t = trigger
        while t.head.i != t.i and len(chain) < 6:
            if t.dep_ == "advcl" and t.tag_ in ("VBD", "VBZ", "VBP") and any(
                    k.dep_ == "mark" and k.lower_ in _TENSED_MARKS for k in t.children):
                break  # "<rules> will change, as the minister arrived in <city>": the arrival happened
            if t.dep_ in ("nsubj", "nsubjpass") and t.i != trigger.i:
                break  # "The leader, on a visit to <Country>, hopes …": the verb of the subject is not the visit's
            if t.dep_ == "pcomp" and t.tag_ == "VBG" and t.head.lower_ in _PRIOR_PREPOSITIONS:
                # "<X> agreed to … after meeting in <city>", "<X> is set to host <Y> … since taking part in the
                # summit": a contact before what the clause says (its own date decides)
                break
            t = t.head
            chain.append(t)
            if t.tag_.startswith("VB") and t.dep_ not in ("xcomp", "ccomp", "advcl", "pcomp", "acl", "dobj", "pobj",
                                                          "prep", "relcl") \
                    and not (t.tag_ == "VBG" and t.dep_ == "conj" and t.head.tag_ == "VBG"):
                break  # (coordinated gerunds share what governs them: "the importance of resuming … and starting talks")
        if _asked_for(trigger):
            return None  # "called for talks between <X> and <Y>", "the need for negotiations": asked for, not arranged
        planned = False
        # "<X>, on a visit to <Country>, hopes …": being on the trip now; hoping or planning is not its tense
        on_trip = trigger.dep_ == "pobj" and trigger.head.lower_ == "on" and trigger.tag_ == "NN"
        for node in chain:
            kids = list(node.children)
            if any(k.dep_ == "neg" for k in kids) or node.lower_ in ("no", "without"):
                return None
            if any(k.dep_ == "det" and k.lower_ == "no" for k in kids):
                return None
            if any(k.dep_ == "mark" and k.lower_ in ("if", "unless", "whether") for k in kids):
                return None
            if node.lower_ in _CANCEL_FORMS and node.i != trigger.i:
                return _CANCELLING[_CANCEL_FORMS[node.lower_]]
            later = next((k for k in kids if k.dep_ == "xcomp" and k.lower_ in _CANCEL_FORMS and node.i != trigger.i), None)
            if later is not None:  # "the meeting is expected to slip", "talks were set to be postponed"
                return _CANCELLING[_CANCEL_FORMS[later.lower_]]
            if node.lower_ in _REFUSING and node.i != trigger.i:
                return None
            aux = {k.lower_.replace("’", "'") for k in kids if k.dep_ in ("aux", "auxpass")}  # "she’ll meet"
            if aux & {"could", "should", "must", "can", "ca"}:
                return None  # hypothetical, an ability or an obligation ("can travel anywhere in …"), not a contact
            if aux & {"will", "shall", "'ll", "would", "wo", "may", "might"}:
                planned = True
            if node.i == trigger.i and node.tag_ == "VBG" and aux & {"is", "are", "am", "'s", "'re"} \
                    and _VERB_FORMS.get(node.lower_) in ("come", "travel", "head", "fly", "visit") \
                    and not (node.dep_ == "relcl" and _VERB_FORMS.get(node.lower_) == "visit"):
                # "is coming to Iran", "is travelling to Moscow": a trip ahead; but "<X>, who is visiting
                # <city>, met …" describes the visitor as there now
                planned = True
            adjunct_of_past = node.tag_ == "VBD" and any(
                a.dep_ == "prep" and a.lower_ in _ADJUNCT_PREPS and a.head.i == node.i for a in chain)
            if node.i != trigger.i and node.lower_ in _PLANNING and not on_trip and not adjunct_of_past:
                planned = True  # (not "At the meeting, they agreed to …": what was agreed there is ahead, not the meeting)
            if any(k.dep_ == "amod" and k.lower_ in _HYPOTHETICAL_MODIFIERS for k in kids):
                return None
            if node.i == trigger.i and any(k.dep_ == "advmod" and k.lower_ in _ALLEGEDLY for k in kids):
                return None  # "allegedly met": an allegation, not a reported contact
            if any(k.dep_ in ("amod", "compound") and k.lower_ in _FUTURE_MODIFIERS for k in kids):
                planned = True
            if node.lower_ == "ahead" or (node.lower_, node.head.lower_) in _AHEAD_PREPOSITIONS:
                planned = True  # "ahead of talks", "prior to the summit": still to come when the clause speaks
            if node.i != trigger.i and node.lower_ in ("advance", "run-up", "lead-up", "runup") \
                    and node.head.lower_ in ("in", "during"):
                planned = True  # "in advance of the summit", "in the run-up to the talks"
            if node.i != trigger.i and any(k.dep_ == "aux" and k.lower_ == "to" for k in kids) and (
                    node.dep_ == "ROOT" or any(k.dep_ == "nsubj" for k in kids)):
                planned = True  # headline "X to host Y dinner", "X to make state visit to Y, attend …"
            if node.lower_ == "to" and node.dep_ == "aux" and node.head.i == trigger.i:
                planned = True  # "to meet", "set to visit"
        if any(k.dep_ == "aux" and k.lower_ == "to" for k in trigger.children):
            planned = True
        if trigger.dep_ == "pobj" and trigger.head.lower_ == "for" and trigger.head.head.lower_ in _SETTING_OUT \
                and trigger.head.head.tag_ in ("VBZ", "VBP", "VBG"):
            planned = True  # "<X> heads to <city> for talks": on the way to a contact still ahead
        if trigger.head.lower_ in ("ahead", "before", "for", "during") and trigger.dep_ == "pobj" \
                and trigger.head.lower_ == "ahead":
            planned = True
        return "planned" if planned else "held"

    # -- events ---------------------------------------------------------------------------------

    def _stated_at(self, s: int, e: int, types: tuple[str, ...], method: str | None = None) -> Mention | None:
        """The first mention covering [s, e) of an actor of `types` that has a country (found by `method`, if
        given): the country of a place phrase ("in <country>", "at <state body>")."""
        return next((m for m in self.mentions if m.start <= s and e <= m.end and m.actor_type in types and m.country_code
                     and (method is None or m.method == method)), None)

    def _actor_at(self, tok: Any) -> bool:
        """A country, or a gazetteer person, named by the token (not a reporter or an outlet)."""
        s, e = self._ps.span(tok)
        return any(m.start <= s and e <= m.end and (m.actor_type == "country" or (m.actor_type == "person" and m.actor_key))
                   for m in self.mentions)

    def _object_with(self, verb: Any, lemma: str | None) -> list[Any]:
        """"discussed the budget with <Name>": the parser hangs "with" on the object; when it names a person, he is
        whom the subject discussed it with (not "discussed ties with <Country>": the object's own relation)."""
        if lemma != "discuss":
            return []
        return [c for d in verb.children if d.dep_ == "dobj" for c in d.children if c.dep_ == "prep" and c.lower_ == "with"
                and any(x.dep_ == "pobj" and self._is_person_token(self._ps, x) for x in c.children)]

    def _is_medium(self, name: str) -> bool:
        """A news outlet of the registry (by its name or an alias), or a name ending in a medium's word
        ("<Name> News", "<Name> TV")."""
        words = name.split()
        return bool(words) and (words[-1].casefold() in _MEDIA_NAME_ENDS
                                or (self.outlets is not None and self.outlets.by_name(name) is not None))

    def _words_of(self, tok: Any) -> str:
        """The words of a token's phrase, without a possessive ending: "<Name> News' " → "<Name> News"."""
        toks = [t for t in tok.subtree if t.dep_ != "case"]
        s, e = self._ps.span(min(toks, key=lambda t: t.i), max(toks, key=lambda t: t.i))
        words = self.text[s:e]
        for ending in ("'s", "’s", "'", "’"):
            words = words.removesuffix(ending)
        return words

    def _media_at(self, tok: Any) -> bool:
        """An organization named by the token that is a news medium."""
        s, e = self._ps.span(tok)
        return any(m.actor_type == "organization" and m.start <= e and s <= m.end and self._is_medium(m.text)
                   for m in self.mentions)

    def _calls_to_talk(self, verb: Any, kids: dict[str, Any]) -> bool:
        """ "<A> called <B> to discuss …", "called his counterpart to congratulate him": a call to someone
        with a purpose only talking serves is a phone call, with no "phone" or "with" in the sentence."""
        obj = kids.get("dobj")
        return obj is not None and (self._actor_at(obj) or self._is_person_token(self._ps, obj) or obj.lower_ in _GROUP_NOUNS | _OFFICE_NOUNS | _TITLE_HEADS
                                    | {"counterpart", "counterparts"}) and any(
            c.dep_ in ("xcomp", "advcl") and c.lower_ in _CALL_PURPOSES
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in verb.children)

    def _is_trigger(self, tok: Any) -> str | None:
        low = tok.lower_
        if tok.tag_.startswith("VB") and low in _VERB_FORMS:
            lemma = _VERB_FORMS[low]
            kids = {c.dep_: c for c in tok.children}
            if tok.tag_ in ("VB", "VBP") and not any(
                    c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children) and all(
                    not t.is_alpha for t in tok.doc[: tok.i]):
                return None  # "Meet <Name>, the first …": an imperative headline introduces someone
            preps = {c.lower_ for c in tok.children if c.dep_ == "prep"} | {c.lower_ for c in self._object_with(tok, lemma)}
            if lemma == "call":  # a phone call, not "called for", "called X a Y", "which they call Z"
                called_on = any(c.dep_ == "prep" and c.lower_ == "on" and c.i == tok.i + 1 for c in tok.children)
                if preps & {"for", "off"} or called_on or "oprd" in kids or "ccomp" in kids:
                    return None  # (not "called <B> on Tuesday")
                if not self._calls_to_talk(tok, kids):
                    if "xcomp" in kids:
                        return None
                    phone = any(t.lower_ in ("phone", "telephone", "video") for t in tok.doc)
                    if not (preps & {"with"} or phone):
                        return None
            prt_ = {c.lower_ for c in tok.children if c.dep_ == "prt"}
            if lemma == "meet" and any(x.lower_ in _CONTESTS for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "at")
                                       for x in c.children if x.dep_ == "pobj"):
                return None  # "will meet in a runoff / in the final": rivals in a contest, not a contact
            if lemma == "meet" and "dobj" in kids and kids["dobj"].lower_ in _MET_OBLIGATIONS:
                return None  # "meet <X>'s demands", "failed to meet the targets": to satisfy, not to see
            if lemma == "sit" and not ("down" in prt_ and "with" in preps):
                return None  # only "sat down with <X>" is a meeting
            if lemma == "huddle" and "with" not in preps:
                return None
            if lemma == "dial" and not ("dobj" in kids and self._actor_at(kids["dobj"])):
                return None  # "dialed (up) <X>": a call to a known actor, not "dialed back" a policy
            if lemma in ("receive", "welcome") and "dobj" not in kids and "nsubjpass" not in kids \
                    and not (tok.dep_ == "acl" and tok.tag_ == "VBN" and "agent" in kids):
                return None  # (but "<visitor> welcomed by <host>", a passive reduced to a participle, is a visit)
            if lemma == "receive" and "dobj" in kids and not (
                    self._actor_at(kids["dobj"]) or kids["dobj"].lower_ in _GROUP_NOUNS | _OFFICE_NOUNS | _TITLE_HEADS
                    or kids["dobj"].tag_ in ("NNP", "NNPS")):
                return None  # "received hospice care", "received a letter": a thing, not a visitor
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")] or _inherited_subjects(tok)
            # reciprocal verbs without "with": "A and B discussed …" when the subject coordinates at least
            # two known actors and the verb has no particle ("spoke out" is not a contact)
            prt = {c.lower_ for c in tok.children if c.dep_ == "prt"}
            known = [m for c in subj for t in c.subtree for m in self.mentions
                     if m.actor_key and self._ps.span(t)[0] >= m.start and self._ps.span(t)[1] <= m.end]
            plural = (not prt and len({m.actor_key for m in known}) >= 2
                      and any(any(t.dep_ == "cc" or t.lower_ == "including" for t in c.subtree) for c in subj))
            talk_to_actor = lemma == "talk" and "to" in preps and any(
                self._actor_at(x) for c in tok.children if c.dep_ == "prep" and c.lower_ == "to" for x in c.children if x.dep_ == "pobj")
            if lemma in ("speak", "chat", "confer", "discuss") and not preps & {"with", "to"} and not plural:
                return None
            if lemma == "talk" and "with" not in preps and not plural and not talk_to_actor:
                return None  # "talks to" a reporter is an interview
            if lemma in ("speak", "talk", "chat") and any(
                    c.dep_ == "prep" and c.lower_ in ("on", "in") and any(x.lower_ in _BROADCAST_NOUNS for x in c.subtree)
                    for c in tok.children):
                return None  # "was speaking to <host> on radio", "on <network> radio", "in an interview": an interview
            if lemma in ("speak", "talk", "chat", "sit") and any(
                    self._media_at(x) or any(t.lower_ in _JOURNALISTS for t in x.subtree)
                    or (any(t.lower_ == "host" for t in x.subtree) and any(t.lower_ in _BROADCAST_NOUNS for t in x.subtree))
                    for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "to")
                    for x in c.children if x.dep_ == "pobj"):
                return None  # "spoke with <Network> News", "sits down with reporter <Name>", "… with radio host <Name>": an interview
            if lemma in ("speak", "talk", "chat", "sit") and any(
                    p.dep_ == "poss" and (self._media_at(p) or self._is_medium(self._words_of(p)))
                    for c in subj for p in c.children):
                return None  # "<Network> News' <Name> sits down with the prime minister": its journalist, an interview
            if lemma == "discuss" and "with" not in preps and not plural:
                return None
            if lemma == "sign" and any(c.dep_ == "prt" and c.lower_ in ("off", "up", "out") for c in tok.children):
                return None  # "signed off" = approved, "signed up" = enrolled: no signing between parties
            if lemma == "sign":
                obj = kids.get("dobj")
                if not (preps & {"with"} or (obj is not None and obj.lower_ in _AGREEMENT_WORDS)):
                    return None
            if lemma in ("travel", "arrive", "fly", "tour", "land") and not preps & {"to", "in", "into"} and "dobj" not in kids:
                return None
            if low == "visiting" and "aux" not in kids and "nsubj" not in kids and "dobj" in kids \
                    and kids["dobj"].lower_ in _GROUP_NOUNS:
                return None  # "told visiting officials": the visitors described, not a visit
            if lemma in ("come", "head") and "to" not in preps:
                return None
            if lemma == "speak" and any(c.lower_ in ("phone", "telephone") for c in tok.subtree):
                return "call"
            return TRIGGER_VERBS[lemma]
        if tok.tag_ in ("NN", "NNS", "NNP", "NNPS") and low in TRIGGER_NOUNS:
            kind = TRIGGER_NOUNS[low]
            compounds = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")}
            if low == "call" and not (compounds & {"phone", "telephone", "video"}
                                      or any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children)):
                return None
            if low == "call" or compounds & {"phone", "telephone", "video"}:
                return "call"
            preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
            if low == "talks" and tok.dep_ == "ROOT" and "to" in preps and not preps & {"with", "between", "among"}:
                return None  # "X talks to Y": the verb mistagged in a headline, an interview
            if low == "chats" and "with" not in preps:
                return None  # "chats with <X>"; not a group chat
            if low in ("dinner", "lunch") and tok.text[:1].isupper() and not tok.is_sent_start \
                    and any(c.dep_ in ("compound", "poss") and c.tag_ in ("NNP", "NNPS", "POS") for c in tok.children) \
                    and not title_case_headline(self._ps.doc.text):
                return None  # "spoke at the <Party>'s <Name> Dinner": a named event, not a contact between parties
            if low == "ceremony" and "signing" not in compounds:
                return None  # an award or an opening ceremony is not a contact between parties
            return kind
        return None

    def _arguments(self, ps: ParsedSentence, trigger: Any, kind: str) -> tuple[list[Participant], list[Participant]]:
        is_verb = trigger.tag_.startswith("VB")
        agents: list[Participant] = []
        others: list[Participant] = []
        lemma = _VERB_FORMS.get(trigger.lower_) if is_verb else None
        agent_role = "host" if lemma in ("host", "receive", "welcome") else (
            "visitor" if kind == "visit" else "participant")
        other_role = "visitor" if agent_role == "host" else ("host" if kind == "visit" else "participant")
        if is_verb:
            if trigger.dep_ == "acl" and trigger.tag_ == "VBN" and any(c.dep_ == "agent" for c in trigger.children):
                # "<X> welcomed by <Y>", "<X>, received by <Y>": the noun the participle modifies is its object
                others += self.participants_of(ps, trigger.head, "visitor" if agent_role == "host" else other_role)
            for c in trigger.children:
                if c.dep_ == "nsubj" and c.lower_ in ("who", "that", "which") and trigger.dep_ == "relcl":
                    agents += self.participants_of(ps, trigger.head, agent_role)  # "Lavrov, who met …"
                elif c.dep_ == "nsubj":
                    agents += self.participants_of(ps, c, agent_role)
                elif c.dep_ == "nsubjpass":  # "was received by X": the subject is the visitor
                    others += self.participants_of(ps, c, "visitor" if agent_role == "host" else other_role)
                elif c.dep_ == "agent":
                    agents += [p for x in c.children if x.dep_ == "pobj" for p in self.participants_of(ps, x, agent_role)]
                elif c.dep_ in ("advmod", "npadvmod") and c.tag_ in ("NNP", "NNPS") and c.i == trigger.i + 1 \
                        and not any(k.dep_ == "dobj" for k in trigger.children) and lemma in ("meet", "visit", "host", "receive", "welcome", "phone", "call"):
                    others += self.participants_of(ps, c, other_role)  # "visited <Surname> in …" with the name mis-parsed as an adverb
                elif c.dep_ == "dobj" and not (lemma == "sign" and c.lower_ in _AGREEMENT_WORDS):
                    # what is visited or hosted may be a place or an event: only known actors count
                    others += self.participants_of(ps, c, other_role)
            if not agents and trigger.dep_ in ("acl", "relcl") and trigger.head.dep_ == "ROOT" \
                    and any(k.dep_ == "aux" and k.lower_ == "to" for k in trigger.children):
                agents += self.participants_of(ps, trigger.head, agent_role)  # headline "X to meet Y" parsed as a noun phrase
            if not agents and trigger.tag_ == "VBG" and trigger.dep_ in ("advcl", "acl"):
                # "… opened with <X> hosting <Y>": the one named right before the participle does it
                before = [x for c in trigger.head.children if c.dep_ == "prep" and c.lower_ == "with"
                          for x in c.children if x.dep_ == "pobj" and max(t.i for t in x.subtree) == trigger.i - 1]
                if trigger.dep_ == "acl" and trigger.head.i == trigger.i - 1:
                    before.append(trigger.head)
                agents += [p for x in before for p in self.participants_of(ps, x, agent_role)]
            if not agents:
                agents += [p for c in _inherited_subjects(trigger) for p in self.participants_of(ps, c, agent_role)]
        else:
            named = [c for c in self._name_compounds(ps, trigger) if self._is_person_token(ps, c)]
            for c in trigger.children:
                if c.dep_ == "poss" and not (named and all(p.actor_type == "country" for p in self.participants_of(ps, c, agent_role))):
                    agents += self.participants_of(ps, c, agent_role)  # "<Country>'s <Person> meeting": the person, not the country
            for c in self._name_compounds(ps, trigger):
                agents += self.participants_of(ps, c, "participant")
            anchor = trigger  # "held a first round of talks": the verb holds the round
            while anchor.dep_ == "pobj" and anchor.head.lower_ == "of" and anchor.head.head.tag_ in ("NN", "NNS"):
                anchor = anchor.head.head
            gov = anchor.head
            if anchor.dep_ == "dobj" and gov.lower_ in _HOLDING:
                subjects = _subjects_of(gov)
                agents += [p for c in subjects for p in self.participants_of(ps, c, agent_role)]
                # "was having lunch with <Name>": the parser hung the counterpart on the holding verb
                if not any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in trigger.children):
                    others += [p for c in gov.children if c.dep_ == "prep" and c.lower_ in ("with", "between")
                               for x in c.children if x.dep_ == "pobj" for p in self.participants_of(ps, x, other_role)]
            # "held talks for / in / with …"; and "said at a meeting with X", "announced during a visit to
            # <capital>": an adjunct event is the verb subject's only when the noun has no possessor ("during
            # X's trip": X is the party) and no of/by argument ("a meeting of the committee"), and names
            # its own counterpart or is a visit to a place by a person
            governing: tuple[str, ...] = ("for", "in", "with")
            if kind == "visit" and gov.lower_ == "on" and gov.head.lower_ in _BEING_ON and not any(
                    c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("of", "by")) for c in trigger.children):
                governing += ("on",)  # "is on a two-day visit to …" (not "on X's visit", "on a visit by X")
            if _ahead_of(anchor) and gov.dep_ == "prep" and gov.head.dep_ in ("advmod", "prep") and gov.head.head.tag_.startswith("VB") and not agents \
                    and not any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("of", "by", "between"))
                                for c in trigger.children) \
                    and any(c.dep_ == "prep" and c.lower_ == "with" for c in trigger.children):
                # "<X> said ahead of a meeting with <Y> that …", "spoke prior to talks with <Y>": a contact still
                # to come of the verb's subject with the one it names (the status says it is to come)
                agents += [p for c in _subjects_of(gov.head.head) for p in self.participants_of(ps, c, agent_role)]
            if gov.lower_ in ("at", "during", "after", "following", "from", "on") and not agents:
                preps_ = {c.lower_ for c in trigger.children if c.dep_ == "prep"}
                subj_people = [c for c in _subjects_of(gov.head)
                               if any(p.actor_type == "person" for p in self.participants_of(ps, c, agent_role))]
                if gov.lower_ == "on" and not (kind == "visit" and "to" in preps_):
                    subj_people = []  # "on" makes an adjunct only of a visit somewhere: "vowed … on a visit to <capital>"
                if not any(c.dep_ == "poss" for c in trigger.children) and not preps_ & {"of", "by"} and (
                        (preps_ & {"with", "between"} and gov.lower_ != "on") or (kind == "visit" and "to" in preps_ and subj_people)):
                    # "emerged from talks with", "pledged … on a visit to"
                    governing = ("for", "in", "with", "at", "during", "after", "following", "from", "on")
            if not agents and anchor.dep_ == "pobj" and gov.dep_ == "prep" and gov.head.tag_.startswith("VB") \
                    and gov.lower_ in _ADJUNCT_PREPS and kind in ("meeting", "talks", "summit", "call") \
                    and not any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("of", "by", "with", "between"))
                                for c in trigger.children):
                # "At a meeting in <city>, A and B agreed …": the contact is the one of the verb's coordinated
                # subjects; "In a phone call, A told B …": of its subject and the one it addresses
                verb = gov.head
                subjects = _subjects_of(verb)
                found = [p for c in subjects for p in self.participants_of(ps, c, "participant")]
                coordinated = any(t.dep_ == "cc" for c in subjects for t in c.subtree)
                if coordinated and len({p.identity for p in found}) >= 2:
                    agents += found
                elif found and verb.lower_ in _ADDRESS_FORMS:
                    addressed = [p for c in verb.children if c.dep_ in ("dobj", "dative")
                                 for p in self.participants_of(ps, c, "participant")]
                    if addressed:
                        agents += found
                        others += addressed
            if anchor.dep_ == "pobj" and gov.dep_ == "prep" and gov.head.tag_.startswith("VB") and gov.lower_ in governing:
                # the verb's subject, or the one it takes from the verb it depends on ("pledges to raise it at talks with …")
                subjects = _subjects_of(gov.head)
                agents += [p for c in subjects for p in self.participants_of(ps, c, agent_role)]
        for c in [*trigger.children, *self._object_with(trigger, lemma)]:
            if c.dep_ != "prep":
                continue
            prep = c.lower_
            pobjs = [x for x in c.children if x.dep_ == "pobj"]
            # "<X>'s meeting with <Name> signals a thaw": the parse hung the name on the verb, or read the verb as
            # the object with the name its compound — the one met is the actor named right after the preposition
            misread = not pobjs or (len(pobjs) == 1 and pobjs[0].tag_ in ("NNS", "VBZ") and pobjs[0].text.islower()
                                    and pobjs[0].i + 1 < len(pobjs[0].doc) and pobjs[0].doc[pobjs[0].i + 1].tag_ == "DT"
                                    and not self.participants_of(ps, pobjs[0], other_role))
            if misread and prep in ("with", "between") and not is_verb:
                others += self._named_after(ps, c, other_role)
                continue
            if prep == "with" and any(
                    k.dep_ == "prep" and k.lower_ in ("on", "in", "at") and k.i > c.i
                    and any(y.dep_ == "pobj" and y.lower_ in _TOPIC_HOLDERS for y in k.children)
                    for k in [*c.head.children, *(k for x in pobjs for k in x.children)]):
                continue  # "visits <city> with <X> and <Y> on the agenda": topics, not counterparts
            if prep == "with" and is_verb and lemma in ("travel", "fly", "arrive", "land", "head", "come", "go"):
                for x in pobjs:  # "travels with <X> to <city>": a companion on the trip, not its host
                    others += self.participants_of(ps, x, "visitor")
            elif prep in ("with", "between", "among") or (prep == "to" and kind in ("visit", "call", "talks", "meeting")) \
                    or (prep in ("in", "into") and kind == "visit" and is_verb and lemma in ("arrive", "travel", "fly", "land")):
                for x in pobjs:
                    others += self.participants_of(ps, x, other_role)
            elif prep == "by" and not is_verb:
                for x in pobjs:
                    agents += self.participants_of(ps, x, agent_role)
            elif prep == "of" and not is_verb and kind in ("summit", "meeting", "talks", "visit"):
                for x in pobjs:
                    if trigger.lower_ in ("tour", "tours"):  # "a tour of <country>": the country toured hosts it
                        others += [p for p in self.participants_of(ps, x, "host") if p.actor_type == "country"]
                        continue
                    agents += self.participants_of(ps, x, agent_role if kind == "visit" else "participant")
        return agents, others

    def _named_after(self, ps: ParsedSentence, prep: Any, role: str) -> list[Participant]:
        """The actor named in the capitalized words right after a preposition (the person of "<Company> Chief
        Executive <Name>" before the company)."""
        after = ps.span(prep)[1]
        run = _CAPITALIZED_RUN.match(self.text, after)
        if run is None:
            return []
        named = sorted((m for m in self.mentions if after <= m.start and m.end <= run.end()
                        and m.actor_type in ("person", "country", "organization")),
                       key=lambda m: (m.actor_type != "person", m.start))
        return [Participant(m.actor_key, m.actor_name, m.actor_type, role, m.start, m.end) for m in named[:1]]

    def _place(self, ps: ParsedSentence, trigger: Any) -> tuple[str | None, str | None]:
        clause, where = trigger, False
        while True:
            where = where or any(c.dep_ == "advmod" and c.lower_ == "where" for c in clause.children)
            if clause.dep_ != "xcomp" or clause.head.i == clause.i:
                break
            clause = clause.head  # "…, where he is scheduled to meet …": the clause of the verb that governs it
        if clause.dep_ in ("relcl", "advcl") and where:
            # "travelled to <city> on Monday, where he met …": the place the "where" clause hangs on
            ante = clause.head
            verb = ante
            while not verb.tag_.startswith("VB") and verb.head.i != verb.i:
                verb = verb.head  # (the parser may hang the clause on "Monday": the places of its verb count)
            cands = [ante] + [x for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "in", "at")
                              and c.i < trigger.i for x in c.children if x.dep_ == "pobj"]
            for x in cands:
                place = self._place_at(ps, x)
                if place is not None:
                    return place.name, place.country_code
        scope = [trigger] + ([trigger.head] if trigger.head.i != trigger.i else [])
        if not trigger.tag_.startswith("VB"):  # "talks between X and Y, held in <city> on Monday"
            scope[1:1] = [c for c in trigger.children if c.dep_ == "acl" and c.tag_ == "VBN"]
        for node in scope:
            for c in node.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "at", "to", "into"):
                    for x in c.children:
                        if x.dep_ != "pobj":
                            continue
                        s, e = ps.span(x)
                        place = self._place_at(ps, x)
                        if place is not None:
                            return place.name, place.country_code
                        actor = self._stated_at(s, e, ("country", "organization"))
                        if actor is not None:  # "in Russia", "at the Kremlin": the seat of a state body
                            return actor.text if actor.actor_type == "organization" else actor.actor_name, actor.country_code
                if c.dep_ == "compound" and node.i == trigger.i and not trigger.tag_.startswith("VB"):
                    # "the Yerevan talks", "a Moscow summit": the place names the contact itself
                    s, e = ps.span(c)
                    place = next((p for ps_, pe, p in self.place_spans if ps_ <= s and e <= pe and p.kind != "demonym"),
                                 None)
                    if place is not None:
                        return place.name, place.country_code
                if c.dep_ == "dobj" and _VERB_FORMS.get(node.lower_) in ("visit", "tour"):
                    s, e = ps.span(c)
                    place = next((p for ps_, pe, p in self.place_spans if ps_ <= s and e <= pe), None)
                    if place is not None:
                        return place.name, place.country_code
                    country = self._stated_at(s, e, ("country",))
                    if country is not None:  # "visited <country>": the country is the place
                        return country.actor_name, country.country_code
        # "Putin, who hosted the talks, said in Moscow …", "the two met on Friday at the Kremlin in Moscow":
        # a place anywhere in the trigger's clause, when the clause names only one country's places
        head = trigger
        while not head.tag_.startswith("VB") and head.head.i != head.i:
            head = head.head
        found: dict[str, tuple[str, str]] = {}
        hosts: dict[str, tuple[str, str]] = {}  # countries where a gathering of the clause took place
        for prep in head.subtree:
            # "in <city>", "at <venue> in <city>", and the "to <city>" of a visit in the clause ("<X>, on a
            # visit to <city>, met <Y>", "met <Y> during a trip to <city>")
            if prep.dep_ != "prep" or not (prep.lower_ in ("in", "at") or (
                    prep.lower_ == "to" and TRIGGER_NOUNS.get(prep.head.lower_) == "visit"
                    and not any(c.dep_ == "prep" and c.lower_ == "by" for c in prep.head.children))):
                continue  # (not "… follow a trip to <city> by <someone else>": where another went)
            if not _locative_path(prep, head):
                continue  # "discussed pauses in attacks in <place>": where the topic is, not the contact
            if _another_time(prep, head) and not _another_time(trigger, head):
                continue  # "will meet <Y> in <city>, after a trip to <city2>": where another moment was (but
                # "after talks with <Y> in <city>": the contact's own moment is that one)
            for x in prep.children:
                if x.dep_ != "pobj":
                    continue
                place = self._place_at(ps, x)
                if place is not None and place.country_code:
                    found.setdefault(place.country_code, (place.name, place.country_code))
                elif place is None and prep.lower_ == "in" and prep.head.i != head.i and prep.head.lower_ in TRIGGER_NOUNS \
                        and not _another_time(prep, head):
                    # "on the sidelines of the <bloc> summit in <country>", "his meetings at the summit in <country>":
                    # the country of a gathering the clause's contact was part of, when nothing names its town
                    s, e = ps.span(x)
                    country = self._stated_at(s, e, ("country",), method="gazetteer")
                    if country is not None and country.country_code:
                        hosts.setdefault(country.country_code, (country.actor_name, country.country_code))
        if not found and len(hosts) == 1:
            return next(iter(hosts.values()))
        if len(found) == 1:
            return next(iter(found.values()))
        return self._venue(ps, scope), None

    def _place_at(self, ps: ParsedSentence, x: Any) -> Place | None:
        """The place a preposition's object names: a seed place, "the <adjective> city of <place>", or
        "the <demonym> capital"."""
        s, e = ps.span(x)
        place = next((p for ps_, pe, p in self.place_spans if ps_ <= s and e <= pe), None)
        if place is not None or x.lower_ not in _PLACE_NOUNS:
            return place
        for c in x.children:
            if c.dep_ == "appos":  # "in the capital <place>", "the port city, <place>,"
                cs, ce = ps.span(c)
                named = next((p for ps_, pe, p in self.place_spans if ps_ <= cs and ce <= pe), None)
                if named is not None:
                    return named
            if c.dep_ == "prep" and c.lower_ == "of":  # "the port city of <place>"
                for y in c.children:
                    if y.dep_ == "pobj":
                        ys, ye = ps.span(y)
                        return next((p for ps_, pe, p in self.place_spans if ps_ <= ys and ye <= pe), None)
        if x.lower_ == "capital":  # "the <demonym> capital", "<Country>'s capital"
            for c in x.children:
                if c.dep_ in ("amod", "compound", "poss"):
                    cs, ce = ps.span(c)
                    code = next((p.country_code for a, b, p in self.places.find(self.text) if a <= cs and ce <= b), None) \
                        or next((m.country_code for m in self.mentions
                                 if m.start <= cs and ce <= m.end and m.actor_type == "country"), None)
                    capital = next((p for p in self.places.places if p.kind == "capital" and p.country_code == code), None)
                    if code and capital is not None:
                        return capital
        return None

    def _venue(self, ps: ParsedSentence, scope: list[Any]) -> str | None:
        """A named venue or town the seeds do not know, in the trigger's own "in / at / on <Name>" ("met
        with X on <Name> Hill", "talks at <Name> Lodge", "met in <town>"): its name, country unknown. Not
        an actor, a date ("on Monday", "in March") or a holiday."""
        if title_case_headline(ps.doc.text):
            return None  # a Title Case headline capitalizes every word: no telling a venue from a topic
        for node in scope:
            for c in node.children:
                if c.dep_ != "prep" or c.lower_ not in ("in", "at", "on"):
                    continue
                for x in c.children:
                    if x.dep_ != "pobj" or x.tag_ not in ("NNP", "NNPS"):
                        continue
                    words = [t for t in x.lefts if t.dep_ == "compound" and t.tag_ in ("NNP", "NNPS")] + [x]
                    s, _ = ps.span(words[0])
                    _, e = ps.span(x)
                    if any(w.text in _CALENDAR_WORDS for w in words) or (len(words) == 1 and len(x.text) <= 3) \
                            or any(m.start < e and s < m.end for m in self.mentions):
                        continue
                    return " ".join(self.text[s:e].split())
        return None

    def events(self, ps: ParsedSentence) -> list[tuple[Any, str, str, list[Participant], str | None, str | None]]:
        found: list[tuple[Any, str, str, list[Participant], str | None, str | None]] = []
        seen: list[frozenset[str]] = []
        self._ps = ps
        for tok in ps.doc:
            kind = self._is_trigger(tok)
            if kind is None:
                continue
            s, e = ps.span(tok)
            if any(m.start <= s and e <= m.end for m in self.mentions):
                continue  # part of a name ("Summit Bank")
            status = self.status_of(tok)
            if status is None:
                continue
            agents, others = self._arguments(ps, tok, kind)
            # "membership talks with <X> and <Y>": one side named, the other not, and X and Y did not meet (at a
            # summit "with the leaders of <X> and <Y>" they do)
            if not agents and len(others) > 1 and kind != "summit" and self._with_only(tok, _VERB_FORMS.get(tok.lower_)):
                continue
            parts: dict[str, Participant] = {}
            for p in [*agents, *others]:
                parts.setdefault(p.identity, p)
            hosts = [k for k, p in parts.items() if p.role == "host" and p.actor_type == "country"]
            people = [p for p in parts.values() if p.actor_type == "person"]
            for k in hosts:
                known_people = [p for p in people if _country_of(p, self.gazetteer) is not None]
                if known_people and all(_country_of(p, self.gazetteer) == k for p in known_people):
                    del parts[k]  # a trip at home is no visit (nor for those with them whom the seeds cannot place)
                elif people and all(_country_of(p, self.gazetteer) is None for p in people) \
                        and self._named_by_a_town(parts[k]):
                    del parts[k]  # a trip to a town by people of no known country: as likely a trip at home
            loc_name, loc_code = self._place(ps, tok)
            lemma_ = _VERB_FORMS.get(tok.lower_) if tok.tag_.startswith("VB") else None
            # one participant and a place make a visit only when the participant is the one who went
            # (the subject, or the object of host/receive) and no named counterpart went unresolved
            from_agent = any(p.identity in parts for p in agents) or lemma_ in ("host", "receive", "welcome")
            explicit = not from_agent or self._unresolved_counterpart(ps, tok, singular_only=True)
            if len(parts) == 1 and loc_code and kind in ("visit", "talks", "meeting", "summit", "signing") and not explicit:
                visitor = next(iter(parts.values()))
                host = self.gazetteer.country(loc_code)
                own = self.gazetteer.actors.get(visitor.actor_key) if visitor.actor_key else None
                town = loc_name is not None and _is_town(self.places.by_name.get(loc_name))
                if host is not None and visitor.actor_type == "person" and visitor.identity != host.actor_id \
                        and (own.country_code != loc_code if own is not None else not town):  # at home is no visit
                    visitor.role = "visitor"
                    at = ps.doc.text.find(loc_name) if loc_name else -1
                    h_start, h_end = (ps.start + at, ps.start + at + len(loc_name)) if loc_name and at >= 0 else (None, None)
                    parts[host.actor_id] = Participant(host.actor_id, host.canonical_name, "country", "host", h_start, h_end)
            if any(p.actor_type == "organization" and self._is_medium(p.actor_name) for p in parts.values()):
                continue  # "<Newspaper> visited <country>", "spoke to <Newspaper>": reporting, not a contact
            if len(parts) < 2 or (all(p.actor_type == "descriptor" for p in parts.values())
                                  and not _officials_of_states(list(parts.values()), self.mentions, self.demonym_spans)):
                continue  # (a contact of two described officials: of whom, the text does not say)
            if self._only_own_officials(parts):
                continue  # "<Country>" and "its <demonym> counterpart": one side, the other unresolved
            if self._one_state_only(parts) and not any(c.dep_ == "prep" and c.lower_ == "between" for c in tok.children):
                continue  # "<Country>'s <its parliament> meeting": a state and its own organ, one side
            if all(p.role == "host" for p in parts.values()):
                continue  # "<unnamed official> to travel to <city> and <city>": no one known went anywhere
            if kind == "visit" and all(p.role == "visitor" for p in parts.values()):
                continue  # "<A> and <B> visited <town>", "<A> travels with <B>": fellow travellers, no one visited
            key = frozenset(parts)
            if key in seen:
                continue  # "met … for talks": one contact, reported by two triggers
            seen.append(key)
            found.append((tok, kind, status, list(parts.values()), loc_name, loc_code))
        if not found:
            found += self._headline_visit(ps)
        return _without_implied_visits(found, self.gazetteer)

    def _named_by_a_town(self, host: Participant) -> bool:
        """Whether a host country stands for a town or region of it the text names ("visited <city>"), not
        for its capital or its own name: a trip there by people the seeds cannot place in a country is as
        likely a trip at home as a visit abroad."""
        return any(s == host.start and e == host.end and _is_town(p) for s, e, p in self.place_spans)

    def _the_two(self, ps: ParsedSentence, tok: Any) -> list[Mention]:
        """ "the two leaders", "the two countries": the two people (or states) the text named last before the
        sentence, within the two sentences before it — none when a third of the kind is named there too. Only
        where the two are the sides of the contact (its subject, "between the two …"): "negotiations with the
        two countries" has them as one side of someone else's."""
        kind = "person" if tok.lower_ in _TWO_PEOPLE else "country" if tok.lower_ in _TWO_STATES else None
        sides = tok.dep_ in ("nsubj", "nsubjpass") or (tok.dep_ == "pobj" and tok.head.lower_ == "between")
        if kind is None or not sides or not any(c.dep_ == "nummod" and c.lower_ == "two" for c in tok.children) \
                or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return []
        if not self.sentences or not self.sentences.spans:
            return []
        floor = self.sentences.spans[max(0, self.sentences.index_of(ps.start) - 2)][0]
        named: dict[str, Mention] = {}
        for m in self.mentions:
            if m.actor_type == kind and floor <= m.start and m.end <= ps.start:
                named.setdefault(m.identity, m)
        return list(named.values()) if len(named) == 2 else []

    def _with_only(self, trigger: Any, lemma: str | None) -> bool:
        """Whether the counterparts of a contact are named only by "with …" (no "between", "among"): with no
        agent, the side they met is not named."""
        preps = {c.lower_ for c in [*trigger.children, *self._object_with(trigger, lemma)] if c.dep_ == "prep"}
        return "with" in preps and not preps & {"between", "among"}

    def _one_state_only(self, parts: dict[str, Participant]) -> bool:
        """A country and one actor of that same country, and no one else: one side only."""
        if len(parts) != 2:
            return False
        countries = [p for p in parts.values() if p.actor_type == "country" and p.actor_key]
        if len(countries) != 1:
            return False
        other = next(p for p in parts.values() if p is not countries[0])
        spans = sorted((p.start, p.end) for p in parts.values() if p.start is not None and p.end is not None)
        if len(spans) == 2 and re.fullmatch(r"\s*[-–—/]\s*", self.text[spans[0][1]:spans[1][0]]):
            return False  # "<Country>-<Group> peace talks": the two sides of a hyphenated pair
        actor = self.gazetteer.actors.get(other.actor_key) if other.actor_key else None
        own = self.gazetteer.country(actor.country_code) if actor is not None and actor.country_code else None
        return own is not None and own.actor_id == countries[0].actor_key

    def _only_own_officials(self, parts: dict[str, Participant]) -> bool:
        """Countries and described officials of those same countries only: no second side."""
        countries = {p.actor_key for p in parts.values() if p.actor_type == "country"}
        described = [p for p in parts.values() if p.actor_type == "descriptor"]
        if not countries or not described or any(p.actor_type not in ("country", "descriptor") for p in parts.values()):
            return False
        for p in described:
            keys = {h.actor_id for c in _described_countries(p, self.mentions, self.demonym_spans)
                    if (h := self.gazetteer.country(c)) is not None}
            if not keys or not keys <= countries:
                return False
        return len(countries) == 1

    def _unresolved_counterpart(self, ps: ParsedSentence, trigger: Any, singular_only: bool = False) -> bool:
        """ "met with <country>'s defense minister", "talks between X and a top aide": a counterpart is named
        as a person-like noun phrase that resolved to no actor; the host country is not it."""
        for c in trigger.children:
            if c.dep_ == "dobj" and c.tag_ == "NN" and trigger.tag_.startswith("VB") \
                    and _VERB_FORMS.get(trigger.lower_) == "meet" and not self.participants_of(ps, c, "participant"):
                return True  # "met his counterpart in <City>": whom he met is unknown, not the city's country
            if c.dep_ == "prep" and c.lower_ in ("with", "between"):
                for x in c.children:
                    if x.dep_ != "pobj":
                        continue
                    for h in [x, *x.conjuncts]:
                        # with singular_only, "with <X>" counts only a singular common noun ("South Korean
                        # officials", "the <City> Nine": the host's side, unnamed), while "between <X>" also
                        # counts a plural ("negotiations between the signatories": parties the text does not
                        # name, of which the subject is at most one)
                        counted = ("NN",) if c.lower_ == "with" else ("NN", "NNS")
                        if singular_only and (h.tag_ not in counted or (c.lower_ == "with" and h.lower_ in _GROUP_NOUNS)):
                            continue
                        if not self.participants_of(ps, h, "participant"):
                            return True
        return False

    def _headline_visit(self, ps: ParsedSentence) -> list[tuple[Any, str, str, list[Participant], str | None, str | None]]:
        """A verbless headline "<person> in <country or city>" ("<Minister> in <Country>") reports a visit
        under way: the person is the visitor, the place's country the host. A domestic trip (the
        person's own country) is not a contact between parties, and only people the seeds know are
        taken, since the construction is as common for celebrities as for officials."""
        root = next((t for t in ps.doc if t.dep_ == "ROOT"), None)
        if root is None or any(t.tag_.startswith("VB") or t.tag_ == "MD" for t in ps.doc) or len(ps.doc) > 12:
            return []
        visitors = [p for p in self.participants_of(ps, root, "visitor") if p.actor_type == "person"]
        if len(visitors) != 1:
            return []
        prep = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "in"), None)
        pobj = next((x for x in prep.children if x.dep_ == "pobj"), None) if prep is not None else None
        if pobj is None:
            return []
        s, e = ps.span(pobj)
        place = next((p for ps_, pe, p in self.place_spans if ps_ <= s and e <= pe), None)
        country = next((m for m in self.mentions if m.start <= s and e <= m.end and m.actor_type == "country"), None)
        code = place.country_code if place is not None else country.country_code if country is not None else None
        host = self.gazetteer.country(code) if code else None
        visitor = visitors[0]
        own = self.gazetteer.actors.get(visitor.actor_key) if visitor.actor_key else None
        if host is None or own is None or not own.country_code or own.country_code == code:
            return []  # only a known actor with a known country: "<celebrity> in Paris" is no contact
        name = place.name if place is not None else host.canonical_name
        return [(root, "visit", "held", [visitor, Participant(host.actor_id, host.canonical_name, "country", "host",
                                                                 None, None)], name, code)]


_RELATIVE_SUBJECTS = frozenset(["who", "that", "which"])
# prepositions that put a gerund's event before the clause's: "after meeting <X>", "following talks"
_PRIOR_PREPOSITIONS = frozenset(["after", "following", "since"])
# words before an office that make its holders other than those of the day
_NOT_IN_OFFICE = frozenset(["former", "ex", "late", "previous", "past", "outgoing", "incoming", "future", "acting"])
_CAPITALIZED_RUN = re.compile(r"(?:\s*[A-Z][\w.'’&-]*)+")


def _asked_for(trigger: Any) -> bool:
    """Whether a contact is what someone asks for: the object of "call for / push for / urge / demand" or of
    "the need for / the importance of", directly or through the verbs it depends on ("urged <X> to meet
    <Y>", "the importance of resuming … and starting talks") — not a contact in an adjunct of such a clause
    ("urged … during a call with <Y>", "calls for … when he visits <Y>")."""
    node = trigger
    for _ in range(6):
        if node.head.i == node.i or node.dep_ not in ("dobj", "pobj", "prep", "pcomp", "xcomp", "conj"):
            return False
        if node.dep_ == "prep" and node.lower_ not in ("for", "of"):
            return False
        if node.dep_ == "conj" and not (node.tag_ == "VBG" or node.tag_.startswith("NN")):
            return False  # coordinated objects ("resuming … and starting talks"), not a finite verb of its own
        node = node.head
        if node.tag_.startswith("NN") and node.lower_ in _CALLING_NOUNS:
            return True
        if node.tag_.startswith("VB") and node.lower_ in _CALLING_FORMS and (
                _CALLING_FORMS[node.lower_] not in _CALLING_FOR
                or any(k.dep_ == "prep" and k.lower_ == "for" for k in node.children)):
            return True
    return False


def _subjects_of(verb: Any) -> list[Any]:
    """A verb's own subjects, else the one it takes from the verb it depends on; the relative pronoun of a
    relative clause stands for the noun the clause describes ("<X>, who is in <city> for talks with …")."""
    own = [c for c in verb.children if c.dep_ == "nsubj"]
    if verb.dep_ == "relcl" and verb.head.i != verb.i and any(c.lower_ in _RELATIVE_SUBJECTS for c in own):
        return [verb.head]
    return own or _inherited_subjects(verb)


_REPORTING_FORMS = verb_forms(["say", "announce", "state", "confirm", "report", "add", "note", "tell", "disclose", "reveal"])


def _reporter_subjects(verb: Any) -> list[Any]:
    """The subject of the reporting verb a clause is the content of ("<X> said it …": X), through the verbs
    the clause's own verb depends on ("<X> said it plans to resume …"); none when its verb is not reported."""
    while verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "ccomp" or verb.head.lower_ not in _REPORTING_FORMS:
        return []
    return [c for c in verb.head.children if c.dep_ == "nsubj" and c.lower_ != "it"]


def _inherited_subjects(verb: Any) -> list[Any]:
    """The subject a verb without one takes from the verb it depends on: "X will visit Brazil to attend
    talks", "X met Y and signed …", "X is set to visit …"."""
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i and verb.head.tag_.startswith("VB"):
        own = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return own or _inherited_subjects(verb.head)
    if verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.tag_ in ("NNP", "NNPS") \
            and any(k.dep_ == "aux" and k.lower_ == "to" for k in verb.children):
        return [verb.head]  # a headline "<X> to renew talks with <Y>" parsed as a noun phrase: X does it
    if verb.dep_ == "ROOT" and any(k.dep_ == "aux" and k.lower_ == "to" for k in verb.children):
        # … or with X left unattached ("dep") before the verb
        return [k for k in verb.children if k.dep_ == "dep" and k.i < verb.i and k.tag_ in ("NNP", "NNPS")]
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ in _PRIOR_PREPOSITIONS \
            and verb.head.head.tag_.startswith("VB"):
        # "<X> and <Y> agreed to … after meeting in <city>": the subject of the verb the gerund's preposition modifies
        return _subjects_of(verb.head.head)
    if verb.tag_ == "VBG" and verb.dep_ in ("nsubj", "csubj") and verb.head.tag_.startswith("VB"):
        # "<X> said meeting with <Y> was useful": a gerund subject of a reported clause is the reporter's
        # own contact (the speaker tells of what they did); none when the clause is not reported
        return _reporter_subjects(verb.head)
    if verb.dep_ == "xcomp" and verb.head.dep_ == "acomp" and verb.head.head.tag_.startswith("VB"):
        # "X and Y are due (likely, ready, eager) to meet": the subject of the verb the adjective completes
        return [c for c in verb.head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return []


def _without_implied_visits(
    events: list[tuple[Any, str, str, list[Participant], str | None, str | None]], gazetteer: Gazetteer
) -> list[tuple[Any, str, str, list[Participant], str | None, str | None]]:
    """ "X arrived in Moscow for talks with Putin": one contact, X and Putin in Moscow — the visit to the
    host country is implied by the meeting with its leader, so it is not a second event — unless a verb of its
    own gives the meeting another status: "X arrives in Washington and will discuss … with <leader>" is a held
    visit and a planned meeting. The meeting takes the visit's place when it names none ("<X>, who is
    visiting <city>, met <leader>")."""
    out = []
    placed: dict[int, tuple[str | None, str | None]] = {}
    for ev in events:
        kind, parts = ev[1], ev[3]
        host = next((p for p in parts if p.role == "host" and p.actor_type == "country"), None)
        visitor = next((p for p in parts if p.role != "host"), None)
        if kind == "visit" and host is not None and visitor is not None and len(parts) == 2:
            # (a contact still ahead does not stand for a trip made: "<X> lands in <Country> ahead of talks with
            # <leader>" is a held visit and planned talks)
            richer = [o for o in events if o is not ev and (o[2] == ev[2] or (not o[0].tag_.startswith("VB") and not (
                                                                ev[2] == "held" and _ahead_of(o[0])))
                                                            or (o[0].head.i == ev[0].i and o[0].dep_ in ("xcomp", "advcl")))
                      and any(p.identity == visitor.identity for p in o[3])
                      and any(_country_of(p, gazetteer) == host.actor_key for p in o[3] if p.identity != visitor.identity)]
            if richer:
                for o in richer:
                    if o[4] is None and o[5] is None and (ev[4] is not None or ev[5] is not None):
                        placed.setdefault(id(o), (ev[4], ev[5]))
                continue
        out.append(ev)
    return [(*ev[:4], *placed[id(ev)]) if id(ev) in placed else ev for ev in out]


# two-word prepositions that place an event still to come: "ahead of talks", "prior to the summit"
_AHEAD_PREPOSITIONS = frozenset([("of", "ahead"), ("to", "prior")])


def _ahead_of(trigger: Any) -> bool:
    """ "ahead of talks", "prior to the summit": an event noun the clause places still to come."""
    prep = trigger.head
    return trigger.dep_ == "pobj" and (prep.lower_, prep.head.lower_) in _AHEAD_PREPOSITIONS


def _is_town(place: Place | None) -> bool:
    """A town or region of the places seed: neither a capital (which stands for its state) nor a demonym."""
    return place is not None and place.kind not in ("capital", "demonym")


def _iso_of(p: Participant, gazetteer: Gazetteer) -> str | None:
    """The ISO code of a gazetteer participant's country (a country's own)."""
    actor = gazetteer.actors.get(p.actor_key) if p.actor_key else None
    return actor.country_code if actor is not None else None


def _country_of(p: Participant, gazetteer: Gazetteer) -> str | None:
    actor = gazetteer.actors.get(p.actor_key) if p.actor_key else None
    if actor is None or not actor.country_code:
        return None
    country = gazetteer.country(actor.country_code)
    return country.actor_id if country else None


def _locative_path(prep: Any, head: Any) -> bool:
    """Whether a place preposition may tell where the clause's contact happened: not when it hangs inside
    what was discussed or said ("discussed pauses in attacks in <place>", "talked about the war in
    <place>", "emphasized the need to help people blocked in <place>")."""
    node = prep.head
    while node.i != head.i:
        if node.dep_ in ("acl", "relcl") or (node.dep_ == "pobj" and node.head.lower_ in _TOPIC_PREPS
                                                    and node.lower_ not in TRIGGER_NOUNS  # not "on a visit to"
                                                    and node.lower_ not in _SIDELINES):  # "on the sidelines of"
            return False
        if node.dep_ == "pobj" and node.tag_ == "NNS" and node.lower_ not in TRIGGER_NOUNS and (
                node.head.head.lower_ in cue_forms() or _VERB_FORMS.get(node.head.head.lower_) == "discuss"):
            return False  # "discussed pauses in attacks … in <place>": the parser hung the topic on the verb
        if node.dep_ in ("dobj", "ccomp", "xcomp") and (
                node.head.lower_ in cue_forms() or _VERB_FORMS.get(node.head.lower_) == "discuss"):
            return False
        if node.head.i == node.i:
            return False
        node = node.head
    return True


def _another_time(node: Any, head: Any) -> bool:
    """Whether a word hangs on its clause's verb through "before / after / ahead of / following …": what it
    tells belongs to another moment ("met <X> before heading to the summit in <country>")."""
    while node.i != head.i and node.head.i != node.i:
        if node.lower_ in _OTHER_TIME:
            return True
        node = node.head
    return False


_OTHER_TIME = frozenset(["before", "after", "ahead", "following", "prior", "since", "until"])
_TOPIC_PREPS = frozenset(["about", "regarding", "concerning", "over", "on"])
# a time still to come that the date resolver gives no day for
_AHEAD = re.compile(r"\b(?:next\s+(?:week|month|year)|later\s+this\s+(?:week|month|year)|tomorrow"
                    r"|in\s+the\s+coming\s+(?:days|weeks|months))\b", re.I)
# "on the sidelines of the summit in <city>": where, not what about
_SIDELINES = frozenset(["sidelines", "sideline", "margins", "margin", "fringes", "fringe"])


def _ahead_in_own_clause(text: str, ps: ParsedSentence, trigger: Any) -> bool:
    """A time still to come ("next week") in the trigger's own clause, not in a clause it governs or
    reports ("<X> said during a meeting with <Y> that the tanks arrive next week")."""
    verb = trigger
    while not verb.tag_.startswith("VB") and verb.head.i != verb.i:
        verb = verb.head
    skip = {t.i for c in verb.children if c.dep_ in ("ccomp", "advcl", "parataxis", "conj", "relcl", "xcomp")
            and not any(t.i == trigger.i for t in c.subtree) for t in c.subtree}
    own = [t for t in verb.subtree if t.i not in skip]
    for m in _AHEAD.finditer(text, ps.start, ps.end):
        if any(ps.span(t)[0] <= m.start() < ps.span(t)[1] for t in own):
            return True
    return False


def _clause_span(ps: ParsedSentence, trigger: Any) -> tuple[int, int]:
    """The evidence: the clause of the trigger (its verb's subtree), not a whole headline."""
    head = trigger
    while not head.tag_.startswith("VB") and head.head.i != head.i:
        head = head.head
    toks = list(head.subtree)
    return ps.span(toks[0], toks[-1])


def find_meetings(
    text: str,
    sentences: Sentences,
    parsed: list[ParsedSentence],
    mentions: list[Mention],
    agreements: list[Agreement],
    gazetteer: Gazetteer,
    places: Places,
    anchor: date | None,
    outlets: OutletRegistry | None = None,
) -> list[Meeting]:
    finder = _Finder(text, mentions, gazetteer, places, outlets, sentences, anchor)
    dateline = _dateline(text, sentences, anchor)
    meetings: list[Meeting] = []
    for ps in parsed:
        events = finder.events(ps)
        if not events:
            continue
        sentence = text[ps.start:ps.end]
        for trigger, kind, status, participants, loc_name, loc_code in events:
            t_start, _ = ps.span(trigger)
            dates = find_dates(sentence, anchor, future=status == "planned")
            dated = [d for d in dates if (d.precision != "year" or d.value is None) and not _dates_another_thing(ps, d)]
            best: DateMention | None = min(dated, key=lambda d: abs(ps.start + d.start - t_start)) if dated else None
            if best is None and dateline is not None:
                best = dateline
            if status == "held" and anchor is not None and best is not None and best.value is not None \
                    and best.value > anchor + timedelta(days=1):
                status = "planned"  # a report cannot tell of a meeting held after it was published
            c_start, c_end = _clause_span(ps, trigger)
            if status == "held" and _ahead_in_own_clause(text, ps, trigger):
                status = "planned"  # "<X> meets <Y> next week": a time still to come, the date unresolved
            agreement_index = None
            if kind == "signing":
                hits = [a for a in agreements if any(ps.start <= ms < ps.end for ms, _ in a.mentions)]
                agreement_index = hits[0].index if hits else None
            named_people = sum(1 for p in participants if p.actor_type == "person")
            confidence = (NAMED_PARTICIPANTS_CONFIDENCE if named_people >= 2
                          else WITH_HOST_CONFIDENCE if named_people == 1 else COUNTRIES_CONFIDENCE)
            meetings.append(Meeting(
                c_start, c_end, kind, status,
                best.value if best else None,
                best.precision if best and best.value else "unknown",
                best.text if best else None,
                loc_name, loc_code, participants, agreement_index, confidence,
            ))
    _told_back_venue(finder, text, sentences, parsed, meetings, anchor)
    _headline_tense(text, sentences, meetings)
    meetings = _described_of_a_named_side(meetings, mentions, finder.demonym_spans)
    _host_in_person(meetings, gazetteer, sentences)
    same_contact_details(meetings, gazetteer, text)
    visited_country_as_place(meetings, gazetteer)
    return meetings


def _dates_another_thing(ps: ParsedSentence, d: DateMention) -> bool:
    """Whether a date is the day of another thing its phrase names: "ahead of the June 1 deadline", "before the
    May 14 election" (not "the July 25 call", "the Monday meeting": the contact's own)."""
    start, end = ps.start + d.start, ps.start + d.end
    inside = [t for t in ps.doc if start <= ps.span(t)[0] and ps.span(t)[1] <= end]
    top = next((t for t in inside if not (start <= ps.span(t.head)[0] and ps.span(t.head)[1] <= end)), None)
    return top is not None and top.dep_ in ("nmod", "compound", "amod", "nummod") and top.head.tag_.startswith("NN") \
        and top.head.lower_ not in TRIGGER_NOUNS and top.head.lower_ not in _TIMES_OF_DAY and top.head.i != top.i


# nouns a day names a time of, not another event: "Thursday evening", "Wednesday morning"
_TIMES_OF_DAY = frozenset(["morning", "afternoon", "evening", "night", "day", "week", "weekend", "dawn", "noon",
                           "midday", "midnight", "time", "hours", "hour", "lunchtime"])


def _told_back_venue(finder: _Finder, text: str, sentences: Sentences, parsed: list[ParsedSentence],
                     meetings: list[Meeting], anchor: date | None) -> None:
    """ "<X> met <Y> on Friday. The talks took place in <city>." — a definite contact noun that only says
    where (and when) "the talks" / "the meeting" were held gives the place, and the date it lacks, to the
    meeting the sentence before or the one before that told of; the nearest one, only when it has no place."""
    for ps in parsed:
        si = sentences.index_of(ps.start)
        if any(ps.start <= m.start < ps.end for m in meetings):
            continue  # the sentence tells of a contact of its own
        for tok in ps.doc:
            if not (tok.lower_ in TRIGGER_NOUNS and tok.dep_ in ("nsubj", "nsubjpass")
                    and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)
                    and not any(c.dep_ == "prep" and c.lower_ in ("with", "between", "among") for c in tok.children)):
                continue
            # "the talks took place in …", "the meeting was held in …", "the meeting, which was held in …"
            verb = next((v for v in (tok.head, *(c for c in tok.children if c.dep_ in ("relcl", "acl")))
                         if (v.lower_ in ("took", "takes", "take", "taking")
                             and any(c.dep_ == "dobj" and c.lower_ == "place" for c in v.children))
                         or (v.lower_ == "held" and (v is not tok.head or tok.dep_ == "nsubjpass"))), None)
            if verb is None:
                continue
            prior = [m for m in meetings if m.status == "held" and m.meeting_type != "call" and m.start < ps.start
                     and 1 <= si - sentences.index_of(m.start) <= 2]
            if not prior:
                continue
            target = max(prior, key=lambda m: m.start)
            if target.location_name is not None or target.location_country_code is not None:
                continue
            name, code = finder._place(ps, verb)
            if name is None and code is None:
                continue
            target.location_name, target.location_country_code = name, code
            if target.meeting_date is None:
                dates = [d for d in find_dates(text[ps.start:ps.end], anchor) if d.value is not None
                         and d.precision == "day" and (anchor is None or d.value <= anchor + timedelta(days=1))]
                if len(dates) == 1:
                    target.meeting_date, target.date_precision, target.date_text = \
                        dates[0].value, dates[0].precision, dates[0].text


def _described_countries(p: Participant, mentions: list[Mention], demonyms: list[Any]) -> set[str]:
    """The country codes a described participant's own words name ("<Country>'s foreign minister", "his
    <demonym> counterpart"): its country mentions and demonyms."""
    if p.start is None or p.end is None:
        return set()
    codes = {x.country_code for x in mentions if x.actor_type == "country" and x.country_code
             and p.start <= x.start and x.end <= p.end}
    return codes | {pl.country_code for s, e, pl in demonyms if pl.country_code and p.start <= s and e <= p.end}


def _officials_of_states(parts: list[Participant], mentions: list[Mention], demonyms: list[Any]) -> bool:
    """Described officials, each of one state and no two of the same ("the <demonym> president met his
    <demonym> counterpart", "<Country>'s foreign minister held talks with his <demonym> counterpart"): a
    contact between those states, though the text names neither person."""
    codes = [_described_countries(p, mentions, demonyms) for p in parts]
    return all(len(c) == 1 for c in codes) and len(set().union(*codes)) == len(parts)


def _described_of_a_named_side(meetings: list[Meeting], mentions: list[Mention], demonyms: list[Any]) -> list[Meeting]:
    """A described participant of the same country as a named person of the meeting ("<demonym> top envoy calls for
    … in call with …" merged with "<Name> calls for …"): the descriptor is that person or his side, not another
    party, and goes. A meeting left with one participant is no meeting."""
    out: list[Meeting] = []
    for m in meetings:
        parts: list[Participant] = []
        for p in m.participants:
            if p.actor_type != "descriptor" or p.start is None or p.end is None:
                parts.append(p)
                continue
            codes = _described_countries(p, mentions, demonyms)
            if len(codes) != 1:
                parts.append(p)
                continue
            code = codes.pop()
            if any(q.actor_type == "person" and q.actor_key and any(
                    x.actor_key == q.actor_key and x.country_code == code for x in mentions) for q in m.participants):
                continue  # "<demonym> top envoy … <Name>": the named participant is of that country already
            parts.append(p)
        if len(parts) >= 2 and (any(q.actor_type != "descriptor" for q in parts)
                                or _officials_of_states(parts, mentions, demonyms)):
            m.participants = parts
            out.append(m)
    return out


def _host_in_person(meetings: list[Meeting], gazetteer: Gazetteer, sentences: Sentences) -> None:
    """"<Leader> welcomes <Visitor> as he arrives for a meeting in <city>": the sentence's other report of the
    same visitor names the host himself — the report hosted by his country is hosted by him."""
    for m in meetings:
        si = sentences.index_of(m.start)
        visitors = {p.identity for p in m.participants if p.role == "visitor"}
        for k, p in enumerate(m.participants):
            if p.role != "host" or p.actor_type != "country" or not p.actor_key or not visitors:
                continue
            code = _iso_of(p, gazetteer)
            hosts = {q.identity: q for o in meetings if o is not m and sentences.index_of(o.start) == si
                     and visitors & {x.identity for x in o.participants if x.role == "visitor"}
                     for q in o.participants if q.role == "host" and q.actor_type == "person"
                     and _iso_of(q, gazetteer) == code}
            if len(hosts) == 1:
                m.participants[k] = next(iter(hosts.values()))


def visited_country_as_place(meetings: list[Meeting], gazetteer: Gazetteer) -> None:
    """A visit to a country with no city given ("X to travel to Japan", "<Name>'s <country> visit") took place
    in that country: the one country among its participants (the host, or the visit's compound) is its place."""
    for m in meetings:
        if m.location_name is not None or m.location_country_code is not None:
            continue
        countries = [p for p in m.participants if p.actor_type == "country" and p.role != "visitor"]
        hosts = [p for p in countries if p.role == "host"]
        place = hosts if len(hosts) == 1 else countries if m.meeting_type == "visit" and len(countries) == 1 else []
        if place and (code := _iso_of(place[0], gazetteer)):
            m.location_name, m.location_country_code = place[0].actor_name, code


def same_contact_details(meetings: list[Meeting], gazetteer: Gazetteer, text: str = "") -> None:
    """A report tells of one contact more than once — a headline "A meets B", then "A held talks with B
    in <city> on Monday": a report with no place or date takes them from the document's other reports
    of the same status that share its participants (two, or its only one), when those agree on one.
    Then a meeting of a visitor with someone of the country the visitor is visiting ("A visits <country>",
    "A meets B" of that country) took place there."""
    def ids(m: Meeting) -> set[str]:
        return {p.identity for p in m.participants}

    def same_contact(m: Meeting, o: Meeting) -> bool:
        shared = ids(m) & ids(o)
        return o is not m and o.status == m.status and (len(shared) >= 2 or (len(ids(m)) == 1 and ids(m) == ids(o)))

    for m in meetings:
        others = [o for o in meetings if same_contact(m, o)]
        if m.location_country_code is None and m.location_name is None:
            placed = {(o.location_name, o.location_country_code) for o in others
                      if o.location_name is not None or o.location_country_code is not None}
            if len(placed) == 1:
                m.location_name, m.location_country_code = next(iter(placed))
        if m.meeting_type == "meeting" and others and all(o.meeting_type == "call" for o in others) \
                and _SPOKE.search(text, m.start, m.end):
            m.meeting_type = "call"  # "A speaks with B", then "… after call with B": they spoke on the phone
        if m.meeting_date is None:
            dated = {(o.meeting_date, o.date_precision, o.date_text) for o in others if o.meeting_date is not None}
            if len({d for d, _, _ in dated}) == 1:
                m.meeting_date, m.date_precision, m.date_text = min(dated, key=lambda d: str(d[2]))
    for m in meetings:
        if m.location_country_code is not None or m.location_name is not None or len(m.participants) < 2:
            continue
        hosts = {
            (v.location_name, v.location_country_code)
            for v in meetings
            if v is not m and v.meeting_type == "visit" and v.location_country_code
            and (v.status == m.status or (v.status == "held" and m.status == "planned" and _one_sentence(text, v, m)))
            and (visitors := {p.identity for p in v.participants if p.role == "visitor"}) & ids(m)
            and (any(p.identity not in visitors and _iso_of(p, gazetteer) == v.location_country_code
                     for p in m.participants)
                 # "<A>, who is visiting <City>, met <B>": in the visit's own sentence, a meeting (not a call)
                 # of the visitor with people of no other known country
                 or (m.meeting_type != "call" and v.status == m.status and _one_sentence(text, v, m)
                     and all(p.identity in visitors or _iso_of(p, gazetteer) in (None, v.location_country_code)
                             for p in m.participants)))
        }
        if len(hosts) == 1:
            m.location_name, m.location_country_code = next(iter(hosts))


def _one_sentence(text: str, a: Meeting, b: Meeting) -> bool:
    """Two reports in one sentence ("<Visitor> lands in <city>, expected to meet <Leader>": who has arrived meets
    there, later)."""
    lo, hi = min(a.start, b.start), max(a.end, b.end)
    return bool(text) and re.search(r"[.!?]\s|\n", text[lo:hi].rstrip(". \n")) is None


# verbs of speaking that say nothing of how: in person or on the phone
_SPOKE = re.compile(r"\b(?:speaks?|spoke|spoken|speaking|talk(?:s|ed|ing)?)\b", re.I)
_FINITE_CONTACT = re.compile(r"\b(?:met|held|visited|spoke|talked|hosted|signed|called|meets|holds|visits|arrives|hosts|signs"
                             r"|lands|welcomes|receives|arrived|landed|welcomed|received)\b")


def _headline_tense(text: str, sentences: Sentences, meetings: list[Meeting]) -> None:
    """An untensed headline ("A-B summit", no final stop, no finite contact verb) read as held takes
    the status of the body's report of the same two or more participants — planned, postponed or
    cancelled — when the body reports no held one."""
    if not meetings or not sentences.spans:
        return
    h_start, h_end = sentences.spans[0]
    headline = text[h_start:h_end].rstrip()
    if headline[-1:] in ".!?\"”" or _FINITE_CONTACT.search(headline):
        return
    for m in meetings:
        if not (h_start <= m.start < h_end) or m.status != "held":
            continue
        ids = {p.identity for p in m.participants}
        body = [o for o in meetings if o.start >= h_end and len(ids & {p.identity for p in o.participants}) >= 2]
        if body and not any(o.status == "held" for o in body):
            m.status = body[0].status


def _dateline(text: str, sentences: Sentences, anchor: date | None) -> DateMention | None:
    """ "Kazan, 22 October 2024." — a short first line with a day date dates the report's events."""
    if not sentences.spans:
        return None
    d_start, d_end = sentences.spans[0]
    first = text[d_start:d_end]
    found = [d for d in find_dates(first, anchor) if d.value is not None and not d.relative and d.precision == "day"]
    return found[0] if found and len(first.split()) <= 8 else None

