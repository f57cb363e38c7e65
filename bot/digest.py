"""Gather briefings into a digest: merge the same story from several outlets, rank, cap."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from bot.models import Briefing, Digest, DigestItem

DEFAULT_MAX_ITEMS = 5
# Two briefings are one story when their distinctive words overlap this much; tuned on the
# bundled seeds so two outlets' takes on one event merge while neighbouring stories stay apart.
SAME_STORY_THRESHOLD = 0.35

_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d[\d.,]*")
_COMMON = frozenset(
    """the a an and or but of to in on at for from by with as is are was were be been has have had
    it its this that these those he she they his her their we our you your i not no will would
    could should may might can said says say after before over under about into than then more
    most new one two also who which what when where while up out just year years""".split()
)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def build_digest(
    briefings: Iterable[Briefing],
    *,
    max_items: int = DEFAULT_MAX_ITEMS,
    title: str = "Your news digest",
    generated_at: datetime | None = None,
    first_seen: Sequence[datetime | None] | None = None,
) -> Digest:
    """Merge duplicate stories, rank newest and most-reported first, keep `max_items`.

    `first_seen` (one per briefing) dates a briefing without a publication date: an undated
    feed item ranks as news from when it was first seen, not as the oldest story there is.
    """
    briefings = list(briefings)
    seen = list(first_seen) if first_seen is not None else []
    times = [_aware(b.published or (seen[i] if i < len(seen) else None) or _EPOCH) for i, b in enumerate(briefings)]
    groups = _same_story_groups(briefings)
    ranked = sorted(
        ((_merged(briefings, group), max(times[i] for i in group)) for group in groups),
        key=lambda pair: (pair[1], pair[0].source_count),
        reverse=True,
    )
    kept = [item for item, _ in ranked[:max_items]]
    return Digest(
        items=tuple(kept),
        title=title,
        generated_at=generated_at,
        more=len(ranked) - len(kept),
    )


def merge_same_stories(briefings: Sequence[Briefing]) -> list[DigestItem]:
    """Group briefings that tell the same story; the fullest one leads each group."""
    return [_merged(briefings, group) for group in _same_story_groups(briefings)]


def _same_story_groups(briefings: Sequence[Briefing]) -> list[list[int]]:
    fingerprints = [story_fingerprint(b) for b in briefings]
    groups: list[list[int]] = []
    for index, fingerprint in enumerate(fingerprints):
        for group in groups:
            if any(similarity(fingerprint, fingerprints[other]) >= SAME_STORY_THRESHOLD for other in group):
                group.append(index)
                break
        else:
            groups.append([index])
    return groups


def _merged(briefings: Sequence[Briefing], group: list[int]) -> DigestItem:
    members = sorted((briefings[i] for i in group), key=lambda b: b.stats.words, reverse=True)
    lead, others = members[0], members[1:]
    return DigestItem(briefing=lead, also_reported_by=tuple(b.source or b.url or b.title for b in others))


def story_fingerprint(briefing: Briefing) -> frozenset[str]:
    """Return the distinctive words and named things that identify a briefing's story."""
    text = " ".join((briefing.title, *briefing.summary))
    words = {w.lower() for w in _TOKEN_RE.findall(text)} - _COMMON
    names = {p.name.lower() for p in briefing.facts.people}
    names |= {p.lower() for p in briefing.facts.places}
    names |= {o.lower() for o in briefing.facts.organizations}
    return frozenset(words | {f"entity:{n}" for n in names})


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Return the overlap of two fingerprints relative to the smaller one."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
