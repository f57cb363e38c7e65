"""Pick summary sentences from a ranking: no near-duplicates, no sentence leaning on one left out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from bot.summarize.quotations import quotes_an_unnamed_speaker, read_quotation_marks
from bot.summarize.references import opens_with_unresolved_reference

# Two sentences sharing this share of their distinct words say the same thing; a summary keeps one.
NEAR_DUPLICATE_JACCARD = 0.7
# A sentence whose words nearly all reappear in a longer one is repeated by it: pages glue photo captions
# onto the sentence they paraphrase. Short sentences are exempt, their few words recur by chance.
CONTAINED_SHARE = 0.9
CONTAINED_MIN_WORDS = 6

# Given the positions chosen so far, return the remaining positions best first.
Ranker = Callable[[Sequence[int]], Sequence[int]]


def jaccard(first: frozenset[str], second: frozenset[str]) -> float:
    """Return the Jaccard similarity of two word sets (0 when both are empty)."""
    shared = len(first & second)
    union = len(first) + len(second) - shared  # counted, not built
    return shared / union if union else 0.0


def containment(first: frozenset[str], second: frozenset[str]) -> float:
    """Return the share of the smaller word set found in the other (0 when either is empty)."""
    smaller = min(len(first), len(second))
    return len(first & second) / smaller if smaller else 0.0


def _is_near_duplicate(first: frozenset[str], second: frozenset[str]) -> bool:
    # Two empty sets are not alike: they are sentences we know nothing about.
    if not (first or second):
        return False
    if jaccard(first, second) >= NEAR_DUPLICATE_JACCARD:
        return True
    return min(len(first), len(second)) >= CONTAINED_MIN_WORDS and containment(first, second) >= CONTAINED_SHARE


def _repeats_any(position: int, others: Sequence[int], word_sets: Sequence[frozenset[str]]) -> bool:
    return any(_is_near_duplicate(word_sets[position], word_sets[other]) for other in others)


def _dedupe(ranking: Sequence[int], word_sets: Sequence[frozenset[str]]) -> list[int]:
    """Drop every sentence that nearly repeats one ranked above it."""
    kept: list[int] = []
    for position in ranking:
        if not _repeats_any(position, kept, word_sets):
            kept.append(position)
    return kept


def _resolve_dangling(position: int, chosen: Sequence[int], texts: Sequence[str], budget: int) -> list[int] | None:
    """Return the sentence plus the earlier ones it leans on, or None when they do not fit the budget.

    A sentence opening with "He" or "But" is readable only after the sentence it points back to, so that
    sentence comes along; it may lean back in turn. A quotation comes whole, with the sentences it runs on
    into, and only after whoever the text names as its speaker.
    """
    group = [position]
    current = position
    while current > 0 and current - 1 not in chosen and opens_with_unresolved_reference(texts[current]):
        current -= 1
        group.insert(0, current)
    if current == 0 and quotes_an_unnamed_speaker(texts[0]):
        return None  # the story opens on a quotation it attributes later: a summary cannot open with it
    # A quotation left open runs on into the next sentences; half of it misquotes the speaker.
    last = group[-1]
    while read_quotation_marks(texts[last]).leaves_open and last + 1 < len(texts) and last + 1 not in chosen:
        last += 1
        group.append(last)
    unfinished = read_quotation_marks(texts[last]).leaves_open and last + 1 not in chosen
    return group if len(group) <= budget and not unfinished else None


def _adds_something_new(group: Sequence[int], chosen: Sequence[int], word_sets: Sequence[frozenset[str]]) -> bool:
    """Tell whether no sentence of the group repeats a chosen one or another of the group."""
    if _dedupe(group, word_sets) != list(group):
        return False
    return not any(_repeats_any(position, chosen, word_sets) for position in group)


def static_ranker(ranking: Sequence[int]) -> Ranker:
    """Wrap a fixed best-first ranking as a ranker that ignores what was chosen."""
    fixed = tuple(ranking)
    return lambda _chosen: fixed


def choose(ranker: Ranker, texts: Sequence[str], word_sets: Sequence[frozenset[str]], count: int) -> list[int]:
    """Pick at most `count` positions, best first by the ranker, and return them in article order."""
    chosen: list[int] = []
    rejected: set[int] = set()
    while len(chosen) < count:
        # The ranking depends only on what is chosen, so one ranking serves until something is chosen:
        # re-ranking after every rejection made texts of many near-identical sentences quadratic.
        group = next(
            (g for g in _acceptable_groups(ranker(chosen), chosen, rejected, texts, word_sets, count)), None
        )
        if group is None:
            break
        chosen.extend(group)
    return sorted(chosen)


def _acceptable_groups(
    ranking: Iterable[int],
    chosen: list[int],
    rejected: set[int],
    texts: Sequence[str],
    word_sets: Sequence[frozenset[str]],
    count: int,
) -> Iterator[list[int]]:
    """Yield, best first, the groups (a sentence and what it depends on) that would add something new."""
    for candidate in ranking:
        if candidate in chosen or candidate in rejected:
            continue
        group = _resolve_dangling(candidate, chosen, texts, count - len(chosen))
        if group is None or not _adds_something_new(group, chosen, word_sets):
            rejected.add(candidate)
            continue
        yield group
