"""Find sentence boundaries the way NLTK's Punkt tokenizer does with fixed, untrained parameters.

NLTK's `PunktSentenceTokenizer` (Copyright (C) 2001-2025 NLTK Project; Apache License 2.0,
https://www.apache.org/licenses/LICENSE-2.0) learns abbreviations, collocations and the case
words take from a training text. newsbrief gives it no training text, only a list of
abbreviations and of frequent sentence starters, and then most of its machinery has nothing to
do: with no learned case statistics a following word is "not a sentence start" when it is lower
case or punctuation and "unknown" otherwise. This module applies exactly those decisions, with
the same candidate contexts and the same realignment of closing quotes and brackets, without
building a token object per word. Its output equals Punkt's with the same parameters (the tests
check it on real news text); importing NLTK for Punkt cost a cold start about 0.3 s.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from heapq import merge

# Punctuation that cannot sit inside a word, so a full stop right before it may end a sentence.
_NON_WORD = r"""(?:[)";}\]*:@'({\[‘’“”«»?!])"""
_MULTI_CHARACTER = r"(?:-{2,}|\.{2,}|(?:\.\s){2,}\.)"
_WORD_START = r"""[^("`{\[:;&#*@)}\]\-,]"""
# A candidate boundary: . ? or ! followed by other punctuation or by space and the next word. One pattern per mark:
# opening with one literal character, a search skips to each mark several times faster than it tests every character
# against a set (most paragraphs hold only full stops; the others' searches are merged in order).
_AFTER_MARK = r"(?=(?P<after>" + _NON_WORD + r"|\s+(?P<next>\S+)))"
_MARK_CONTEXTS = {mark: re.compile(re.escape(mark) + _AFTER_MARK) for mark in ".?!"}
# Punkt's own word split, used only on the few characters around a candidate.
_CONTEXT_WORD = re.compile(
    rf"{_MULTI_CHARACTER}"
    rf"|(?={_WORD_START})\S+?(?=\s|$|{_NON_WORD}|{_MULTI_CHARACTER}|,(?=$|\s|{_NON_WORD}|{_MULTI_CHARACTER}))"
    r"|\S"
)
# Closing quotes and brackets after a boundary belong to the sentence before it.
_CLOSING_CHARACTERS = "\"')]}‘’“”«»"
_CLOSERS = frozenset(_CLOSING_CHARACTERS)
_CLOSING = re.compile("[" + re.escape(_CLOSING_CHARACTERS) + r"]+?(?:\s+|(?=--)|$)", re.MULTILINE)
_NUMERIC = re.compile(r"-?[.,]?\d[\d,.-]*\.?")
_INITIAL = re.compile(r"[^\W\d]\.")
_ELLIPSIS = re.compile(r"\.\.+")
_NUMBER_TYPE = "##number##"
_SENTENCE_END_TOKENS = frozenset(".?!")
_NEVER_STARTS = frozenset(";:,.!?")
_ASCII_SPACE = ("\n", "\t", "\r", "\x0b", "\x0c")
_OTHER_SPACE = re.compile(r"[\t\n\r\x0b\x0c]")
# A word that Punkt's word split leaves whole with the full stop after it: letters and digits, with
# single full stops or hyphens inside ("U.S", "well-known", "2015").
_SIMPLE_WORD = re.compile(r"[^\W_](?:[^\W_]|[.-](?=[^\W_]))*")


class SentenceSplitter:
    """Split text into sentences with a fixed list of abbreviations and of frequent sentence starters."""

    def __init__(self, abbreviations: frozenset[str], sentence_starters: frozenset[str]) -> None:
        self._abbreviations = abbreviations
        self._starters = sentence_starters

    def split(self, text: str) -> list[str]:
        """Return the sentences of `text`, without surrounding space."""
        return [text[start:stop] for start, stop in _realigned(text, self._spans(text))]

    def _spans(self, text: str) -> Iterator[tuple[int, int]]:
        last_break = 0
        for match, word in _end_contexts(text):
            if self._decide(match, word):
                yield last_break, match.end()
                next_start = match.start("next")  # -1 when no word follows the mark
                last_break = next_start if next_start >= 0 else match.end()
        yield last_break, len(text.rstrip())

    def _decide(self, match: re.Match[str], word: str) -> bool:
        """Tell whether a candidate boundary ends a sentence, given the word before its mark."""
        if match.group() != ".":
            return True  # "?" and "!" are tokens of their own, and a token follows them
        following = match.group("next")
        if following is None:
            following = match.group("after")  # a single punctuation mark
        elif "." in following or "?" in following or "!" in following:
            following = ""  # several words after the mark could end a sentence themselves: read them all
        elif not following.isalnum():
            # Only its first token can follow the mark ("'Hillary", '"' of '"I', "--" of "--The"): no later one
            # can end a sentence without a . ? or !.
            found = _CONTEXT_WORD.match(following)
            following = found.group() if found else ""
        if following:
            # The common case: "said. The", "U.S. officials", "2015. But": one token before the mark, one after.
            if len(word) > 1 and word.isalpha():
                # A word of letters (a simple word, too) is no initial, number or ellipsis: only an abbreviation
                # keeps the sentence going.
                return word.lower() not in self._abbreviations or self._ends_sentence(word + ".", following)
            if _SIMPLE_WORD.fullmatch(word):
                return self._ends_sentence(word + ".", following)
        return self._breaks(word + match.group() + match.group("after"))

    def _breaks(self, context: str) -> bool:
        """Tell whether any token of the context but the last ends a sentence."""
        tokens = [token for line in context.split("\n") if line.strip() for token in _CONTEXT_WORD.findall(line)]
        return any(self._ends_sentence(tokens[index], tokens[index + 1]) for index in range(len(tokens) - 1))

    def _ends_sentence(self, token: str, following: str) -> bool:
        """Decide one token as Punkt's two annotation passes would, given the token after it."""
        if token in _SENTENCE_END_TOKENS:
            return True
        ellipsis = _ELLIPSIS.fullmatch(token) is not None
        if not token.endswith(".") or (token.endswith("..") and not ellipsis):
            return False  # only words ending in a full stop (or an ellipsis) are ever decided
        abbreviation = False
        if not ellipsis:
            stem = token[:-1].lower()
            abbreviation = stem in self._abbreviations or stem.split("-")[-1] in self._abbreviations
        breaks = not (abbreviation or ellipsis)
        initial = _INITIAL.fullmatch(token) is not None
        if (abbreviation or ellipsis) and not initial and self._starts_sentence(following):
            return True
        if initial or _type_without_stop(token) == _NUMBER_TYPE:
            # Untrained, a word starts no sentence when it is lower case or punctuation; else it is unknown.
            not_a_start = following in _NEVER_STARTS or following[0].islower()
            if not_a_start or (initial and following[0].isupper()):
                return False
        return breaks

    def _starts_sentence(self, token: str) -> bool:
        """Tell whether a capitalized word is one of the frequent sentence starters ("The", "But")."""
        return token[0].isupper() and self._next_type(token) in self._starters

    def _next_type(self, token: str) -> str:
        # The next word's own full stop is dropped only when that word ends a sentence by itself.
        return _type_without_stop(token) if self._first_pass_breaks(token) else _type(token)

    def _first_pass_breaks(self, token: str) -> bool:
        """Tell whether a token ends a sentence judged by itself alone (Punkt's first pass)."""
        if token in _SENTENCE_END_TOKENS:
            return True
        if _ELLIPSIS.fullmatch(token) or not token.endswith(".") or token.endswith(".."):
            return False
        stem = token[:-1].lower()
        return not (stem in self._abbreviations or stem.split("-")[-1] in self._abbreviations)


def _type(token: str) -> str:
    lowered = token.lower()
    return _NUMBER_TYPE if _NUMERIC.fullmatch(lowered) else lowered


def _type_without_stop(token: str) -> str:
    kind = _type(token)
    return kind[:-1] if len(kind) > 1 and kind[-1] == "." else kind


def _end_contexts(text: str) -> Iterator[tuple[re.Match[str], str]]:
    """Yield each candidate boundary with the word before its mark (as far back as the last space)."""
    previous_start = previous_stop = 0
    previous: re.Match[str] | None = None
    # A paragraph seldom holds a tab or line break: one look for the whole text spares one per candidate. A
    # substring test per kind of space is several times faster than the pattern's test of every character.
    other_spaces = any(map(text.__contains__, _ASCII_SPACE))
    for match in _candidates(text):
        stop = match.start()
        # With plain spaces only (most paragraphs), the last space is found without a call.
        space = _last_space(text, previous_stop, stop) if other_spaces else text.rfind(" ", previous_stop, stop)
        word_start = space + 1 if space > previous_stop else previous_start
        if previous is not None and previous_stop <= word_start:
            yield previous, text[previous_start:previous_stop]
        previous, previous_start, previous_stop = match, word_start, stop
    if previous is not None:
        yield previous, text[previous_start:previous_stop]


def _candidates(text: str) -> Iterator[re.Match[str]]:
    """Return the candidate boundaries of the text (see `_MARK_CONTEXTS`) in order."""
    searches = [pattern.finditer(text) for mark, pattern in _MARK_CONTEXTS.items() if mark in text]
    return searches[0] if len(searches) == 1 else merge(*searches, key=re.Match.start)


def _last_space(text: str, start: int, stop: int) -> int:
    # Punkt looks for ASCII white space only, and treats one at `start` itself as none at all.
    found = text.rfind(" ", start, stop)
    if _OTHER_SPACE.search(text, start, stop):
        found = max(found, *(text.rfind(space, start, stop) for space in _ASCII_SPACE))
    return found


def _realigned(text: str, spans: Iterator[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Move closing quotes and brackets that follow a boundary onto the sentence before it."""
    shift = 0
    pending: tuple[int, int] | None = None
    for span in spans:
        if pending is not None:
            # Matched in place (an end position stands for the span's end) and once for both uses; most sentences open
            # with no closing character, and need no match at all.
            closing = _CLOSING.match(text, span[0], span[1]) if text[span[0] : span[0] + 1] in _CLOSERS else None
            start, stop = pending[0] + shift, pending[1]
            if closing:
                yield start, span[0] + len(closing.group().rstrip())
            elif start < stop:
                yield start, stop
            shift = closing.end() - span[0] if closing else 0
        pending = span
    if pending is not None:
        start, stop = pending[0] + shift, pending[1]
        if start < stop:
            yield start, stop
