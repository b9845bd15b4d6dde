"""Russian actor mentions: gazetteer aliases matched by lemma (any inflected form of a listed Russian
name), Cyrillic names linked to Latin gazetteer spellings by romanization, slovnet NER for actors the
gazetteer does not know (typed person / organization), surnames after a first full mention, and
countries named as places ("в Иране") — a city is never a country mention.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from extraction.gazetteer import Gazetteer, GazetteerActor, Places
from extraction.model import Mention
from extraction.names import _given_name_genders, romanize, same_name
from extraction.russian.parse import (
    RuSentence,
    RussianNLP,
    RuToken,
    lemmatize_phrase,
    markup_blanked,
    morph_parses,
)

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Words that head an organisation's name in Russian; an NER ORG span without one of them (or an
# all-capitals acronym) is too often a product, an event or a headline fragment.
ORG_HEADS = frozenset(
    ["министерство", "сила", "мид", "минобороны", "минфин", "минэкономразвития", "ведомство", "совет", "комитет", "комиссия", "партия", "банк", "фонд", "суд", "парламент", "дума", "госдума", "собрание", "армия", "войско", "вс", "силы", "корпус", "институт", "университет", "академия", "служба", "агентство", "управление", "союз", "ассоциация", "федерация", "лига", "альянс", "движение", "фронт", "бригада", "группа", "группировка", "компания", "корпорация", "концерн", "холдинг", "правительство", "администрация", "кабинет", "канцелярия", "бюро", "департамент", "секретариат", "коалиция", "организация", "кремль", "пентагон", "офис", "генштаб", "штаб", "прокуратура", "полиция", "мвд", "фсб", "свр", "гру", "росгвардия", "центробанк", "цб", "биржа", "трибунал", "сенат", "конгресс", "меджлис", "кнессет", "нато", "оон", "ес",
     # the press ("сообщает «Вестник Ларкспура»")
     "газета", "телеканал", "радиостанция", "издание"]
)
# Public institutions: an organisation when it acts ("Городская больница № 2 сообщила"), a place after a
# preposition of place ("в городской больнице № 2", "из Ларкспурского диспансера").
_INSTITUTION_HEADS = frozenset(["больница", "госпиталь", "поликлиника", "диспансер", "музей", "театр", "колледж",
                                "лицей", "гимназия", "школа"])  # not "библиотека": channel names ("Библиотека …")
_PLACE_PREPOSITIONS = frozenset(["в", "во", "на", "из", "изо", "до", "у", "около", "возле", "через", "под", "к", "ко"])
# One-word names of agencies, banks and companies: "…надзор", "…банк", "…нефть".
_ORG_SUFFIXES = ("надзор", "банк", "нефть", "газ", "энерго", "атом", "авиа", "транс", "строй", "холдинг")
# A source named in the genitive: "по данным X", "по словам X", "со ссылкой на X", "в заявлении X".
_SOURCE_HEADS = frozenset(["данные", "словам", "слово", "информация", "ссылка", "заявление", "сообщение", "пресс-служба", "оценка", "отчет", "доклад", "письмо", "публикация", "сведение"])
# Acronyms that are not organisations (media in general, sectors, roads, exhibitions).
_NOT_ORG_ACRONYMS = frozenset(["сми", "it", "ai", "ии", "апк", "жкх", "ндс", "ввп", "ипотека", "рф", "жк", "ук", "снт", "тц",
                               "трц", "бц", "днт", "ижс", "вэд", "мфо", "нко", "upd"])
# Not actors although NER may tag them ORG/PER: agreement words, events, products.
# Nouns that type the name written right after them: "банк «Вестбанк»", "издание Vestnik Daily",
# "партия "Новый путь"" — the name is an organisation even when NER misses it or it is Latin. Not a
# journal: a study's venue is where it appeared, not who speaks.
_TYPED_ORG_NOUNS = frozenset(["издание", "газета", "агентство", "телеканал", "радиостанция", "компания",
                              "авиакомпания", "банк", "фонд", "партия", "движение", "группировка", "клуб",
                              "корпорация", "концерн", "холдинг", "завод", "университет", "институт", "ассоциация",
                              "организация", "объединение", "ретейлер", "маркетплейс", "склад"])
_TYPED_NAME = re.compile(r"[ \t]+(?:«(?P<q1>[^«»\n]{2,40})»|\"(?P<q2>[^\"\n]{2,40})\"|"
                         r"(?P<latin>[A-Z][A-Za-z0-9&'.-]*(?:[ \t]+[A-Z][A-Za-z0-9&'.-]*){0,3}))")
_NOT_ACTOR = frozenset(["договор", "соглашение", "меморандум", "пакт", "саммит", "форум", "чемпионат", "турнир", "олимпиада", "выставка"])


@dataclass(frozen=True, slots=True)
class LemmaIndex:
    """Gazetteer aliases and place names keyed by their lemma tuple."""

    actors: dict[tuple[str, ...], GazetteerActor]
    places: dict[tuple[str, ...], str]  # lemma tuple → country code of a city/capital
    max_len: int


_INDEXES: dict[tuple[int, int, int], LemmaIndex] = {}


def _index(nlp: RussianNLP, gazetteer: Gazetteer, places: Places) -> LemmaIndex:
    key = (id(nlp), id(gazetteer), id(places))
    if key not in _INDEXES:
        _INDEXES[key] = _build_index(nlp, gazetteer, places)
    return _INDEXES[key]


def _other_country_follows(toks: list[RuToken], j: int, actor: GazetteerActor, index: LemmaIndex) -> bool:
    """An organisation's name followed by another country in the genitive ("Минфин США" after a bare
    "Минфин" that the gazetteer gives to one country)."""
    if j >= len(toks) or toks[j].case not in ("Gen", None):
        return False
    country = index.actors.get((toks[j].lemma,))
    return country is not None and country.actor_type == "country" and country.country_code != actor.country_code


_CAPITALS: dict[tuple[int, int], dict[str, str]] = {}
# Nouns whose genitive complement is an actor's ("позиция <Столицы>", "поддержка <Столицы>"), not a place's.
_STANCE_NOUNS = frozenset(["позиция", "поддержка", "требование", "решение", "заявление", "ответ", "политика",
                           "действие", "предложение", "отказ", "условие", "интерес", "курс", "план", "представитель",
                           "официальный", "реакция", "обвинение", "претензия"])
# (not "власти <Столицы>": a city's own authorities)
# Verbs of saying whose plural, subjectless form takes its speaker in the locative ("в <Столице> поясняли").
_SAY_LEMMAS = frozenset(["заявить", "заявлять", "сообщить", "сообщать", "пояснить", "пояснять", "ответить",
                         "отвечать", "подчеркнуть", "подчеркивать", "отметить", "отмечать", "признать", "признавать",
                         "уточнить", "уточнять", "считать", "говорить", "сказать", "опровергнуть", "отрицать",
                         "предупредить", "предупреждать", "пообещать", "обещать", "подтвердить", "подтверждать"])


def _other_given_name(sent: RuSentence, before: list[RuToken], s: int, e: int, actor: GazetteerActor) -> bool:
    """Whether a seed person's one-word alias (a surname) ends a person's name the NER found whose given
    name is none of the seed person's (Latin or Cyrillic, in any case form): another person."""
    start = next((es for es, ee, label in sent.entities if label == "PER" and es < s and e <= ee), None)
    if start is None:
        return False
    words = [t for t in before if t.start >= start and t.text[:1].isupper() and t.pos == "PROPN"]  # ("Завтра": no name)
    if not words:
        return False
    own = [g for a in (actor.canonical_name, *actor.aliases) if len(a.split()) > 1 for g in a.split()[:-1]]
    initials = {g[0].casefold() for g in own if g}
    return not any(same_name(w.text, g) or same_name(w.lemma, g) for w in words for g in own) \
        and not any(len(w.text.rstrip(".")) == 1 and w.text[0].casefold() in initials for w in words)  # "Д. <Фамилия>"


def _capitals(nlp: RussianNLP, places: Places) -> dict[str, str]:
    """One-word Russian capital names by lemma → the country's code."""
    key = (id(nlp), id(places))
    if key not in _CAPITALS:
        _CAPITALS[key] = {lemmas[0]: p.country_code for p in places.places if p.kind == "capital"
                          and _CYRILLIC.search(p.name) and len(lemmas := lemmatize_phrase(nlp, p.name)) == 1}
    return _CAPITALS[key]


def _stands_for_state(sent: RuSentence, t: RuToken) -> bool:
    """Whether a capital's name acts for its state in the parse: the subject of a verb, the partner "с
    <Столицей>", a recipient in the dative, the holder of a stance ("позиция <Столицы>"), or the locative
    of a subjectless verb of saying ("в <Столице> поясняли")."""
    head = sent.head_of(t)
    if head is None:
        return False  # no parse, no role
    cases = {c.lemma for c in sent.children(t, "case")}
    rel = t.rel.split(":")[0]
    if t.case == "Nom" and rel == "nsubj" and head.pos in ("VERB", "AUX"):
        return True
    if t.case == "Ins" and cases == {"с"}:
        return True
    if t.case == "Dat" and not cases and rel in ("iobj", "obl"):
        return True
    if t.case == "Gen" and not cases and rel == "nmod" and head.lemma in _STANCE_NOUNS:
        return True
    return t.case == "Loc" and cases == {"в"} and rel == "obl" and head.lemma in _SAY_LEMMAS \
        and head.feats.get("Number") == "Plur" and not sent.children(head, "nsubj")


def _build_index(nlp: RussianNLP, gazetteer: Gazetteer, places: Places) -> LemmaIndex:
    actors: dict[tuple[str, ...], GazetteerActor] = {}
    ambiguous: set[tuple[str, ...]] = set()
    for actor in gazetteer.actors.values():
        for alias in (actor.canonical_name, *actor.aliases):
            if not _CYRILLIC.search(alias):
                continue
            # by lemmas, and also as written: the lemmatizer can read a surname as a common noun out of
            # context ("Сомов" → "сом") and as a name in a sentence, or the other way round
            lemmas = lemmatize_phrase(nlp, alias)
            surface = tuple(w.casefold() for w in re.findall(r"[\w.]+", alias))
            for key in {k for k in (lemmas, surface) if k}:
                if key in actors and actors[key].actor_id != actor.actor_id:
                    ambiguous.add(key)
                actors.setdefault(key, actor)
    for key in ambiguous:
        actors.pop(key, None)
    place_index = {
        lemmatize_phrase(nlp, p.name): p.country_code
        for p in places.places
        if p.kind in ("capital", "city") and _CYRILLIC.search(p.name)
    }
    longest = max((len(k) for k in (*actors, *place_index)), default=1)
    return LemmaIndex(actors, place_index, longest)


def _mention(s: int, e: int, text: str, actor: GazetteerActor, method: str, confidence: float) -> Mention:
    return Mention(s, e, text[s:e], actor.actor_id, actor.canonical_name, actor.actor_type, actor.country_code,
                   method, confidence)


_GENDERS = {"Masc": "masc", "Fem": "femn"}
_CASE_TAGS = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
_NAME_TAGS = frozenset({"Name", "Surn", "Patr"})


def _name_parses(nlp: RussianNLP, word: str) -> list[Any]:
    parses = [p for p in morph_parses(nlp.morph, word) if p.tag.POS in ("NOUN", "ADJF") and p.tag.number != "plur"]
    named = [p for p in parses if _NAME_TAGS & p.tag.grammemes]
    return named or [p for p in parses if "anim" in p.tag.grammemes or p.tag.POS == "ADJF"] or parses


def _title_name(nlp: RussianNLP, tokens: list[RuToken], text: str | None = None) -> str:
    """Nominative name of a person from its inflected words ('Масудом Пезешкианом' → 'Масуд Пезешкиан',
    'Анной Петровой' → 'Анна Петрова'): the gender and case every word of the name can share (the
    parser's case and gender break ties), then each word inflected to the nominative of that gender.
    Words no analysis explains (foreign, indeclinable) stay as written."""
    words = [t.text for t in tokens]
    parses = {w: _name_parses(nlp, w) if any("\u0400" <= c <= "\u04ff" for c in w) else [] for w in words}
    parsed = [w for w in words if parses[w]]
    syn_case = _CASE_TAGS.get(next((t.case for t in tokens if t.case), "") or "")
    syn_gender = _GENDERS.get(next((t.feats.get("Gender") for t in tokens if t.feats.get("Gender")), "") or "")
    best: tuple[str, str] | None = None
    if parsed:
        options = []
        for gender in ("masc", "femn"):
            for case in ("nomn", "gent", "datv", "accs", "ablt", "loct"):
                if all(any(case in p.tag.grammemes and ({gender, "ms-f"} & p.tag.grammemes or p.tag.gender is None)
                           for p in parses[w]) for w in parsed):
                    options.append((case != syn_case, case != "nomn", gender != syn_gender, gender, case))
        if options and not (syn_case == "nomn" and not any(o[4] == "nomn" for o in options)):
            # (a name the parser reads as a subject but no dictionary reading puts in the nominative —
            # "вице-президент <Given>а <Surname>а" — is written in the nominative: it stays as it is)
            _, _, _, gender, case = min(options)
            best = (gender, case)
    if best is None and syn_case and syn_case != "nomn":
        # no gender and case all the words share: each word in the parser's case, its own gender
        best = ("", syn_case)
    out = []
    for w in words:
        word = w
        if best is not None and best[1] != "nomn" and parses[w]:
            gender, case = best
            for p in parses[w]:
                if case in p.tag.grammemes and (not gender or {gender, "ms-f"} & p.tag.grammemes
                                                or p.tag.gender is None):
                    form = p.inflect({"nomn", "sing", gender} if p.tag.POS == "ADJF" and gender else {"nomn", "sing"})
                    if form is not None:
                        word = form.word
                        break
        out.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    if len(words) >= 2 and (surname := _first_declension_surname(nlp, words, text)) is not None:
        out[-1] = surname
        if out[0] == words[0]:
            # the given name no shared case explained: its own masculine reading, in the nominative
            for p in morph_parses(nlp.morph, words[0]):
                if "masc" in p.tag.grammemes and p.tag.case != "nomn" and (form := p.inflect({"nomn", "sing"})):
                    out[0] = form.word[:1].upper() + form.word[1:]
                    break
    return " ".join(out)


# endings of a first-declension surname ("Гуначба", "Квиция") in an oblique case, → its nominative ending
# — only endings a man's consonant-stem surname ("Трамп": "Трампа", "Трампу", "Трампом", "Трампе") never has
_FIRST_DECLENSION_ENDINGS = (("ией", "ия", {"ablt"}), ("ии", "ия", {"gent"}), ("ию", "ия", {"accs"}),
                             ("ой", "а", {"ablt"}), ("ей", "я", {"ablt"}), ("ы", "а", {"gent"}),
                             ("у", "а", {"accs"}), ("ю", "я", {"accs"}),
                             # the dative "-е" ("Шерифу Вестице") when the text also writes "Вестица", "-ы" …:
                             # a man's "-ов" surname has "-у" there
                             ("е", "а", {"datv"}))


def _first_declension_surname(nlp: RussianNLP, words: list[str], text: str | None) -> str | None:
    """The nominative of a man's surname that declines like a feminine noun ("-ба", "-ия", common in
    Abkhaz and Georgian names): after a man's given name in an oblique case, a surname the dictionary
    does not know, ending as a first-declension noun of that case ("с Астамуром Гуначбой", "Астамура
    Гуначбы"), is "-а"/"-я" — a man's "-ов"/"-ин" surname would end "-ым", "-а", "-у" instead. A surname
    the text also writes with "-а" stays as written when the text has its "-ы" or "-ой" forms too."""
    given = [p for p in morph_parses(nlp.morph, words[0]) if "masc" in p.tag.grammemes and (
        "Name" in p.tag.grammemes or ("anim" in p.tag.grammemes and _given_name(nlp, words[0])))]
    last = words[-1]
    if not given or not _CYRILLIC.search(last) or not last[:1].isupper() or any(
            p.is_known and ("Surn" in p.tag.grammemes or "Name" in p.tag.grammemes) for p in morph_parses(nlp.morph, last)):
        return None  # a surname or name the dictionary knows declines as it says
    oblique = {p.tag.case for p in given} - {"nomn"}
    if not oblique:
        return None
    for ending, nominative, cases in _FIRST_DECLENSION_ENDINGS:
        # the ending fits one of the given name's cases ("-ой" ablative, "-ы" genitive, "-у" accusative)
        if last.endswith(ending) and len(last) > len(ending) + 2 and cases & oblique:
            stem = last[: -len(ending)]
            if ending == "е" and (text is None or not re.search(rf"\b{re.escape(stem)}(?:а|ы|ой|у)\b", text)):
                continue  # "-е" is also how an indeclinable name ends ("Жану Дюпре"): only with another form
            return stem + nominative
    if last.endswith("ия") and text is not None and len(re.findall(rf"\b{re.escape(last)}\b", text)) >= 2:
        return last  # "<Given>а <Surname>ия" and the bare "<Surname>ия" elsewhere: a name that does not decline
    if last.endswith("а") and text is not None and oblique & {"gent", "accs"}:
        stem = last[:-1]
        if re.search(rf"\b{re.escape(stem)}(?:ы|ой)\b", text):
            return last  # "<Given>а <Surname>а" here, "<Surname>ы" elsewhere: the nominative is as written
    return None


def find_mentions_ru(
    text: str,
    sentences: list[RuSentence],
    nlp: RussianNLP,
    gazetteer: Gazetteer,
    places: Places,
    blocked: list[tuple[int, int]],
    outlet: str | None = None,
) -> list[Mention]:
    """All actor mentions of one Russian body. The publishing channel or outlet (`outlet`) naming itself
    is its byline, not an actor."""
    index = _index(nlp, gazetteer, places)
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = list(blocked)

    countries: list[tuple[int, int]] = []

    def free(s: int, e: int, over_countries: bool = False) -> bool:
        spans = [t for t in taken if not (over_countries and t in countries)]
        return not any(s < te and ts < e for ts, te in spans)

    def add(m: Mention) -> None:
        mentions.append(m)
        taken.append((m.start, m.end))
        if m.actor_type == "country":
            countries.append((m.start, m.end))

    # 1. gazetteer aliases by lemma: the longest run of tokens whose lemmas are an alias
    for sent in sentences:
        toks = [t for t in sent.tokens if t.pos != "PUNCT" or t.text == "-"]
        i = 0
        while i < len(toks):
            matched = False
            for n in range(min(index.max_len, len(toks) - i), 0, -1):
                run = toks[i : i + n]
                key = tuple(t.lemma for t in run if t.text != "-") if n > 1 else (run[0].lemma,)
                actor = index.actors.get(key)
                if actor is None and run[0].text[:1].isupper():
                    # an acronym, or an alias as written
                    actor = index.actors.get(tuple(t.text.casefold() for t in run if t.text != "-"))
                if actor is None:
                    continue
                s, e = run[0].start, run[-1].end
                if n == 1 and not (run[0].text[:1].isupper()):
                    continue  # a lower-case word is a common noun, not a name
                if actor.actor_type == "organization" and _other_country_follows(toks, i + n, actor, index):
                    break  # "Минобороны Украины" is not Russia's ministry: the NER names it with its country
                if n == 1 and actor.actor_type == "person" and _other_given_name(sent, toks[:i], s, e, actor):
                    break  # "<Другое имя> <Фамилия>": someone else of the seed person's surname, left to the NER
                if free(s, e):
                    add(_mention(s, e, text, actor, "alias", 0.95))
                    i += n
                    matched = True
                break
            if not matched:
                i += 1

    # 1b. a capital standing for its state ("настаивает <Столица>", "переговоры с <Столицей>", "в <Столице>
    # поясняли"); a capital as a place ("в <Столице> прошел", "атаковать <Столицу>") is not a country mention
    capitals = _capitals(nlp, places)
    plain_text = markup_blanked(text)
    for sent in sentences:
        for t in sent.tokens:
            code = capitals.get(t.lemma) if t.text[:1].isupper() and t.pos == "PROPN" else None
            if code is None or not free(t.start, t.end) or not _stands_for_state(sent, t) \
                    or plain_text[max(0, t.start - 1):t.start] in ("\"", "«", "„"):
                continue  # (a quoted title that opens with a capital's name is a work, not the state)
            state = gazetteer.country(code)
            if state is not None:
                add(_mention(t.start, t.end, text, state, "capital", 0.7))

    # 2. NER spans the gazetteer did not explain
    first_names: dict[str, Mention] = {}  # surname lemma → the full-name mention it shortens
    for m in mentions:
        if m.actor_type == "person":
            first_names.setdefault(lemmatize_phrase(nlp, m.text)[-1], m)  # keyed by the surname's lemma
    for sent in sentences:
        for s, e, label in sent.entities:
            if not free(s, e, over_countries=label == "ORG"):
                continue  # an organisation's name may hold a country ("МИД Турции": both are actors)
            own_end = e  # the NER's own span, before a place joins it
            if label == "ORG":
                e = _with_place_of(nlp, sent, text, e, index)
            words = [t for t in sent.tokens if s <= t.start and t.end <= e and t.pos != "PUNCT"]
            if not words:
                continue
            lemmas = tuple(t.lemma for t in words)
            if label == "LOC":
                actor = index.actors.get(lemmas)
                if actor is not None and actor.actor_type == "country":
                    add(_mention(s, e, text, actor, "alias", 0.9))
                continue
            if any(lemma in _NOT_ACTOR for lemma in lemmas):
                continue
            if outlet and re.search(rf"(?<!\w){re.escape(outlet)}(?!\w)", text[s:e], re.I):
                continue  # the channel naming itself ("Канал Вестник узнал …")
            if label == "PER":
                _person(nlp, text, s, e, words, gazetteer, first_names, add)
            elif label == "ORG":
                head = words[0].lemma
                if any(t.lemma in _NOT_ORG_ACRONYMS for t in words):
                    continue  # "украинские СМИ": the media in general
                headed = any(t.lemma in ORG_HEADS or t.lemma.endswith(_ORG_SUFFIXES) for t in words)
                own = [t for t in words if t.end <= own_end]
                acronym = len(own) == 1 and own[0].text.isupper() and len(own[0].text) >= 2 \
                    and own[0].lemma not in _NOT_ORG_ACRONYMS
                # a name the dictionary calls an organisation (tag Orgn), or any capitalised name that
                # acts: the subject of a verb, a source ("по данным X", "согласно X"), a headline speaker
                orgn = any("Orgn" in p.tag.grammemes for w in words for p in morph_parses(nlp.morph, w.text))
                acts = all(w.text[:1].isupper() for w in words) and len(" ".join(w.text for w in words)) > 2 and (
                    markup_blanked(text[e:e + 3]).lstrip()[:1] == ":" or any(
                        w.rel.startswith("nsubj")
                        or any(c.lemma == "согласно" for c in sent.children(w, "case"))
                        or (w.rel.startswith("nmod") and (h := sent.head_of(w)) is not None and h.lemma in _SOURCE_HEADS)
                        for w in words))
                latin = orgn or (acts and (not all(_could_be_name(nlp, w.text) for w in words)
                                           or not all(_CYRILLIC.search(w.text) for w in words)
                                           or all(not p.is_known for w in words for p in morph_parses(nlp.morph, w.text))))
                if not headed and any(t.lemma in _INSTITUTION_HEADS or t.lemma.endswith("диспансер") for t in words):
                    before = [t for t in sent.tokens if t.end <= s and t.pos != "PUNCT"]
                    headed = not before or before[-1].lemma not in _PLACE_PREPOSITIONS
                actor = index.actors.get(lemmas)
                after = [t for t in sent.tokens if t.start >= e and t.pos != "PUNCT"]
                if actor is not None and actor.actor_type == "organization" and _other_country_follows(
                        after, 0, actor, index):
                    actor = None  # "Минобороны Украины": another country's body of the same name
                    headed = True
                if actor is not None:
                    add(_mention(s, e, text, actor, "alias", 0.9))
                elif head in ORG_HEADS or headed or acronym or latin:
                    name, country = _org_name(sent, s, e, index, nlp, own_end)
                    add(Mention(s, e, text[s:e], None, name, "organization", country, "ner", 0.7))
    # 3. names typed by the noun before them ("банка «Вестбанк»", "издания Vestnik Daily")
    plain = markup_blanked(text)
    for sent in sentences:
        for t in sent.tokens:
            if t.lemma not in _TYPED_ORG_NOUNS or t.pos not in ("NOUN", "PROPN", "X"):
                continue  # (X: a sentence the parser did not read; the lemma is the dictionary's)
            found = _TYPED_NAME.match(plain, t.end)
            if found is None:
                continue
            group = next(g for g in ("q1", "q2", "latin") if found.group(g))
            s, e = found.span(group)
            name = found.group(group).strip().rstrip(".-'")
            e = s + len(name)
            if not name[:1].isupper() or not free(s, e, over_countries=True):
                continue
            actor = index.actors.get(lemmatize_phrase(nlp, name))
            if actor is not None and actor.actor_type == "organization":
                add(_mention(s, e, text, actor, "alias", 0.85))
            elif actor is None:
                add(Mention(s, e, text[s:e], None, name, "organization", None, "typed", 0.65))
    for m in mentions:
        # a span never starts or ends on markup, quotes or brackets ("[Петренко](…)", "«Вестник»")
        while m.start < m.end and not plain[m.start].isalnum():
            m.start += 1
        while m.end > m.start and not plain[m.end - 1].isalnum():
            m.end -= 1
        m.text = text[m.start:m.end]
        if m.actor_key is None:
            m.actor_name = m.actor_name.strip(" «»\"'[]()*_")
    mentions = [m for m in mentions if m.end > m.start]
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions


def _with_place_of(nlp: RussianNLP, sent: RuSentence, text: str, e: int, index: LemmaIndex) -> int:
    """The end of an organisation's name that goes on with a city or region in the genitive the NER
    cut off as a place ("Прокуратуры | Ларкспура", "Мэрия | Нортленда"): the place is part of the name. A
    country stays apart (it is an actor of its own: "МИД | Турции")."""
    loc = next(((ls, le) for ls, le, label in sent.entities if label == "LOC" and ls >= e and not text[e:ls].strip()), None)
    if loc is None:
        return e
    toks = [t for t in sent.tokens if loc[0] <= t.start and t.end <= loc[1] and t.pos != "PUNCT"]
    country = index.actors.get(tuple(t.lemma for t in toks)) if toks else None
    if not toks or (country is not None and country.actor_type == "country"):
        return e
    first = toks[0]
    genitive = first.case == "Gen" if first.case else any(
        "gent" in p.tag.grammemes for p in morph_parses(nlp.morph, first.text) if p.tag.POS == "NOUN")
    return loc[1] if genitive else e


def _title_case(word: str) -> bool:
    return len(word) >= 3 and word[:1].isupper() and word[1:].islower() and _CYRILLIC.search(word) is not None \
        and word.isalpha()


def _given_name(nlp: RussianNLP, word: str) -> bool:
    """A word the dictionary tags as a given name, or whose dictionary form romanizes to a given name of
    the curated seed ("Шерифу" → "шериф" → Sherif)."""
    if not _title_case(word):
        return False
    parses = morph_parses(nlp.morph, word)
    if any("Name" in p.tag.grammemes for p in parses):
        return True
    seed = _given_name_genders()
    return any(p.tag.POS == "NOUN" and "anim" in p.tag.grammemes and romanize(str(p.normal_form)) in seed
               for p in parses[:2])


def _surname_like(nlp: RussianNLP, word: str) -> bool:
    """A word that can be a surname: the dictionary tags it so, or does not know it at all (foreign
    names) — not a known common noun, place or given name."""
    if not _title_case(word):
        return False
    parses = morph_parses(nlp.morph, word)
    if any("Surn" in p.tag.grammemes for p in parses):
        return True
    return not any(p.is_known for p in parses)


def _person(nlp: RussianNLP, text: str, s: int, e: int, words: list[RuToken], gazetteer: Gazetteer,
            first_names: dict[str, Mention], add: Callable[[Mention], None], given_known: bool = False) -> None:
    name = _title_name(nlp, words, text)
    if not any(c.isalpha() for c in name):
        return
    actor = gazetteer.person_by_spelling(name)
    surname = words[-1].lemma
    if actor is not None:
        m = Mention(s, e, text[s:e], actor.actor_id, actor.canonical_name, "person", actor.country_code, "alias", 0.85)
    elif len(words) == 1 and surname in first_names:
        full = first_names[surname]
        m = Mention(s, e, text[s:e], full.actor_key, full.actor_name, "person", full.country_code, "surname", 0.8)
    elif len(words) >= 2:
        # a known given name followed by capitalised words is a full name even when the surname is also
        # an adjective or a common word ("Марина Тихая", "Пётр Крутой")
        given = _CYRILLIC.search(words[0].text) is not None and words[0].text[:1].isupper() and (any(
            "Name" in p.tag.grammemes for p in morph_parses(nlp.morph, words[0].text)) or (
            len(words) == 2 and _given_name(nlp, words[0].text) and _surname_like(nlp, words[1].text))) and all(
            w.text[:1].isupper() for w in words[1:])
        if not given and not given_known and any(not _could_be_name(nlp, w.text) for w in words) and not any(
                _CYRILLIC.search(w.text) is None for w in words):
            return
        m = Mention(s, e, text[s:e], None, name, "person", None, "ner", 0.75)
    else:
        # one word is a person only when the dictionary knows it as a surname: in the precision audit
        # other single words tagged PER were pets, wines, cartoon characters and meteor showers
        if not _CYRILLIC.search(words[0].text) or not any(
                "Surn" in p.tag.grammemes for p in morph_parses(nlp.morph, words[0].text)):
            return
        m = Mention(s, e, text[s:e], None, name, "person", None, "ner", 0.6)
    first_names.setdefault(surname, m)
    add(m)


_ACRONYM_STEM = re.compile(r"^[А-ЯЁA-Z]{2,}(?=[а-яё]{1,3}$)")


def _could_be_name(nlp: RussianNLP, word: str) -> bool:
    """A word a person's name can be: a known given name / surname / patronymic, or a word the
    dictionary does not know (foreign names) — not a common noun ("Авторегистратор", "Прайсы")."""
    if not _CYRILLIC.search(word):
        return True
    parses = morph_parses(nlp.morph, word.split("-")[0])
    if any(_NAME_TAGS & p.tag.grammemes for p in parses):
        return True
    return not any(p.is_known for p in parses)


def inflect_nominative(nlp: RussianNLP, token: RuToken, gender: str | None = None) -> str:
    case = _CASE_TAGS.get(token.case or "")
    if case is None and token.head < 0 and _CYRILLIC.search(token.text):
        # a sentence the parser did not run on: the dictionary's likeliest reading gives the case
        top = next((p for p in morph_parses(nlp.morph, token.text) if p.tag.POS in ("NOUN", "ADJF", "PRTF")), None)
        case = top.tag.case if top is not None and top.tag.case in _CASE_TAGS.values() else None
    if case in (None, "nomn") or not _CYRILLIC.search(token.text) or (len(token.text) > 1 and token.text.isupper()):
        return token.text  # an acronym ("СМИ", "МИД") is written the same in every case
    for p in morph_parses(nlp.morph, token.text):
        if case in p.tag.grammemes and p.tag.POS in ("NOUN", "ADJF", "PRTF"):
            wanted = {"nomn"} | ({gender} if gender and p.tag.POS != "NOUN" and p.tag.number != "plur" else set())
            form = p.inflect(wanted)
            if form is not None:
                word = form.word
                return word[:1].upper() + word[1:] if token.text[:1].isupper() else word
    return token.text


def nominative_phrase(phrase: list[RuToken], head: RuToken, nlp: RussianNLP | None) -> str:
    """A noun phrase in the nominative ("договора о партнерстве" → "договор о партнерстве", "губернатора
    области" → "губернатор области"): the head noun and the adjectives before it that agree with it are
    inflected, its complements stay as written; the words keep the text's own joins ("Иран-Россия")."""
    gender = None
    if nlp is not None:
        gender = next((p.tag.gender for p in morph_parses(nlp.morph, head.text) if p.tag.POS == "NOUN"), None)
    out = ""
    prev: RuToken | None = None
    for t in sorted(phrase, key=lambda t: t.start):
        word = t.text
        if nlp is not None and (t is head or (t.head == head.index and t.rel == "amod" and t.index < head.index)):
            word = inflect_nominative(nlp, t, gender)
            if word[:1].isupper() and not t.text[:1].isupper():
                word = word[:1].lower() + word[1:]
        if prev is not None:
            out += " " if t.start > prev.end else ""
        out += word
        prev = t
    return " ".join(out.split())


def _org_name(sent: RuSentence, s: int, e: int, index: LemmaIndex, nlp: RussianNLP,
              own_end: int | None = None) -> tuple[str, str | None]:
    """An organisation's name in the nominative ('Налоговой службы' → 'Налоговая служба', 'МИДа' →
    'МИД'): its head word and the adjectives agreeing with it are inflected, genitive complements stay;
    qualified by the country that follows it in the genitive ('МИД Турции'), and that country."""
    words = [t for t in sent.tokens if s <= t.start and t.end <= e]
    place = [t for t in words if own_end is not None and t.start >= own_end]  # a joined place stays as written
    words = [t for t in words if t not in place]
    inside = {t.index for t in words}
    root = next((t for t in words if t.head not in inside), words[0])
    unparsed = all(t.head < 0 for t in words)
    if unparsed:
        # no parse: the head is the first noun, the adjectives before it agree with it
        root = next((t for t in words if (p := morph_parses(nlp.morph, t.text)) and p[0].tag.POS == "NOUN"), words[0])
    gender = None
    for p in morph_parses(nlp.morph, root.text):
        if p.tag.POS == "NOUN":
            gender = p.tag.gender
            break
    out: list[str] = []
    prev: RuToken | None = None
    for t in words:
        stem = _ACRONYM_STEM.match(t.text)
        if stem:
            word = stem.group(0)
        elif t.text.isupper():
            word = t.text  # an acronym is not inflected
        elif t is root or (t.head == root.index and t.rel == "amod") or (unparsed and t.index < root.index):
            word = inflect_nominative(nlp, t, gender)
        else:
            word = t.text
        if prev is not None and t.start == prev.end and out:
            out[-1] += word  # the text's own joins: «Вестник», not « Вестник »
        else:
            out.append(word)
        prev = t
    out += [t.text for t in place]
    country = None
    after = [t for t in sent.tokens if t.start >= e]
    if after and after[0].case == "Gen":
        actor = index.actors.get((after[0].lemma,))
        if actor is not None and actor.actor_type == "country":
            country = actor.country_code
            out.append(after[0].text)
    return " ".join(out), country


def place_codes(nlp: RussianNLP, gazetteer: Gazetteer, places: Places) -> dict[tuple[str, ...], str]:
    """Lemma tuple of a Russian city or capital name → its country code."""
    return _index(nlp, gazetteer, places).places
