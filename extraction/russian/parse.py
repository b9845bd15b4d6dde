"""Russian NLP: natasha's segmenter, slovnet's news NER, morphology tagger and dependency parser (their
models ship inside the natasha wheel, no download), and pymorphy3 lemmas.

natasha's own `MorphVocab` lemmatizer is not used: it needs pymorphy2, which does not run on
Python 3.11. Lemmas come from pymorphy3, choosing the analysis that agrees with slovnet's part of
speech and case.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

# slovnet's universal POS → pymorphy3's OpenCorpora POS tags that may realise it
_POS_TAGS = {
    "NOUN": {"NOUN"}, "PROPN": {"NOUN"}, "ADJ": {"ADJF", "ADJS", "COMP"}, "VERB": {"VERB", "INFN", "PRTF", "PRTS", "GRND"},
    "AUX": {"VERB", "INFN"}, "NUM": {"NUMR", "NUMB"}, "ADV": {"ADVB", "COMP", "PRED"}, "PRON": {"NPRO", "ADJF"},
    "DET": {"ADJF", "NPRO"},
}
_CASES = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}


@dataclass(slots=True)
class RuToken:
    index: int  # position in its sentence
    start: int  # character offsets in the document body
    end: int
    text: str
    lemma: str
    pos: str
    feats: dict[str, str]
    rel: str
    head: int  # index of the head token in the sentence, -1 for the root

    @property
    def case(self) -> str | None:
        return self.feats.get("Case")


@dataclass(slots=True)
class RuSentence:
    start: int
    end: int
    tokens: list[RuToken]
    entities: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, PER|ORG|LOC)

    def children(self, token: RuToken, *rels: str) -> list[RuToken]:
        return [t for t in self.tokens if t.head == token.index and (not rels or t.rel.split(":")[0] in rels
                                                                       or t.rel in rels)]

    def subtree(self, token: RuToken) -> list[RuToken]:
        """The token and everything it governs, in text order."""
        keep = {token.index}
        changed = True
        while changed:
            changed = False
            for t in self.tokens:
                if t.head in keep and t.index not in keep:
                    keep.add(t.index)
                    changed = True
        return [t for t in self.tokens if t.index in keep]

    def head_of(self, token: RuToken) -> RuToken | None:
        return self.tokens[token.head] if 0 <= token.head < len(self.tokens) else None

    def token_at(self, offset: int) -> RuToken | None:
        for t in self.tokens:
            if t.start <= offset < t.end:
                return t
        return None


_MD_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\s]*)\)")
_MD_EMPHASIS = re.compile(r"\*\*|__|~~")


def markup_blanked(text: str) -> str:
    """Telegram markdown and emoji blanked out with spaces of the same length, so offsets stay exact: a
    link `[рассказал](https://…)` keeps only its text, `**` / `__` emphasis marks and emoji disappear."""
    text = _MD_LINK.sub(lambda m: " " + m.group(1) + " " * (len(m.group(0)) - len(m.group(1)) - 1), text)
    text = _MD_EMPHASIS.sub(lambda m: " " * len(m.group(0)), text)
    # emoji and pictographs glue onto words ("⚡️Лавров"): each becomes a space
    return "".join(" " if unicodedata.category(c) in ("So", "Sk", "Cs", "Co") or c in "\ufe0f\u200d" else c
                   for c in text)


def _blocks(text: str) -> list[str]:
    """The text cut at line breaks that end a unit — a headline, a list item, a paragraph — but not at a
    hard wrap inside a sentence (the next line goes on in lower case): joined with "\n", the blocks
    give back the text."""
    lines = text.split("\n")
    blocks = [lines[0]]
    for line in lines[1:]:
        first = line.lstrip()[:1]
        prev = blocks[-1].rstrip()
        if first.islower() and prev and prev[-1] not in ".!?:»\"":
            blocks[-1] += "\n" + line  # a wrapped sentence: one block
        else:
            blocks.append(line)
    return blocks


@dataclass(eq=False)
class RussianNLP:
    segmenter: Any
    morph_tagger: Any
    syntax_parser: Any
    ner_tagger: Any
    morph: Any

    def lemma(self, word: str, pos: str | None = None, case: str | None = None) -> str:
        return _lemma(self.morph, word, pos, case)

    def parse(self, text: str) -> list[RuSentence]:
        """Sentences of a body with tokens, lemmas, dependencies and named entities. Lines are parsed
        apart: a Telegram headline or list item ends at its line break even without a full stop."""
        out: list[RuSentence] = []
        offset = 0
        for block in _blocks(markup_blanked(text)):
            if block.strip():
                out += self._parse_line(block, offset)
            offset += len(block) + 1
        return out

    def _parse_line(self, line: str, offset: int) -> list[RuSentence]:
        from natasha import Doc

        doc = Doc(line)
        doc.segment(self.segmenter)
        doc.tag_morph(self.morph_tagger)
        doc.parse_syntax(self.syntax_parser)
        doc.tag_ner(self.ner_tagger)
        out: list[RuSentence] = []
        for sent in doc.sents:
            ids = {t.id: i for i, t in enumerate(sent.tokens)}
            tokens = [
                RuToken(
                    i, offset + t.start, offset + t.stop, t.text,
                    self.lemma(t.text, t.pos, (t.feats or {}).get("Case")),
                    t.pos or "X", dict(t.feats or {}), t.rel or "dep", ids.get(t.head_id, -1),
                )
                for i, t in enumerate(sent.tokens)
            ]
            out.append(RuSentence(offset + sent.start, offset + sent.stop, tokens))
        for span in doc.spans:
            for s in out:
                if s.start <= offset + span.start < s.end:
                    s.entities.append((offset + span.start, offset + span.stop, span.type))
                    break
        return out


@lru_cache(maxsize=200_000)
def _lemma_cached(morph: Any, word: str, pos: str | None, case: str | None) -> str:
    parses = morph.parse(word)
    if not parses:
        return word.casefold()
    wanted_pos = _POS_TAGS.get(pos or "")
    wanted_case = _CASES.get(case or "")
    best = None
    for p in parses:
        if wanted_pos and p.tag.POS not in wanted_pos:
            continue
        if wanted_case and wanted_case not in p.tag:
            continue
        best = p
        break
    if best is None and wanted_pos:
        best = next((p for p in parses if p.tag.POS in wanted_pos), None)
    return str((best or parses[0]).normal_form).replace("ё", "е")


def _lemma(morph: Any, word: str, pos: str | None, case: str | None) -> str:
    if not any(c.isalpha() for c in word):
        return word
    if not any("\u0400" <= c <= "\u04ff" for c in word):
        return word.casefold()
    return _lemma_cached(morph, word, pos, case)


def lemmatize_phrase(nlp: RussianNLP, phrase: str) -> tuple[str, ...]:
    """Lemmas of a phrase's words, each analysed alone ('Масудом Пезешкианом' → ('масуд', 'пезешкиан'))."""
    return tuple(nlp.lemma(w) for w in phrase.replace("-", " - ").split() if any(c.isalnum() for c in w))


@lru_cache(maxsize=1)
def load_russian() -> RussianNLP:
    import pymorphy3
    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    emb = NewsEmbedding()
    return RussianNLP(Segmenter(), NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb),
                      pymorphy3.MorphAnalyzer())


def is_russian(language: str | None) -> bool:
    return (language or "").split("-")[0].casefold() == "ru"
