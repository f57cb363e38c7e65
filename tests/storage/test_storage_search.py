"""Lookups: bm25 ranking, phrases, AND-then-OR, and odd input that must never raise."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import inspect, text

from bot.models import Article, Briefing, Facts, Stats
from bot.storage import open_database, open_store
from bot.storage.search import match_expression, parse_query, websearch_expression

ARTICLES = {
    "ferry": Article(
        title="Winter ferry subsidy approved by the harbour board",
        text="The harbour board approved a subsidy for the winter ferry on Tuesday. The ferry carries "
        "commuters across the bay, and the ferry crew welcomed the vote. Subsidies like this one are rare.",
    ),
    "fares": Article(
        title="Bus fares rise in the spring",
        text="Bus fares will rise by ten cents in April. Riders who take the ferry to work will not pay "
        "more for the winter pass, the transit office said, but weekend tickets cost extra.",
    ),
    "coral": Article(
        title="Students map coral along the northern reef",
        text="A university team mapped coral colonies along the northern reef this summer and found "
        "bleaching at a third of the sites it surveyed during the warm weeks.",
    ),
    "library": Article(
        title="Library stays open late on weekdays",
        text="The Northgate library will stay open until nine on weekdays. Volunteers from the U.S. "
        "literacy program will staff the evening hours in the café on the ground floor.",
    ),
    "election": Article(
        title="Council election count finishes early",
        text="Officials finished counting the council election ballots before midnight. Turnout "
        "was higher than in the previous elections, the returning officer said.",
    ),
}

WEIRD_QUERIES = [
    '"', '""', '"""', '"unbalanced ferry', 'ferry"', '*', 'ferr*', '-ferry', 'ferry -bus', 'NOT ferry', 'ferry NOT',
    'AND', 'OR', 'ferry OR', 'ferry AND AND bus', 'NEAR', 'ferry NEAR council', 'NEAR(ferry council, 2)',
    "'; DROP TABLE articles; --", '"; DROP TABLE', "') OR 1=1 --", '(', ')', '((ferry', '^ferry', 'title:ferry',
    '{title text}: ferry', 'ferry:', '+', '%', '_', '%ferry%', 'fer_y', '\\', 'ferry\\', "o'brien", '🚢', '🚢 ferry',
    '🏳️‍🌈', '\x00', 'ferry\x00bus', '\u200b', '   ', '', 'ｆｅｒｒｙ', 'FERRY', 'ferry ' * 300, 'x' * 5000,
    'ferry" OR "1"="1', '"ferry" "bus" "', 'MATCH', 'rank', 'bm25(articles_fts)', '*:*',
]


def make_briefing(article: Article) -> Briefing:
    return Briefing(title=article.title, summary=(article.text.split(". ")[0] + ".",), facts=Facts(),
                    stats=Stats(words=len(article.text.split()), summary_words=10))


def _drop_fts(url: str) -> None:
    """Make the database look like one created where SQLite had no FTS5."""
    with open_database(url) as database, database.engine.begin() as connection:
        for trigger in ("articles_fts_insert", "articles_fts_delete", "articles_fts_update"):
            connection.execute(text(f"DROP TRIGGER {trigger}"))
        connection.execute(text("DROP TABLE articles_fts"))


def _loaded_store(request, folder):
    """Yield a store of ARTICLES on the backend request.param names, with the ids its articles got."""
    server = request.getfixturevalue("postgres_server") if request.param == "tsvector" else None
    url = server.create_database() if server else f"sqlite:///{folder / 'search.sqlite3'}"
    if request.param == "like":
        _drop_fts(url)
    opened = open_store(url)
    assert opened.database.fulltext == (None if request.param == "like" else request.param)
    ids = {}
    for key, article in ARTICLES.items():
        stored, _ = opened.articles.add_article(article, make_briefing(article))
        ids[key] = stored.id
    # The store with the ids its articles got, by their key in ARTICLES.
    yield SimpleNamespace(articles=opened.articles, database=opened.database, ids=ids)
    opened.close()
    if server:
        server.drop_database(url)


@pytest.fixture(params=["fts5", "like", "tsvector"])
def store(request, tmp_path):
    yield from _loaded_store(request, tmp_path)


@pytest.fixture(scope="module", params=["fts5", "like", "tsvector"])
def shared_store(request, tmp_path_factory):
    """One loaded store per backend for the tests that only read (and check they changed nothing)."""
    yield from _loaded_store(request, tmp_path_factory.mktemp("search"))


def found(store, query: str, limit: int = 5) -> list[str]:
    by_id = {v: k for k, v in store.ids.items()}
    return [by_id[hit.article.id] for hit in store.articles.search(query, limit=limit)]


def test_the_article_about_it_ranks_above_one_that_mentions_it(store):
    assert found(store, "ferry") == ["ferry", "fares"]
    hits = store.articles.search("ferry")
    assert hits[0].score > hits[1].score
    assert hits[0].article.briefing.title == ARTICLES["ferry"].title


def test_several_words_must_all_match_when_some_article_has_them_all(store):
    assert found(store, "coral reef") == ["coral"]
    assert found(store, "winter ferry subsidy") == ["ferry"]


def test_without_an_article_having_every_word_any_word_will_do(store):
    assert set(found(store, "coral library")) == {"coral", "library"}
    assert found(store, "coral zeppelin") == ["coral"]


def test_a_quoted_phrase_needs_its_words_side_by_side(store):
    assert found(store, '"winter ferry"') == ["ferry"]
    assert found(store, '"winter pass"') == ["fares"]
    assert found(store, '"ferry winter"') == []


def test_punctuated_words_match_as_phrases(store):
    assert found(store, "U.S. literacy") == ["library"]
    assert found(store, "café") == ["library"]


def test_case_and_width_do_not_matter(store):
    assert found(store, "CORAL") == found(store, "Coral") == ["coral"]


def test_limit_is_respected(store):
    assert len(store.articles.search("the", limit=2)) == 2
    assert store.articles.search("ferry", limit=0) == []


@pytest.mark.parametrize("query", WEIRD_QUERIES)
def test_odd_input_never_raises_and_leaves_the_tables_alone(shared_store, query):
    store = shared_store
    hits = store.articles.search(query)
    assert isinstance(hits, list)
    assert all(hit.article.id in store.ids.values() for hit in hits)
    assert store.articles.count_articles() == len(ARTICLES)
    assert "articles" in inspect(store.database.engine).get_table_names()


def test_injection_attempts_find_nothing(store):
    assert store.articles.search('"; DROP TABLE') == []
    assert store.articles.search("'; DROP TABLE articles; --") == []
    assert store.articles.search("🚢") == []


def test_stemming_and_accent_folding_come_with_a_full_text_index(store):
    if not store.database.has_fts:
        pytest.skip("LIKE matching has no stemmer and keeps accents")
    assert found(store, "elections") == ["election"]
    assert found(store, "subsidies") == ["ferry"]
    assert found(store, "cafe") == ["library"]


def test_an_empty_database_finds_nothing(database_url):
    store = open_store(database_url)
    assert store.articles.search("ferry") == []


@pytest.mark.parametrize(("query", "expected"), [
    ('ferry "winter pass" bus', ['"ferry"', '"winter pass"', '"bus"']),
    ("U.S. covid-19", ['"U S"', '"covid 19"']),
    ('NEAR(a b) OR "x', ['"NEAR a"', '"b"', '"OR"', '"x"']),
    ('ferry FERRY Ferry', ['"ferry"']),
    ("'; DROP TABLE", ['"DROP"', '"TABLE"']),
    ('*-^:()', []),
])
def test_queries_become_quoted_terms(query, expected):
    assert [term.fts() for term in parse_query(query)] == expected


def test_match_expression_joins_terms():
    terms = parse_query('alpha "beta gamma"')
    assert match_expression(terms, "AND") == '"alpha" AND "beta gamma"'
    assert match_expression(terms, "OR") == '"alpha" OR "beta gamma"'
    with pytest.raises(ValueError, match="unknown operator 'NEAR'"):
        match_expression(terms, "NEAR")


def test_at_most_twelve_terms_are_used():
    assert len(parse_query(" ".join(f"word{n}" for n in range(100)))) == 12


def test_the_index_follows_edits_and_deletions(store):
    if not store.database.has_fts:
        pytest.skip("no index to keep in step")
    with store.database.write() as session:
        session.execute(text("UPDATE articles SET title = 'Zeppelin show' WHERE id = :id"), {"id": store.ids["coral"]})
        session.execute(text("DELETE FROM articles WHERE id = :id"), {"id": store.ids["library"]})
        if store.database.fulltext == "fts5":
            session.execute(text("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')"))
    assert found(store, "zeppelin") == ["coral"]
    assert found(store, "library") == []


def test_stop_words_alone_still_find_by_plain_matching(store):
    # PostgreSQL's English configuration drops "the"; the lookup falls back to matching rather than finding nothing.
    assert len(store.articles.search("the", limit=5)) == 5
    assert found(store, '"or"') == found(store, "or")


def test_websearch_text_quotes_every_term_so_operators_are_words():
    terms = parse_query('war or "peace talks" -x')
    assert websearch_expression(terms, "AND") == '"war" "or" "peace talks" "x"'
    assert websearch_expression(terms, "OR") == '"war" or "or" or "peace talks" or "x"'
    with pytest.raises(ValueError, match="unknown operator"):
        websearch_expression(terms, "NOT")
