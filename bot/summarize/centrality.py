"""LexRank centrality on a sparse similarity graph: memory grows with the links, not with sentences squared.

The scores are sumy's LexRank (threshold and power method of sumy 0.13) computed without numpy:
two sentences are linked when the cosine of their tf-idf vectors exceeds the threshold, and only
sentences that share a stem are ever compared, through an index from each stem to its sentences.
A dense matrix held 33 MB at the 600-sentence cap; the graph here holds one entry per link.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from itertools import chain

# sumy's LexRankSummarizer.threshold and .epsilon.
THRESHOLD = 0.1
EPSILON = 0.1


def sentences_containing(sentences: Iterable[Iterable[str]]) -> Counter[str]:
    """Return, for each stem, how many sentences contain it (its document frequency)."""
    # A frozenset of a frozenset is that same set: sentences already given as sets are not copied.
    return Counter(chain.from_iterable(map(frozenset, sentences)))


def _weights(
    stems: Sequence[str], idf_for: Mapping[int, float], sentence_count_of: Callable[[str], int]
) -> dict[str, float]:
    """Return a sentence's tf-idf weight per stem, term frequency relative to its most frequent stem."""
    counts: dict[str, int] = {}
    for stem in stems:  # a plain dict counts faster than Counter for a sentence's few words
        counts[stem] = counts.get(stem, 0) + 1
    top = max(counts.values())
    return {stem: (found / top) * idf_for[sentence_count_of(stem)] for stem, found in counts.items()}


def _links(
    sentences: Sequence[Sequence[str]], containing: Counter[str], threshold: float, stem_sets: Sequence[Set[str]]
) -> list[list[int]]:
    """Return, for each sentence, the sentences (itself included) whose tf-idf cosine with it exceeds the threshold."""
    # `stem_sets` holds each sentence's distinct stems.
    count = len(sentences)
    # Same idf as sumy's LexRank: log(N / (1 + sentences containing the term)). It depends only on how many
    # sentences contain the stem, a handful of values: one logarithm each instead of one per stem.
    idf_for = {found: math.log(count / (1.0 + found)) for found in set(containing.values())}
    squared_for = {found: weight * weight for found, weight in idf_for.items()}
    sentence_count_of = containing.__getitem__
    # The cosine is symmetric: each pair is worked out once, from its earlier sentence, whose stems are walked
    # in their own order (as that sentence's row always was). Going from the last sentence back, the index
    # holds only the sentences after the current one. A sentence's cosine with itself is 1. A stem only one
    # sentence holds adds to no cosine with another: it has no postings, only its share of the sentence's norm.
    # Each posted stem keeps its idf by its postings, so a sentence without repeats finds both in one lookup.
    postings: dict[str, tuple[float, list[tuple[int, float]]]] = {
        stem: (idf_for[found], []) for stem, found in containing.items() if found > 1
    }
    is_posted = postings.__contains__
    links: list[list[int]] = [[] for _ in sentences]
    for position in range(count - 1, -1, -1):
        stems = sentences[position]
        weights: dict[str, float] | None
        walked: Iterable[str]  # the sentence's distinct stems, in their order
        if len(stem_sets[position]) == len(stems):
            # No stem repeats (most sentences): every term frequency is 1/1, so the weight is the idf itself, and
            # its square, like the idf, depends only on how many sentences hold the stem.
            weights, walked = None, stems
            norm = math.sqrt(sum(map(squared_for.__getitem__, map(sentence_count_of, stems))))
        else:
            weights = walked = _weights(stems, idf_for, sentence_count_of)
            norm = math.sqrt(sum([weight * weight for weight in weights.values()]))
        if not norm > 0:
            continue  # no weight: linked to nothing, not even itself
        dots: dict[int, float] = {}
        get = dots.get
        for stem in filter(is_posted, walked):
            weight, posted = postings[stem]
            if weights is not None:
                weight = weights[stem]
            unit = weight / norm  # the stem's weight in the sentence's vector scaled to length 1
            for other, other_unit in posted:
                dots[other] = get(other, 0.0) + unit * other_unit
            posted.append((position, unit))  # a sentence holds each stem once: it never meets itself here
        linked = links[position]
        linked.append(position)
        for other, dot in dots.items():
            if dot > threshold:
                linked.append(other)
                links[other].append(position)
    # The order within a row does not matter: the power method adds each sentence's share in sentence order.
    return links


def lexrank_scores(
    sentences: Sequence[Sequence[str]],
    threshold: float = THRESHOLD,
    containing: Counter[str] | None = None,
    stem_sets: Sequence[Set[str]] | None = None,
) -> list[float]:
    """Return LexRank centrality per sentence (given as content stems), scaled so the best is 1."""
    # `containing` is `sentences_containing(sentences)` and `stem_sets` each sentence's stems as a set, when the
    # caller has them already.
    count = len(sentences)
    if count == 0:
        return []
    if stem_sets is None:
        stem_sets = list(map(frozenset, sentences))
    if containing is None:
        containing = sentences_containing(stem_sets)
    links = _links(sentences, containing, threshold, stem_sets)
    if not any(links):
        # No sentence has a content word: nothing is central, and the power method would divide by zero.
        return [0.0] * count
    # Each sentence hands its score in equal parts to the sentences it links to (a row-stochastic matrix).
    shares = [1.0 / len(linked) if linked else 0.0 for linked in links]
    scores = [1.0 / count] * count
    change = 1.0
    while change > EPSILON:
        following = [0.0] * count
        for position, linked in enumerate(links):
            share = scores[position] * shares[position]
            for other in linked:
                following[other] += share
        norm = math.sqrt(sum([value * value for value in following]))
        following = [value / norm for value in following]
        change = math.sqrt(sum([(new - old) ** 2 for new, old in zip(following, scores, strict=True)]))
        scores = following
    magnitudes = [abs(score) for score in scores]
    top = max(magnitudes)
    return [magnitude / top for magnitude in magnitudes] if top > 0 else magnitudes
