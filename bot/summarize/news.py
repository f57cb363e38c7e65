"""The news-tuned summarizer: LexRank centrality plus what news writing tells us about a sentence."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.summarize.centrality import lexrank_scores
from bot.summarize.select import Ranker, jaccard


@dataclass(frozen=True)
class NewsWeights:
    """The few interpretable weights of the news score; tuned on the tuning split only (see bench/quality.py)."""

    lead: float = 1.0  # news puts the story first: the inverted pyramid
    lead_decay: float = 3.0  # sentences until the lead prior halves
    centrality: float = 0.5  # LexRank: what the rest of the article keeps coming back to
    title: float = 0.5  # share of the headline's content words the sentence repeats
    facts: float = 0.3  # names and numbers per word: reported facts rather than colour
    quote: float = 0.3  # penalty for sentences that are mostly someone's words in quotation marks
    length: float = 0.5  # penalty for fragments and run-ons
    redundancy: float = 0.6  # MMR: penalty per unit of similarity to a sentence already chosen


DEFAULT_WEIGHTS = NewsWeights()

# Sentence lengths in words a summary reads best at; outside this band the length penalty grows.
IDEAL_WORDS = (12, 32)

_QUOTE_SPAN = re.compile(r"[\"“”‘]([^\"“”‘’]{12,})[\"“”’]|'([^']{12,})'")
_NUMBER = re.compile(r"\d")


@dataclass(frozen=True)
class SentenceView:
    """What the news score reads from one sentence."""

    text: str
    words: tuple[str, ...]
    stems: tuple[str, ...]


def lead_prior(count: int, decay: float) -> np.ndarray:
    """Return 1 for the first sentence, halving every `decay` sentences after it."""
    return 0.5 ** (np.arange(count) / decay)


def title_overlap(stems: Sequence[str], title_stems: frozenset[str]) -> float:
    """Return the share of the headline's content stems the sentence contains."""
    if not title_stems:
        return 0.0
    return len(title_stems.intersection(stems)) / len(title_stems)


def fact_density(words: Sequence[str]) -> float:
    """Return the share of words that are numbers or capitalised names past the first word."""
    if not words:
        return 0.0
    facts = sum(1 for w in words[1:] if w[:1].isupper() or _NUMBER.search(w))
    facts += 1 if _NUMBER.search(words[0]) else 0
    return facts / len(words)


def quoted_share(text: str) -> float:
    """Return the share of the sentence's characters inside quotation marks."""
    if not text:
        return 0.0
    inside = sum(len(m.group(1) or m.group(2) or "") for m in _QUOTE_SPAN.finditer(text))
    # A sentence opening a quotation that closes in a later sentence is all quote.
    if text.lstrip()[:1] in "\"“‘'" and inside == 0:
        return 1.0
    return min(1.0, inside / len(text))


def length_penalty(word_count: int, ideal: tuple[int, int] = IDEAL_WORDS) -> float:
    """Return 0 inside the ideal band, growing linearly (1 per band width) outside it."""
    low, high = ideal
    if word_count < low:
        return (low - word_count) / low
    if word_count > high:
        return (word_count - high) / (high - low)
    return 0.0


def news_scores(views: Sequence[SentenceView], title_stems: frozenset[str], weights: NewsWeights) -> np.ndarray:
    """Return the news score of each sentence, before redundancy."""
    count = len(views)
    if count == 0:
        return np.zeros(0)
    scores = weights.lead * lead_prior(count, weights.lead_decay)
    scores = scores + weights.centrality * lexrank_scores([v.stems for v in views])
    scores += weights.title * np.array([title_overlap(v.stems, title_stems) for v in views])
    scores += weights.facts * np.array([fact_density(v.words) for v in views])
    scores -= weights.quote * np.array([quoted_share(v.text) for v in views])
    scores -= weights.length * np.array([length_penalty(len(v.words)) for v in views])
    return scores


def mmr_ranker(scores: np.ndarray, stem_sets: Sequence[frozenset[str]], redundancy: float) -> Ranker:
    """Rank the remaining sentences by score minus similarity to the closest sentence already chosen."""

    def rank(chosen: Sequence[int]) -> list[int]:
        adjusted = []
        for position, score in enumerate(scores):
            overlap = max((jaccard(stem_sets[position], stem_sets[c]) for c in chosen), default=0.0)
            adjusted.append((score - redundancy * overlap, -position))
        order = sorted(range(len(scores)), key=lambda p: adjusted[p], reverse=True)
        return order

    return rank
