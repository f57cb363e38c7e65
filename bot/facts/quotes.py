"""Find quotations and who said them, within each paragraph."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.facts.classify import PER
from bot.facts.entities import Mention
from bot.facts.lexicon import SPEECH_VERBS
from bot.models import Quote

MIN_QUOTE_WORDS = 4  # shorter quoted phrases are scare quotes ("hegemonic policy"), not quotations
_QUOTE_RE = re.compile(r"“(?P<curly>[^”“]+)(?:”|$)|(?<![\w])\"(?P<straight>[^\"]+)(?:\"|$)")
_PRONOUN_RE = re.compile(
    r"^\W*(?:(?:he|she)\s+(?:" + "|".join(SPEECH_VERBS) + r")\b|(?:said|says|added)\s+(?:he|she)\b)", re.IGNORECASE
)
_SENTENCE_END_RE = re.compile(r"(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bSen)(?<!\bGen)(?<!\bRep)[.!?]\s")
_AFTER_WINDOW = 80  # characters after a quote in which its attribution is looked for


@dataclass(frozen=True, slots=True)
class _Sentence:
    """A sentence's place inside its paragraph's joined text."""

    index: int  # index in the document's sentence list
    offset: int  # where it starts in the paragraph text


def _layout(paragraph: Sequence[str], first_index: int) -> tuple[str, list[_Sentence]]:
    parts: list[_Sentence] = []
    offset = 0
    for position, sentence in enumerate(paragraph):
        parts.append(_Sentence(first_index + position, offset))
        offset += len(sentence) + 1
    return " ".join(paragraph), parts


def _absolute(mention: Mention, layout: list[_Sentence]) -> tuple[int, int] | None:
    for part in layout:
        if part.index == mention.sentence:
            return part.offset + mention.start, part.offset + mention.end
    return None


_APPOSITIVE_REACH = 80


def _speech_verb_near(text: str) -> bool:
    return any(w.lower() in SPEECH_VERBS for w in re.findall(r"[A-Za-z]+", text))


def _speaker_after(end: int, text: str, people: list[tuple[int, int, Mention]]) -> Mention | None:
    window_end = end + _AFTER_WINDOW
    for start, stop, mention in people:
        if end <= start < window_end:
            between = text[end:start]
            if _SENTENCE_END_RE.search(between) or "“" in between:
                return None
            # The verb may follow an appositive: "…,” Koen Vermeulen, a spokesman for the union, told reporters."
            tail = text[stop : min(len(text), stop + _APPOSITIVE_REACH)]
            sentence_end = _SENTENCE_END_RE.search(tail)
            around = text[end:start] + (tail[: sentence_end.start()] if sentence_end else tail)
            return mention if _speech_verb_near(around) else None
    return None


def _speaker_before(
    start: int, text: str, people: list[tuple[int, int, Mention]], previous: Mention | None
) -> Mention | None:
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("? ", 0, start), text.rfind("! ", 0, start)) + 1
    lead = text[sentence_start:start]
    verbs = [m for m in re.finditer(r"[A-Za-z]+", lead) if m.group().lower() in _QUOTE_VERBS]
    if not verbs:
        return None
    verb_at = sentence_start + verbs[-1].start()
    speakers = [m for s, _, m in people if sentence_start <= s < verb_at]
    if speakers:
        return speakers[-1]
    # "She said her government would not sign "…"": the pronoun points back to the last person named.
    if _LEAD_PRONOUN_RE.search(text[sentence_start:verb_at]):
        return _last_person_before(sentence_start, people, previous)
    return None


# "read:" introduces a written message: "The post, by community manager Aino Virtanen, read: "…"".
_QUOTE_VERBS = SPEECH_VERBS | frozenset({"read", "reads"})
_LEAD_PRONOUN_RE = re.compile(r"\b(?:he|she)\b(?:\s+\w+){0,1}\s*$", re.IGNORECASE)


def _last_person_before(start: int, people: list[tuple[int, int, Mention]], previous: Mention | None) -> Mention | None:
    before = [m for s, _, m in people if s < start]
    return before[-1] if before else previous


def _continued_speaker(
    previous_quote: tuple[int, Mention], start: int, people: list[tuple[int, int, Mention]]
) -> Mention | None:
    """Give a quote the speaker of the quote just before it in the paragraph, if nobody else is named between."""
    end, speaker = previous_quote
    named_between = [m for s, _, m in people if end <= s < start and m.name != speaker.name]
    return None if named_between else speaker


def find_quotes(
    paragraphs: Sequence[Sequence[str]],
    mentions: Sequence[Mention],
    display_name: Callable[[str], str | None],
) -> tuple[Quote, ...]:
    """Return quotations of at least MIN_QUOTE_WORDS words with their speakers' full names."""
    quotes: list[Quote] = []
    seen: set[str] = set()
    first_index = 0
    last_person: Mention | None = None
    for paragraph in paragraphs:
        text, layout = _layout(paragraph, first_index)
        indexes = {part.index for part in layout}
        people = []
        for mention in mentions:
            # Only someone the people index knows may speak: never an organisation fragment labelled PER once.
            if mention.label == PER and mention.sentence in indexes and display_name(mention.name):
                position = _absolute(mention, layout)
                if position is not None:
                    people.append((position[0], position[1], mention))
        people.sort(key=lambda p: p[0])
        previous_quote: tuple[int, Mention] | None = None
        for match in _QUOTE_RE.finditer(text):
            body = (match.group("curly") or match.group("straight") or "").strip().rstrip(",")
            if len(body.split()) < MIN_QUOTE_WORDS or body.lower() in seen:
                continue
            speaker = _speaker_after(match.end(), text, people) or _speaker_before(
                match.start(), text, people, last_person
            )
            if speaker is None and _PRONOUN_RE.match(text[match.end() :]):
                speaker = _last_person_before(match.start(), people, last_person)
            if speaker is None and previous_quote is not None:
                speaker = _continued_speaker(previous_quote, match.start(), people)
            previous_quote = (match.end(), speaker) if speaker is not None else None
            seen.add(body.lower())
            quotes.append(Quote(body, display_name(speaker.name) if speaker else None))
        if people:
            last_person = people[-1][2]
        first_index += len(paragraph)
    return tuple(quotes)
