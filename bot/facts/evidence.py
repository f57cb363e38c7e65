"""Hold what classifying a name span concludes: a label and how strongly the words support it."""

from __future__ import annotations

from dataclasses import dataclass

PER, LOC, ORG, MISC = "PER", "LOC", "ORG", "MISC"

# Strength of the evidence behind a label; doc-level resolution lets stronger evidence win.
STRONG, MEDIUM, WEAK = 3, 2, 1


@dataclass(frozen=True, slots=True)
class Evidence:
    """A label for a span (None when nothing points anywhere) and the strength of what points to it."""

    label: str | None
    strength: int


UNKNOWN = Evidence(None, 0)

# One frozen instance per label and strength the rules conclude: building one costs a dataclass __init__ each time.
PER_STRONG, PER_MEDIUM, PER_WEAK = Evidence(PER, STRONG), Evidence(PER, MEDIUM), Evidence(PER, WEAK)
LOC_STRONG, LOC_MEDIUM, LOC_WEAK = Evidence(LOC, STRONG), Evidence(LOC, MEDIUM), Evidence(LOC, WEAK)
ORG_STRONG, ORG_MEDIUM, ORG_WEAK = Evidence(ORG, STRONG), Evidence(ORG, MEDIUM), Evidence(ORG, WEAK)
MISC_STRONG = Evidence(MISC, STRONG)
