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
    # emoji and pictographs glue onto words ("⚡️Петренко"): each becomes a space
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
    candidate: re.Pattern[str] | None = None  # sentences worth parsing; None parses every sentence

    def lemma(self, word: str, pos: str | None = None, case: str | None = None) -> str:
        return _lemma(self.morph, word, pos, case)

    def parse(self, text: str) -> list[RuSentence]:
        return self.parse_many([text])[0]

    def parse_many(self, texts: list[str]) -> list[list[RuSentence]]:
        """Sentences of each body with tokens, lemmas, dependencies and named entities.

        Lines are parsed apart: a Telegram headline or list item ends at its line break even without a
        full stop. The models run batched across all the bodies; NER reads every block, while the
        morphology tagger and the dependency parser — most of the cost — read only the candidate
        sentences, those that can hold a claim, a meeting, an agreement or a figure (`candidate`,
        built from the matchers' own vocabularies by extraction.russian.candidates);
        the other sentences' tokens carry dictionary lemmas and no parse.
        """
        from natasha import Doc

        jobs: list[tuple[int, int, Any]] = []  # (body index, block offset, segmented natasha Doc)
        for n, text in enumerate(texts):
            offset = 0
            for block in _blocks(markup_blanked(text)):
                if block.strip():
                    doc = Doc(block)
                    doc.segment(self.segmenter)
                    jobs.append((n, offset, doc))
                offset += len(block) + 1
        ner = list(self.ner_tagger.map([doc.text for _, _, doc in jobs])) if jobs else []
        candidates = [sent for _, _, doc in jobs for sent in doc.sents
                      if self.candidate is None or self.candidate.search(sent.text)]
        words = [[t.text for t in sent.tokens] for sent in candidates]
        if words:
            for sent, markup in zip(candidates, self.morph_tagger.map(words), strict=True):
                for token, tagged in zip(sent.tokens, markup.tokens, strict=True):
                    token.pos, token.feats = tagged.pos, tagged.feats
            for sent, markup in zip(candidates, self.syntax_parser.map(words), strict=True):
                for token, parsed in zip(sent.tokens, markup.tokens, strict=True):
                    token.id, token.head_id, token.rel = parsed.id, parsed.head_id, parsed.rel
        out: list[list[RuSentence]] = [[] for _ in texts]
        for (n, offset, doc), markup in zip(jobs, ner, strict=True):
            sents = [self._sentence(sent, offset) for sent in doc.sents]
            for start, stop, label in markup.spans:
                for s in sents:
                    if s.start <= offset + start < s.end:
                        s.entities.append((offset + start, offset + stop, label))
                        break
            out[n] += sents
        return out

    def _sentence(self, sent: Any, offset: int) -> RuSentence:
        ids = {t.id: i for i, t in enumerate(sent.tokens)}
        tokens = [
            RuToken(
                i, offset + t.start, offset + t.stop, t.text,
                self.lemma(t.text, t.pos, (t.feats or {}).get("Case")),
                t.pos or _dictionary_pos(t.text), dict(t.feats or {}), t.rel or "dep",
                ids.get(t.head_id, -1) if t.head_id is not None else -1,
            )
            for i, t in enumerate(sent.tokens)
        ]
        _break_cycles(tokens)
        return RuSentence(offset + sent.start, offset + sent.stop, tokens)


def _break_cycles(tokens: list[RuToken]) -> None:
    """The parser can return a head chain that loops (a word whose heads lead back to itself); every
    walk up the tree would then never end. The token that closes a loop becomes a root."""
    for token in tokens:
        seen = {token.index}
        current = token
        while 0 <= current.head < len(tokens):
            if current.head in seen:
                current.head = -1
                break
            seen.add(current.head)
            current = tokens[current.head]


def _dictionary_pos(word: str) -> str:
    """A coarse part of speech for an unparsed token (punctuation matters to the matchers)."""
    if not any(c.isalnum() for c in word):
        return "PUNCT"
    return "PROPN" if word[:1].isupper() else "X"




@lru_cache(maxsize=200_000)
def morph_parses(morph: Any, word: str) -> tuple[Any, ...]:
    """pymorphy3's analyses of a word (cached: one body repeats its words, a corpus its vocabulary)."""
    return tuple(morph.parse(word))


@lru_cache(maxsize=200_000)
def _lemma_cached(morph: Any, word: str, pos: str | None, case: str | None) -> str:
    parses = morph_parses(morph, word)
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
    """Lemmas of a phrase's words, each analysed alone ('Масудом Пезешкианом' → ('масуд', 'пезешкиан'));
    a hyphenated word is one word, as the tokenizer keeps it ('Санкт-Петербург', 'Ростов-на-Дону')."""
    return tuple(nlp.lemma(w.strip("«»\"(),.")) for w in phrase.split() if any(c.isalnum() for c in w))


BATCH_SIZE = 32  # sentences per model call (slovnet's default is 8)


@lru_cache(maxsize=1)
def load_russian() -> RussianNLP:
    import pymorphy3
    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    emb = NewsEmbedding()
    morph, syntax, ner = NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb)
    for model in (morph, syntax, ner):
        model.batch_size = BATCH_SIZE
    from extraction.russian.candidates import candidate_pattern

    return RussianNLP(Segmenter(), morph, syntax, ner, pymorphy3.MorphAnalyzer(), candidate_pattern())


def is_russian(language: str | None) -> bool:
    return (language or "").split("-")[0].casefold() == "ru"
