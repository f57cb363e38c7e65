"""Time the engine's stages per article: clean, summarize, facts and the whole briefing.

Usage: python bench/engine.py [--cnndm PATH] [--repeat N]
Prints median and p95 milliseconds per article for each stage, and articles per second. When
newspaper4k is installed (`pip install -U pip && pip install -e '.[bench]'`; pip 23.2 fails on that
extra), also prints the same-run ratio of our whole briefing (summary + facts) to newspaper4k's
`Article.nlp()` (summary + keywords) on the CNN/DailyMail
articles: both are timed on each article in turn, and the ratio is the median of per-article ratios.
It is printed twice: for articles new to the process (a fresh interpreter per pass, so every sentence
is tokenized, stemmed and read for names, dates and figures for the first time) and for articles
seen before (those per-sentence readings cached, as when wire copy recurs across feeds).
A speed change must leave every output as it was: `bench/snapshot.py` checks that.
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import nltk.data
from nltk.tokenize.punkt import PunktSentenceTokenizer

from bot.briefing import DEFAULT_SENTENCES, build_briefing, count_words
from bot.facts import extract_facts
from bot.facts import preload as preload_facts
from bot.models import Article
from bot.seeds import seed_paths
from bot.sources.files import read_article_file
from bot.summarize import summarize
from bot.text.clean import clean_article

try:  # optional: the `bench` extra
    import newspaper
    import newspaper.nlp
    from newspaper.article import ArticleDownloadState
except ImportError:
    newspaper = None

DEFAULT_CNNDM = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "cnndm_dev.jsonl"


def main() -> int:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cnndm", type=Path, default=DEFAULT_CNNDM, help="cnndm_dev.jsonl (optional)")
    parser.add_argument("--repeat", type=int, default=5, help="timed passes over each corpus")
    parser.add_argument("--one-newspaper-pass", type=int, metavar="TURN", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_newspaper_pass is not None:
        _one_newspaper_pass(args.cnndm, args.one_newspaper_pass)
        return 0

    corpora = {"seeds": [read_article_file(p) for p in seed_paths()]}
    if args.cnndm.is_file():
        with args.cnndm.open(encoding="utf-8") as lines:
            corpora["cnndm_dev"] = [Article(text=json.loads(line)["article"]) for line in lines if line.strip()]
    else:
        print(f"(skipping CNN/DailyMail: {args.cnndm} not found)")

    preload_facts()  # as `newsbrief run` does at start-up
    build_briefing(corpora["seeds"][0])  # warm caches (stop words, stemmer) outside the timings
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
        around_700 = [t for t, w in zip(whole[: len(articles)], words, strict=True) if 500 <= w <= 900]
        if around_700:
            print(f"briefing median for 500-900-word articles: {statistics.median(around_700):.2f} ms")
    _print_memory(corpora["seeds"])
    if "cnndm_dev" in corpora:
        _print_newspaper_ratio(args.cnndm, args.repeat)
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


def _print_newspaper_ratio(cnndm: Path, passes: int) -> None:
    """Print the per-article ratio of our briefing to newspaper4k's nlp(), for new and for already-seen articles."""
    if newspaper is None:
        print("\n(newspaper4k is not installed: `pip install -U pip && pip install -e '.[bench]'`"
              " for the ratio to its Article.nlp())")
        return
    command = [sys.executable, __file__, "--cnndm", str(cnndm), "--one-newspaper-pass"]
    fresh = [json.loads(subprocess.run([*command, str(turn)], capture_output=True, text=True, check=True).stdout)
             for turn in range(passes)]
    splitter = _use_offline_punkt()
    print(f"\nnewspaper4k {newspaper.__version__} Article.nlp() (summary + keywords, given a title; sentence "
          f"splitter: {splitter}) against our whole briefing (summary + facts), {passes} interleaved passes:")
    _print_ratio("articles new to the process (a fresh interpreter per pass, warmed up on the seeds)", fresh)
    ours, theirs = _titled_pairs(cnndm)
    _interleaved_pass(ours, theirs, 0)  # a pass to fill every cache
    _print_ratio("articles seen before (per-sentence caches warm)",
                 [_interleaved_pass(ours, theirs, turn) for turn in range(passes)])


def _one_newspaper_pass(cnndm: Path, turn: int) -> None:
    """Warm both up on the seeds, time one interleaved pass over the articles and print it as JSON."""
    _use_offline_punkt()
    preload_facts()  # as `newsbrief run` does at start-up
    seeds = [read_article_file(path) for path in seed_paths()]
    for article in seeds:
        build_briefing(article)
        _newspaper_article(article).nlp()
    ours, theirs = _titled_pairs(cnndm)
    print(json.dumps(_interleaved_pass(ours, theirs, turn)))


def _titled_pairs(cnndm: Path) -> tuple[list[Article], list]:
    with cnndm.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    ours = [Article(text=r["article"], title=_title_from_url(r["url"]), url=r["url"]) for r in records]
    return ours, [_newspaper_article(article) for article in ours]


def _interleaved_pass(ours: list[Article], theirs: list, turn: int) -> dict[str, list[float]]:
    """Time our briefing and their nlp() on each article in turn; return CPU milliseconds per article for each.

    CPU time of this thread, where both run: on a shared machine, time spent waiting for a core is
    not the code's.
    """
    _refuse_network()
    timings: dict[str, list[float]] = {"ours": [], "theirs": []}
    for index, (article, their_article) in enumerate(zip(ours, theirs, strict=True)):
        pair = [("ours", lambda a=article: build_briefing(a)), ("theirs", their_article.nlp)]
        # Alternate who goes first, so neither always runs right after the other.
        for name, run in pair if (index + turn) % 2 == 0 else reversed(pair):
            start = time.thread_time()
            run()
            timings[name].append((time.thread_time() - start) * 1000)
    return timings


def _print_ratio(label: str, passes: list[dict[str, list[float]]]) -> None:
    ours = [statistics.median(values) for values in zip(*(p["ours"] for p in passes), strict=True)]
    theirs = [statistics.median(values) for values in zip(*(p["theirs"] for p in passes), strict=True)]
    ratios = [a / b for a, b in zip(ours, theirs, strict=True)]
    print(f"  {label}:")
    print(f"    CPU ms per article, median: newsbrief {statistics.median(ours):.2f}, "
          f"newspaper4k {statistics.median(theirs):.2f}")
    print(f"    per-article ratio newsbrief / newspaper4k: median {statistics.median(ratios):.2f} "
          f"(p10 {_percentile(ratios, 0.1):.2f}, p90 {_percentile(ratios, 0.9):.2f})")


def _newspaper_article(article: Article):
    """Make a newspaper4k Article from text and title alone, as if downloaded and parsed."""
    title = article.title or " ".join(article.text.split()[:10])
    their = newspaper.Article(article.url or "", title=title, max_summary_sent=DEFAULT_SENTENCES)
    their.text = article.text
    their.download_state = ArticleDownloadState.SUCCESS
    their.is_parsed = True
    return their


def _use_offline_punkt() -> str:
    """Hand newspaper4k a Punkt splitter when NLTK's trained punkt data is absent, so it never downloads it."""
    try:
        nltk.data.find("tokenizers/punkt_tab")
    except LookupError:
        # Same algorithm, default parameters: newspaper4k's summarizer splits sentences with it.
        # Handing it this splitter keeps the comparison offline (its own fallback would fetch punkt data).
        newspaper.nlp.split_sentences._tokenizer = PunktSentenceTokenizer()
        return "NLTK Punkt, untrained (no punkt data installed)"
    return "NLTK Punkt, trained English data"


def _refuse_network() -> None:
    """Make any network connection fail loudly: the comparison must run offline."""

    def refuse(_socket, address):
        raise RuntimeError(f"the benchmark tried to connect to {address}")

    socket.socket.connect = refuse


def _title_from_url(url: str) -> str:
    """Turn a Daily Mail / CNN URL's slug into a headline ("Gary-Locke-set-..." → "Gary Locke set ...")."""
    parts = [p for p in urlsplit(url.split("id_/", 1)[-1]).path.split("/") if p and p != "index.html"]
    slug = re.sub(r"\.html?$", "", parts[-1] if parts else "")
    return " ".join(word for word in slug.split("-") if word)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


if __name__ == "__main__":
    sys.exit(main())
