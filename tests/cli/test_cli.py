"""The `newsbrief` command line, run as a user would: in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import REPO

SHARED_SEED_DIR = REPO.parent / "shared" / "seeds"
JSON_KEYS = {"input", "title", "summary", "facts", "stats"}
FACT_KEYS = {"people", "places", "organizations", "dates", "numbers", "quotes", "sources"}


def newsbrief(*args: str, stdin: bytes | None = None, env: dict | None = None, cwd: Path = REPO):
    """Run the CLI in a fresh process and return the completed process."""
    return subprocess.run(
        [sys.executable, "-m", "bot.cli.main", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        timeout=120,
    )


def seed(name_part: str) -> Path:
    return next(p for p in sorted((REPO / "seeds").glob("*.txt")) if name_part in p.name)


@pytest.fixture(scope="module")
def good_article(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("articles") / "council.txt"
    path.write_text(
        "Title: Lakeside council approves ferry subsidy\nSource: The Test Courier\n\n"
        "LAKESIDE — The town council voted 7 to 2 on Tuesday to spend $1.2 million keeping the winter ferry running.\n\n"
        "The mayor, Dana Whitfield, said the vote protected 300 commuters who cross the lake every morning.\n\n"
        "Opponents argued the money should have gone to road repairs on the north shore instead.\n\n"
        "The subsidy will be reviewed next spring, according to the council's finance committee.\n",
        encoding="utf-8",
    )
    return path


def test_brief_json_prints_one_object_per_input_in_order(good_article):
    result = newsbrief("brief", str(good_article), str(seed("01")), "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 2
    objects = [json.loads(line) for line in lines]
    assert [o["input"] for o in objects] == [str(good_article), str(seed("01"))]
    for obj in objects:
        assert obj.keys() >= JSON_KEYS
        assert obj["facts"].keys() == FACT_KEYS
        assert {"words", "summary_words", "reduction"} <= obj["stats"].keys()
        assert obj["summary"] and all(isinstance(s, str) for s in obj["summary"])


def test_brief_sentences_option_limits_the_summary(good_article):
    result = newsbrief("brief", str(good_article), "--format", "json", "--sentences", "1")
    assert len(json.loads(result.stdout)["summary"]) == 1


@pytest.mark.parametrize("algorithm", ["lexrank", "lsa", "textrank", "luhn", "kl", "sumbasic", "edmundson", "reduction"])
def test_brief_accepts_every_sumy_algorithm(algorithm):
    result = newsbrief("brief", str(seed("01")), "--format", "json", "--algorithm", algorithm)
    assert result.returncode == 0, result.stderr.decode()
    assert 1 <= len(json.loads(result.stdout)["summary"]) <= 3


def test_brief_reads_standard_input():
    text = seed("04").read_bytes()
    result = newsbrief("brief", "-", "--format", "json", stdin=text)
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["input"] == "-"


def test_brief_text_format_shows_title_and_summary(good_article):
    result = newsbrief("brief", str(good_article))
    out = result.stdout.decode()
    assert "Lakeside council approves ferry subsidy" in out
    assert "Dana Whitfield" in out


@pytest.mark.parametrize("fmt", ["markdown", "discord", "slack"])
def test_brief_other_formats_render(good_article, fmt):
    result = newsbrief("brief", str(good_article), "--format", fmt)
    assert result.returncode == 0, result.stderr.decode()
    assert "ferry" in result.stdout.decode()


def _bad_inputs(folder: Path) -> dict[str, Path]:
    inputs = {
        "missing": folder / "does-not-exist.txt",
        "empty": folder / "empty.txt",
        "whitespace": folder / "blank.txt",
        "binary": folder / "image.txt",
        "huge": folder / "huge.txt",
        "no_sentence": folder / "numbers.txt",
        "not_english": folder / "deutsch.txt",
    }
    inputs["empty"].write_text("")
    inputs["whitespace"].write_text("   \n\t\n  ")
    inputs["binary"].write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    inputs["huge"].write_text("The council met again today. " * 200_000)
    inputs["no_sentence"].write_text("12 34 56\n--- *** ---\n7,8,9\n")
    inputs["not_english"].write_text(
        "Der Stadtrat hat am Dienstag beschlossen, die Fähre auch im Winter fahren zu lassen. "
        "Die Bürgermeisterin sagte, dass die Entscheidung für viele Pendler wichtig sei. "
        "Die Kosten werden im nächsten Frühjahr noch einmal geprüft, und die Opposition ist nicht zufrieden."
    )
    return inputs


@pytest.mark.parametrize("kind", ["missing", "empty", "whitespace", "binary", "huge", "no_sentence", "not_english"])
def test_bad_input_gives_one_clear_line_and_nonzero_exit(tmp_path, kind):
    path = _bad_inputs(tmp_path)[kind]
    result = newsbrief("brief", str(path))
    stderr = result.stderr.decode()
    assert result.returncode != 0
    assert "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert str(path) in stderr


def test_bad_inputs_do_not_stop_the_good_ones(tmp_path, good_article):
    bad = _bad_inputs(tmp_path)
    names = [str(bad["missing"]), str(good_article), str(bad["binary"])]
    result = newsbrief("brief", *names, "--format", "json")
    assert result.returncode == 1
    objects = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [o["input"] for o in objects] == names
    assert "error" in objects[0] and "error" in objects[2]
    assert objects[1]["title"] == "Lakeside council approves ferry subsidy"
    stderr_lines = result.stderr.decode().strip().splitlines()
    assert [f"newsbrief: {objects[0]['error']}", f"newsbrief: {objects[2]['error']}"] == stderr_lines


def test_unknown_algorithm_is_a_clear_error(good_article):
    result = newsbrief("brief", str(good_article), "--algorithm", "magic")
    assert result.returncode != 0
    assert "unknown algorithm" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_digest_without_inputs_digests_the_bundled_seeds(tmp_path):
    result = newsbrief("digest", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    digest = json.loads(result.stdout)
    assert 1 <= len(digest["items"]) <= 5
    every_seed = newsbrief("brief", *map(str, sorted((REPO / "seeds").glob("*.txt"))), "--format", "json")
    seed_titles = {json.loads(line)["title"] for line in every_seed.stdout.decode().splitlines()}
    assert {item["title"] for item in digest["items"]} <= seed_titles
    assert digest["more"] >= 1


def test_digest_text_names_the_stories():
    result = newsbrief("digest")
    assert result.returncode == 0, result.stderr.decode()
    assert "more" in result.stdout.decode()


@pytest.mark.skipif(not SHARED_SEED_DIR.is_dir(), reason="the shared reference seed is not beside this clone")
def test_reference_seed_gives_the_expected_facts_and_no_junk():
    paths = sorted(SHARED_SEED_DIR.glob("*.txt"))
    result = newsbrief("brief", *map(str, paths), "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    briefing = json.loads(result.stdout.decode().splitlines()[0])
    facts = briefing["facts"]
    people = {p["name"]: p["role"] for p in facts["people"]}
    for name in ("Kim Jong Un", "Putin", "Sergei Shoigu", "Jon Finer", "Biden"):
        match = [n for n in people if name in n]
        assert match, f"{name} missing from {sorted(people)}"
        assert people[match[0]], f"{name} has no role"
    for place in ("Vladivostok", "Pyongyang", "Seoul"):
        assert place in facts["places"]
    for org in ("Yonhap", "Kyodo", "TASS"):
        assert any(org in o for o in facts["organizations"]), org
    assert any("Finer" in (q["speaker"] or "") for q in facts["quotes"])
    everything = json.dumps(briefing)
    for junk in ("Sign in", "create a free account", "All rights reserved", "Terms of Use", "Zemlianichenko", "Privacy Policy"):
        assert junk not in everything, junk


def test_brief_imports_no_chat_library_scheduler_or_database(tmp_path):
    # A later speed budget counts CLI cold start: a file briefing must not load what only `run` needs.
    script = (
        "import contextlib, io, sys\n"
        "from bot.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    status = main(['brief', {str(seed('01'))!r}])\n"
        "heavy = ('discord', 'slack_bolt', 'slack_sdk', 'aiohttp', 'apscheduler', 'sqlalchemy', 'httpx', 'adapters')\n"
        "print(status, sorted({m.split('.')[0] for m in sys.modules} & set(heavy)))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path,
                            env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)
    assert result.stdout.strip() == "0 []", result.stderr
