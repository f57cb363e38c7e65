"""The CLI's read-only lookup answers exactly as the store does, and steps aside when it cannot."""

from __future__ import annotations

import sqlite3

import pytest

from bot.storage import open_store
from bot.storage.quick_lookup import quick_search
from tests.storage.test_storage_search import ARTICLES, WEIRD_QUERIES, _drop_fts, make_briefing

QUERIES = ["ferry", "winter ferry", '"winter ferry"', "ferry bus", "coral reef", "U.S.", "nothing here", *WEIRD_QUERIES]


@pytest.fixture
def url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'quick.sqlite3'}"
    store = open_store(url)
    for article in ARTICLES.values():
        store.articles.add_article(article, make_briefing(article))
    store.close()
    return url


@pytest.mark.parametrize("query", QUERIES)
def test_the_quick_answer_is_the_stores_answer(url, query):
    quick = quick_search(url, query, 3)
    store = open_store(url)
    try:
        hits = store.articles.search(query, limit=3)
        stored = store.articles.count_articles()
    finally:
        store.close()
    assert quick is not None
    assert [(h.id, h.score, h.briefing) for h in quick.hits] == [(h.article.id, h.score, h.article.briefing) for h in hits]
    if not hits:
        assert quick.stored == stored


@pytest.mark.parametrize(
    "other", ["sqlite://", "sqlite:///:memory:", "postgresql://news@localhost/news", "sqlite:///a.db?mode=ro"]
)
def test_anything_but_an_sqlite_file_is_left_to_the_store(other):
    assert quick_search(other, "ferry", 3) is None


def test_a_file_that_does_not_exist_yet_is_left_to_the_store(tmp_path):
    assert quick_search(f"sqlite:///{tmp_path / 'absent.sqlite3'}", "ferry", 3) is None
    assert not (tmp_path / "absent.sqlite3").exists()


def test_a_database_at_another_schema_revision_is_left_to_the_store(url):
    with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'zzzz'")
    assert quick_search(url, "ferry", 3) is None


def test_a_database_without_full_text_index_is_left_to_the_store(url):
    _drop_fts(url)
    assert quick_search(url, "ferry", 3) is None


def test_a_file_that_is_no_database_is_left_to_the_store(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("these are not the tables you are looking for")
    assert quick_search(f"sqlite:///{path}", "ferry", 3) is None
