"""Turn one article into a briefing: clean, check, summarize, extract facts."""

from __future__ import annotations

from dataclasses import replace

from bot.errors import UserError
from bot.facts import extract_facts
from bot.models import Article, Briefing, Document, Stats
from bot.summarize import summarize
from bot.text.clean import clean_article
from bot.text.fingerprint import body_fingerprint
from bot.text.language import looks_english, not_english_message, other_language
from bot.text.tokenize import count_words as _count_sentence_words

DEFAULT_SENTENCES = 3
# A news story tells its news early; past this many sentences (a long feature is ~120) the
# summary and facts read only the opening, so a pasted book cannot stall the bot.
MAX_ANALYSED_SENTENCES = 600
# Sumy and the fact rules are tuned for news prose; a page that is nothing but a list of
# links or numbers gives a briefing nobody can trust, so it is refused instead.
_MIN_WORDS_IN_A_SENTENCE = 3


def build_briefing(
    article: Article, *, sentences: int = DEFAULT_SENTENCES, algorithm: str = "news"
) -> Briefing:
    """Brief one article, raising UserError when it cannot be briefed."""
    if not article.text or not article.text.strip():
        raise UserError("The text is empty: there is nothing to brief.")
    document = clean_article(article)
    _check_briefable(document)
    lead = leading_part(document, MAX_ANALYSED_SENTENCES)
    summary = tuple(summarize(lead, count=sentences, algorithm=algorithm))
    facts = extract_facts(lead, article.published)
    # Counted per sentence: the tokenizer caches sentences, which summarizing has already split.
    stats = Stats(
        words=sum(map(_count_sentence_words, document.sentences)),
        summary_words=sum(map(_count_sentence_words, summary)),
    )
    return Briefing(
        # No headline means no title: a cut first sentence would only repeat the summary's first bullet.
        title=document.title or "",
        summary=summary,
        facts=facts,
        stats=stats,
        source=article.source,
        url=article.url,
        published=article.published,
        dateline=document.dateline,
        ref=body_fingerprint(article.text),
    )


def leading_part(document: Document, limit: int) -> Document:
    """Return the document cut after its first `limit` sentences (the whole of it when shorter)."""
    if len(document.sentences) <= limit:
        return document
    kept: list[tuple[str, ...]] = []
    left = limit
    for paragraph in document.paragraphs:
        if left <= 0:
            break
        kept.append(paragraph[:left])
        left -= len(kept[-1])
    return replace(document, paragraphs=tuple(kept))


def count_words(text: str) -> int:
    """Count the words a reader would read."""
    return _count_sentence_words(text)


def _check_briefable(document: Document) -> None:
    # The language first: Chinese or Japanese has no spaces, so it would otherwise read as "no sentences".
    text = document.text
    language = other_language(text)
    if language is not None:
        raise UserError(not_english_message(language))
    # One real sentence is enough: the search stops there instead of tokenizing the whole text up front.
    if not any(_count_sentence_words(s) >= _MIN_WORDS_IN_A_SENTENCE for s in document.sentences):
        raise UserError("No sentences found: the text needs at least one full sentence to brief.")
    if not looks_english(text):
        raise UserError(not_english_message(None))
