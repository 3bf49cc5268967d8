"""Attribution cues on the dependency parse: the verb of saying, who it belongs to, and what it reports.

A cue is read off the parse around one word ("said", "according to", "accused"): its source is the subject,
climbing out of participles ("..., saying that"), relative clauses ("Trump, who said") and the "quoted X as
saying" frame; its content is the clausal or object complement, or for a parenthetical "X said" the clause it
interrupts. Quotation marks are looked at only to tell which preposition carries the words of a verb that
reports quoted words alone ("likened it to a \"...\""); `quotes.py` reconciles cues with quoted stretches.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from app.extract.datafiles import rows

CLAUSE_DEPS = {"ccomp", "xcomp"}
OBJECT_DEPS = {"dobj", "obj", "oprd", "attr"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
CLIMB_DEPS = {"advcl", "xcomp", "conj", "pcomp", "acl", "prep"}
PARENTHETICAL_DEPS = {"parataxis", "ccomp", "advcl"}
RELATIVE_TAGS = {"WP", "WDT"}
NOT_SUBJECTS = {"PUNCT", "SYM", "X"}
CIRCUMSTANCE_ENTS = {"DATE", "TIME"}
QUOTING_LEMMAS = {"quote", "cite"}
REFUSING_LEMMAS = {"decline", "refuse"}
NAMING_LEMMAS = {"call", "dub", "name", "label", "term", "nickname", "brand"}
BARE_AS_DEPS = {"mark", "nsubj", "nsubjpass", "aux", "auxpass", "neg", "advmod", "punct"}
ASIDE_DEPS = {"appos", "relcl", "advcl", "acl"}
FINITE_TAGS = {"VBD", "VBZ", "VBP"}
SET_OFF = {",", "(", "—", "–", "-", "--"}
IRREGULAR_CUES = {"said", "says", "wrote", "writes", "told", "tells"}


@cache
def lexicon(name: str) -> dict[str, tuple[str, ...]]:
    """A data file of `word [flag ...]` lines: each word to its flags, built once per process."""
    return {row[0]: tuple(row[1:]) for row in rows(name)}


@dataclass(frozen=True, slots=True)
class StanceVerb:
    """A verb whose clause or object carries a claim: the stance its subject takes, the particle it needs
    ("shrug off") and the preposition that opens an accused act ("accused X of")."""

    stance: str
    particles: frozenset[str]
    preposition: str | None


@cache
def stance_verbs() -> dict[str, StanceVerb]:
    """lemma -> stance and the particle or preposition it needs, from data/stance_verbs.tsv."""
    table = {}
    for lemma, stance, particle, preposition in rows("stance_verbs.tsv", "\t"):
        particles = frozenset() if particle == "-" else frozenset(particle.split("|"))
        table[lemma] = StanceVerb(stance, particles, None if preposition == "-" else preposition)
    return table


def stance_of(token: Token) -> StanceVerb | None:
    """The stance a verb takes, where it is one of ours and carries the particle it needs ("shrug off")."""
    if token.pos_ not in {"VERB", "AUX"}:
        return None
    verb = stance_verbs().get(token.lemma_.lower())
    if verb is None:
        return None
    if verb.particles and not any(c.dep_ == "prt" and c.lower_ in verb.particles for c in token.children):
        return None
    return verb


def cue_verbs() -> dict[str, tuple[str, ...]]:
    return lexicon("cue_verbs.txt")


def cue_nouns() -> dict[str, tuple[str, ...]]:
    return lexicon("cue_nouns.txt")


def control_verbs() -> dict[str, tuple[str, ...]]:
    return lexicon("control_verbs.txt")


def content_prepositions() -> dict[str, tuple[str, ...]]:
    return lexicon("cue_prepositions.txt")


def inverted_cue(word: str) -> bool:
    """A capitalised finite verb of saying opening an inverted attribution ("Said Jane Doe:")."""
    if not word.istitle():
        return False
    word = word.lower()
    if word in IRREGULAR_CUES:
        return True
    verbs = cue_verbs()
    return (word.endswith("ed") and (word[:-1] in verbs or word[:-2] in verbs)) or (
        word.endswith("s") and word[:-1] in verbs
    )


@dataclass(slots=True)
class Cue:
    """One attribution read off the parse; token indices into the doc, `pieces` as [start, end) ranges."""

    start: int
    end: int
    source: Token | None
    channel: Token | None
    pieces: list[tuple[int, int]]

    @property
    def content(self) -> tuple[int, int] | None:
        """The range from the first piece's start to the last one's end."""
        return (self.pieces[0][0], self.pieces[-1][1]) if self.pieces else None


def is_cue_word(token: Token) -> bool:
    """A verb of saying used as a verb, or the "according" of "according to".

    "quoted X as saying" is left to its "saying", which carries the content.
    """
    if token.lower_ == "according":
        return any(c.lower_ == "to" for c in token.children)
    if token.pos_ == "NOUN":
        return _noun_cue(token) is not None
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    lemma = token.lemma_.lower()
    if lemma in QUOTING_LEMMAS and any(c.lower_ == "as" for c in token.children):
        return False
    if lemma not in cue_verbs():
        return False
    if "as-it" in cue_verbs()[lemma] and not _as_it(token):
        return False
    return not (_withheld(token) or _discourse_marker(token) or _naming(token) or _spoken_to(token))


def _as_it(verb: Token) -> bool:
    """ "..., as a Homeland Security memo put it": a verb with "as", a subject and the object "it" (the
    lexicon marks "put" as a cue only so; any cue verb in that frame, "as she described it", reads alike)."""
    children = list(verb.children)
    return (
        any(c.dep_ == "mark" and c.lower_ == "as" for c in children)
        and any(c.dep_ == "nsubj" for c in children)
        and any(c.dep_ in {"dobj", "obj"} and c.lower_ == "it" for c in children)
    )


def _quotation_after(verb: Token) -> tuple[int, int] | None:
    """The quotation right after a cue's phrase ("as one diplomat put it, \"an extreme makeover\""), as a
    token range with its marks, else None."""
    doc = verb.doc
    it = next(c for c in verb.children if c.lower_ == "it")
    comma = next((t.i for t in doc[it.i + 1 : verb.sent.end] if t.text == "," or t.is_quote), None)
    if comma is None or doc[comma].is_quote:
        return None
    start = comma + 1
    opening = start + (start < len(doc) and doc[start].pos_ == "DET")  # ", an \"extreme makeover\""
    if opening >= len(doc) or not doc[opening].is_quote:
        return None
    closing = next((t.i for t in doc[opening + 1 : verb.sent.end] if t.is_quote), None)
    return (start, closing + 1) if closing is not None else None


def _spoken_to(verb: Token) -> bool:
    """ "Criticised for the remark, he said ...", "Asked about the race, she ...": a passive participle set
    before a clause says what was said to or of its subject, not by it."""
    return (
        verb.tag_ == "VBN"
        and verb.lemma_.lower() != "ask"  # "Asked about X, she said": the question is reported too
        and verb.dep_ in {"advcl", "ROOT"}
        and verb.i < verb.head.i + (verb.dep_ == "ROOT")
        and verb.i == verb.sent.start
        and not any(c.dep_ in {"agent", "nsubj", "nsubjpass", "aux", "auxpass"} for c in verb.children)
    )


def _naming(verb: Token) -> bool:
    """ "a standard called GSM", "a film, dubbed Red Dawn": a verb of naming modifying a noun names it. It
    reports words with an agent ("called \"a disaster\" by critics"), with a second object that
    judges the first ("called the deal \"a disaster\""), or with a clause or a "for"/"on" ("called for")."""
    if verb.lemma_.lower() not in NAMING_LEMMAS:
        return False
    deps = [c.dep_ for c in verb.children]
    if "agent" in deps:
        return False
    participle = (  # "a documentary called ...", not a name the parser hung it on ("Tim Cook, called ...")
        verb.dep_ == "acl"
        and verb.head.pos_ != "PROPN"
        and not any(d in SUBJECT_DEPS or d in {"dobj", "obj"} for d in deps)
    )
    if participle or (verb.tag_ == "VBN" and verb.dep_ == "advcl"):  # "Called Harbor Link, it ..."
        return True
    if any(dep in {"ccomp", "xcomp", "oprd", "dative"} for dep in deps):
        return False
    if any(c.dep_ == "prep" and c.lower_ in {"for", "on", "upon"} for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ in {"dobj", "obj", "attr"}]
    return len(objects) <= 1 and verb.dep_ in {"acl", "advcl", "relcl"}


def _discourse_marker(verb: Token) -> bool:
    """ "That said, ...": a sentence opened by a demonstrative and the verb, then a comma, is a connective
    (a relative "that", "the one that said, ...", is a subject)."""
    doc = verb.doc
    if verb.i < 1 or verb.i + 1 >= len(doc) or doc[verb.i + 1].text != ",":
        return False
    subject = doc[verb.i - 1]
    return (
        subject.head.i == verb.i
        and subject.dep_ == "nsubj"
        and subject.tag_ == "DT"
        and subject.lower_ in {"that", "this"}
        and subject.is_sent_start
    )


def _withheld(verb: Token) -> bool:
    """ "declined to comment on whether ...", "refused to say if ...": words not said."""
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in REFUSING_LEMMAS


def _noun_cue(noun: Token) -> tuple[Token, Token] | None:
    """(possessor, clause) of "Trump's claim that ...", else None."""
    if noun.lemma_.lower() not in cue_nouns():
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.tag_ != "PRP$"), None)
    owner = owner or next((c for c in noun.children if c.dep_ == "poss"), None)
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ in {"acl", "ccomp"} and any(g.lower_ == "that" for g in c.children)
        ),
        None,
    )
    if (
        owner is None
        or clause is None
        or any(g.dep_ == "nsubj" and g.lower_ == "that" for g in clause.children)
    ):
        return None
    return owner, clause


def _past_dash(subject: Token) -> Token | None:
    """A dash the tagger took for a word and the parser for a subject stands for the subject it holds ("The
    film ― which ... ― explains"), else for none ("public ― Trump boasted")."""
    if any(c.isalnum() for c in subject.text):
        return subject
    return next((c for c in subject.children if c.dep_ in SUBJECT_DEPS), None)


def _subject(verb: Token) -> Token | None:
    """The active subject; a mark the parser took for a subject ("public ― Trump boasted") is skipped. Of two,
    the relative pronoun belongs to the reported clause ("a system which advocates say hurts schools")."""
    found = [
        _past_dash(child)
        for child in verb.children
        if child.dep_ in SUBJECT_DEPS and child.dep_ != "nsubjpass" and child.pos_ not in NOT_SUBJECTS
    ]
    found = [child for child in found if child is not None]
    if len(found) > 1 and found[0].tag_ in RELATIVE_TAGS:
        return found[1]
    before = [child for child in found if child.i < verb.i]
    first, last = (before[0], before[-1]) if before else (None, None)
    if (
        first is not last
        and verb.doc[first.right_edge.i + 1].text not in SET_OFF
        and (first.pos_ != "PROPN" or last.pos_ == "PROPN")
    ):
        # "THE BORROWING Back when ..., Mr. Roe said", "The Latest: Roe urges": a heading or a label the
        # parser took for a subject; a second subject set off by a comma describes the first ("Roe, a
        # director at X, said"), and a name is not given up for a common noun
        return last
    return found[0] if found else None


def _passive_subject(verb: Token) -> Token | None:
    """ "After saying ..., she was taken to hospital": who a participle of saying belongs to when the clause
    it hangs on is passive."""
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def _agent(verb: Token) -> Token | None:
    """The "by X" of a passive verb."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _quoting_frame(verb: Token) -> tuple[Token | None, Token | None] | None:
    """For "A quoted B as saying" / "B was quoted by A as saying": (B, A), else None."""
    if verb.lemma_.lower() not in QUOTING_LEMMAS:
        return None
    quoted = next((c for c in verb.children if c.dep_ in {"dobj", "obj"}), None)
    if quoted is not None:
        return quoted, _subject(verb)
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if passive is not None:
        return passive, _agent(verb)
    return None


def _finite(verb: Token) -> bool:
    return verb.tag_ in FINITE_TAGS


def _inverted_subject(verb: Token) -> Token | None:
    """The name right after the verb in "..., said Putin": the parser may call it an object. Only after a
    comma or a quotation mark, or opening the sentence: "Democrats accused the GOP" is no inversion."""
    if "addressee" in cue_verbs().get(verb.lemma_.lower(), ()):
        return None
    if verb.i > verb.sent.start and not verb.doc[verb.i - 1].is_punct:
        return None
    after_quote = verb.i > 1 and (verb.doc[verb.i - 1].is_quote or verb.doc[verb.i - 2].is_quote)
    for child in verb.rights:
        # '"...," smiles one broker': after a quotation, a common noun is the inverted subject too
        speaker = child.pos_ == "PROPN" or (after_quote and child.pos_ == "NOUN")
        named = child.dep_ in {"dobj", "npadvmod", "attr", "appos", "dative"} and speaker
        named = named and child.ent_type_ not in CIRCUMSTANCE_ENTS  # "said Monday"
        if named and child.i - verb.i <= 3:
            return child
    return None


def _participle_owner(verb: Token) -> Token | None:
    """ ", saying ...": the nearest cue verb above the participle, else the sentence's main verb. A comma sets
    the participle off from a relative clause ("defended not paying an architect who said he was stiffed,
    saying ..."), so that clause's verb is passed over, and it follows its owner, so a verb after it (a
    quotation the parser made the root) is not the owner."""
    set_off = verb.i > 0 and verb.doc[verb.i - 1].text == ","
    for ancestor in verb.ancestors:
        if set_off and (ancestor.dep_ == "relcl" or ancestor.i > verb.i):
            continue
        if is_cue_word(ancestor) and _subject(ancestor) is not None:
            return ancestor
    root = verb.sent.root
    if set_off and root.i > verb.i:
        # ", telling reporters, \"A lot of people said ...\"": the parser made the quoted verb the root; a
        # participle set off after a clause belongs to that clause
        return next((a for a in verb.ancestors if a.i < verb.i and _subject(a) is not None), None)
    return root if root.i != verb.i else None


def _shown_speaker(verb: Token) -> Token | None:
    """ "footage of Trump saying ..." / "a video shows Clinton asking ...": the name the participle of
    saying follows, not the subject of the sentence (the ad, the video)."""
    if verb.tag_ != "VBG" or verb.i == 0 or _subject(verb) is not None:
        return None
    named = verb.doc[verb.i - 1]
    if named.pos_ != "PROPN":
        return None
    if verb.dep_ == "acl" and verb.head.i == named.i:
        return named
    if named.dep_ == "pobj" and named.head.lower_ == "of" and verb.dep_ in {"xcomp", "advcl", "acl"}:
        return named
    return None


def _unfronted(subject: Token, verb: Token) -> Token:
    """ "To understand the case, Chief Justice Roberts said, ...": a name the parser hung as an apposition on
    a fronted phrase, right against the verb with no closing comma, is the subject itself."""
    for child in subject.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.right_edge.i == verb.i - 1:
            return child
    return subject


def _controller(clause: Token) -> Token | None:
    """ "forced Stumpf to admit ...", "urged voters to say ...": the object of the verb above an infinitive
    is who does the infinitive, not that verb's subject."""
    if clause.dep_ != "xcomp" or clause.tag_ != "VB" or clause.head.lemma_.lower() not in control_verbs():
        return None
    return next((c for c in clause.head.children if c.dep_ in {"dobj", "obj"} and c.i < clause.i), None)


def source_of(verb: Token) -> tuple[Token | None, Token | None]:
    """(speaker head, channel head) of a cue verb, climbing out of participles and relative clauses."""
    token = verb
    shown = _shown_speaker(verb)
    if shown is not None:
        return shown, None
    if verb.tag_ == "VBG" and verb.dep_ in {"advcl", "conj", "xcomp"} and _subject(verb) is None:
        owner = _participle_owner(verb)
        if owner is not None and owner.dep_ != "pcomp":
            token = owner
    for _ in range(5):
        subject = _subject(token)
        if subject is None and token.i != verb.i and verb.tag_ == "VBG":
            subject = _passive_subject(token)
        if subject is not None:
            subject = _unfronted(subject, token)
            if subject.tag_ in RELATIVE_TAGS and token.dep_ == "relcl":
                return token.head, None
            if token.i != verb.i and subject.tag_ in RELATIVE_TAGS:
                return None, None
            return subject, None
        if token.i == verb.i and _finite(verb) and verb.i > 0 and verb.doc[verb.i - 1].pos_ == "PROPN":
            return verb.doc[verb.i - 1], None
        if token.i == verb.i and token.dep_ != "ROOT":
            inverted = _inverted_subject(verb)
            if inverted is not None:
                return inverted, None
        passive_agent = _agent(token) if token.i == verb.i else None
        if passive_agent is not None:
            return passive_agent, None
        if token.dep_ not in CLIMB_DEPS or token.head.i == token.i:
            break
        head = token.head
        if token.i == verb.i and _joined_report(verb):
            token = head.head
            continue
        controller = _controller(token)
        if controller is not None:
            return controller, None
        if token.dep_ == "pcomp" or (token.dep_ == "prep" and head.pos_ in {"VERB", "AUX"}):
            framed = _quoting_frame(head)
            if framed is not None:
                return framed
        if token.dep_ == "acl":
            return None, None
        token = head
    if verb.dep_ == "ROOT":
        return _inverted_subject(verb), None
    return None, None


def _is_content_prep(prep: Token) -> bool:
    if prep.lower_ not in content_prepositions():
        return False
    return not any(g.ent_type_ in CIRCUMSTANCE_ENTS for g in prep.children)


def _holds_quote(token: Token) -> bool:
    """Whether a quotation mark lies in the token's phrase."""
    return any(t.is_quote for t in token.subtree)


def _misparsed_clause(verb: Token, child: Token, flags: tuple[str, ...]) -> bool:
    """A complement clause the parser hung as an adverbial one ("said on Monday that ...", "told voters at a
    rally to ..."): a clause opened by "that", or an infinitive after a verb whose object is the listener."""
    if child.dep_ != "advcl" or child.i < verb.i:
        return False
    first = child.left_edge
    if first.lower_ == "that" and first.head.i == child.i:
        return True
    return (
        "addressee" in flags
        and child.tag_ == "VB"
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in child.children)
    )


def _stranded_clause(verb: Token, addressee: bool) -> Token | None:
    """ "told one of his aides on many occasions that ...", "wrote in the early hours that ...": a clause
    opened by the conjunction "that" (not the relative pronoun) which the parser hung on a noun of a
    circumstance, or of the listener's phrase, is what was said. On any other object it is the object's own
    ("dismissed allegations that ...")."""
    phrases = {"prep", "npadvmod", "dobj", "dative"} if addressee else {"prep", "npadvmod"}
    for phrase in verb.rights:
        if phrase.dep_ not in phrases:
            continue
        for token in phrase.subtree:
            first = token.left_edge
            if (
                token.dep_ in {"acl", "relcl"}
                and first.lower_ == "that"
                and first.head.i == token.i
                and first.dep_ in {"mark", "advmod"}
                and not _result_clause(token)
            ):
                return token
    return None


def _result_clause(clause: Token) -> bool:
    """ "tells so many lies that ...", "such a mess that ...": a "that" clause on a noun that "so" or "such"
    modifies says what follows from it, not what was said."""
    return any(t.lower_ in {"so", "such"} for t in clause.head.subtree if t.i < clause.i)


def _colon_before(clause: Token) -> int | None:
    """The index of a colon just before the clause (an opening quotation mark may sit between)."""
    at = clause.left_edge.i - 1
    while at >= 0 and (clause.doc[at].is_quote or clause.doc[at].is_space):
        at -= 1
    return at if at >= 0 and clause.doc[at].text == ":" else None


def _cue_colon(clause: Token) -> int | None:
    """The colon a clause follows when the colon ends its own cue verb's phrase ("told a magazine:
    \"...\""), else None."""
    colon = _colon_before(clause)
    return colon if colon is not None and clause.head.i < colon and is_cue_word(clause.head) else None


def _colon_owner(clause: Token) -> Token | None:
    """ "X reports that Y told a magazine: \"...\"": the parser hangs the words after the colon on the outer
    verb; they are what the inner cue verb, whose phrase the colon ends, reports."""
    colon = _colon_before(clause)
    if colon is None:
        return None
    for sibling in clause.head.children:
        if sibling.dep_ in CLAUSE_DEPS and sibling.right_edge.i == colon - 1 and is_cue_word(sibling):
            return sibling
    return None


def _said_object(obj: Token, flags: tuple[str, ...]) -> bool:
    """Whether a verb's object can be what was said: not the listener ("told reporters"), and for a verb whose
    bare object is a thing, only words in quotation marks ("added \"great\"", not "wrote music for \"X\"")."""
    return "addressee" not in flags and ("no-object" not in flags or obj.left_edge.is_quote)


def _content_children(verb: Token) -> list[Token]:
    """The complements that carry what was said: a clause if there is one, else object and prepositions;
    for a verb that reports only quoted words, any preposition holding the quotation ("likened it to a")."""
    flags = cue_verbs().get(verb.lemma_.lower(), ())
    clauses = [c for c in verb.children if c.dep_ in CLAUSE_DEPS or _misparsed_clause(verb, c, flags)]
    clauses = [c for c in clauses if _colon_owner(c) is None]
    clauses += [c for c in verb.head.children if c.dep_ in CLAUSE_DEPS and _colon_owner(c) == verb]
    if clauses:
        return clauses
    stranded = _stranded_clause(verb, "addressee" in flags)
    if stranded is not None:
        return [stranded]
    found = [c for c in verb.children if c.dep_ in OBJECT_DEPS and _said_object(c, flags)]
    if "clausal" not in flags:
        found += [
            c
            for c in verb.children
            if c.dep_ == "prep" and (_is_content_prep(c) or ("quoted" in flags and _holds_quote(c)))
        ]
    return found


def _runs(tokens: set[int], cut: set[int]) -> list[tuple[int, int]]:
    """The contiguous runs of `tokens` once `cut` is removed, as [start, end) ranges."""
    runs: list[tuple[int, int]] = []
    for i in sorted(tokens - cut):
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _subtree_ids(token: Token) -> set[int]:
    return set(range(token.left_edge.i, token.right_edge.i + 1))


def _trim(doc: Doc, span: tuple[int, int]) -> tuple[int, int] | None:
    """Drop punctuation and spaces from both ends of a token range."""
    start, end = span
    while start < end and ((doc[start].is_punct and not doc[start].is_quote) or doc[start].is_space):
        start += 1
    while end > start and ((doc[end - 1].is_punct and not doc[end - 1].is_quote) or doc[end - 1].is_space):
        end -= 1
    return (start, end) if end > start else None


def _asides(clause: Token) -> set[int]:
    """Comma-set additions trailing a reported clause ("..., although he refused", "NATO, the alliance that")
    and a participle of saying that is an attribution of its own: annotators leave them out of the content."""
    cut: set[int] = set()
    doc = clause.doc
    for inner in clause.subtree:
        if inner.i == clause.i or inner.i in cut or inner.left_edge.i == 0:
            continue
        before = doc[inner.left_edge.i - 1]
        # "..., which is a problem because \"...\"": a relative clause with quoted words and no cue of its own
        quoting = (
            inner.dep_ == "relcl"
            and any(t.is_quote for t in inner.subtree)
            and not any(is_cue_word(t) for t in inner.subtree)
        )
        if (
            inner.dep_ in ASIDE_DEPS
            and before.text in {",", "—", "–", "--"}
            and inner.i > clause.i
            and not quoting
        ):
            cut |= set(range(before.i, inner.right_edge.i + 1))
        elif inner.tag_ == "VBG" and inner.dep_ == "advcl" and is_cue_word(inner):
            cut |= set(range(inner.i - before.is_punct, inner.right_edge.i + 1))
        elif inner.dep_ in CLAUSE_DEPS and (colon := _cue_colon(inner)) is not None:  # "Y told Z: \"..\""
            cut |= set(range(colon, inner.right_edge.i + 1))
        elif inner.head.i == clause.i and _joined_report(inner):
            joints = [c.i for c in clause.children if c.dep_ == "cc" and c.i < inner.left_edge.i]
            cut |= set(range(max(joints, default=inner.left_edge.i), inner.right_edge.i + 1))
    return cut


def _joined_report(verb: Token) -> bool:
    """ "X said it was late and warned Y ...": a verb of saying with no subject, joined to the clause another
    cue reports, is a second report by the same speaker, not part of the first one's content."""
    head = verb.head
    flags = cue_verbs().get(head.head.lemma_.lower(), ())
    return (
        verb.dep_ == "conj"
        and verb.pos_ == "VERB"
        and (head.dep_ == "ccomp" or _misparsed_clause(head.head, head, flags))
        and _subject(verb) is None
        and _subject(head) is not None
        and is_cue_word(verb)
        and is_cue_word(head.head)
    )


def _bare_as(verb: Token) -> bool:
    """ "..., as police have said": "as", a subject and the verb alone make an aside on the clause around it
    (not "as they speak to leaders", "as predicted", "as he claims to be")."""
    deps = {c.dep_ for c in verb.children}
    marks = [c for c in verb.children if c.dep_ == "mark"]
    return (
        len(marks) == 1
        and marks[0].lower_ == "as"
        and bool(deps & {"nsubj", "nsubjpass"})
        and deps <= BARE_AS_DEPS
    )


def _aside(verb: Token) -> bool:
    """Whether a cue and its subject sit between commas inside the clause they report ("X, he said, is")."""
    doc = verb.doc
    start, end = verb.left_edge.i, verb.right_edge.i
    return start > 0 and end + 1 < len(doc) and doc[start - 1].text == "," and doc[end].text == ","


def _pieces(doc: Doc, tokens: set[int], cut: set[int]) -> list[tuple[int, int]]:
    return [piece for piece in (_trim(doc, run) for run in _runs(tokens, cut)) if piece is not None]


def _content(verb: Token, source: Token | None) -> list[tuple[int, int]]:
    """The token ranges of what a cue verb reports (several when the cue interrupts it)."""
    cut = _subtree_ids(source) if source is not None and source.head.i == verb.i else set()
    cut.add(verb.i)
    # "as X put it", "as X described it": the "it" is no content; the quotation after, or the clause around
    idiom = _as_it(verb)
    if idiom and (quoted := _quotation_after(verb)) is not None:
        return [quoted]
    children = [] if idiom else _content_children(verb)
    if children:
        tokens: set[int] = set()
        for child in children:
            tokens |= _subtree_ids(child)
            cut |= _asides(child)
        return _pieces(verb.doc, tokens, cut)
    head = verb.head
    while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
        head = head.head
    # "reports that X told ...", "after the senator spoke", "rose 2%, adding $1.89": a subordinate verb, or
    # one with its own object, is not an aside on the clause around it ("as X said" is one)
    marked = any(c.dep_ == "mark" for c in verb.children)
    subordinate = not idiom and (
        (marked and not _bare_as(verb)) or any(c.dep_ in OBJECT_DEPS for c in verb.children)
    )
    if verb.dep_ == "parataxis" or (
        verb.dep_ in PARENTHETICAL_DEPS and not subordinate and (head.i < verb.i or _aside(verb))
    ):
        return _pieces(verb.doc, _subtree_ids(head), _subtree_ids(verb))
    return []


def according_cue(word: Token) -> Cue | None:
    """ "according to X, ..." / "..., according to X": X is the source, the clause around it the content."""
    to = next((c for c in word.children if c.lower_ == "to"), None)
    if to is None:
        return None
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    clause = word.head
    while clause.pos_ not in {"VERB", "AUX"} and clause.head.i != clause.i:
        clause = clause.head
    pieces = _pieces(word.doc, _subtree_ids(clause), _subtree_ids(word))
    return Cue(word.i, to.i + 1, source, None, pieces)


def _characterising(as_: Token) -> Cue | None:
    """ "Reid has gone after Trump as a \"spoiled brat\"", "cast the offer as \"an insult\"": a verb that
    casts its object "as" words in quotation marks reports them as its subject's, whatever the verb (a verb
    of saying is read as a cue of its own). The content is the object and the "as" phrase."""
    verb, doc = as_.head, as_.doc
    opening = next((t for t in doc[as_.i + 1 : as_.i + 3] if t.is_quote), None)  # as "X", as a "X"
    if as_.dep_ != "prep" or verb.pos_ != "VERB" or opening is None or is_cue_word(verb):
        return None
    end = as_.right_edge.i + 1
    while end < len(doc) and doc[end].is_punct and not doc[end].is_quote:  # as "an insult."
        end += 1
    closing = next((t.i for t in doc[opening.i + 1 : end + 1] if t.is_quote), None)
    if closing is None:
        return None
    objects = [c for c in verb.children if c.dep_ in {"dobj", "obj"} and c.i < as_.i]
    objects = objects or [  # "has gone after Trump as \"a leech\""
        g
        for c in verb.rights
        if c.dep_ == "prep" and c.i == _cue_end(verb)
        for g in c.children
        if g.dep_ == "pobj"
    ]
    if len(objects) != 1 or _holds_quote(objects[0]):
        return None
    source, channel = source_of(verb)
    tokens = _subtree_ids(objects[0]) | _subtree_ids(as_)
    for joined in as_.subtree:  # "... as \"unfit\" or poking holes in his image": a second act, not the words
        if joined.dep_ == "conj" and joined.pos_ == "VERB":
            tokens -= set(range(joined.left_edge.i - 1, joined.right_edge.i + 1))
    after = next((t for t in doc[closing + 1 : closing + 3] if t.text != ","), None)
    if after is not None and after.tag_ in {"WDT", "WP"}:  # as "Spanish," which is what ...
        tokens = {i for i in tokens if i <= closing}
    return Cue(verb.i, _cue_end(verb), source, channel, _pieces(doc, tokens, _asides(as_)))


def _cue_end(verb: Token) -> int:
    """End of the cue phrase: the verb with its particle ("shrugged off", "pointed out")."""
    end = verb.i + 1
    for child in verb.rights:
        if child.dep_ == "prt" and child.i == end:
            end += 1
    return end


@cache
def _cue_hashes() -> numpy.ndarray:
    """The string hashes of the cue lemmas and of "according", to test a whole doc's arrays at once."""
    words = (*cue_verbs(), *cue_nouns(), "according", "as")
    return numpy.array([hash_string(word) for word in words], dtype=numpy.uint64)


def cues_of(doc: Doc) -> list[Cue]:
    """Every attribution cue of the doc, in order; only candidate words are looked at as Tokens."""
    table = doc.to_array([LEMMA, LOWER])
    hits = numpy.isin(table[:, 0], _cue_hashes()) | numpy.isin(table[:, 1], _cue_hashes())
    found: list[Cue] = []
    for i in numpy.flatnonzero(hits).tolist():
        token = doc[i]
        if token.lower_ == "as":
            cue = _characterising(token)
            if cue is not None:
                found.append(cue)
            continue
        if not is_cue_word(token):
            continue
        if token.lower_ == "according":
            cue = according_cue(token)
            if cue is not None:
                found.append(cue)
            continue
        if token.pos_ == "NOUN":
            owner, clause = _noun_cue(token)
            found.append(Cue(token.i, token.i + 1, owner, None, _pieces(doc, _subtree_ids(clause), set())))
            continue
        source, channel = source_of(token)
        found.append(Cue(token.i, _cue_end(token), source, channel, _content(token, source)))
    return found
