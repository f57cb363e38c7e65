"""Extracting an article from a news page with navigation, a captioned photo and a footer."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from bot.errors import UserError
from bot.sources.html import article_from_html
from bot.text.clean import clean_article

PARAGRAPHS = [
    "PELLSTON, Maine (AP) — A ferry carrying 300 passengers ran aground near the harbor on Sunday "
    "morning, port officials said, and every passenger was brought ashore by lifeboat within two hours.",
    "The coast guard said the ferry Aurora struck a sandbar that had shifted during last week's storms, "
    "and that divers found no damage to the hull below the waterline.",
    "Captain Mara Lind said the crew followed the charts they had been given. “We did everything by the "
    "book. The sandbar simply was not where the map said it would be,” she told reporters.",
    "The operator said it would suspend the route until the harbor authority surveys the channel again, "
    "a job that usually takes about a week in calm weather.",
    "Local businesses near the pier said the closure would cost them during the busiest month of the "
    "spring season, when day visitors come from the mainland.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Ferry runs aground off Pellston | Pellston Daily</title>
<meta property="og:title" content="Ferry runs aground off Pellston">
<meta property="og:site_name" content="Pellston Daily">
<meta name="author" content="Rita Olsen">
<meta property="article:published_time" content="2024-05-05T08:15:00+00:00">
</head><body>
<header><nav><ul>
<li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/login">Sign in</a></li></ul></nav></header>
<main><article>
<h1>Ferry runs aground off Pellston</h1>
<p class="byline">By Rita Olsen</p>
<figure><img src="ferry.jpg" alt="Ferry on sandbar">
<figcaption>The ferry Aurora on a sandbar near Pellston on Sunday. Jonas Weld/Getty Images</figcaption></figure>
<p class="credit">Jonas Weld/Getty Images</p>
<p class="caption">Passengers wait on the pier after leaving the ferry on Sunday. Jonas Weld/Getty Images</p>
<p>{PARAGRAPHS[0]}</p>
<p>{PARAGRAPHS[1]}</p>
<p>Advertisement</p>
<p>{PARAGRAPHS[2]}</p>
<p>Read more: Three other ferries ran aground this year</p>
<p>{PARAGRAPHS[3]}</p>
<p>{PARAGRAPHS[4]}</p>
<p>Share this article</p>
<p>Pellston Daily</p>
<p>© 2024 Pellston Daily Media. All rights reserved.</p>
<p>Sign in or create a free account</p>
</article></main>
<aside><h2>Most read</h2><ul><li><a href="/a">Harbor fees rise again</a></li>
<li><a href="/b">Storm season outlook</a></li></ul></aside>
<footer><p>© 2024 Pellston Daily Media. All rights reserved.</p>
<p>Use of this site constitutes acceptance of our Terms of Use and Privacy Policy.</p></footer>
</body></html>
"""


@pytest.fixture(scope="module")
def article():
    return article_from_html(PAGE, url="https://example.org/news/ferry")


def test_metadata_is_read(article):
    assert article.title == "Ferry runs aground off Pellston"
    assert article.source == "Pellston Daily"
    assert article.url == "https://example.org/news/ferry"
    assert article.published is not None and article.published.date() == date(2024, 5, 5)
    assert article.author == "Rita Olsen"


def test_every_body_paragraph_is_kept(article):
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text


@pytest.mark.parametrize(
    "junk",
    [
        "Home",
        "Sign in",
        "Getty Images",
        "Passengers wait on the pier",
        "Advertisement",
        "Read more",
        "Share this",
        "Most read",
        "©",
        "Terms of Use",
        "Pellston Daily",
    ],
)
def test_navigation_caption_prompts_and_footer_are_gone(article, junk):
    assert junk not in article.text


def test_bytes_input_gives_the_same_article(article):
    assert article_from_html(PAGE.encode("utf-8"), url="https://example.org/news/ferry") == article


def test_cleaned_document_has_dateline_and_no_title_copy(article):
    document = clean_article(article)
    assert document.title == "Ferry runs aground off Pellston"
    assert document.dateline == "PELLSTON, Maine"
    assert document.sentences[0].startswith("A ferry carrying 300 passengers")
    assert "Ferry runs aground off Pellston" not in document.text


def test_page_without_article_text_is_a_user_error():
    page = "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><p>Sign in</p></body></html>"
    with pytest.raises(UserError, match="no article text"):
        article_from_html(page, url="https://example.org/")


def test_empty_page_is_a_user_error():
    with pytest.raises(UserError, match="The page has no article text"):
        article_from_html("")


def test_a_year_in_the_text_or_footer_is_not_taken_as_the_publication_date():
    undated = PAGE.replace('<meta property="article:published_time" content="2024-05-05T08:15:00+00:00">\n', "")
    undated = undated.replace(PARAGRAPHS[3], PARAGRAPHS[3] + " The survey is due in February 2026.")
    article = article_from_html(undated, url="https://example.org/news/ferry")
    assert article.published is None


@pytest.mark.parametrize("page", [b"", b"<html><body></body></html>"])
def test_an_empty_page_is_refused_in_one_message_without_library_errors(page, caplog) -> None:
    caplog.set_level(logging.INFO)
    with pytest.raises(UserError, match="no article text"):
        article_from_html(page, url="https://example.com/empty")
    assert [r for r in caplog.records if r.name.startswith("trafilatura")] == []
