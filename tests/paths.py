"""Where the checkout and the shared evaluation data live, for tests that run files or subprocesses."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The team's read-only data (seed article, eval sets) sits next to the checkout.
SHARED = REPO.parent / "shared"
