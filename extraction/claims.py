"""Claims: direct quotes and indirect speech attributed to a speaker (a person, organization,
country or outlet).

Direct quotes take their speaker from an attribution in the same sentence (`X said: "…"`,
`"…," X said`, `X called it a "…"`), or — for block quotes on their own line — from the line that
introduces them (`Araghchi added:`, `According to Dedov:`, `The outlet added:`). Indirect speech is
a speech verb with its subject (`X said that …`, `X insisted …`, `X told reporters that …`,
`X described Y as Z`), a sentence-final attribution (`…, according to X.`, `…, X reported.`) or a
sentence-initial one (`According to X, …`). Pronouns and definite descriptions ("the outlet",
"the statement") resolve to the nearest fitting earlier speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extraction.gazetteer import Places
from extraction.model import Citation, Claim, Mention, Sentences, Speaker

SPEECH_VERBS = (
    "said|says|say|told|tells|insisted|insists|stated|states|added|adds|adding|emphasized|emphasised|emphasizes|"
    "noted|notes|warned|warns|warning|announced|announces|claimed|claims|revealed|reveals|highlighted|highlights|"
    "argued|argues|stressed|stresses|reiterated|reiterates|confirmed|confirms|described|describes|flagged|flags|"
    "framed|frames|explained|explains|asserted|asserts|maintained|maintains|declared|declares|underlined|"
    "underscored|labeled|labelled|called|calls|stating|saying|wrote|writes|remarked|commented|replied|responded|"
    "acknowledged|admitted|denied|promised|pledged|vowed|urged|reminded|reported|reports"
)
_CUE = re.compile(rf"\b(?P<verb>{SPEECH_VERBS}|made\s+(?:it|this|that|the\s+\w+)\s+clear)\b")
_QUOTE = re.compile(
    r"“(?P<a>[^”]{2,2000})”|\"(?P<b>[^\"\n]{2,2000})\""
    # Single quotes, as headlines use them: an opening quote after a space, a closing one before one.
    r"|(?:(?<=\s)|^)‘(?P<c>[^‘’\n]{2,300})’(?=[\s.,;:!?]|$)|(?:(?<=\s)|^)'(?P<d>[A-Za-z][^'\n]{1,300}?[\w.!?,])'(?=[\s.,;:!?]|$)",
    re.M,
)
# What may stand between a speaker and its verb: a possessive institution ("Iran's leadership"),
# an apposition or aside between commas, auxiliaries and adverbs.
_GAP = re.compile(
    r"^(?:(?:'s|’s)\s+(?:leadership|government|authorities|officials|ministry|foreign\s+ministry|office|spokesman|spokeswoman)\s*)?"
    r"\s*(?:,[^,;:\"“”]{1,90},)?\s*,?\s*(?:(?:also|further|later|then|again|has|have|had|was|were|is|reportedly|recently|repeatedly|"
    r"consistently|publicly|once|previously|earlier|separately|in\s+turn|for\s+his\s+part|for\s+her\s+part|on\s+\w+)\s*,?\s*)*$"
)
_REL_OR_APPOS = re.compile(
    r",\s*(?:(?:who|which|whose|whom|where)\b[^,]*|[A-Z][\w’'-]*(?:\s+[\w’'-]+){0,4}\s+(?:of|to|at|for|in)\s+(?:the\s+)?)$"
)
_PRONOUN = re.compile(r"\b(?P<p>[Hh]e|[Ss]he)\s+(?:also\s+|further\s+|later\s+)?$")
_DEFINITE = re.compile(
    r"\b[Tt]he\s+(?P<noun>outlet|agency|newspaper|channel|broadcaster|paper|statement|ministry|report|readout|communiqué|spokesman|spokeswoman)\s+(?:also\s+|further\s+|later\s+)?$"
)
_ACCORDING_START = re.compile(r"^\s*(?:But\s+|And\s+)?[Aa]ccording\s+to\s+")
_ACCORDING_END = re.compile(r",\s*according\s+to\s+(?P<who>[^,]{2,120}?)\s*[.!?]?\s*$")
_TRAILING_ATTRIB = re.compile(rf",\s*(?P<who>[^,]{{2,80}}?)\s+(?P<verb>{SPEECH_VERBS})\s*[.!?]?\s*$")
_CLAUSE_END = re.compile(
    r",\s*(?:adding|saying|stating|noting|warning)\s+(?:that\s+)?|,\s*according\s+to\s+[^,]*[.!?]?\s*$|\s+[—–]\s+|—|"
    r",\s+(?:rendering|making|leaving|prompting|raising|sparking|calling|citing|signal+ing|underscoring|stressing|urging)\b|,\s*(?:and|but|while)\s+(?=(?:the|this|that|these|those|it|they|he|she|we)\b)|\s+and\s+(?=(?:"
    + SPEECH_VERBS
    + r")\b)"
)
_THAT = re.compile(r"^(?:\s+[^,.;:\"“”]{0,60}?)??\s+that\s+")
_TOLD_OBJECT = re.compile(
    r"^\s+(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*|reporters|journalists|the\s+\w+|a\s+\w+(?:\s+\w+)?|him|her|them|us|me)(?=\s)"
)
_MADE_CLEAR_LEAD = re.compile(r"^[^:]{0,60}:\s*")  # "made it clear in a statement: …" — up to the colon

# Confidence of a claim, by the evidence that attributes it.
QUOTE_WITH_CUE_CONFIDENCE = 0.85  # a direct quote tied to its speaker by a speech verb or a colon
QUOTE_WITHOUT_CUE_CONFIDENCE = 0.7  # a direct quote whose speaker is found with no such cue (its subject)
REPORTED_SPEECH_CONFIDENCE = 0.75  # indirect speech: a speech verb with its subject ("X said that …")
SPEAKER_HEADING_CONFIDENCE = 0.7  # a statement on a line opened by its speaker ("Araghchi: we will …")
EDGE_ATTRIBUTION_CONFIDENCE = 0.7  # "…, according to X." / "…, X reported." / "According to X, …"


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    speaker: Speaker


def _referring(start: int, text: str, antecedent: Speaker) -> Speaker:
    """A pronoun or definite description ("he", "the agency") at `start`, standing for `antecedent`:
    its own span and text, the antecedent's identity."""
    return Speaker(
        start,
        start + len(text),
        text,
        antecedent.actor_key,
        antecedent.name,
        antecedent.speaker_type,
        antecedent.outlet_key,
    )


def _candidates(
    mentions: list[Mention], citations: list[Citation], places: Places, text: str
) -> list[_Candidate]:
    out = [
        _Candidate(m.start, m.end, Speaker(m.start, m.end, m.text, m.actor_key, m.actor_name, m.actor_type))
        for m in mentions
    ]
    for c in citations:
        if c.citation_type == "outlet_attribution":
            out.append(
                _Candidate(
                    c.start,
                    c.end,
                    Speaker(c.start, c.end, c.text, None, c.outlet_name or c.text, "outlet", c.outlet_key),
                )
            )
    # A capital as the subject of a speech verb stands for its government ("Moscow framed …").
    for s, e, place in places.find(text):
        if place.kind == "capital":
            out.append(
                _Candidate(
                    s, e, Speaker(s, e, text[s:e], f"country:{place.country_code}", text[s:e], "country")
                )
            )
    out.sort(key=lambda c: (c.start, -c.end))
    return out


class ClaimFinder:
    def __init__(
        self,
        text: str,
        sentences: Sentences,
        mentions: list[Mention],
        citations: list[Citation],
        places: Places,
        country_keys: dict[str, tuple[str, str]],
    ):
        self.text = text
        self.sentences = sentences
        self.mentions = mentions
        self.citations = citations
        self.cands = _candidates(mentions, citations, places, text)
        self.country_keys = country_keys  # country code → (actor_key, canonical name)
        self.claims: list[Claim] = []

    def _fix(self, sp: Speaker) -> Speaker:
        if sp.actor_key and sp.actor_key.startswith("country:"):
            code = sp.actor_key.split(":", 1)[1]
            key, name = self.country_keys.get(code, (None, sp.name))
            return Speaker(sp.start, sp.end, sp.text, key, name, "country")
        return sp

    def _subject_before(self, pos: int, floor: int) -> Speaker | None:
        """The speaker whose mention ends just before a speech verb at `pos` (not before `floor`)."""
        t = self.text
        pm = _PRONOUN.search(t[max(floor, pos - 30) : pos])
        if pm:
            pron_start = max(floor, pos - 30) + pm.start()
            people = [c for c in self.cands if c.end <= pron_start and c.speaker.speaker_type == "person"]
            if people:
                return _referring(pron_start, pm.group("p"), people[-1].speaker)
        dm = _DEFINITE.search(t[max(floor, pos - 40) : pos])
        if dm:
            noun = dm.group("noun")
            dstart = max(floor, pos - 40) + dm.start()
            if noun in ("outlet", "agency", "newspaper", "channel", "broadcaster", "paper"):
                prior = [c for c in self.cands if c.end <= dstart and c.speaker.speaker_type == "outlet"]
            else:
                prior_claims = [
                    c.speaker
                    for c in self.claims
                    if c.speaker and c.speaker.speaker_type in ("organization", "outlet") and c.start < dstart
                ]
                if prior_claims:
                    return _referring(dstart, dm.group(0).strip(), prior_claims[-1])
                prior = []
            if prior:
                return _referring(dstart, dm.group(0).strip(), prior[-1].speaker)
        best: _Candidate | None = None
        for c in reversed([c for c in self.cands if floor <= c.start and c.end <= pos]):
            if not _GAP.match(t[c.end : pos]):
                continue
            seg_start = t.rfind(",", floor, c.start)
            if seg_start >= 0 and _REL_OR_APPOS.search(t[seg_start : c.start]):
                continue  # inside "…, who met X," or "…, Chairman of the X,"
            if best is None:
                best = c
                if c.speaker.speaker_type == "person":
                    break
                continue
            if c.speaker.speaker_type == "person":
                best = c  # a person before an organization in apposition is the subject
                break
        return self._fix(best.speaker) if best else None

    def _subject_at_start(self, s_start: int, s_end: int) -> Speaker | None:
        """The first actor of a sentence when it is its grammatical subject (within three words)."""
        for c in self.cands:
            if s_start <= c.start < s_end:
                lead = self.text[s_start : c.start]
                if len(lead.split()) <= 3 and not re.search(r"\b(?:of|to|with|for|from|by|about)\s+$", lead):
                    return self._fix(c.speaker)
                return None
        return None

    def _speaker_in(self, s_start: int, s_end: int) -> Speaker | None:
        """Speaker of an introducing sentence: verb subject, 'According to X', definite or first subject."""
        seg = self.text[s_start:s_end]
        am = _ACCORDING_START.match(seg)
        if am:
            for c in self.cands:
                if s_start + am.end() <= c.start < s_end:
                    return self._fix(c.speaker)
        for cm in _CUE.finditer(seg):
            sp = self._subject_before(s_start + cm.start(), s_start)
            if sp:
                return sp
        return self._subject_at_start(s_start, s_end)

    def find(self) -> list[Claim]:
        quote_spans = self._direct_quotes()
        for s_start, s_end in self.sentences.spans:
            self._indirect(s_start, s_end, quote_spans)
        self.claims.sort(key=lambda c: c.start)
        return self.claims

    def _direct_quotes(self) -> list[tuple[int, int]]:
        """Record a claim for every quote of speech that has a speaker; the spans of all quotes of speech."""
        t = self.text
        quote_spans: list[tuple[int, int]] = []
        for qm in _QUOTE.finditer(t):
            inner = next(
                g for g in (qm.group("a"), qm.group("b"), qm.group("c"), qm.group("d")) if g is not None
            )
            q_start = qm.start() + 1
            q_end = q_start + len(inner)
            words = inner.split()
            # Quoted names and scare quotes ("Strategic Cooperation Treaty", "Axis") are not speech,
            # nor are quoted URLs and markup attributes (href="https://…").
            if all(w[:1].isupper() or not w[:1].isalpha() for w in words) and len(words) <= 6:
                continue
            if (
                "://" in inner
                or "<" in inner
                or ">" in inner
                or t[max(0, qm.start() - 1) : qm.start()] == "="
            ):
                continue
            quote_spans.append((qm.start(), qm.end()))
            stripped_end = q_end
            while stripped_end > q_start and t[stripped_end - 1] in ",;: ":
                stripped_end -= 1
            sp = self._direct_speaker(qm.start(), qm.end())
            if sp is None:
                continue
            speaker, cue = sp
            confidence = QUOTE_WITH_CUE_CONFIDENCE if cue else QUOTE_WITHOUT_CUE_CONFIDENCE
            self.claims.append(
                Claim(q_start, stripped_end, t[q_start:stripped_end], True, cue, speaker, confidence)
            )
        return quote_spans

    def _direct_speaker(self, q_open: int, q_close: int) -> tuple[Speaker, str | None] | None:
        """The speaker of the quote q_open:q_close and its cue: an attribution before the quote in its
        sentence, or after it (`"…," X said`, `"…," said X`), or the subject of a sentence that
        announces it ("X's words:")."""
        t = self.text
        line_start = t.rfind("\n", 0, q_open) + 1
        if not t[line_start:q_open].strip():
            return self._block_quote_speaker(line_start)
        si = self.sentences.index_of(q_open)
        s_start, _s_end = self.sentences.spans[si] if self.sentences.spans else (0, len(t))
        floor = max(s_start, line_start)
        prefix = t[floor:q_open]
        cues = list(_CUE.finditer(prefix))
        for cm in reversed(cues):
            sp = self._subject_before(floor + cm.start(), floor)
            if sp:
                return sp, cm.group("verb")
        after = t[q_close : min(len(t), q_close + 80)]
        am = re.match(rf"^\s*[,.]?\s*(?P<rest>.*?)\s+(?P<verb>{SPEECH_VERBS})\b", after)
        if am and len(am.group("rest").split()) <= 5:
            pos = q_close + am.start("verb")
            sp = self._subject_before(pos, q_close)
            if sp:
                return sp, am.group("verb")
        vm = re.match(rf"^\s*[,.]?\s*(?P<verb>{SPEECH_VERBS})\s+", after)
        if vm:
            for c in self.cands:
                if q_close + vm.end() <= c.start <= q_close + vm.end() + 2:
                    return self._fix(c.speaker), vm.group("verb")
        if ":" in prefix or re.search(r"\b(?:words|remarks|comments|statement|message)\b", prefix):
            sp = self._subject_at_start(floor, q_open) or next(
                (
                    self._fix(c.speaker)
                    for c in self.cands
                    if floor <= c.start < q_open and c.speaker.speaker_type == "person"
                ),
                None,
            )
            if sp:
                return sp, None
        return None

    def _block_quote_speaker(self, line_start: int) -> tuple[Speaker, str | None] | None:
        """The speaker and cue of a block quote on its own line (from `line_start`): the introducing
        line ends with a colon, or the quote continues the previous quote's speaker."""
        t = self.text
        prev_end = line_start - 1
        while prev_end > 0 and t[prev_end - 1].isspace():
            prev_end -= 1
        if prev_end > 0 and t[prev_end - 1] == ":":
            pi = self.sentences.index_of(prev_end - 1)
            p_start, p_end = self.sentences.spans[pi]
            sp = self._speaker_in(p_start, p_end)
            if sp:
                cue = _CUE.search(t[p_start:p_end])
                return sp, cue.group("verb") if cue else ":"
        prev = [c for c in self.claims if c.is_direct_quote and 0 <= line_start - c.end <= 3 and c.speaker]
        if prev and prev[-1].speaker:
            return prev[-1].speaker, prev[-1].cue
        return None

    def _indirect(self, s_start: int, s_end: int, quote_spans: list[tuple[int, int]]) -> None:
        """Indirect claims of one sentence: its speech verbs with their subjects; failing any, the
        speaker heading it, else an attribution at its end or, failing that, at its start."""
        if self._speech_verb_claims(s_start, s_end, quote_spans):
            return
        seg = self.text[s_start:s_end]
        claim = self._speaker_heading_claim(s_start, s_end, quote_spans)
        if claim is None:
            # Attribution at the sentence edge: "…, according to X." / "…, X reported." / "According to X, …"
            am = _ACCORDING_END.search(seg)
            edge = am or _TRAILING_ATTRIB.search(seg)
            if edge:
                claim = self._final_attribution_claim(s_start, edge, am is not None, quote_spans)
            else:
                claim = self._opening_attribution_claim(s_start, s_end)
        if claim is not None:
            self.claims.append(claim)

    def _speech_verb_claims(self, s_start: int, s_end: int, quote_spans: list[tuple[int, int]]) -> bool:
        """Record the claim of each speech verb of a sentence outside its quotes, from the verb's
        subject ("X said that …", "…, adding that …"); whether there was any."""
        t = self.text
        seg = t[s_start:s_end]
        found_any = False
        last_speaker: Speaker | None = None
        cues = [
            cm
            for cm in _CUE.finditer(seg)
            if not any(qs <= s_start + cm.start() < qe for qs, qe in quote_spans)
        ]
        for i, cm in enumerate(cues):
            verb = cm.group("verb")
            pos = s_start + cm.start()
            sp = self._subject_before(pos, s_start)
            if sp is None and re.search(r"(?:,\s*|\band\s+)$", t[max(s_start, pos - 6) : pos]):
                # "…, adding that", "… and stated that": the previous verb's speaker, else the sentence subject.
                sp = last_speaker or self._subject_at_start(s_start, pos)
            if sp is None:
                continue
            after_verb = s_start + cm.end()
            if verb.startswith("made"):
                lead = _MADE_CLEAR_LEAD.match(t[after_verb:s_end])
                if not lead:
                    continue  # "made it clear" with no colon before what: nothing said, no speaker to carry on
                after_verb += lead.end()
            body_start = self._content_start(verb, after_verb, s_end)
            last_speaker = sp
            if body_start is None:
                continue  # "reports from Rome", "said at a press conference": no content
            body_end = s_end
            if i + 1 < len(cues):
                body_end = min(body_end, s_start + cues[i + 1].start())
            body_start, body_end = self._content_span(body_start, body_end)
            claim_text = t[body_start:body_end]
            if len(claim_text.split()) < 3 or any(
                body_start <= qe and qs <= body_end for qs, qe in quote_spans
            ):
                continue  # too short, or the attribution of a direct quote already recorded as such
            self.claims.append(
                Claim(body_start, body_end, claim_text, False, verb, sp, REPORTED_SPEECH_CONFIDENCE)
            )
            found_any = True
        return found_any

    def _content_start(self, verb: str, start: int, s_end: int) -> int | None:
        """Where what was said begins after a speech verb ending at `start`: past the addressee of
        "told" and past "that"; None when a preposition follows instead ("said at a press conference")."""
        t = self.text
        rest = t[start:s_end]
        if verb in ("told", "tells", "reminded"):
            om = _TOLD_OBJECT.match(rest)
            if om:
                start += om.end()
                rest = t[start:s_end]
        tm = _THAT.match(rest)
        if tm:
            return start + tm.end()
        if re.match(
            r"\s+(?:on|from|in|at|for|about|to|with|by|during|while|after|before|as|when|of)\b", rest
        ):
            return None
        return start + len(rest) - len(rest.lstrip(" ,:"))

    def _content_span(self, body_start: int, body_end: int) -> tuple[int, int]:
        """What was said, from `body_start` up to the end of its clause (at most `body_end`), without
        the punctuation and quote marks around it."""
        t = self.text
        em = _CLAUSE_END.search(t, body_start, body_end)
        if em:
            body_end = em.start()
        while body_end > body_start and t[body_end - 1] in " ,.;:!?\"'“”":
            body_end -= 1
        while body_start < body_end and t[body_start] in " \"'“”":
            body_start += 1
        return body_start, body_end

    def _speaker_heading_claim(
        self, s_start: int, s_end: int, quote_spans: list[tuple[int, int]]
    ) -> Claim | None:
        """A post or paragraph opened by its speaker: "Abbas Araghchi: Iran and Russia will sign …"."""
        t = self.text
        hm = re.match(r"^\s*(?P<who>[^:\n]{2,60}):\s+(?P<body>\S)", t[s_start:s_end])
        if not hm or any(qs <= s_start + hm.start("body") < qe for qs, qe in quote_spans):
            return None
        who_start, who_end = s_start + hm.start("who"), s_start + hm.end("who")
        sp = next(
            (
                self._fix(c.speaker)
                for c in self.cands
                if c.start == who_start and c.end == who_end and c.speaker.speaker_type != "country"
            ),
            None,
        )
        body_start, body_end = s_start + hm.start("body"), s_end
        while body_end > body_start and t[body_end - 1] in " .":
            body_end -= 1
        # A statement, not a headline topic ("Naomi Osaka: Four-time champion announces …"): it
        # speaks in the first person or commits to something.
        statement = re.search(
            r"\b(?:I|we|We|our|Our|us|my|My|will|would|shall|must|should|cannot|can't|won't)\b",
            t[body_start:body_end],
        )
        if sp and statement and len(t[body_start:body_end].split()) >= 3:
            return Claim(
                body_start, body_end, t[body_start:body_end], False, ":", sp, SPEAKER_HEADING_CONFIDENCE
            )
        return None

    def _final_attribution_claim(
        self, s_start: int, m: re.Match[str], according: bool, quote_spans: list[tuple[int, int]]
    ) -> Claim | None:
        """The sentence before a final attribution `m` ("…, according to X." when `according`, else
        "…, X reported.") when X is a known speaker heading the attribution."""
        t = self.text
        who_start = s_start + m.start("who")
        who_end = s_start + m.end("who")
        # The speaker heads the attribution ("according to the Kremlin"), it is not buried in it
        # ("according to wire reports citing state media").
        head = re.match(r"(?:the\s+|a\s+)?(?:[\w-]+\s+){0,4}", t[who_start:who_end], re.I)
        sp = next(
            (
                self._fix(c.speaker)
                for c in self.cands
                if who_start <= c.start
                and c.end <= who_end
                and not re.search(r"\b(?:citing|reports?|sources?|from)\b", t[who_start : c.start])
            ),
            None,
        )
        if not (sp and head is not None and (according or who_end - sp.end < 3)):
            return None
        body_end = s_start + m.start()
        if len(t[s_start:body_end].split()) < 3 or any(qs <= s_start < qe for qs, qe in quote_spans):
            return None
        cue = "according to" if according else m.group("verb")
        return Claim(s_start, body_end, t[s_start:body_end], False, cue, sp, EDGE_ATTRIBUTION_CONFIDENCE)

    def _opening_attribution_claim(self, s_start: int, s_end: int) -> Claim | None:
        """The rest of a sentence opened by "According to X," when X is a known speaker."""
        t = self.text
        sm = _ACCORDING_START.match(t[s_start:s_end])
        if not sm:
            return None
        comma = t[s_start:s_end].find(",", sm.end())
        if comma <= 0:
            return None
        who_start, who_end = s_start + sm.end(), s_start + comma
        sp = next(
            (self._fix(c.speaker) for c in self.cands if who_start <= c.start and c.end <= who_end),
            None,
        )
        body_start = s_start + comma + 1
        while body_start < s_end and t[body_start] == " ":
            body_start += 1
        body_end = s_end
        while body_end > body_start and t[body_end - 1] in " .":
            body_end -= 1
        if sp and len(t[body_start:body_end].split()) >= 3:
            return Claim(
                body_start,
                body_end,
                t[body_start:body_end],
                False,
                "according to",
                sp,
                EDGE_ATTRIBUTION_CONFIDENCE,
            )
        return None


def find_claims(
    text: str,
    sentences: Sentences,
    mentions: list[Mention],
    citations: list[Citation],
    places: Places,
    country_keys: dict[str, tuple[str, str]],
) -> list[Claim]:
    return ClaimFinder(text, sentences, mentions, citations, places, country_keys).find()
