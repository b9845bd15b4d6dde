"""Russian claims: «…» / „…“ quotes and reported speech with a reporting verb, the speaker taken from
the dependency parse (the verb's subject, "по словам X", "как отметил X", "сообщили в X"), pronoun
speakers resolved to the nearest preceding person, titles ("глава МИД Ирана") to the gazetteer's
holder of that role, and headline attributions ("X: …").
"""

from __future__ import annotations

import re
from datetime import date

from extraction.gazetteer import Gazetteer, GazetteerActor
from extraction.model import Claim, Mention, Speaker
from extraction.russian.actors import ORG_HEADS, nominative_phrase
from extraction.russian.parse import RuSentence, RussianNLP, RuToken, markup_blanked

# Reporting verbs (lemmas). Beliefs and intentions (считать, полагать, хотеть) are not statements.
CUE_VERBS = frozenset(
    ["заявить", "заявлять", "сказать", "говорить", "сообщить", "сообщать", "подчеркнуть", "подчеркивать", "отметить", "отмечать", "добавить", "заверить", "заверять", "предупредить", "предупреждать", "написать", "писать", "пояснить", "пояснять", "рассказать", "рассказывать", "признать", "признавать", "объявить", "объявлять", "указать", "указывать", "констатировать", "призвать", "призывать", "уточнить", "уточнять", "напомнить", "напоминать", "опровергнуть", "опровергать", "отрицать", "ответить", "отвечать", "утверждать", "пообещать", "обещать", "пригрозить", "заметить", "высказаться", "передать", "сообщаться", "признаться", "признаваться", "объяснить", "объяснять", "прокомментировать", "комментировать", "подтвердить", "подтверждать", "намекнуть", "пожаловаться", "посетовать", "возразить",
     # imperfective partners of the verbs above ("передает агентство", "добавляет он")
     "передавать", "добавлять", "замечать", "высказываться", "жаловаться", "сетовать", "возражать",
     # advice and appeal: the statement is the infinitive clause ("рекомендовали жителям оставаться дома")
     "рекомендовать", "порекомендовать", "посоветовать", "советовать", "грозить",
     # a conjecture put forward ("предположил, что …") — not a belief held (считать, полагать)
     "предположить", "предполагать"]
)
# "по словам X", "по данным X", "по информации X", "по оценке X", "по мнению X", "по версии X": the noun
# after "по" names the source (as "according to X"); "со слов X" too.
SOURCE_NOUNS = frozenset(["слово", "данные", "информация", "оценка", "сведение", "сообщение", "заявление", "отчет", "доклад", "письмо", "публикация", "материал", "документ", "исследование", "пресс-релиз", "релиз", "мнение", "версия", "утверждение"])
# Impersonal verbs that report what a source says: "следует из данных X", "в сообщении X говорится".
_IMPERSONAL_CUES = frozenset(["следовать", "говориться", "сообщаться", "указываться", "отмечаться", "утверждаться"])
# Cues whose statement may be an infinitive clause ("призвал стороны прекратить огонь", "пообещал вернуть
# долг") or, for threats, an instrumental ("пригрозил ударами по …").
_INFINITIVE_CUES = frozenset(["призвать", "призывать", "рекомендовать", "порекомендовать", "посоветовать", "советовать",
                              "пообещать", "обещать", "пригрозить", "грозить"])
_THREATS = frozenset(["пригрозить", "грозить"])
# Cues whose noun-phrase object states what was said ("отметили высокий вклад …", "подтвердил сведения о
# переговорах", "прогнозируют рост …"), when nothing else does.
_OBJECT_CUES = frozenset(["отметить", "отмечать", "подтвердить", "подтверждать", "прогнозировать",
                          "спрогнозировать", "подчеркнуть", "подчеркивать"])
# What one celebrates ("отметить" in its other sense): an occasion, not a statement.
_CELEBRATED = frozenset(["юбилей", "день", "праздник", "годовщина", "выход", "рождение", "новоселье", "свадьба",
                         "победа", "дата", "новый", "открытие", "окончание", "выпускной", "премьера"])
# A body named by what it is ("сообщили в ведомстве", "в инстанции", "в пресс-службе", "в мэрии")
_AUTHORITY_WORDS = frozenset(["инстанция", "пресс-служба", "мэрия", "горсовет", "ведомство", "оперштаб", "минздрав"])
# the words that make a name a state body's: a ministry, service, agency, committee …
_BODY_WORDS = r"министерств|ведомств|служб|агентств|комитет|управлени|прокуратур|департамент|инспекци|надзор"
# a state body by its name ("Министерство …", "Минфин", "… надзор") or by its seed's English name
_STATE_BODY = re.compile(rf"^Мин[а-яё]+|{_BODY_WORDS}", re.I)
_STATE_BODY_EN = re.compile(r"\b(?:Ministry|Service|Agency|Committee|Department|Prosecutor|Inspectorate|Authority"
                            r"|Commission)\b")
# a body a sentence may name without a seed: a Cyrillic acronym or a body's word
_UNNAMED_BODY = re.compile(rf"\b[А-ЯЁ]{{2,6}}\b|(?i:{_BODY_WORDS})")
_PRONOUNS = frozenset(["он", "она", "они", "его", "ее", "их"])  # "он", "по его словам"
# An indirect question after a cue ("рассказал, кто …", "объяснил, почему …") names a topic.
_INTERROGATIVES = frozenset(["кто", "где", "когда", "почему", "зачем", "куда", "откуда", "сколько", "как", "какой", "какая",
                             "какое", "какие", "каких", "каким", "чем", "ли"])
# Role titles as lemma phrases → the canonical title of the gazetteer's role column.
# adjectives of an office that is not the sitting holder's: "избранный президент" (-elect), "бывший министр"
# (a participle's lemma is its verb's: "избранный" → "избрать")
NOT_SITTING = frozenset(["избранный", "избрать", "бывший", "будущий", "покойный", "прежний", "следующий"])
RU_TITLES: dict[tuple[str, ...], str] = {
    ("президент",): "president",
    ("премьер-министр",): "prime minister",
    ("премьер",): "prime minister",
    ("министр", "иностранный", "дело"): "foreign minister",
    ("глава", "мид"): "foreign minister",
    ("пресс-секретарь",): "spokesman",
    ("официальный", "представитель"): "spokesman",
    ("верховный", "лидер"): "supreme leader",
    ("канцлер",): "chancellor",
    ("генеральный", "секретарь"): "secretary-general",
    ("генсек",): "secretary-general",
    ("вице-президент",): "vice president",
}
_DESCRIPTOR_HEADS = frozenset(
    ["президент", "премьер-министр", "премьер", "министр", "глава", "пресс-секретарь", "представитель", "посол", "посланник", "лидер", "руководитель", "председатель", "спикер", "депутат", "сенатор", "губернатор", "мэр", "генерал", "командующий", "министерство", "ведомство", "эксперт", "аналитик", "политолог", "источник", "директор", "замминистра", "заместитель", "советник", "помощник", "генсек", "канцлер", "король", "принц", "эмир", "аятолла"]
)


# Nouns for people who speak for (or about) someone named after them in the genitive: "советники
# Трампа", "собеседники издания", "представители компании" are not Trump, the outlet, the company.
_GROUP_SPEAKERS = frozenset(["советник", "помощник", "собеседник", "источник", "сотрудник", "представитель",
                             "сторонник", "соратник", "родственник", "адвокат", "юрист", "коллега", "друг",
                             "знакомый", "близкий", "окружение", "команда", "эксперт", "аналитик", "журналист"])

_QUOTE_MARKS = frozenset("«»„“\"")  # kept in a descriptor: "группа «Вестник»"

# Titles of a person in an organisation: "руководитель X", "глава МИД" speak as a person, not as X.
_OFFICE_HEADS = frozenset(["глава", "президент", "министр", "представитель", "председатель", "руководитель", "директор",
                           "гендиректор", "замминистра", "заместитель", "посол", "спикер", "основатель", "владелец",
                           "пресс-секретарь", "советник", "помощник", "командующий", "начальник", "генсек"])

# Descriptors that never stand for a person named elsewhere in the post ("источник", "эксперт").
_ANONYMOUS_HEADS = frozenset(["источник", "эксперт", "аналитик", "министерство", "ведомство"])

# Verbs that deny what follows them: the clause is not what the speaker says.
_DENIALS = frozenset(["опровергнуть", "опровергать", "отрицать"])
# Words after a reported statement that deny it: "… не соответствуют действительности", "… фейк".
_DENIED = re.compile(r"[\s,»“\"]*(?:[—–-]\s*)?(?:не\s+соответству|(?:это\s+)?(?:явля\w+|был\w*)\s+фейк\w*|ложь\b|—\s*фейк)",
                     re.I)

# Nouns that point back to an organisation the post has named ("сообщила компания").
_ORG_ANAPHORS = frozenset(["компания", "издание", "агентство", "газета", "телеканал", "пресс-служба", "перевозчик",
                           "авиакомпания", "банк", "холдинг", "корпорация", "концерн", "ведомство", "министерство"])

# Inanimate nouns that speak for people: authorities, offices, the press.
_COLLECTIVE_SPEAKERS = frozenset(["администрация", "власть", "власти", "руководство", "пресс-служба", "мэрия", "ведомство", "издание", "агентство", "газета", "канал", "суд", "прокуратура", "полиция", "сми", "командование", "разведка", "следствие", "штаб"])


def _is_title(t: RuToken) -> bool:
    """A noun that describes a person: a title ("глава", "посол") or any animate noun ("соседка")."""
    return t.pos == "NOUN" and (t.lemma in _DESCRIPTOR_HEADS or t.feats.get("Animacy") == "Anim")


def _negated(sent: RuSentence, tok: RuToken) -> bool:
    return any(t.lemma == "не" for t in sent.children(tok))


def _span_text(text: str, tokens: list[RuToken]) -> tuple[int, int]:
    toks = [t for t in tokens if t.pos != "PUNCT"] or tokens
    return toks[0].start, toks[-1].end


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Inner spans (without the marks) of every outermost quotation in the body; «…«…»…» nests."""
    out: list[tuple[int, int]] = []
    depth, start = 0, 0
    for i, c in enumerate(text):
        if c == "«":
            if depth == 0:
                start = i + 1
            depth += 1
        elif c == "»" and depth:
            depth -= 1
            if depth == 0 and i - start >= 2:
                out.append((start, i))
        elif c == "\n" and depth and text[start:i].count("\n") > 3:
            depth = 0  # an unclosed quote does not run on for paragraphs
    # a paragraph that opens with a straight quote and closes one before a dash and its cue ("\"… с
    # \"Вестником\" …\", - сказал он"): the whole is the quotation, whatever straight quotes it nests
    for m in _DASHED_LINE_QUOTE.finditer(text):
        if not any(s <= m.start(1) < e for s, e in out):
            # an odd count of quotes inside: the last one closes both the nested name and the quotation
            out.append((m.start(1), m.end(1) + m.group(1).count('"') % 2))
    for m in re.finditer(r"„([^„“]{2,}?)“|\"([^\"\n]{2,}?)\"", text):
        g = 1 if m.group(1) is not None else 2
        if not any(s <= m.start(g) < e for s, e in out):
            out.append((m.start(g), m.end(g)))
    return sorted(out)


_DASHED_LINE_QUOTE = re.compile(r"(?m)^[ \t]*\"([^\n]{2,}\"[^\n]*?[^\s\"])\"[,.!?]?[ \t]+[-—–][ \t]+(?=[а-яё])")


class RussianAttribution:
    def __init__(self, text: str, sentences: list[RuSentence], mentions: list[Mention],
                 gazetteer: Gazetteer, anchor: date | None, nlp: RussianNLP | None = None):
        self.nlp = nlp
        self.text = text
        self.plain = markup_blanked(text)
        self.sentences = sentences
        self.mentions = mentions
        self.gazetteer = gazetteer
        self.anchor = anchor
        self.quotes = _quote_spans(self.plain)
        self.person_speakers: list[Speaker] = []
        self.last_speakers: list[Speaker] = []  # speakers of the claims found so far, in text order

    # -- speakers -------------------------------------------------------------------------------
    def _mentions_in(self, s: int, e: int) -> list[Mention]:
        return [m for m in self.mentions if m.start < e and s < m.end]

    def speaker(self, sent: RuSentence, tok: RuToken) -> Speaker | None:
        """The speaker named by the noun phrase headed by `tok`."""
        phrase = [t for t in sent.subtree(tok) if t.rel.split(":")[0] not in ("acl", "parataxis", "conj", "punct")
                  or t is tok or t.text in _QUOTE_MARKS]
        phrase = [t for t in phrase if abs(t.index - tok.index) <= 12]
        s, e = _span_text(self.text, phrase)
        words = self.text[s:e]
        found = self._mentions_in(s, e)
        by_type = {k: [m for m in found if m.actor_type == k] for k in ("person", "organization", "country")}
        role = words if len(phrase) > 1 or tok.pos == "NOUN" else None
        own = next((m for m in found if m.start <= tok.start < m.end), None)
        if own is None and tok.pos == "NOUN" and (tok.lemma in ORG_HEADS or tok.lemma in _COLLECTIVE_SPEAKERS):
            # "администрация губернатора", "пресс-служба министерства": the body speaks, not the person it is of
            org = next((m for m in by_type["organization"] + by_type["country"] if m.actor_type == "organization"), None)
            role = self._descriptor_name(phrase, tok)
            if org is None and not found and tok.lemma in _ORG_ANAPHORS:
                org = self._sole_referent(sent, tok, "organization")  # "«…», сообщила компания"
            if org is not None:
                return Speaker(s, e, words, org.actor_key, org.actor_name, "organization", role=role)
            return Speaker(s, e, words, None, role, "descriptor", role=role)
        apposed = [m for m in by_type["person"] if any(
            m.start <= t.start < m.end and t.rel.split(":")[0] in ("appos", "flat") and t.head == tok.index
            for t in phrase)]
        if own is None and tok.pos == "NOUN" and tok.lemma in _GROUP_SPEAKERS and found and not apposed:
            # "советники Трампа", "источники издания": people of someone, not that someone (but "его друг
            # Иван Петренко" is Иван Петренко)
            role = self._descriptor_name(phrase, tok)
            return Speaker(s, e, words, None, role, "descriptor", role=role)
        for kind in ("person", "organization"):
            if by_type[kind]:
                m = by_type[kind][0]
                if kind == "organization" and tok.pos == "NOUN" and tok.lemma in _OFFICE_HEADS:
                    break  # "глава МИД Ирана": a person described by the organisation, not the organisation
                if kind == "person":
                    # the role is the title right before the name, in the nominative ("главы МИД Ирана Аббаса
                    # Аракчи" → "глава МИД Ирана"); other words of the phrase are not a role
                    before = [t for t in phrase if t.end <= m.start and t.pos != "PUNCT"]
                    run: list[RuToken] = []
                    for t in reversed(before):
                        if run and t.index != run[0].index - 1:
                            break
                        run.insert(0, t)
                    rhead = next((t for t in run if _is_title(t)), None)
                    if rhead is None:
                        # or the apposition after it: "Аббас Аракчи, глава МИД Ирана, заявил"
                        run = []
                        for t in (t for t in sent.tokens if t.start >= m.end):
                            if t.pos == "PUNCT":
                                if run or t.text != ",":
                                    break
                                continue
                            if t not in phrase:
                                break
                            run.append(t)
                        rhead = run[0] if run and _is_title(run[0]) else None
                    first = run.index(rhead) if rhead is not None else 0
                    while rhead is not None and first > 0 and run[first - 1].rel == "amod" \
                            and run[first - 1].head == rhead.index:
                        first -= 1  # "избранный президент", "бывший министр": the adjective is part of the role
                    role = nominative_phrase(run[first:], rhead, self.nlp) if rhead is not None else None
                    if role and run[first] is sent.tokens[0] and run[first].pos != "PROPN":
                        role = role[:1].lower() + role[1:]  # a capital only because the sentence starts there
                return Speaker(s, e, words, m.actor_key, m.actor_name, m.actor_type, role=role if m.text != words else None)
        if tok.lemma in _PRONOUNS:
            # the nearest preceding person: a mention, or a speaker found from a title
            # a person named inside a quotation is what was said, not who said it
            prior = [(m.end, m.actor_key, m.actor_name, "person", m.start) for m in self.mentions
                     if m.actor_type == "person" and m.end <= tok.start
                     and not any(qs <= m.start < qe for qs, qe in self.quotes)]
            prior += [(sp.end, sp.actor_key, sp.name, "person", sp.start) for sp in self.person_speakers
                      if sp.end <= tok.start]
            # the last one who spoke, when named after every person mention ("— сказал официальный
            # представитель союза. По его словам, …")
            prior += [(sp.end, sp.actor_key, sp.name, sp.speaker_type, sp.start) for sp in self.last_speakers
                      if sp.end <= tok.start and sp.speaker_type in ("person", "descriptor")]
            prior = [p for p in prior if tok.start - p[0] < 600]
            # "он" is never a woman named or described before it, "она" never a man
            gender = tok.feats.get("Gender") or {"она": "Fem", "ее": "Fem", "он": "Masc", "его": "Masc"}.get(
                tok.text.casefold().replace("ё", "е"))
            if gender in ("Masc", "Fem"):
                prior = [p for p in prior if self._gender_of(p[4], p[0]) in (None, gender)]
            if prior and tok.lemma not in ("они", "их"):
                # "Петренко опроверг сообщения о разговоре Иванова и Сидорова. Он заявил, что …": a
                # subject pronoun continues the previous sentence's subject, not its nearest name
                continued = self._previous_subject(tok, prior) if tok.case == "Nom" else None
                _, key, name, kind, _ = continued or max(prior, key=lambda p: p[0])
                return Speaker(tok.start, tok.end, tok.text, key, name, kind, role=name if kind == "descriptor" else None)
            if tok.lemma in ("они", "их"):
                # "«Ветераны Нортленда» направили письмо. Они отметили …": a plural pronoun continues the
                # previous sentence's subject when that is an organisation (or a group that spoke)
                groups = [(m.end, m.actor_key, m.actor_name, "organization", m.start) for m in self.mentions
                          if m.actor_type == "organization" and m.end <= tok.start and tok.start - m.end < 600
                          and not any(qs <= m.start < qe and (qs, qe) != (m.start, m.end) for qs, qe in self.quotes)]
                # (an organisation's name in quotation marks, «Вестник», is a name, not a quotation)
                continued = self._previous_subject(tok, groups) if groups else None
                if continued is not None:
                    _, key, name, kind, _ = continued
                    return Speaker(tok.start, tok.end, tok.text, key, name, kind)
            return None
        holder = self._role_holder(sent, tok, by_type["country"] + by_type["organization"])
        if holder is not None:
            sp = Speaker(s, e, words, holder.actor_id, holder.canonical_name, "person", role=words)
            self.person_speakers.append(sp)
            return sp
        if by_type["country"] and tok.pos == "PROPN":
            m = by_type["country"][0]
            return Speaker(s, e, words, m.actor_key, m.actor_name, "country")
        if tok.pos == "NOUN" and (tok.lemma in _DESCRIPTOR_HEADS or tok.feats.get("Animacy") == "Anim"
                                  or tok.lemma in ORG_HEADS or tok.lemma in _COLLECTIVE_SPEAKERS):
            # an unnamed but specific speaker: "очевидцы", "синоптик", "соседка", "администрация"
            role = self._descriptor_name(phrase, tok)
            named = self._named_by_description(sent, tok)
            if named is None and tok.lemma in _DESCRIPTOR_HEADS and tok.lemma not in _ANONYMOUS_HEADS | ORG_HEADS | _GROUP_SPEAKERS \
                    and len([m for m in found if m.actor_type != "country"]) == 0:
                named = self._sole_referent(sent, tok, "person")  # "…, сообщил Петренко. Президент заявил, что …"
            if named is not None:
                return Speaker(s, e, words, named.actor_key, named.actor_name, "person", role=role)
            return Speaker(s, e, words, None, role, "descriptor", role=role)
        return None

    def _previous_subject(self, tok: RuToken, prior: list[tuple[int, str | None, str, str, int]]
                          ) -> tuple[int, str | None, str, str, int] | None:
        """The candidate that is the nominative subject of the sentence before the pronoun's, when
        exactly one is (centering: a sentence-initial "он" continues the subject it follows)."""
        index = next((i for i, x in enumerate(self.sentences) if x.start <= tok.start < x.end), None)
        if not index:
            return None
        before = self.sentences[index - 1]
        subjects = []
        for p in prior:
            head = before.token_at(p[4]) if before.start <= p[4] < before.end else None
            if head is not None and head.case == "Nom" and head.rel.split(":")[0] == "nsubj":
                subjects.append(p)
        return subjects[0] if len({p[1] or p[2] for p in subjects}) == 1 else None

    def _sole_referent(self, sent: RuSentence, tok: RuToken, kind: str) -> Mention | None:
        """The one person (or organisation) a definite description can point back to: "Президент
        заявил" after a post whose one named person has spoken, "сообщила компания" after a quote naming
        one company. None when the description is plural or indefinite, when its noun was used before
        for someone else (ambiguous), or when the post has named none or several, or a person who has
        not spoken."""
        if tok.feats.get("Number") == "Plur" or any(c.lemma in ("один", "некий", "какой-то", "другой", "несколько")
                                                     for c in sent.children(tok)):
            return None
        for other in self.sentences:
            if other.start >= tok.start:
                break
            if any(t.lemma == tok.lemma and t.end <= tok.start for t in other.tokens):
                return None  # "встретился с президентом Ирана. Президент заявил": which one is not sure
        if kind == "person":
            # named before the description, outside quoted words, and already a speaker in the post: the
            # description continues what that person said ("…, сообщил Петренко. Президент заявил"); a
            # person the post is only about is not who a title speaks for
            spoke = {sp.identity for sp in self.last_speakers if sp.speaker_type == "person"}
            before = [m for m in self.mentions if m.actor_type == "person" and m.end <= tok.start
                      and not any(qs <= m.start < qe for qs, qe in self.quotes)]
            if {m.identity for m in before} - spoke:
                return None
        else:
            # an organisation may be named in the very quote it made ("«Вестбанк снизил ставки», — сообщил банк")
            before = [m for m in self.mentions if m.actor_type == "organization" and m.end <= tok.start]
        ids = {m.identity for m in before}
        return before[-1] if len(ids) == 1 else None

    def _gender_of(self, start: int, end: int) -> str | None:
        """The grammatical gender of the name or description over [start, end) ("владелица магазина" →
        Fem), from its first noun the tagger read; None when unknown."""
        sent = next((x for x in self.sentences if x.start <= start < x.end), None)
        if sent is None:
            return None
        return next((t.feats["Gender"] for t in sent.tokens if start <= t.start < end
                     and t.pos in ("NOUN", "PROPN") and t.feats.get("Gender")), None)

    def _descriptor_name(self, phrase: list[RuToken], tok: RuToken) -> str:
        """An unnamed speaker's phrase in the nominative, with its quotation marks ("группа «Вестник»")."""
        return nominative_phrase([t for t in phrase if t.pos != "PUNCT" or t.text in _QUOTE_MARKS] or [tok], tok, self.nlp)

    def _named_by_description(self, sent: RuSentence, tok: RuToken) -> Mention | None:
        """The one person the post names with the same description ("губернатор" → "губернатор
        области Иван Петренко" in the headline or an earlier sentence): a definite description refers
        back to its named holder. None when the post names no one, or several people, that way."""
        if tok.lemma not in _DESCRIPTOR_HEADS or tok.lemma in _ANONYMOUS_HEADS or tok.feats.get("Number") == "Plur":
            return None
        if any(t is not tok and t.pos == "PROPN" and t.start > tok.start
               and not any(m.start <= t.start < m.end for m in self.mentions) for t in sent.subtree(tok)):
            return None  # "лидер оппозиции <Имя Фамилия>": the description names its own holder, whom no pass found
        found: dict[str, Mention] = {}
        for other in self.sentences:
            for t in other.tokens:
                if t.lemma != tok.lemma or (other is sent and t is tok):
                    continue
                head = other.head_of(t)
                anchors = [t, *other.subtree(t)]
                if head is not None and t.rel.split(":")[0] in ("appos", "nmod", "flat", "nsubj", "amod"):
                    anchors.append(head)
                for m in self.mentions:
                    if m.actor_type != "person" or not 0 <= m.start - t.end <= 80:
                        continue
                    # the parse ties them, or (an unparsed line) only the title's own words come between
                    if any(m.start <= a.start < m.end for a in anchors) or (
                            m.start - t.end <= 40 and re.fullmatch(r"[\w\s-]*", self.plain[t.end:m.start])):
                        found.setdefault(m.identity, m)
        return next(iter(found.values())) if len(found) == 1 else None

    def _role_holder(self, sent: RuSentence, tok: RuToken, owners: list[Mention]) -> GazetteerActor | None:
        lemmas = [tok.lemma] + [t.lemma for t in sent.tokens if t.head == tok.index and t.pos == "ADJ"]
        if NOT_SITTING & {t.lemma for t in sent.tokens if t.head == tok.index}:
            return None  # "избранный президент США" is not the president of the day
        title = None
        for key, canonical in RU_TITLES.items():
            if key[0] == tok.lemma and all(k in lemmas or any(t.lemma == k for t in sent.subtree(tok)) for k in key):
                title = canonical
                break
        if title is None or not owners:
            return None
        owner = owners[0]
        target = owner.country_code if owner.actor_type == "country" else owner.actor_key
        if owner.actor_type == "organization" and owner.country_code:
            target = owner.country_code
        return self.gazetteer.role_holder(title, target, self.anchor) if target else None

    # -- claims ---------------------------------------------------------------------------------
    def _claim(self, s: int, e: int, direct: bool, cue: str, speaker: Speaker, confidence: float) -> Claim:
        """A claim over [s, e) with markup and edge punctuation trimmed; its text is the original's."""
        while s < e and (self.plain[s].isspace() or self.plain[s] in ",:;—–-"):
            s += 1
        while e > s and (self.plain[e - 1].isspace() or self.plain[e - 1] in ",:;—–-."):
            e -= 1
        home = next((x for x in self.sentences if x.start <= speaker.start < x.end), None)
        if speaker.speaker_type == "person" or (speaker.speaker_type == "descriptor" and not any(
                t.feats.get("Number") == "Plur" and t.pos == "NOUN" and speaker.start <= t.start < speaker.end
                for t in (home.tokens if home is not None else []))):
            self.last_speakers.append(speaker)  # one person, named or described (not "очевидцы")
        return Claim(s, e, self.text[s:e], direct, cue, speaker, confidence)

    def find(self) -> list[Claim]:
        claims: list[Claim] = []
        for sent in self.sentences:
            claims += self._verb_claims(sent)
            claims += self._source_noun_claims(sent)
        claims += self._headline_claims()
        out: list[Claim] = []
        for c in sorted(claims, key=lambda c: (c.start, -c.end)):
            if _DENIED.match(self.plain, c.end + (1 if self.plain[c.end:c.end + 1] in "»“\"" else 0)):
                continue  # "сообщения о том, что «…», не соответствуют действительности": what was denied
            words = c.text.split()
            if len(words) < 3 or (len(words) < 6 and words[0].casefold() in _PRONOUNS | {"это", "так"}):
                continue  # "он был убит": a fragment that does not stand alone
            first = words[0].casefold().strip("«„\"")
            if first in _INTERROGATIVES:
                continue  # "рассказал, кто будет присутствовать": what was told about, not what was said
            if any(c.start < o.end and o.start < c.end and not (c.speaker is not None and o.start <= c.speaker.start < o.end) for o in out):
                continue  # overlapping readings of one statement; a speaker quoted inside another's claim
                # ("газета заявила, что X предположил, что …") makes a claim of its own
            out.append(c)
        return out

    def _adjacent_quote(self, sent: RuSentence, cue: RuToken, speaker_end: int) -> tuple[int, int] | None:
        for qs, qe in self.quotes:
            close = qe + 1
            between = self.plain[close:cue.start]
            if close <= cue.start and cue.start - close <= 6 and re.fullmatch(r"[\s,.!?—–-]*", between):
                return qs, qe
            after = self.plain[max(cue.end, speaker_end):qs - 1] if qs - 1 >= max(cue.end, speaker_end) else None
            if after is not None and len(after) <= 4 and re.fullmatch(r"[\s:,—–-]*", after):
                return qs, qe
        return None

    def _verb_claims(self, sent: RuSentence) -> list[Claim]:
        out = []
        for tok in sent.tokens:
            if tok.lemma not in CUE_VERBS or tok.pos not in ("VERB", "AUX") or _negated(sent, tok):
                continue
            denial = tok.lemma in _DENIALS  # only the denier's own quoted words are published
            if tok.feats.get("Tense") == "Fut" or tok.feats.get("VerbForm") == "Inf":
                continue  # a statement not yet made
            # the nominative subject first: "Как рассказали VESTNIK очевидцы" has two, the outlet (no case)
            # and the speakers
            subjects = sorted(sent.children(tok, "nsubj"), key=lambda t: t.case != "Nom")
            if not subjects and tok.rel == "conj" and (first := sent.head_of(tok)) is not None \
                    and first.pos in ("VERB", "AUX"):
                # "X выразил обеспокоенность … и предположил, что …": coordinated verbs share their subject
                subjects = sorted(sent.children(first, "nsubj"), key=lambda t: t.case != "Nom")
            if not subjects and tok.feats.get("VerbForm") == "Conv" and tok.rel.startswith("advcl") \
                    and (main := sent.head_of(tok)) is not None and main.pos in ("VERB", "AUX"):
                # "X пригрозил …, напомнив о …": a gerund's subject is that of the verb it modifies
                subjects = sorted(sent.children(main, "nsubj"), key=lambda t: t.case != "Nom")
            subjects = [t for t in subjects if t.case in (None, "Nom")]  # "жертв предупреждают": not a subject
            subject, speaker = None, None
            for subject in subjects:
                if (speaker := self.speaker(sent, subject)) is not None:
                    break
            if not subjects:
                speaker = self._impersonal_speaker(sent, tok)
            if speaker is None:
                continue
            speaker_end = speaker.end if subject is not None else tok.end
            quote = self._adjacent_quote(sent, tok, speaker_end)
            if quote is not None and tok.feats.get("VerbForm") == "Conv" and quote[0] < tok.start:
                quote = None  # "…по «центрам», напомнив о …": a gerund does not report the quote before it
            if quote is not None:
                s, e = quote
                out.append(self._claim(s, e, True, tok.text, speaker, 0.8 if speaker.actor_key else 0.6))
                continue
            if denial:
                continue  # "опроверг, что …", "отрицает сообщения о …": the clause is what was denied
            clause = next(iter(sent.children(tok, "ccomp")), None)
            mark = next((t for t in sent.children(tok, "mark") if t.lemma == "как"), None)
            if mark is not None:
                before = [t for t in sent.tokens if t.end <= mark.start and t.pos != "PUNCT"]
                if before and before[-1].lemma in ("тот", "то", "так", "пора"):
                    mark = None  # "после того, как X объявил …": a time clause, not "как заявил X, …"
            after_colon = self._after_colon(speaker_end if subject is not None and speaker_end > tok.end else tok.end)
            if after_colon is not None and clause is None:
                s, e, direct = after_colon
                out.append(self._claim(s, e, direct, tok.text, speaker, 0.7 if speaker.actor_key else 0.5))
                if (prior := self._about_this(sent, tok)) is not None:
                    out.append(self._prior_claim(prior, tok, speaker))  # "Это подтвердил X: …" confirms both
            elif clause is not None:
                # the clause after the cue, and after the speaker when it follows the cue ("заявил X, что …")
                toks = [t for t in sent.subtree(clause) if t.start > max(tok.start, speaker_end - 1)]
                while toks and (toks[0].pos == "PUNCT" or toks[0].lemma in ("что", "чтобы")):
                    toks = toks[1:]
                while toks and toks[-1].pos == "PUNCT" and toks[-1].text not in "»\"“":
                    toks = toks[:-1]
                if len(toks) < 3:
                    toks = self._linear_clause(sent, tok, speaker_end if subject is not None else tok.end) or []
                if len(toks) < 3 and sent.subtree(clause)[-1].end <= min(
                        tok.start, subject.start if subject is not None else tok.start):
                    # "<statement>, заявил X", "<statement>, об этом X заявил …": the clause before the cue
                    toks = [t for t in sent.subtree(clause)]
                    while toks and toks[-1].pos == "PUNCT" and toks[-1].text not in "»\"“":
                        toks = toks[:-1]
                if len(toks) < 3:
                    continue
                s, e = toks[0].start, toks[-1].end
                direct = self.plain[s:s + 1] in "«„\"" and self.plain[e - 1:e] in "»“\""
                if direct:
                    s, e = s + 1, e - 1
                out.append(self._claim(s, e, direct, tok.text, speaker, 0.75 if speaker.actor_key else 0.55))
            elif (lin := self._linear_clause(sent, tok, speaker_end if subject is not None else tok.end)):
                # "заявил в соцсети X, что …" where the parse lost the clause: the words after "что"
                out.append(self._claim(lin[0].start, lin[-1].end, False, tok.text, speaker,
                                       0.7 if speaker.actor_key else 0.5))
            elif (inf := self._infinitive_statement(sent, tok, speaker_end if subject is not None else tok.end)):
                # "рекомендовали жителям оставаться дома", "пригрозил ударами по …": what was urged or threatened
                out.append(self._claim(inf[0].start, inf[-1].end, False, tok.text, speaker,
                                       0.6 if speaker.actor_key else 0.45))
            elif tok.feats.get("VerbForm") != "Conv" and (
                    mark is not None or tok.rel == "parataxis" or self.plain[sent.start:tok.start].rstrip().endswith(
                        (",", "—", "–"))):
                # "как заявил X, …" / "…, сообщает X": the rest of the sentence is the statement
                inner = sent.subtree(tok)
                rest = [t for t in sent.tokens if t not in inner and t.pos != "PUNCT"]
                after = [t for t in rest if t.start >= inner[-1].end]
                if mark is not None and len(after) >= 3 and any(
                        t.pos in ("VERB", "AUX") for t in rest if t.end <= inner[0].start):
                    # "…работают 500 учёных, но, как отмечает X, они были бы рады …": a clause of its own
                    # comes before the source; what the source says follows it
                    rest = after
                if len(rest) >= 3 and (mark is not None or rest[-1].end <= tok.start):
                    s, e = rest[0].start, rest[-1].end
                    out.append(self._claim(s, e, False, tok.text, speaker, 0.7 if speaker.actor_key else 0.5))
            elif (prior := self._about_this(sent, tok)) is not None:
                # "… . Об этом сообщил X": the statement is the sentence before (a quotation without its marks)
                out.append(self._prior_claim(prior, tok, speaker))
            else:
                # "заявили о рекордной атаке": what the statement was about
                about = next((o for o in sent.children(tok, "obl")
                              if any(c.lemma in ("о", "об") for c in sent.children(o, "case"))), None)
                if about is None:
                    about = self._linear_about(sent, tok, speaker_end if subject is not None else tok.end)
                if about is not None and about.lemma == "это" and about.start < tok.start:
                    # "<statement>, об этом X заявил …": the statement is what the sentence said before
                    case = next(c for c in sent.tokens if c.head == about.index and c.lemma in ("о", "об"))
                    before = [t for t in sent.tokens if t.end <= case.start and t.pos != "PUNCT"]
                    if len(before) >= 3 and self.plain[before[-1].end : case.start].strip() in (",", "—", "–", ", —"):
                        out.append(self._claim(before[0].start, before[-1].end, False, tok.text, speaker,
                                               0.7 if speaker.actor_key else 0.5))
                    about = None
                if about is not None and about.lemma in ("то", "тот"):
                    # "рассказал о том, что …" states the clause; "о том, как …" names a topic
                    after = [t for t in sent.tokens if t.start > about.end and t.pos != "PUNCT"]
                    about = None
                    if after and after[0].lemma == "что":
                        toks = after[1:]
                        if len(toks) >= 3:
                            out.append(self._claim(toks[0].start, toks[-1].end, False, tok.text, speaker,
                                                   0.6 if speaker.actor_key else 0.45))
                if about is not None and any(c.lemma in ("этот", "это", "тот") for c in sent.children(about, "det")):
                    about = None  # "рассказывает об этом конфликте": points at a topic, says nothing
                if about is not None:
                    toks = [t for t in sent.subtree(about) if (t.pos != "PUNCT" or t.text in "»")
                            and (about.start < tok.start or t.start > tok.end)]
                    if about.head != tok.index:
                        # the parse lost the phrase's attachment: its words up to the next comma
                        following = [t for t in sent.tokens if t.start >= about.start]
                        stop = next((i for i, t in enumerate(following) if t.text in ",;:—–."), len(following))
                        toks = [t for t in following[:stop] if t.pos != "PUNCT" or t.text in "»"]
                    if len(toks) >= 3:
                        out.append(self._claim(toks[0].start, toks[-1].end, False, tok.text, speaker,
                                               0.6 if speaker.actor_key else 0.45))
        return out

    def _linear_about(self, sent: RuSentence, cue: RuToken, after: int) -> RuToken | None:
        """The word after "о"/"об" right after the cue ("заявили о рекордной атаке") when the parse did
        not attach the phrase to the cue (no other verb comes first)."""
        following = [t for t in sent.tokens if t.start >= max(cue.end, after) and t.pos != "PUNCT"]
        if len(following) < 2 or following[0].lemma not in ("о", "об") or following[0].pos != "ADP":
            return None
        nxt = following[1]
        if nxt.pos in ("VERB", "AUX") or (nxt.lemma in ("это", "этот") and nxt.head != cue.index):
            return None
        return nxt

    def _infinitive_statement(self, sent: RuSentence, cue: RuToken, after: int) -> list[RuToken] | None:
        """What an appeal, advice, promise or threat states: the cue's words after it when they hold its
        infinitive ("призвал стороны прекратить огонь") or, for a threat, its instrumental ("пригрозил
        ударами по …") — the addressee included, the speaker (when it follows) not."""
        if cue.lemma in _OBJECT_CUES:
            obj = next((c for c in sent.children(cue, "obj") if c.start > max(cue.end, after - 1) and c.pos == "NOUN"
                        and c.case in ("Acc", None)), None)
            if obj is not None and cue.lemma in ("отметить", "отмечать") and obj.lemma in _CELEBRATED:
                return None  # "отметил юбилей", "отмечал выход книги": celebrated, not said
            toks = [t for t in sent.subtree(obj) if t.pos != "PUNCT" or t.text in "»\"“"] if obj is not None else []
            return toks if len(toks) >= 4 else None
        if cue.lemma not in _INFINITIVE_CUES:
            return None
        kids = [c for c in sent.children(cue) if c.start > max(cue.end, after - 1) and c.pos != "PUNCT"]
        if not any((c.rel == "xcomp" and c.feats.get("VerbForm") == "Inf")
                   or (cue.lemma in _THREATS and c.case == "Ins" and c.pos == "NOUN") for c in kids):
            return None
        toks = sorted((t for c in kids if c.rel.split(":")[0] not in ("nsubj", "advcl", "parataxis", "conj", "cc")
                       for t in sent.subtree(c)), key=lambda t: t.start)
        while toks and toks[-1].pos == "PUNCT" and toks[-1].text not in "»\"“":
            toks = toks[:-1]
        return toks if len(toks) >= 3 else None

    def _linear_clause(self, sent: RuSentence, cue: RuToken, after: int) -> list[RuToken] | None:
        """The "что" clause after a cue when the parse attached it elsewhere: the words after ", что"
        to the end of the sentence, provided only the cue's own adjuncts (no other verb) come between."""
        following = [t for t in sent.tokens if t.start >= max(cue.end, after)]
        for i, t in enumerate(following[:10]):
            if t.pos in ("VERB", "AUX") or t.text in "«»„“\"":
                return None
            if t.lemma == "что" and i > 0 and following[i - 1].text == ",":
                rest = following[i + 1:]
                while rest and rest[-1].pos == "PUNCT" and rest[-1].text not in "»\"“":
                    rest = rest[:-1]
                return rest if len(rest) >= 3 else None
        return None

    def _prior_claim(self, prior: RuSentence, cue: RuToken, speaker: Speaker) -> Claim:
        ps, pe = prior.start, prior.end
        while pe > ps and self.plain[pe - 1] in " .":
            pe -= 1
        quoted = self.plain[ps] in "«„\"" and self.plain[pe - 1] in "»“\""
        return self._claim(ps + quoted, pe - quoted, quoted, cue.text, speaker, 0.7 if speaker.actor_key else 0.5)

    def _about_this(self, sent: RuSentence, cue: RuToken) -> RuSentence | None:
        """The sentence before, in the same paragraph, when the cue reports it "об этом" ("Об этом
        заявил X", "Об этом сообщает X")."""
        about = any(o.lemma == "это" and any(c.lemma in ("о", "об") for c in sent.children(o, "case"))
                    for o in sent.children(cue, "obl"))
        # "Это подтвердил X": the sentence-initial pronoun object stands for the statement before
        this = any(o.lemma == "это" and o.index == 0 and o.case in ("Acc", None) for o in sent.children(cue, "obj"))
        if not (about or this):
            return None
        i = self.sentences.index(sent)
        if i == 0:
            return None
        prior = self.sentences[i - 1]
        if len(prior.tokens) < 4:
            return None
        # across a paragraph break only a paragraph of one sentence (a headline) is what "это" reports
        if "\n\n" in self.plain[prior.end:sent.start] and i >= 2 \
                and "\n\n" not in self.plain[self.sentences[i - 2].end:prior.start]:
            return None
        return prior

    def _after_colon(self, pos: int) -> tuple[int, int, bool] | None:
        """"X заявил: …" / "Петренко:⏎«…»": the statement after a colon that follows `pos` — the rest of the
        line, or the next paragraph when the colon ends its line. (start, end, direct)."""
        m = re.match(r"[ \t]*:[ \t]*", self.plain[pos:])
        if not m:
            return None
        s = pos + m.end()
        line_end = self.plain.find("\n", s)
        line_end = len(self.plain) if line_end < 0 else line_end
        if not self.plain[s:line_end].strip():
            nxt = re.search(r"\S", self.plain[line_end:])
            if nxt is None:
                return None
            s = line_end + nxt.start()
            line_end = self.plain.find("\n", s)
            line_end = len(self.plain) if line_end < 0 else line_end
        body = self.plain[s:line_end].rstrip(" .")
        if len(body.split()) < 3:
            return None
        e = s + len(body)
        inner = next((q for q in self.quotes if q[0] - 1 == s or (q[0] - 1 <= s + 1 and q[0] >= s)), None)
        if inner is not None and inner[1] >= e - 2:
            return inner[0], inner[1], True
        return s, e, False

    def _impersonal_speaker(self, sent: RuSentence, tok: RuToken) -> Speaker | None:
        """"сообщили в МИД Ирана", "заявили в Кремле": the organisation in the locative is the speaker."""
        if tok.feats.get("Number") != "Plur":
            return None
        for obl in sent.children(tok, "obl"):
            if any(c.lemma == "в" for c in sent.children(obl, "case")):
                found = [m for m in self._mentions_in(obl.start, obl.end) if m.actor_type in ("organization", "country")]
                if found:
                    m = found[0]
                    s, e = _span_text(self.text, sent.subtree(obl)[1:] or [obl])
                    return Speaker(s, e, self.text[s:e], m.actor_key, m.actor_name, m.actor_type)
                if obl.lemma in ORG_HEADS | _AUTHORITY_WORDS and obl.pos == "NOUN":
                    # "…, сообщили в ведомстве / в инстанции / в пресс-службе": a body the text keeps
                    # unnamed here — described by its words (which of the bodies named before is not said)
                    phrase = sent.subtree(obl)[1:] or [obl]
                    s, e = _span_text(self.text, phrase)
                    name = self._descriptor_name(phrase, obl)
                    if obl.lemma == "ведомство" and not sent.children(obl, "nmod", "amod"):
                        # "сообщили в <агентстве> … рассказали в ведомстве": the one state body the post named before
                        bodies = {m.identity: m for m in self.mentions if m.actor_type == "organization" and m.end <= s
                                  and (_STATE_BODY.search(m.text) or _STATE_BODY_EN.search(m.actor_name or ""))}
                        if any(not self._mentions_in(sent.start + u.start(), sent.start + u.end())
                               for u in _UNNAMED_BODY.finditer(self.plain[sent.start : s])):
                            bodies = {}  # "<АКР> <did X>, сообщили в ведомстве": a body the sentence names, unseeded
                        if len(bodies) == 1:
                            m = next(iter(bodies.values()))
                            return Speaker(s, e, self.text[s:e], m.actor_key, m.actor_name, "organization", None, name)
                    return Speaker(s, e, self.text[s:e], None, name, "descriptor", None, name)
        return None

    def _source_noun_claims(self, sent: RuSentence) -> list[Claim]:
        """Statements attributed through a source phrase: "по словам / по данным X, …", "согласно X …",
        "…, следует из данных X", "в сообщении X говорится, что …"."""
        out = []
        for tok in sent.tokens:
            markers = {c.lemma for c in sent.children(tok, "case")}
            head = sent.head_of(tok)
            via_verb = head is not None and head.lemma in _IMPERSONAL_CUES and (
                ("из" in markers and head.lemma == "следовать") or ("в" in markers and head.lemma != "следовать"))
            with_words = "с" in markers and tok.lemma == "слово"  # "со слов X"
            if not (markers & {"по", "согласно"} or via_verb or with_words):
                continue
            if tok.lemma in SOURCE_NOUNS:
                source = next((c for c in sent.children(tok, "nmod") if c.case in ("Gen", None)), None) or next(
                    (c for c in sent.children(tok) if c.lemma in ("он", "она", "его", "ее")), None)  # "по его словам"
            elif "согласно" in markers:
                source = tok  # "согласно X": the source itself
            else:
                continue
            if source is None:
                continue
            speaker = self.speaker(sent, source)
            if speaker is None:
                continue
            if via_verb and head is not None:
                clause = next(iter(sent.children(head, "ccomp")), None)
                inner = sent.subtree(head)
                toks = sent.subtree(clause) if clause is not None else [t for t in sent.tokens if t not in inner
                                                                        and t.end <= head.start]
                if clause is not None and clause.start > head.end:
                    # "…следует, что A, но B": the parse may hang B off the verb as a second clause — the
                    # statement is all that follows the verb
                    toks = [t for t in sent.tokens if t.start > head.end]
            else:
                inner = sent.subtree(tok)
                toks = [t for t in sent.tokens if t not in inner]
                before = [t for t in toks if t.end <= inner[0].start and t.pos != "PUNCT"]
                if len(before) <= 3:
                    # "Кроме того, по данным X, …": what leads up to the source is framing, not the statement
                    toks = [t for t in toks if t.start >= inner[-1].end]
            while toks and (toks[0].pos == "PUNCT" or toks[0].lemma == "что"):
                toks = toks[1:]
            while toks and toks[-1].pos == "PUNCT":
                toks = toks[:-1]
            if len(toks) < 3:
                continue
            s, e = toks[0].start, toks[-1].end
            marker = next((c.text.lower() for c in sent.children(tok, "case")
                           if c.lemma in ("по", "согласно", "из", "в", "с")), "")
            cue = f"{marker} {tok.text}".strip()
            out.append(self._claim(s, e, False, cue, speaker, 0.7 if speaker.actor_key else 0.5))
        return out

    def _headline_claims(self) -> list[Claim]:
        """"Петренко: министерство не видит оснований …" — a named person, a colon, and what they said."""
        out = []
        for m in self.mentions:
            if m.actor_type not in ("person", "organization"):
                continue
            line_start = self.plain.rfind("\n", 0, m.start) + 1
            if any(c.isalnum() for c in self.plain[line_start:m.start]):
                continue
            found = self._after_colon(m.end)
            if found is None:
                continue
            s, e, direct = found
            sp = Speaker(m.start, m.end, m.text, m.actor_key, m.actor_name, m.actor_type)
            out.append(self._claim(s, e, direct, ":", sp, 0.7 if m.actor_key else 0.55))
        out += self._dash_attributions()
        return out

    def _dash_attributions(self) -> list[Claim]:
        """"Больше половины области осталась без света — власти": a line whose statement ends with a dash
        and its source (a named actor, or a short unnamed source such as "власти", "источник")."""
        out = []
        for line in re.finditer(r"[^\n]+", self.plain):
            m = re.match(r"\W*?(?P<body>[\w«„\"].*?\S)[\s,]+[—–]\s+(?P<src>[^—–.,:;!?«»][^—–.,:;!?]{1,39}?)[\s.!]*$",
                         line.group(0))
            if not m:
                continue
            s, e = line.start() + m.start("body"), line.start() + m.end("body")
            ss, se = line.start() + m.start("src"), line.start() + m.end("src")
            found = sorted(self._mentions_in(ss, se),
                           key=lambda m: ("person", "organization", "country").index(m.actor_type)
                           if m.actor_type in ("person", "organization", "country") else 3)
            sent = next((x for x in self.sentences if x.start <= ss < x.end), None)
            first_noun = next((t for t in (sent.tokens if sent else []) if ss <= t.start < se
                               and t.pos in ("NOUN", "PROPN")), None)
            if found and found[0].actor_type == "country" and first_noun is not None \
                    and not found[0].start <= first_noun.start < found[0].end:
                found = []  # "— канцелярия президента Сирии": an office of the state speaks, not the state
            if found:
                actor = found[0]
                sp = Speaker(ss, se, self.text[ss:se], actor.actor_key, actor.actor_name, actor.actor_type)
            else:
                words = self.plain[ss:se].split()
                sent = next((x for x in self.sentences if x.start <= ss < x.end), None)
                # the source's head noun: the first noun ("источник 112", "источник «Вестника»"), after
                # its adjectives ("украинские СМИ")
                head = next((t for t in (sent.tokens if sent else []) if ss <= t.start < se
                             and t.pos in ("NOUN", "PROPN")), None) if words else None
                named_source = 0 < len(words) <= 3 and words[0][:1].isupper() and head is not None and head.pos in (
                    "PROPN", "NOUN") and head.feats.get("Case") in (None, "Nom")
                # a Latin name ("— Vestnik Daily"): the tagger reads it as a foreign word, not a noun
                latin = 0 < len(words) <= 3 and all(w[:1].isupper() and w[:1].isalpha() and not re.search(
                    r"[\u0400-\u04ff]", w) for w in words)
                named_source = named_source or latin
                has_verb = sent is not None and any(t.pos in ("VERB", "AUX") or t.lemma in CUE_VERBS
                                                    for t in sent.tokens if ss <= t.start < se)
                if has_verb or (not named_source and (
                        head is None or len(words) > 3 or head.case not in (None, "Nom")
                        or (head.pos != "NOUN" and head.lemma not in _COLLECTIVE_SPEAKERS)
                        or not (head.lemma in _DESCRIPTOR_HEADS or head.lemma in _COLLECTIVE_SPEAKERS
                                or head.lemma in ORG_HEADS or head.feats.get("Animacy") == "Anim"))):
                    continue  # "— сказал он журналистам" is a cue, not a source
                if latin:  # an outlet or body named in Latin script
                    sp = Speaker(ss, se, self.text[ss:se], None, self.text[ss:se], "organization")
                else:
                    sp = Speaker(ss, se, self.text[ss:se], None, self.text[ss:se], "descriptor", role=self.text[ss:se])
            body = self.plain[s:e]
            direct = body.startswith(("«", "„")) and body.endswith(("»", "“"))
            out.append(self._claim(s + direct, e - direct, direct, "—", sp, 0.6 if sp.actor_key else 0.45))
        return out


def find_claims_ru(text: str, sentences: list[RuSentence], mentions: list[Mention], gazetteer: Gazetteer,
                   anchor: date | None, nlp: RussianNLP | None = None) -> list[Claim]:
    return RussianAttribution(text, sentences, mentions, gazetteer, anchor, nlp).find()
