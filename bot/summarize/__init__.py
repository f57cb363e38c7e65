"""Extractive summaries: whole sentences from the article, in article order, readable on their own."""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

from bot.errors import UserError
from bot.models import Document
from bot.summarize.news import DEFAULT_WEIGHTS, NewsWeights, SentenceView, mmr_ranker, news_scores, sentence_features
from bot.summarize.references import opens_with_unresolved_reference
from bot.summarize.select import Ranker, choose, static_ranker
from bot.text.language import content_stems, news_tokenizer

__all__ = ["ALGORITHMS", "DEFAULT_WEIGHTS", "NewsWeights", "opens_with_unresolved_reference", "summarize"]

# sumy's own algorithms; lexrank, lsa and textrank also need numpy (the `numpy` extra).
SUMY_ALGORITHMS: tuple[str, ...] = ("lexrank", "lsa", "textrank", "luhn", "kl", "sumbasic", "edmundson", "reduction")
ALGORITHMS: tuple[str, ...] = ("news", *SUMY_ALGORITHMS)


def _check_request(count: int, algorithm: str) -> None:
    if algorithm not in ALGORITHMS:
        raise UserError(f"Unknown summary algorithm {algorithm!r}; choose one of: {', '.join(ALGORITHMS)}.")
    if count < 1:
        raise UserError("A summary needs at least one sentence; ask for a count of 1 or more.")


class _WordSets(Sequence[frozenset[str]]):
    """Each sentence's lower-cased words as a set, made when first asked for: `choose` asks for about one in eight."""

    def __init__(self, words: Sequence[tuple[str, ...]]) -> None:
        self._words = words
        self._made: dict[int, frozenset[str]] = {}

    def __len__(self) -> int:
        return len(self._words)

    @overload
    def __getitem__(self, position: int) -> frozenset[str]: ...

    @overload
    def __getitem__(self, position: slice) -> Sequence[frozenset[str]]: ...

    def __getitem__(self, position: int | slice) -> frozenset[str] | Sequence[frozenset[str]]:
        if isinstance(position, slice):
            return [self[index] for index in range(len(self))[position]]
        made = self._made.get(position)
        if made is None:
            made = self._made[position] = frozenset(map(str.lower, self._words[position]))
        return made


def _news_ranker(views: list[SentenceView], title: str | None, weights: NewsWeights) -> Ranker:
    title_stems = frozenset(content_stems(news_tokenizer().to_words(title))) if title else frozenset()
    stem_sets = [frozenset(v.stems) for v in views]
    scores = news_scores(sentence_features(views, title_stems, stem_sets), weights)
    return mmr_ranker(scores, stem_sets, weights.redundancy)


def _sumy_ranker(algorithm: str, document: Document) -> Ranker:
    # Imported only for a sumy algorithm: sumy's summarizers bring numpy and requests, about 0.25 s
    # of a cold start that the default `news` summarizer does without.
    from bot.summarize.sumy_rank import rank_with_sumy

    return static_ranker(rank_with_sumy(algorithm, document))


def summarize(
    document: Document, count: int = 3, algorithm: str = "news", weights: NewsWeights = DEFAULT_WEIGHTS
) -> list[str]:
    """Return up to `count` whole sentences of the document, in article order, chosen by `algorithm`."""
    _check_request(count, algorithm)
    # Blank sentences are skipped, as sumy's document skips them, so positions line up with sumy's.
    texts = [text for text in map(str.strip, document.sentences) if text]
    if not texts:
        return []
    tokenizer = news_tokenizer()
    words = [tokenizer.to_words(text) for text in texts]
    if algorithm == "news":
        views = [SentenceView(text, w, tuple(content_stems(w))) for text, w in zip(texts, words, strict=True)]
        ranker = _news_ranker(views, document.title, weights)
    else:
        ranker = _sumy_ranker(algorithm, document)
    positions = choose(ranker, texts, _WordSets(words), count)
    return [texts[p] for p in positions]
