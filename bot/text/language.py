"""English, the one language newsbrief reads: telling it apart, its stop words, stems and word splitting."""

from __future__ import annotations

import pkgutil
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from bot.text.stem import stem
from bot.text.tokenize import NewsTokenizer
from bot.text.wordlist import word_set

LANGUAGE = "english"

# Function words frequent in English and rare as words of other Latin-script languages; "a", "in",
# "no", "die", "em" and the like are left out because Portuguese, German or Spanish use them too.
_ENGLISH = word_set(
    "the of and to that for it with as was on he she his her they them their be by at this have from or "
    "had not but are were which one you we been has would who will more there if when what about out up "
    "into than its can only other new some could also after over said says our these two first him how "
    "any most where years should because does while being those such between both under through before "
    "still against during without must why again just"
)
# Function words of other languages that English prose never uses on its own.
_FOREIGN = word_set(
    "de la le les des du et est une un el los las del que por para con una los não uma com em os ao der "
    "die das und ist nicht ein eine mit von zu den dem sich auch il che di per non della sono het een van "
    "niet och att är och som på för"
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_ENGLISH_SHARE = 0.08
_SHORT_TEXT_WORDS = 20
# A word token that carries meaning: has a letter or a digit (drops "--", "'s" stays as "'s").
_CONTENT_TOKEN = re.compile(r"[A-Za-z0-9]")


def looks_english(text: str, *, min_share: float = MIN_ENGLISH_SHARE) -> bool:
    """Tell whether a text reads as English; short texts pass unless they show other languages' words."""
    lowered = text.lower()
    # Lower-casing first finds the same words when it keeps every character one character long
    # (it does not for "İ"); else each word is lower-cased after it is found.
    words = _WORD.findall(lowered) if len(lowered) == len(text) else [w.lower() for w in _WORD.findall(text)]
    if not words:
        return False
    english = sum(map(_ENGLISH.__contains__, words))
    foreign = sum(map(_FOREIGN.__contains__, words))
    if len(words) < _SHORT_TEXT_WORDS:
        # A headline may hold no function word at all ("Apple unveils new iPhone"); judge short
        # texts only by whether another language's words outnumber English ones.
        return foreign <= english or foreign < 2
    return english / len(words) >= min_share and english > foreign


@lru_cache(maxsize=1)
def news_tokenizer() -> NewsTokenizer:
    """Return the shared tokenizer sumy sentences use to split words."""
    return NewsTokenizer()


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Return sumy's bundled English stop words (a data file inside the sumy package, no download)."""
    # Read as sumy's get_stop_words reads it, without importing sumy.utils (which imports requests).
    data = pkgutil.get_data("sumy", f"data/stopwords/{LANGUAGE}.txt") or b""
    return frozenset(word.rstrip() for word in data.decode("utf-8").splitlines() if word)


@lru_cache(maxsize=1)
def stemmer() -> Callable[[str], str]:
    """Return a memoised English Snowball stemmer; news repeats the same words, so caching pays off."""
    return lru_cache(maxsize=65536)(stem)


def content_stems(words: Sequence[str]) -> list[str]:
    """Return stems of the words that are neither stop words nor punctuation, lower-cased."""
    return [stem for stem in map(_content_stem, words) if stem is not None]


@lru_cache(maxsize=65536)
def _content_stem(word: str) -> str | None:
    # Decided once per spelling: news repeats its words, within a story and from one story to the next.
    lowered = word.lower()
    if lowered in stop_words() or not _CONTENT_TOKEN.search(lowered):
        return None
    return stemmer()(lowered)
