"""English language resources for the summarizers, built once: stemmer, stop words, word splitting."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from sumy.nlp.stemmers import Stemmer
from sumy.utils import get_stop_words

from bot.text.tokenize import NewsTokenizer

LANGUAGE = "english"

# A word token that carries meaning: has a letter or a digit (drops "--", "'s" stays as "'s").
_CONTENT_TOKEN = re.compile(r"[A-Za-z0-9]")


@lru_cache(maxsize=1)
def news_tokenizer() -> NewsTokenizer:
    """Return the shared tokenizer sumy sentences use to split words."""
    return NewsTokenizer()


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Return sumy's bundled English stop words (a data file inside the sumy package, no download)."""
    return frozenset(get_stop_words(LANGUAGE))


@lru_cache(maxsize=1)
def stemmer() -> Callable[[str], str]:
    """Return a memoised Snowball stemmer; news repeats the same words, so caching pays off."""
    # sumy's Stemmer wraps NLTK's SnowballStemmer, which is pure code and needs no NLTK data files.
    snowball = Stemmer(LANGUAGE)
    return lru_cache(maxsize=65536)(snowball)


def content_stems(words: tuple[str, ...] | list[str]) -> list[str]:
    """Return stems of the words that are neither stop words nor punctuation, lower-cased."""
    stop, stem = stop_words(), stemmer()
    stems = []
    for word in words:
        lowered = word.lower()
        if lowered in stop or not _CONTENT_TOKEN.search(lowered):
            continue
        stems.append(stem(lowered))
    return stems
