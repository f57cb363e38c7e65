"""Measure how bot.revisions tells story updates from edits, on simulated edits of real texts.

Usage: python bench/updates.py [--data ../shared/eval/cnndm_dev.jsonl] [--seed 7]

For every article (the bundled seeds, plus the CNN/DailyMail file when given) it makes edits an
editor makes without news in them — typo fixes, a corrected figure, re-flowed paragraphs, a
"Read more" line, a deleted paragraph — and real updates: one to four sentences added from
another article (for the two Antwerp seeds, from the other outlet's take on the same story).
It prints, per kind of change, the share of new sentences (median and range) and how often
`Revision.substantial` calls it an update. Edits should be 0%; additions of 2+ sentences 100%.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.revisions import Revision, compare_texts
from bot.sources.files import parse_article_text
from bot.text.tokenize import split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SAME_STORY = {"09-antwerp-strike-wire.txt": "10-antwerp-strike-ledger.txt",
              "10-antwerp-strike-ledger.txt": "09-antwerp-strike-wire.txt"}
Edit = Callable[[str, str, random.Random], str]


def typos(count: int) -> Edit:
    def edit(text: str, _other: str, rng: random.Random) -> str:
        words = text.split(" ")
        for _ in range(count):
            index = rng.randrange(len(words))
            word = words[index]
            if len(word) > 3:
                cut = rng.randrange(1, len(word) - 2)
                words[index] = word[:cut] + word[cut + 1] + word[cut] + word[cut + 2:]
        return " ".join(words)

    return edit


def corrected_figure(text: str, _other: str, rng: random.Random) -> str:
    numbers = list(re.finditer(r"\b\d+\b", text))
    if not numbers:
        return text + " "
    chosen = rng.choice(numbers)
    return text[:chosen.start()] + str(int(chosen.group()) + 1) + text[chosen.end():]


def reflow(text: str, _other: str, _rng: random.Random) -> str:
    return re.sub(r"\n\s*\n", "\n", text).replace(". ", ".  ")


def read_more(text: str, _other: str, _rng: random.Random) -> str:
    return text + "\n\nRead more: related coverage."


def deleted_paragraph(text: str, _other: str, rng: random.Random) -> str:
    paragraphs = text.split("\n\n")
    if len(paragraphs) < 3:
        return text
    del paragraphs[rng.randrange(1, len(paragraphs))]
    return "\n\n".join(paragraphs)


def added(count: int) -> Edit:
    def edit(text: str, other: str, rng: random.Random) -> str:
        candidates = [s for s in split_sentences(other) if len(s.split()) >= 8]
        start = rng.randrange(max(1, len(candidates) - count))
        return text + "\n\n" + " ".join(candidates[start:start + count])

    return edit


EDITS: dict[str, tuple[Edit, bool]] = {  # name: (edit, is it news?)
    "1 typo fixed": (typos(1), False),
    "5 typos fixed": (typos(5), False),
    "10 typos fixed": (typos(10), False),
    "a figure corrected": (corrected_figure, False),
    "paragraphs re-flowed": (reflow, False),
    "'Read more' line added": (read_more, False),
    "a paragraph deleted": (deleted_paragraph, False),
    "1 sentence added": (added(1), True),
    "2 sentences added": (added(2), True),
    "3 sentences added": (added(3), True),
    "4 sentences added": (added(4), True),
}


def load_texts(data: Path | None) -> list[tuple[str, str]]:
    texts = [(path.name, parse_article_text(path.read_text(encoding="utf-8"), name=path.name).text)
             for path in sorted(SEEDS.glob("*.txt"))]
    if data is not None:
        with data.open(encoding="utf-8") as lines:
            texts += [(f"cnndm-{n}", json.loads(line)["article"]) for n, line in enumerate(lines)]
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=None, help="CNN/DailyMail JSONL (field: article)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    texts = load_texts(args.data)
    sentences = [len(split_sentences(text)) for _, text in texts]
    print(f"{len(texts)} articles, median {statistics.median(sentences):.0f} sentences "
          f"(min {min(sentences)}, max {max(sentences)})\n")
    print(f"{'change':<26} {'news?':<6} {'new share: median':>18} {'min':>6} {'max':>6} {'called update':>14}")
    for name, (edit, is_news) in EDITS.items():
        results: list[Revision] = []
        for number, (label, text) in enumerate(texts):
            other_label = SAME_STORY.get(label)
            other = next((t for n, t in texts if n == other_label), None) or texts[(number + 1) % len(texts)][1]
            results.append(compare_texts(text, edit(text, other, rng)))
        shares = [r.new_share for r in results]
        flagged = sum(r.substantial for r in results) / len(results)
        print(f"{name:<26} {'yes' if is_news else 'no':<6} {statistics.median(shares):>17.1%} "
              f"{min(shares):>6.1%} {max(shares):>6.1%} {flagged:>14.0%}")


if __name__ == "__main__":
    main()
