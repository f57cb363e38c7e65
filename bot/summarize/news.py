"""The news-tuned summarizer: LexRank centrality plus what news writing tells us about a sentence."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from bot.summarize.centrality import lexrank_scores, sentences_containing
from bot.summarize.select import Ranker, jaccard
from bot.text.language import MAX_KNOWN_WORDS


@dataclass(frozen=True)
class NewsWeights:
    """The few interpretable weights of the news score; tuned on the tuning split only (see bench/quality.py)."""

    lead: float = 1.0  # news puts the story first (inverted pyramid); the other weights are relative to this
    lead_plateau: int = 2  # the lede and the sentence after it (often the "nut graf") share the full lead prior
    lead_decay: float = 2.0  # sentences after the plateau at which the lead prior has halved
    centrality: float = 0.75  # LexRank: what the rest of the article keeps coming back to
    topic: float = 0.2  # how often the article repeats the sentence's words (SumBasic's signal): its topic words
    title: float = 0.1  # share of the headline's content words the sentence repeats; finds the point of feature ledes
    facts: float = 0.15  # names and numbers per word: reported facts rather than colour
    quote: float = 0.15  # penalty for sentences that are mostly someone's words in quotation marks
    question: float = 0.5  # penalty for questions: a teaser ("Who are Ferrari?") asks, a summary tells
    length: float = 0.75  # penalty for fragments and run-ons (see IDEAL_WORDS)
    redundancy: float = 0.2  # MMR: penalty per unit of word overlap with a sentence already chosen


DEFAULT_WEIGHTS = NewsWeights()

# Sentence lengths in words a summary reads best at; outside this band the length penalty grows.
IDEAL_WORDS = (12, 32)

# Quoted spans. A closing single quote must end a word and be followed by a space or punctuation, and a
# straight opening one must start a word, so the apostrophes in "I’d" or "Britain's" do not count.
# Each span ends at the first mark that can close it. Rather than trying the closing mark after every
# character (a lazy `.{3,}?`, the regex engine's slowest loop), a span takes whole runs without the mark,
# and marks that cannot close, possessively: the first mark that can close stops the run, as it stopped
# the lazy one, and nothing is given back.
_CLOSING_FOLLOWER = r"$|[\s.,;:!?)\]\u2013\u2014-]"  # what may stand after a closing single quote
_AFTER_CLOSING = f"(?={_CLOSING_FOLLOWER})"
_NOT_AFTER_CLOSING = f"(?!{_CLOSING_FOLLOWER})"
_QUOTE_SPANS = (
    # No mark inside: the greedy run ends where the lazy one did, at the first closing mark.
    ("“", re.compile(r"“([^“”]{3,})”")),
    ('"', re.compile(r'"([^"]{3,})"')),
    ("‘", re.compile(r"‘(.{3}(?:[^’\n]++|’" + _NOT_AFTER_CLOSING + r")*+)’" + _AFTER_CLOSING)),
    # The mark comes first, so the search jumps from one to the next; what stands before it is asserted after.
    # Inside, a mark after a space cannot close either.
    (
        "'",
        re.compile(
            r"'(?<![^\s(\[\u2013\u2014-]')(?=\S)(.{3}(?:[^'\n]++|'(?<=\s')|'" + _NOT_AFTER_CLOSING + r")*+)"
            r"(?<=\S)'" + _AFTER_CLOSING
        ),
    ),
)
_OPENING_QUOTES = ("“", '"', "‘", "'")
_NUMBER = re.compile(r"\d")


class SentenceView(NamedTuple):
    """What the news score reads from one sentence."""

    text: str
    words: tuple[str, ...]
    stems: tuple[str, ...]


def lead_prior(count: int, decay: float, plateau: int = 1) -> list[float]:
    """Return 1 for the first `plateau` sentences, halving every `decay` sentences after them."""
    # A decay of zero would mean "only the plateau counts"; keep it finite instead of dividing by zero.
    step = max(decay, 1e-3)
    first = max(plateau, 1) - 1
    return [0.5 ** (max(position - first, 0) / step) for position in range(count)]


def title_overlap(stems: Iterable[str], title_stems: frozenset[str]) -> float:
    """Return the share of the headline's content stems the sentence contains."""
    if not title_stems:
        return 0.0
    return len(title_stems.intersection(stems)) / len(title_stems)


def topic_weight(stem_lists: Sequence[Sequence[str]], spread: Counter[str] | None = None) -> list[float]:
    """Return how many other sentences share each sentence's content stems on average, scaled so the best is 1.

    `spread` is `sentences_containing(stem_lists)` when the caller has it already.
    """
    # Counting sentences, not occurrences, keeps one sentence that repeats a word from making it a topic.
    if spread is None:
        spread = sentences_containing(stem_lists)
    # Integer sums, so taking the len(stems) ones off once gives the same weights as one at a time.
    shared_by = spread.__getitem__
    weights = [(sum(map(shared_by, stems)) - len(stems)) / len(stems) if stems else 0.0 for stems in stem_lists]
    top = max(weights, default=0.0)
    return [weight / top for weight in weights] if top > 0 else weights


def is_question(text: str) -> bool:
    """Tell whether the sentence asks a question (a closing quote mark after the "?" does not hide it)."""
    return text.rstrip().rstrip("\"'’”»)").endswith("?")


class _FactWordMemo(dict[str, bool]):
    """Each spelling met so far → whether it tells a fact past a sentence's first word; a new one is decided."""

    def __missing__(self, word: str) -> bool:
        """Decide, remember and return whether a word past the first is a number or a capitalised name."""
        if len(self) >= MAX_KNOWN_WORDS:
            self.clear()  # bounds memory in a long-running bot
        # A word of letters only holds no digit, so the pattern is searched only in the others.
        told = self[word] = word[:1].isupper() or (not word.isalpha() and _NUMBER.search(word) is not None)
        return told


# Decided once per spelling, as news repeats its words: one lookup per word instead of two string tests.
_FACT_WORDS = _FactWordMemo()


def fact_density(words: Sequence[str]) -> float:
    """Return the share of words that are numbers or capitalised names past the first word."""
    if not words:
        return 0.0
    # Every word is looked up, then the first is counted by its own rule: a number only.
    tells = _FACT_WORDS.__getitem__
    first = words[0]
    facts = sum(map(tells, words)) - tells(first) + (0 if first.isalpha() or _NUMBER.search(first) is None else 1)
    return facts / len(words)


def quoted_share(text: str) -> float:
    """Return the share of the sentence's characters inside quotation marks."""
    if not text:
        return 0.0
    inside = 0
    for opening, pattern in _QUOTE_SPANS:  # a plain loop: a generator costs more than the few spans it adds
        if opening in text:  # a pattern can only match where its opening mark is
            inside += sum(map(len, pattern.findall(text)))  # the quoted words are the pattern's one group
    # A sentence opening a quotation that closes in a later sentence is all quote.
    if inside == 0 and text.lstrip().startswith(_OPENING_QUOTES):
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


@dataclass(frozen=True)
class SentenceFeatures:
    """Per-sentence signals, each a list over the article's sentences, computed once per article."""

    centrality: list[float]
    topic: list[float]
    title: list[float]
    facts: list[float]
    quoted: list[float]
    question: list[float]
    length: list[float]

    def __len__(self) -> int:
        return len(self.centrality)


def sentence_features(
    views: Sequence[SentenceView], title_stems: frozenset[str], stem_sets: Sequence[frozenset[str]] | None = None
) -> SentenceFeatures:
    """Compute every signal the news score weighs.

    `stem_sets` is each view's stems as a set when the caller has them already (the redundancy penalty needs them).
    """
    stem_lists = [v.stems for v in views]
    if stem_sets is None:
        stem_sets = [frozenset(stems) for stems in stem_lists]
    # LexRank's idf and the topic weight both count the sentences each stem is in: counted once, from the sets.
    containing = sentences_containing(stem_sets)
    return SentenceFeatures(
        centrality=lexrank_scores(stem_lists, containing=containing, stem_sets=stem_sets),
        topic=topic_weight(stem_lists, containing),
        title=[title_overlap(stems, title_stems) for stems in stem_sets],
        facts=[fact_density(v.words) for v in views],
        quoted=[quoted_share(v.text) for v in views],
        question=[1.0 if is_question(v.text) else 0.0 for v in views],
        length=[length_penalty(len(v.words)) for v in views],
    )


def news_scores(features: SentenceFeatures, weights: NewsWeights) -> list[float]:
    """Return the news score of each sentence, before redundancy."""
    signals = zip(
        lead_prior(len(features), weights.lead_decay, weights.lead_plateau),
        features.centrality, features.topic, features.title, features.facts, features.quoted, features.question,
        features.length,
        strict=True,
    )
    return [
        weights.lead * lead
        + weights.centrality * centrality
        + weights.topic * topic
        + weights.title * title
        + weights.facts * facts
        - weights.quote * quoted
        - weights.question * question
        - weights.length * length
        for lead, centrality, topic, title, facts, quoted, question, length in signals
    ]


def mmr_ranker(scores: Sequence[float], stem_sets: Sequence[frozenset[str]], redundancy: float) -> Ranker:
    """Rank the remaining sentences by score minus similarity to the closest sentence already chosen."""

    # Each chosen sentence's similarity to every sentence, worked out once: the ranking is asked for again
    # after every pick, with the earlier picks still chosen.
    similar: dict[int, list[float]] = {}

    def rank(chosen: Sequence[int]) -> list[int]:
        for c in chosen:
            if c not in similar:
                similar[c] = [jaccard(stems, stem_sets[c]) for stems in stem_sets]
        # Each sentence's overlap with the closest chosen one: the largest of its similarities, column by column.
        rows = [similar[c] for c in chosen]
        overlaps = list(map(max, zip(*rows, strict=True))) if rows else [0.0] * len(scores)
        adjusted = [
            (score - redundancy * overlap, -position)
            for position, (score, overlap) in enumerate(zip(scores, overlaps, strict=True))
        ]
        return sorted(range(len(scores)), key=adjusted.__getitem__, reverse=True)

    return rank
