"""What extraction returns: plain, typed records with character offsets into the article text.

These are the only objects that cross from extraction into storage and the CLI; they know nothing of
spaCy, SQL or HTTP, so any stage can build, test or serialise them on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

QuoteKind = Literal["direct", "mixed", "indirect"]
ClaimKind = Literal["attributed", "statistic", "factual"]
Stance = Literal["asserts", "denies", "accuses", "alleges"]
EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "PRODUCT", "FAC", "WORK_OF_ART", "LAW"]


@dataclass(slots=True)
class TextSpan:
    """A piece of the article: `text == article_text[start:end]`."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Mention:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Entity:
    """One real-world thing within one article, with every surface form that names it."""

    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    salience: float = 0.0
    gender: str | None = None  # people only: "female", "male" or "unknown" (see `gender.py`)
    gender_evidence: str | None = None  # "honorific", "role", "pronoun" or "first_name"; None when unknown


@dataclass(slots=True)
class Speaker:
    """Who a quote or claim is attributed to: as written in the text, and resolved where possible.

    `entity` indexes `Extraction.entities`; `name` is that entity's canonical name, or None when
    the source is unnamed ("officials said") or could not be resolved.
    """

    text: str
    start: int
    end: int
    name: str | None = None
    entity: int | None = None


@dataclass(slots=True)
class Quote:
    text: str
    start: int
    end: int
    kind: QuoteKind
    cue: TextSpan | None = None
    speaker: Speaker | None = None
    channel: TextSpan | None = None


@dataclass(slots=True)
class Quantity:
    text: str
    start: int
    end: int
    value: float | list[float] | None
    unit: str | None = None
    approximate: bool = False


@dataclass(slots=True)
class Claim:
    text: str
    start: int
    end: int
    kind: ClaimKind
    stance: Stance = "asserts"
    claimant: Speaker | None = None
    quantities: list[Quantity] = field(default_factory=list)
    score: float = 0.0
    target: Speaker | None = None
    alleger: Speaker | None = None
    dates: list[str] = field(default_factory=list)
    cue: TextSpan | None = None  # the verb of an attributed claim, the same span as its quote's cue


@dataclass(slots=True)
class Extraction:
    """Everything read from one article."""

    quotes: list[Quote] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
