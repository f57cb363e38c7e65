"""LexRank centrality computed with numpy matrices, fed to sumy's own power method."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from sumy.summarizers.lex_rank import LexRankSummarizer


def _tf_idf_matrix(sentences: Sequence[Sequence[str]]) -> np.ndarray:
    """Return one row per sentence: max-normalised term frequency times LexRank's idf."""
    vocabulary: dict[str, int] = {}
    for stems in sentences:
        for stem in stems:
            vocabulary.setdefault(stem, len(vocabulary))
    matrix = np.zeros((len(sentences), len(vocabulary)))
    for row, stems in enumerate(sentences):
        counts = Counter(stems)
        if counts:
            top = max(counts.values())
            for stem, count in counts.items():
                matrix[row, vocabulary[stem]] = count / top
    # Same idf as sumy's LexRank: log(N / (1 + sentences containing the term)).
    containing = (matrix > 0).sum(axis=0)
    idf = np.log(len(sentences) / (1.0 + containing))
    weighted: np.ndarray = matrix * idf
    return weighted


def lexrank_scores(sentences: Sequence[Sequence[str]], threshold: float = LexRankSummarizer.threshold) -> np.ndarray:
    """Return LexRank centrality per sentence (given as content stems), scaled so the best is 1."""
    count = len(sentences)
    if count == 0:
        return np.zeros(0)
    weighted = _tf_idf_matrix(sentences)
    norms = np.linalg.norm(weighted, axis=1)
    norms[norms == 0] = 1.0
    unit = weighted / norms[:, None]
    adjacency = (unit @ unit.T > threshold).astype(float)
    if not adjacency.any():
        # No sentence has a content word: nothing is central, and the power method would divide by zero.
        return np.zeros(count)
    degrees = adjacency.sum(axis=1)
    degrees[degrees == 0] = 1.0
    ranks = LexRankSummarizer.power_method(adjacency / degrees[:, None], LexRankSummarizer.epsilon)
    scores: np.ndarray = np.nan_to_num(np.abs(ranks))
    top = scores.max()
    return scores / top if top > 0 else scores
