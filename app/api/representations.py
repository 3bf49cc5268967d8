"""Stored rows as the API's public models."""

from __future__ import annotations

from app.api.schemas import (
    ArticleEntityOut,
    ArticleOut,
    ClaimantOut,
    ClaimOut,
    EntityOut,
    QuoteOut,
    SpeakerOut,
    TextSpanOut,
)
from app.store.models import Article, ArticleEntity, Claim, Entity, Mention, Quote


def quote_out(quote: Quote, speaker_name: str | None) -> QuoteOut:
    cue = None
    if quote.cue is not None and quote.cue_start is not None and quote.cue_end is not None:
        cue = TextSpanOut(text=quote.cue, start=quote.cue_start, end=quote.cue_end)
    speaker = None
    if quote.speaker_text is not None or quote.speaker_entity_id is not None:
        speaker = SpeakerOut(
            text=quote.speaker_text,
            start=quote.speaker_start,
            end=quote.speaker_end,
            entity_id=quote.speaker_entity_id,
            name=speaker_name,
        )
    return QuoteOut(
        id=quote.id,
        article_id=quote.article_id,
        text=quote.text,
        start=quote.start,
        end=quote.end,
        kind=quote.kind,
        cue=cue,
        speaker=speaker,
        channel=quote.channel,
    )


def claim_out(claim: Claim, claimant_name: str | None) -> ClaimOut:
    claimant = None
    if claim.claimant_text is not None or claim.claimant_entity_id is not None:
        claimant = ClaimantOut(
            text=claim.claimant_text, entity_id=claim.claimant_entity_id, name=claimant_name
        )
    return ClaimOut(
        id=claim.id,
        article_id=claim.article_id,
        text=claim.text,
        start=claim.start,
        end=claim.end,
        kind=claim.kind,
        stance=claim.stance,
        claimant=claimant,
        score=claim.score,
        quantities=claim.quantities,
    )


def entity_out(entity: Entity, aliases: list[str]) -> EntityOut:
    return EntityOut(id=entity.id, name=entity.name, type=entity.type, aliases=aliases)


def article_entity_out(entity: Entity, link: ArticleEntity, mentions: list[Mention]) -> ArticleEntityOut:
    return ArticleEntityOut(
        id=entity.id,
        name=entity.name,
        type=entity.type,
        mention_count=link.mention_count,
        salience=link.salience,
        roles=link.roles,
        mentions=[TextSpanOut(text=m.text, start=m.start, end=m.end) for m in mentions],
    )


def article_out(article: Article) -> ArticleOut:
    return ArticleOut.model_validate(article, from_attributes=True)
