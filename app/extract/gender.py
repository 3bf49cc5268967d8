"""The gender of the people of one article: the one place that decides it, for entities and speakers alike.

The article's own evidence comes first: an honorific ("Mrs Roe"), a gendered role noun ("the actress",
"his wife Maggie"), the pronouns that follow the name. The first-name table speaks only where the article
says nothing conclusive (a single stray pronoun near a name is weaker than a first name nine babies in ten
of one sex are given). Where nothing shows it, a person's gender is "unknown", never a guess.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy
from spacy.attrs import LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc

from app.extract.records import Entity

MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
NAME_VOTES = 2  # a first name's say in a person's gender, against one per pronoun near the name
HONORIFIC = {
    "mr.": "m",
    "mr": "m",
    "sir": "m",
    "lord": "m",
    "mrs.": "f",
    "mrs": "f",
    "ms.": "f",
    "ms": "f",
    "miss": "f",
    "dame": "f",
    "lady": "f",
}
GENDER_WINDOW = 25  # tokens after a person's name within which a pronoun may refer to them
RECENT_PEOPLE = 6
APPOSITION_WINDOW = 4  # "Jane Roe, the actress": tokens after the comma searched for a role noun
WORDS = {"f": "female", "m": "male"}
FEMALE_WORD, MALE_WORD, UNKNOWN = "female", "male", "unknown"
HONORIFIC_EVIDENCE, ROLE_EVIDENCE, PRONOUN_EVIDENCE, NAME_EVIDENCE = (
    "honorific",
    "role",
    "pronoun",
    "first_name",
)


@dataclass(frozen=True, slots=True)
class Gender:
    """A person's gender ("female", "male", "unknown") and what showed it (None when unknown)."""

    value: str
    evidence: str | None = None


UNKNOWN_GENDER = Gender(UNKNOWN)


@cache
def first_names() -> dict[str, str]:
    """`first_names.tsv`: a first name to "m" or "f" where nine babies in ten given it were of that sex."""
    text = resources.files("app.extract").joinpath("data", "first_names.tsv").read_text(encoding="utf-8")
    return dict(line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))


@cache
def gendered_roles() -> dict[str, str]:
    """`gendered_roles.tsv`: a role noun that says its holder's gender, to "f" or "m"."""
    text = resources.files("app.extract").joinpath("data", "gendered_roles.tsv").read_text(encoding="utf-8")
    return dict(line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))


@cache
def _pronoun_hashes() -> numpy.ndarray:
    return numpy.array([hash_string(word) for word in MALE | FEMALE], dtype=numpy.uint64)


def gender_letter(entity: Entity) -> str | None:
    """ "f" or "m" for a person whose gender is known, the form pronoun agreement compares."""
    return {FEMALE_WORD: "f", MALE_WORD: "m"}.get(entity.gender or "")


def first_name_gender(name: str) -> str | None:
    """ "f" or "m" for a name whose first word the table knows."""
    words = name.split()
    return first_names().get(words[0].lower()) if words else None


def decide(honorifics: list[str], roles: list[str], male: int, female: int, first_name: str | None) -> Gender:
    """Honorifics, then role nouns, when they agree; then the pronouns with the first name's two votes."""
    for evidence, letters in ((HONORIFIC_EVIDENCE, honorifics), (ROLE_EVIDENCE, roles)):
        if letters and len(set(letters)) == 1:
            return Gender(WORDS[letters[0]], evidence)
    men = male + (NAME_VOTES if first_name == "m" else 0)
    women = female + (NAME_VOTES if first_name == "f" else 0)
    if men == women:
        return UNKNOWN_GENDER
    winner = "m" if men > women else "f"
    by_pronouns = (male > female and winner == "m") or (female > male and winner == "f")
    return Gender(WORDS[winner], PRONOUN_EVIDENCE if by_pronouns else NAME_EVIDENCE)


def _clause_mate(doc: Doc, mention: int, pronoun: int) -> bool:
    """ "McCaskill scolded him": a pronoun on the verb the name hangs on is someone else (only a reflexive may
    be the same person), so it says nothing of the name's gender."""
    token = doc[pronoun]
    return token.head.i == doc[mention].head.i and not token.lower_.endswith("self")


def _role_letters(doc: Doc, entity: Entity, starts: list[int], ends: list[int]) -> list[str]:
    """Gendered role nouns of a person: in their roles, right before a name ("actress Jane Roe", "his wife
    Maggie"), or in an apposition after it ("Jane Roe, the actress")."""
    table = gendered_roles()
    words = [role.split()[-1].lower() for role in entity.roles if role.split()]
    for start in starts:
        if start > 0:
            words.append(doc[start - 1].lower_)
    for end in ends:
        if end < len(doc) and doc[end].text == ",":
            for token in doc[end + 1 : end + 1 + APPOSITION_WINDOW]:
                if token.pos_ == "NOUN":
                    words.append(token.lower_)
                    break
    return [table[word] for word in words if word in table]


def person_genders(
    doc: Doc, entities: list[Entity], entity_of: dict[int, int], quoted: list[bool]
) -> list[Gender]:
    """The gender of every entity of `doc` (UNKNOWN for those that are not people), from one pass over the
    tokens: each person's mentions outside quotation marks, the honorific before them, the he/she pronouns
    within GENDER_WINDOW tokens of one person's name alone."""
    honorifics: dict[int, list[str]] = {}
    votes: dict[int, list[int]] = {}
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    last_person: list[tuple[int, int]] = []
    pronouns = numpy.flatnonzero(numpy.isin(doc.to_array(LOWER), _pronoun_hashes())).tolist()
    for i, named in sorted([(i, True) for i in entity_of] + [(i, False) for i in pronouns]):
        if named:
            index = entity_of[i]
            if quoted[i] or entities[index].type != "PERSON":
                continue
            last_person.append((i, index))
            start = i == 0 or entity_of.get(i - 1) != index
            if start:
                starts.setdefault(index, []).append(i)
            # "Mrs" may be the mention's first token (a title its role took in) or the token before it
            honorific = HONORIFIC.get(doc[i].lower_) or (
                HONORIFIC.get(doc[i - 1].lower_) if start and i else None
            )
            if honorific:
                honorifics.setdefault(index, []).append(honorific)
            if entity_of.get(i + 1) != index:
                ends.setdefault(index, []).append(i + 1)
            continue
        near = [e for at, e in last_person[-RECENT_PEOPLE:] if i - at <= GENDER_WINDOW]
        if near and len(set(near)) == 1 and not _clause_mate(doc, last_person[-1][0], i):
            votes.setdefault(near[0], [0, 0])[doc[i].lower_ in FEMALE] += 1
    out = []
    for index, entity in enumerate(entities):
        if entity.type != "PERSON":
            out.append(UNKNOWN_GENDER)
            continue
        male, female = votes.get(index, (0, 0))
        roles = _role_letters(doc, entity, starts.get(index, []), ends.get(index, []))
        name = first_name_gender(entity.name)
        out.append(decide(honorifics.get(index, []), roles, male, female, name))
    return out


STRONG_EVIDENCE = (HONORIFIC_EVIDENCE, ROLE_EVIDENCE, PRONOUN_EVIDENCE)


def combine(seen: list[Gender]) -> Gender:
    """One person's gender over many articles: the value most articles showed by their own evidence
    (honorific, role, pronoun); where none did, the first name's; a tie is unknown."""
    for kinds in (STRONG_EVIDENCE, (NAME_EVIDENCE,)):
        shown = [g for g in seen if g.evidence in kinds and g.value != UNKNOWN]
        votes = Counter(g.value for g in shown).most_common()
        if votes and (len(votes) == 1 or votes[0][1] > votes[1][1]):
            value = votes[0][0]
            evidence = Counter(g.evidence for g in shown if g.value == value).most_common(1)[0][0]
            return Gender(value, evidence)
        if votes:
            return UNKNOWN_GENDER
    return UNKNOWN_GENDER
