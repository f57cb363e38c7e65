"""Write a derived data file, or with --check tell whether it is current: the shared `main` of the build scripts."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path


def write_or_check(path: Path, render: Callable[[], str], description: str, argv: list[str] | None = None) -> int:
    """Write `render()` to `path`, or with --check exit 1 when the file differs from a rebuild."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help=f"exit 1 when {path.name} differs from a rebuild")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = path.read_text("utf-8") if path.is_file() else ""
        print(f"{path}: {'current' if current == text else 'out of date'}")
        return 0 if current == text else 1
    path.write_text(text, "utf-8")
    print(f"wrote {path} ({len(text.encode()) // 1024} KiB, {text.count(chr(10))} lines)")
    return 0
