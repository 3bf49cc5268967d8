"""Who said what: the `news_attributions` component, run after the entities.

Two readings meet here. `quotemarks` pairs quotation marks on the raw text (so quotes running over sentences
and paragraphs stay whole) and `cues` reads attributions off the parse (so reported speech without marks is
found too). A cue whose content is all inside quotation marks reports direct quotes, one whose content mixes
quoted and unquoted words a mixed quote, one without marks an indirect quote. Quoted stretches the parse did
not tie to a cue are attached by news layout: each rule of `LAYOUT` proposes an attribution for a quoted
span (the cue right after the closing mark, "...," he said; right before the opening one, He said: "...";
the quote next to them; a quoted sentence carrying on the last report) and `Reader.choose` takes the first
proposal in the table's order. Quoted words that no cue claims are scare quotes, nicknames or titles.

Every cue's source is then resolved to an entity of the article once, in reading order (`speakers.py`), so
a pronoun can fall back on the previous speaker as news paragraphs do; verbs of stance the claims read
("denied", "found") are resolved in the same pass. The result is `doc._.attributions`; the quote and claim
components read it and resolve nothing themselves.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.attrs import IDX, IS_PUNCT, IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc, Token

from app.extract.cues import (
    FINITE_TAGS,
    Cue,
    according_cue,
    cue_verbs,
    cues_of,
    inverted_cue,
    is_cue_word,
    source_of,
    stance_of,
)
from app.extract.doctext import text_of
from app.extract.furniture import furniture_spans
from app.extract.quotemarks import QuotedSpan, quoted_spans
from app.extract.records import QuoteKind, Speaker
from app.extract.speakers import Speakers, written

Doc.set_extension("attributions", default=None, force=True)
# The article's resolver, for phrases other components meet that are no cue's source (a claim's target).
Doc.set_extension("speakers", default=None, force=True)

NEWLINE = re.compile("\n")
NESTED_TAGS = {"VB", "VBG", "VBN"}
FURNITURE = {"teaser", "credit"}
TRANSCRIPT_TURN = re.compile(r"^[\"“]?([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+)*):[ \t]+(.*)$", re.MULTILINE)
QUOTE_CHARS = "\"“”'"
FRAME_REACH = 12
CONTENT_MIN_WORDS = 2
PARAGRAPH_MIN_WORDS = 4
MODIFIER_MAX_WORDS = 4
PERSONAL_PRONOUNS = {"he", "she", "they", "we", "i"}
NAMED_ENTS = {"PERSON", "ORG"}  # a name the tagger took for a common noun ("Sanders/NNS")
LOOSE_WORDS = {"that", "as", "of"}
INTRODUCING = {":", ",", "—", "―", "-"}
DASHES = "—―–-"
TITLE_PREPOSITIONS = {"on", "of", "in", "at", "from"}
CIRCUMSTANCE_ENTS = {"DATE", "TIME"}
SAID_NAME = re.compile(
    r"(?:^|(?<=[.!?”\"] ))([A-Z][a-z]+) ((?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*)\s?[:,]\s*$",
    re.MULTILINE,
)


@dataclass(slots=True)
class Attribution:
    """A cue with the pieces of text it reports, (start_char, end_char, kind), and its resolved speaker.

    `quotes` is False for a cue whose pieces are no quotes of their own (a report nested in another, a verb
    of stance the claims read): its speaker is still resolved, for the claim it may carry.
    """

    cue: Cue
    pieces: list[tuple[int, int, QuoteKind]] = field(default_factory=list)
    speaker: Speaker | None = None
    quotes: bool = False


def _token_quotes(starts: list[int], spans: list[QuotedSpan]) -> list[int | None]:
    """For each token, the index of the quoted span holding it (marks included), or None."""
    quote_of: list[int | None] = [None] * len(starts)
    for index, span in enumerate(spans):
        for i in range(bisect_left(starts, span.start), bisect_left(starts, span.end)):
            quote_of[i] = index
    return quote_of


class Reader:
    """The state of one Doc's reading: quoted spans, cues, and which cue claimed which span."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.spans = quoted_spans(self.text)
        table = doc.to_array([IDX, IS_PUNCT, IS_SPACE])
        self.starts: list[int] = table[:, 0].tolist()
        self.word: list[bool] = ((table[:, 1] == 0) & (table[:, 2] == 0)).tolist()
        self.quote_of = _token_quotes(self.starts, self.spans)
        self.span_tokens = self._span_tokens()
        self.paragraph = self._paragraphs()
        self.claimed: dict[int, Attribution] = {}
        self.titled: set[int] = set()
        self.attributions: list[Attribution] = []
        self.furniture = [(a, b) for a, b, kind in furniture_spans(self.text) if kind in FURNITURE]
        for cue in cues_of(doc):
            if self.quote_of[cue.start] is not None or self._furniture(self.starts[cue.start]):
                continue
            if cue.source is None or self.quote_of[cue.source.i] is not None:
                cue.source = self._left_subject(cue)
            if cue.source is not None:
                cue.pieces = self._within_paragraph(cue)
                self.attributions.append(Attribution(cue))

    def _furniture(self, start: int, end: int | None = None) -> bool:
        """Whether the characters [start, end) lie in page furniture: a teaser line ("READ MORE: ...") or a
        photo credit, which scraped pages are full of and which no one said."""
        end = start + 1 if end is None else end
        return any(a <= start and end <= b for a, b in self.furniture)

    def _left_subject(self, cue: Cue) -> Token | None:
        """The noun right before a finite cue the parser left without a subject ("..." Chief Jordan said),
        past a bracketed party label ("..." Rep. Jane Doe (D-Md.) said), else the name right after it."""
        verb = self.doc[cue.start]
        if verb.tag_ not in FINITE_TAGS:
            return None
        at = cue.start - 1
        while at > max(cue.start - 12, -1):
            token = self.doc[at]
            if self.quote_of[at] is not None or token.is_space:
                break
            if token.text == ")":
                bracket = range(at - 1, max(at - 8, -1), -1)
                opening = next((i for i in bracket if self.doc[i].text == "("), None)
                if opening is None:
                    break
                at = opening - 1
                continue
            if token.dep_ == "appos":
                named = self._appositive_name(token)
                if named is not None:
                    return named
                at = token.left_edge.i - 1
                continue
            if token.pos_ in {"PROPN", "NOUN", "PRON"}:
                return token
            if token.pos_ not in {"ADV", "AUX", "PART", "PUNCT", "NUM"}:
                break
            at -= 1
        return self._right_subject(verb)

    def _appositive_name(self, token: Token) -> Token | None:
        """The name an apposition belongs to: the name itself ("Chief Chuck Jordan" parsed as an apposition
        of "Chief"), or the unquoted name it describes ("Jane Doe, a lawyer,")."""
        if token.pos_ == "PROPN":
            return token
        head = token.head
        if head.pos_ == "PROPN" and head.i < token.i and self.quote_of[head.i] is None:
            return head
        return None

    def _right_subject(self, verb: Token) -> Token | None:
        """ "...," said Jane Doe, a lawyer: a name just after the verb, when the parser gave the verb a quoted
        subject."""
        for child in verb.rights:
            if child.i - verb.i > 3:
                break
            if (
                child.dep_ in {"nsubj", "dobj", "npadvmod", "attr", "appos"}
                and child.pos_ == "PROPN"
                and self.quote_of[child.i] is None
                and child.ent_type_ not in {"DATE", "TIME"}
            ):
                return child
        return None

    def _paragraphs(self) -> list[tuple[int, int]]:
        """For each token, the [start, end) token range of its paragraph (a line of the article)."""
        breaks = sorted({bisect_right(self.starts, m.start()) - 1 for m in NEWLINE.finditer(self.text)})
        bounds: list[tuple[int, int]] = []
        start = 0
        for i in breaks:
            bounds.extend([(start, i)] * (i - start + 1))
            start = i + 1
        bounds.extend([(start, len(self.doc))] * (len(self.doc) - start))
        return bounds

    def _within_paragraph(self, cue: Cue) -> list[tuple[int, int]]:
        """A cue reports within its own paragraph: the parser's sentences sometimes run across the break."""
        low, high = self.paragraph[cue.start]
        clipped = ((max(a, low), min(b, high)) for a, b in cue.pieces)
        return [(a, b) for a, b in clipped if b > a]

    def _span_tokens(self) -> list[tuple[int, int]]:
        ranges = [(len(self.doc), 0)] * len(self.spans)
        for i, index in enumerate(self.quote_of):
            if index is not None:
                start, end = ranges[index]
                ranges[index] = (min(start, i), max(end, i + 1))
        return ranges

    def _direct(self, attribution: Attribution, index: int) -> None:
        """Claim quoted span `index` for `attribution` as a direct quote (marks and edge commas left out)."""
        span = self.spans[index]
        text = self.text
        start, end = span.inner_start, span.inner_end
        while start < end and (text[start].isspace() or text[start] in ",…"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",:;"):
            end -= 1
        self.claimed[index] = attribution
        if end > start:
            attribution.pieces.append((start, end, "direct"))

    def _words(self, start: int, end: int) -> list[int]:
        """Tokens of a range that are unquoted words, beyond the linking "that"."""
        doc = self.doc
        return [
            i
            for i in range(start, end)
            if self.quote_of[i] is None and self.word[i] and doc[i].lower_ not in LOOSE_WORDS
        ]

    def _chars(self, start: int, end: int) -> tuple[int, int]:
        last = self.doc[end - 1]
        return self.doc[start].idx, last.idx + len(last)

    def read_content(self) -> None:
        """Classify each cue's parsed content by the quotation marks in it: direct, mixed or indirect."""
        for attribution in self.attributions:
            pieces = attribution.cue.pieces
            touched = sorted({q for a, b in pieces for q in self.quote_of[a:b] if q is not None})
            touched = [q for q in touched if q not in self.claimed]
            outside = [i for a, b in pieces for i in self._words(a, b)]
            if touched and not outside:
                for q in touched:
                    self._direct(attribution, q)
                continue
            if len(outside) < CONTENT_MIN_WORDS and not touched:
                continue
            if not touched and "quoted" in cue_verbs().get(
                self.doc[attribution.cue.start].lemma_.lower(), ()
            ):
                continue
            for a, b in pieces:
                start, end = self._chars(a, b)
                inside = [q for q in touched if self.spans[q].end > start and self.spans[q].start < end]
                if inside:
                    start = min(start, self.spans[inside[0]].start)
                    end = max(end, *(self.spans[q].end for q in inside))
                    end = self._before_circumstance(self.span_tokens[inside[-1]][1], b, end)
                    for q in inside:
                        self.claimed[q] = attribution
                    attribution.pieces.append((start, end, "mixed"))
                elif len(self._words(a, b)) >= CONTENT_MIN_WORDS and not self._mid_word(a):
                    attribution.pieces.append((start, end, "indirect"))

    def _mid_word(self, i: int) -> bool:
        """Whether token `i` continues the written word before it ("Radio 4's", parsed as a verb "'s"):
        reported words never start inside a word."""
        before = self.doc[i - 1] if i > 0 else None
        return before is not None and not before.whitespace_ and before.text[-1:].isalnum()

    def _before_circumstance(self, after: int, end: int, end_char: int) -> int:
        """Where a mixed quote ends: before a date or time that follows its last quotation and that the parser
        hung on a noun ("called it \"a disgrace\" Wednesday on a radio show"): it tells when the cue's words
        were said. A date on a reported verb ("the bridge came in \"under budget\" last spring") stays."""
        first = next((i for i in range(after, end) if self.word[i]), None)
        if first is None or self.doc[first].ent_type_ not in CIRCUMSTANCE_ENTS:
            return end_char
        head = self.doc[first]
        while head.ent_type_ in CIRCUMSTANCE_ENTS and head.head.i != head.i:
            head = head.head
        if head.pos_ in {"VERB", "AUX"}:
            return end_char
        return self._chars(after - 1, after)[1]

    def _frame(self, attribution: Attribution) -> set[int]:
        """Tokens that belong to a cue's framing ("he said on Monday"), not to what it reports."""
        cue = attribution.cue
        verb = self.doc[cue.start]
        tokens = set(range(verb.left_edge.i, verb.right_edge.i + 1))
        if cue.source is not None:
            tokens |= set(range(*written(cue.source)))
            tokens |= set(range(cue.source.left_edge.i, cue.source.right_edge.i + 1))
        for a, b in cue.pieces:
            tokens -= set(range(a, b))
        tokens |= set(range(cue.start, cue.end))
        return {i for i in tokens if self.quote_of[i] is None}

    def _only_frame(self, start: int, end: int, frame: set[int]) -> bool:
        return all(
            i in frame or not self.word[i] or self.quote_of[i] in self.titled for i in range(start, end)
        )

    def _reports_after(self, attribution: Attribution) -> bool:
        """Whether the cue already reports unquoted words after itself ("He said the economy is weak")."""
        return any(
            kind == "indirect" and start > self.doc[attribution.cue.start].idx
            for start, _, kind in attribution.pieces
        )

    def _after(self, index: int) -> Attribution | None:
        """ "...," he said / "...," said Putin: a cue whose framing starts right after the closing mark, in
        the same paragraph. A quotation closed by a full stop ends its sentence, so the next one's cue is not
        its own ("... called it “a con.” The agency said ...")."""
        span = self.spans[index]
        if self.text[span.inner_start : span.inner_end].rstrip().endswith("."):
            return None
        _, last = self.span_tokens[index]
        after = next((i for i in range(last, min(last + FRAME_REACH, len(self.doc))) if self.word[i]), None)
        if after is None or self.quote_of[after] is not None:
            return None
        if "\n" in self.text[span.end : self.starts[after]]:
            return None
        for attribution in self.attributions:
            cue = attribution.cue
            if not last <= cue.start <= last + FRAME_REACH or self._reports_after(attribution):
                continue
            frame = self._frame(attribution)
            if after in frame and self._only_frame(last, cue.start, frame):
                return attribution
        return None

    def _before(self, index: int) -> Attribution | None:
        """He said: "..." / said Putin, "..." / ..., he said. "...": a cue whose framing ends right before
        the opening mark (after a full stop only for a quoted sentence, carrying on the attributed report)."""
        first, _ = self.span_tokens[index]
        before = first - 1
        while before > 0 and self.doc[before].is_space:
            before -= 1
        mark = self.doc[before].text if before >= 0 else ""
        sentence = (
            mark == "." and self.text[self.spans[index].inner_end - 1 : self.spans[index].inner_end] in ".?!"
        )
        if not (mark in INTRODUCING or sentence or is_cue_word(self.doc[before])):
            return None
        for attribution in reversed(self.attributions):
            cue = attribution.cue
            if cue.end > first or first - cue.end > FRAME_REACH:
                continue
            if self._only_frame(cue.end, first, self._frame(attribution)):
                return attribution
        return self._introducer(before) if mark == ":" else None

    def _closing_sentence(self, index: int) -> str | None:
        """For a quoted span that is a sentence of its own, ending its paragraph or followed by another
        sentence: "paragraph" when it opens its paragraph, "sentence" when it follows a finished sentence of
        its paragraph; None otherwise."""
        span = self.spans[index]
        line_start = self.text.rfind("\n", 0, span.start) + 1
        line_end = self.text.find("\n", span.end)
        rest = self.text[span.end : len(self.text) if line_end < 0 else line_end].strip(" \t\u00a0")
        finished = self.text[span.inner_start : span.inner_end].rstrip()[-1:] in {".", "!", "?"}
        if rest.strip(".,") and not (finished and span.closed and rest[:1].isupper()):
            return None
        lead = self.text[line_start : span.start].rstrip(" \t\u00a0\"”’'")
        if not lead:
            return "paragraph"
        return "sentence" if lead[-1] in ".?!" else None

    def _reports(self, attribution: Attribution, i: int) -> bool:
        """Whether token `i` lies in what the cue of `attribution` reports, or is the verb an "as X reported"
        aside hangs on."""
        cue = self.doc[attribution.cue.start]
        aside = cue.head.i == i and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)
        return aside or any(start <= i < end for start, end in attribution.cue.pieces)

    def _introducer(self, colon: int) -> Attribution | None:
        """ "Jane Doe released a statement:" / "She then turned to the crowd: \"...\"": the subject of the
        clause a colon ends, a name or a person's pronoun, introduces the quotation after the colon, though
        its verb is not one of saying; where a cue reports that clause or governs it ("As X reported after
        ...:"), the quotation carries that cue's report."""
        verb = self.doc[colon - 1] if colon > 0 else self.doc[colon]
        while (
            verb.pos_ not in {"VERB", "AUX"}
            or verb.dep_ == "relcl"
            or not any(c.dep_ == "nsubj" for c in verb.children)
        ):
            if verb.head.i == verb.i or verb.head.i >= colon:
                return None
            verb = verb.head
        if self.quote_of[verb.i] is not None:
            return None
        cues = {a.cue.start: a for a in self.attributions}
        above = next((cues[t.i] for t in verb.ancestors if t.i in cues), None)
        reporting = above or next((a for a in self.attributions if self._reports(a, verb.i)), None)
        if reporting is not None:  # "As the paper reported, the mayor was refusing to act:"
            return reporting
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or self.quote_of[subject.i] is not None:
            return None
        named = subject.pos_ == "PROPN" or subject.ent_type_ in NAMED_ENTS
        if not named and subject.lower_ not in PERSONAL_PRONOUNS:
            return None
        return Attribution(Cue(verb.i, verb.i + 1, subject, None, []))

    def _next_paragraph(self, index: int) -> Attribution | None:
        """A quoted sentence with no cue of its own, closing its paragraph, carries on the last report before
        it: in its paragraph, or closing the paragraph before when it is a paragraph of its own (the cue, or
        the quotation it attributed); or it is what a paragraph ending in a colon introduces. A quoted word or
        two on its own line ("Related:") is a label, not a quotation."""
        first, last = self.span_tokens[index]
        place = self._closing_sentence(index)
        if place is None or sum(self.word[first:last]) < PARAGRAPH_MIN_WORDS:
            return None
        before = first - 1
        while before >= 0 and self.doc[before].is_space:
            before -= 1
        if before < 0:
            return None
        low, high = self.paragraph[before]
        latest: tuple[int, Attribution] | None = None
        for attribution in self.attributions:
            at = attribution.cue.start
            if low <= at < min(high, first) and (latest is None or at > latest[0]):
                latest = (at, attribution)
        for other, attribution in self.claimed.items():
            at = self.span_tokens[other][0]
            if low <= at < min(high, first) and (latest is None or at > latest[0]):
                latest = (at, attribution)
        if latest is not None:
            return latest[1]
        if place == "paragraph" and self.doc[before].text == ":":
            return self._introducer(before)
        return None

    def _signed(self, index: int) -> Attribution | None:
        """ "..." ― Jane Doe: a quotation signed with a dash and a name closing its paragraph."""
        at = self.spans[index].end
        while at < len(self.text) and self.text[at] in " \t\u00a0":
            at += 1
        if at >= len(self.text) or self.text[at] not in DASHES:
            return None
        dash = bisect_right(self.starts, at) - 1
        _, paragraph_end = self.paragraph[dash]
        names = [
            i
            for i in range(bisect_right(self.starts, at), paragraph_end)
            if not self.doc[i].is_space and self.doc[i].text != "."
        ]
        if not 0 < len(names) <= 5 or not all(self.doc[i].is_title for i in names):
            return None
        return Attribution(Cue(dash, dash + 1, self.doc[names[-1]], None, []))

    def _said_name(self, index: int) -> Attribution | None:
        """Said Jane Doe: "..." / Added Doe: "...": an inverted cue opening a sentence, which the parser
        reads as part of a name."""
        span = self.spans[index]
        line_start = self.text.rfind("\n", 0, span.start) + 1
        if line_start and not self.text[line_start : span.start].strip():
            # the cue closing the paragraph before, past the blank lines between paragraphs
            line_start = self.text.rfind("\n", 0, len(self.text[:line_start].rstrip())) + 1
        match = SAID_NAME.search(self.text, line_start, span.start)
        if match is None or not inverted_cue(match.group(1)):
            return None
        said = bisect_right(self.starts, match.start(1)) - 1
        head = bisect_right(self.starts, match.end(2) - 1) - 1
        return Attribution(Cue(said, said + 1, self.doc[head], None, []))

    def _neighbour(self, index: int, other: int) -> Attribution | None:
        """The attribution of an adjacent quoted span: same chain, or only the cue's framing in between."""
        attribution = self.claimed.get(other)
        if attribution is None:
            return None
        span, near = self.spans[index], self.spans[other]
        if span.chain == near.chain:
            return attribution
        low, high = sorted((near, span), key=lambda s: s.start)
        if "\n" in self.text[low.end : high.start]:
            return None
        a, b = sorted((self.span_tokens[index], self.span_tokens[other]))
        if self._only_frame(a[1], b[0], self._frame(attribution)):
            return attribution
        return None

    def _in_report(self, first: int, last: int) -> bool:
        """Whether tokens [first, last) lie in a clause a cue reports, asides included ("..., a \"difficult\"
        time for many, Mr Roe added"): quoted words there are the speaker's."""
        for attribution in self.attributions:
            for a, b in attribution.cue.pieces:
                root = next((t for t in self.doc[a:b] if not a <= t.head.i < b), self.doc[a])
                if root.left_edge.i <= first and last - 1 <= root.right_edge.i:
                    return True
        return False

    def _modifier(self, index: int) -> bool:
        """Whether quoted span `index` modifies the noun right after it ("wearing a \"Vote Adams\" badge",
        "\"rebellious\" people", "Peter \"Red\" Walsh"): a label, a nickname or a scare quote inside a
        noun phrase, not words carried on from a quotation next to it."""
        first, last = self.span_tokens[index]
        inside = [i for i in range(first, last) if self.word[i]]
        if len(inside) > MODIFIER_MAX_WORDS or self._in_report(first, last):
            return False
        roots = {self.doc[i].head.i for i in inside} - set(range(first, last))
        return (
            len(roots) == 1 and (noun := self.doc[roots.pop()]).i >= last and noun.pos_ in {"NOUN", "PROPN"}
        )

    def _continued(self, index: int) -> Attribution | None:
        """ "...," Doe said at a dinner where Roe also spoke. "...": a quotation right after an attributed
        one, with only that one's framing between, carries on its report, whatever cue the framing holds."""
        other = index - 1
        while other in self.titled:
            other -= 1
        if other < 0 or other not in self.claimed:
            return None
        return self._neighbour(index, other)

    def _titled(self, index: int) -> bool:
        """A quoted name after a preposition or a possessive ("said on CBS's “Face the Nation”", "an episode
        of “The Morning Show”") is the title of a show or a work, not words anyone said."""
        first, _ = self.span_tokens[index]
        before = first - 1
        while before >= 0 and self.doc[before].is_space:
            before -= 1
        if before < 0 or self.quote_of[before] is not None:
            return False
        token = self.doc[before]
        return token.tag_ == "POS" or (token.tag_ == "IN" and token.lower_ in TITLE_PREPOSITIONS)

    def choose(self, index: int) -> Attribution | None:
        """The first attribution a rule of `LAYOUT` proposes for quoted span `index`; one a rule made up
        (a signature, an inverted cue the parse missed) joins the article's attributions."""
        for rule in LAYOUT:
            proposal = rule(self, index)
            if proposal is not None:
                if not any(proposal is known for known in self.attributions):
                    self.attributions.append(proposal)
                return proposal
        return None

    def read_layout(self) -> None:
        """Attach quoted spans the parse left alone, then spread attributions to adjacent quoted spans."""
        spans = range(len(self.spans))
        self.titled = titled = {index for index in spans if self._titled(index) or self._modifier(index)}
        boxed = {index for index, span in enumerate(self.spans) if self._furniture(span.start, span.end)}
        for index in range(len(self.spans)):
            first, last = self.span_tokens[index]
            if index not in self.claimed and index not in titled and first < last and index not in boxed:
                attribution = self.choose(index)
                if attribution is not None:
                    self._direct(attribution, index)
        order = list(range(len(self.spans)))
        for indices, step in ((order, -1), (order[::-1], 1)):
            for index in indices:
                other = index + step
                while other in titled:
                    other += step
                if (
                    index in self.claimed
                    or index in titled
                    or index in boxed
                    or not 0 <= other < len(self.spans)
                ):
                    continue
                attribution = self._neighbour(index, other)
                if attribution is not None:
                    self._direct(attribution, index)

    def read_transcript(self) -> None:
        """Interview transcripts: paragraphs led by a speaker's name in capitals and a colon ("PENCE: Well,
        ..."). A name must lead two paragraphs or more, so labels such as "CORRECTION:" are not taken."""
        turns = [m for m in TRANSCRIPT_TURN.finditer(self.text) if m.group(2).strip()]
        counts = Counter(m.group(1) for m in turns)
        turns = [m for m in turns if counts[m.group(1)] > 1]
        if not turns:
            return
        spoken = [(m.start(2), m.end(2)) for m in turns]
        self.attributions = [
            a
            for a in self.attributions
            if not any(start <= self.starts[a.cue.start] < end for start, end in spoken)
        ]
        for match in turns:
            start, end = match.start(2), match.end(2)
            while end > start and (self.text[end - 1] in QUOTE_CHARS or self.text[end - 1].isspace()):
                end -= 1
            colon = bisect_right(self.starts, match.end(1)) - 1
            name = bisect_right(self.starts, match.end(1) - 1) - 1
            attribution = Attribution(Cue(colon, colon + 1, self.doc[name], None, []))
            attribution.pieces.append((start, end, "direct"))
            self.attributions.append(attribution)
            for q, span in enumerate(self.spans):
                if start <= span.start < end:
                    self.claimed.setdefault(q, attribution)

    def _nested(self, attribution: Attribution, reported: list[tuple[int, int]], tags: set[str]) -> bool:
        """An infinitive of saying inside another report ("X said the law lets them assert ...") is part of
        that report, not an attribution of its own; so is a finite one whose source names nobody ("X said
        the ad falsely suggests ...", "X said anybody who complains ...")."""
        verb = self.doc[attribution.cue.start]
        if verb.tag_ not in tags:
            return False
        at = verb.idx
        return any(start <= at < end for start, end in reported)

    def _stance_cues(self) -> list[Attribution]:
        """Verbs of stance the claims read that are no attribution of the quotes ("denied", "found"),
        with their sources, so that every claim's claimant is resolved here too."""
        known = {a.cue.start for a in self.attributions}
        found = []
        for token in self.doc:
            if token.i in known or self.quote_of[token.i] is not None:
                continue
            if token.lower_ == "according" and token.dep_ == "prep":
                cue = according_cue(token)
            elif stance_of(token) is not None:
                source, channel = source_of(token)
                cue = Cue(token.i, token.i + 1, source, channel, [])
            else:
                continue
            if cue is not None and cue.source is not None:
                found.append(Attribution(cue))
        return found

    def resolve(self) -> list[Attribution]:
        """Every attribution with its speaker, resolved in reading order; those that make quotes marked so.
        Only those are remembered as the previous speaker a later pronoun may stand for."""
        speakers = Speakers(self.doc, [q is not None for q in self.quote_of])
        self.doc._.speakers = speakers
        reported = [(a, b) for x in self.attributions for a, b, kind in x.pieces if kind != "direct"]
        every = sorted([*self.attributions, *self._stance_cues()], key=lambda a: a.cue.start)
        for attribution in every:
            cue = attribution.cue
            quotes = bool(attribution.pieces) and not self._nested(attribution, reported, NESTED_TAGS)
            if cue.source is not None:
                attribution.speaker = speakers.resolve(cue.source, cue.start, remember=quotes)
            speaker = attribution.speaker
            if quotes and (speaker is None or speaker.name is None):
                quotes = not self._nested(attribution, reported, FINITE_TAGS)
            attribution.quotes = quotes
        return every


Rule = Callable[[Reader, int], Attribution | None]
# How news layout ties a quoted span to a cue, in the order the rules are tried (see each one's docstring).
LAYOUT: tuple[Rule, ...] = (
    Reader._after,
    Reader._continued,
    Reader._signed,
    Reader._before,
    Reader._said_name,
    Reader._next_paragraph,
)


@Language.component(
    "news_attributions",
    requires=["token.dep", "token.tag", "doc.sents", "doc._.entities", "doc._.entity_of_token"],
    assigns=["doc._.attributions", "doc._.speakers"],
)
def news_attributions(doc: Doc) -> Doc:
    """Set `doc._.attributions`: every cue with what it reports and its speaker, in reading order."""
    reader = Reader(doc)
    reader.read_content()
    reader.read_layout()
    reader.read_transcript()
    doc._.attributions = reader.resolve()
    return doc
