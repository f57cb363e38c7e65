"""Turn a news page's HTML into an Article: trafilatura finds the text, our junk rules tidy it."""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import Any

import trafilatura
from trafilatura.settings import Document

from bot.errors import UserError
from bot.models import Article
from bot.text.junk import strip_junk_paragraphs

# Measured on the extraction benchmark (bench/extraction.py, 60 news pages): trafilatura's own
# extractor alone (`fast`) beats it with its readability/jusText fallbacks, which on one page in
# sixty swallowed a whole link list; tables add stock tickers more often than article text; comments
# are never article text; favor_precision cuts real short paragraphs and favor_recall lets in link
# lists; `deduplicate` keeps a cache across pages that cuts repeated lines from unrelated pages.
EXTRACTION_OPTIONS: dict[str, Any] = {
    "fast": True,
    "include_comments": False,
    "include_tables": False,
    "include_images": False,
    "include_links": False,
    "favor_precision": False,
    "favor_recall": False,
    "deduplicate": False,
}
# htmldate's "extensive search" guesses a date from any year in the body or a copyright line
# ("© 2026" becomes 2026-01-01), and a wrong publication date then misplaces every "on Tuesday";
# only dates the page states as its own (meta tags, <time>, the URL) are trusted.
DATE_OPTIONS = {"extensive_search": False, "original_date": True}
# When the fast pass finds less than this, the fallback extractors get a chance.
FALLBACK_BELOW_WORDS = 60
MIN_ARTICLE_WORDS = 15
_WORD = re.compile(r"\w+")


def _published(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _paragraphs(text: str) -> list[str]:
    # trafilatura writes one block element per line.
    return [line.strip() for line in text.split("\n") if line.strip()]


def _extract(html: str | bytes, url: str | None, *, fast: bool) -> tuple[Document | None, list[str]]:
    options = {**EXTRACTION_OPTIONS, "fast": fast}
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, date_extraction_params=DATE_OPTIONS, **options
    )
    if not isinstance(document, Document) or not document.text:  # None, or a dict when asked for one
        return None, []
    return document, strip_junk_paragraphs(_paragraphs(document.text), source=document.sitename)


def _word_count(paragraphs: list[str]) -> int:
    return sum(len(_WORD.findall(p)) for p in paragraphs)


def article_from_html(html: str | bytes, *, url: str | None = None) -> Article:
    """Extract the article in a page; raise UserError when the page holds no article text."""
    # trafilatura logs a warning for every page it gives up on, and an error for an empty one ("lxml parsing
    # failed: Document is empty"); the UserError below says it better. Asked for debug output, they show.
    if not logging.getLogger().isEnabledFor(logging.DEBUG):
        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    document, paragraphs = _extract(html, url, fast=True)
    if _word_count(paragraphs) < FALLBACK_BELOW_WORDS:
        fallback, fallback_paragraphs = _extract(html, url, fast=False)
        if _word_count(fallback_paragraphs) > _word_count(paragraphs):
            document, paragraphs = fallback, fallback_paragraphs
    if document is None or _word_count(paragraphs) < MIN_ARTICLE_WORDS:
        where = f"The page at {url}" if url else "The page"
        raise UserError(f"{where} has no article text that could be found.")
    return Article(
        text="\n\n".join(paragraphs),
        title=document.title or None,
        url=url or document.url or None,
        source=document.sitename or None,
        published=_published(document.date),
        author=document.author or None,
    )
