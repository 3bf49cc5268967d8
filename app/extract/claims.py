"""Claims: what an article asserts, who asserts it, with which stance, and the figures in it.

The `news_claims` component reads the parse sentence by sentence and keeps three kinds of claim:

- attributed: the clause a verb of assertion, denial or accusation reports ("X says ...", "X denied that
  ...", "X dismissed allegations that ...", "X accused Y of ..."), with the verb's stance
  (data/stance_verbs.tsv) and as claimant the speaker the attribution component resolved for that verb
  (`doc._.attributions`), so a claim and a quote sharing a cue share their speaker. Direct quotations are
  opinions more often than claims, so a wholly quoted passage becomes a claim only when it carries a figure.
- statistic: a clause of the article's own voice that carries a figure (quantities.py), one claim per clause.
- factual: a sentence of the article's own voice check-worthy enough on its own (below), claimant None.

Check-worthiness (after ClaimBuster's features and the CLEF CheckThat! guidelines: checkable facts, figures
and named actors rank high; opinions, hedges, predictions and questions low) is a sum of explained terms,
clipped to [0, 1]: a base by kind (attributed 0.4, statistic 0.5, factual 0.3); +0.15 for a figure and +0.05
for a second; +0.1 for a named entity and +0.05 for a second; +0.1 for a comparison or superlative; +0.05
for a date; +0.05 each for a perfect tense and a "since" (statements of record); +0.1 for a contested
stance (denies, accuses, alleges); -0.15 for a hedge, -0.15 for an opinion word, -0.1 for a future
statement without a figure, -0.2 for a question. A factual claim is kept only from `FACTUAL_THRESHOLD` up.

Dates written in a claim's sentence are resolved against `doc._.published` (dates.py) onto `Claim.dates`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from app.extract.cues import FINITE_TAGS as FINITE_VERB_TAGS
from app.extract.cues import StanceVerb, stance_of
from app.extract.datafiles import rows
from app.extract.dates import resolve_dates
from app.extract.doctext import text_of
from app.extract.quantities import parse_quantities
from app.extract.quotemarks import quoted_spans
from app.extract.records import Claim, Quantity, Speaker, TextSpan
from app.inputs.wire import DATELINE

Doc.set_extension("claims", default=None, force=True)

FACTUAL_THRESHOLD = 0.6
BASE_SCORE = {"attributed": 0.4, "statistic": 0.5, "factual": 0.3}
COMPARATIVE_TAGS = {"JJS", "RBS", "JJR", "RBR"}
FINITE_TAGS = FINITE_VERB_TAGS | {"MD"}
FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}
WH_WORDS = {"how", "what", "why", "whether", "if", "who", "when", "where", "which"}
NAMED = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "conj", "acl", "xcomp", "csubj", "parataxis", "pcomp"}
NP_CLIMB = {"pobj", "prep", "compound", "poss", "appos", "amod", "nmod"}
QUOTE_CHARS = '“”"‘’«»'
OPEN_QUOTES = '“"«'
TRIM_LEFT = {"mark", "punct", "cc"}
EDGE_PUNCT = set(".,;:!?-–—()[]'") | {"--", "...", "…"}
DIRECT_SHARE = 0.8
# A span of time ("for three months", "in five years") dates a statement rather than making it a statistic.
DURATIONS = {"year", "month", "week", "day", "hour", "minute", "quarter"}
AGENTS = {"PERSON", "ORG", "GPE", "NORP"}
# Verbs that as often name a cause as a culprit ("blamed the snow for the delays"): accusing only agents.
BLAMES_CAUSES = {"blame"}
MIN_CONTENT_WORDS = 3
_HEADLINE = re.compile(r"^[^\S\n]*\S[^\n]*(?<![.!?:;\"”)\]\s])[^\S\n]*$", re.MULTILINE)
_BYLINE = re.compile(r"^\s*(?:By|Reporting by|Editing by|Additional reporting by|Written by)\s+[A-Z]")


ACCORDING = StanceVerb("asserts", frozenset(), "to")


@cache
def claimant_nouns() -> dict[str, frozenset[str]]:
    """Common nouns that stand for a claimant, by kind (body, role), from data/claimant_nouns.tsv."""
    kinds: dict[str, set[str]] = {}
    for word, kind in rows("claimant_nouns.tsv", "\t"):
        kinds.setdefault(kind, set()).add(word)
    return {kind: frozenset(words) for kind, words in kinds.items()}


@cache
def allegation_nouns() -> frozenset[str]:
    return frozenset(row[0] for row in rows("allegation_nouns.txt", "\t"))


@cache
def signals() -> dict[str, str]:
    """word -> hedge|opinion|future|event|superlative, from data/checkworthiness.tsv."""
    return {word: signal for word, signal in rows("checkworthiness.tsv", "\t")}


@dataclass(slots=True)
class Found:
    """A claim read off the parse, as token ranges, before it is turned into a record."""

    start: int
    end: int
    kind: str
    stance: str
    cue: Token | None
    target: Token | None = None
    alleger: Token | None = None


class Context:
    """What the component computes once per Doc: figures, dates, quoted stretches, and the attributions."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        text = text_of(doc)
        self.quantities = parse_quantities(text)
        self.quantity_starts = [q.start for q in self.quantities]
        self.dates = resolve_dates(text, doc._.published)
        self.date_starts = [d.start for d in self.dates]
        self.quoted = [(q.start, q.end) for q in quoted_spans(text)]
        self.attribution_at = {a.cue.start: a for a in doc._.attributions or []}
        self.speakers = doc._.speakers
        self.headlines = [(m.start(), m.end()) for m in _HEADLINE.finditer(text)]
        first_line = text.split("\n", 1)[0]
        if "\n" in text and _title_case(first_line):
            self.headlines.append((0, len(first_line)))

    def claimant(self, cue: Token | None) -> Speaker | None:
        """The speaker the attribution component resolved for the claim's verb."""
        attribution = self.attribution_at.get(cue.i) if cue is not None else None
        return attribution.speaker if attribution is not None else None

    def cue(self, cue: Token | None) -> TextSpan | None:
        """The cue as the attribution component read it ("shrugged off", "according to"), else the verb."""
        if cue is None:
            return None
        attribution = self.attribution_at.get(cue.i)
        span = self.doc[cue.i : attribution.cue.end if attribution is not None else cue.i + 1]
        return TextSpan(span.text, span.start_char, span.end_char)

    def party(self, token: Token | None) -> Speaker | None:
        """Who a phrase other than a source names (an accused target, an alleger), by the same resolver."""
        if token is None or self.speakers is None:
            return None
        return self.speakers.resolve(token, token.i, remember=False)

    def in_headline(self, at: int) -> bool:
        """Whether `at` lies on a line with no closing punctuation: a headline, caption or credit."""
        return any(s <= at < e for s, e in self.headlines)

    def quantities_in(self, start: int, end: int) -> list[Quantity]:
        """Figures wholly inside the character range [start, end)."""
        i = bisect_left(self.quantity_starts, start)
        out = []
        while i < len(self.quantities) and self.quantities[i].start < end:
            if self.quantities[i].end <= end:
                out.append(self.quantities[i])
            i += 1
        return out

    def dates_in(self, start: int, end: int) -> list[str]:
        lo, hi = bisect_left(self.date_starts, start), bisect_right(self.date_starts, end)
        return [d.value for d in self.dates[lo:hi] if d.end <= end]

    def inside_quote(self, start: int, end: int) -> bool:
        """Whether the characters [start, end) lie within one pair of quotation marks."""
        return any(s <= start and end <= e for s, e in self.quoted)

    def quoted_share(self, start: int, end: int) -> float:
        """How much of [start, end) lies within quotation marks."""
        inside = sum(max(0, min(end, e) - max(start, s)) for s, e in self.quoted)
        return inside / max(1, end - start)


def _edge(token: Token) -> bool:
    """Punctuation a claim need not start or end with ("%" and "$" are part of figures, not edges)."""
    return token.is_space or token.text in EDGE_PUNCT or token.text in QUOTE_CHARS


def _leading_word(token: Token) -> bool:
    """ "that", "and" at the head of a reported clause; "$" is kept, it belongs to the figure."""
    if token.lower_ == "that":
        return token.dep_ not in {"det", "nsubj", "nsubjpass"}
    return token.dep_ in TRIM_LEFT and not token.is_currency


def _title_case(line: str) -> bool:
    """A headline written in title case ("Only 24 Percent of Donors Are Small Donors.")."""
    words = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range without a leading "that"/punctuation and trailing punctuation or conjunction."""
    while start < end and (_edge(doc[start]) or _leading_word(doc[start])):
        if doc[start].text in OPEN_QUOTES and start + 1 < end and not doc[start + 1].is_punct:
            break
        start += 1
    while end > start and (_edge(doc[end - 1]) or doc[end - 1].dep_ == "cc"):
        if doc[end - 1].text in '”"»' and any(doc[i].text in OPEN_QUOTES for i in range(start, end - 1)):
            break
        end -= 1
    return start, end


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            return child
    return None


def _clause_head(verb: Token) -> Token | None:
    """The clause a verb reports: its clausal complement ("says [his country will ...]")."""
    return next((c for c in verb.children if c.dep_ == "ccomp"), None)


def _allegation(verb: Token) -> tuple[Token, Token] | None:
    """The "allegations that ..." a denial takes, directly or through a preposition ("as a lie ...")."""
    nouns = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    nouns += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    for noun in nouns:
        if noun.lemma_.lower() not in allegation_nouns():
            continue
        clause = next((t for t in noun.subtree if _that_clause(t)), None)
        if clause is not None:
            return noun, clause
    return None


def _that_clause(verb: Token) -> bool:
    """A "that ..." clause with its own subject: the content of a noun ("allegations from X that he ..."),
    even where the parser hangs it as a relative clause on the nearest noun."""
    return (
        verb.dep_ in {"acl", "relcl", "ccomp"}
        and verb.left_edge.lower_ == "that"
        and any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ != "that" for c in verb.children)
    )


def _alleger(noun: Token) -> Token | None:
    """Who made the allegation: "allegations from/by X", "X's allegations", "Western allegations"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
            return next((g for g in child.children if g.dep_ == "pobj"), None)
        if child.dep_ == "poss" or (child.dep_ == "amod" and child.ent_type_ == "NORP"):
            return child
    return None


def _accusation(verb: Token, preposition: str) -> Found | None:
    """ "X accused Y of Z": the claim is "Y of Z", the target Y; passive "Y was accused of Z by X" too."""
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == preposition), None)
    if prep is None or not any(True for _ in prep.children):
        return None
    target = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    if target is None:
        return None
    start = target.left_edge.i if target.dep_ == "dobj" else prep.i
    stance = "accuses" if verb.lemma_ not in BLAMES_CAUSES or _agentive(target) else "asserts"
    return Found(start, prep.right_edge.i + 1, "attributed", stance, verb, target)


def _agentive(token: Token) -> bool:
    """Someone who can be accused: a person, body, country, or a pronoun ("blamed the weather": no)."""
    roles = claimant_nouns()["role"]
    return token.ent_type_ in AGENTS or token.pos_ == "PRON" or token.lemma_.lower() in roles


def _according(word: Token) -> Found | None:
    """ "According to X, Y" and "Y, according to X": the clause the phrase hangs on, without the phrase."""
    to = next((c for c in word.children if c.lower_ == "to"), None)
    source = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
    if source is None:
        return None
    clause = word.head
    start, end = clause.left_edge.i, clause.right_edge.i + 1
    if word.left_edge.i <= start:
        start = word.right_edge.i + 1
    else:
        end = min(end, word.left_edge.i)
    return Found(start, end, "attributed", "asserts", word)


def _reported(verb: Token, stance: StanceVerb) -> Found | None:
    """The claim one verb of ours reports, by the pattern its stance takes."""
    if stance is ACCORDING:
        return _according(verb)
    if stance.stance == "accuses":
        return _accusation(verb, stance.preposition or "of")
    if stance.stance == "denies":
        alleged = _allegation(verb)
        if alleged is not None:
            noun, clause = alleged
            return Found(
                clause.left_edge.i,
                clause.right_edge.i + 1,
                "attributed",
                "denies",
                verb,
                alleger=_alleger(noun),
            )
    clause = _clause_head(verb)
    if clause is not None and not _statement(clause):
        return None
    if clause is None:
        if verb.lemma_ == "deny":
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if obj is not None and obj.lemma_.lower() not in allegation_nouns():
                return _found(obj, "denies", verb)
        return None
    return _found(clause, stance.stance, verb)


def _statement(clause: Token) -> bool:
    """A reported clause that states something: finite, and not an indirect question ("how he ...")."""
    if clause.left_edge.lower_ in WH_WORDS:
        return False
    return clause.tag_ in FINITE_TAGS or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in FINITE_TAGS for c in clause.children
    )


def _found(content: Token, stance: str, verb: Token) -> Found:
    """An attributed claim over the whole phrase `content` heads."""
    return Found(content.left_edge.i, content.right_edge.i + 1, "attributed", stance, verb)


@dataclass(slots=True)
class Scan:
    """One pass over a sentence's tokens: its verbs of stance, and whether it has a (finite) verb."""

    stances: list[tuple[Token, StanceVerb]]
    verb: bool
    finite: bool
    first_person: bool = False


def _scan(sent: Span) -> Scan:
    scan = Scan([], False, False)
    for token in sent:
        scan.first_person = scan.first_person or (token.lower_ in FIRST_PERSON and token.text != "US")
        if token.lower_ == "according" and token.dep_ == "prep":
            scan.stances.append((token, ACCORDING))
        elif token.pos_ in {"VERB", "AUX"}:
            scan.verb = True
            scan.finite = scan.finite or token.tag_ in FINITE_TAGS
            stance = stance_of(token)
            if stance is not None:
                scan.stances.append((token, stance))
    return scan


def _attributed(scan: Scan, ctx: Context) -> list[Found]:
    """Claims reported by the verbs of one sentence; a nested report ends the one around it."""
    doc = ctx.doc
    found = [c for c in (_reported(token, stance) for token, stance in scan.stances) if c is not None]
    cues = [f.cue.i for f in found if f.cue is not None]
    kept: list[Found] = []
    for claim in found:
        claim.start, claim.end = _trim(doc, claim.start, _nested_end(claim, cues, doc))
        if sum(1 for t in doc[claim.start : claim.end] if t.is_alpha) >= MIN_CONTENT_WORDS:
            kept.append(claim)
    return [c for c in kept if not any(_inside(c, o) for o in kept)]


def _nested_end(claim: Found, cues: list[int], doc: Doc) -> int:
    """Where a claim stops when another report, or its own cue misparsed inside it, starts within it."""
    inner = [c for c in cues if claim.start < c < claim.end]
    edges = [doc[c].left_edge.i for c in inner]
    return min((e for e in edges if e > claim.start), default=claim.end)


def _inside(claim: Found, other: Found) -> bool:
    """Whether `claim` lies strictly within `other` ("X said [the review shows [Y]]": keep the outer)."""
    return (
        other is not claim
        and other.start <= claim.start
        and claim.end <= other.end
        and (other.start, other.end) != (claim.start, claim.end)
    )


def _anchor(token: Token) -> Token:
    """The clause a figure belongs to: the nearest verb heading a clause, through "to"-infinitives."""
    node = token
    while node.head.i != node.i and not (node.pos_ in {"VERB", "AUX"} and node.dep_ in CLAUSE_DEPS):
        node = node.head
    while (
        node.dep_ in {"xcomp", "ccomp"}
        and stance_of(node.head) is None
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
    ):
        node = node.head
    return node


def _clause_range(anchor: Token) -> tuple[int, int]:
    """Tokens of the clause: a relative clause takes the noun phrase it describes with it."""
    if anchor.dep_ in {"relcl", "acl"}:
        np = anchor.head
        while np.dep_ in NP_CLIMB and np.head.i != np.i:
            np = np.head
        return min(np.left_edge.i, anchor.left_edge.i), anchor.right_edge.i + 1
    return anchor.left_edge.i, anchor.right_edge.i + 1


def _right_trimmed(anchor: Token, end: int, has_figure: set[int]) -> int:
    """Cut a trailing ", with many trying to ..." adjunct that carries no figure of the claim."""
    node = anchor
    while True:
        rights = [c for c in node.rights if c.i < end and not c.is_punct]
        if not rights:
            return end
        for child in rights:
            before = child.left_edge.i - 1
            if (
                before > anchor.i
                and child.doc[before].text == ","
                and not has_figure & set(range(child.left_edge.i, child.right_edge.i + 1))
            ):
                return before
        node = rights[-1]


def _split_clauses(
    ranges: dict[int, tuple[int, int]], figures: dict[int, list[int]]
) -> dict[int, tuple[int, int]]:
    """A figure-bearing subject ("The war, which has killed 9,000, has forced half ...") is its own claim
    and leaves the rest of the sentence to the other; a clause nested elsewhere joins the one around it."""
    kept = dict(ranges)
    for i, (start, end) in ranges.items():
        outer = [
            j for j, (s, e) in ranges.items() if j != i and s <= start and end <= e and (s, e) != (start, end)
        ]
        if not outer:
            continue
        j = outer[0]
        s = ranges[j][0]
        if start <= s + 1 and j in kept:
            kept[j] = (max(kept[j][0], end), kept[j][1])
        else:
            kept.pop(i, None)
            figures[j].extend(figures[i])
    return kept


def _statistics(sent: Span, ctx: Context, taken: list[tuple[int, int]], start_char: int) -> list[Found]:
    """One claim per clause of the article's own voice that carries a figure."""
    doc = ctx.doc
    figures = [
        q
        for q in ctx.quantities_in(max(sent.start_char, start_char), sent.end_char)
        if q.unit not in DURATIONS
        and not ctx.inside_quote(q.start, q.end)
        and not any(s <= q.start < e for s, e in taken)
    ]
    if not figures:
        return []
    by_anchor: dict[int, list[int]] = {}
    for q in figures:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        by_anchor.setdefault(_anchor(span.root).i, []).extend(t.i for t in span)
    ranges = _split_clauses({i: _clause_range(doc[i]) for i in by_anchor}, by_anchor)
    first = next((t.i for t in sent if t.idx >= start_char), sent.start)
    out = []
    for i, (start, end) in ranges.items():
        figure_tokens = set(by_anchor[i])
        end = _right_trimmed(doc[i], end, figure_tokens)
        start = max(start, first)
        start, end = _trim(doc, start, end)
        if end > start:
            out.append(Found(start, end, "statistic", "asserts", None))
    return out


def _reports_talk(sent: Span) -> bool:
    """ "X made the remarks at ...", "X expressed concern": the sentence is about speaking, not a fact."""
    root = sent.root
    table = signals()
    if table.get(root.lemma_.lower()) == "event":
        return True
    return any(table.get(c.lemma_.lower()) == "event" for c in root.children if c.dep_ in {"nsubj", "dobj"})


def _own_voice(sent: Span, scan: Scan) -> bool:
    """A declarative sentence of the article itself: no quotation, no question, with a finite verb."""
    text = sent.text.strip()
    quoted = any(c in text for c in QUOTE_CHARS[:3])
    return bool(text) and scan.finite and not scan.first_person and not text.endswith("?") and not quoted


def _score(span: Span, kind: str, stance: str, quantities: list[Quantity], dates: list[str]) -> float:
    """Check-worthiness of one claim by the rule in the module docstring, in one pass over its tokens."""
    table = signals()
    named: set[str] = set()
    found: set[str | None] = set()
    compares = perfect = since = False
    for t in span:
        if t.ent_iob_ == "B" and t.ent_type_ in NAMED:
            named.add(t.text)
        found.add(table.get(t.lower_) or table.get(t.lemma_.lower()))
        compares = compares or t.tag_ in COMPARATIVE_TAGS
        perfect = perfect or (t.dep_ == "aux" and t.lemma_ == "have" and t.head.tag_ == "VBN")
        since = since or t.lower_ == "since"
    text = span.text
    score = BASE_SCORE[kind]
    score += (0.15 + (0.05 if len(quantities) > 1 else 0)) if quantities else 0
    score += (0.1 if named else 0) + (0.05 if len(named) > 1 else 0)
    score += 0.1 if "superlative" in found or compares or "one of the" in text.lower() else 0
    score += 0.05 if dates else 0
    score += 0.05 * (perfect + since)
    score += 0.1 if stance != "asserts" else 0
    score -= 0.15 if "hedge" in found else 0
    score -= 0.15 if "opinion" in found else 0
    score -= 0.1 if "future" in found and not quantities else 0
    score -= 0.2 if text.rstrip(' ”"').endswith("?") else 0
    return round(min(1.0, max(0.0, score)), 2)


def _record(found: Found, ctx: Context, sent: Span) -> Claim:
    doc = ctx.doc
    span = doc[found.start : found.end]
    claimant = ctx.claimant(found.cue) if found.kind == "attributed" else None
    quantities = ctx.quantities_in(span.start_char, span.end_char)
    dates = ctx.dates_in(min(sent.start_char, span.start_char), max(sent.end_char, span.end_char))
    return Claim(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        kind=found.kind,
        stance=found.stance,
        claimant=claimant,
        quantities=quantities,
        score=_score(span, found.kind, found.stance, quantities, dates),
        target=ctx.party(found.target),
        alleger=ctx.party(found.alleger),
        dates=dates,
        cue=ctx.cue(found.cue) if found.kind == "attributed" else None,
    )


def _skipped(sent: Span, scan: Scan) -> bool:
    """Bylines and lines without a verb ("By Press TV", "Image copyright ...") make no claim."""
    return not scan.verb or bool(_BYLINE.match(sent.text))


def _within(found: Found, sent: Span) -> Found | None:
    """The claim kept to its sentence and to one line of it (a headline runs into the first sentence)."""
    doc = sent.doc
    start, end = max(found.start, sent.start), min(found.end, sent.end)
    breaks = [t.i for t in doc[start:end] if "\n" in t.text]
    if breaks:
        pieces = zip([start - 1, *breaks], [*breaks, end], strict=True)
        start, end = max(((a + 1, b) for a, b in pieces), key=lambda r: r[1] - r[0])
    start, end = _trim(doc, start, end)
    if end <= start:
        return None
    found.start, found.end = start, end
    return found


def _sentence_claims(sent: Span, ctx: Context) -> list[Found]:
    """Attributed claims (wholly quoted ones only with a figure), then figures, else the sentence as fact."""
    doc = ctx.doc
    scan = _scan(sent)
    if _skipped(sent, scan):
        return []
    dateline = DATELINE.match(sent.text)
    start_char = sent.start_char + (dateline.end() if dateline else 0)
    found = []
    for claim in _attributed(scan, ctx):
        span = doc[claim.start : claim.end]
        direct = ctx.quoted_share(span.start_char, span.end_char) >= DIRECT_SHARE
        if not direct or ctx.quantities_in(span.start_char, span.end_char):
            found.append(claim)
    taken = [(doc[f.start].idx, doc[f.end - 1].idx + len(doc[f.end - 1])) for f in found]
    found += _statistics(sent, ctx, taken, start_char)
    if not found and _own_voice(sent, scan) and not _reports_talk(sent):
        first = doc.char_span(start_char, sent.end_char, alignment_mode="expand")
        if first is not None:
            found.append(Found(first.start, sent.end, "factual", "asserts", None))
    kept = [f for f in (_within(f, sent) for f in found) if f is not None]
    return [f for f in kept if not ctx.in_headline(doc[f.start].idx)]


def claims_in(doc: Doc) -> list[Claim]:
    """Every claim of `doc`, in reading order."""
    ctx = Context(doc)
    claims: list[Claim] = []
    for sent in doc.sents:
        for found in sorted(_sentence_claims(sent, ctx), key=lambda f: f.start):
            record = _record(found, ctx, sent)
            if record.kind == "statistic" and not record.quantities:
                continue
            if record.kind != "factual" or record.score >= FACTUAL_THRESHOLD:
                claims.append(record)
    return claims


@Language.component(
    "news_claims",
    requires=["token.dep", "doc.sents", "doc._.attributions", "doc._.speakers"],
    assigns=["doc._.claims"],
)
def news_claims(doc: Doc) -> Doc:
    doc._.claims = claims_in(doc)
    return doc
