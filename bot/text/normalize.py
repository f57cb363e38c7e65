"""Normalize raw article text and cut it into paragraphs."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# Characters that render as nothing but split words for every regex and tokenizer downstream.
_INVISIBLE_CHARACTERS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE_CHARACTERS), None)
# Spaces that look like a space but are not one to `str.split` users of `" "`.
_ODD_SPACES = "\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000\t\v\f"
_BLANK_LINES = re.compile(r"\n\s*\n")
_TERMINAL = (".", "!", "?", "…", ":", '"', "”", "’", ")", "]")
_BULLET = re.compile(r"^(?:[-*•·▪]|\d+[.)])\s")


def unaccented(text: str) -> str:
    """Return text without its accents ("Zürich" → "Zurich"); name lists and followed words compare so."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# Byte translation tables: each ASCII byte that is no word character becomes a space, all others stay (a
# character outside ASCII is UTF-8 bytes of 0x80 or more). Word characters are letters and digits, with or
# without the underscore.
_SEPARATORS_BUT_UNDERSCORE = bytes(
    byte if byte >= 0x80 or chr(byte).isalnum() or byte == ord("_") else ord(" ") for byte in range(256)
)
_SEPARATORS = bytes(byte if byte >= 0x80 or chr(byte).isalnum() else ord(" ") for byte in range(256))
# Characters outside ASCII that news puts between words: spaced out first, most texts need no other look.
_COMMON_MARKS = "’‘“”–—£…«»€•·"


def spaced_words(text: str, *, underscore: bool = False) -> bytes:
    r"""Return the runs of letters and digits (and `_`, if asked) in text, single-spaced, in UTF-8.

    These are the words `[^\W_]+` (with the underscore, `\w+`) finds, joined by single spaces: byte translation
    finds them a few times faster than the pattern, which looks at one character at a time.
    """
    table = _SEPARATORS_BUT_UNDERSCORE if underscore else _SEPARATORS
    # Spaces are the only white space left, so squeezing their runs joins the words without making each a
    # bytes object of its own, as split and join would. Each replace halves every run (most are two long, as in
    # ", "), several times faster than a pattern's substitution at each run.
    spaced = word_bytes(text, str.isalnum, table)
    while b"  " in spaced:
        spaced = spaced.replace(b"  ", b" ")
    return spaced.strip(b" ")


# Each word character becomes "x" and each separator a space: a word is then wherever " x" is read.
_WORD_MARKS = bytes(ord("x") if byte >= 0x80 or chr(byte).isalnum() else ord(" ") for byte in range(256))


def count_spaced_words(text: str) -> int:
    r"""Return how many words `spaced_words` gives (the runs `[^\W_]+` finds), without gathering them."""
    marks = word_bytes(text, str.isalnum, _WORD_MARKS)
    return marks.count(b" x") + marks.startswith(b"x")


def common_marks_spaced(text: str) -> str:
    """Return the text with a space for each mark outside ASCII that news puts between words (curly quotes, dashes)."""
    for mark in _COMMON_MARKS:
        if mark in text:
            text = text.replace(mark, " ")
    return text


def word_bytes(text: str, is_word_character: Callable[[str], bool], table: bytes) -> bytes:
    """Return the text in UTF-8 with a space for each character that is not a word character.

    Outside ASCII `is_word_character` tells (it must hold for no character of `_COMMON_MARKS`); inside ASCII
    the translation `table` does, mapping each byte to itself or to a space.
    """
    if not text.isascii():
        text = common_marks_spaced(text)
        if not text.isascii():
            for character in set(text):
                if not (character.isascii() or is_word_character(character)):
                    text = text.replace(character, " ")
    return text.encode("utf-8").translate(table)


def normalize_text(text: str) -> str:
    """Return text in NFC with plain spaces, Unix newlines, no invisible characters, trimmed lines."""
    text = unicodedata.normalize("NFC", text)
    # A substring test per character finds the few texts holding any several times faster than a character
    # class pattern, which looks at one character at a time; str.replace then swaps one character quickly.
    if any(map(text.__contains__, _INVISIBLE_CHARACTERS)):
        text = text.translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    for space in _ODD_SPACES:
        if space in text:
            text = text.replace(space, " ")
    return "\n".join(map(_trimmed_line, text.split("\n"))).strip()


def _trimmed_line(line: str) -> str:
    # Each pass halves every run of spaces, so a run of any length becomes one space in a few fast passes.
    while "  " in line:
        line = line.replace("  ", " ")
    return line.strip()


def _looks_hard_wrapped(lines: list[str]) -> bool:
    """Tell whether a block's lines are one paragraph wrapped at a fixed width."""
    if len(lines) < 2:
        return False
    width = max(len(line) for line in lines)
    if not 40 <= width <= 120:
        return False
    full = sum(1 for line in lines[:-1] if len(line) >= 0.7 * width)
    return full >= 0.75 * (len(lines) - 1)


def _continues(previous: str, following: str) -> bool:
    """Tell whether a line break inside a block falls in the middle of a sentence."""
    if previous.endswith(_TERMINAL) or _BULLET.match(following):
        return False
    return following[:1].islower() or previous.endswith((",", ";", "—", "–", "-"))


def _block_paragraphs(block: str) -> list[str]:
    lines = [line for line in block.split("\n") if line]
    if _looks_hard_wrapped(lines):
        return [" ".join(lines)]
    paragraphs: list[str] = []
    for line in lines:
        if paragraphs and _continues(paragraphs[-1], line):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
    return paragraphs


def split_paragraphs(text: str) -> list[str]:
    """Split normalized text into paragraphs on blank lines, and on single newlines between whole lines."""
    paragraphs: list[str] = []
    for block in _BLANK_LINES.split(text):
        if block.strip():
            paragraphs.extend(_block_paragraphs(block.strip()))
    return paragraphs
