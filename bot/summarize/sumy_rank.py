"""Rank an article's sentences with sumy's plain algorithms, best first."""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Callable, Sequence
from functools import cache
from types import ModuleType
from typing import Any

from sumy.summarizers.edmundson import EdmundsonSummarizer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from bot.errors import UserError
from bot.models import Document
from bot.summarize import SUMY_ALGORITHMS
from bot.summarize.dom import sentence_index, to_sumy_document
from bot.text.language import stemmer, stop_words

numpy: ModuleType | None
try:  # optional: the `numpy` extra; the default `news` summarizer does without it
    import numpy
except ImportError:  # pragma: no cover - depends on what is installed
    numpy = None

# sumy's summarizers that build matrices with numpy.
NEEDS_NUMPY = frozenset({"lexrank", "lsa", "textrank"})

# Cue words for Edmundson, tuned to news: bonus words mark the news itself (what happened, what was said,
# numbers that matter); stigma words mark asides, promotion and page furniture.
NEWS_BONUS_WORDS = (
    "announced", "said", "says", "told", "confirmed", "reported", "according", "found", "revealed",
    "killed", "died", "arrested", "charged", "won", "lost", "elected", "agreed", "approved", "rejected",
    "launched", "million", "billion", "percent", "per", "cent", "first", "new", "official", "officials",
    "police", "government", "president", "minister", "court", "deal", "plan", "report", "study",
)
NEWS_STIGMA_WORDS = (
    "click", "subscribe", "newsletter", "advertisement", "sponsored", "follow", "share", "comment",
    "comments", "photo", "photos", "picture", "pictures", "video", "watch", "scroll", "related",
    "copyright", "perhaps", "maybe", "anyway", "incidentally", "meanwhile", "hopefully",
)


def _with_stop_words(summarizer: Any) -> Any:
    summarizer.stop_words = stop_words()
    return summarizer


def _edmundson() -> EdmundsonSummarizer:
    summarizer = EdmundsonSummarizer(stemmer())
    summarizer.bonus_words = NEWS_BONUS_WORDS
    summarizer.stigma_words = NEWS_STIGMA_WORDS
    # Title words that are stop words carry no topic, so they are the "null" words the title method ignores.
    summarizer.null_words = stop_words()
    return summarizer


_FACTORIES: dict[str, Callable[[], Any]] = {
    "lexrank": lambda: _with_stop_words(LexRankSummarizer(stemmer())),
    "lsa": lambda: _with_stop_words(LsaSummarizer(stemmer())),
    "textrank": lambda: _with_stop_words(TextRankSummarizer(stemmer())),
    "luhn": lambda: _with_stop_words(LuhnSummarizer(stemmer())),
    # KL compares lower-cased words without stemming; its stop words are a plain attribute, already lower-case.
    "kl": lambda: _with_stop_words(KLSummarizer(stemmer())),
    "sumbasic": lambda: _with_stop_words(SumBasicSummarizer(stemmer())),
    "edmundson": _edmundson,
    "reduction": lambda: _with_stop_words(ReductionSummarizer(stemmer())),
}

assert tuple(_FACTORIES) == SUMY_ALGORITHMS


@cache
def _summarizer(algorithm: str) -> Any:
    # Building Edmundson stems every cue word; the summarizers keep no per-document state, so reuse them.
    return _FACTORIES[algorithm]()


class _RankingRecorder:
    """A sumy sentence count that keeps every sentence and remembers sumy's best-first order."""

    def __init__(self) -> None:
        self.ranked: list[Any] = []

    def __call__(self, infos_best_first: Sequence[Any]) -> Sequence[Any]:
        # sumy calls the count with its sentences sorted by rating, best first, before re-sorting by position.
        self.ranked = [info.sentence for info in infos_best_first]
        return infos_best_first


def rank_with_sumy(algorithm: str, document: Document) -> list[int]:
    """Return sentence positions best first, as sumy's `algorithm` rates them."""
    if algorithm in NEEDS_NUMPY and numpy is None:
        raise UserError(
            f"The {algorithm} algorithm needs numpy: pip install 'newsbrief[numpy]' "
            "(the default news algorithm does not)."
        )
    dom = to_sumy_document(document)
    if not dom.sentences:
        return []
    recorder = _RankingRecorder()
    # LSA warns when a short text has fewer distinct words than sentences, and LexRank's power method divides
    # by zero when no sentence has a content word; both still return a usable (if flat) ranking.
    with warnings.catch_warnings(), _quiet_numpy():
        warnings.simplefilter("ignore", UserWarning)
        _summarizer(algorithm)(dom, recorder)
    positions = sentence_index(dom)
    ranked = [positions[id(sentence)] for sentence in recorder.ranked]
    # LSA gives up on a text made only of stop words and ranks nothing; fall back to article order.
    seen = set(ranked)
    return ranked + [p for p in range(len(dom.sentences)) if p not in seen]


def _quiet_numpy() -> contextlib.AbstractContextManager[Any]:
    return numpy.errstate(divide="ignore", invalid="ignore") if numpy is not None else contextlib.nullcontext()
