"""NLTK's own tokenizers, set up as newsbrief used them, to check that ours split text the same way.

NLTK's rules run on the `regex` package; newsbrief's first release ran the same patterns on Python's
`re`, which differs from it on a few characters such as "²". The reference keeps that release's
choice, so "the same output as before" is what is checked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, ClassVar

from nltk.tokenize import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer, PunktToken

from bot.text.abbreviations import ABBREVIATIONS
from bot.text.normalize import normalize_text, split_paragraphs
from bot.text.tokenize import SENTENCE_STARTERS
from tests.paths import REPO, SHARED

_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE | re.UNICODE
_WORD_CHARACTER = re.compile(r"\w")


def _stdlib(pattern: Any) -> re.Pattern[str]:
    return re.compile(pattern.pattern, pattern.flags & _FLAGS)


class _Words(NLTKWordTokenizer):  # type: ignore[misc]
    STARTING_QUOTES: ClassVar[list[tuple[re.Pattern[str], str]]] = [(_stdlib(p), s) for p, s in NLTKWordTokenizer.STARTING_QUOTES]
    ENDING_QUOTES: ClassVar[list[tuple[re.Pattern[str], str]]] = [(_stdlib(p), s) for p, s in NLTKWordTokenizer.ENDING_QUOTES]
    PUNCTUATION: ClassVar[list[tuple[re.Pattern[str], str]]] = [(_stdlib(p), s) for p, s in NLTKWordTokenizer.PUNCTUATION]
    PARENS_BRACKETS = (_stdlib(NLTKWordTokenizer.PARENS_BRACKETS[0]), NLTKWordTokenizer.PARENS_BRACKETS[1])
    DOUBLE_DASHES = (_stdlib(NLTKWordTokenizer.DOUBLE_DASHES[0]), NLTKWordTokenizer.DOUBLE_DASHES[1])
    CONTRACTIONS2: ClassVar[list[re.Pattern[str]]] = [_stdlib(p) for p in NLTKWordTokenizer.CONTRACTIONS2]
    CONTRACTIONS3: ClassVar[list[re.Pattern[str]]] = [_stdlib(p) for p in NLTKWordTokenizer.CONTRACTIONS3]


class _LanguageVars(PunktLanguageVars):  # type: ignore[misc]
    re_boundary_realignment = _stdlib(PunktLanguageVars.re_boundary_realignment)

    def _word_tokenizer_re(self) -> re.Pattern[str]:
        return _stdlib(super()._word_tokenizer_re())

    def period_context_re(self) -> re.Pattern[str]:
        return _stdlib(super().period_context_re())


class _Token(PunktToken):  # type: ignore[misc]
    __slots__ = ()
    _RE_ELLIPSIS = _stdlib(PunktToken._RE_ELLIPSIS)
    _RE_NUMERIC = _stdlib(PunktToken._RE_NUMERIC)
    _RE_INITIAL = _stdlib(PunktToken._RE_INITIAL)
    _RE_ALPHA = _stdlib(PunktToken._RE_ALPHA)


_WORDS = _Words()


def _punkt() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    params.sent_starters = set(SENTENCE_STARTERS)
    return PunktSentenceTokenizer(params, lang_vars=_LanguageVars(), token_cls=_Token)


PUNKT = _punkt()


def nltk_words(sentence: str) -> list[str]:
    """Return NLTK's word tokens that hold a word character."""
    return [token for token in _WORDS.tokenize(sentence) if _WORD_CHARACTER.search(token)]


def news_paragraphs() -> Iterator[str]:
    """Yield the paragraphs of real and invented news text at hand: the seeds, and the shared eval articles."""
    texts = [path.read_text(encoding="utf-8") for path in sorted((REPO / "seeds").glob("*.txt"))]
    cnndm = SHARED / "eval" / "cnndm_dev.jsonl"
    if cnndm.is_file():
        texts += [json.loads(line)["article"] for line in cnndm.read_text(encoding="utf-8").splitlines() if line]
    for text in texts:
        yield from split_paragraphs(normalize_text(text))
