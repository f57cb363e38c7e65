"""The database: migrations, reopening, feeds and article de-duplication on real SQLite files."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from bot.errors import UserError
from bot.models import Article, Briefing, DateMention, Facts, Person, Quote, Stats
from bot.storage import PollOutcome, Store, canonical_url, content_hash, open_database, open_store, story_url
from bot.storage.db import MIGRATIONS_DIR, SCHEMA_HEAD
from bot.storage.schema import Base
from tests.paths import REPO

T0 = datetime(2025, 6, 2, 8, 0, tzinfo=UTC)
FERRY_TEXT = (
    "The harbour board voted on Tuesday to keep the winter ferry running until March. "
    "Board member Anya Holt said three hundred commuters depend on the crossing every morning."
)
LIBRARY_TEXT = (
    "The Northgate library will stay open until nine on weekdays from next month. "
    "Volunteers will staff the evening hours while the council looks for funding."
)


def briefing_for(article: Article, *, facts: Facts | None = None) -> Briefing:
    first = article.text.split(". ")[0] + "."
    return Briefing(
        title=article.title or "Untitled", summary=(first,), facts=facts or Facts(),
        stats=Stats(words=len(article.text.split()), summary_words=len(first.split())),
        source=article.source, url=article.url, published=article.published,
    )


def store_article(store: Store, article: Article, **kwargs):
    return store.articles.add_article(article, briefing_for(article), **kwargs)


@pytest.fixture
def db_url(fresh_database_url) -> str:
    """A database nothing has opened yet, on SQLite and on PostgreSQL."""
    return fresh_database_url


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'data' / 'newsbrief.sqlite3'}"


@pytest.fixture
def store(database_url):
    opened = open_store(database_url)
    yield opened
    opened.database.close()


# --- opening, migrations, reopening -------------------------------------------------------


def test_open_creates_the_directory_the_tables_and_the_fts_index(tmp_path, sqlite_url):
    with open_database(sqlite_url) as database:
        tables = set(inspect(database.engine).get_table_names())
        with database.read() as session:
            journal = session.execute(text("PRAGMA journal_mode")).scalar()
            foreign_keys = session.execute(text("PRAGMA foreign_keys")).scalar()
            version = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert (tmp_path / "data" / "newsbrief.sqlite3").is_file()
    assert {"articles", "feeds", "subscriptions", "subscription_feeds", "deliveries", "digest_log", "articles_fts"} <= tables
    assert "apscheduler_jobs" not in tables
    assert database.has_fts
    assert (journal, foreign_keys, version) == ("wal", 1, SCHEMA_HEAD)


# Neither SQLAlchemy nor Alembic can compare an expression index (ix_articles_feed_newest); they say so and skip it.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
def test_migrated_schema_matches_the_orm_models(db_url):
    with open_database(db_url) as database, database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": _only_model_tables})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def _only_model_tables(name, type_, parent_names) -> bool:
    # FTS5 shadow tables, Slack's installation tables (slack_sdk's, not ours) and alembic's own table
    # are not ORM models; nor is PostgreSQL's generated search column, which only the search SQL reads.
    if type_ == "column":
        return name != "search_vector"
    if type_ == "index":
        return name != "ix_articles_search_vector"
    return type_ != "table" or name in Base.metadata.tables


def test_schema_head_constant_is_the_newest_migration():
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(config).get_heads() == [SCHEMA_HEAD]


def test_migrations_downgrade_to_nothing_and_back(db_url):
    with open_database(db_url) as database:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        with database.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        assert set(inspect(database.engine).get_table_names()) == {"alembic_version"}
    with open_database(db_url) as reopened:
        assert reopened.fulltext == ("fts5" if reopened.is_sqlite else "tsvector")
        assert {"articles", "slack_installations"} <= set(inspect(reopened.engine).get_table_names())


def test_reopening_sees_the_same_data_in_this_and_another_process(db_url):
    first = open_store(db_url)
    feed, _ = first.feeds.add_feed("https://news.example/feed.xml", title="Example News", now=T0)
    stored, _ = store_article(first, Article(text=FERRY_TEXT, title="Ferry stays", url="https://news.example/ferry"),
                              feed_id=feed.id, now=T0)
    first.database.close()

    with open_store(db_url).database as database:
        again = Store.over(database)
        assert again.feeds.get_feed(feed.url) == feed
        assert again.articles.get_article(stored.id) == stored

    script = textwrap.dedent(f"""
        import json
        from bot.storage import open_store
        store = open_store({db_url!r})
        print(json.dumps({{"feeds": [f.url for f in store.feeds.list_feeds()],
                          "titles": [a.title for a in store.articles.recent_articles()],
                          "found": [h.article.id for h in store.articles.search("ferry")]}}))
        store.feeds.add_feed("https://other.example/rss")
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "feeds": ["https://news.example/feed.xml"], "titles": ["Ferry stays"], "found": [stored.id],
    }
    with open_store(db_url).database as database:
        urls = [f.url for f in Store.over(database).feeds.list_feeds()]
    assert urls == ["https://news.example/feed.xml", "https://other.example/rss"]


def test_two_processes_opening_a_fresh_file_at_once_both_succeed(db_url):
    script = textwrap.dedent("""
        import sys
        from bot.storage import open_store
        store = open_store(sys.argv[1])
        store.feeds.add_feed(sys.argv[2])
    """)
    processes = [
        subprocess.Popen([sys.executable, "-c", script, db_url, f"https://site{n}.example/feed"],
                         cwd=REPO, stderr=subprocess.PIPE, text=True)
        for n in range(3)
    ]
    errors = [p.communicate(timeout=60)[1] for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], errors
    with open_store(db_url).database as database:
        assert len(Store.over(database).feeds.list_feeds()) == 3


def test_in_memory_database_is_shared_between_sessions():
    store = open_store("sqlite://")
    store.feeds.add_feed("https://news.example/feed.xml")
    assert [f.url for f in store.feeds.list_feeds()] == ["https://news.example/feed.xml"]


def test_a_database_from_a_newer_version_is_refused_with_a_sentence(db_url):
    with open_database(db_url) as database, database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(UserError, match="newer version"):
        open_database(db_url)


def test_an_unusable_data_directory_is_a_user_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(UserError, match="data directory"):
        open_database(f"sqlite:///{blocker / 'sub' / 'db.sqlite3'}")


def test_settings_url_points_inside_the_data_dir(tmp_path, monkeypatch):
    from bot.settings import load_settings

    monkeypatch.setenv("NEWSBRIEF_DATA_DIR", str(tmp_path / "nb"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with open_database(load_settings(env_file=None).storage.resolved_database_url):
        pass
    assert (tmp_path / "nb" / "newsbrief.sqlite3").is_file()


# --- feeds ----------------------------------------------------------------------------------


def test_adding_a_feed_twice_keeps_one_row_even_with_a_different_spelling(store):
    feed, created = store.feeds.add_feed("https://News.Example/feed.xml#top", now=T0)
    again, created_again = store.feeds.add_feed("  https://news.example/feed.xml ")
    assert (created, created_again) == (True, False)
    assert again == feed
    assert feed.url == "https://news.example/feed.xml"
    assert feed.added_at == T0 and feed.failures == 0 and feed.next_poll_at is None


def test_poll_results_count_failures_keep_validators_and_reset_on_success(store):
    feed, _ = store.feeds.add_feed("https://news.example/feed.xml", now=T0)
    ok = store.feeds.update_feed_poll_result(feed.id, PollOutcome(
        ok=True, status=200, title="Example", etag='"v1"', last_modified="Mon, 02 Jun 2025 08:00:00 GMT",
        next_poll_at=T0 + timedelta(minutes=30)), now=T0)
    assert (ok.title, ok.etag, ok.last_status, ok.last_polled_at) == ("Example", '"v1"', 200, T0)

    for attempt in (1, 2):
        failed = store.feeds.update_feed_poll_result(feed.id, PollOutcome(
            ok=False, status=503, error="The site had an error (HTTP 503).",
            next_poll_at=T0 + timedelta(hours=attempt)))
        assert failed.failures == attempt
    assert failed.last_error == "The site had an error (HTTP 503)."
    assert failed.etag == '"v1"'

    not_modified = store.feeds.update_feed_poll_result(feed.id, PollOutcome(ok=True, status=304, next_poll_at=T0))
    assert (not_modified.failures, not_modified.last_error, not_modified.etag) == (0, None, '"v1"')
    assert not_modified.title == "Example"
    assert store.feeds.update_feed_poll_result(9999, PollOutcome(ok=True, next_poll_at=T0)) is None


def test_due_feeds_are_the_never_polled_and_the_overdue(store):
    never, _ = store.feeds.add_feed("https://a.example/feed")
    later, _ = store.feeds.add_feed("https://b.example/feed")
    overdue, _ = store.feeds.add_feed("https://c.example/feed")
    store.feeds.update_feed_poll_result(later.id, PollOutcome(ok=True, next_poll_at=T0 + timedelta(hours=1)))
    store.feeds.update_feed_poll_result(overdue.id, PollOutcome(ok=True, next_poll_at=T0 - timedelta(minutes=1)))
    assert [f.url for f in store.feeds.due_feeds(T0)] == [never.url, overdue.url]
    assert {f.url for f in store.feeds.due_feeds(T0 + timedelta(hours=2))} == {never.url, later.url, overdue.url}


def test_removing_a_feed_keeps_its_articles(store):
    feed, _ = store.feeds.add_feed("https://news.example/feed.xml")
    stored, _ = store_article(store, Article(text=FERRY_TEXT, title="Ferry"), feed_id=feed.id)
    assert store.feeds.remove_feed("https://news.example/feed.xml") is True
    assert store.feeds.remove_feed("https://news.example/feed.xml") is False
    assert store.feeds.list_feeds() == []
    assert store.articles.get_article(stored.id).feed_id is None


# --- articles and de-duplication -------------------------------------------------------------


def test_an_article_round_trips_with_its_briefing(store):
    published = datetime(2025, 6, 1, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    article = Article(text=FERRY_TEXT, title="Ferry stays", url="https://news.example/ferry?id=7",
                      source="Example News", published=published, author="Kim Lee")
    facts = Facts(people=(Person("Anya Holt", "board member"),), dates=(DateMention("Tuesday"),),
                  quotes=(Quote("It matters", "Anya Holt"),), places=("Harbour",))
    briefing = briefing_for(article, facts=facts)
    stored, created = store.articles.add_article(article, briefing, guid="ex-7", now=T0)
    assert created
    assert stored.briefing == briefing
    assert stored.published == published and stored.published.tzinfo is not None
    assert stored.fetched_at == T0
    assert store.articles.get_article(stored.id) == stored
    assert store.articles.get_article(stored.id).as_article() == article


def test_same_guid_in_the_same_feed_is_not_new_but_in_another_feed_it_is(store):
    one, _ = store.feeds.add_feed("https://one.example/rss")
    two, _ = store.feeds.add_feed("https://two.example/rss")
    first, created = store_article(store, Article(text=FERRY_TEXT, title="Ferry"), guid="item-1", feed_id=one.id)
    edited = Article(text=FERRY_TEXT + " The vote was close.", title="Ferry (updated)")
    again, created_again = store_article(store, edited, guid="item-1", feed_id=one.id)
    library = Article(text=LIBRARY_TEXT, title="Library")
    other, created_other = store_article(store, library, guid="item-1", feed_id=two.id)
    assert (created, created_again, created_other) == (True, False, True)
    assert again.id == first.id and again.title == "Ferry"
    assert other.id != first.id


def test_tracking_parameters_do_not_make_a_story_new(store):
    base = "https://news.example/2025/ferry"
    first, _ = store_article(store, Article(text=FERRY_TEXT, title="Ferry", url=base + "/"))
    tracked = Article(text=FERRY_TEXT + " Update: no change.", title="Ferry!",
                      url="https://NEWS.example/2025/ferry?utm_source=rss&utm_medium=feed&fbclid=abc#comments")
    again, created = store_article(store, tracked)
    assert not created and again.id == first.id
    assert store.articles.knows_item(feed_id=None, guid=None, url=base + "?gclid=1")
    assert not store.articles.knows_item(feed_id=None, guid=None, url="https://news.example/2025/library")


def test_same_body_with_an_edited_headline_is_not_new(store):
    first, _ = store_article(store, Article(text=FERRY_TEXT, title="Ferry stays", url="https://a.example/x"))
    reposted = Article(text="  " + FERRY_TEXT.upper().replace(". ", " ... ").replace(" ", "\n  "),
                       title="Winter ferry saved", url="https://b.example/other-path")
    again, created = store_article(store, reposted)
    assert not created and again.id == first.id
    different, created_different = store_article(store, Article(text=LIBRARY_TEXT, title="Ferry stays"))
    assert created_different and different.id != first.id
    assert store.articles.count_articles() == 2


def test_short_stubs_and_home_page_links_do_not_merge_different_stories(store):
    feed, _ = store.feeds.add_feed("https://one.example/rss")
    stub = "Read the full story on our website."
    first, _ = store_article(store, Article(text=stub, title="Ferry", url="https://one.example/"),
                             guid="a", feed_id=feed.id)
    second, created = store_article(store, Article(text=stub, title="Library", url="https://one.example/?utm_source=x"),
                                    guid="b", feed_id=feed.id)
    assert created and second.id != first.id
    assert first.content_hash is None and first.canonical_url is None
    assert not store.articles.knows_item(feed_id=feed.id, guid="c", url="https://one.example/")


def test_knows_item_uses_guid_scoped_to_the_feed(store):
    feed, _ = store.feeds.add_feed("https://one.example/rss")
    store_article(store, Article(text=FERRY_TEXT, title="Ferry"), guid="g-1", feed_id=feed.id)
    assert store.articles.knows_item(feed_id=feed.id, guid="g-1", url=None)
    assert not store.articles.knows_item(feed_id=None, guid="g-1", url=None)
    assert not store.articles.knows_item(feed_id=feed.id, guid="g-2", url=None)


def test_recent_articles_put_the_newest_first(store):
    old = Article(text=FERRY_TEXT, title="Old", published=T0 - timedelta(days=2))
    new = Article(text=LIBRARY_TEXT, title="New", published=T0)
    store_article(store, old)
    store_article(store, new)
    assert [a.title for a in store.articles.recent_articles(5)] == ["New", "Old"]
    assert store.articles.recent_articles(0) == []


@pytest.mark.parametrize(("url", "expected"), [
    ("https://Example.COM/a/b/?utm_source=x&b=2&a=1#frag", "https://example.com/a/b?a=1&b=2"),
    ("http://example.com:80/path?ref=home&mc_cid=1&mc_eid=2&gclid=3", "http://example.com/path"),
    ("https://example.com:8443/p?UTM_Campaign=z&id=4", "https://example.com:8443/p?id=4"),
    ("https://example.com/", "https://example.com"),
    ("https://example.com/story?id=1&id=0", "https://example.com/story?id=0&id=1"),
    ("  ", None),
    (None, None),
    ("not a url", "not a url"),
])
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.com/", None),
    ("https://example.com/?utm_source=feed", None),
    ("https://example.com/?p=12", "https://example.com?p=12"),
    ("https://example.com/news/ferry/", "https://example.com/news/ferry"),
])
def test_story_url_refuses_bare_home_pages(url, expected):
    assert story_url(url) == expected


def test_content_hash_ignores_case_spacing_and_punctuation_only():
    assert content_hash("The vote, on Tuesday, was 7-2.") == content_hash("the  VOTE on tuesday\nwas 7 2")
    assert content_hash("The vote was 7-2.") != content_hash("The vote was 7-3.")


def test_a_postgres_url_without_a_driver_gets_psycopg(monkeypatch):
    from bot.storage import db

    assert db._parse_url("postgresql://u@h/news").drivername == "postgresql+psycopg"
    assert db._parse_url("postgres://u@h/news").drivername == "postgresql+psycopg"
    assert db._parse_url("postgresql+psycopg://u@h/news").drivername == "postgresql+psycopg"
    assert db._parse_url("sqlite:///x.sqlite3").drivername == "sqlite"


def test_times_keep_their_instant_whatever_the_servers_time_zone(database_url):
    # On PostgreSQL the sessions run in Pacific/Chatham (tests/databases.py): a naive timestamp would move.
    store = open_store(database_url)
    try:
        feed, _ = store.feeds.add_feed("https://news.example/feed.xml", now=T0)
        winter = datetime(2025, 1, 15, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
        stored, _ = store_article(store, Article(text=FERRY_TEXT, title="Ferry", published=winter),
                                  feed_id=feed.id, now=T0)
        again = store.articles.get_article(stored.id)
        assert again.published == winter and again.published.utcoffset() == timedelta(0)
        assert store.feeds.get_feed(feed.url).added_at == T0
        assert [f.url for f in store.feeds.due_feeds(T0)] == [feed.url]
        in_utc = "CAST(published AT TIME ZONE 'UTC' AS TEXT)" if store.database.is_postgresql else "published"
        with store.database.read() as session:
            shown = session.execute(text(f"SELECT {in_utc} FROM articles")).scalar()
        assert shown.startswith("2025-01-16 04:30:00")
    finally:
        store.close()


def test_a_file_that_is_not_a_database_is_a_user_error(tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"these bytes are no SQLite header, just some text " * 20)
    with pytest.raises(UserError, match="Could not open the database"):
        open_database(f"sqlite:///{junk}")


@pytest.mark.parametrize("url", ["nonsense://", "not a url at all"])
def test_an_unusable_database_url_is_a_user_error(url):
    with pytest.raises(UserError):
        open_database(url)
