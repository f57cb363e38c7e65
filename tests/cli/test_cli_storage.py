"""`newsbrief feeds`, `fetch` and `lookup`, run as a user would: in a subprocess over a real data dir."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.models import Article, Briefing, Facts, Stats
from bot.storage import open_store
from tests.paths import REPO


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return {**env, "PYTHONPATH": str(REPO), "NEWSBRIEF_DATA_DIR": str(data_dir), "NO_COLOR": "1",
            "COLUMNS": "200", **extra}


def newsbrief(data_dir: Path, *args: str, **extra_env: str) -> subprocess.CompletedProcess:
    """Run the CLI in a fresh process (cwd outside the repo, so no stray .env is read)."""
    return subprocess.run([sys.executable, "-m", "bot.cli.main", *args], capture_output=True, text=True,
                          cwd=data_dir.parent, env=_env(data_dir, **extra_env), timeout=120)


async def newsbrief_async(data_dir: Path, *args: str, **extra_env: str) -> tuple[int, str, str]:
    """Run the CLI without blocking the event loop the loopback site serves from."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli.main", *args, cwd=data_dir.parent, env=_env(data_dir, **extra_env),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=120)
    return process.returncode, out.decode(), err.decode()


def assert_one_line_error(result_stderr: str) -> None:
    lines = result_stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsbrief: "), result_stderr
    assert "Traceback" not in result_stderr


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


def test_feeds_add_list_remove_without_network(data_dir):
    url = "https://news.example/rss.xml"
    added = newsbrief(data_dir, "feeds", "add", url, "--no-check")
    assert added.returncode == 0, added.stderr
    assert url in added.stdout
    assert (data_dir / "newsbrief.sqlite3").is_file()

    again = newsbrief(data_dir, "feeds", "add", url, "--no-check")
    assert again.returncode == 0 and "Already following" in again.stdout

    listed = newsbrief(data_dir, "feeds", "list", "--json")
    assert [json.loads(line)["url"] for line in listed.stdout.splitlines()] == [url]
    table = newsbrief(data_dir, "feeds", "list")
    assert table.returncode == 0 and url in table.stdout and "never polled" in table.stdout

    removed = newsbrief(data_dir, "feeds", "remove", url)
    assert removed.returncode == 0 and "Removed" in removed.stdout
    gone = newsbrief(data_dir, "feeds", "remove", url)
    assert gone.returncode == 1
    assert_one_line_error(gone.stderr)
    assert "No feeds yet" in newsbrief(data_dir, "feeds", "list").stdout


@pytest.mark.parametrize("url", ["ftp://news.example/feed", "news.example/feed", "https://"])
def test_feeds_add_refuses_what_is_not_a_web_link(data_dir, url):
    result = newsbrief(data_dir, "feeds", "add", url)
    assert result.returncode == 1
    assert_one_line_error(result.stderr)


def test_lookup_on_an_empty_database_says_so(data_dir):
    result = newsbrief(data_dir, "lookup", "ferry")
    assert result.returncode == 0, result.stderr
    assert "No articles are stored yet" in result.stdout


def test_lookup_finds_stored_briefings_and_shrugs_at_injection(data_dir):
    store = open_store(f"sqlite:///{data_dir / 'newsbrief.sqlite3'}")
    for title, text in [
        ("Night ferry returns to the lake", "The night ferry returns on Friday after the harbour fixed its pier."),
        ("Museum adds a Sunday tour", "The museum adds a guided Sunday tour of its new textile wing."),
    ]:
        article = Article(text=text, title=title, url=f"https://news.example/{title.split()[0].lower()}")
        briefing = Briefing(title=title, summary=(text,), facts=Facts(), stats=Stats(12, 12), url=article.url)
        store.articles.add_article(article, briefing)
    store.database.close()

    found = newsbrief(data_dir, "lookup", "night", "ferry")
    assert found.returncode == 0, found.stderr
    assert "Night ferry returns to the lake" in found.stdout and "Museum" not in found.stdout

    as_json = newsbrief(data_dir, "lookup", "sunday", "--format", "json")
    objects = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert [o["title"] for o in objects] == ["Museum adds a Sunday tour"]

    injected = newsbrief(data_dir, "lookup", '"; DROP TABLE')
    assert injected.returncode == 0, injected.stderr
    assert "Nothing stored matches" in injected.stdout
    with sqlite3.connect(data_dir / "newsbrief.sqlite3") as connection:
        assert connection.execute("SELECT count(*) FROM articles").fetchone() == (2,)


def test_lookup_searches_words_that_start_with_a_dash_instead_of_reading_options(data_dir):
    store = open_store(f"sqlite:///{data_dir / 'newsbrief.sqlite3'}")
    text = "The night ferry returns on Friday after the harbour fixed its pier."
    article = Article(text=text, title="Night ferry returns", url="https://news.example/night-ferry")
    store.articles.add_article(article, Briefing(title=article.title, summary=(text,), facts=Facts(), stats=Stats(12, 12)))
    store.database.close()

    # "-ferry" would otherwise be read as `-f erry` (an unknown format) and end in a usage error.
    found = newsbrief(data_dir, "lookup", "-ferry", "-n", "1")
    assert found.returncode == 0, found.stderr
    assert "Night ferry returns" in found.stdout


def test_fetch_with_no_feeds_says_how_to_add_one(data_dir):
    result = newsbrief(data_dir, "fetch")
    assert result.returncode == 0, result.stderr
    assert "newsbrief feeds add" in result.stdout


def test_a_broken_database_url_is_one_line_on_stderr(data_dir):
    result = newsbrief(data_dir, "feeds", "list", DATABASE_URL="nonsense://")
    assert result.returncode == 1
    assert_one_line_error(result.stderr)


async def test_feeds_add_polls_once_and_reports_the_title(data_dir, loopback_site):
    code, out, err = await newsbrief_async(data_dir, "feeds", "add", loopback_site.url("/feeds/rss20.xml"),
                                           NEWSBRIEF_ALLOW_PRIVATE_URLS="1")
    assert code == 0, err
    assert "Valley Courier" in out and "3 items" in out

    code, out, err = await newsbrief_async(data_dir, "feeds", "list", "--json")
    (feed,) = [json.loads(line) for line in out.splitlines()]
    assert (feed["title"], feed["last_status"], feed["failures"]) == ("Valley Courier", 200, 0)


async def test_feeds_add_refuses_a_page_and_points_to_its_feed(data_dir, loopback_site):
    code, out, err = await newsbrief_async(data_dir, "feeds", "add", loopback_site.url("/pages/home.html"),
                                           NEWSBRIEF_ALLOW_PRIVATE_URLS="1")
    assert code == 1
    assert_one_line_error(err)
    assert "/feeds/rss20.xml" in err
    code, out, _ = await newsbrief_async(data_dir, "feeds", "list", "--json")
    assert out == ""


async def test_feeds_add_keeps_a_feed_that_is_down_for_now(data_dir, loopback_site):
    code, out, err = await newsbrief_async(data_dir, "feeds", "add", loopback_site.url("/feeds/down.xml"),
                                           NEWSBRIEF_ALLOW_PRIVATE_URLS="1")
    assert code == 0, err
    assert "cannot be read right now" in out and "503" in out


async def test_feeds_add_refuses_private_addresses_by_default(data_dir, loopback_site):
    code, _, err = await newsbrief_async(data_dir, "feeds", "add", loopback_site.url("/feeds/rss20.xml"))
    assert code == 1
    assert_one_line_error(err)
    assert "private" in err
    assert loopback_site.requests == []


async def test_fetch_then_lookup_end_to_end(data_dir, loopback_site):
    private = {"NEWSBRIEF_ALLOW_PRIVATE_URLS": "1"}
    for path in ("/feeds/rss20.xml", "/feeds/down.xml"):
        code, _, err = await newsbrief_async(data_dir, "feeds", "add", loopback_site.url(path), "--no-check")
        assert code == 0, err

    code, out, err = await newsbrief_async(data_dir, "fetch", **private)
    assert code == 1, err  # one feed failed, and the exit status says so
    assert out.splitlines()[0] == "1 feed ok, 1 failed, 3 new articles"
    assert f"failed  {loopback_site.url('/feeds/down.xml')}: " in out and "503" in out
    assert "Traceback" not in err

    code, out, err = await newsbrief_async(data_dir, "fetch", **private)
    assert out.splitlines()[0] == "1 feed ok, 1 failed, 0 new articles"

    code, out, err = await newsbrief_async(data_dir, "lookup", "harvest", "orchard")
    assert code == 0, err
    assert out.startswith("Orchard growers expect a late but heavy harvest")

    code, out, err = await newsbrief_async(data_dir, "feeds", "list", "--json")
    failures = {json.loads(line)["url"].rsplit("/", 1)[1]: json.loads(line)["failures"] for line in out.splitlines()}
    assert failures == {"rss20.xml": 0, "down.xml": 2}
