"""What the API returns: one public model per resource, with examples for the OpenAPI schema."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class TextSpanOut(BaseModel):
    text: str
    start: int
    end: int


class SearchHit(BaseModel):
    score: float
    snippet: str | None = Field(description="The matching passage, with matches in <mark>...</mark>.")


class SpeakerOut(BaseModel):
    """Who is quoted: `text` as the article writes it ("he", "the Syrian envoy"), `name` as resolved."""

    text: str | None = Field(description="The speaker as written in the article.")
    start: int | None = None
    end: int | None = None
    entity_id: int | None = Field(
        description="The resolved speaker's entity, or null when unnamed/unresolved."
    )
    name: str | None = Field(description="The resolved speaker's canonical name.")
    gender: Literal["female", "male", "unknown"] | None = Field(
        default=None, description="The resolved speaker's gender (people only; see /entities)."
    )


class QuoteOut(BaseModel):
    id: int
    article_id: int
    text: str = Field(description="The quoted or reported content, exactly as in the article text.")
    start: int = Field(
        description="Character offset of the content in the article text (Python string index)."
    )
    end: int = Field(description="End offset, exclusive.")
    kind: Literal["direct", "mixed", "indirect"]
    cue: TextSpanOut | None = Field(description='The verb or phrase that introduces the quote ("said").')
    speaker: SpeakerOut | None
    channel: str | None = Field(description='Who relayed the quote ("the ITAR-TASS news agency"), if anyone.')
    search: SearchHit | None = Field(default=None, description="With q=: relevance and the matching passage.")


class EntityOut(BaseModel):
    id: int
    name: str = Field(description="Canonical name.")
    type: str = Field(description="PERSON, ORG, GPE, LOC, NORP, ...")
    gender: Literal["female", "male", "unknown"] | None = Field(
        default=None,
        description="People only: female or male where an article showed it (an honorific, a role noun, "
        "pronouns) or, failing that, the first name did; else unknown. Null for non-people.",
    )
    gender_evidence: Literal["honorific", "role", "pronoun", "first_name"] | None = Field(
        default=None, description="What showed the gender; null when unknown."
    )
    aliases: list[str] = Field(description="Every surface form seen for this entity, in any article.")


class EntityDetail(EntityOut):
    roles: list[str] = Field(description='Roles the articles give it ("Russian President").')
    article_count: int
    quote_count: int = Field(description="Quotes attributed to this entity.")


class EntityCount(BaseModel):
    """An entity and how often it appears in what was asked about."""

    id: int
    name: str
    type: str
    count: int = Field(description="Mentions of this entity inside the speaker's quotes.")


class Totals(BaseModel):
    articles: int
    quotes: int
    entities: int
    claims: int
    first_published: date | None = Field(description="The earliest publication date stored.")
    last_published: date | None = Field(description="The latest publication date stored.")


class ArticleEntityOut(BaseModel):
    """An entity as it appears in one article."""

    id: int
    name: str
    type: str
    mention_count: int
    salience: float
    roles: list[str]
    gender: Literal["female", "male", "unknown"] | None = Field(
        default=None, description="People only: the gender this article showed."
    )
    gender_evidence: Literal["honorific", "role", "pronoun", "first_name"] | None = None
    mentions: list[TextSpanOut]


class ClaimantOut(BaseModel):
    text: str | None
    entity_id: int | None
    name: str | None


class ClaimOut(BaseModel):
    id: int
    article_id: int
    text: str
    start: int
    end: int
    kind: Literal["attributed", "statistic", "factual"]
    stance: Literal["asserts", "denies", "accuses", "alleges"]
    claimant: ClaimantOut | None = Field(description="Who makes the claim; null means the article itself.")
    target: ClaimantOut | None = Field(description="Whom an accusation targets.")
    alleger: str | None = Field(description="Who made the allegation that a denial rejects, as written.")
    score: float = Field(description="Check-worthiness in [0, 1].")
    quantities: list[dict[str, Any]] = Field(description="Each figure: text, offsets, value, unit.")
    dates: list[str] = Field(description="Dates the claim mentions, ISO 8601 at the precision written.")
    search: SearchHit | None = Field(default=None, description="With q=: relevance and the matching passage.")


class ArticleOut(BaseModel):
    id: int
    title: str | None
    source: str | None
    author: str | None
    url: str | None
    published: date | None
    dateline: str | None
    word_count: int
    content_hash: str
    ingested_at: datetime
    extractor_version: str = Field(
        description="The extractor that produced the article's rows ('unknown': stored before versions were "
        "kept); GET /meta names the running one."
    )
    search: SearchHit | None = Field(default=None, description="With q=: relevance and the matching passage.")


class ArticleDetail(ArticleOut):
    text: str = Field(description="The article text exactly as received; every offset points into it.")
    quotes: list[QuoteOut]
    entities: list[ArticleEntityOut]
    claims: list[ClaimOut]


class ArticleIn(BaseModel):
    """An article to ingest: its `text` (kept exactly as sent) or its `html` page, and what is known of it.
    Any other field is refused with a 422 naming it."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, examples=["Officials said on Monday the bridge would reopen."])
    html: str | None = None
    title: str | None = Field(default=None, examples=["Bridge to reopen"])
    url: str | None = None
    published: str | None = Field(default=None, description="ISO 8601 date.", examples=["2015-09-15"])
    source: str | None = Field(default=None, examples=["Press TV"])
    author: str | None = None
    dateline: str | None = None


class BatchItemOut(BaseModel):
    """What became of one item of a batch."""

    index: int = Field(description="The item's position in the batch, counting from 0.")
    status: Literal["stored", "exists", "failed"]
    id: int | None = Field(description="The stored article's id (stored, or already there).")
    url: str | None = Field(description="The stored article's URL.")
    error: str | None = Field(description="Why the item was not stored.")


class BatchOut(BaseModel):
    stored: int
    exists: int
    failed: int
    items: list[BatchItemOut]


class JobArticleOut(BaseModel):
    id: int
    url: str
    status: Literal["stored", "exists"]


class JobOut(BaseModel):
    """A write answered before it was done: poll its URL until `status` is done or failed."""

    id: str
    kind: Literal["article", "batch"]
    status: Literal["queued", "running", "done", "failed"]
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    error: str | None = Field(description="Why the job failed.")
    article: JobArticleOut | None = Field(description="A done article job's article.")
    batch: BatchOut | None = Field(description="A done batch job's per-item results.")


class Page(BaseModel, Generic[T]):
    """One page of a list. Follow `next` (also sent as a `Link: rel="next"` header) for the following one."""

    items: list[T]
    next: str | None = Field(description="URL of the next page, or null on the last page.")
    next_cursor: str | None = Field(description="The opaque cursor inside `next`.")
    count: int | None = Field(default=None, description="With count=true: rows matching (capped).")
    count_capped: bool | None = Field(default=None, description="True when there are more than `count`.")
    facets: dict[str, list[dict[str, Any]]] | None = Field(default=None, description="With facet=...")


class Health(BaseModel):
    status: Literal["ok"]
    database: Literal["ok"]
    model: str = Field(description="The spaCy pipeline used for new articles.")


class Meta(BaseModel):
    """The running extractor, and how much of the stored data another one produced."""

    extractor_version: str = Field(description="The version new and re-extracted articles get.")
    model: str = Field(description="The spaCy pipeline setting.")
    articles: int = Field(description="Stored articles.")
    articles_on_other_versions: int = Field(
        description="Stored articles another extractor version produced: `articles reextract` refreshes them."
    )


class Problem(BaseModel):
    """An error, as RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[dict[str, Any]] | None = Field(default=None, description="Each invalid parameter, by name.")


class SourceIn(BaseModel):
    """A feed (RSS, Atom) or sitemap for `articles watch` to poll."""

    url: str = Field(examples=["https://news.example/rss.xml"], max_length=2048)


class SourceOut(BaseModel):
    id: int
    url: str
    added_at: datetime
    last_polled_at: datetime | None = Field(description="When `articles watch` last polled it.")
    next_poll_at: datetime | None = Field(description="When it is due again.")
    last_error: str | None = Field(description="What went wrong at the last poll; null when it went well.")
    article_count: int = Field(description="Articles stored (or found stored) from the URLs it listed.")
    url_count: int = Field(description="Article URLs it has listed.")


class GenderShareRow(BaseModel):
    """Quotes of one source and month (as grouped) by their resolved speaker's gender."""

    source: str | None = Field(default=None, description="The publisher, with by=source.")
    month: str | None = Field(default=None, description="YYYY-MM of publication, with by=month.")
    female: int
    male: int
    unknown: int = Field(description="Quotes from a person whose gender nothing showed.")
    no_person: int = Field(description="Quotes with no person resolved (unnamed, unresolved, organisations).")
    quotes: int
    female_share: float | None = Field(description="female / (female + male); null when both are 0.")


class GenderShare(BaseModel):
    by: list[str]
    items: list[GenderShareRow]
