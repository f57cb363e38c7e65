"""The chat form of a briefing: its summary and top facts within a word budget; "More facts" holds the rest.

A channel reads a briefing between conversations, so it gets at most a few entries of each fact
group, most important first (the engine ranks them), and stays under 200 words; the whole fact
card is one press away (or `/facts` in the console). Every platform renders this same selection.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from bot.models import Briefing, Facts, NumberMention, Person, Quote
from bot.render._common import FACT_FIELDS, clean_inline, meta_line, stats_line, title_of

# Words of the neutral chat form. Each platform adds a few of its own (group labels, "Read the full
# article", the button), which the margin to the promised 200 covers.
WORD_BUDGET = 185
# The summary is what the briefing is for, but it may not crowd out every fact.
SUMMARY_WORDS = 110
TITLE_WORDS = 25
META_WORDS = 8  # a source's name or a dateline
QUOTE_WORDS = 16
NUMBER_WORDS = 12
ROLE_WORDS = 8
ONE_LINE_WORDS = 30  # a lookup match's one-line summary
ELLIPSIS = "…"
_PLATFORM_WORDS = 6  # link text, button label and the like, counted up front


@dataclass(frozen=True)
class FactLimits:
    """How many entries of each fact group the chat form shows at most."""

    people: int = 4
    places: int = 4
    organizations: int = 4
    dates: int = 3
    numbers: int = 3
    quotes: int = 2
    sources: int = 2


CHAT_LIMITS = FactLimits()


@dataclass(frozen=True)
class ChatForm:
    """What the chat shows of a briefing, and whether that is all there is."""

    briefing: Briefing
    complete: bool  # nothing was left out or shortened, so a "More facts" button would add nothing

    @property
    def offers_more(self) -> bool:
        """Tell whether a "More facts" button belongs under it: something was left out and can be fetched."""
        return not self.complete and bool(self.briefing.ref)


def word_count(text: str) -> int:
    """Count words as a reader sees them: runs of non-space characters."""
    return len(text.split())


def clip_words(text: str, limit: int) -> str:
    """Return the text cut to `limit` words, with an ellipsis when it was cut."""
    words = clean_inline(text).split()
    if len(words) <= limit:
        return " ".join(words)
    return " ".join(words[:limit]).rstrip(",;:—-") + ELLIPSIS


def one_line(briefing: Briefing) -> str:
    """Return the briefing's first summary sentence, cut to one line's worth of words."""
    first = next((clean_inline(s) for s in briefing.summary if clean_inline(s)), "")
    return clip_words(first, ONE_LINE_WORDS)


def chat_form(briefing: Briefing, *, limits: FactLimits = CHAT_LIMITS, budget: int = WORD_BUDGET) -> ChatForm:
    """Pick the summary and top facts that fit the chat budget; say whether anything was left out."""
    heading = dataclasses.replace(
        briefing,
        title=clip_words(briefing.title, TITLE_WORDS),
        source=clip_words(briefing.source, META_WORDS) if briefing.source else briefing.source,
        dateline=clip_words(briefing.dateline, META_WORDS) if briefing.dateline else briefing.dateline,
    )
    fixed = word_count(title_of(heading)) + word_count(meta_line(heading)) + word_count(stats_line(briefing.stats))
    left = budget - fixed - _PLATFORM_WORDS
    summary = _fit_summary(briefing.summary, min(SUMMARY_WORDS, max(left, 1)))
    left -= sum(word_count(sentence) + 1 for sentence in summary)  # each sentence is a bulleted line
    facts = _fit_facts(briefing.facts, limits, left)
    chosen = dataclasses.replace(heading, summary=summary, facts=facts)
    complete = (
        title_of(heading) == title_of(briefing)
        and summary == tuple(clean_inline(s) for s in briefing.summary if clean_inline(s))
        and facts == briefing.facts
    )
    return ChatForm(chosen, complete)


def _fit_summary(sentences: tuple[str, ...], budget: int) -> tuple[str, ...]:
    """Keep whole sentences in order while they fit; the first always, cut if it alone is too long."""
    kept: list[str] = []
    used = 0
    for sentence in (clean_inline(s) for s in sentences):
        if not sentence:
            continue
        words = word_count(sentence)
        if not kept and words > budget:
            return (clip_words(sentence, budget),)
        if used + words > budget:
            break
        kept.append(sentence)
        used += words
    return tuple(kept)


def _shortened(name: str, entry: Any) -> Any:
    """Return a fact entry cut to a chat-sized length (long quotes, long contexts, long roles)."""
    if name == "quotes" and isinstance(entry, Quote):
        return Quote(clip_words(entry.text, QUOTE_WORDS), entry.speaker)
    if name == "numbers" and isinstance(entry, NumberMention):
        return NumberMention(entry.value, clip_words(entry.context, NUMBER_WORDS))
    if name == "people" and isinstance(entry, Person) and entry.role:
        return Person(entry.name, clip_words(entry.role, ROLE_WORDS))
    return entry


# Who, where, when and the lead figure cost a few words each and orient a reader, so their first
# two come first; then the lead quote and source; then the rest of the short groups, and last
# further figures, quotes and sources (long phrases).
_SHORT_GROUPS = ("people", "places", "organizations", "dates")
_LONG_GROUPS = ("numbers", "quotes", "sources")
# Groups shown as bulleted lists on every platform: each entry costs its bullet too.
_LISTED = frozenset({"numbers", "quotes"})


def _schedule(candidates: dict[str, list[Any]]) -> list[tuple[str, int]]:
    """Return the (group, index) order in which fact entries are offered to the budget."""
    order = [(name, 0) for name in (*_SHORT_GROUPS, "numbers")]
    order += [(name, 1) for name in _SHORT_GROUPS] + [("quotes", 0), ("sources", 0)]
    for groups, first in ((_SHORT_GROUPS, 2), (_LONG_GROUPS, 1)):
        deepest = max(len(candidates[name]) for name in groups)
        order += [(name, depth) for depth in range(first, deepest) for name in groups]
    return [(name, depth) for name, depth in order if depth < len(candidates[name])]


def _fit_facts(facts: Facts, limits: FactLimits, budget: int) -> Facts:
    """Take fact entries in `_schedule` order while they fit the budget.

    A group stops at its first entry that does not fit, so what is shown is always a group's top
    entries; a label costs a word the first time its group appears.
    """
    phrase = {name: phrase for name, _, phrase in FACT_FIELDS}
    labels = {name: label for name, label, _ in FACT_FIELDS}
    candidates = {
        name: [_shortened(name, entry) for entry in getattr(facts, name)[: getattr(limits, name)]] for name in phrase
    }
    taken: dict[str, list[Any]] = {name: [] for name in phrase}
    closed: set[str] = set()
    left = budget
    for name, depth in _schedule(candidates):
        if name in closed:
            continue
        cost = word_count(phrase[name](candidates[name][depth])) + (name in _LISTED)
        cost += word_count(labels[name]) if depth == 0 else 0
        if cost > left:
            closed.add(name)
            continue
        taken[name].append(candidates[name][depth])
        left -= cost
    return Facts(**{name: tuple(entries) for name, entries in taken.items()})
