"""Find quotations and who said them: spans from quote_marks, laid out by quote_layout, speakers by attribution.

Attribution, tried in this order for each quoted span:
1. after the closing mark, in the same sentence: "…,” Lurie told WKYC. / …,' said a police spokesman.";
2. before the opening mark, in the same sentence: "Ms Dell said: '…" / "Kuhar said the zoo had 'a number …'";
3. the speaker of the quotation it continues (the next paragraph of one quote, or a split quote's second part);
4. the speaker of the quote just before, when nobody else is named in between;
5. the subject of a speech verb in the sentence just before ("Erekat said it was only the latest move. ¶ "…").
A quotation nobody can be found for is left out: a quote without its speaker is not a fact a reader can use.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.facts.attribution import DETERMINERS, Attribution
from bot.facts.entities import Mention
from bot.facts.laid_out import BODY, PERSON, Named, Paragraph, Speaker
from bot.facts.lexicon import GRAMMAR_WORDS
from bot.facts.quote_layout import People, QuoteLayout
from bot.facts.quote_marks import QuoteSpan
from bot.facts.speakers import SpeakerFinder
from bot.models import Quote

__all__ = ["MIN_QUOTE_WORDS", "QuoteLayout", "find_quotes"]

MIN_QUOTE_WORDS = 4  # shorter quoted phrases are scare quotes ("hegemonic policy"), not quotations
# A speech verb right before the opening mark ("and said, '…"): it attributes the quote, whatever follows it.
_SAID_BEFORE_RE = re.compile(r"\b(?:said|says|told|asked|added|wrote|replied|shouted)\s*[,:]?\s*$")


@dataclass
class _Found:
    span: QuoteSpan
    paragraph: int
    text: str
    speaker: Speaker | None = None
    attribution_end: int = -1  # where an attribution after the closing mark ends, -1 without one
    joined: bool = False  # the second part of a split quote, already added to the first
    modifier: bool = False  # a quoted phrase naming a thing: "the 'work hard, play hard' culture"


def _whole_sentence(paragraph: Paragraph, span: QuoteSpan) -> bool:
    """Tell whether a quote is a sentence of its own: capital first, end mark last, nothing after it."""
    body = paragraph.text[span.body_start : span.body_end].strip()
    if not body[:1].isupper() or not (body.endswith((".", "!", "?")) or span.continues):
        return False
    after = paragraph.text[span.end : span.end + 40].lstrip()
    return not after or after[:1].isupper() or after[:1] in "'‘\"“"


def _named_between(laid: list[Paragraph], start: tuple[int, int], stop: tuple[int, int], speaker: Speaker) -> bool:
    """Tell whether someone other than the speaker is named (outside quotes) between two places."""
    for index in range(start[0], stop[0] + 1):
        paragraph = laid[index]
        low = start[1] if index == start[0] else 0
        high = stop[1] if index == stop[0] else len(paragraph.text)
        for named in paragraph.names_between(low, high):
            other = named.speaker.kind in (PERSON, BODY) and named.speaker != speaker
            if other and paragraph.outside_quotes(named.start):
                return True
    return False


def _names_a_thing(paragraph: Paragraph, span: QuoteSpan) -> bool:
    """Tell a quoted phrase used as a name or modifier ("the 'work hard, play hard' culture") from speech."""
    if not span.closed or paragraph.text[span.body_start : span.body_end].rstrip()[-1:] in ",.!?…;:":
        return False  # a full quote before its attribution: "'…,' grower Lena Fischer said"
    determiner = _LAST_WORD_RE.search(paragraph.text, max(0, span.start - 12), span.start)
    if determiner is None or determiner.group(1).lower() not in DETERMINERS:
        return False
    following = _NEXT_WORD_RE.match(paragraph.text, span.end)
    return following is not None and following.group(1).islower() and following.group(1) not in GRAMMAR_WORDS


_LAST_WORD_RE = re.compile(r"\b([A-Za-z]+)\s*$")
_NEXT_WORD_RE = re.compile(r" ([A-Za-z][a-z-]*)\b")


def _is_title(body: str) -> bool:
    """Tell a title of a work or a slogan ("Child Promise Me You Will Shoot Yourself") from speech."""
    if body.rstrip().endswith((".", "?", "!", ",")):
        return False  # speech ends on its punctuation (tested first: it is the cheap test, and most quotes pass it)
    words = [w for w in body.split() if w[:1].isalpha()]
    capitalised = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 3 and capitalised >= len(words) - 1


def _body(text: str, span: QuoteSpan) -> str:
    return text[span.body_start : span.body_end].strip().rstrip(",").strip()


def find_quotes(
    paragraphs: Sequence[Sequence[str]],
    mentions: Sequence[Mention],
    people: People,
    layout: QuoteLayout | None = None,
) -> tuple[Quote, ...]:
    """Return quotations of at least MIN_QUOTE_WORDS words whose speaker the text gives."""
    layout = layout or QuoteLayout(paragraphs, mentions, people)
    laid, spans = layout.laid, layout.spans
    persons: list[Named] = []
    bodies: list[Named] = []
    for paragraph in laid:
        for named in paragraph.names:
            kind = named.speaker.kind
            if kind in (PERSON, BODY) and paragraph.outside_quotes(named.start):
                (persons if kind == PERSON else bodies).append(named)
    finder = SpeakerFinder(persons, bodies, laid)
    attribution = Attribution(laid, finder)
    found: list[_Found] = []
    for index, (paragraph, paragraph_spans) in enumerate(zip(laid, spans, strict=True)):
        previous_end = 0
        for position, span in enumerate(paragraph_spans):
            item = _Found(span, index, _body(paragraph.text, span), modifier=_names_a_thing(paragraph, span))
            stop = paragraph_spans[position + 1].start if position + 1 < len(paragraph_spans) else len(paragraph.text)
            attribution.tried = False
            speaker, attribution_end = attribution.after(paragraph, span, stop)
            sentence_start, _ = paragraph.sentence_bounds(span.start)
            lead_start = max(sentence_start, previous_end)
            if speaker is None or _SAID_BEFORE_RE.search(paragraph.text, max(lead_start, span.start - 16), span.start):
                # "… he said, '…,' the prosecutor's office said.": the office reports what he said.
                speaker = attribution.before(paragraph, span, lead_start, sentence_start) or speaker
            chained = found[-1] if found and found[-1].span.continues and found[-1].speaker is not None else None
            if speaker is None and chained is not None:
                speaker = chained.speaker
            # Without an attribution of its own, a quote that opens its sentence, or is a whole sentence after a
            # caption the page glued on, goes on with the last speaker.
            opens = not attribution.tried and (
                not paragraph.text[lead_start : span.start].strip(" ,;:—–-") or _whole_sentence(paragraph, span)
            )
            last = found[-1] if found else None
            if speaker is None and opens and last is not None and last.speaker is not None:
                near = last.paragraph >= index - 1
                if near and not _named_between(
                    laid, (last.paragraph, last.span.end), (index, span.start), last.speaker
                ):
                    speaker = last.speaker
            if speaker is None and opens:
                speaker = attribution.previous_sentence(index, span)
            if (
                speaker is not None
                and chained is None
                and found
                and found[-1].span.continues
                and found[-1].speaker is None
            ):
                found[-1].speaker = speaker  # the attribution came at the end of a quote over several paragraphs
            item.speaker = speaker
            item.attribution_end = attribution_end if attribution_end > span.end else -1
            _join_split_quote(found, item, paragraph)
            if speaker is not None:
                sentence, _ = paragraph.sentence_at(span.start)
                finder.last_speaker = ((sentence, span.start), speaker)
            found.append(item)
            previous_end = max(span.end, attribution_end)
    return _quotes(found)


_SHORT_TAIL_WORDS = 6


def _join_split_quote(found: list[_Found], item: _Found, paragraph: Paragraph) -> None:
    """Make '"…," she said. "…"' one quotation: the second part joins the first when only the attribution is between."""
    if not found:
        return
    first = found[-1]
    if first.joined or first.paragraph != item.paragraph or first.attribution_end < 0 or first.speaker != item.speaker:
        return
    if paragraph.text[first.attribution_end : item.span.start].strip(" ,."):
        return
    raw = paragraph.text[first.span.body_start : first.span.body_end].rstrip()
    interrupted = raw.endswith(",") and item.text[:1].islower()  # '"…," she said, "and …"'
    # '"It took so long," he said. "It moved so slowly."': a short sentence with no attribution of its own
    # finishes the thought; a longer one is a quotation of its own by the same speaker.
    tail = (
        item.attribution_end < 0
        and len(item.text.split()) < _SHORT_TAIL_WORDS
        and len(first.text.split()) >= MIN_QUOTE_WORDS
    )
    if not (interrupted or tail):
        return
    first.text = f"{first.text} … {item.text}"
    item.joined = True


def _quotes(found: list[_Found]) -> tuple[Quote, ...]:
    """Return the attributed quotations, most important first.

    Each speaker's first quotation comes before anyone's second, speakers quoted most (named people before
    bodies and descriptions) first; the rest keep reading order.
    """
    kept: list[tuple[str, Speaker]] = []
    seen: set[str] = set()
    for item in found:
        if item.joined or item.speaker is None or item.speaker.uncertain or item.modifier:
            continue
        # Split no further than the words the test counts: a quotation runs to dozens of words.
        short = len(item.text.split(None, MIN_QUOTE_WORDS - 1)) < MIN_QUOTE_WORDS
        if short or _is_title(item.text) or item.text.lower() in seen:
            continue
        seen.add(item.text.lower())
        kept.append((item.text, item.speaker))
    counts: dict[Speaker, int] = {}
    for _, speaker in kept:
        counts[speaker] = counts.get(speaker, 0) + 1
    turns: dict[Speaker, int] = {}
    ranked = []
    for order, (text, speaker) in enumerate(kept):
        turn = turns.get(speaker, 0)
        turns[speaker] = turn + 1
        named = 0 if speaker.kind == PERSON else 1
        ranked.append(((turn, named, -counts[speaker], order), Quote(text, speaker.name)))
    return tuple(quote for _, quote in sorted(ranked, key=lambda pair: pair[0]))
