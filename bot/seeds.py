"""Find the sample articles bundled with newsbrief."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_REPO_SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_paths() -> list[Path]:
    """Return the bundled seed articles, sorted by name."""
    try:
        folder = Path(str(resources.files("newsbrief_seeds")))
    except ModuleNotFoundError:
        folder = _REPO_SEEDS
    if not folder.is_dir():
        folder = _REPO_SEEDS
    return sorted(p for p in folder.glob("*.txt") if p.is_file())
