"""Time the engine's stages per article: clean, summarize, facts and the whole briefing.

Usage: python bench/engine.py [--cnndm PATH] [--repeat N]
Prints median and p95 milliseconds per article for each stage, and articles per second.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.briefing import build_briefing, count_words
from bot.facts import extract_facts
from bot.models import Article
from bot.seeds import seed_paths
from bot.sources.files import read_article_file
from bot.summarize import summarize
from bot.text.clean import clean_article

DEFAULT_CNNDM = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "cnndm_dev.jsonl"


def main() -> int:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cnndm", type=Path, default=DEFAULT_CNNDM, help="cnndm_dev.jsonl (optional)")
    parser.add_argument("--repeat", type=int, default=5, help="timed passes over each corpus")
    args = parser.parse_args()

    corpora = {"seeds": [read_article_file(p) for p in seed_paths()]}
    if args.cnndm.is_file():
        with args.cnndm.open(encoding="utf-8") as lines:
            corpora["cnndm_dev"] = [Article(text=json.loads(line)["article"]) for line in lines if line.strip()]
    else:
        print(f"(skipping CNN/DailyMail: {args.cnndm} not found)")

    build_briefing(corpora["seeds"][0])  # warm caches (gazetteers, stop words) outside the timings
    for name, articles in corpora.items():
        words = [count_words(a.text) for a in articles]
        print(f"\n{name}: {len(articles)} articles, median {statistics.median(words):.0f} words")
        print(f"{'stage':<10} {'median ms':>10} {'p95 ms':>8}")
        documents = [clean_article(a) for a in articles]
        totals = {}
        for stage, run in _stages().items():
            timings = _time(run, list(zip(articles, documents, strict=True)), args.repeat)
            totals[stage] = timings
            print(f"{stage:<10} {statistics.median(timings):>10.2f} {_p95(timings):>8.2f}")
        whole = totals["briefing"]
        print(f"articles per second (whole briefing): {1000 / statistics.mean(whole):.0f}")
        around_700 = [t for t, w in zip(whole[: len(articles)], words, strict=False) if 500 <= w <= 900]
        if around_700:
            print(f"briefing median for 500-900-word articles: {statistics.median(around_700):.2f} ms")
    _print_memory(corpora["seeds"])
    return 0


def _stages():
    # Each stage gets the article and its already-cleaned document, so only the stage is timed.
    return {
        "clean": lambda article, _document: clean_article(article),
        "summarize": lambda _article, document: summarize(document),
        "facts": lambda article, document: extract_facts(document, article.published),
        "briefing": lambda article, _document: build_briefing(article),
    }


def _time(run, pairs, repeat) -> list[float]:
    timings = []
    for _ in range(repeat):
        for article, document in pairs:
            start = time.perf_counter()
            run(article, document)
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _print_memory(articles) -> None:
    tracemalloc.start()
    for article in articles:
        build_briefing(article)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"\npeak Python memory while briefing the seeds: {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    sys.exit(main())
