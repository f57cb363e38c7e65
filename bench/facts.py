"""Score the fact extractor: editor-annotated real articles, CoNLL-2003 dev and the team's regression set.

Usage: python bench/facts.py [--gold DIR] [--conll PATH] [--regression PATH] [--errors N] [--show N]

--gold runs the shared scorer (`score_facts.py`, next to DIR) on DIR's dev_items.jsonl and dev_gold.jsonl:
the same `newsbrief brief --format json` a user runs, scored per fact kind. Each part is skipped with a
message when its data is absent.
"""

from __future__ import annotations

import argparse
import json
import shlex
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.facts_regression import document_from_case, published_of, score_case
from bot.facts import clear_caches, extract_facts, find_entities
from bot.text.clean import clean_text

TYPES = ("PER", "LOC", "ORG")
EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
DEFAULT_GOLD = EVAL / "facts_gold"
DEFAULT_CONLL = EVAL / "conll2003_dev.txt"
DEFAULT_ARTICLE = EVAL.parent / "seeds" / "000_608d563d537b08e0.txt"
DEFAULT_REGRESSION = Path(__file__).resolve().parents[1] / "tests" / "data" / "facts_regression.json"


def read_conll(path: Path) -> list[list[list[tuple[str, str]]]]:
    """Return documents as lists of sentences of (token, NER tag) pairs."""
    documents: list[list[list[tuple[str, str]]]] = []
    sentences: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-") or not line.strip():
            if sentence:
                sentences.append(sentence)
                sentence = []
            if line.startswith("-DOCSTART-") and sentences:
                documents.append(sentences)
                sentences = []
            continue
        fields = line.split()
        sentence.append((fields[0], fields[-1]))
    if sentence:
        sentences.append(sentence)
    if sentences:
        documents.append(sentences)
    return documents


def gold_entities(sentences: list[list[tuple[str, str]]]) -> dict[str, set[str]]:
    """Collect the distinct gold names per type from IOB1 tags."""
    found: dict[str, set[str]] = {t: set() for t in TYPES}
    for sentence in sentences:
        current: list[str] = []
        label = ""
        for token, tag in [*sentence, ("", "O")]:
            kind = tag[2:] if tag != "O" else ""
            continues = tag.startswith("I-") and kind == label
            if current and not continues:
                if label in found:
                    found[label].add(normalize(" ".join(current)))
                current = []
            if kind and not continues:
                label = kind
                current = [token]
            elif continues:
                current.append(token)
            else:
                label = ""
    return found


def normalize(name: str) -> str:
    """Compare names case-insensitively, on single spaces, without a leading "the"."""
    words = name.lower().split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


class Score:
    """Precision/recall counts per entity type."""

    def __init__(self) -> None:
        self.counts: dict[str, Counter] = {t: Counter() for t in TYPES}

    def add(self, gold: dict[str, set[str]], predicted: dict[str, set[str]]) -> None:
        for kind in TYPES:
            wanted = {normalize(n) for n in gold.get(kind, ())}
            got = {normalize(n) for n in predicted.get(kind, ())}
            self.counts[kind].update(tp=len(wanted & got), fp=len(got - wanted), fn=len(wanted - got))

    def table(self, title: str) -> str:
        rows = [title, f"{'type':<8}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}"]
        total = Counter()
        for kind in TYPES:
            rows.append(_row(kind, self.counts[kind]))
            total.update(self.counts[kind])
        rows.append(_row("micro", total))
        return "\n".join(rows)


def _prf(counts: Counter) -> tuple[float, float, float]:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return 100 * precision, 100 * recall, 100 * f1


def _row(name: str, counts: Counter) -> str:
    precision, recall, f1 = _prf(counts)
    return f"{name:<8}{precision:7.1f}{recall:7.1f}{f1:7.1f}{counts['tp'] + counts['fn']:7d}"


def bench_conll(path: Path, show_errors: int) -> None:
    """Print CoNLL scores and the median time per document."""
    documents = read_conll(path)
    score, timings, errors = Score(), [], Counter()
    for document in documents:
        sentences = [" ".join(token for token, _ in sentence) for sentence in document]
        started = time.perf_counter()
        predicted = find_entities(sentences)
        timings.append(1000 * (time.perf_counter() - started))
        gold = gold_entities(document)
        score.add(gold, predicted)
        _collect_errors(errors, gold, predicted)
    print(score.table(f"CoNLL-2003 dev: {len(documents)} documents, unique names per document"))
    print(f"median {statistics.median(timings):.2f} ms/doc, p90 {sorted(timings)[int(0.9 * len(timings))]:.2f} ms/doc")
    for (kind, name), count in errors.most_common(show_errors):
        print(f"  {count:3d} {kind} {name}")


def _collect_errors(errors: Counter, gold: dict[str, set[str]], predicted: dict[str, set[str]]) -> None:
    for kind in TYPES:
        wanted = {normalize(n) for n in gold[kind]}
        got = {normalize(n) for n in predicted[kind]}
        for name in got - wanted:
            errors[(f"FP-{kind}", name)] += 1
        for name in wanted - got:
            errors[(f"FN-{kind}", name)] += 1


def bench_regression(path: Path, show_misses: bool) -> None:
    """Print entity scores and per-field hit rates on the hand-annotated paragraphs."""
    cases = json.loads(path.read_text(encoding="utf-8"))
    score, fields, timings = Score(), Counter(), []
    for case in cases:
        document = document_from_case(case)
        started = time.perf_counter()
        facts = extract_facts(document, published_of(case))
        timings.append(1000 * (time.perf_counter() - started))
        result = score_case(case, facts)
        if show_misses:
            for miss in result.misses:
                print(f"  miss [{case['id']}] {miss}")
            for kind in TYPES:
                gold = {normalize(n) for n in result.gold_entities[kind]}
                for name in sorted({normalize(n) for n in result.predicted_entities[kind]} ^ gold):
                    print(f"  {'FP' if name not in gold else 'FN'}-{kind} [{case['id']}] {name}")
        score.add(result.gold_entities, result.predicted_entities)
        fields.update(result.field_counts)
    print(score.table(f"Regression set: {len(cases)} paragraphs (people/places/organizations)"))
    for field in sorted({key[0] for key in fields}):
        hit, total = fields[(field, "hit")], fields[(field, "total")]
        print(f"  {field:<10} {hit:3d}/{total:<3d} found")
    print(f"median {statistics.median(timings):.2f} ms/paragraph for extract_facts")


def bench_article(path: Path) -> None:
    """Print how long extract_facts takes on one whole cleaned article, its per-sentence caches cold."""
    document = clean_text(path.read_text(encoding="utf-8"))
    words = sum(len(sentence.split()) for sentence in document.sentences)
    timings = []
    for _ in range(30):
        clear_caches()
        started = time.perf_counter()
        extract_facts(document, None)
        timings.append(1000 * (time.perf_counter() - started))
    print(f"article {path.name}: {words} words, extract_facts median {statistics.median(timings):.2f} ms")


def bench_gold(folder: Path, show: int) -> None:
    """Print the shared scorer's table for the editor-annotated articles, briefed as a user would."""
    scorer = folder.parent / "score_facts.py"
    items, gold = folder / "dev_items.jsonl", folder / "dev_gold.jsonl"
    if not (scorer.is_file() and items.is_file() and gold.is_file()):
        print(f"Annotated articles not found in {folder}; skipping the real-article table.")
        return
    command = shlex.join([sys.executable, "-m", "bot.cli.main", "brief"])
    started = time.perf_counter()
    arguments = ["--items", str(items), "--gold", str(gold), "--cmd", command, "--show", str(show)]
    result = subprocess.run(
        [sys.executable, str(scorer), *arguments],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        check=False,
    )
    print(result.stdout.rstrip() or result.stderr.rstrip())
    print(f"(briefed and scored in {time.perf_counter() - started:.1f} s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="folder of annotated real articles")
    parser.add_argument("--conll", type=Path, default=DEFAULT_CONLL)
    parser.add_argument("--regression", type=Path, default=DEFAULT_REGRESSION)
    parser.add_argument("--article", type=Path, default=DEFAULT_ARTICLE, help="time extract_facts on it")
    parser.add_argument("--errors", type=int, default=0, help="print the N most frequent CoNLL errors")
    parser.add_argument("--show", type=int, default=0, help="print N errors of each kind on the real articles")
    parser.add_argument("--misses", action="store_true", help="print what the regression set missed")
    args = parser.parse_args()
    bench_gold(args.gold, args.show)
    started = time.perf_counter()
    find_entities(["Gazetteers and name lists load on first use in Paris ."])
    print(f"first call, building gazetteers and name lists: {1000 * (time.perf_counter() - started):.0f} ms")
    if args.conll.exists():
        bench_conll(args.conll, args.errors)
    else:
        print(f"CoNLL file {args.conll} not found; skipping the CoNLL table.")
    if args.article.exists():
        bench_article(args.article)
    if args.regression.exists():
        bench_regression(args.regression, args.misses)
    else:
        print(f"Regression set {args.regression} not found; skipping it.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
