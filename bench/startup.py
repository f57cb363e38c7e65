"""Time cold starts of the command line, each run in a fresh interpreter, and show what the imports cost.

Usage: python bench/startup.py [--runs 7] [--file PATH] [--word WORD] [--top 15]
Prints, for `newsbrief brief FILE --format json` and `newsbrief lookup WORD` (against a temporary
database holding a few briefed seeds), the median, min and max wall and CPU seconds and peak memory
over RUNS runs after one warm-up; the place table's load time in a fresh interpreter; and a
`python -X importtime` breakdown of `brief`: self time per top-level package and, for each
third-party package, which of our modules imports it first. Run it with the Python of the install
to measure (a fresh `pip install .` venv is what users get); on a shared machine quote CPU seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

# This process imports nothing of ours: a child's peak memory as the kernel counts it starts from
# the size of the process that started it.
_SEEDS = Path(__file__).resolve().parent.parent / "seeds"
_FIRST_PARTY = ("bot", "adapters", "newsbrief_seeds")
_STORED_SEEDS = 5


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float


@dataclass
class ImportEntry:
    name: str
    self_us: int
    cumulative_us: int
    children: list[ImportEntry] = field(default_factory=list)

    @property
    def package(self) -> str:
        return self.name.split(".")[0]


def main() -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each command (after one warm-up)")
    parser.add_argument("--file", type=Path, default=_default_article(), help="article to brief (~700 words)")
    parser.add_argument("--word", default="algae", help="word to look up in the stored briefings")
    parser.add_argument("--top", type=int, default=15, help="packages to list in the import breakdown")
    args = parser.parse_args()
    args.file = args.file.resolve()

    with tempfile.TemporaryDirectory(prefix="newsbrief-startup-") as data_dir:
        env = _environment(data_dir)
        _store_some_seeds(env)
        words = len(args.file.read_text(encoding="utf-8").split())
        commands = {
            f"brief {args.file.name} ({words} words) --format json": [
                "brief", str(args.file), "--format", "json"
            ],
            f"lookup {args.word}": ["lookup", args.word],
        }
        print(f"cold starts, {args.runs} runs each after a warm-up ({_newsbrief_command()[-1]})")
        print(f"{'command':<58} {'wall s':>22} {'cpu s':>7} {'peak MB':>8}")
        for label, arguments in commands.items():
            runs = [_run([*_newsbrief_command(), *arguments], env) for _ in range(args.runs + 1)][1:]
            print(f"{label:<58} {_spread([r.wall for r in runs]):>22} "
                  f"{statistics.median(r.cpu for r in runs):>7.3f} {statistics.median(r.peak_mb for r in runs):>8.0f}")
        print(f"\nplace table load in a fresh interpreter (median of {args.runs}): "
              f"{statistics.median(_place_table_load_ms(env) for _ in range(args.runs)):.1f} ms")
        for label, arguments in commands.items():
            _print_import_breakdown(label.split(" (")[0], arguments, env, runs=3, top=args.top)
    return 0


def _default_article() -> Path:
    # The seed closest to 700 words: a typical news story.
    return min(_seed_paths(), key=lambda path: abs(len(path.read_text(encoding="utf-8").split()) - 700))


def _environment(data_dir: str) -> dict[str, str]:
    # Commands also run inside data_dir, so a checkout in the current folder never shadows the installed bot.
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSBRIEF_") and k != "DATABASE_URL"}
    # As on a user's machine, the warm-up run may write bytecode caches that later runs read: without
    # them (PYTHONDONTWRITEBYTECODE and an editable install) every run would compile newsbrief's sources.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["NEWSBRIEF_DATA_DIR"] = data_dir
    return env


def _newsbrief_command() -> list[str]:
    script = Path(sys.executable).parent / "newsbrief"
    return [sys.executable, str(script)] if script.is_file() else [sys.executable, "-m", "bot.cli.main"]


def _seed_paths() -> list[Path]:
    return sorted(_SEEDS.glob("*.txt"))


def _store_some_seeds(env: dict[str, str]) -> None:
    """Brief a few seeds into the temporary database, in a child process, so `lookup` has something to find."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from bot.briefing import build_briefing\n"
        "from bot.settings import load_settings\n"
        "from bot.sources.files import read_article_file\n"
        "from bot.storage import open_store\n"
        "store = open_store(load_settings().storage.resolved_database_url)\n"
        "for name in sys.argv[1:]:\n"
        "    article = read_article_file(Path(name))\n"
        "    store.articles.add_article(article, build_briefing(article))\n"
        "store.database.close()\n"
    )
    seeds = [str(path) for path in _seed_paths()[:_STORED_SEEDS]]
    subprocess.run([sys.executable, "-c", code, *seeds], env=env, cwd=env["NEWSBRIEF_DATA_DIR"], check=True)


def _run(command: list[str], env: dict[str, str]) -> Run:
    """Run one command to the end and return its wall time, CPU time and peak resident memory."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=env["NEWSBRIEF_DATA_DIR"])
        # wait4 rather than wait: it hands back this child's own CPU time and peak memory.
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        _check(command, process.returncode, out.read().decode(), err.read().decode())
    return Run(wall=wall, cpu=usage.ru_utime + usage.ru_stime, peak_mb=usage.ru_maxrss / 1024)


def _check(command: list[str], status: int, stdout: str, stderr: str) -> None:
    # A benchmark that times an error message measures nothing: stop instead.
    if status != 0 or not stdout.strip():
        raise SystemExit(f"{' '.join(command)} failed ({status}):\n{stderr or stdout}")
    if "json" in command:
        json.loads(stdout.splitlines()[0])


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} ({min(values):.3f}–{max(values):.3f})"


def _place_table_load_ms(env: dict[str, str]) -> float:
    code = (
        "import time\n"
        "from bot.facts import gazetteer\n"
        "started = time.perf_counter()\n"
        "gazetteer.place_table()\n"
        "print(1000 * (time.perf_counter() - started))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=env["NEWSBRIEF_DATA_DIR"], capture_output=True, text=True, check=True
    )
    return float(result.stdout)


def _print_import_breakdown(label: str, arguments: list[str], env: dict[str, str], *, runs: int, top: int) -> None:
    command = [sys.executable, "-X", "importtime", *_newsbrief_command()[1:], *arguments]
    trees = []
    for _ in range(runs):
        result = subprocess.run(
            command, env=env, cwd=env["NEWSBRIEF_DATA_DIR"], capture_output=True, text=True, check=True
        )
        trees.append(parse_importtime(result.stderr))
    per_package = [_self_time_by_package(tree) for tree in trees]
    packages = set().union(*per_package)
    medians = {name: statistics.median(times.get(name, 0) for times in per_package) for name in packages}
    total = sum(medians.values())
    importers = _first_importers(trees[0])
    print(f"\nimports of `{label}` (python -X importtime, median of {runs}): {total / 1000:.0f} ms in all")
    print(f"{'package':<22} {'self ms':>8} {'first loaded by (our module via importer)':<60}")
    for name, micros in sorted(medians.items(), key=lambda item: -item[1])[:top]:
        print(f"{name:<22} {micros / 1000:>8.1f} {importers.get(name, ''):<60}")
    print("\nheaviest imports made by our own modules (cumulative ms, first run):")
    for owner, entry in _heaviest_third_party_imports(trees[0])[:top]:
        print(f"  {entry.cumulative_us / 1000:>7.1f}  {owner} → {entry.name}")


def parse_importtime(stderr: str) -> list[ImportEntry]:
    """Parse `-X importtime` output into a forest of imports (each entry with what it imported)."""
    pending: dict[int, list[ImportEntry]] = {}
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "imported package" in line:
            continue
        head, cumulative_us, name = line.split("|")
        self_us = head.split(":")[1]
        depth = (len(name) - len(name.lstrip()) - 1) // 2
        # Python prints an import after everything it imported, one indentation level deeper.
        entry = ImportEntry(name.strip(), int(self_us), int(cumulative_us), pending.pop(depth + 1, []))
        pending.setdefault(depth, []).append(entry)
    return pending.get(0, [])


def _walk(entries: list[ImportEntry], ancestors: tuple[ImportEntry, ...] = ()):
    for entry in entries:
        yield entry, ancestors
        yield from _walk(entry.children, (*ancestors, entry))


def _self_time_by_package(tree: list[ImportEntry]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for entry, _ in _walk(tree):
        totals[entry.package] = totals.get(entry.package, 0) + entry.self_us
    return totals


def _first_importers(tree: list[ImportEntry]) -> dict[str, str]:
    """Name, for each package, the nearest of our modules above its first import, and its direct importer."""
    found: dict[str, str] = {}
    for entry, ancestors in _walk(tree):
        if entry.package in found or entry.package in _FIRST_PARTY:
            continue
        ours = next((a.name for a in reversed(ancestors) if a.package in _FIRST_PARTY), "")
        if not ours:
            root = ancestors[0] if ancestors else entry
            found[entry.package] = _unowned(tree, root) + (f" via {root.name}" if ancestors else "")
        else:
            direct = ancestors[-1].name
            found[entry.package] = ours if direct == ours else f"{ours} via {direct}"
    return found


def _unowned(tree: list[ImportEntry], root: ImportEntry) -> str:
    # Imports before our first module are the interpreter's own; later top-level ones came from
    # a function or importlib.import_module, which -X importtime does not attribute.
    first_ours = next((index for index, entry in enumerate(tree) if entry.package in _FIRST_PARTY), len(tree))
    started = any(entry is root for entry in tree[:first_ours])
    return "(interpreter start-up)" if started else "(a function or import_module)"


def _heaviest_third_party_imports(tree: list[ImportEntry]) -> list[tuple[str, ImportEntry]]:
    """List third-party imports made by our modules or functions (not at start-up), heaviest first."""
    edges = [
        (ancestors[-1].name if ancestors else _unowned(tree, entry), entry)
        for entry, ancestors in _walk(tree)
        if entry.package not in _FIRST_PARTY and (not ancestors or ancestors[-1].package in _FIRST_PARTY)
    ]
    return sorted(
        (edge for edge in edges if edge[0] != "(interpreter start-up)"), key=lambda edge: -edge[1].cumulative_us
    )


if __name__ == "__main__":
    sys.exit(main())
