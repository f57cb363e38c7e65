"""Find whom a story cites: "according to X", "citing X", "X news agency", "analysts say", "told Reuters"."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from bot.facts.cues import OUTLET_HEADS as _OUTLET_HEADS
from bot.facts.cues import SOURCE_TRIGGERS as _TRIGGERS
from bot.facts.cues import SOURCE_VERBS as _SPEECH
from bot.facts.cues import cue_indexes
from bot.facts.entities import Mention
from bot.facts.evidence import ORG
from bot.facts.lexicon import FUNCTION_WORDS, GRAMMAR_WORDS, NAME_PARTICLES, NEWS_OUTLETS
from bot.facts.shapes import is_demonym
from bot.facts.tokens import END_OF, START_OF, Token, tokenize
from bot.text.wordlist import word_set

_SOURCE_HEADS = word_set(
    "press media officials official analysts experts sources diplomats observers residents witnesses "
    "authorities police government ministry spokesman spokeswoman spokesperson agency newspaper "
    "broadcaster television radio reports statement intelligence lawmakers investigators prosecutors "
    "economists guard military army navy researchers scientists data figures survey poll"
)
# Words that end a forward source phrase ("according to X that ...").
_PHRASE_STOPS = GRAMMAR_WORDS
# Prepositions that may continue a source phrase into a name ("agency of Rio Grande do Sul").
_LINKS = word_set("of from at in for")
_DROP_LEADING = word_set("the a an some many several other both most few according citing")
_MAX_WORDS = 9


def _text(sentence: str, tokens: Sequence[Token], first: int, last: int) -> str:
    end = tokens[last].end + (2 if tokens[last].possessive else 0)
    return sentence[tokens[first].start : end]


def _forward(sentence: str, tokens: Sequence[Token], start: int, stop_word: str = "") -> str | None:
    """Read the noun phrase that starts at `start`, up to punctuation or a clause word."""
    index = start
    while index < len(tokens) and tokens[index].lower in _DROP_LEADING:
        index += 1
    last = index - 1
    while last + 1 < len(tokens) and last + 1 - index < _MAX_WORDS:
        token = tokens[last + 1]
        agent = _agent_start(tokens, last + 1) if last >= index else None
        if agent is not None:
            # "a report prepared by council officers": whoever made the document is the source.
            index = agent
            while index < len(tokens) and tokens[index].lower in _DROP_LEADING:
                index += 1
            last = index - 1
            continue
        if last >= index and _is_participle(token):
            break  # "a study published on Wednesday" is "study"
        if token.lower in _LINKS and _name_follows(tokens, last + 2):
            last += 2 if tokens[last + 2].lower == "the" else 1
            continue
        if token.lower in NAME_PARTICLES and _name_follows(tokens, last + 2) and tokens[last].is_capitalized:
            last += 1
            continue
        if (
            token.kind != "word"
            or token.lower == stop_word
            or (token.lower in _PHRASE_STOPS and not token.is_capitalized)
        ):
            break
        last += 1
    while last >= index and tokens[last].lower in _PHRASE_STOPS:
        last -= 1  # a phrase cut at _MAX_WORDS must not end on "in"
    return _text(sentence, tokens, index, last) if last >= index else None


def _names_a_source(phrase: str) -> bool:
    return phrase[:1].isupper() or any(word.lower() in _SOURCE_HEADS for word in phrase.split())


def _is_participle(token: Token) -> bool:
    return token.kind == "word" and not token.is_capitalized and token.lower.endswith("ed") and len(token.lower) > 4


def _agent_start(tokens: Sequence[Token], index: int) -> int | None:
    """Return where the agent begins in "… compiled by X" or "an estimate by X", else None."""
    if index < len(tokens) and _is_participle(tokens[index]):
        index += 1
    if index + 1 < len(tokens) and tokens[index].lower == "by" and tokens[index + 1].kind == "word":
        return index + 1
    return None


def _name_follows(tokens: Sequence[Token], index: int) -> bool:
    if index < len(tokens) and tokens[index].lower == "the":
        index += 1
    return index < len(tokens) and tokens[index].is_capitalized


def _backward(sentence: str, tokens: Sequence[Token], head: int, capitalized_only: bool) -> str:
    """Read the words before a source noun: "South Korean press", "Japan's Kyodo news agency"."""
    first = head
    while first > 0 and head - first < 4:
        token = tokens[first - 1]
        if token.kind != "word" or token.lower in GRAMMAR_WORDS:
            break
        if capitalized_only and not token.is_capitalized and token.lower != "news":
            break
        if token.possessive and not token.is_capitalized:
            break
        first -= 1
        if token.possessive:
            break  # an owner ("Japan's") opens the phrase
    return _text(sentence, tokens, first, head)


def _head_at_name(sentence: str, tokens: Sequence[Token], verb: int) -> str | None:
    """Read "analysts at Goldman Sachs said", "officials in the Northwest Territories said"."""
    index = verb - 1
    while index > 0 and tokens[index - 1].is_capitalized:
        index -= 1
    if index > 0 and tokens[index - 1].lower == "the":
        index -= 1
    if index > 1 and tokens[index - 1].lower in _LINKS and tokens[index - 2].lower in _SOURCE_HEADS:
        head = _backward(sentence, tokens, index - 2, capitalized_only=False)
        return head + sentence[tokens[index - 2].end : tokens[verb - 1].end]
    return None


def _at(sentence: str, tokens: Sequence[Token], index: int) -> str | None:
    token = tokens[index]
    low = token.lower
    following = tokens[index + 1].lower if index + 1 < len(tokens) else ""
    if low == "according" and following == "to":
        return _forward(sentence, tokens, index + 2)
    if low == "citing":
        # "citing uncertainty over permits" gives a reason; only a named or source-like noun is a source.
        phrase = _forward(sentence, tokens, index + 1)
        return phrase if phrase and _names_a_source(phrase) else None
    if low == "by" and index > 0 and tokens[index - 1].lower in ("polled", "surveyed"):
        return _forward(sentence, tokens, index + 1)
    if low == "cited":
        phrase = _forward(sentence, tokens, index + 1, stop_word="as")
        return phrase if phrase and phrase.split()[-1].lower() in _SOURCE_HEADS else None
    if low in _OUTLET_HEADS:
        before = index - 2 if low == "agency" and index > 0 and tokens[index - 1].lower == "news" else index - 1
        if before >= 0 and tokens[before].kind == "word" and tokens[before].is_capitalized:
            return _backward(sentence, tokens, index, capitalized_only=True)
        if index + 1 < len(tokens) and tokens[index + 1].is_capitalized and not tokens[index].possessive:
            return _forward(sentence, tokens, index + 1)  # "the newspaper Marca"
        return None
    if low in _SPEECH and index > 0 and tokens[index - 1].lower in _SOURCE_HEADS and tokens[index - 1].kind == "word":
        return _backward(sentence, tokens, index - 1, capitalized_only=False)
    if low in _SPEECH and index > 0 and tokens[index - 1].is_capitalized:
        return _head_at_name(sentence, tokens, index)
    if low == "told" and following in NEWS_OUTLETS:
        return tokens[index + 1].text
    return None


def _tidy(phrase: str) -> str | None:
    """Lower-case a sentence-initial common noun; None if nothing specific is left."""
    words = phrase.split()
    if words and words[0].lower() in FUNCTION_WORDS and not is_demonym([words[0]]):
        words[0] = words[0].lower()
    text = " ".join(words).strip(" ,.;:")
    if not text or text.lower() in ("reporters", "officials", "sources", "media", "press", "news agency"):
        return None
    return text


def _merge(found: list[str]) -> tuple[str, ...]:
    """Drop duplicates and phrases contained in a longer one, keeping first-seen order."""
    kept: list[str] = []
    for phrase in found:
        lowered = phrase.lower()
        if any(lowered in other.lower() for other in kept):
            continue
        longer = [i for i, other in enumerate(kept) if other.lower() in lowered]
        if longer:
            kept[longer[0]] = phrase
            kept = [other for i, other in enumerate(kept) if i not in longer[1:]]
        else:
            kept.append(phrase)
    return tuple(kept)


def _organization_sources(sentences: Sequence[str], mentions: Sequence[Mention]) -> list[tuple[int, int, str]]:
    """Organisations that say or report something, or that someone told something ("told Reuters")."""
    found = []
    for mention in mentions:
        if mention.label != ORG:
            continue
        tokens = tokenize(sentences[mention.sentence])
        # Tokens are in order and do not overlap, so their starts and their ends both ascend: bisect to the
        # name, and step by index from there (a slice would copy the rest of the sentence for each name).
        count = len(tokens)
        after = bisect_left(tokens, mention.end, key=START_OF)
        while after < count and tokens[after].kind != "word":
            after += 1
        if after < count and tokens[after].lower in _SPEECH:
            found.append((mention.sentence, mention.start, mention.name))
            continue
        nearest = _word_before(tokens, bisect_right(tokens, mention.start, key=END_OF))
        if nearest < 0:
            continue
        if tokens[nearest].lower == "the":
            nearest = _word_before(tokens, nearest)  # "told the BBC" as "told Reuters"
        if nearest >= 0 and tokens[nearest].lower == "told":
            found.append((mention.sentence, mention.start, mention.name))
    return found


def _word_before(tokens: Sequence[Token], index: int) -> int:
    """Return the index of the last word before token `index`, or -1."""
    index -= 1
    while index >= 0 and tokens[index].kind != "word":
        index -= 1
    return index


def _whole_name(phrase: str, sentence: str, number: int, mentions: Sequence[Mention]) -> str:
    """Widen a phrase cut inside an organisation's name to the whole name ("U.S. National Snow" + "and Ice …")."""
    start = sentence.find(phrase)
    end = start + len(phrase)
    for mention in mentions:
        inside = mention.sentence == number and mention.label == ORG and mention.start <= end <= mention.end
        if inside and mention.start >= start and mention.end > end:
            return sentence[start : mention.end]
    return phrase


def find_sources(sentences: Sequence[str], mentions: Sequence[Mention] = ()) -> tuple[str, ...]:
    """Return the sources a story cites, as short phrases, in order of appearance."""
    found: list[tuple[int, int, str]] = _organization_sources(sentences, mentions)
    for number, sentence in enumerate(sentences):
        tokens = tokenize(sentence)
        for index in cue_indexes(sentence):
            if tokens[index].lower not in _TRIGGERS:
                continue  # a cue of figures or dates
            phrase = _at(sentence, tokens, index)
            tidy = _tidy(_whole_name(phrase, sentence, number, mentions)) if phrase else None
            if tidy:
                found.append((number, tokens[index].start, tidy))
    found.sort(key=lambda f: (f[0], f[1]))
    return _merge([phrase for _, _, phrase in found])
