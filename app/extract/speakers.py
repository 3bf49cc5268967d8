"""Who a source phrase names: an entity of the article, through names, pronouns and role nouns.

The resolver is built once per Doc from the entities component's output (`doc._.entities`,
`doc._.entity_of_token`) and one pass over the tokens: where each person or organisation is mentioned outside
quotation marks, which pronouns follow each person (their grammatical gender), and how the article describes
them ("Syria's Ambassador to Russia Riad Haddad" -> ambassador, Syria). Attributions are then resolved in
reading order, so a pronoun can fall back on the previous quote's speaker as news paragraphs do.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import numpy
from spacy.attrs import IS_TITLE, POS
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Token

from app.extract.bylines import byline_names
from app.extract.cues import CIRCUMSTANCE_ENTS, inverted_cue, is_cue_word
from app.extract.datafiles import rows
from app.extract.doctext import text_of
from app.extract.entities import surname
from app.extract.gazetteer import GAZETTEER, is_demonym
from app.extract.gender import FEMALE, MALE, gender_letter
from app.extract.records import Entity, Speaker
from app.extract.roles import QUALIFIERS

PLURAL = {"they", "them", "their"}
NEUTER = {"it", "its"}
FIRST_PERSON = {"i", "we", "me", "us", "you"}
AUTHOR_PRONOUNS = {"i", "me"}  # outside quotation marks, the bylined author's
SPEAKING_TYPES = {"PERSON", "ORG", "GPE", "NORP"}
NEUTER_SPEAKERS = {"ORG", "GPE"}
PERSON_KINDS = {"person", "office", "age"}  # role nouns that stand for a named person (`role_nouns.txt`)
ORG_KINDS = {"org", "body", "voice"}  # and for an organisation
CLAUSE_NOUN_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp"}  # a clause inside a noun phrase
PHRASE_RIGHT_DEPS = {"prep", "pobj", "compound", "flat", "conj", "cc", "nummod", "poss", "amod"}
MODIFIER_DEPS = {"amod", "compound", "poss", "nmod"}
DEFINITE = {"the", "this", "that"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
NAME_PART_DEPS = {"compound", "appos", "flat", "nmod", "amod"}
OWNER_PREPOSITIONS = {"for", "of", "at", "to", "from", "with"}
INDEFINITE_KINDS = {"spokes", "unnamed"}  # "a spokesman for X", "officials at X" speak for X


@dataclass(frozen=True, slots=True)
class Role:
    kind: str
    group: frozenset[str]


@cache
def role_nouns() -> dict[str, Role]:
    """`role_nouns.txt`: each word to its kind and synonym group, read once per process."""
    roles: dict[str, Role] = {}
    for kind, *words in rows("role_nouns.txt"):
        role = Role(kind, frozenset(words))
        for word in words:
            roles.setdefault(word, role)
    return roles


@cache
def parties() -> dict[str, int]:
    """`parties.txt`: each word to the line of its party, read once per process."""
    return {word: number for number, words in enumerate(rows("parties.txt")) for word in words}


def _same_place(modifier: str, word: str) -> bool:
    """A demonym and its country share their stem: Syrian~Syria, Russian~Russia, American~America."""
    return modifier == word or (len(modifier) > 4 and len(word) > 4 and modifier[:4] == word[:4])


def _describes(modifier: str, word: str) -> bool:
    """A role noun's modifier fits a word the article used for the entity: the same place or party."""
    party = parties().get(modifier)
    return _same_place(modifier, word) or (party is not None and parties().get(word) == party)


def _other_party(modifiers: set[str], words: set[str]) -> bool:
    """ "The Democratic nominee" cannot be a person the article calls a Republican (and not a Democrat)."""
    named = {parties()[m] for m in modifiers if m in parties()}
    known = {parties()[w] for w in words if w in parties()}
    return bool(named and known) and not named & known


def _nominal(head: Token) -> bool:
    """An adjective standing for a person: "the 30-year-old said"."""
    return head.pos_ == "ADJ" and any(c.dep_ == "det" for c in head.children)


def _nationality(head: Token) -> Role | None:
    """ "the American", "the Moroccan": a person of that country, read like a role noun the article may have
    used for someone ("American Andy Roddick"); "Mexicans say" is a group, never resolved."""
    if not is_demonym(head.text):
        return None
    if head.tag_ in {"NNS", "NNPS"}:
        return Role("unnamed", frozenset())
    return Role("person", frozenset({head.lower_})) if any(c.dep_ == "det" for c in head.children) else None


def _modifiers(head: Token) -> set[str]:
    """The lowercase modifiers of a role noun ("the Syrian envoy" -> syrian)."""
    return {c.lower_ for c in head.children if c.dep_ in MODIFIER_DEPS}


def _role_of(head: Token) -> Role | None:
    return _nationality(head) or role_nouns().get(head.lower_)


def _another_holder(role: Role, modifiers: set[str], titles: list[str]) -> bool:
    """ "The chancellor" is not the person titled "shadow chancellor", "the secretary" not the "former
    Secretary of State", unless the role noun says so too, or another of the person's titles is plain."""
    qualified = plain = False
    for title in titles:
        words = set(title.lower().split())
        if words & role.group:
            if (words & QUALIFIERS) - modifiers:
                qualified = True
            else:
                plain = True
    return qualified and not plain


def _entity_words(entity: Entity) -> set[str]:
    """The lowercase words of all the entity's names."""
    return {w.lower() for name in (entity.name, *entity.aliases) for w in name.split()}


def _named_as(entity: Entity, role: Role) -> bool:
    """Whether one of the entity's names carries a word of the role ("Supreme Court" for "the court")."""
    return bool(_entity_words(entity) & role.group)


def _joined(noun: Token) -> bool:
    """ "X and Y were ...", "the athlete and team-mates X, Y and Z": a noun phrase that joins several people
    (an "and" inside a relative clause, "X, who won in 2003 and 2004", does not)."""
    stack = list(noun.children)
    while stack:
        token = stack.pop()
        if token.dep_ in {"cc", "conj"}:
            return True
        if token.dep_ not in CLAUSE_NOUN_DEPS:
            stack.extend(token.children)
    return False


def _reported(token: Token) -> bool:
    """Whether a word lies in what a verb of saying reports ("Roe says that Doe and herself are ..."): a
    subject there is the reported clause's, not a lead subject of the narration."""
    node = token
    while node.head.i != node.i:
        if node.dep_ == "ccomp" and is_cue_word(node.head):
            return True
        node = node.head
    return False


def _in_subject(token: Token) -> bool:
    """A name that is, or is part of, a clause's subject ("telecoms firm NTL blamed", "OneTel ads were")."""
    while token.dep_ in NAME_PART_DEPS and token.head.i != token.i:
        token = token.head
    return token.dep_ in SUBJECT_DEPS


def _owners(head: Token) -> list[Token]:
    """Whom a spokesperson speaks for, as written: "X's spokeswoman", "a Labour spokesman", "a spokesman for
    X"."""
    found = [
        c
        for c in head.children
        if c.dep_ == "poss" or (c.dep_ in MODIFIER_DEPS and (c.pos_ == "PROPN" or c.is_title))
    ]
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in OWNER_PREPOSITIONS:
            found += [g for g in child.children if g.dep_ == "pobj"]
    return found


def _description_of(head: Token) -> Token | None:
    """ "royal commentator and historian Jane Roe said": bare singular common nouns joined by "and" to a
    name describe that one person (the parser reads two subjects, the NER may take the first words for an
    organisation); the name is the source."""
    if head.tag_ != "NN" or any(c.dep_ in {"det", "poss"} for c in head.children):
        return None
    names = [c for c in head.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
    return names[0] if len(names) == 1 else None


def _owner_of_common_noun(token: Token) -> bool:
    """A name compounded into a determined common noun ("the United boss", "the Arsenal striker") says whom
    the noun's person belongs to; the noun does not describe the name."""
    head = token.head
    return (
        token.dep_ == "compound"
        and token.i < head.i
        and head.pos_ == "NOUN"
        and any(c.dep_ == "det" for c in head.children)
    )


def _institution(head: Token, role: Role) -> bool:
    """ "the Scottish Executive": a person's role noun capitalised mid-sentence after a capitalised word is an
    institution's name (an office keeps its capital as a title: "the Russian President")."""
    return (
        role.kind == "person"
        and head.is_title
        and not head.is_sent_start
        and any(c.dep_ in {"compound", "amod"} and c.is_title for c in head.children)
    )


def _other_nation(role: Role, words: set[str]) -> bool:
    """ "said the Swiss" is not someone the article calls Swedish or a Dutchman."""
    if len(role.group) != 1 or not is_demonym(own := next(iter(role.group)).title()):
        return False
    nation = GAZETTEER.lookup(own).entry.name
    return any(
        (alias := GAZETTEER.lookup(w.title())) is not None and alias.demonym and alias.entry.name != nation
        for w in words
    )


def _other_office(role: Role, words: set[str]) -> bool:
    """ "The prime minister" is not a person the article calls the home secretary: one office-holder is not
    the unnamed holder of another office."""
    return role.kind == "office" and any(
        (other := role_nouns().get(word)) is not None and other.kind == "office" and other is not role
        for word in words
    )


def _title_groups(role: Role, modifiers: set[str]) -> list[frozenset[str]]:
    """ "The attorney general", "the director general": a person noun before the head makes one title with
    it, held only by someone the article described with that noun too (never a general, nor the person in
    focus). The synonym groups of such nouns."""
    groups = (role_nouns().get(m) for m in modifiers)
    return [
        other.group for other in groups if other is not None and other.kind == "person" and other is not role
    ]


def _phrase_end(head: Token) -> int:
    """Right end of a speaker phrase: the head and its adjacent modifiers, without clauses or appositions."""
    end = head.i + 1
    for child in head.rights:
        if child.dep_ not in PHRASE_RIGHT_DEPS or child.left_edge.i != end:
            break
        if child.dep_ == "prep" and any(g.ent_type_ in CIRCUMSTANCE_ENTS for g in child.children):
            break  # "Alden on Tuesday announced": when, not who
        end = child.right_edge.i + 1
    return end


def _phrase_start(head: Token) -> int:
    start = head.i
    for child in reversed(list(head.lefts)):
        hyphen = child.text == "-" and not child.whitespace_  # "the 30-year-old"
        if (child.dep_ == "punct" and not hyphen) or child.right_edge.i != start - 1:
            break
        if child.is_sent_start and inverted_cue(child.text):  # "Said Jane Doe:" parsed as one name
            break
        start = child.left_edge.i
    return start


def _voices(head: Token) -> list[Token]:
    """Who a voice noun speaks for: "the Trump campaign", "Obama's statement", "a report by Politico", "a
    speech Mrs. Clinton delivered", "an analysis released by the Department of Veterans Affairs"."""
    found = [c for c in head.children if c.dep_ in MODIFIER_DEPS]
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in {"by", "from", "of"}:
            found += [g for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ in {"relcl", "acl"}:
            for part in child.children:
                if part.dep_ == "nsubj":
                    found.append(part)
                elif part.dep_ == "agent":
                    found += [g for g in part.children if g.dep_ == "pobj"]
    return found


def _proper_name(head: Token) -> str:
    """A name the entity component did not catch, as written: the head with its proper-noun compounds, and
    a proper noun joined by "of" or "for" ("Club for Growth")."""
    start = head.i
    for child in reversed(list(head.lefts)):
        if child.dep_ != "compound" or child.pos_ != "PROPN" or child.i != start - 1:
            break
        start = child.i
    end = head.i + 1
    prep = next(head.rights, None)
    if prep is not None and prep.i == end and prep.dep_ == "prep" and prep.lower_ in {"of", "for"}:
        named = [g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "PROPN" and g.is_title]
        if named and named[0].left_edge.i == prep.i + 1 and named[0].right_edge.i == named[0].i:
            end = named[0].i + 1
    return head.doc[start:end].text


def written(head: Token) -> tuple[int, int]:
    """Token range of the source as written: "Russian President Vladimir Putin", "the Syrian envoy"."""
    return _phrase_start(head), _phrase_end(head)


@dataclass(slots=True)
class Speakers:
    """Resolves source phrases of one Doc to its entities; call `resolve` in reading order."""

    doc: Doc
    quoted: list[bool]
    entities: list[Entity] = field(init=False)
    entity_of: dict[int, int] = field(init=False)
    mentions: list[int] = field(init=False, default_factory=list)
    mention_entity: list[int] = field(init=False, default_factory=list)
    gender: dict[int, str] = field(init=False, default_factory=dict)
    descriptors: dict[int, set[str]] | None = field(init=False, default=None)
    previous: Speaker | None = field(init=False, default=None)
    previous_at: int = field(init=False, default=-1)
    author: int | None = field(init=False, default=None)
    author_read: bool = field(init=False, default=False)
    previous_spokes: bool = field(init=False, default=False)
    text: str = field(init=False, default="")

    def __post_init__(self) -> None:
        self.text = text_of(self.doc)
        self.entities = self.doc._.entities or []
        self.entity_of = dict(self.doc._.entity_of_token or {})
        self._link_surnames()
        self._index_mentions()

    def _link_surnames(self) -> None:
        """Proper nouns the NER missed ("Riad Haddad", "Petrides said") join the person whose surname they end
        with."""
        surnames: dict[str, int] = {}
        for index, entity in enumerate(self.entities):
            if entity.type == "PERSON":
                for alias in (entity.name, *entity.aliases):
                    surnames.setdefault(surname(alias), index)
        if not surnames:
            return
        table = self.doc.to_array([POS, IS_TITLE])
        # a capitalised word the tagger took for a common noun counts too: mid-sentence ("Petrides said"), or
        # opening one as its subject ("Fields said", a surname read as a plural noun)
        named = (table[:, 0] == PROPN) | ((table[:, 0] == NOUN) & (table[:, 1] == 1))
        for i in numpy.flatnonzero(named).tolist():
            token = self.doc[i]
            if i in self.entity_of or (
                token.pos_ == "NOUN" and token.is_sent_start and token.dep_ not in SUBJECT_DEPS
            ):
                continue
            index = surnames.get(token.text)
            if index is not None:
                self.entity_of[i] = index

    def _index_mentions(self) -> None:
        """Mentions outside quotes, in order; each person's gender is the one `gender.py` gave the entity."""
        for i in sorted(self.entity_of):
            index = self.entity_of[i]
            if self.quoted[i]:
                continue
            if not self.mentions or self.mention_entity[-1] != index or self.mentions[-1] != i - 1:
                self.mentions.append(i)
                self.mention_entity.append(index)
            else:
                self.mentions[-1] = i
        self.gender = {
            i: letter for i, entity in enumerate(self.entities) if (letter := gender_letter(entity))
        }

    def _speaker(self, start: int, end: int, index: int | None) -> Speaker:
        span = self.doc[start:end]
        name = self.entities[index].name if index is not None else None
        return Speaker(span.text, span.start_char, span.end_char, name, index)

    def _named(self, head: Token, start: int, end: int) -> int | None:
        """The entity the phrase names: its head, a name it carries, or a name in apposition."""
        described = _description_of(head)
        person = self.entity_of.get(described.i) if described is not None else None
        if person is not None and self.entities[person].type == "PERSON":
            return person
        index = self.entity_of.get(head.i)
        if index is not None and self.entities[index].type in SPEAKING_TYPES:
            return index
        role = role_nouns().get(head.lower_)
        candidates = [c for c in head.children if c.dep_ == "appos"]
        if head.pos_ != "PROPN":
            candidates += self._appositions_past_a_name(head)
        if head.pos_ == "PROPN":
            candidates += [self.doc[i] for i in range(end - 1, start - 1, -1)]
        elif role and role.kind == "voice":
            candidates += _voices(head) or self._earlier_voices(head)
        for token in candidates:
            index = self.entity_of.get(token.i)
            if index is not None and self.entities[index].type in {"PERSON", "ORG"}:
                return index
        if role and role.kind == "voice":  # "a statement from the phone firm": the firm's
            for token in candidates:
                owner = _role_of(token) if token.pos_ == "NOUN" else None
                if owner is not None and owner.kind in ORG_KINDS | PERSON_KINDS:
                    return self._role(token)
        return None

    def _earlier_voices(self, head: Token) -> list[Token]:
        """ "The report said": the document is the one the article introduced earlier with its author ("a
        report by the safety board", "the board's 35-page report")."""
        if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in head.children):
            return []
        for token in reversed(self.doc[: head.i]):
            if token.lemma_ == head.lemma_ and token.pos_ == "NOUN" and (found := _voices(token)):
                return found
        return []

    def _appositions_past_a_name(self, head: Token) -> list[Token]:
        """ "His partner at Lenox, Lawrence Cummings, said": the parser hangs the person on the company named
        in the head's modifier, but a person cannot stand in apposition to a company or a place, so he is the
        head's. (After a common noun, "the wife of the senator, Ed Kay", the person stays the senator's.)"""
        found = []
        for prep in head.rights:
            if prep.dep_ != "prep":
                continue
            for named in prep.children:
                owner = self.entity_of.get(named.i)
                if named.dep_ != "pobj" or owner is None or self.entities[owner].type == "PERSON":
                    continue
                found += [c for c in named.children if c.dep_ == "appos"]
        return [
            c
            for c in found
            if (i := self.entity_of.get(c.i)) is not None and self.entities[i].type == "PERSON"
        ]

    def _recent(self, before: int, accept, subject_after: int | None = None) -> int | None:
        """The latest mention before token `before` whose entity passes `accept`."""
        at = bisect_left(self.mentions, before) - 1
        while at >= 0:
            position = self.mentions[at]
            if subject_after is not None and position <= subject_after:
                return None
            index = self.mention_entity[at]
            if accept(index) and (subject_after is None or self._free_subject(self.doc[position])):
                return index
            at -= 1
        return None

    def _free_subject(self, token: Token) -> bool:
        """A subject of the narration, alone: not one of several joined by "and", nor in reported words."""
        return token.dep_ in SUBJECT_DEPS and not _joined(token) and not _reported(token)

    def _paragraph_start(self, i: int) -> int:
        """The character offset where token `i`'s paragraph (a line of the article) starts."""
        return self.text.rfind("\n", 0, self.doc[i].idx) + 1

    def _paragraph_mentions(self, before: int) -> list[tuple[int, int]]:
        """(token, entity) of the mentions in token `before`'s paragraph that precede it, latest first."""
        start = self._paragraph_start(before)
        found = []
        for at in range(bisect_left(self.mentions, before) - 1, -1, -1):
            position = self.mentions[at]
            if self.doc[position].idx < start:
                break
            found.append((position, self.mention_entity[at]))
        return found

    def _paragraph_person(self, before: int, accept: Callable[[int], bool]) -> int | None:
        """A new paragraph that names one fitting person before the pronoun is about that person, not about
        the speaker of a quote in an earlier paragraph ("The claims were put to Wenger ... he said")."""
        if self.previous_at < 0 or self.doc[self.previous_at].idx >= self._paragraph_start(before):
            return None
        named = {index for _, index in self._paragraph_mentions(before) if accept(index)}
        if len(named) > 1:  # a word the entities took for a person ("at Bolton") has no known gender
            named = {index for index in named if index in self.gender}
        return named.pop() if len(named) == 1 else None

    def _mention_root(self, position: int) -> Token:
        """The word of a mention that hangs outside it ("News" of "Independent News & Media")."""
        token = self.doc[position]
        index = self.entity_of.get(position)
        while token.head.i != token.i and self.entity_of.get(token.head.i) == index:
            token = token.head
        return token

    def _paragraph_body(self, before: int) -> Token | None:
        """The organisation a paragraph is about: the latest one named there as (part of) a subject, an
        organisation of the article's or a proper name the entities missed that a company noun describes
        ("telecommunications firm NTL blamed ...")."""
        start = self._paragraph_start(before)
        at = before - 1
        while at >= 0 and self.doc[at].idx >= start:
            token = self.doc[at]
            index = self.entity_of.get(at)
            if index is not None and self.entities[index].type == "ORG":
                if _in_subject(self._mention_root(at)):
                    return token
            elif index is None and token.pos_ == "PROPN" and not self.quoted[at] and _in_subject(token):
                roles = (role_nouns().get(n.lower_) for n in (token.head, *token.children))
                if any(role is not None and role.kind == "org" for role in roles):
                    return token
            at -= 1
        return None

    def _spoken_for(self, head: Token) -> int | None:
        """ "A spokesman for X", "X's spokeswoman", "a Labour spokesman": X; with no owner written, the
        organisation the paragraph is about, if any."""
        owners = _owners(head)
        for owner in owners:
            if owner.pos_ == "PRON":
                index = self._pronoun(owner)
            else:
                span = range(owner.left_edge.i, owner.right_edge.i + 1)
                index = next((self.entity_of[i] for i in span if i in self.entity_of), None)
            if index is not None and self.entities[index].type in SPEAKING_TYPES:
                return index
        if owners:
            return None
        body = self._paragraph_body(head.i)
        return self.entity_of.get(body.i) if body is not None else None

    def _person_fits(self, gender: str):
        def accept(index: int) -> bool:
            entity = self.entities[index]
            return entity.type == "PERSON" and self.gender.get(index, gender) == gender

        return accept

    def _pronoun(self, token: Token) -> int | None:
        """He/she: a subject named since the last quote, else that quote's speaker, else the latest person.
        It/they: the same for an organisation (or, for "it", a country: "China said it ...")."""
        lower = token.lower_
        if lower in MALE or lower in FEMALE:
            accept = self._person_fits("m" if lower in MALE else "f")
            since = self._lead_subject(token.i, accept)
            if since is None:
                since = self._recent(token.i, accept, subject_after=self.previous_at)
            if since is not None:
                return since
            if self.previous_spokes and self.previous is not None and self.previous.entity is not None:
                return self.previous.entity  # "A Labour spokesman denied it. \"...,\" he said."
            since = self._paragraph_person(token.i, accept)
            if since is not None:
                return since
            if (
                self.previous is not None
                and self.previous.entity is not None
                and accept(self.previous.entity)
            ):
                return self.previous.entity
            found = self._recent(token.i, accept)
            if found is not None:
                return found
            return self._recent(token.i, lambda i: self.entities[i].type == "PERSON")
        if lower in PLURAL or lower in NEUTER:
            kinds = NEUTER_SPEAKERS if lower in NEUTER else {"ORG"}
            since = self._recent(
                token.i, lambda i: self.entities[i].type in kinds, subject_after=self.previous_at
            )
            if since is not None:
                return since
            previous = self.previous.entity if self.previous is not None else None
            if previous is not None and self.entities[previous].type in kinds:
                return previous
            return self._recent(token.i, lambda i: self.entities[i].type == "ORG")
        return None

    def _describe(self) -> dict[int, set[str]]:
        """Words the article uses to describe each entity, from its roles and the phrases around its names."""
        found: dict[int, set[str]] = {}
        for index, entity in enumerate(self.entities):
            found[index] = {w.lower() for role in entity.roles for w in role.split()}
        for position, index in zip(self.mentions, self.mention_entity, strict=True):
            words = found[index]
            token = self._mention_head(position, index)
            name_head = token
            for _ in range(3):
                for child in token.children:
                    if child.dep_ in MODIFIER_DEPS and self.entity_of.get(child.i) != index:
                        words.add(child.lower_)
                        words.update(g.lower_ for g in child.children if g.dep_ in MODIFIER_DEPS)
                if _owner_of_common_noun(token):  # "the United boss" is United's boss, not United
                    break
                if token.dep_ == "appos" or (
                    token.dep_ in {"compound", "pobj", "prep"} and token.head.pos_ != "VERB"
                ):
                    token = token.head
                    if self.entity_of.get(token.i) != index:
                        words.add(token.lower_)
                    continue
                break
            for child in name_head.children:
                if child.dep_ == "appos":
                    words.add(child.lower_)
                    words.update(c.lower_ for c in child.children if c.dep_ in MODIFIER_DEPS)
        return found

    def _mention_head(self, position: int, index: int) -> Token:
        """The syntactic head of the name ending at `position`: "Independent News & Media" ends on "Media",
        a conjunct of "News", which carries the name's description ("publishing group")."""
        token = self.doc[position]
        while token.head.i < token.i and self.entity_of.get(token.head.i) == index:
            token = token.head
        return token

    def _role(self, head: Token) -> int | None:
        """ "The Syrian envoy", "a spokesman for X", "the company": the entity a role noun stands for, by the
        rule of its kind (`ROLE_RULES`). Only a definite noun ("the", a possessive, or a bare capitalised
        person noun in the headline) stands for someone, except a spokesperson, who speaks for an owner."""
        role = _role_of(head)
        if role is None or role.kind not in ROLE_RULES or _institution(head, role):
            return None
        definite = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in head.children)
        headline = not definite and role.kind in PERSON_KINDS and self._headline(head)
        if not (definite or headline or role.kind in INDEFINITE_KINDS):
            return None
        return ROLE_RULES[role.kind](self, head, role, headline)

    def _spokesperson(self, head: Token, role: Role, headline: bool) -> int | None:
        return self._spoken_for(head)

    def _insider(self, head: Token, role: Role, headline: bool) -> int | None:
        """ "officials at the ministry", "advisers to Mr. Obama", "White House aides": an unnamed source
        speaks for the body or person written with it; alone ("officials said") it stands for no one."""
        for owner in _owners(head):
            index = self._pronoun(owner) if owner.pos_ == "PRON" else self._entity_in(owner)
            if index is not None and self.entities[index].type in SPEAKING_TYPES:
                return index
        return None

    def _entity_in(self, phrase: Token) -> int | None:
        """The entity named in a phrase ("the Department of Energy"), its first."""
        span = range(phrase.left_edge.i, phrase.right_edge.i + 1)
        return next((self.entity_of[i] for i in span if i in self.entity_of), None)

    def _government(self, head: Token, role: Role, headline: bool) -> int | None:
        return self._state(head)

    def _aged(self, head: Token, role: Role, headline: bool) -> int | None:
        """ "the 30-year-old": the person in focus, never matched to another age."""
        if self.descriptors is None:
            self.descriptors = self._describe()
        return self._prominent_person(head, role, _modifiers(head))

    def _person(self, head: Token, role: Role, headline: bool) -> int | None:
        """ "the envoy", "the coach": the person the article described so, else the person in focus (not
        for a compound title, "the attorney general", which only someone described with both nouns holds)."""
        best, owned = self._described(head, role, headline)
        if best is not None or owned:
            return best
        modifiers = _modifiers(head)
        return None if _title_groups(role, modifiers) else self._prominent_person(head, role, modifiers)

    def _organisation(self, head: Token, role: Role, headline: bool) -> int | None:
        """ "the company": the organisation the article described so, else the last one named as a subject,
        else the last one named."""
        best, owned = self._described(head, role, headline)
        if best is not None or owned:
            return best
        subject = self._recent_subject(head.i, "ORG")
        if subject is not None:
            return subject
        return self._recent(head.i, lambda i: self.entities[i].type == "ORG")

    def _body(self, head: Token, role: Role, headline: bool) -> int | None:
        """ "the commission": only an organisation whose name says what it is (European Commission)."""
        best, owned = self._described(head, role, headline)
        if best is not None or owned:
            return best
        return self._recent(
            head.i, lambda i: self.entities[i].type == "ORG" and _named_as(self.entities[i], role)
        )

    def _voice(self, head: Token, role: Role, headline: bool) -> int | None:
        """ "the campaign": an organisation the article described so (whose campaign is read by `_named`)."""
        return self._described(head, role, headline)[0]

    def _described(self, head: Token, role: Role, headline: bool) -> tuple[int | None, bool]:
        """The entity of the wanted type the article described with a synonym of the noun, matching
        modifiers first, then the noun itself (the latest such, or in a headline the first), and whether the
        noun has an owner ("Pagliano's lawyer": only someone described for that owner is it)."""
        if self.descriptors is None:
            self.descriptors = self._describe()
        modifiers = _modifiers(head)
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        owner_words = self._owner_words(owner) if owner is not None else None
        titled = _title_groups(role, modifiers)
        best, best_key = None, None
        wanted = "ORG" if role.kind in ORG_KINDS else "PERSON"
        reach = len(self.mentions) if headline else bisect_left(self.mentions, head.i)
        for at in range(reach - 1, -1, -1):
            index = self.mention_entity[at]
            if self.entities[index].type != wanted:
                continue
            words = self.descriptors.get(index, set())
            if not words & role.group or _other_party(modifiers, words) or any(not words & g for g in titled):
                continue
            if _another_holder(role, modifiers, self.entities[index].roles):
                continue
            if owner_words is not None and not words & owner_words:
                continue
            score = sum(any(_describes(m, w) for w in words) for m in modifiers)
            # the article's own word for it ("the group" after "publishing group X") before a synonym
            key = (score, head.lower_ in words, -self.mentions[at] if headline else self.mentions[at])
            if best_key is None or key > best_key:
                best, best_key = index, key
        return best, owner is not None

    def _recent_subject(self, before: int, kind: str) -> int | None:
        """The latest entity of type `kind` named as (part of) a clause's subject before token `before`."""
        at = bisect_left(self.mentions, before) - 1
        while at >= 0:
            index = self.mention_entity[at]
            if self.entities[index].type == kind and _in_subject(self._mention_root(self.mentions[at])):
                return index
            at -= 1
        return None

    def _state(self, head: Token) -> int | None:
        """ "the Saudi government", "Britain's government": the country its modifier names (in the gazetteer,
        so "the new government" is no New Zealand's), if the article names it; a bare "the government" is left
        unresolved rather than pinned on the last organisation."""
        places = {
            alias.entry.name
            for c in head.children
            if c.dep_ in MODIFIER_DEPS and c.is_title and (alias := GAZETTEER.lookup(c.text)) is not None
        }
        for at in range(bisect_left(self.mentions, head.i) - 1, -1, -1):
            index = self.mention_entity[at]
            if self.entities[index].type == "GPE" and self.entities[index].name in places:
                return index
        return None

    def _owner_words(self, owner: Token) -> set[str]:
        """ "Pagliano's lawyer", "his lawyer": a relation, so only someone described by the same owner is it.
        The owner's words, and the name words of the entity the owner (or the pronoun) stands for."""
        if owner.pos_ == "PRON":
            index, words = self._pronoun(owner), set()
        else:
            index, words = self.entity_of.get(owner.i), {t.lower_ for t in owner.subtree if t.dep_ != "case"}
        if index is not None:
            words |= _entity_words(self.entities[index])
        return words

    def _headline(self, head: Token) -> bool:
        """A bare capitalised role noun in the article's first line ("Senator from Texas says ..."): headlines
        drop the article, so the noun is as definite as "the senator"."""
        first_line = self.text.find("\n")
        return (
            head.is_title
            and (first_line < 0 or head.idx < first_line)
            and not any(c.dep_ == "det" for c in head.children)
        )

    def _lead_subject(self, before: int, accept: Callable[[int], bool]) -> int | None:
        """The latest person named, since the cue of the last speaker resolved, as the subject of a sentence's
        main verb ("Roddick was left frustrated ... \"...,\" said the American"); a subject inside a
        subordinate clause, or one of several joined by "and", is not."""
        at = bisect_left(self.mentions, before) - 1
        while at >= 0 and self.mentions[at] > self.previous_at:
            subject = self.doc[self.mentions[at]]
            if subject.dep_ == "appos":  # "The candidate's wife Melania Trump brought ..."
                subject = subject.head
            verb = subject.head
            main = verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
            alone = not _joined(subject)
            if subject.dep_ in {"nsubj", "nsubjpass"} and main and alone and accept(self.mention_entity[at]):
                return self.mention_entity[at]
            at -= 1
        return None

    def _prominent_person(self, head: Token, role: Role, modifiers: set[str]) -> int | None:
        """A definite role noun the article never spelled out ("the New York businessman"): news uses one for
        the person in focus: the person last named as a main clause's subject since the last quote, else
        that quote's speaker, unless that speaker's own sentence holds the noun ("the senator called on them
        to drop Trump after the mogul claimed ..."); else the most prominent person named so far. Never
        someone of another party or, for an office, someone holding another office or a shadow title."""
        previous = self.previous.entity if self.previous is not None else None
        same_phrase = self.previous is not None and self.previous.start == self.doc[written(head)[0]].idx
        same_sentence = self.previous_at >= 0 and self.doc[self.previous_at].sent.start == head.sent.start
        usable = same_phrase or not same_sentence

        def fits(index: int) -> bool:
            words = (self.descriptors or {}).get(index, set())
            return (
                self.entities[index].type == "PERSON"
                and not _other_party(modifiers, words)
                and not _other_office(role, words)
                and not _other_nation(role, words)
                and not _another_holder(role, modifiers, self.entities[index].roles)
            )

        if not same_sentence and (subject := self._lead_subject(head.i, fits)) is not None:
            return subject
        if previous is not None and fits(previous) and usable:
            return previous
        named = set(filter(fits, set(self.mention_entity[: bisect_left(self.mentions, head.i)])))
        named.discard(previous if same_sentence else None)
        if not named:
            return self._introduced_next(head, fits)
        return max(named, key=lambda i: self.entities[i].salience, default=None)

    def _introduced_next(self, head: Token, fits: Callable[[int], bool]) -> int | None:
        """A news lead that opens on a description ("The sports minister at the centre of the row says ...")
        names the person in the next sentence, as its subject ("Jane Roe claims ..."): with nobody named
        before it, the role noun is that person."""
        following = head.sent.end
        for at in range(bisect_left(self.mentions, following), len(self.mentions)):
            token = self.doc[self.mentions[at]]
            if token.sent.start != following:
                return None
            index = self.mention_entity[at]
            if fits(index) and self._free_subject(self._mention_root(self.mentions[at])):
                return index
        return None

    def _unlisted_name(self, head: Token) -> str | None:
        """A proper name the entity component missed, as written: the head's ("Sen. Xavier Quux said"), or
        the one a voice noun speaks for ("a Times article", "a new report by Politico")."""
        role = _role_of(head)
        if role is not None and _institution(head, role):
            return _proper_name(head)
        if role is None:
            if head.pos_ == "PRON" or head.lower_ in FIRST_PERSON:  # "I said": a capital, not a name
                return None
            if (head.pos_ == "PROPN" or head.is_upper) and head.text[:1].isupper():  # "HuffPo", "NATO"
                return _proper_name(head)
            return None
        named = _voices(head) if role.kind == "voice" else []
        if role.kind == "spokes":
            body = self._paragraph_body(head.i) if not _owners(head) else None
            named = _owners(head) if body is None else [body]
        elif role.kind == "unnamed":
            named = _owners(head)
        if head.pos_ == "NOUN":
            for token in named:
                capital = token.is_title or token.is_upper
                if token.pos_ == "PROPN" and capital and token.i not in self.entity_of:
                    return _proper_name(token)
        return None

    def _author(self) -> int | None:
        """The article's one bylined author ("By Jane Roe"), whose "I" in the narration is the author's."""
        if not self.author_read:
            people = [(a, b) for a, b, kind in byline_names(self.text) if kind == "PERSON"]
            if len(people) == 1:
                span = self.doc.char_span(*people[0], alignment_mode="expand")
                self.author = self.entity_of.get(span.start) if span is not None else None
            self.author_read = True
        return self.author

    def resolve(self, head: Token, cue_at: int, remember: bool = True) -> Speaker:
        """The speaker of a source phrase headed by `head`; with `remember`, the previous speaker for the
        pronouns that follow."""
        start, end = written(head)
        lower = head.lower_
        if lower in FIRST_PERSON:  # the author's own "I" is no antecedent for the pronouns that follow
            author = self._author() if lower in AUTHOR_PRONOUNS and not self.quoted[head.i] else None
            return self._speaker(start, end, author)
        if head.pos_ == "PRON" and head.i in self.entity_of:
            index = self._named(head, start, end)  # a name the tagger took for a pronoun ("O’Malley notes")
        elif head.pos_ == "PRON":
            index = self._pronoun(head)
        elif _nationality(head) is not None:  # "said the American": a person, not the country
            index = self._role(head)
        else:
            index = self._named(head, start, end)
            if index is None and (head.pos_ in {"NOUN", "PROPN"} or _nominal(head)):
                index = self._role(head)
        speaker = self._speaker(start, end, index)
        if index is None:
            speaker.name = self._unlisted_name(head)
        if index is not None and remember:
            self.previous = speaker
            self.previous_at = cue_at
            role = role_nouns().get(lower)
            self.previous_spokes = role is not None and role.kind == "spokes"
        return speaker


RoleRule = Callable[[Speakers, Token, Role, bool], "int | None"]
# One rule per kind of role noun (`data/role_nouns.txt`).
ROLE_RULES: dict[str, RoleRule] = {
    "spokes": Speakers._spokesperson,
    "unnamed": Speakers._insider,
    "state": Speakers._government,
    "age": Speakers._aged,
    "person": Speakers._person,
    "office": Speakers._person,
    "org": Speakers._organisation,
    "body": Speakers._body,
    "voice": Speakers._voice,
}
