"""English, the one language newsbrief reads: telling it apart (and naming the others), its stop words, stems
and word splitting.

Which language a text is in comes from two signals, both offline and cheap: the writing system of
its letters (Han, kana, Hangul, Cyrillic, Arabic, …), which names most languages outright; and, for
Latin script, the share of each language's common function words, which tells English from French,
German, Spanish and the like. Only English is briefed; for anything else the user is told which
language it looks like.
"""

from __future__ import annotations

import pkgutil
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import repeat

from bot.text.normalize import common_marks_spaced, word_bytes
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
# Function words of other Latin-script languages that English prose never uses on its own, per language
# (words English has too, such as "come", "till", "pour" or "se", are left out).
_LATIN_LANGUAGES = {
    "French": word_set("le la les des du et est une un aux avec dans sur pas qui sont été cette"),
    "Spanish": word_set("el los las del por para con una que como más pero fue está"),
    "Portuguese": word_set("não uma com em os ao pelo pela das são foi está mais como também"),
    "German": word_set("der die das und ist nicht ein eine mit von zu den dem sich auch wurde sind"),
    "Italian": word_set("il che di per non della sono gli nel alla anche è stato più"),
    "Dutch": word_set("het een van niet zijn werd voor ook maar bij naar"),
    "Swedish": word_set("och att är som på för inte har"),
}
_FOREIGN = word_set("de la").union(*_LATIN_LANGUAGES.values())
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_ENGLISH_SHARE = 0.08
_SHORT_TEXT_WORDS = 20
# A word token that carries meaning: has a letter or a digit (drops "--", "'s" stays as "'s").
_CONTENT_TOKEN = re.compile(r"[A-Za-z0-9]")
_SAMPLE = 20_000  # characters: the opening of a text is enough to know its language
# Letters of one non-Latin script must make up this share of all letters to name its language.
_SCRIPT_SHARE = 0.3
# A Latin-script language is named when its function words make up this share of the words.
_NAMED_SHARE = 0.08


def looks_english(text: str, *, min_share: float = MIN_ENGLISH_SHARE) -> bool:
    """Tell whether a text reads as English; short texts pass unless they show other languages' words."""
    return _looks_english(text, min_share)


# A briefing asks this of the same text twice (naming its language, then checking it): the second is free.
@lru_cache(maxsize=4)
def _looks_english(text: str, min_share: float) -> bool:
    # Curly quotes and dashes, uncased and never in a word, are spaced out first: most news is then ASCII, which
    # lower-cases several times faster.
    prepared = common_marks_spaced(text.replace("’", "'"))
    lowered = prepared.lower()
    # Lower-casing first finds the same words when it keeps every character one character long
    # (it does not for "İ"); else each word is lower-cased after it is found.
    if len(lowered) == len(prepared):
        total, english, foreign = _function_word_counts(lowered)
    else:
        words = [w.lower() for w in _WORD.findall(text)]
        total = len(words)
        english = sum(map(_ENGLISH.__contains__, words))
        foreign = sum(map(_FOREIGN.__contains__, words))
    if not total:
        return False
    if total < _SHORT_TEXT_WORDS:
        # A headline may hold no function word at all ("Apple unveils new iPhone"); judge short
        # texts only by whether another language's words outnumber English ones.
        return foreign <= english or foreign < 2
    return english / total >= min_share and english > foreign


# The words `_WORD` finds, by bytes (see bot.text.normalize.word_bytes): letters stay, and so does the
# apostrophe that may join two runs of them; everything else becomes a space.
_LETTERS_AND_APOSTROPHES = bytes(
    byte if byte >= 0x80 or chr(byte).isalpha() or byte == ord("'") else ord(" ") for byte in range(256)
)
# Each function word weighs 1 if English and 2**32 if foreign: one lookup per word gives both tallies in one sum.
_FOREIGN_WEIGHT = 1 << 32
_FUNCTION_WORD_WEIGHTS = {word.encode(): 0 for word in _ENGLISH | _FOREIGN}
for _word in _ENGLISH:
    _FUNCTION_WORD_WEIGHTS[_word.encode()] += 1
for _word in _FOREIGN:
    _FUNCTION_WORD_WEIGHTS[_word.encode()] += _FOREIGN_WEIGHT
_NO_WEIGHT = repeat(0)
# After an apostrophe-joined word ("rock'n" in "rock'n'roll"), the next apostrophe only separates.
_JOINED_THEN_APOSTROPHE = re.compile(rb"'([^ ']+)'")


def _is_letter(character: str) -> bool:
    """Tell whether `_WORD` takes the character as a letter: a word character but no digit or underscore."""
    return character.isalnum() and not character.isdecimal()


def _function_word_counts(lowered: str) -> tuple[int, int, int]:
    """Return how many words `_WORD` finds in the lower-cased text, and how many are English or foreign function words.

    Counted on bytes split at spaces, several times faster than the pattern, once every apostrophe that joins no
    two letter runs as `_WORD` would has become a space too.
    """
    data = word_bytes(lowered.replace("’", "'"), _is_letter, _LETTERS_AND_APOSTROPHES)
    if b"'" in data:
        while b"''" in data:
            data = data.replace(b"''", b"  ")
        # An apostrophe now has a letter or a space on each side: one by a space (a quote) joins nothing.
        data = (b" " + data + b" ").replace(b" '", b"  ").replace(b"' ", b"  ")
        data = _JOINED_THEN_APOSTROPHE.sub(rb"'\1 ", data)
    words = data.split()
    weight = sum(map(_FUNCTION_WORD_WEIGHTS.get, words, _NO_WEIGHT))  # no function word holds an apostrophe
    return len(words), weight % _FOREIGN_WEIGHT, weight // _FOREIGN_WEIGHT


def other_language(text: str) -> str | None:
    """Name the language a text is in when that is clearly not English ("Chinese", "German"); else None."""
    sample = text[:_SAMPLE]
    # Spacing out curly quotes and dashes leaves most news ASCII, told without the pattern's test of each character.
    if common_marks_spaced(sample).isascii() or _OUTSIDE_LATIN.search(sample) is None:
        # Every letter is Latin (the rest is punctuation or symbols), so no script is named: only whether there
        # is a letter at all matters (tallying each one cost ~0.5 ms an article).
        if not any(map(str.isalpha, sample)):
            return None
    else:
        scripts = Counter(_script(ch) for ch in sample if ch.isalpha())
        letters = sum(scripts.values())
        if not letters:
            return None
        for script, count in scripts.most_common():
            if script != "latin" and count / letters >= _SCRIPT_SHARE:
                return _language_of_script(script, sample, scripts)
    if looks_english(sample):
        return None
    words = [word.lower() for word in _WORD.findall(sample)]
    shares = {
        language: sum(1 for word in words if word in common) / len(words)
        for language, common in _LATIN_LANGUAGES.items()
    } if words else {}
    best = max(shares, key=shares.__getitem__, default=None)
    if best is not None and shares[best] >= _NAMED_SHARE:
        return best
    return None


def not_english_message(language: str | None) -> str:
    """Return the sentence refusing a text that is not English, naming its language when it is known."""
    if language is not None:
        return f"This looks like {language}; newsbrief briefs English articles only."
    return "This text does not look like English; newsbrief briefs English articles only."


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
    # One lookup per word; a spelling not met before is learnt by the memo's __missing__, in the same pass.
    return list(filter(None, map(_CONTENT_STEMS.__getitem__, words)))


# A character that is neither what `_script` calls Latin (below U+0250, or Latin Extended Additional)
# nor in the General Punctuation block, which holds no letters.
_OUTSIDE_LATIN = re.compile("[^\x00-\u024f\u1e00-\u1eff\u2000-\u206f]")


def _script(ch: str) -> str:
    code = ord(ch)
    if code < 0x250 or 0x1E00 <= code <= 0x1EFF:
        return "latin"
    for low, high, name in _SCRIPT_RANGES:
        if low <= code <= high:
            return name
    # Anything else is named by Unicode itself ("DEVANAGARI LETTER KA" → "devanagari").
    return unicodedata.name(ch, "other other").split(" ", 1)[0].lower()


_SCRIPT_RANGES = (
    (0x0370, 0x03FF, "greek"), (0x0400, 0x052F, "cyrillic"), (0x0530, 0x058F, "armenian"),
    (0x0590, 0x05FF, "hebrew"), (0x0600, 0x06FF, "arabic"), (0x0750, 0x077F, "arabic"),
    (0x0900, 0x097F, "devanagari"), (0x0980, 0x09FF, "bengali"), (0x0B80, 0x0BFF, "tamil"),
    (0x0E00, 0x0E7F, "thai"), (0x10A0, 0x10FF, "georgian"), (0x1100, 0x11FF, "hangul"),
    (0x3040, 0x30FF, "kana"), (0x3400, 0x4DBF, "han"), (0x4E00, 0x9FFF, "han"), (0xAC00, 0xD7AF, "hangul"),
    (0xF900, 0xFAFF, "han"), (0xFF66, 0xFF9F, "kana"),
)
_SCRIPT_LANGUAGES = {
    "greek": "Greek", "armenian": "Armenian", "hebrew": "Hebrew", "devanagari": "Hindi", "bengali": "Bengali",
    "tamil": "Tamil", "thai": "Thai", "georgian": "Georgian", "hangul": "Korean",
}
_UKRAINIAN_LETTERS = frozenset("іїєґІЇЄҐ")
_PERSIAN_LETTERS = frozenset("پچژگ")


def _language_of_script(script: str, sample: str, scripts: Counter[str]) -> str:
    if script in ("han", "kana"):
        # Japanese writes with Han characters too; any real share of kana makes it Japanese.
        return "Japanese" if scripts["kana"] >= 0.1 * (scripts["han"] + scripts["kana"]) else "Chinese"
    if script == "cyrillic":
        return "Ukrainian" if any(ch in _UKRAINIAN_LETTERS for ch in sample) else "Russian"
    if script == "arabic":
        return "Persian" if any(ch in _PERSIAN_LETTERS for ch in sample) else "Arabic"
    return _SCRIPT_LANGUAGES.get(script, f"a language written in {script.title()} script")


class _ContentStemMemo(dict[str, str]):
    """Each spelling met so far → its content stem, or "" for a stop word or punctuation; a new one is learnt."""

    # A new spelling is learnt here rather than by a function this calls: a call fewer per new word.
    def __missing__(self, word: str) -> str:
        """Decide, remember and return the content stem of a spelling not met before ("" when it has none)."""
        lowered = word.lower()
        # The decision is made on the lower-cased word, so "The" takes what "the" was given, when that was met
        # already; else both spellings are learnt at once. A word of ASCII letters and digits (most) is content
        # unless a stop word, without the pattern's search.
        found = self.get(lowered)
        if found is None:
            if lowered in stop_words() or not (
                (lowered.isalnum() and lowered.isascii()) or _CONTENT_TOKEN.search(lowered)
            ):
                found = ""
            else:
                found = stem(lowered)
            if len(self) >= MAX_KNOWN_WORDS:
                self.clear()  # bounds memory in a long-running bot; refilling costs a few hundred stems a story
            self[lowered] = found
        self[word] = found
        return found


# Decided once per spelling: news repeats its words, within a story and from one story to the next.
# Emptied when full.
_CONTENT_STEMS = _ContentStemMemo()
# How many spellings a per-word memo holds before it is emptied.
MAX_KNOWN_WORDS = 65536
