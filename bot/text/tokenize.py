"""Offline sentence and word tokenization for English news, usable as sumy's tokenizer."""

from __future__ import annotations

import re
import string
from functools import lru_cache

from bot.text.abbreviations import ABBREVIATIONS, NUMBER_ABBREVIATIONS, TITLE_ABBREVIATIONS
from bot.text.normalize import common_marks_spaced
from bot.text.punkt import SentenceSplitter
from bot.text.wordlist import word_set
from bot.text.words import tokenize_words

# Capitalized common words that almost always start a sentence: after "p.m." or "U.S." they
# mean the abbreviation also ended the sentence ("at 5 p.m. The crowd left.").
SENTENCE_STARTERS = word_set(
    "the a an he she it they we i you his her its their our my this that these those there here but and "
    "or so yet still also then now however meanwhile instead later earlier nevertheless in on at by for "
    "from with after before when while if as since although though because some many most all both each "
    "one two three several no none"
)

_LOWERCASE_START = re.compile(r"[\"'“‘«(\[{]*[a-z][a-z'’-]*\b")
_DOTTED_ACRONYM_END = re.compile(r"(?:^|\s)\(?(?:[A-Za-z]\.){2,}[\"'”’)]*$")
_LAST_WORD = re.compile(r"\b([A-Za-z.]+)\.[\"'”’)]*$")
_CLOSERS = "\"'”’)"
_LETTERS_AND_DOTS = string.ascii_letters + "."
_FIRST_WORD = re.compile(r"[\"'“‘«(\[{]*([A-Za-z]+)")
_STARTS_WITH_DIGIT = re.compile(r"[\"'“‘(]*\d")
# NLTK splits "can't" into "ca" + "n't"; give the stem back its real spelling.
_NEGATED_STEMS = {
    "ca": "can", "Ca": "Can", "CA": "CAN", "wo": "will", "Wo": "Will", "WO": "WILL", "sha": "shall", "Sha": "Shall"
}
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SPACES = re.compile(r"\s+")
# A curly apostrophe inside or closing a word is an apostrophe, not a quote ("Kim’s", "Jones’").
_CURLY_APOSTROPHE = re.compile(r"(?<=\w)’(?=\w|\s|$|[.,;:!?])")


# Number abbreviations stay out: "Just say no. Officials said." must split; _should_join glues
# "No. | 5" back together instead.
_PUNKT = SentenceSplitter(ABBREVIATIONS, SENTENCE_STARTERS)

def _first_word(sentence: str) -> str:
    match = _FIRST_WORD.match(sentence)
    return match.group(1) if match else ""


def _last_word(sentence: str) -> str:
    """Return, lower-cased, the letters and dots before a sentence's final full stop ("dr" for "… Dr.")."""
    # Such a word is a run of letters and dots at the very end (before closing quotes), so the search
    # starts where that run does rather than scanning the whole sentence.
    start = len(sentence.rstrip(_CLOSERS).rstrip(_LETTERS_AND_DOTS))
    match = _LAST_WORD.search(sentence, start)
    return match.group(1).lower() if match else ""


def _ends_with_dotted_acronym(sentence: str) -> bool:
    stripped = sentence.rstrip(_CLOSERS)
    # "U.S." needs at least a letter, a dot, a letter and a dot at the end; most sentences fail that at once.
    if len(stripped) < 4 or stripped[-1] != "." or stripped[-3] != "." or stripped[-2] not in _LETTERS_AND_DOTS:
        return False
    return _DOTTED_ACRONYM_END.search(sentence) is not None


# The last two letters and the full stop of each title or number abbreviation: a sentence ending otherwise (most)
# cannot end in one, and its last word need not be read.
_LISTED_ABBREVIATION_ENDS = frozenset(word[-2:] + "." for word in TITLE_ABBREVIATIONS | NUMBER_ABBREVIATIONS)


def _should_join(previous: str, following: str) -> bool:
    """Tell whether Punkt's break between two pieces is false and they form one sentence."""
    # A piece opening with a capital (most) opens with no quote or lower-case word: the pattern need not be tried.
    if not following[0].isupper() and _LOWERCASE_START.match(following):
        # '“No!” he shouted.' and 'He paused... then spoke.' continue the same sentence.
        return True
    ending = previous.rstrip(_CLOSERS)[-3:]
    if ending.lower() in _LISTED_ABBREVIATION_ENDS:
        last_word = _last_word(previous)
        if last_word in TITLE_ABBREVIATIONS:
            return True  # "Dr. A. Smith": a title never ends a sentence.
        if last_word in NUMBER_ABBREVIATIONS:
            return bool(_STARTS_WITH_DIGIT.match(following))
    # A dotted acronym ends in a full stop, a letter and a full stop: most sentences end otherwise, and need no call.
    if ending[:1] == "." and _ends_with_dotted_acronym(previous):
        # "Washington, D.C. Mayor ..." goes on; "in the U.S. The ..." ends.
        return _first_word(following).lower() not in SENTENCE_STARTERS
    return False


def _single_spaced(piece: str) -> str:
    # Most pieces hold only single plain spaces already (a tab or a newline is not printable).
    if piece.isprintable() and "  " not in piece:
        return piece.strip()
    return _SPACES.sub(" ", piece).strip()


# White space other than the plain space, which `_SPACES` squeezes: ASCII first, as most text holds no other.
_ASCII_OTHER_SPACES = tuple(chr(code) for code in range(0x80) if chr(code).isspace() and code != 0x20)
# Written out, not derived at import (a scan of 12,289 characters): every `str.isspace` character; a test checks.
_OTHER_SPACES = tuple(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000"
)


def _single_spaced_throughout(paragraph: str) -> bool:
    """Tell whether the paragraph's only white space is single plain spaces."""
    if "  " in paragraph:
        return False
    # Curly quotes and dashes are no white space: spaced out, they leave most news ASCII, with fewer spaces to rule out.
    text = paragraph if paragraph.isascii() else common_marks_spaced(paragraph)
    return not any(map(text.__contains__, _ASCII_OTHER_SPACES if text.isascii() else _OTHER_SPACES))


def _split_paragraph(paragraph: str) -> list[str]:
    # Asked once of the paragraph, not of each sentence piece: the pieces are parts of it.
    if _single_spaced_throughout(paragraph):
        pieces = [piece.strip() for piece in _PUNKT.split(paragraph)]
    else:
        pieces = [_single_spaced(piece) for piece in _PUNKT.split(paragraph)]
    sentences: list[str] = []
    for piece in pieces:
        if not piece:
            continue
        if sentences and _should_join(sentences[-1], piece):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return sentences


@lru_cache(maxsize=2048)
def _cached_sentences(text: str) -> tuple[str, ...]:
    sentences: list[str] = []
    for paragraph in _PARAGRAPH_BREAK.split(text):
        if paragraph.strip():
            sentences.extend(_split_paragraph(paragraph.strip()))
    return tuple(sentences)


def split_sentences(text: str) -> list[str]:
    """Split text into sentences; blank lines always end a sentence."""
    return list(_cached_sentences(text))


def normalize_apostrophes(text: str) -> str:
    """Turn curly apostrophes inside or after words into straight ones, leaving curly quotes alone."""
    return _CURLY_APOSTROPHE.sub("'", text) if "’" in text else text


@lru_cache(maxsize=8192)
def _cached_words(sentence: str) -> tuple[str, ...]:
    text = normalize_apostrophes(sentence)
    words = tokenize_words(text)
    if "n't" in text.lower():  # a "n't" token is part of the text: most sentences have none to look for
        for index in range(len(words) - 1):
            if words[index + 1].lower() == "n't":
                words[index] = _NEGATED_STEMS.get(words[index], words[index])
    return tuple(words)


def count_words(sentence: str) -> int:
    """Count a sentence's word tokens (as `split_words` gives them) without copying them."""
    return len(_cached_words(sentence))


def split_words(sentence: str) -> list[str]:
    """Split a sentence into word tokens, dropping bare punctuation."""
    # sumy asks for a sentence's words again on every access, so the cache pays off at once.
    return list(_cached_words(sentence))


def clear_caches() -> None:
    """Forget cached sentences and words, so a benchmark can time cold tokenization."""
    _cached_sentences.cache_clear()
    _cached_words.cache_clear()


class NewsTokenizer:
    """The tokenizer object sumy expects: `language`, `to_sentences`, `to_words`."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return _cached_sentences(paragraph)

    # The cached function itself, not a method calling it: a Python call fewer per sentence.
    to_words = staticmethod(_cached_words)
