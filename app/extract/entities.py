"""Entities within one article: one typed record per real-world thing, with its names, roles and mentions.

The `news_entities` component reads spaCy's named entities and corrects them with the gazetteer (types,
canonical names of places and organisations), finds names the NER missed (a name after a role, a byline,
an acronym in brackets), strips titles from people into roles, and merges the forms of one thing:
"Russian President Vladimir Putin" / "Putin" / "the Russian president"; "CSTO" / "Collective Security Treaty
Organization"; "Russia" / "Russian Federation". It sets `doc._.entities` (a list of `Entity`) and
`doc._.entity_of_token` (token index -> index into that list), which speaker and claimant resolution read;
the tokens of a person's role ("Russian President") map to that person.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy
from spacy.attrs import ENT_IOB, IDX, IS_ALPHA, IS_TITLE, IS_UPPER, ORTH, POS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span, Token

from app.extract import acronyms, kinds, roles
from app.extract.bylines import MEDIA_WORDS, byline_names
from app.extract.doctext import text_of
from app.extract.furniture import CREDIT, TEASER, furniture_spans
from app.extract.gazetteer import GAZETTEER, Alias, is_demonym
from app.extract.gender import HONORIFIC, first_names, person_genders
from app.extract.quotemarks import quoted_spans
from app.extract.records import Entity, Mention

KEPT_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
RETYPABLE = {"ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"}
LEADING_DROPPED = {"the", "a", "an"}
POSSESSIVES = {"'s", "’s"}  # "BBC Radio 4's", where the tagger read the "'s" as a verb
NAME_SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}  # folded, as `_key` leaves them
NAME_PARTICLES = {
    "al",
    "el",
    "bin",
    "ibn",
    "abu",
    "de",
    "da",
    "van",
    "von",
    "der",
    "du",
    "dos",
    "la",
    "le",
    "-",
}
MAX_RUN = 4
FUNCTION_POS = {"ADP", "DET", "CCONJ", "SCONJ", "PRON", "PART", "AUX"}
LINE = re.compile(r"[^\n]+")
WORD = re.compile(r"[A-Za-z][\w'’-]*")
LOWER_WORD = re.compile(r"\b[a-z]+\b")
MINOR_WORDS = {
    "a",
    "an",
    "the",
    "of",
    "to",
    "in",
    "on",
    "for",
    "and",
    "or",
    "but",
    "at",
    "by",
    "with",
    "from",
    "as",
    "is",
    "vs",
    "via",
}
HEADLINE_MIN_WORDS = 4
NOT_NAMES = {CREDIT, TEASER}  # furniture whose names are not the story's (a byline's author is)
COMMON_POS = {"ADJ", "NOUN", "VERB", "ADV"}
NAMED_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC"}  # not NORP: "Republican" is an adjective and a group
LISTED = {"conj", "appos"}
PET_STEM, PET_STEM_CHARS, SURNAME = "stem:", 4, "surname:"  # "Sveta" and "Svetlana" share "svet"
CUT_OFF = {"of", "the", "for"}  # a name ending with one is cut short
RUN_ON = {"and", "or", "to", "in", "on", "&"}  # words the NER runs a name on into
STATION_WORDS = {"station", "airport"}
BROADCAST_WORDS = {"radio", "television", "tv", "fm"}
TITLED_TYPES = {"ORG", "WORK_OF_ART"}  # names that can open with "The": papers, bands, films
CAST_VERBS = {"play", "star"}
ROMAN = re.compile(r"^(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})$")  # a regnal number, folded: "Juan Carlos I"
EVIDENCE_VOTES = 3  # the article's evidence of a type (an honorific, an organisation word); 1 a mention
FIRST_NAME_VOTES = 2  # a known first name opening a two- or three-word name, against one per mention


def _words(name: str) -> frozenset[str]:
    """A word list of `data/`: one lowercase word a line, "#" lines are comments."""
    lines = (Path(__file__).resolve().parent / "data" / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


PLACE_WORDS = _words("place_words.txt")
ORG_WORDS = _words("org_words.txt")
EVENT_WORDS = _words("event_words.txt")
WORK_WORDS = _words("work_words.txt")

Doc.set_extension("entities", default=None, force=True)
Doc.set_extension("entity_of_token", default=None, force=True)


@dataclass(slots=True)
class Candidate:
    """A mention before grouping: a token range, a label, its gazetteer alias and its role, if any."""

    start: int
    end: int
    label: str
    alias: Alias | None = None
    role: tuple[int, int] | None = None
    link: Candidate | None = None
    key: str = ""
    words: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Group:
    """The mentions of one entity while it is being built."""

    key: str
    members: list[Candidate] = field(default_factory=list)
    extra: list[tuple[int, int]] = field(default_factory=list)


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The entity's tokens without leading articles, punctuation or lowercase words, or a trailing possessive
    ("the Kremlin's" -> "Kremlin", "state Department of Revenue" -> "Department of Revenue")."""
    while start < end - 1 and (
        doc[start].lower_ in LEADING_DROPPED
        or _trailing_punct(doc[start].text)
        or (doc[start].is_lower and doc[start].is_alpha and doc[start].lower_ not in NAME_PARTICLES)
        or (doc[start].is_stop and doc[start].pos_ in FUNCTION_POS)
    ):
        start += 1
    while end > start and (
        doc[end - 1].tag_ == "POS" or doc[end - 1].lower_ in POSSESSIVES or _trailing_punct(doc[end - 1].text)
    ):
        end -= 1
    return start, end


def _pieces(doc: Doc, text: str, ent: Span) -> list[tuple[int, int, str]]:
    """An NER span cut where it runs over a line break or into "<org> boss <Name>"; a span opening with
    "Mr"/"Mrs" is a person whatever the NER typed."""
    out: list[tuple[int, int, str]] = []
    start = ent.start
    breaks = [t.i for t in ent if t.is_space] if "\n" in text[ent.start_char : ent.end_char] else []
    for i in [*breaks, ent.end]:
        if start < i:
            out.extend(_split_at_role(doc, start, i, ent.label_))
        start = i + 1
    return out


def _split_at_role(doc: Doc, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    if label not in RETYPABLE:
        return [(start, end, label)]
    if doc[start].lower_ in roles.HONORIFICS and end - start > 1:
        return [(start, end, "PERSON")]
    for k in range(start + 1, end - 1):
        if doc[k].is_lower and doc[k].lower_ in roles.HEADS and doc[k + 1].is_title:
            return [(start, k, label), (k + 1, end, "PERSON")]
    return [(start, end, label)]


def _trailing_punct(text: str) -> bool:
    """Punctuation the NER left at a span's edge; a dot may close an abbreviation ("D.C.") and stays."""
    return not any(c.isalnum() for c in text) and text != "."


def _key(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


def _headline_chars(text: str) -> list[tuple[int, int]]:
    """Character ranges of lines in headline case ("Obama Power Plant Rules Face Key Test"), where the NER
    takes capitalised common words for names."""
    out = []
    for line in LINE.finditer(text):
        words = [w for w in WORD.findall(line.group()) if w.lower() not in MINOR_WORDS]
        if len(words) >= HEADLINE_MIN_WORDS and sum(w[0].isupper() for w in words) >= 0.8 * len(words):
            out.append(line.span())
    return out


def _compact(text: str) -> str:
    """A name's key with spaces and hyphens dropped, so "TimeWarner" and "Time Warner" meet."""
    return re.sub(r"[\s-]+", "", _key(text))


def _common_word(doc: Doc, start: int, end: int, lower_words: set[str]) -> bool:
    """A one-word organisation that the article also writes in lowercase ("the Budget" and "budget") is a
    capitalised common noun, not a name."""
    token = doc[start]
    return end - start == 1 and not token.is_upper and token.lower_ in lower_words


def _common_word_opening(doc: Doc, start: int, end: int, seen: Counter[str]) -> bool:
    """One capitalised word, written once in the article, that the tagger reads as an adjective ("very
    Draconian"), or as a common word where a capital says nothing: opening a sentence or a quotation ("Quirky
    comedy ...", '"Deliberations will'). A name the article repeats ("Figgins declined") stays."""
    if end - start != 1:
        return False
    token = doc[start]
    if not token.is_title or token.pos_ not in COMMON_POS or seen[token.text] > 1:  # "OneTel" is a name
        return False
    return token.pos_ == "ADJ" or token.is_sent_start or (start > 0 and _opening_quote(doc[start - 1]))


def _opening_quote(token: Token) -> bool:
    """A quotation mark with a space (or the text's start) before it and none after."""
    text = text_of(token.doc)
    return token.is_quote and not token.whitespace_ and (token.idx == 0 or text[token.idx - 1].isspace())


def _with_regnal_number(doc: Doc, start: int, end: int) -> int:
    """A person's span taking in the regnal number the NER left out ("Juan Carlos" + "I")."""
    if end - start >= 2 and end < len(doc):
        token = doc[end]
        if token.is_upper and ROMAN.match(token.lower_) and token.pos_ != "PRON":
            return end + 1
    return end


def _organisation_before_name(doc: Doc, start: int, end: int) -> bool:
    """A person's span of three words or more that opens with a capitalised word before a known first name
    ("Unison Dave Prentis"): the NER ran an organisation into the name. Titles, nationalities and places the
    gazetteer knows are left to their own rules."""
    if end - start < 3:
        return False
    first, second = doc[start], doc[start + 1]
    names = first_names()
    return (
        len(first) > 1  # "S Hussain Zaidi": an initial
        and first.is_title
        and second.is_title
        and first.lower_ not in names
        and second.lower_ in names
        and not roles.is_role_word(first.text)
        and first.lower_ not in roles.HONORIFICS
        and GAZETTEER.lookup(first.text) is None
    )


def _ner_candidates(doc: Doc, text: str) -> list[Candidate]:
    """The NER's spans of kept types, trimmed; junk without a capital, headline non-persons and
    capitalised common nouns dropped."""
    headlines = _headline_chars(text)
    lower_words = set(LOWER_WORD.findall(text))
    seen = Counter(WORD.findall(text))
    out = []
    for ent in doc.ents:
        if ent.label_ not in KEPT_TYPES:
            continue
        in_headline = any(a <= ent.start_char < b for a, b in headlines)
        for piece_start, piece_end, label in _pieces(doc, text, ent):
            start, end = _trimmed(doc, piece_start, piece_end)
            if label == "PERSON":  # "Roddick 6-2 7-6": a score or an age the NER ran into the name
                while end - start > 1 and (_has_digit(doc[end - 1].text) or doc[end - 1].is_punct):
                    end -= 1
                end = _with_regnal_number(doc, start, end)
                if _organisation_before_name(doc, start, end):  # "the union Unison Dave Prentis"
                    out.append(Candidate(start, start + 1, "ORG"))
                    start += 1
            if start == end or not any(t.text[0].isupper() or t.text[0].isdigit() for t in doc[start:end]):
                continue
            while end - start > 1 and (doc[end - 1].lower_ in RUN_ON or doc[end - 1].is_punct):
                end -= 1  # "Sheffield Wednesday and", "Steve McGregor - to": the NER ran on
            if doc[end - 1].lower_ in CUT_OFF:  # "The Life and Death of": a title the NER cut short
                continue
            if label == "ORG" and _common_word(doc, start, end, lower_words):
                continue
            if label in NAMED_TYPES and _common_word_opening(doc, start, end, seen):
                continue
            if in_headline:
                if label != "PERSON":
                    continue
                while start < end - 1 and doc[start].is_stop:
                    start += 1
            out.append(Candidate(start, end, label))
    return out


def _with_name_s(doc: Doc, cands: list[Candidate]) -> None:
    """An organisation whose "'s" is part of its name ("McDonald's announced", "Standard & Poor's upgraded"):
    where the name with its "'s" is once the subject of the verb right after it, every mention of it keeps
    the "'s"; "Ford's shares fell" and "Arsenal's Ashley Cole" keep none."""
    named = set()
    for cand in cands:
        after = doc[cand.end : cand.end + 2]
        if (
            cand.label == "ORG"
            and len(after) == 2
            and after[0].lower_ in POSSESSIVES
            and after[1].pos_ in ("VERB", "AUX")
            and any(t.dep_ in ("nsubj", "nsubjpass") for t in doc[cand.start : cand.end])
            and GAZETTEER.lookup(doc[cand.start : cand.end].text) is None
        ):
            named.add(doc[cand.start : cand.end].text)
    for cand in cands if named else []:
        after = doc[cand.end] if cand.end < len(doc) else None
        if after is not None and after.lower_ in POSSESSIVES and doc[cand.start : cand.end].text in named:
            cand.end += 1


def _trusted(doc: Doc, span: Span, alias: Alias, hits: list[Candidate], surnames: set[str]) -> bool:
    """A gazetteer match counts unless it is an ambiguous word the NER does not see, or a person's surname."""
    if alias.ambiguous and not any(c.label != "PERSON" for c in hits):
        return False
    return _key(span.text) not in surnames or any(c.label != "PERSON" for c in hits)


def _reconcile(doc: Doc, ner: list[Candidate], surnames: set[str], matcher: PhraseMatcher) -> list[Candidate]:
    """NER spans and gazetteer matches merged: the gazetteer wins where it covers the NER span.

    A match inside a longer NER span loses ("Washington" in "Denzel Washington"), except an organisation
    the NER read with a word before it ("Takfiri Daesh" -> "Daesh").
    """
    owner = [-1] * len(doc)
    for k, cand in enumerate(ner):
        for i in range(cand.start, cand.end):
            owner[i] = k
    dropped: set[int] = set()
    out: list[Candidate] = []
    for span, alias in GAZETTEER.matches(doc, matcher):
        hits = sorted({owner[i] for i in range(span.start, span.end)} - {-1})
        hit_cands = [ner[k] for k in hits]
        if not _trusted(doc, span, alias, hit_cands, surnames):
            continue
        label = "NORP" if alias.demonym else alias.entry.type
        inside = [c.start >= span.start and c.end <= span.end for c in hit_cands]
        if hits and not all(inside):
            outer = hit_cands[0] if len(hit_cands) == 1 else None
            same_org = (
                outer is not None
                and outer.label == "ORG" == label
                and outer.end == span.end
                and outer.start < span.start
            )
            if not same_org and not (outer is not None and len(span) > outer.end - outer.start):
                continue
        dropped.update(hits)
        out.append(Candidate(span.start, span.end, label, alias))
    for k, cand in enumerate(ner):
        if k not in dropped:
            if cand.label != "PERSON":
                cand.alias = GAZETTEER.lookup(doc[cand.start : cand.end].text)
                if cand.alias is not None:
                    cand.label = "NORP" if cand.alias.demonym else cand.alias.entry.type
            out.append(cand)
    out.sort(key=lambda c: c.start)
    return out


def _with_branch_places(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """An organisation followed at once by a country or region is one name, its branch ("BBC Radio" +
    "Scotland", "Zorvik" + "Europe"); not a known organisation ("told the BBC Liverpool were ..."), nor a
    one-word one before a place that modifies the noun after it ("the UN Syria envoy")."""
    out: list[Candidate] = []
    for cand in cands:
        before = out[-1] if out else None
        last = doc[cand.end - 1]
        if (
            before is not None
            and before.label == "ORG"
            and before.alias is None
            and before.end == cand.start
            and doc[before.end - 1].is_alpha
            and cand.label in ("GPE", "LOC")
            and not (cand.alias is not None and cand.alias.demonym)
            and not (before.end - before.start == 1 and last.dep_ == "compound" and last.head.i >= cand.end)
            and doc[before.end - 1].whitespace_
        ):
            before.end, before.alias = cand.end, None
            continue
        out.append(cand)
    return out


def _with_station_words(doc: Doc, cands: list[Candidate]) -> None:
    """A name the article follows with "station" or "airport" ("King's Cross station", "Gatwick airport")
    is that place, the word part of its name; a known organisation's ("the BBC station") or a broadcaster's
    ("Alter Television station") is not."""
    for cand in cands:
        if (
            cand.end < len(doc)
            and doc[cand.end].lower_ in STATION_WORDS
            and doc[cand.end].is_lower
            and cand.alias is None
            and cand.label not in ("PERSON", "NORP")
            and not any(t.lower_ in BROADCAST_WORDS for t in doc[cand.start : cand.end])
        ):
            cand.end += 1
            cand.label = "LOC"


def _strip_titles(doc: Doc, cands: list[Candidate]) -> None:
    """People's spans lose leading titles ("President Obama" -> "Obama"), which become part of the role, and
    nationalities."""
    for cand in cands:
        if cand.label == "PERSON":
            cand.start += roles.leading_titles(doc, cand.start, cand.end)
            # "Russian Dmitriy Bogdanov" (a two-word "German Efromovich" keeps its first name)
            while cand.end - cand.start > 2 and is_demonym(doc[cand.start].text):
                cand.start += 1


def _surnames(doc: Doc, cands: list[Candidate]) -> tuple[set[str], set[str]]:
    """Last words of names, and full names, of the people the NER found (folded, see `_key`)."""
    last, full = set(), set()
    for cand in cands:
        if cand.label == "PERSON" and cand.alias is None and doc[cand.end - 1].lower_ not in EVENT_WORDS:
            last.add(_key(surname(doc[cand.start : cand.end].text)))
            if cand.end - cand.start > 1:
                full.add(_key(doc[cand.start : cand.end].text))
    return last, full


def _all_title(doc: Doc, cand: Candidate) -> bool:
    return all(t.is_title for t in doc[cand.start : cand.end])


def _relabel_people(doc: Doc, cands: list[Candidate], surnames: set[str], full: set[str]) -> None:
    """A person's name that the NER typed as an organisation or place is that person: the surname of a
    full name ("Trump"), a full name ("Hillary Clinton"), or a short name ending in a lone person's name
    ("Marion Jones" where only "Jones" was read as a person)."""
    multi = {name.split()[-1] for name in full}
    lone = surnames - multi
    firms = _organisations_first(doc, cands, multi)
    for cand in cands:
        if cand.label == "PERSON" and _key(doc[cand.start].text) in firms:
            # "Ford" alone is the company; "Ford Freestyle", opening with its name, one of its products
            cand.label = "ORG" if cand.end - cand.start == 1 else "PRODUCT"
        elif cand.alias is None and cand.label in RETYPABLE:
            text = _key(doc[cand.start : cand.end].text)
            size = cand.end - cand.start
            if (
                text in full
                or (size == 1 and text in multi and text not in firms)
                or (size in (2, 3) and text.split()[-1] in lone and _all_title(doc, cand))
            ):
                cand.label = "PERSON"


def _organisations_first(doc: Doc, cands: list[Candidate], multi: set[str]) -> set[str]:
    """Surnames the article uses for an organisation before it names the person ("Ford, the car company,
    ..." then "chairman Bill Ford"): a news story names a person in full before it shortens the name, so a
    bare form the NER reads as an organisation most times, and below the headline before the full name, is
    the organisation, wherever the NER typed it. Headlines name people by surname: "Anglers sue Pemberton"."""
    first_full: dict[str, int] = {}
    for cand in cands:
        if cand.label == "PERSON" and cand.end - cand.start > 1:
            first_full.setdefault(_key(surname(doc[cand.start : cand.end].text)), cand.start)
    labels: dict[str, Counter[str]] = {}
    early: dict[str, int] = {}
    for cand in cands:
        text = _key(doc[cand.start].text)
        if cand.end - cand.start == 1 and text in multi:
            labels.setdefault(text, Counter())[cand.label == "PERSON"] += 1
            if cand.label == "ORG" and cand.start < first_full.get(text, -1):
                early[text] = max(early.get(text, -1), doc[cand.start].idx)
    early = {text: at for text, at in early.items() if labels[text][False] > labels[text][True]}
    if not early:
        return set()
    whole = text_of(doc)
    blank = whole.find("\n\n")
    headline_end = blank if blank >= 0 else whole.find("\n")
    return {text for text, at in early.items() if at > headline_end}


def _type_evidence(doc: Doc, cand: Candidate) -> list[tuple[str, int]]:
    """What the article itself says of a mention's type: a noun beside it that says what it is
    (`kinds.kind_of`: "firm Quorvex"), an event word ending the name ("Brit Awards", "Athens Olympics"), an
    organisation word in the name ("Samuel Goldwyn Films", "Manchester United"), a place word ending a
    facility's ("Euston Road", "Roosevelt Hotel": a place), a country or continent ending a "person" with no
    first name ("Lycos Europe": a company's branch), an honorific before it ("Mr Howard"), a known first
    name opening a short name the NER took for an organisation ("Helen Steel"; not "General Motors" nor
    "Beverly Hills", where the first word is a title or the last a place word)."""
    words = [t.lower_ for t in doc[cand.start : cand.end]]
    if _after_work_noun(doc, cand.start) or _cast_follows(doc, cand.end):
        return [("WORK_OF_ART", EVIDENCE_VOTES)]
    if kind := kinds.kind_of(doc, cand.start, cand.end, after=cand.label != "NORP"):  # "Basque newspaper"
        return [(kind, EVIDENCE_VOTES)]
    if words[-1] in EVENT_WORDS and (len(words) > 1 or words[-1].endswith("s")):
        return [("EVENT", EVIDENCE_VOTES)]
    if any(w in ORG_WORDS for w in words):
        return [("ORG", EVIDENCE_VOTES)]
    if cand.label == "FAC" and words[-1] in PLACE_WORDS:
        return [("LOC", EVIDENCE_VOTES)]
    if cand.label == "PERSON" and len(words) > 1 and _ends_in_a_place(doc, cand):
        return [("ORG", EVIDENCE_VOTES)]
    before = doc[cand.start - 1].lower_ if cand.start else ""
    if before in HONORIFIC or before in roles.HONORIFICS:
        return [("PERSON", EVIDENCE_VOTES)]
    first = doc[cand.start]
    if (
        cand.label == "ORG"
        and len(words) in (2, 3)
        and first.is_title
        and not roles.is_role_word(first.text)
        and words[-1] not in PLACE_WORDS
        and words[0] in first_names()
        and GAZETTEER.lookup(first.text) is None
        and all(t.is_title for t in doc[cand.start : cand.end])
    ):
        return [("PERSON", FIRST_NAME_VOTES)]
    return []


def _ends_in_a_place(doc: Doc, cand: Candidate) -> bool:
    """A name whose last word is a country or region the gazetteer knows and whose first is no first name."""
    alias = GAZETTEER.lookup(doc[cand.end - 1].text)
    return (
        alias is not None
        and not alias.ambiguous
        and not alias.demonym
        and alias.entry.type in ("GPE", "LOC")
        and doc[cand.start].lower_ not in first_names()
        and GAZETTEER.lookup(doc[cand.start].text) is None
    )


def _after_work_noun(doc: Doc, start: int) -> bool:
    """A name right after a noun that names a kind of work ("comedy Sideways", "the series The Wire"), a
    quotation mark or "The" between them: the name is a title."""
    i = start - 1
    while i >= 0 and (doc[i].is_quote or doc[i].lower_ == "the"):
        i -= 1
    if i >= 2 and doc[i - 1].text == "-":  # "re-make", three tokens
        return f"{doc[i - 2].lower_}-{doc[i].lower_}" in WORK_WORDS
    return i >= 0 and doc[i].lower_ in WORK_WORDS and doc[i].pos_ == "NOUN"


def _cast_follows(doc: Doc, end: int) -> bool:
    """A name followed by its cast ("Moonfield, starring ...", "Moonfield, in which Ann Lee plays a nurse"):
    a film or a show."""
    i = end + 1 if end < len(doc) and doc[end].text == "," else end
    if i + 1 >= len(doc):
        return False
    if doc[i].lower_ == "starring":
        return True
    if doc[i].lower_ != "in" or doc[i + 1].lower_ != "which":
        return False
    return any(t.lemma_ in CAST_VERBS and t.pos_ == "VERB" for t in doc[i + 2 : i + 8])


def _listed_with_works(doc: Doc, cands: list[Candidate], shown: set[str]) -> set[str]:
    """Names listed beside a title the article shows as one (`shown`: "Sideways and Closer" after "the
    comedy Sideways"), even where the NER missed that title: works too. Keys as `_vote_types` makes them;
    the NER's own WORK_OF_ART labels do not spread (it gives them to slogans and organisations)."""
    if not shown:
        return set()
    work_of: set[int] = set()
    titles: set[str] = set()
    for cand in cands:
        if cand.label == "WORK_OF_ART" and _compact(doc[cand.start : cand.end].text) in shown:
            work_of.update(range(cand.start, cand.end))
            titles.add(doc[cand.end - 1].text)
    found = set()
    for cand in cands:
        if cand.alias is not None or cand.label == "WORK_OF_ART" or doc[cand.start].lower_ in first_names():
            continue  # "Andre 3000 and Big Boi's album X": a first name opens a person's name
        linked = _listed_with(doc[cand.end - 1])
        if any((t.i in work_of or t.text in titles) and not cand.start <= t.i < cand.end for t in linked):
            found.add(_compact(doc[cand.start : cand.end].text))
    return found


def _listed_with(token: Token) -> list[Token]:
    """The words of a list or apposition a word is in ("A, B and C"), each list item by its head word."""
    root = token
    while root.dep_ in LISTED and root.head is not root:
        root = root.head
    items, todo = [], [root]
    while todo:
        item = todo.pop()
        items.append(item)
        todo.extend(t for t in item.children if t.dep_ in LISTED)
    return items


def _vote_types(doc: Doc, cands: list[Candidate]) -> None:
    """One type per name, voted by all its mentions: each the NER's label once, and the article's evidence
    (`_type_evidence`) more; names the gazetteer knows keep its type."""
    votes: dict[str, Counter[str]] = {}
    voters = [
        (c, _compact(doc[c.start : c.end].text)) for c in cands if c.alias is None and c.label in KEPT_TYPES
    ]
    shown: set[str] = set()
    read_as = {(key, cand.label) for cand, key in voters}
    for cand, key in voters:
        tally = votes.setdefault(key, Counter())
        tally[cand.label] += 1
        for label, weight in _type_evidence(doc, cand):
            tally[label] += weight
            if label == "WORK_OF_ART":
                shown.add(key)
    for cand, key in voters:
        cand.label = votes[key].most_common(1)[0][0]
    for key, label in _list_majorities(doc, cands, voters, read_as):
        votes[key][label] += FIRST_NAME_VOTES
    for key in _stems(doc, voters):
        votes[key]["ORG"] += EVIDENCE_VOTES
    for cand, key in voters:
        cand.label = votes[key].most_common(1)[0][0]
    unread = _titles_where_unread(doc, voters)
    shown = {key for key in shown if votes[key].most_common(1)[0][0] == "WORK_OF_ART"} | unread
    for key in _listed_with_works(doc, cands, shown) | unread:
        for cand, other in voters:
            if other == key:
                cand.label = "WORK_OF_ART"


def _org_tail(doc: Doc, cand: Candidate) -> bool:
    """An organisation's name whose words after the first are organisation words ("Northwest Airlines"), a
    country or region ("Lycos Europe"), or "&" and a partner ("Belle & Sebastian", "Marks & Spencer"): the
    first word alone is a short name of it."""
    tail = doc[cand.start + 1 : cand.end]
    if cand.label != "ORG" or not len(tail):
        return False
    if all(t.lower_ in ORG_WORDS for t in tail) or tail[0].text == "&":
        return True
    alias = GAZETTEER.lookup(tail.text)
    return alias is not None and not alias.ambiguous and alias.entry.type in ("GPE", "LOC")


def _stems(doc: Doc, voters: list[tuple[Candidate, str]]) -> list[str]:
    """Each mention of a one-word name that opens an organisation's name of the article (`_org_tail`): it is
    that organisation, whatever the NER read there; unless it is the surname of a person the article names
    in full ("Trump" beside "Donald Trump" and "Trump Foundation")."""
    stems = {doc[c.start].text for c, _ in voters if _org_tail(doc, c)}
    stems -= {doc[c.end - 1].text for c, _ in voters if c.label == "PERSON" and c.end - c.start > 1}
    return [key for c, key in voters if c.end - c.start == 1 and doc[c.start].text in stems]


def _list_majorities(
    doc: Doc, cands: list[Candidate], voters: list[tuple[Candidate, str]], read_as: set[tuple[str, str]]
) -> list[tuple[str, str]]:
    """(name, type) votes for the odd names out of a list of three or more ("Bankwell, Vodafone, O3 and
    Renault"): a list holds things of one kind, so two thirds of its names, at least two, vote for the
    others. Not for people, whom the NER reads well and lists mix with brands ("Stella Artois"); places take
    only names read as people ("Chernigov, Nikolaev and Kharkov"), since clubs are listed with towns
    ("Luton, Preston, Queens Park Rangers"); and a name opening with a first name that the NER read only as a
    person (`read_as`: its (name, label) pairs) is left alone ("Apple, Google and Mark Zuckerberg")."""
    key_of = {id(c): key for c, key in voters}
    by_start = {c.start: c for c in cands}
    out, seen = [], set()
    for cand in cands:
        first, last = kinds.list_bounds(doc, cand.start, cand.end)
        if (first, last) in seen or last - first < 5:
            continue
        seen.add((first, last))
        items = [c for i, c in by_start.items() if first <= i < last and c.label in NAMED_TYPES]
        labels = Counter(c.label for c in items)
        if len(items) < 3 or not labels:
            continue
        label, count = labels.most_common(1)[0]
        if label == "PERSON" or count < 2 or 3 * count < 2 * len(items):
            continue
        for item in items:
            key = key_of.get(id(item))
            person = doc[item.start].lower_ in first_names()
            if item.label == label or not key or (person and (key, "ORG") not in read_as):
                continue
            if label == "ORG" or item.label == "PERSON":
                out.append((key, label))
    return out


def _titles_where_unread(doc: Doc, voters: list[tuple[Candidate, str]]) -> set[str]:
    """One-word names that the article shows to be titles where the NER did not read them ("The Aviator, in
    which Ann Lee plays ..."): the context of every occurrence counts, not only the NER's."""
    names = {doc[c.start].orth: key for c, key in voters if c.end - c.start == 1 and c.label != "PERSON"}
    if not names:
        return set()
    at = numpy.flatnonzero(numpy.isin(doc.to_array(ORTH), numpy.fromiter(names, dtype=numpy.uint64)))
    found = set()
    for i in at.tolist():  # token arrays, not a loop over every token
        key = names[doc[i].orth]
        if key not in found and (_after_work_noun(doc, i) or _cast_follows(doc, i + 1)):
            found.add(key)
    return found


def _outside_furniture(doc: Doc, text: str, cands: list[Candidate]) -> list[Candidate]:
    """Mentions left after dropping those in teasers and photo credits ("Jane Roe/The Canadian Press")."""
    spans = [(a, b) for a, b, kind in furniture_spans(text) if kind in NOT_NAMES]
    if not spans:
        return cands
    return [
        c
        for c in cands
        if not any(a <= doc[c.start].idx and doc[c.end - 1].idx + len(doc[c.end - 1]) <= b for a, b in spans)
    ]


def _anchored(doc: Doc, cand: Candidate) -> bool:
    """A lone first name the article backs: with a role or honorific, after a noun that describes it ("his
    wife Maggie", "ex-model Sandra"), or the subject of a verb ("Emily said")."""
    token = doc[cand.start]
    before = doc[cand.start - 1] if cand.start else None
    return (
        cand.role is not None
        or token.dep_ in ("nsubj", "nsubjpass")
        or (before is not None and (before.pos_ == "NOUN" or before.lower_ in roles.HONORIFICS))
    )


def _unbacked_first_names(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Drop a person who is only a first name ("Ray star Jamie Foxx", "the Golden Globe and Oscar") with no
    full name of the article to join and nothing that anchors it as a person."""
    return [
        c
        for c in cands
        if not (
            c.label == "PERSON"
            and c.end - c.start == 1
            and c.key.startswith("text:")
            and doc[c.start].lower_ in first_names()
            and not _anchored(doc, c)
        )
    ]


def _name_tokens(doc: Doc, cands: list[Candidate]) -> list[bool]:
    """Which tokens could be part of a name the NER missed: capitalised proper nouns outside any entity
    and not a title word. Computed on token arrays, not token by token."""
    attrs = doc.to_array([IS_TITLE, IS_ALPHA, POS, ENT_IOB])
    mask = (attrs[:, 0] == 1) & (attrs[:, 1] == 1) & (attrs[:, 2] == PROPN) & ~numpy.isin(attrs[:, 3], (1, 3))
    for cand in cands:
        mask[cand.start : cand.end] = False
    flags = mask.tolist()
    for i in numpy.flatnonzero(mask).tolist():
        flags[i] = not roles.is_role_word(doc[i].text)
    return flags


def _missed_people(
    doc: Doc, cands: list[Candidate], surnames: set[str], in_entity: list[bool]
) -> list[Candidate]:
    """Capitalised names the NER skipped: after a role ("Ambassador to Russia Riad Haddad"), or ending in
    the surname of a person found elsewhere in the article."""
    name = _name_tokens(doc, cands)
    n = len(doc)
    out = []
    i = 0
    while i < n:
        if not name[i]:
            i += 1
            continue
        j = i + 1
        while j < n and (name[j] or (j + 1 < n and name[j + 1] and doc[j].lower_ in NAME_PARTICLES)):
            j += 1
        if j - i <= MAX_RUN and (
            _key(doc[j - 1].text) in surnames or (j - i > 1 and roles.role_before(doc, i, in_entity))
        ):
            out.append(Candidate(i, j, "PERSON"))
        i = j
    return out


def _opens_text(doc: Doc, i: int) -> bool:
    """The token opens a sentence, a line or a quotation, where any word is capitalised."""
    return i == 0 or doc[i].is_sent_start or doc[i - 1].is_space or doc[i - 1].is_quote


def _inside_name(doc: Doc, i: int) -> bool:
    """A word that continues a name: a name word, or a capitalised function word before one ("Reporters
    Without Borders")."""
    if kinds.is_name_token(doc[i]):
        return True
    return doc[i].is_title and i + 1 < len(doc) and kinds.is_name_token(doc[i + 1])


def _named_by_kind(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Names the NER missed that a noun beside them types ("monitoring firm Quorvex", "bands such as Morrow
    and Kestrel", "ex-model Sandra"), and every other bare occurrence of the same words in the article."""
    taken = _in_entity(doc, cands)
    found: dict[tuple[str, ...], str] = {}
    attrs = doc.to_array([IS_TITLE, IS_UPPER, POS])
    capital = (attrs[:, 0] == 1) | (attrs[:, 1] == 1) | (attrs[:, 2] == PROPN)  # token arrays, not a loop
    n = len(doc)
    i = 0
    for start in numpy.flatnonzero(capital).tolist():
        if start < i:
            continue
        i = start
        if taken[i] or not kinds.is_name_token(doc[i]) or roles.is_role_word(doc[i].text):
            continue
        end = i + 1
        while end < n and end - i < MAX_RUN and not taken[end] and _inside_name(doc, end):
            end += 1
        if not kinds.is_name_token(doc[end - 1]):  # "Reporters Without" + a name the NER read apart
            i = end
            continue
        if (end - i == 1 and _opens_text(doc, i)) or (i and taken[i - 1] and kinds.is_name_token(doc[i - 1])):
            i = end  # "Budget airline Ryanair": a capital says nothing; "USA Track": the rest of a name
            continue
        kind = kinds.kind_of(doc, i, end)
        if kind in NAMED_TYPES or kind == "PRODUCT":
            found.setdefault(tuple(t.text for t in doc[i:end]), kind)
        i = end
    if not found:
        return []
    out = []
    orths = doc.to_array(ORTH)
    for words, kind in found.items():
        for i in numpy.flatnonzero(orths == doc.vocab.strings[words[0]]).tolist():
            end = i + len(words)
            if end <= n and not any(taken[i:end]) and tuple(t.text for t in doc[i:end]) == words:
                out.append(Candidate(i, end, kind))
                taken[i:end] = [True] * len(words)
    return sorted(out, key=lambda c: c.start)


def _in_entity(doc: Doc, cands: list[Candidate]) -> list[bool]:
    flags = [False] * len(doc)
    for cand in cands:
        for i in range(cand.start, cand.end):
            flags[i] = True
    return flags


def _bylines(doc: Doc, text: str, cands: list[Candidate]) -> list[Candidate]:
    """Names in a byline line that no other mention covers."""
    taken = _in_entity(doc, cands)
    out = []
    for start, end, label in byline_names(text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and not any(taken[span.start : span.end]):
            out.append(Candidate(span.start, span.end, label))
    return out


def _extend_to_initials(doc: Doc, cand: Candidate, acronym: str, cands: list[Candidate]) -> None:
    """Where the NER cut a name short ("Tourism Council (WTTC)"), take in the words the acronym spells;
    a mention inside the words taken in is emptied (and dropped later)."""
    words = [t.text for t in doc[cand.start : cand.end]]
    if cand.alias is None and acronyms.initials(words) != acronyms.letters(acronym):
        start = acronyms.expansion_before(doc, cand.end, acronym)
        if start is not None and start < cand.start:
            inside = [c for c in cands if c is not cand and c.start < cand.start and c.end > start]
            if all(c.start >= start and c.alias is None for c in inside):
                for other in inside:
                    other.end = other.start
                cand.start = start


def _acronyms(doc: Doc, text: str, cands: list[Candidate]) -> list[Candidate]:
    """Tie acronyms to their expansions (bracketed or by initials) and add their unrecognised mentions."""
    starts = {c.start for c in cands}
    ends = {c.end for c in cands}
    expansions: dict[str, Candidate] = {}
    added: list[Candidate] = []
    for cand in cands:
        acr = acronyms.bracketed_acronym(doc, cand.end)
        if acr is not None and cand.label != "PERSON":
            _extend_to_initials(doc, cand, doc[acr].text, cands)
            expansions.setdefault(acronyms.letters(doc[acr].text), cand)
    for match in acronyms.BRACKETED.finditer(text):
        paren = doc.char_span(match.start(), match.start() + 1)
        if paren is None or paren.start in ends or not acronyms.bracketed_acronym(doc, paren.start):
            continue
        start = acronyms.expansion_before(doc, paren.start, match.group(1))
        if start is not None and start not in starts:
            cand = Candidate(start, paren.start, "ORG")
            added.append(cand)
            expansions.setdefault(acronyms.letters(match.group(1)), cand)
    for cand in cands:
        if cand.end - cand.start > 1 and cand.label == "ORG":
            expansions.setdefault(acronyms.initials([t.text for t in doc[cand.start : cand.end]]), cand)
    if not expansions:
        return added
    taken = _in_entity(doc, cands + added)
    for match in acronyms.ACRONYM_IN_TEXT.finditer(text):
        target = expansions.get(acronyms.letters(match.group()))
        if target is None or not acronyms.is_acronym(match.group()):
            continue
        span = doc.char_span(match.start(), match.end())
        if (
            span is not None
            and len(span) == 1
            and not taken[span.start]
            and (target.end - target.start > 1 or target.alias is None)
        ):
            added.append(Candidate(span.start, span.end, target.label, target.alias, link=target))
    for cand in cands:
        if cand.end - cand.start == 1 and cand.alias is None and acronyms.is_acronym(doc[cand.start].text):
            target = expansions.get(acronyms.letters(doc[cand.start].text))
            if target is not None and target is not cand and target.end - target.start > 1:
                cand.link = target
    return added


def _without_common_abbreviations(doc: Doc, text: str, cands: list[Candidate]) -> list[Candidate]:
    """Drop the mentions of an acronym the article spells out in lowercase ("corporate social responsibility
    (CSR)"): an abbreviation of common nouns is no organisation."""
    if "(" not in text:
        return cands
    common = acronyms.common_abbreviations(text)
    if not common:
        return cands
    return [
        c
        for c in cands
        if not (
            c.end - c.start == 1
            and c.alias is None
            and acronyms.is_acronym(doc[c.start].text)
            and acronyms.letters(doc[c.start].text) in common
        )
    ]


def _assign_roles(doc: Doc, cands: list[Candidate], in_entity: list[bool]) -> None:
    for cand in cands:
        if cand.label == "PERSON":
            before = roles.role_before(doc, cand.start, in_entity)
            cand.role = before or roles.role_after(doc, cand.end, in_entity)


def _name_words(doc: Doc, cand: Candidate) -> list[str]:
    """A person's name words, folded, middle initials ("J.") and generational suffixes left out: "Donald J.
    Trump" = "Donald Trump", "James P. Kennedy Jr." = "James Kennedy"."""
    if not cand.words:
        words = [_key(t.text) for t in doc[cand.start : cand.end]]
        kept = [
            w
            for k, w in enumerate(words)
            if not (len(w) == 2 and w.endswith("."))
            and w not in NAME_SUFFIXES
            and not (k >= 2 and k == len(words) - 1 and ROMAN.match(w))
        ]
        cand.words = kept or words
    return cand.words


def _suffix(doc: Doc, cand: Candidate) -> str | None:
    last = _key(doc[cand.end - 1].text).rstrip(".")
    regnal = cand.end - cand.start > 2 and ROMAN.match(last)
    return last if last in NAME_SUFFIXES or regnal else None


def _same_generation(a: str | None, b: str | None) -> bool:
    """ "Charles Elliott" and "Charles Elliott Jr." are father and son; "Juan Carlos I" is "Juan Carlos",
    unless the article also has another numeral of the name ("Juan Carlos II")."""
    if a == b:
        return True
    regnal = (a is None or ROMAN.match(a)) and (b is None or ROMAN.match(b))
    return bool(regnal) and (a is None or b is None)


def surname(name: str) -> str:
    """The last word of a person's name that is not a generational suffix ("Kennedy" of "Kennedy Jr.")."""
    words = name.split()
    while len(words) > 1 and (
        _key(words[-1]) in NAME_SUFFIXES or (len(words) > 2 and ROMAN.match(_key(words[-1])))
    ):
        words.pop()
    return words[-1] if words else name


def _person_keys(doc: Doc, people: list[Candidate]) -> None:
    """Cluster people: full names by first and last word; a shorter form joins the full name it ends
    (or, a single word, starts), the most recent before it, else the first after it."""
    clusters: list[tuple[str, list[str], str | None]] = []
    names = {tuple(_name_words(doc, c)) for c in people}
    for cand in people:
        words = _name_words(doc, cand)
        if len(words) < 2 or any(len(n) > len(words) and n[-len(words) :] == tuple(words) for n in names):
            continue
        suffix = _suffix(doc, cand)
        for key, full, other in clusters:
            # "Charles Elliott" and "Charles Elliott Jr." are father and son
            if full[0] == words[0] and full[-1] == words[-1] and _same_generation(suffix, other):
                cand.key = key
                break
        else:
            cand.key = f"person:{_key(' '.join(words))}{' ' + suffix if suffix else ''}"
            clusters.append((cand.key, words, suffix))
    first_of = Counter(full[0] for _, full, _ in clusters)
    first_of.update(PET_STEM + full[0][:PET_STEM_CHARS] for _, full, _ in clusters)
    first_of.update(SURNAME + full[-1] for _, full, _ in clusters)
    for n, cand in enumerate(people):
        if cand.key:
            continue
        words = _name_words(doc, cand)
        before = [
            c.key
            for c in people[:n]
            if len(_name_words(doc, c)) > 1 and _shorter_form(words, _name_words(doc, c), first_of)
        ]
        after = [
            c.key
            for c in people[n + 1 :]
            if len(_name_words(doc, c)) > 1 and _shorter_form(words, _name_words(doc, c), first_of)
        ]
        if before:
            counts = Counter(before)
            cand.key = max(reversed(before), key=lambda k: counts[k])
        else:
            cand.key = after[0] if after else f"text:{_compact(doc[cand.start : cand.end].text)}"


def _shorter_form(words: list[str], full: list[str], first_of: Counter[str]) -> bool:
    """Whether `words` is a surname form of `full` ("Putin", "al-Assad"), its unique first name, or a short
    form of that first name no other person's shares and no person has as surname ("Sveta" for Svetlana,
    "Alex" for Alexander; not "Quinn" for Quincy beside Alan Quinn; `first_of` counts first names, their
    stems and surnames)."""
    if len(words) >= len(full):
        return False
    if full[len(full) - len(words) :] == words:
        return True
    if len(words) != 1:
        return False
    word, first = words[0], full[0]
    if word == first:
        return first_of[word] == 1
    stem = word[:PET_STEM_CHARS]
    return (
        PET_STEM_CHARS <= len(word) < len(first)
        and first.startswith(stem)
        and first_of[PET_STEM + stem] == 1
        and first_of[word] == 0
        and first_of[SURNAME + word] == 0
    )


def _keys(doc: Doc, cands: list[Candidate]) -> None:
    """Give every candidate the key of the entity it belongs to."""
    _person_keys(doc, [c for c in cands if c.label == "PERSON"])
    named = {c.alias.entry.key for c in cands if c.alias and not c.alias.demonym}
    for cand in cands:
        if cand.label == "PERSON":
            continue
        if cand.alias is not None:
            entry = cand.alias.entry.key
            cand.key = entry if not cand.alias.demonym or entry in named else f"norp:{entry}"
        else:
            cand.key = f"text:{_compact(doc[cand.start : cand.end].text)}"
    _link_short_orgs(doc, cands)
    _link_name_stems(doc, cands)
    _link_event_words(doc, cands)
    for cand in cands:
        if cand.link is not None:
            cand.key = cand.link.key


def _link_short_orgs(doc: Doc, cands: list[Candidate]) -> None:
    """ "the Post" after "The New York Post", "United" after "Manchester United": a paper's last word, or an
    organisation word, alone joins the only organisation it ends."""
    ends: dict[str, set[str]] = {}
    for cand in cands:
        last = doc[cand.end - 1].lower_
        if cand.label == "ORG" and cand.end - cand.start > 1 and (last in MEDIA_WORDS or last in ORG_WORDS):
            ends.setdefault(doc[cand.end - 1].text, set()).add(cand.key)
    for cand in cands:
        if cand.label == "ORG" and cand.alias is None and cand.end - cand.start == 1 and cand.link is None:
            keys = ends.get(doc[cand.start].text, set())
            if len(keys) == 1:
                cand.key = next(iter(keys))


def _link_event_words(doc: Doc, cands: list[Candidate]) -> None:
    """ "Globe" beside "the Golden Globe Awards": a one-word name that is a later word of an event's name of
    the article is that event (the most mentioned one when several share the word); a first word ("Athens"
    of "the Athens Olympics") is not."""
    events: dict[str, Counter[str]] = {}
    for cand in cands:
        if cand.label == "EVENT" and cand.end - cand.start > 1:
            for token in doc[cand.start + 1 : cand.end]:
                events.setdefault(token.text, Counter())[cand.key] += 1
    if not events:
        return
    for cand in cands:
        if cand.label != "PERSON" and cand.alias is None and cand.end - cand.start == 1 and cand.link is None:
            keys = events.get(doc[cand.start].text)
            if keys:
                cand.key, cand.label = keys.most_common(1)[0][0], "EVENT"


def _link_name_stems(doc: Doc, cands: list[Candidate]) -> None:
    """ "Northwest" beside "Northwest Airlines", "Lycos" beside "Lycos Europe": a one-word name that opens
    exactly one organisation of the article whose other words are organisation words or a place joins it."""
    stems: dict[str, set[str]] = {}
    for cand in cands:
        if _org_tail(doc, cand):
            stems.setdefault(doc[cand.start].text, set()).add(cand.key)
    for cand in cands:
        if cand.label != "PERSON" and cand.alias is None and cand.end - cand.start == 1 and cand.link is None:
            keys = stems.get(doc[cand.start].text, set())
            if len(keys) == 1:
                cand.key, cand.label = next(iter(keys)), "ORG"


def _role_mentions(doc: Doc, text: str, groups: dict[str, Group], taken: list[bool]) -> None:
    """ "the Russian president" is a mention of the one person the article gave that role."""
    holders: dict[str, set[str]] = {}
    for group in groups.values():
        for cand in group.members:
            if cand.role and cand.label == "PERSON":
                role = doc[cand.role[0] : cand.role[1]].text
                if not roles.is_honorific(role) and "'" not in role and "’" not in role:
                    holders.setdefault(role.lower(), set()).add(group.key)
    for role, keys in holders.items():
        if len(keys) != 1:
            continue
        group = groups[next(iter(keys))]
        for match in re.finditer(rf"\bthe\s+({re.escape(role)})\b", text, flags=re.IGNORECASE):
            span = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
            if span is not None and len(span) and not any(taken[span.start : span.end]):
                next_token = doc[span.end] if span.end < len(doc) else None
                if next_token is None or next_token.lower_ != "of":
                    group.extra.append((span.start, span.end))


def _mention(doc: Doc, text: str, start: int, end: int) -> Mention:
    a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    return Mention(text[a:b], a, b)


def _salience(mentions: list[Mention], length: int) -> float:
    """Each mention weighs 1 plus how early it comes (2 at the start of the text, 1 at the end)."""
    return sum(2.0 - m.start / max(length, 1) for m in mentions)


@lru_cache(maxsize=4)
def _quoted_ranges(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((span.start, span.end) for span in quoted_spans(text))


def _in_quotes(text: str, at: int) -> bool:
    return any(start <= at < end for start, end in _quoted_ranges(text))


def _person_name(doc: Doc, text: str, members: list[Candidate]) -> str:
    """The full form the article uses most ("Vladimir Putin", not "Putin" nor "Suu Kyi" for "Aung San Suu
    Kyi"), the longer one on a tie; from the reporter's own words when there are any, since quoted speech
    holds nicknames ("Crooked Hillary Clinton") no one would file the person under."""
    if len({doc[c.start : c.end].text for c in members}) > 1:
        members = [c for c in members if not _in_quotes(text, doc[c.start].idx)] or members
    forms = Counter(doc[c.start : c.end].text for c in members)
    full = [f for f in forms if not any(len(g) > len(f) and _key(g).endswith(" " + _key(f)) for g in forms)]
    return max(full, key=lambda f: (len(f.split()) > 1, forms[f], len(f.split()), len(f)))


def _the_in_name(doc: Doc, start: int) -> bool:
    """A capital "The" mid-sentence before the name ("told The Independent", "magazine The List"): the
    article writes it as part of the title; after a capitalised word it may be headline case."""
    return start >= 2 and doc[start - 1].text == "The" and doc[start - 2].is_lower


def _entity(doc: Doc, text: str, group: Group) -> Entity:
    members = group.members
    labels = Counter(c.label for c in members)
    named = [c for c in members if c.alias is not None and not c.alias.demonym]
    forms = list(dict.fromkeys(doc[c.start : c.end].text for c in members))
    if named:
        name, type_ = named[0].alias.entry.name, named[0].alias.entry.type  # type: ignore[union-attr]
    elif group.key.startswith("person:"):
        name, type_ = _person_name(doc, text, members), "PERSON"
    else:
        name, type_ = max(forms, key=len), labels.most_common(1)[0][0]
        if type_ in TITLED_TYPES and any(_the_in_name(doc, c.start) for c in members):
            forms.append(f"The {name}")  # an alias: the name stays as other articles write it
    spans = [(c.start, c.end) for c in members] + group.extra
    mentions = sorted((_mention(doc, text, s, e) for s, e in spans), key=lambda m: m.start)
    entity_roles = list(dict.fromkeys(doc[c.role[0] : c.role[1]].text for c in members if c.role))
    entity_roles = [r for r in entity_roles if not roles.is_honorific(r)]
    return Entity(name=name, type=type_, aliases=forms, mentions=mentions, roles=entity_roles)


def _person_tokens(doc: Doc, cands: list[Candidate]) -> list[bool]:
    """Tokens of people's names and roles, where a role phrase cannot be another mention."""
    flags = [False] * len(doc)
    for cand in cands:
        if cand.label == "PERSON":
            for i in range(*(cand.role or (cand.start, cand.start))):
                flags[i] = True
            for i in range(cand.start, cand.end):
                flags[i] = True
    return flags


def _entities(doc: Doc, text: str, cands: list[Candidate]) -> tuple[list[Entity], dict[int, int]]:
    groups: dict[str, Group] = {}
    for cand in cands:
        groups.setdefault(cand.key, Group(cand.key)).members.append(cand)
    _role_mentions(doc, text, groups, _person_tokens(doc, cands))
    ordered = sorted(groups.values(), key=lambda g: min(c.start for c in g.members))
    entities = [_entity(doc, text, g) for g in ordered]
    entity_of_token: dict[int, int] = {}
    for index, group in enumerate(ordered):
        for cand in group.members:
            entity_of_token.update(dict.fromkeys(range(cand.start, cand.end), index))
    for index, group in enumerate(ordered):
        for start, end in group.extra:
            entity_of_token.update(dict.fromkeys(range(start, end), index))
        for cand in group.members:
            if cand.role:
                entity_of_token.update(dict.fromkeys(range(*cand.role), index))
    weights = [_salience(e.mentions, len(text)) for e in entities]
    total = sum(weights) or 1.0
    for entity, weight in zip(entities, weights, strict=True):
        entity.salience = round(weight / total, 4)
    return entities, entity_of_token


def _set_genders(doc: Doc, text: str) -> None:
    """Each person's gender and its evidence, decided in `gender.py` from the article's tokens."""
    entities = doc._.entities
    if not any(e.type == "PERSON" for e in entities):
        return
    starts = doc.to_array(IDX).astype(numpy.int64)
    quoted = numpy.zeros(len(doc), dtype=bool)
    for a, b in _quoted_ranges(text):
        quoted[numpy.searchsorted(starts, a) : numpy.searchsorted(starts, b)] = True
    for entity, found in zip(
        entities, person_genders(doc, entities, doc._.entity_of_token, quoted.tolist()), strict=True
    ):
        if entity.type == "PERSON":
            entity.gender, entity.gender_evidence = found.value, found.evidence


class NewsEntities:
    """The `news_entities` component; holds the gazetteer's phrase matcher built for the pipeline's vocab.

    Salience: each mention weighs 1 + (1 - its relative position in the text), so a thing named often and
    early scores high; an entity's salience is its share of all mention weight in the article (sums to 1).
    """

    def __init__(self, nlp: Language) -> None:
        self.matcher = GAZETTEER.matcher(nlp.vocab, nlp.tokenizer)

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        ner = _ner_candidates(doc, text)
        _with_name_s(doc, ner)
        _strip_titles(doc, ner)
        surnames, full = _surnames(doc, ner)
        multi = {name.split()[-1] for name in full}
        surnames -= _organisations_first(doc, ner, multi)
        cands = _reconcile(doc, ner, multi, self.matcher)
        cands = _with_branch_places(doc, cands)
        _with_station_words(doc, cands)
        _relabel_people(doc, cands, surnames, full)
        # a full name just relabelled ("Montell Figgins", typed ORG) lends its surname to the bare ones
        _relabel_people(doc, cands, *_surnames(doc, cands))
        cands += _named_by_kind(doc, cands)
        _vote_types(doc, cands)
        cands = _outside_furniture(doc, text, cands)
        cands += _bylines(doc, text, cands)
        in_entity = _in_entity(doc, cands)
        cands += _missed_people(doc, cands, surnames, in_entity)
        cands += _acronyms(doc, text, cands)
        cands = _without_common_abbreviations(doc, text, cands)
        cands = sorted((c for c in cands if c.start < c.end), key=lambda c: c.start)
        in_entity = _in_entity(doc, cands)
        _assign_roles(doc, cands, in_entity)
        _keys(doc, cands)
        cands = _unbacked_first_names(doc, cands)
        doc._.entities, doc._.entity_of_token = _entities(doc, text, cands)
        _set_genders(doc, text)
        return doc


@Language.factory(
    "news_entities",
    requires=["doc.ents", "token.dep"],
    assigns=["doc._.entities", "doc._.entity_of_token"],
)
def make_news_entities(nlp: Language, name: str) -> NewsEntities:
    """Build the component once per pipeline (the phrase matcher needs the pipeline's vocab)."""
    return NewsEntities(nlp)
