"""Articles in the store: add with de-duplication, fetch, and look up by words."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import UnaryExpression

from bot.models import Article, Briefing
from bot.refs import parse_ref, stored_ref
from bot.serialize import briefing_from_dict, briefing_to_dict
from bot.storage import search as fulltext
from bot.storage.identity import body_fingerprint, story_url
from bot.storage.records import ArticleUpdate, SearchHit, StoredArticle
from bot.storage.repository import Repository
from bot.storage.schema import ArticleRow, ArticleUpdateRow, DeliveryRow

# An update keeps at most this many of its new sentences (a digest shows fewer).
MAX_STORED_SENTENCES = 10


class KnownItem(NamedTuple):
    """What a poll needs of an article it already has: whether its text changed since (no briefing parsed)."""

    id: int
    title: str
    text: str
    feed_id: int | None


class ArticleRepository(Repository):
    """Article rows: each story stored once, with its briefing."""

    def add_article(
        self,
        article: Article,
        briefing: Briefing,
        *,
        guid: str | None = None,
        feed_id: int | None = None,
        now: datetime | None = None,
    ) -> tuple[StoredArticle, bool]:
        """Store the article and return (stored, created); a known story returns the existing row.

        Known means: same feed GUID, same canonical URL, or the same body text once case,
        spacing and punctuation are ignored (an edited headline or a re-post is not news).
        A site's bare home page and bodies under a dozen words are not used as identities.
        """
        row = ArticleRow(
            guid=guid or None,
            url=article.url or briefing.url,
            canonical_url=story_url(article.url or briefing.url),
            content_hash=body_fingerprint(article.text),
            title=briefing.title or article.title or "Untitled",
            source=article.source or briefing.source,
            author=article.author,
            published=article.published or briefing.published,
            fetched_at=self._now(now),
            feed_id=feed_id,
            text=article.text,
            briefing=briefing_to_dict(briefing),
        )
        try:
            with self.database.write() as session:
                existing = _find_same_story(session, row)
                if existing is not None:
                    return stored_article(existing), False
                session.add(row)
                session.flush()
                return stored_article(row), True
        except IntegrityError:
            # Another process stored the same story between our look and our write.
            with self.database.read() as session:
                existing = _find_same_story(session, row)
                if existing is None:
                    raise
                return stored_article(existing), False

    def knows_item(self, *, feed_id: int | None, guid: str | None, url: str | None) -> bool:
        """Tell whether a feed item is already stored, judging by GUID or canonical URL only."""
        with self.database.read() as session:
            if guid and _by_guid(session, feed_id, guid) is not None:
                return True
            canonical = story_url(url)
            return canonical is not None and _by_canonical_url(session, canonical) is not None

    def find_item(self, *, feed_id: int | None, guid: str | None, url: str | None) -> KnownItem | None:
        """Return the stored article a feed item is, judging by GUID or canonical URL only (as `knows_item`)."""
        with self.database.read() as session:
            row = _by_guid(session, feed_id, guid) if guid else None
            canonical = story_url(url)
            if row is None and canonical is not None:
                row = _by_canonical_url(session, canonical)
            return KnownItem(row.id, row.title, row.text, row.feed_id) if row is not None else None

    def revise_article(
        self,
        article_id: int,
        article: Article,
        briefing: Briefing,
        *,
        new_sentences: Sequence[str] = (),
        new_share: float = 0.0,
        now: datetime | None = None,
    ) -> ArticleUpdate | None:
        """Store a new version of an article's text and briefing; record an update if channels saw the old one.

        Pass `new_sentences` only for a substantial change (bot.revisions): a quiet edit just
        replaces the text, so lookups and later digests show the corrected version. Returns the
        recorded update, or None when there is none (no new sentences, or nobody was sent it yet).
        """
        with self.database.write() as session:
            row = session.get(ArticleRow, article_id)
            if row is None:
                return None
            fingerprint = body_fingerprint(article.text)
            taken = fingerprint is not None and session.scalars(
                select(ArticleRow.id).where(ArticleRow.content_hash == fingerprint, ArticleRow.id != article_id)
            ).first() is not None
            row.text = article.text
            row.briefing = briefing_to_dict(briefing)
            row.title = briefing.title or article.title or row.title
            row.content_hash = None if taken else fingerprint
            was_sent = session.scalars(
                select(DeliveryRow.id).where(DeliveryRow.article_id == article_id, DeliveryRow.status == "sent")
            ).first() is not None
            if not new_sentences or not was_sent:
                return None
            update = ArticleUpdateRow(
                article_id=article_id, new_sentences=list(new_sentences[:MAX_STORED_SENTENCES]),
                new_share=new_share, created_at=self._now(now),
            )
            session.add(update)
            session.flush()
            return ArticleUpdate(
                id=update.id, article_id=article_id, new_sentences=tuple(update.new_sentences),
                new_share=new_share, created_at=update.created_at,
            )

    def get_article(self, article_id: int) -> StoredArticle | None:
        """Return the stored article with this id, if any."""
        with self.database.read() as session:
            row = session.get(ArticleRow, article_id)
            return stored_article(row) if row else None

    def count_articles(self) -> int:
        """Return how many articles are stored."""
        with self.database.read() as session:
            return session.scalar(select(func.count()).select_from(ArticleRow)) or 0

    def recent_articles(self, limit: int = 20) -> list[StoredArticle]:
        """Return the newest articles, by publication (else fetch) time."""
        with self.database.read() as session:
            rows = session.scalars(select(ArticleRow).order_by(*newest_first()).limit(max(0, limit)))
            return [stored_article(row) for row in rows]

    def find_by_ref(self, ref: str) -> StoredArticle | None:
        """Return the article a briefing's `ref` (bot.refs) names, if it is stored: by id, else by fingerprint."""
        parsed = parse_ref(ref)
        if parsed is None:
            return None
        fingerprint, article_id = parsed
        with self.database.read() as session:
            # The id first: it still names a story whose text (and so fingerprint) changed since.
            row = session.get(ArticleRow, article_id) if article_id is not None else None
            if row is None and fingerprint:
                row = session.scalars(select(ArticleRow).where(ArticleRow.content_hash == fingerprint)).first()
            return stored_article(row) if row else None

    def search(self, query: str, limit: int = 5) -> list[SearchHit]:
        """Return the articles best matching the words of `query`, best first; odd input finds nothing."""
        terms = fulltext.parse_query(query)
        if not terms or limit <= 0:
            return []
        with self.database.read() as session:
            ranked = fulltext.rank(session, terms, limit=limit, fulltext=self.database.fulltext)
            rows = _rows_by_id(session, [article_id for article_id, _ in ranked])
            return [SearchHit(stored_article(rows[article_id]), score) for article_id, score in ranked]


def stored_article(row: ArticleRow, briefing: Briefing | None = None) -> StoredArticle:
    """Copy an article row into an immutable record with its briefing rebuilt (or the one given)."""
    briefing = briefing if briefing is not None else briefing_from_dict(row.briefing)
    return StoredArticle(
        id=row.id, guid=row.guid, url=row.url, canonical_url=row.canonical_url,
        content_hash=row.content_hash, title=row.title, source=row.source, author=row.author,
        published=row.published, fetched_at=row.fetched_at, feed_id=row.feed_id, text=row.text,
        # The ref says where the store keeps the article, so it comes from the row, not the stored JSON.
        briefing=replace(briefing, ref=stored_ref(row.content_hash, row.id)),
    )


@lru_cache(maxsize=4096)
def briefing_from_json(text: str) -> Briefing:
    """Rebuild a briefing from its stored JSON text, once per distinct text.

    Fan-out hands the same articles to hundreds of channels; keyed by the text itself, a
    cached briefing can never be stale, and Briefing is frozen so sharing it is safe.
    """
    return briefing_from_dict(json.loads(text))


def newest_first() -> tuple[UnaryExpression[Any], UnaryExpression[int]]:
    """Return the ORDER BY terms that put the newest articles first (undated ones by fetch time)."""
    return (func.coalesce(ArticleRow.published, ArticleRow.fetched_at).desc(), ArticleRow.id.desc())


def _find_same_story(session: Session, row: ArticleRow) -> ArticleRow | None:
    if row.guid:
        found = _by_guid(session, row.feed_id, row.guid)
        if found is not None:
            return found
    if row.canonical_url:
        found = _by_canonical_url(session, row.canonical_url)
        if found is not None:
            return found
    if row.content_hash:
        return session.scalars(select(ArticleRow).where(ArticleRow.content_hash == row.content_hash)).first()
    return None


def _by_guid(session: Session, feed_id: int | None, guid: str) -> ArticleRow | None:
    # GUIDs are only promised unique within one feed ("1234" may mean two stories in two feeds).
    feed_match = ArticleRow.feed_id.is_(None) if feed_id is None else ArticleRow.feed_id == feed_id
    return session.scalars(select(ArticleRow).where(ArticleRow.guid == guid, feed_match)).first()


def _by_canonical_url(session: Session, canonical: str) -> ArticleRow | None:
    return session.scalars(select(ArticleRow).where(ArticleRow.canonical_url == canonical)).first()


def _rows_by_id(session: Session, ids: Iterable[int]) -> dict[int, ArticleRow]:
    ids = list(ids)
    if not ids:
        return {}
    return {row.id: row for row in session.scalars(select(ArticleRow).where(ArticleRow.id.in_(ids)))}
