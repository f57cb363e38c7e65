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


def test_lookup_answers_from_the_full_text_index_of_either_database(data_dir, database_url):
    # An SQLite file is read by the quick sqlite3 path, PostgreSQL by the store's tsvector search;
    # "ferries" finding "ferry" shows a stemming full-text index answered, not a plain LIKE.
    store = open_store(database_url)
    text = "The night ferry returns on Friday after the harbour fixed its pier."
    article = Article(text=text, title="Harbour pier repaired", url="https://news.example/pier")
    store.articles.add_article(article, Briefing(title=article.title, summary=(text,), facts=Facts(), stats=Stats(12, 12)))
    store.close()

    found = newsbrief(data_dir, "lookup", "ferries", "--format", "json", DATABASE_URL=database_url)
    assert found.returncode == 0, found.stderr
    assert [json.loads(line)["title"] for line in found.stdout.splitlines()] == ["Harbour pier repaired"]
    missing = newsbrief(data_dir, "lookup", "zeppelin", DATABASE_URL=database_url)
    assert missing.returncode == 0 and "Nothing stored matches 'zeppelin'" in missing.stdout, missing.stderr


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


async def test_feeds_add_on_a_web_page_follows_the_feed_it_advertises_and_says_so(data_dir, loopback_site):
    home = loopback_site.url("/")
    code, out, err = await newsbrief_async(data_dir, "feeds", "add", home, NEWSBRIEF_ALLOW_PRIVATE_URLS="1")
    assert code == 0, err
    feed = loopback_site.url("/feeds/rss20.xml")
    assert f"{home} is a web page; following the feed it advertises: {feed}." in out
    assert "Valley Courier" in out and "3 items" in out
    code, out, _ = await newsbrief_async(data_dir, "feeds", "list", "--json")
    assert [json.loads(line)["url"] for line in out.splitlines()] == [feed]


async def test_feeds_add_finds_a_feed_at_a_usual_address_when_the_page_names_none(data_dir, loopback_site):
    blog = loopback_site.url("/blog/")
    code, out, err = await newsbrief_async(data_dir, "feeds", "add", blog, NEWSBRIEF_ALLOW_PRIVATE_URLS="1")
    assert code == 0, err
    assert f"following its feed, at a usual address: {loopback_site.url('/blog/feed.xml')}." in out
    assert "/blog/feed" in loopback_site.paths()  # tried in order before /blog/feed.xml


async def test_feeds_add_on_a_page_without_any_feed_is_one_clear_line(data_dir, loopback_site):
    code, out, err = await newsbrief_async(data_dir, "feeds", "add", loopback_site.url("/about/"),
                                           NEWSBRIEF_ALLOW_PRIVATE_URLS="1")
    assert code == 1
    assert_one_line_error(err)
    assert "is a web page, not a news feed, and I found no feed for it" in err
    code, out, _ = await newsbrief_async(data_dir, "feeds", "list", "--json")
    assert out == ""


def _opml(urls: list[str]) -> str:
    local, *rest = urls
    nested = "".join(f'<outline text="Feed {n}" type="rss" xmlUrl="{url}"/>' for n, url in enumerate(rest))
    return f"""<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0"><head><title>My reader</title></head><body>
<outline text="Local"><outline text="Courier" title="Valley Courier" type="rss" xmlUrl="{local}"/>
<outline text="More"><!-- a comment -->{nested}</outline></outline>
</body></opml>"""


async def test_feeds_import_then_export_round_trips_three_feeds(data_dir, tmp_path, loopback_site):
    urls = [loopback_site.url(path) for path in ("/feeds/rss20.xml", "/feeds/atom.xml", "/feeds/rss10.rdf")]
    opml = tmp_path / "reader.opml"
    opml.write_text(_opml(urls), encoding="utf-8")
    code, out, err = await newsbrief_async(data_dir, "feeds", "import", str(opml), NEWSBRIEF_ALLOW_PRIVATE_URLS="1")
    assert code == 0, err
    assert out.splitlines()[-1] == f"{opml}: 3 feeds added, 0 already followed."
    code, out, err = await newsbrief_async(data_dir, "feeds", "import", str(opml), NEWSBRIEF_ALLOW_PRIVATE_URLS="1")
    assert out.splitlines()[-1] == f"{opml}: 0 feeds added, 3 already followed."

    code, exported, err = await newsbrief_async(data_dir, "feeds", "export")
    assert code == 0, err
    again = tmp_path / "exported.opml"
    again.write_text(exported, encoding="utf-8")
    from bot.sources.opml import read_opml
    feeds = read_opml(again.read_bytes())
    assert sorted(feed.url for feed in feeds) == sorted(urls)
    assert {feed.title for feed in feeds} >= {"Valley Courier", "Courier (Atom)", "Courier RDF"}
    assert exported.startswith("<?xml") and '<opml version="2.0">' in exported


async def test_feeds_import_reports_each_bad_feed_and_keeps_the_good_ones(data_dir, tmp_path, loopback_site):
    urls = [loopback_site.url(path) for path in ("/feeds/rss20.xml", "/status/404", "/about/")]
    opml = tmp_path / "mixed.opml"
    opml.write_text(_opml(urls), encoding="utf-8")
    code, out, _ = await newsbrief_async(data_dir, "feeds", "import", str(opml), NEWSBRIEF_ALLOW_PRIVATE_URLS="1")
    assert code == 1
    assert f"  failed  {urls[1]}: The feed could not be read (HTTP 404)." in out
    assert f"  failed  {urls[2]}: " in out and "found no feed" in out
    assert out.splitlines()[-1] == f"{opml}: 1 feed added, 0 already followed, 2 failed (listed above)."


async def test_feeds_import_without_checking_stores_the_file_as_it_is(data_dir, tmp_path, loopback_site):
    opml = tmp_path / "offline.opml"
    opml.write_text(_opml(["https://a.example/rss", "https://b.example/atom", "https://c.example/feed"]))
    code, out, err = await newsbrief_async(data_dir, "feeds", "import", str(opml), "--no-check")
    assert code == 0, err
    assert loopback_site.requests == []
    code, out, _ = await newsbrief_async(data_dir, "feeds", "list", "--json")
    titles = {json.loads(line)["url"]: json.loads(line)["title"] for line in out.splitlines()}
    assert titles == {"https://a.example/rss": "Valley Courier", "https://b.example/atom": "Feed 0",
                      "https://c.example/feed": "Feed 1"}


@pytest.mark.parametrize(("written", "expected"), [
    ("<opml><body><outline text='x'", "is not valid XML (line 1: "),
    ("<rss version='2.0'/>", "is XML, but not OPML"),
])
def test_feeds_import_of_a_bad_file_is_one_line(data_dir, tmp_path, written, expected):
    bad = tmp_path / "bad.opml"
    bad.write_text(written)
    result = newsbrief(data_dir, "feeds", "import", str(bad))
    assert result.returncode == 1
    assert_one_line_error(result.stderr)
    assert expected in result.stderr
    missing = newsbrief(data_dir, "feeds", "import", str(tmp_path / "nowhere.opml"))
    assert_one_line_error(missing.stderr)
    assert "cannot read" in missing.stderr


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
