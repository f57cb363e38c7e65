"""Cleaning raw article text into a Document: junk dropped, body kept, title and dateline found."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.models import Article
from bot.text.clean import clean_article, clean_text
from bot.text.dateline import split_dateline
from bot.text.junk import is_boilerplate, strip_junk_paragraphs
from bot.text.language import looks_english
from bot.text.normalize import normalize_text, split_paragraphs

SHARED_SEED = Path("/work/shared/seeds/000_608d563d537b08e0.txt")

LEAD = "A ferry carrying 300 passengers ran aground near the harbor on Sunday, port officials said."
SECOND = "Rescue boats reached the vessel within an hour and nobody was hurt, the coast guard said."
COPYRIGHT_BODY = (
    "The maker of the ship's navigation charts argued that copyright law protects its maps, "
    "and that the operator had copied them without a license."
)
ARTICLE = f"""The Harbor Courier

Ferry Runs Aground Off Pellston Harbor

Passengers were brought ashore by lifeboat after the ship struck a sandbar.

Updated 3 hours ago

Jonas Weld/Getty Images
The ferry Aurora lies tilted on a sandbar near Pellston, May 4, 2024. Jonas Weld/Getty Images

PELLSTON, Maine (AP) — {LEAD}

Advertisement

{SECOND}

Read more: Three other ferries ran aground this year

Sign up for our Morning Tide newsletter to get the day's top stories delivered to your inbox.

{COPYRIGHT_BODY}

Share this article

The operator said it would review its routes before the summer season.

The Harbor Courier

© 2024 Harbor Courier Media, LLC. All rights reserved.

Use of this site constitutes acceptance of our Terms of Use and Privacy Policy.

Sign in or create a free account

By continuing you agree to our Privacy Policy and Terms of Use
"""


@pytest.fixture(scope="module")
def document():
    return clean_article(Article(text=ARTICLE))


def _body(document) -> str:
    return " ".join(document.sentences)


def test_title_is_first_short_unpunctuated_line_after_masthead(document):
    assert document.title == "Ferry Runs Aground Off Pellston Harbor"


def test_given_title_wins_and_its_copy_in_the_text_is_dropped():
    doc = clean_article(Article(text=f"Ferry Aground\n\n{LEAD}\n\n{SECOND}", title="Ferry Aground"))
    assert doc.title == "Ferry Aground"
    assert doc.sentences[0] == LEAD


def test_text_that_opens_with_body_has_no_title():
    doc = clean_article(Article(text=f"{LEAD}\n\n{SECOND}"))
    assert doc.title is None
    assert doc.sentences == (LEAD, SECOND)


def test_dateline_place_is_set_and_stripped_from_first_sentence(document):
    assert document.dateline == "PELLSTON, Maine"
    assert LEAD in document.sentences
    assert "PELLSTON" not in _body(document)


def test_every_body_paragraph_survives(document):
    body = _body(document)
    for sentence in (LEAD, SECOND, COPYRIGHT_BODY, "The operator said it would review its routes"):
        assert sentence in body


def test_standfirst_that_adds_news_is_kept_as_a_paragraph(document):
    assert document.paragraphs[0] == ("Passengers were brought ashore by lifeboat after the ship struck a sandbar.",)


def test_standfirst_repeating_the_lead_is_dropped():
    text = f"Ferry Aground\n\nA ferry carrying 300 passengers ran aground near the harbor.\n\nPELLSTON — {LEAD}"
    doc = clean_article(Article(text=text))
    assert doc.paragraphs == ((LEAD,),)


@pytest.mark.parametrize(
    "junk",
    [
        "Jonas Weld/Getty Images",
        "The ferry Aurora lies tilted",
        "Updated 3 hours ago",
        "Advertisement",
        "Read more:",
        "newsletter",
        "Share this article",
        "Harbor Courier",
        "©",
        "All rights reserved",
        "Use of this site",
        "Sign in",
        "By continuing",
    ],
)
def test_page_junk_is_dropped(document, junk):
    assert junk not in _body(document)


def test_caption_repeated_without_credit_is_dropped():
    paragraphs = [
        "Crowds gather outside the court in Linden on Monday.",
        "Crowds gather outside the court in Linden on Monday. Ana Ruiz/Reuters",
        LEAD,
    ]
    assert strip_junk_paragraphs(paragraphs) == [LEAD]


def test_short_line_equal_to_source_name_is_dropped():
    assert strip_junk_paragraphs(["Pellston Daily", LEAD], source="Pellston Daily") == [LEAD]


def test_same_short_line_twice_is_a_masthead():
    assert strip_junk_paragraphs(["Pellston Daily", LEAD, SECOND, "Pellston Daily"]) == [LEAD, SECOND]


def test_everything_after_a_late_footer_is_dropped():
    paragraphs = [LEAD, SECOND, "© 2024 Pellston Daily", "Our picks for weekend trips along the coast."]
    assert strip_junk_paragraphs(paragraphs) == [LEAD, SECOND]


def test_copyright_credit_at_the_top_does_not_cut_the_article():
    assert strip_junk_paragraphs(["© Pellston Photo Agency", LEAD, SECOND]) == [LEAD, SECOND]


@pytest.mark.parametrize(
    "line",
    [
        "AP/Rita Olsen, pool, file",
        "Photo: Rita Olsen/Getty Images",
        "(AP Photo/Rita Olsen)",
        "Credit: Rita Olsen for The Pellston Daily",
        "Create a free account",
        "Already a subscriber? Log in",
        "Copyright 2023 Pellston Media. All Rights Reserved.",
        "This copy is for your personal, non-commercial use only.",
        "Share on Facebook Share on Twitter Email",
        "Story continues below advertisement",
        "READ MORE: Harbor fees rise again",
        "Get the week's best stories delivered to your inbox every Friday.",
        "Posted: Nov. 3, 2023 at 4:10 pm",
        "Reporting by Rita Olsen; Editing by Tom Vale",
        "By Rita Olsen",
        "___",
        "https://example.org/harbor-story",
        "CLICK HERE FOR THE FULL RESULTS",
    ],
)
def test_boilerplate_lines_are_recognised(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "sentence",
    [
        COPYRIGHT_BODY,
        "Copyright lawyers said the ruling would matter for every photographer.",
        "The company updated its privacy policy after regulators complained.",
        "By Tuesday, the water had receded from the lower town.",
        "Subscribers to the local paper fell by a third, the owner said.",
        "Extra innings",
        "A Big Night for The Giants",
        "The photo, taken by Rita Olsen for Reuters, shows the ferry on the sandbar.",
    ],
)
def test_body_sentences_are_not_boilerplate(sentence):
    assert not is_boilerplate(sentence)


def test_unicode_is_normalized():
    raw = "Cafe\u0301\u00a0owners\u200b met.\r\nThen   left."
    assert normalize_text(raw) == "Café owners met.\nThen left."


def test_hard_wrapped_lines_join_into_one_paragraph():
    text = (
        "The council voted on Monday to widen the harbor road, a project\n"
        "that has been debated for more than a decade and will cost the town\n"
        "about four million dollars over the next five years of work.\n\n"
        "Work starts in June."
    )
    paragraphs = split_paragraphs(text)
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("The council voted") and paragraphs[0].endswith("years of work.")


def test_single_newlines_between_whole_lines_separate_paragraphs():
    assert split_paragraphs("Jonas Weld/Getty Images\nThe ferry lies tilted on a sandbar.") == [
        "Jonas Weld/Getty Images",
        "The ferry lies tilted on a sandbar.",
    ]


def test_line_broken_mid_sentence_is_joined():
    assert split_paragraphs("The mayor said\nthe bridge would reopen.") == ["The mayor said the bridge would reopen."]


@pytest.mark.parametrize(
    ("paragraph", "place"),
    [
        ("SEOUL — Talks resumed.", "SEOUL"),
        ("WASHINGTON (Reuters) - Talks resumed.", "WASHINGTON"),
        ("NAIROBI, Kenya (AP) — Talks resumed.", "NAIROBI, Kenya"),
        ("Dekalb, Ill. — Talks resumed.", "Dekalb, Ill."),
    ],
)
def test_dateline_forms(paragraph, place):
    found = split_dateline(paragraph)
    assert found is not None and found.place == place and found.rest == "Talks resumed."


def test_dash_after_an_ordinary_capitalized_word_is_no_dateline():
    assert split_dateline("Norway — along with Iceland — objected to the plan.") is None


def test_text_with_only_junk_has_no_sentences():
    assert clean_text("Advertisement\n\nShare this article\n\n© 2024 Pellston Daily").sentences == ()


def test_looks_english_accepts_news_and_short_headlines():
    assert looks_english(f"{LEAD} {SECOND} {COPYRIGHT_BODY}")
    assert looks_english("Ferry runs aground")


@pytest.mark.parametrize(
    "text",
    [
        "O barco encalhou perto do porto no domingo e os passageiros foram levados para a praia com calma.",
        "Die Fähre ist am Sonntag in der Nähe des Hafens auf Grund gelaufen und die Leute sind nicht verletzt.",
        "El barco encalló cerca del puerto el domingo y los pasajeros llegaron a la playa por la tarde.",
    ],
)
def test_looks_english_rejects_other_languages(text):
    assert not looks_english(text)


@pytest.mark.skipif(not SHARED_SEED.exists(), reason="shared reference seed is not on this machine")
def test_shared_reference_seed_loses_its_junk_and_keeps_its_body():
    raw = SHARED_SEED.read_text(encoding="utf-8")
    doc = clean_article(Article(text=raw))
    body = " ".join(doc.sentences)
    assert doc.dateline == "SEOUL"
    for marker in ("©", "All rights reserved", "Sign in", "By continuing", "Terms of Use", "AP/", "pool, file"):
        assert marker not in body
    paragraphs = split_paragraphs(normalize_text(raw))
    dateline_index = next(i for i, p in enumerate(paragraphs) if p.startswith("SEOUL"))
    footer_index = next(i for i, p in enumerate(paragraphs) if p.startswith("©"))
    for paragraph in paragraphs[dateline_index + 1 : footer_index - 1]:
        assert paragraph in doc.text


def test_source_name_on_top_is_not_taken_for_the_title():
    doc = clean_article(Article(text=f"Pellston Daily\n\nFerry Aground\n\n{LEAD}", source="Pellston Daily"))
    assert doc.title == "Ferry Aground"
    assert doc.sentences == (LEAD,)


def test_credit_naming_any_outlet_with_a_slash_is_dropped_with_its_caption():
    from bot.models import Article
    from bot.text.clean import clean_article

    page = (
        "Harbor Wire/Lena Ostrova\n\n"
        "Ferry passengers queue at the north pier on Friday. Harbor Wire/Lena Ostrova\n\n"
        "TALLINN — The ferry operator restored its full winter timetable on Friday after a two-week strike.\n\n"
        "Union leaders said the deal raised crew pay by 6 percent over two years."
    )
    document = clean_article(Article(text=page, title="Ferries back on schedule"))
    assert "Lena Ostrova" not in document.text
    assert "queue at the north pier" not in document.text
    assert document.sentences[0].startswith("The ferry operator restored")


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("The ferry sailed at noon. Scroll down for video Passengers waved from the deck.", "The ferry sailed at noon."),
        ("Scroll down for video The ferry sailed at noon. It was full.", "The ferry sailed at noon."),
    ],
)
def test_scroll_down_prompt_glued_between_sentences_is_cut(text: str, first: str) -> None:
    sentences = clean_text(text).sentences

    assert sentences[0] == first
    assert not any("Scroll down" in sentence for sentence in sentences)


def test_scroll_down_inside_a_sentence_is_left_alone() -> None:
    text = "The club told fans to scroll down for video highlights on its site. Tickets sold out."

    assert clean_text(text).sentences[0] == "The club told fans to scroll down for video highlights on its site."


@pytest.mark.parametrize(
    "text",
    [
        "(CNN)Rescuers reached the stranded hikers on Sunday. All were safe.",
        "(CNN) -- Rescuers reached the stranded hikers on Sunday. All were safe.",
        "(The Valley Herald)Rescuers reached the stranded hikers on Sunday. All were safe.",
    ],
)
def test_outlet_tag_opening_the_story_is_cut(text: str) -> None:
    assert clean_text(text).sentences[0] == "Rescuers reached the stranded hikers on Sunday."


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("(CNN)Rescuers reached the stranded hikers on Sunday.", "CNN"),
        ("(The Valley Herald) -- Rescuers reached the stranded hikers on Sunday.", "The Valley Herald"),
        ("LONDON (AP) — Rescuers reached the stranded hikers on Sunday.", "AP"),
        ("Rescuers reached the stranded hikers on Sunday.", None),
    ],
)
def test_the_outlet_a_tag_names_is_kept_with_the_document(text: str, outlet: str | None) -> None:
    assert clean_text(text).outlet == outlet


def test_bracketed_aside_opening_the_story_is_kept() -> None:
    text = "(From left) Ana Ruiz and Tom Bell cut the ribbon on Friday. The bridge is open."

    assert clean_text(text).sentences[0] == "(From left) Ana Ruiz and Tom Bell cut the ribbon on Friday."


CREDITED_CAPTION = "A diver checks the hull of the grounded ferry on Sunday."
LEAD_AFTER_CAPTION = "PELLSTON, Maine — Divers found a long gash in the ferry's hull on Sunday, the coast guard said."


def test_caption_between_a_photo_credit_and_the_dateline_lead_is_dropped() -> None:
    text = f"Photo: Jonas Weld / Getty Images\n\n{CREDITED_CAPTION}\n\n{LEAD_AFTER_CAPTION}\n\n{SECOND}"

    document = clean_text(text)

    assert CREDITED_CAPTION not in document.sentences
    assert document.sentences[0].startswith("Divers found a long gash")


def test_one_sentence_lead_after_a_photo_credit_is_kept_when_no_dateline_follows() -> None:
    text = f"Photo: Jonas Weld / Getty Images\n\n{CREDITED_CAPTION}\n\n{SECOND}"

    assert clean_text(text).sentences[0] == CREDITED_CAPTION


def test_dateline_with_an_accented_capital_is_found():
    from bot.text.clean import clean_text

    document = clean_text("Power back in Valparaíso\n\nVALPARAÍSO, Chile — Electricity was restored early on Saturday.")
    assert document.dateline == "VALPARAÍSO, Chile"
    assert document.sentences[0].startswith("Electricity was restored")


def test_title_copy_below_a_sign_in_bar_is_removed():
    from bot.models import Article
    from bot.text.clean import clean_article

    page = (
        "The Lakeside Courier\n\nSign in or create a free account\n\n"
        "By continuing you agree to our Privacy Policy and Terms of Use\n\n"
        "Ferry saved after late-night council vote\n\nUpdated 3 hours ago\n\n"
        "LAKESIDE — The council voted on Tuesday to keep the winter ferry running.\n\n"
        "The mayor said 300 commuters depend on it."
    )
    article = Article(text=page, title="Ferry saved after late-night council vote", source="The Lakeside Courier")
    assert "Ferry saved" not in clean_article(article).text

