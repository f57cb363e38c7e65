"""Turn an incoming article into a clean Document: title, dateline, body sentences by paragraph.

Decisions worth knowing:
- The title is `article.title` when given (a copy of it at the top of the text is dropped), else
  the first short line without a final period.
- A standfirst (the short summary line between title and a dateline lead) stays in the body as its
  own paragraph, unless it nearly repeats the lead paragraph, in which case it is dropped: a
  summary should not offer the same sentence twice. Without a dateline it is always kept.
- A dateline ("SEOUL —", "NAIROBI, Kenya (AP) —") goes to `Document.dateline` and is cut from the
  first sentence.
- Junk rules live in `bot.text.junk` and are shared with the HTML source. Nothing here raises:
  callers check `Document.sentences` (empty means no article text) and `looks_english`.
"""

from __future__ import annotations

import re
from itertools import islice

from bot.models import Article, Document
from bot.text.dateline import Dateline, is_bare_dateline, split_dateline
from bot.text.junk import (
    is_boilerplate,
    is_heading,
    is_masthead_like,
    is_shouted,
    normalized_words,
    strip_junk_paragraphs,
    word_count,
)
from bot.text.normalize import normalize_text, split_paragraphs
from bot.text.tokenize import split_sentences
from bot.text.wordlist import word_set

__all__ = ["clean_article", "clean_text", "strip_junk_paragraphs"]

_TITLE_MAX_WORDS = 25
_STANDFIRST_MAX_WORDS = 50
_LEAD_SEARCH = 3  # a dateline or title line sits within the first few paragraphs, never deeper
_TITLE_COPY_SEARCH = 8  # a copy of a known title, only ever removed when it matches nearly word for word
_NEAR_DUPLICATE = 0.75  # share of the standfirst's content words found in the lead
# A title copy: the title's words and at most this many more ("Opinion |", "- Site" trimmings).
_TITLE_COPY_EXTRA_WORDS = 3
# An on-page headline rewording the title is at most this many times as long.
_HEADLINE_LENGTH_RATIO = 2
_WORD = re.compile(r"\w+")
# "(CNN)They may ..." or "(CNN) -- They may ...": the outlet's tag opening the story with no place before it.
# Glued straight to a capital (no space) or followed by a dash, it cannot be a bracketed aside.
_SOURCE_TAG = re.compile(r"^\((CNN|AP|AFP|Reuters|[A-Z][\w&.'’ ]{1,30})\)(?:\s*(?:--|—|–)\s*|(?=[A-Z\"“‘']))")
_FILLER = word_set(
    "the and for that with from this was were has have had are its his her their will would said says "
    "into over after about than more also not but who which what when"
)


def _is_masthead(paragraph: str, paragraphs: list[str], source: str | None) -> bool:
    if not is_masthead_like(paragraph):
        return False  # asked first: the words of a whole story need not be gathered to tell it is no masthead
    key = normalized_words(paragraph)
    return key == normalized_words(source or "") or sum(normalized_words(p) == key for p in paragraphs) > 1


def _count_words(text: str, limit: int) -> int:
    """Count the words of a text, stopping past `limit`: a story pasted as one line need not be counted whole."""
    return sum(1 for _ in islice(_WORD.finditer(text), limit + 1))


def _is_title_like(paragraph: str) -> bool:
    if paragraph.endswith((".", ":", ",", ";")):
        return False
    if not 1 <= _count_words(paragraph, _TITLE_MAX_WORDS) <= _TITLE_MAX_WORDS:
        return False
    if split_dateline(paragraph) or is_bare_dateline(paragraph):
        return False
    return is_shouted(paragraph) or not is_boilerplate(paragraph)


def _take_title(given: str | None, paragraphs: list[str], source: str | None) -> tuple[str | None, list[str]]:
    """Return the title and the paragraphs without the title line."""
    title = normalize_text(given) if given and given.strip() else None
    if title is None:
        for index, paragraph in enumerate(paragraphs[:_LEAD_SEARCH]):
            if _is_masthead(paragraph, paragraphs, source):
                continue  # the outlet's name, often repeated in the footer, is not this story's title
            if len(paragraphs) > index + 1 and _is_title_like(paragraph):
                title = paragraph
                break
            if not is_boilerplate(paragraph):
                break  # the text opens with body, so it carries no title line
    if title is None:
        return None, paragraphs
    # Sign-in bars and mastheads can push the on-page headline further down than the lead search.
    head = [p for p in paragraphs[:_TITLE_COPY_SEARCH] if not _repeats_title(p, title)]
    return title, head + paragraphs[_TITLE_COPY_SEARCH:]


def _repeats_title(paragraph: str, title: str) -> bool:
    """Tell whether a line is the title again, allowing a page's "Opinion |" or "- Site" trimmings."""
    full = normalized_words(title)
    title_word_count = full.count(" ") + 1  # single-spaced words: one space fewer than words
    # Every test below needs the line to have at most as many words as the title and a few more, or a few times
    # as many. A story pasted as one paragraph has far more: its word count (kept for the junk rules, and never
    # above the line's, as lower-casing joins no two words) spares gathering its words.
    longest = max(title_word_count + _TITLE_COPY_EXTRA_WORDS, _HEADLINE_LENGTH_RATIO * title_word_count)
    if not full or word_count(paragraph) > longest:
        return False
    line = normalized_words(paragraph)
    if not line:
        return False
    if line == full:
        return True
    if len(line) >= 15 and line in full:
        return True
    if full in line and len(line.split()) <= title_word_count + _TITLE_COPY_EXTRA_WORDS:
        return True
    # The on-page headline often rewords the metadata title; an unpunctuated line that carries
    # nearly all of the title's words is that headline.
    title_words = _content_words(title)
    if paragraph.endswith((".", ",", ";", ":")) or len(title_words) < 3:
        return False
    if line.count(" ") + 1 > _HEADLINE_LENGTH_RATIO * title_word_count:
        return False  # far longer than the title (a whole body pasted as one line): no need to compare words
    return len(title_words & _content_words(paragraph)) / len(title_words) >= _NEAR_DUPLICATE


def _take_dateline(paragraphs: list[str]) -> tuple[Dateline | None, int, list[str]]:
    """Return the dateline, the index of the lead paragraph and paragraphs without the dateline."""
    for index, paragraph in enumerate(paragraphs[:_LEAD_SEARCH]):
        if index + 1 < len(paragraphs) and is_bare_dateline(paragraph):
            found = split_dateline(paragraph + " " + paragraphs[index + 1])
            if found:
                return found, index, [*paragraphs[:index], found.rest, *paragraphs[index + 2 :]]
        found = split_dateline(paragraph)
        if found:
            rest = [found.rest] if found.rest else []
            return found, index, paragraphs[:index] + rest + paragraphs[index + 1 :]
    return None, 0, paragraphs


def _strip_source_tag(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """Cut an outlet's tag such as "(CNN)" from the start of the first paragraph; return the outlet too."""
    if not paragraphs:
        return paragraphs, None
    tag = _SOURCE_TAG.match(paragraphs[0])
    if tag is None:
        return paragraphs, None
    rest = paragraphs[0][tag.end() :].strip()
    return ([rest] if rest else []) + paragraphs[1:], tag.group(1)


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in _FILLER}


def _repeats_lead(standfirst: str, lead: str) -> bool:
    words = _content_words(standfirst)
    return bool(words) and len(words & _content_words(lead)) / len(words) >= _NEAR_DUPLICATE


def _drop_repeated_standfirst(paragraphs: list[str], lead_index: int) -> list[str]:
    """Drop short paragraphs above the dateline lead that only restate it."""
    # Without a dateline nothing tells a standfirst from a lead, so nothing is dropped.
    if lead_index == 0 or lead_index >= len(paragraphs):
        return paragraphs
    lead = paragraphs[lead_index]
    head = [
        p
        for p in paragraphs[:lead_index]
        if len(_WORD.findall(p)) > _STANDFIRST_MAX_WORDS or not _repeats_lead(p, lead)
    ]
    return head + paragraphs[lead_index:]


# An all-caps place and a dash in the middle of a one-line paste: where the headline ended. The match opens
# with the space that ends the headline (the character before it checked looking back).
_HEADLINE_END = r"""\s(?<=[a-z0-9’'"”?!]\s)"""
_INLINE_DATELINE = re.compile(
    _HEADLINE_END + r"""\s*(?=[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][a-zA-Z.]+)?"""
    r"""\s*(?:\([^)]{1,25}\))?\s*(?:—|–|--)\s+[A-Z“"‘])"""
)
_HEADLINE_ENDS = re.compile(_HEADLINE_END)
_DATELINE_DASHES = ("—", "–", "--")
_INLINE_HEADLINE_MAX_WORDS = 25


def _split_pasted_headline(paragraphs: list[str]) -> list[str]:
    """Split "Headline SEOUL — Body…" pasted as one line (chat inputs lose newlines) in two."""
    if len(paragraphs) != 1 or not any(dash in paragraphs[0] for dash in _DATELINE_DASHES):
        return paragraphs  # the pattern needs one of the dashes: a substring test spares it the long line
    line = paragraphs[0]
    # A headline has at most so many words, so its end comes before the next word starts: the pattern is
    # tried at the spaces up to there, not searched for through the whole story.
    words = list(islice(_WORD.finditer(line), _INLINE_HEADLINE_MAX_WORDS + 1))
    last = words[-1].start() if len(words) > _INLINE_HEADLINE_MAX_WORDS else len(line)
    tried = (_INLINE_DATELINE.match(line, space.start()) for space in _HEADLINE_ENDS.finditer(line, 0, last))
    match = next(filter(None, tried), None)
    if not match:
        return paragraphs
    head = line[: match.start()].strip()
    if head.endswith((".", ":", ";", ",")):
        return paragraphs
    return [head, line[match.end() :].strip()]


def _drop_headings(paragraphs: list[str]) -> list[str]:
    """Drop subheads and labels inside the body: they are not sentences a summary or a fact can stand on."""
    kept = [p for p in paragraphs if not is_heading(p)]
    return kept if kept else paragraphs


def clean_text(text: str, *, title: str | None = None, source: str | None = None) -> Document:
    """Clean raw article text into a Document."""
    paragraphs = _split_pasted_headline(split_paragraphs(normalize_text(text)))
    found_title, paragraphs = _take_title(title, paragraphs, source)
    paragraphs = strip_junk_paragraphs(paragraphs, source=source)
    dateline, lead_index, paragraphs = _take_dateline(paragraphs)
    paragraphs, tag = _strip_source_tag(_drop_repeated_standfirst(paragraphs, lead_index))
    paragraphs = _drop_headings(paragraphs)
    sentences = (tuple(split_sentences(p)) for p in paragraphs)
    return Document(
        title=found_title,
        paragraphs=tuple(s for s in sentences if s),
        dateline=dateline.place if dateline else None,
        outlet=tag or (dateline.agency if dateline else None),
    )


def clean_article(article: Article) -> Document:
    """Clean an article's text into a Document of title, dateline and body sentences."""
    return clean_text(article.text, title=article.title, source=article.source)
