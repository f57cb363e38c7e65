"""Split a sentence into words the way NLTK's `NLTKWordTokenizer` does, in one pass.

NLTK's word tokenizer (Copyright (C) 2001-2025 NLTK Project; Apache License 2.0,
https://www.apache.org/licenses/LICENSE-2.0) rewrites the sentence with some twenty regular
expressions and splits the result on spaces. newsbrief keeps only the tokens that hold a letter or
a digit, and for those the rules come down to where a word ends. This module finds those ends
directly: it cuts the sentence at spaces and at the characters NLTK always sets apart, then applies
the few rules that depend on context (final full stop, commas and colons before digits,
apostrophes, contractions, double dashes, ellipses) inside each remaining run of characters.
The result equals NLTK's tokens that contain a word character (the tests check it on real news
text); importing NLTK for it cost a cold start about 0.3 s, and running its rules about 50 µs a
sentence against about 8 µs here.
"""

from __future__ import annotations

import re

# Characters NLTK always pads with spaces: curly and straight quotes, brackets, backticks,
# `;@#$%&?!*`, and the figure dash, en dash, em dash and horizontal bar.
_ALWAYS_APART = "«“‘„`\";@#$%&?!*[](){}<>»”’\u2012\u2013\u2014\u2015"
_RUN = re.compile(r"[^\s" + re.escape(_ALWAYS_APART) + r"]+")
# The same runs of an ASCII sentence, found by turning its always-apart characters into spaces, byte by byte,
# and splitting at whitespace: several times cheaper than the pattern's test of its class on every character.
_APART_TO_SPACE = bytes(ord(" ") if chr(byte) in _ALWAYS_APART else byte for byte in range(256))
# Of those, the ones set apart before NLTK splits a closing apostrophe off the word in front of it.
_EARLY_APART = frozenset("«“‘„`;@#$%&?!\u2012\u2013\u2014\u2015")
# Inside a run, only these characters can start or end a word by context.
_CONTEXT_CHARS = frozenset(".,:'-")
# What may follow a sentence's final full stop for NLTK to split it off: closing brackets and quotes.
_AFTER_FINAL_STOP = frozenset("])}>\"'»”’ ")
# A `"` or `''` right after one of these is an opening quote (NLTK's ``), which ends that allowance.
_OPENS_QUOTE_AFTER = frozenset(" ([{<")
# An apostrophe opening a word is split from it unless it starts a contraction ("'s", "'ll").
_CONTRACTION_START = re.compile(r"(?i)(?:re|ve|ll|m|t|s|d|n)(?!\w)")
_SHORT_SUFFIXES = ("'s", "'S", "'m", "'M", "'d", "'D")
_LONG_SUFFIXES = ("'ll", "'LL", "'re", "'RE", "'ve", "'VE", "n't", "N'T")
_WORD_CHAR = re.compile(r"\w")
# Rare contractions NLTK splits further ("cannot" → "can not", "gonna" → "gon na", "'tis" → "'t is").
_RARE_CONTRACTIONS = ("cannot", "d'ye", "gimme", "gonna", "gotta", "lemme", "more'n", "wanna", "'tis", "'twas")
# Letters every rare contraction holds one of (a test checks): a sentence without them holds none.
_RARE_CONTRACTION_LETTERS = ("nn", "mm", "tt", "d'y", "e'n", "'ti", "'tw")
_RARE_CONTRACTION = re.compile("|".join(map(re.escape, _RARE_CONTRACTIONS)))
_RARE_SPLITS = [
    (re.compile(pattern), r" \1 \2 ")
    for pattern in (
        r"(?i)\b(can)(not)\b", r"(?i)\b(d)('ye)\b", r"(?i)\b(gim)(me)\b", r"(?i)\b(gon)(na)\b",
        r"(?i)\b(got)(ta)\b", r"(?i)\b(lem)(me)\b", r"(?i)\b(more)('n)\b", r"(?i)\b(wan)(na)(?=\s)",
        r"(?i) ('t)(is)\b", r"(?i) ('t)(was)\b",
    )
]


def tokenize_words(sentence: str) -> list[str]:
    """Return the sentence's tokens that hold a letter or a digit, as NLTK's word tokenizer splits them."""
    final_stop = _final_stop(sentence)
    if sentence.isascii():
        spaced = _apart_spaced(sentence)
        words = _plain_words(spaced, final_stop)
        if words is None:
            words = _words_by_run(sentence, spaced.split(), final_stop)
    else:
        words = _words_by_run(sentence, _runs(sentence), final_stop)
    lowered = sentence.lower()
    # Most sentences hold no rare contraction's letters, which a few substring tests tell sooner than the search.
    if any(map(lowered.__contains__, _RARE_CONTRACTION_LETTERS)) and any(
        map(lowered.__contains__, _RARE_CONTRACTIONS)
    ):
        words = [part for word in words for part in _split_rare(word)]
    return words


# Once the ASCII bytes that are neither a word character to `\w` nor white space are deleted, each word character
# becomes "x" and each white space a space: a run holding a word character starts wherever " x" is read.
_WORD_MARKS = bytes(ord("x") if chr(byte).isalnum() or byte == ord("_") else ord(" ") for byte in range(256))
_NOT_WORD_OR_SPACE = bytes(
    byte for byte in range(128) if not (chr(byte).isalnum() or byte == ord("_") or chr(byte).isspace())
)


def _plain_words(spaced: str, final_stop: int) -> list[str] | None:
    """Return the words of a plain ASCII sentence (always-apart characters spaced), else None."""
    # Plain: no rule applies but the cuts at its final stop and at commas or colons ending a run. Such a sentence
    # (about half of all news) is split at C speed, without reading its runs one by one.
    # Those cuts stand for spaces to every rule (the pieces around them are split as if spaced apart), and the words
    # on either side are what remains once they are spaces. A comma or colon ending a run is followed by a space
    # once a space ends the sentence.
    if "'" in spaced:
        return None  # apostrophes have rules of their own (two sentences in five hold one)
    text = f"{spaced[:final_stop]} {spaced[final_stop + 1 :]} " if final_stop >= 0 else spaced + " "
    # Nearly every sentence holds ", ": replaced at once, it is looked for once. A one-character test is far
    # cheaper than a two-character one, so each rare pair is looked for only when its first character is there.
    text = text.replace(", ", "  ")
    if ":" in text:
        text = text.replace(": ", "  ")
    if "," in text or ":" in text or ("." in text and ".." in text) or ("-" in text and "--" in text):
        return None  # commas inside a run, ellipses and double dashes have rules of their own
    words = text.split()
    # Each run left holds a word character, unless it is a bare "-" or "/" that is no word: then the runs are read.
    marks = text.encode().translate(_WORD_MARKS, _NOT_WORD_OR_SPACE)
    if marks.count(b" x") + marks.startswith(b"x") != len(words):
        return None
    return words


def _words_by_run(sentence: str, runs: list[str], final_stop: int) -> list[str]:
    """Return the sentence's words from its runs (see `_runs`), before rare contractions are split, run by run."""
    final_run = -1
    if final_stop >= 0:
        # Only apostrophes can follow the final full stop inside a run, so its run is the last with a full stop.
        final_run = len(runs) - 1
        while "." not in runs[final_run]:
            final_run -= 1
    words: list[str] = []
    for index, text in enumerate(runs):
        if text.isalpha():
            words.append(text)
        elif _CONTEXT_CHARS.isdisjoint(text):
            if _WORD_CHAR.search(text):
                words.append(text)
        elif index == final_run:
            stop = text.rfind(".")
            if stop == len(text) - 1 and text[:-1].isalnum():
                words.append(text[:-1])  # "... the end."
            else:
                words.extend(_split_run(text, stop, _spaced_after(sentence, runs, index)))
        elif text[-1] in ",:" and text[:-1].isalnum():
            words.append(text[:-1])  # "said," and "warning:"
        elif "'" in text and (parts := _apostrophe_parts(text)) is not None:
            words.extend(parts)  # the commonest runs with an apostrophe, split without the general rules
        elif "'" in text or "," in text or ":" in text or ".." in text or "--" in text:
            words.extend(_split_run(text, -1, "'" in text and _spaced_after(sentence, runs, index)))
        elif _WORD_CHAR.search(text):
            words.append(text)  # "U.S.", "well-known", "3.5": full stops and single hyphens stay inside
    return words


def _runs(sentence: str) -> list[str]:
    """Return the sentence's runs of characters that are neither whitespace nor always set apart."""
    if sentence.isascii():
        return _apart_spaced(sentence).split()
    return _RUN.findall(sentence)


def _apart_spaced(sentence: str) -> str:
    """Return an ASCII sentence with a space for each always-apart character."""
    return sentence.encode().translate(_APART_TO_SPACE).decode()


def _apostrophe_parts(run: str) -> list[str] | None:
    """Return the words of letters around one apostrophe as `_split_run` gives them ("Obama's", "'We"), else None."""
    # The letters hold no apostrophe, comma or dot, so no other rule of _split_run applies to them.
    if run[-2:] in _SHORT_SUFFIXES and run[:-2].isalpha():
        return [run[:-2], run[-2:]]  # "Obama's", "I'm"
    if run[-3:] in _LONG_SUFFIXES and run[:-3].isalpha():
        return [run[:-3], run[-3:]]  # "didn't", "they're"
    if run[-1] == "'" and run[:-1].isalpha():
        return [run[:-1]]  # "Barrientos'": the closing mark is no word
    if run[0] == "'" and run[1:].isalpha() and _CONTRACTION_START.match(run, 1) is None:
        return [run[1:]]  # "'We": an opening quote mark
    head, _, tail = run.partition("'")
    if head.isalpha() and tail.isalpha():
        return [run]  # "O'Neill"
    return None


def _spaced_after(sentence: str, runs: list[str], index: int) -> bool:
    """Tell whether NLTK's early rules see a space after the run at `index` (which matters to a closing apostrophe)."""
    # A run holds no whitespace and no always-apart character, so the last place a run is found before the next
    # run starts is where it stands: walked back from the sentence's end, a few `rfind`s place it.
    start = len(sentence)
    for run in reversed(runs[index:]):
        start = sentence.rfind(run, 0, start)
    end = start + len(runs[index])
    return end < len(sentence) and (sentence[end] == " " or sentence[end] in _EARLY_APART)


def _final_stop(text: str) -> int:
    """Return where the sentence's final full stop is, if NLTK splits it off its word, else -1."""
    index = text.rfind(".")
    if index <= 0 or text[index - 1] == ".":
        return -1
    tail = text[index + 1 : len(text.rstrip())]
    for offset, character in enumerate(tail):
        if character not in _AFTER_FINAL_STOP:
            return -1
        before = text[index + offset]
        if character == '"' and before in _OPENS_QUOTE_AFTER:
            return -1
        if character == "'" and tail[offset + 1 : offset + 2] == "'" and before in _OPENS_QUOTE_AFTER:
            return -1
    return index


def _split_run(run: str, final_stop: int, spaced_after: bool) -> list[str]:
    """Split a run of characters without spaces or always-apart characters into NLTK's word tokens."""
    early_cuts, late_cuts = _cuts(run, final_stop)
    words: list[str] = []
    previous = 0
    for cut in sorted(early_cuts | late_cuts | {len(run)}):
        if cut > previous:
            early = cut in early_cuts if cut < len(run) else spaced_after
            words.extend(part for part in _split_suffix(run[previous:cut], early) if _WORD_CHAR.search(part))
            previous = cut
    return words


def _cuts(run: str, final_stop: int) -> tuple[set[int], set[int]]:
    """Return where NLTK's rules put a space inside the run: before and after it splits closing apostrophes."""
    cuts: set[int] = set()
    late: set[int] = set()
    length = len(run)
    index = run.find("'")
    while index >= 0:  # "'Tis", "'em": a quote mark opening the word, unless it starts a contraction
        opens_word = (index == 0 or not _is_word_character(run[index - 1])) and index + 1 < length
        if opens_word and _is_word_character(run[index + 1]) and not _CONTRACTION_START.match(run, index + 1):
            cuts.add(index + 1)
        index = run.find("'", index + 1)
    index = 0
    while index < length:
        if run[index] in ",:":
            if index + 1 < length and run[index + 1].isdecimal():
                index += 1  # "1,000" and "10:30" stay whole
                continue
            cuts.update((index, index + 1))
            index += 2  # the character after a split comma is consumed: ",,x" leaves ",x" whole
            continue
        index += 1
    index = run.find("..")
    while index >= 0:  # an ellipsis stands alone
        end = index + 2
        while end < length and run[end] == ".":
            end += 1
        cuts.update((index, end))
        index = run.find("..", end)
    index = run.find("--")
    while index >= 0:  # a double dash stands alone; "---" leaves one dash on the next word
        late.update((index, index + 2))
        index = run.find("--", index + 2)
    index = run.find("''")
    while index >= 0:  # two apostrophes are a closing quote
        late.update((index, index + 2))
        index = run.find("''", index + 2)
    if final_stop >= 0:
        cuts.update((final_stop, final_stop + 1))
    return cuts, late


def _is_word_character(character: str) -> bool:
    return _WORD_CHAR.match(character) is not None


def _split_suffix(piece: str, spaced_after: bool) -> list[str]:
    """Split a closing apostrophe, a possessive or a contraction off its word ("dogs'", "it's", "didn't").

    NLTK does this in three passes: a closing apostrophe already followed by a space, then "'s",
    "'m", "'d" or a closing apostrophe, then "'ll", "'re", "'ve" and "n't"; each looks at the end
    of what the pass before left.
    """
    if "'" not in piece or len(piece) < 2:
        return [piece]
    tails: list[str] = []
    if spaced_after and piece[-1] == "'" and piece[-2] != "'":
        piece, tails = piece[:-1], ["'"]
    if len(piece) > 2 and piece.endswith(_SHORT_SUFFIXES) and piece[-3] != "'":
        piece, tails = piece[:-2], [piece[-2:], *tails]
    elif len(piece) > 1 and piece[-1] == "'" and piece[-2] != "'":
        piece, tails = piece[:-1], ["'", *tails]
    if len(piece) > 3 and piece.endswith(_LONG_SUFFIXES) and piece[-4] != "'":
        piece, tails = piece[:-3], [piece[-3:], *tails]
    return [piece, *tails]


def _split_rare(word: str) -> list[str]:
    """Split a rare contraction in the word as NLTK does ("cannot" → "can not"); keep parts with a word character."""
    # Every splitting pattern needs a rare contraction's letters: one search spares a word without them the ten
    # substitutions (each word kept holds a word character already).
    if _RARE_CONTRACTION.search(word.lower()) is None:
        return [word]
    text = f" {word} "
    for pattern, replacement in _RARE_SPLITS:
        text = pattern.sub(replacement, text)
    return [part for part in text.split() if _WORD_CHAR.search(part)]
