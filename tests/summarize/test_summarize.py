"""Behaviour of the extractive summarizers: size, order, no repeats, no dangling references."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.errors import UserError
from bot.models import Document
from bot.summarize import ALGORITHMS, opens_with_unresolved_reference, summarize
from bot.summarize.news import is_question, lead_prior, topic_weight
from bot.summarize.select import _dedupe, _is_near_duplicate, _resolve_dangling, choose, static_ranker
from tests.paths import REPO

HARBOUR_STORY = Document(
    title="Port town votes to rebuild storm-damaged harbour wall",
    paragraphs=(
        (
            "Residents of the fishing town of Kellbrook voted on Tuesday to spend 4.2 million pounds rebuilding "
            "the harbour wall that collapsed during January's storm.",
            "The vote passed by 812 votes to 377 after a three-hour public meeting in the town hall.",
        ),
        (
            "Mayor Imogen Carrow told the meeting that the harbour handled 60 percent of the town's trade.",
            "She warned that a second winter without a wall would push the last two fish processors to leave.",
            "Opponents argued that the money would be better spent on the flood defences along the river Kell.",
        ),
        (
            "Engineers from the county council estimate the rebuilt wall will take eighteen months to finish.",
            "However, the council has not yet agreed to cover any overrun on the budget.",
            "Work is expected to begin in early spring once the contract has gone out to tender.",
        ),
        (
            "Fishing crews have been landing their catch at Morrow Bay, forty minutes along the coast, since the storm.",
            "They say the extra fuel costs them about 300 pounds a week per boat.",
            "The harbour master said the temporary pontoons would stay in place until the new wall is finished.",
        ),
    ),
)

DUPLICATE_HEAVY = Document(
    title="Bridge closure",
    paragraphs=(
        (
            "The Arlen river bridge will close for repairs on Monday, the highways agency said.",
            "Drivers will be sent on a twelve-mile detour through the village of Stockley.",
            "The Arlen river bridge will close for repairs from Monday, the highways agency has said.",
            "The Arlen river bridge will close for repairs on Monday, the highways agency said.",
            "Buses will keep running but timetables will change during the closure.",
        ),
    ),
)


def _positions(summary: list[str], document: Document) -> list[int]:
    sentences = list(document.sentences)
    return [sentences.index(sentence) for sentence in summary]


@pytest.mark.parametrize("algorithm", ALGORITHMS)
@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_summary_is_at_most_count_sentences_from_the_document_in_article_order(algorithm: str, count: int) -> None:
    summary = summarize(HARBOUR_STORY, count, algorithm)

    assert 1 <= len(summary) <= count
    assert all(sentence in HARBOUR_STORY.sentences for sentence in summary)
    positions = _positions(summary, HARBOUR_STORY)
    assert positions == sorted(positions)
    assert len(set(positions)) == len(positions)


def test_algorithms_are_the_documented_ones() -> None:
    assert ALGORITHMS == ("news", "lexrank", "lsa", "textrank", "luhn", "kl", "sumbasic", "edmundson", "reduction")


def test_unknown_algorithm_is_a_user_error_naming_the_valid_ones() -> None:
    with pytest.raises(UserError) as raised:
        summarize(HARBOUR_STORY, 3, "magic")

    assert "magic" in raised.value.message
    for name in ALGORITHMS:
        assert name in raised.value.message


def test_count_below_one_is_a_user_error() -> None:
    with pytest.raises(UserError):
        summarize(HARBOUR_STORY, 0)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_near_duplicate_sentences_never_both_appear(algorithm: str) -> None:
    summary = summarize(DUPLICATE_HEAVY, 4, algorithm)

    bridge_closures = [s for s in summary if s.startswith("The Arlen river bridge will close")]
    assert len(bridge_closures) == 1


def test_near_duplicate_covers_rewordings_and_glued_captions_but_not_shared_topic() -> None:
    def words(text: str) -> frozenset[str]:
        return frozenset(text.lower().split())

    reworded = words("the bridge will close for repairs on monday the agency said")
    close_rewording = words("the bridge will close for repairs from monday the agency has said")
    caption_glued = words("bridge will close for repairs on monday drivers face a long detour through the village")
    same_topic = words("the bridge reopened on friday after repairs finished early")

    assert _is_near_duplicate(reworded, close_rewording)
    assert _is_near_duplicate(words("bridge will close for repairs on monday"), caption_glued)
    assert not _is_near_duplicate(reworded, same_topic)
    assert not _is_near_duplicate(frozenset(), frozenset())


def test_dedupe_keeps_the_better_ranked_of_two_repeats() -> None:
    word_sets = [frozenset({"a", "b", "c"}), frozenset({"x", "y"}), frozenset({"a", "b", "c"})]

    assert _dedupe([2, 1, 0], word_sets) == [2, 1]


@pytest.mark.parametrize(
    "sentence",
    [
        "He said the plan would be published next week.",
        "She declined to comment.",
        "They were rescued by a passing trawler.",
        "It was the third such incident this year.",
        "This has angered local residents.",
        "Those figures were later revised.",
        "But the council rejected the offer.",
        "However, the report was never published.",
        "Also on the agenda was the new library.",
        "Meanwhile, prices continued to rise.",
        "‘But we never expected this,’ the coach said.",
        "Its shares fell 4 percent.",
        "In addition, two officers were suspended.",
        "That's why the vote matters.",
    ],
)
def test_openers_that_lean_on_the_previous_sentence_are_spotted(sentence: str) -> None:
    assert opens_with_unresolved_reference(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister said the plan would be published next week.",
        "This week the council approved the budget.",
        "That night, the river burst its banks.",
        "It is not clear whether the ferry will run on Sunday.",
        "So far, 14 people have been arrested.",
        "Thousands of people marched through the city.",
        "Heavy rain is forecast for the weekend.",
        "Italy won the match 2-1.",
        "",
    ],
)
def test_self_contained_openers_are_not_flagged(sentence: str) -> None:
    assert not opens_with_unresolved_reference(sentence)


DANGLING_TEXTS = [
    "The ferry company cancelled all sailings on Friday.",
    "Passengers were offered refunds or seats on Monday's boats.",
    "A spokesman for the operator blamed a shortage of engineers.",
    "He said the crossings would resume once two new engineers started work.",
    "Tourism groups on the island warned of lost bookings.",
]
DANGLING_WORDS = [frozenset(t.lower().split()) for t in DANGLING_TEXTS]


def test_dangling_sentence_brings_in_the_sentence_before_it_when_the_budget_allows() -> None:
    chosen = choose(static_ranker([3, 0, 1, 2, 4]), DANGLING_TEXTS, DANGLING_WORDS, 3)

    assert chosen == [0, 2, 3]


def test_dangling_sentence_is_skipped_when_its_antecedent_does_not_fit() -> None:
    chosen = choose(static_ranker([3, 4, 0, 1, 2]), DANGLING_TEXTS, DANGLING_WORDS, 1)

    assert chosen == [4]


def test_dangling_sentence_needs_nothing_when_its_antecedent_is_already_chosen() -> None:
    assert _resolve_dangling(3, [2], DANGLING_TEXTS, budget=1) == [3]
    assert _resolve_dangling(3, [], DANGLING_TEXTS, budget=1) is None
    assert _resolve_dangling(3, [], DANGLING_TEXTS, budget=2) == [2, 3]


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_no_summary_sentence_dangles_without_its_antecedent(algorithm: str) -> None:
    for count in (1, 2, 3):
        summary = summarize(HARBOUR_STORY, count, algorithm)
        positions = _positions(summary, HARBOUR_STORY)
        for k, (sentence, position) in enumerate(zip(summary, positions, strict=True)):
            if opens_with_unresolved_reference(sentence) and position > 0:
                assert k > 0 and positions[k - 1] == position - 1, (algorithm, count, sentence)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_count_larger_than_the_document_returns_every_sentence(algorithm: str) -> None:
    short = Document(
        title="Library reopens",
        paragraphs=(
            (
                "The central library reopened on Saturday after a two-year refurbishment.",
                "Visitors queued from early morning to see the new reading rooms.",
            ),
            ("The building now has a café, a makerspace and longer opening hours.",),
        ),
    )

    assert summarize(short, 10, algorithm) == list(short.sentences)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_one_sentence_document_returns_that_sentence(algorithm: str) -> None:
    tiny = Document(title=None, paragraphs=(("Officials confirmed the airport will stay open overnight.",),))

    assert summarize(tiny, 3, algorithm) == ["Officials confirmed the airport will stay open overnight."]


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_document_of_stop_words_only_still_gets_a_summary(algorithm: str) -> None:
    bland = Document(title=None, paragraphs=(("It is what it is.", "So be it."),))

    assert summarize(bland, 1, algorithm) == ["It is what it is."]


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_empty_document_gives_an_empty_summary(algorithm: str) -> None:
    assert summarize(Document(title="Nothing here", paragraphs=()), 3, algorithm) == []
    assert summarize(Document(title=None, paragraphs=(("  ",),)), 3, algorithm) == []


def test_news_summary_opens_with_the_lede_of_a_straight_news_story() -> None:
    summary = summarize(HARBOUR_STORY, 3)

    assert summary[0] == HARBOUR_STORY.paragraphs[0][0]


TEASER_STORY = Document(
    title=None,
    paragraphs=(
        (
            "Who still bothers to post a handwritten letter to a friend when a text message costs nothing?",
            "The national post office said on Monday it would close 140 sorting offices by next year as letter "
            "volumes keep falling.",
            "Letter volumes have dropped by half in ten years, the post office said, while parcel deliveries have "
            "doubled.",
            "Unions said the closures would cost about 3,000 jobs at the sorting offices.",
            "The post office said most staff would move to its parcel hubs.",
        ),
    ),
)


def test_news_summary_skips_a_teaser_question_for_the_sentences_that_report() -> None:
    summary = summarize(TEASER_STORY, 2)

    assert not any(sentence.startswith("Who still bothers") for sentence in summary)
    assert summary[0].startswith("The national post office said on Monday")


def test_lead_prior_is_flat_over_the_plateau_then_halves_every_decay_sentences() -> None:
    prior = lead_prior(6, decay=2.0, plateau=2)

    assert prior[0] == prior[1] == 1.0
    assert prior[3] == pytest.approx(0.5)
    assert prior[5] == pytest.approx(0.25)
    assert lead_prior(3, decay=2.0, plateau=1)[2] == pytest.approx(0.5)


def test_topic_weight_favours_the_sentence_whose_words_the_article_repeats() -> None:
    weights = topic_weight([["harbour", "wall", "vote"], ["harbour", "wall"], ["weather", "sunny"], []])

    assert max(weights) == 1.0
    assert weights[0] > weights[2] and weights[1] > weights[2]
    assert weights[3] == 0.0


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("Who still posts a letter?", True),
        ("“Why now?”", True),
        ("He asked why the vote was delayed.", False),
        ("", False),
    ],
)
def test_questions_are_recognised_even_inside_quotes(text: str, asks: bool) -> None:
    assert is_question(text) is asks


def test_the_second_half_of_a_split_quotation_needs_its_first_half():
    from bot.summarize.references import opens_with_unresolved_reference

    assert opens_with_unresolved_reference("Now the boats will run every hour,” Mr. Sidorov told reporters.")
    assert not opens_with_unresolved_reference("“The boats will run every hour,” Mr. Sidorov told reporters.")
    assert not opens_with_unresolved_reference("Mr. Sidorov said the boats would run every hour.")


NO_NUMPY = (
    "import sys\n"
    "sys.modules['numpy'] = None  # as if the `numpy` extra were not installed\n"
    "from bot.errors import UserError\n"
    "from bot.summarize import summarize\n"
    "from tests.summarize.test_summarize import HARBOUR_STORY\n"
    "assert summarize(HARBOUR_STORY, 2)\n"
    "assert summarize(HARBOUR_STORY, 2, 'luhn')\n"
    "try:\n"
    "    summarize(HARBOUR_STORY, 2, 'lexrank')\n"
    "except UserError as error:\n"
    "    print(error.message)\n"
)


def test_without_numpy_news_works_and_lexrank_names_the_extra_to_install() -> None:
    result = subprocess.run([sys.executable, "-c", NO_NUMPY], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "The lexrank algorithm needs numpy: pip install 'newsbrief[numpy]' (the default news algorithm does not)."
    )
