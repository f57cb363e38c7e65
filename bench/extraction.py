"""Score article-body extraction against a ground truth: trafilatura alone vs newsbrief's cleaned body.

Usage: python bench/extraction.py --data /work/shared/eval/extraction_dev [--worst N]

The data folder holds ground-truth.json ({key: {"articleBody", "url"}}) and html/<key>.html.gz.
Scoring follows the article-extraction benchmark: tokens are re.findall(r"\\w+", text), shingles
are 4 consecutive tokens counted as a multiset; per page precision = |pred ∩ true| / |pred| and
recall = |pred ∩ true| / |true|; P and R are averaged over pages and F1 is taken from the means.
"ours" is the body as the engine sees it: article_from_html, then clean_article, paragraphs joined
(a dateline moves to Document.dateline, so it is not scored; the ground truth keeps it).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import trafilatura

from bot.errors import UserError
from bot.models import Document
from bot.sources.html import EXTRACTION_OPTIONS, article_from_html
from bot.text.clean import clean_article
from bot.text.tokenize import clear_caches, split_words

_TOKEN = re.compile(r"\w+")


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """Count the text's 4-token shingles."""
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def page_scores(predicted: str, truth: str) -> tuple[float, float]:
    """Return precision and recall of one page's predicted body."""
    pred, true = shingles(predicted), shingles(truth)
    common = sum((pred & true).values())
    precision = common / sum(pred.values()) if pred else 0.0
    recall = common / sum(true.values()) if true else 0.0
    return precision, recall


def _ours(html: bytes, url: str) -> Document | None:
    try:
        return clean_article(article_from_html(html, url=url))
    except UserError:
        return None


def _extractors() -> dict[str, Callable[[bytes, str], str]]:
    return {
        "trafilatura default": lambda html, url: trafilatura.extract(html, url=url) or "",
        "trafilatura tuned, no cleaning": lambda html, url: trafilatura.extract(html, url=url, **EXTRACTION_OPTIONS)
        or "",
        "ours (body)": lambda html, url: (doc.text if (doc := _ours(html, url)) else ""),
    }


def _load(data: Path) -> list[tuple[str, str, bytes, str]]:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key, entry in sorted(truth.items()):
        html = gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes())
        pages.append((key, entry.get("url") or "", html, entry["articleBody"]))
    return pages


def _report_cleaning_time(pages: list[tuple[str, str, bytes, str]]) -> None:
    """Time what a briefing pays per article: cleaning plus word tokens for every sentence, no caches."""
    articles = []
    for _key, url, html, _truth in pages:
        try:
            articles.append(article_from_html(html, url=url))
        except UserError:
            continue
    per_700_words = []
    for article in articles:
        clear_caches()
        started = time.perf_counter()
        document = clean_article(article)
        words = sum(len(split_words(sentence)) for sentence in document.sentences)
        elapsed = 1000 * (time.perf_counter() - started)
        if words:
            per_700_words.append(elapsed * 700 / words)
    print(f"\nclean_article + split_words, cold caches: median {statistics.median(per_700_words):.2f} ms per 700 words")


def run(data: Path, worst: int) -> None:
    """Score every extractor on every page and print the table."""
    pages = _load(data)
    print(f"{len(pages)} pages from {data}\n")
    print(f"{'extractor':32} {'P':>7} {'R':>7} {'F1':>7} {'ms/page':>8}")
    per_page: dict[str, list[tuple[float, float, str]]] = {}
    for name, extract in _extractors().items():
        scores, times = [], []
        for key, url, html, truth in pages:
            started = time.perf_counter()
            predicted = extract(html, url)
            times.append(1000 * (time.perf_counter() - started))
            precision, recall = page_scores(predicted, truth)
            scores.append((precision, recall, key))
        per_page[name] = scores
        p = statistics.fmean(s[0] for s in scores)
        r = statistics.fmean(s[1] for s in scores)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:32} {p:7.4f} {r:7.4f} {f1:7.4f} {statistics.median(times):8.1f}")
    _report_cleaning_time(pages)
    if worst:
        print("\nPages where ours (body) trails trafilatura default most (F1 difference):")
        base = {key: (p, r) for p, r, key in per_page["trafilatura default"]}
        rows = []
        for p, r, key in per_page["ours (body)"]:
            bp, br = base[key]
            f, bf = (2 * p * r / (p + r) if p + r else 0.0), (2 * bp * br / (bp + br) if bp + br else 0.0)
            rows.append((f - bf, key, p, r, bp, br))
        for diff, key, p, r, bp, br in sorted(rows)[:worst]:
            print(f"  {key[:12]} dF1={diff:+.3f}  ours P={p:.3f} R={r:.3f}  default P={bp:.3f} R={br:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/eval/extraction_dev"))
    parser.add_argument("--worst", type=int, default=0, help="list the N pages where ours loses most")
    args = parser.parse_args()
    if not (args.data / "ground-truth.json").is_file():
        print(f"Skipping: no extraction data at {args.data} (needs ground-truth.json and html/).")
        return 0
    run(args.data, args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
