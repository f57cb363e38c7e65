"""Whom a story cites: the organisations that speak, and those someone told something."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from hypothesis import given
from hypothesis import strategies as st

from bot.facts.citations import _SPEECH, _organization_sources, find_sources
from bot.facts.classify import ORG, PER
from bot.facts.entities import Mention
from bot.facts.tokens import END_OF, START_OF, Token, tokenize


def _organization_sources_by_slices(sentences: list[str], mentions: list[Mention]) -> list[tuple[int, int, str]]:
    """The general reading `_organization_sources` steps through by index: the words after and before each name."""
    found = []
    for mention in mentions:
        if mention.label != ORG:
            continue
        tokens = tokenize(sentences[mention.sentence])
        following = tokens[bisect_left(tokens, mention.end, key=START_OF) :]
        after = next((t for t in following if t.kind == "word"), None)
        before: list[Token] = []
        for token in reversed(tokens[: bisect_right(tokens, mention.start, key=END_OF)]):
            if token.kind == "word":
                before.insert(0, token)
                if len(before) == 2:
                    break
        told = any(t.lower == "told" for t in before) and (before[-1].lower in ("told", "the"))
        if (after is not None and after.lower in _SPEECH) or told:
            found.append((mention.sentence, mention.start, mention.name))
    return found


_WORDS = ["told", "the", "The", "said", "says", "a", "Reuters", "BBC", ",", "—", "'", "7", "told,", "them"]


@given(st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=9), min_size=1, max_size=3), st.data())
def test_organisations_citing_read_by_index_as_by_slices(sentences_words: list[list[str]], data: st.DataObject) -> None:
    sentences = [" ".join(words) for words in sentences_words]
    mentions = []
    for number, sentence in enumerate(sentences):
        tokens = tokenize(sentence)
        for _ in range(data.draw(st.integers(0, 3))):
            first = data.draw(st.integers(0, len(tokens) - 1))
            last = data.draw(st.integers(first, len(tokens) - 1))
            start, end = tokens[first].start, tokens[last].end
            label = data.draw(st.sampled_from([ORG, ORG, PER]))
            mentions.append(Mention(sentence[start:end], label, number, start, end))
    assert _organization_sources(sentences, mentions) == _organization_sources_by_slices(sentences, mentions)


def test_an_organisation_told_something_is_a_source() -> None:
    sentence = "The minister told the BBC that talks would resume, and Acme Corp said prices would rise."
    mentions = [Mention("BBC", ORG, 0, 22, 25), Mention("Acme Corp", ORG, 0, 55, 64)]
    assert [name for _, _, name in _organization_sources([sentence], mentions)] == ["BBC", "Acme Corp"]
    assert find_sources([sentence], mentions)[:2] == ("BBC", "Acme Corp")
