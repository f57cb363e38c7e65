"""Write every briefing of the evaluation texts to a folder, or compare two such folders.

Usage: python bench/snapshot.py OUT [--compare BASELINE]

A speed change must not change what the bot says. This briefs the 75 CNN/DailyMail development
articles, the editor-annotated facts_gold items (texts as files, pages through the HTML extractor),
the extraction_dev pages and their reference texts and the bundled seeds, exactly as
`newsbrief brief --format json` would, and writes one JSON line per article to OUT/<corpus>.jsonl.
It also writes the entity finder's names for each CoNLL-2003 dev document and the facts of the
team's regression paragraphs. With --compare, it lists the items whose output differs from
BASELINE's (exit status 1 when any does).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.facts import read_conll
from bench.facts_regression import document_from_case, published_of
from bot.briefing import build_briefing
from bot.errors import UserError
from bot.facts import extract_facts, find_entities
from bot.models import Article
from bot.seeds import seed_paths
from bot.serialize import briefing_to_dict, facts_to_dict
from bot.sources.files import parse_article_text, read_article_file
from bot.sources.html import article_from_html

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
REGRESSION = Path(__file__).resolve().parents[1] / "tests" / "data" / "facts_regression.json"


def main() -> int:
    """Write the snapshot, then compare it when asked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write <corpus>.jsonl files into")
    parser.add_argument("--compare", type=Path, metavar="BASELINE", help="a folder written by an earlier run")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for corpus, items in _corpora().items():
        with (args.out / f"{corpus}.jsonl").open("w", encoding="utf-8") as out:
            for key, result in items:
                out.write(json.dumps({"id": key, **result}, ensure_ascii=False) + "\n")
    return _compare(args.compare, args.out) if args.compare else 0


def _corpora() -> dict[str, Iterator[tuple[str, dict[str, Any]]]]:
    corpora = {"seeds": ((p.name, _brief(lambda p=p: read_article_file(p))) for p in seed_paths())}
    if (EVAL / "cnndm_dev.jsonl").is_file():
        corpora["cnndm_dev"] = _cnndm(EVAL / "cnndm_dev.jsonl")
    if (EVAL / "facts_gold" / "dev_items.jsonl").is_file():
        corpora["facts_gold"] = _facts_gold(EVAL / "facts_gold")
    if (EVAL / "extraction_dev" / "ground-truth.json").is_file():
        corpora["extraction_dev"] = _extraction(EVAL / "extraction_dev")
    if (EVAL / "conll2003_dev.txt").is_file():
        corpora["conll_dev"] = _conll(EVAL / "conll2003_dev.txt")
    corpora["regression"] = _regression(REGRESSION)
    return corpora


def _brief(load: Callable[[], Article]) -> dict[str, Any]:
    try:
        return briefing_to_dict(build_briefing(load()))
    except UserError as error:
        return {"error": error.message}


def _cnndm(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    with path.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    for index, record in enumerate(records):
        yield str(index), _brief(lambda r=record: parse_article_text(r["article"], name="article.txt"))


def _facts_gold(folder: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    with (folder / "dev_items.jsonl").open(encoding="utf-8") as lines:
        items = [json.loads(line) for line in lines if line.strip()]
    for item in items:
        if item["kind"] == "page":
            html = gzip.decompress((folder / item["html_gz"]).read_bytes())
            url = f"http://127.0.0.1/{item['id']}.html"
            yield item["id"], _brief(lambda h=html, u=url: article_from_html(h, url=u))
        else:
            yield item["id"], _brief(lambda t=item["text"]: parse_article_text(t, name="article.txt"))


def _extraction(folder: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth):
        page = folder / "html" / f"{key}.html.gz"
        if page.is_file():
            html = gzip.decompress(page.read_bytes())
            yield f"{key}.html", _brief(lambda h=html: article_from_html(h, url="http://127.0.0.1/page.html"))
        body = truth[key].get("articleBody") or ""
        yield f"{key}.txt", _brief(lambda b=body: Article(text=b))


def _conll(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    for index, document in enumerate(read_conll(path)):
        sentences = [" ".join(token for token, _ in sentence) for sentence in document]
        found = find_entities(sentences)
        yield str(index), {kind: sorted(names) for kind, names in sorted(found.items())}


def _regression(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    for case in json.loads(path.read_text(encoding="utf-8")):
        yield case["id"], facts_to_dict(extract_facts(document_from_case(case), published_of(case)))


def _compare(baseline: Path, current: Path) -> int:
    differing = 0
    for old_file in sorted(baseline.glob("*.jsonl")):
        new_file = current / old_file.name
        old = _lines(old_file)
        new = _lines(new_file) if new_file.is_file() else {}
        changed = sorted(key for key in old.keys() | new.keys() if old.get(key) != new.get(key))
        differing += len(changed)
        listed = f": {', '.join(changed)}" if changed else ""
        print(f"{old_file.stem}: {len(old)} items, {len(changed)} differ{listed}")
    return 1 if differing else 0


def _lines(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as lines:
        return {json.loads(line)["id"]: line for line in lines}


if __name__ == "__main__":
    sys.exit(main())
