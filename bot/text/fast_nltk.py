"""NLTK's Punkt and word tokenizers with their own fixed rules, run on the standard `re` engine.

NLTK routes every regular expression through `nltk.redos`, a timeout-guarded wrapper around the
`regex` package. That guard is meant for caller-supplied patterns; for the tokenizers' own fixed,
linear patterns it only adds per-call overhead, which on short news sentences is most of the cost
(about four times slower for words, twice for sentences). These subclasses swap in the same
patterns compiled with `re` and change nothing else, so the output is NLTK's.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from nltk.tokenize import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktLanguageVars, PunktToken

_RE_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE | re.UNICODE

# Only these words trigger NLTK's rare contraction rules; skipping ten regexes otherwise is safe.
_RARE_CONTRACTION = re.compile(r"(?i)cannot|d'ye|gimme|gonna|gotta|lemme|more'n|wanna|'t(?:is|was)")


def _stdlib(pattern: Any) -> re.Pattern[str]:
    """Recompile an NLTK pattern (a timed `regex` wrapper or a plain pattern) with `re`."""
    return re.compile(pattern.pattern, pattern.flags & _RE_FLAGS)


def _stdlib_rules(rules: list[tuple[Any, str]]) -> list[tuple[re.Pattern[str], str]]:
    return [(_stdlib(pattern), substitution) for pattern, substitution in rules]


class _FullWordTokenizer(NLTKWordTokenizer):  # type: ignore[misc]  # NLTK ships no type hints
    STARTING_QUOTES = _stdlib_rules(NLTKWordTokenizer.STARTING_QUOTES)
    ENDING_QUOTES = _stdlib_rules(NLTKWordTokenizer.ENDING_QUOTES)
    PUNCTUATION = _stdlib_rules(NLTKWordTokenizer.PUNCTUATION)
    PARENS_BRACKETS = _stdlib_rules([NLTKWordTokenizer.PARENS_BRACKETS])[0]
    DOUBLE_DASHES = _stdlib_rules([NLTKWordTokenizer.DOUBLE_DASHES])[0]
    CONTRACTIONS2: ClassVar[list[re.Pattern[str]]] = [_stdlib(p) for p in NLTKWordTokenizer.CONTRACTIONS2]
    CONTRACTIONS3: ClassVar[list[re.Pattern[str]]] = [_stdlib(p) for p in NLTKWordTokenizer.CONTRACTIONS3]


class _CommonWordTokenizer(_FullWordTokenizer):
    CONTRACTIONS2: ClassVar[list[re.Pattern[str]]] = []
    CONTRACTIONS3: ClassVar[list[re.Pattern[str]]] = []


class StdlibWordTokenizer:
    """Tokenize like `NLTKWordTokenizer`, only faster."""

    def __init__(self) -> None:
        self._full = _FullWordTokenizer()
        self._common = _CommonWordTokenizer()

    def tokenize(self, text: str) -> list[str]:
        tokenizer = self._full if _RARE_CONTRACTION.search(text) else self._common
        words: list[str] = tokenizer.tokenize(text)
        return words


class StdlibPunktLanguageVars(PunktLanguageVars):  # type: ignore[misc]  # NLTK ships no type hints
    """Punkt's English language variables with patterns compiled by `re`."""

    re_boundary_realignment = _stdlib(PunktLanguageVars.re_boundary_realignment)
    _re_word_tokenizer: re.Pattern[str]
    _re_period_context: re.Pattern[str]

    def _word_tokenizer_re(self) -> re.Pattern[str]:
        try:
            return self._re_word_tokenizer
        except AttributeError:
            self._re_word_tokenizer = _stdlib(super()._word_tokenizer_re())
            return self._re_word_tokenizer

    def period_context_re(self) -> re.Pattern[str]:
        try:
            return self._re_period_context
        except AttributeError:
            self._re_period_context = _stdlib(super().period_context_re())
            return self._re_period_context


class StdlibPunktToken(PunktToken):  # type: ignore[misc]  # NLTK ships no type hints
    """Punkt's token with its property patterns compiled by `re`."""

    __slots__ = ()
    _RE_ELLIPSIS = _stdlib(PunktToken._RE_ELLIPSIS)
    _RE_NUMERIC = _stdlib(PunktToken._RE_NUMERIC)
    _RE_INITIAL = _stdlib(PunktToken._RE_INITIAL)
    _RE_ALPHA = _stdlib(PunktToken._RE_ALPHA)
