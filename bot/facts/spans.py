"""Find runs of capitalised tokens in a sentence: the candidates for names."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

from bot.facts.gazetteer import lookup_place
from bot.facts.lexicon import (
    CALENDAR_WORDS,
    COURTESY_TITLES,
    EAST_ASIAN_SURNAMES,
    FIELD_NOUNS,
    FUNCTION_WORDS,
    HONORIFICS,
    MASTHEAD_WORDS,
    NAME_BREAKERS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    ORG_FOR_HEADS,
    ORG_HEADS,
    ORG_OF_HEADS,
    PLACE_OF_HEADS,
    TITLE_HEADS,
    VENUE_HEADS,
    given_names,
    is_known_org,
    surnames,
)
from bot.facts.name_prefix import OWNER, TITLE, descriptor_length, prefix_before_person
from bot.facts.span_titles import title_length
from bot.facts.tokens import CAPITALIZED_OF, TEXT_OF, Token
from bot.text.wordlist import word_set

_OPENERS = frozenset("\"“‘'([—–-:")


@dataclass(frozen=True, slots=True)
class Span:
    """Token range [start, end) of a sentence that may name something, plus any title before it."""

    start: int
    end: int
    title_start: int  # first token of a title/honorific before the name (== start when none)
    sentence_initial: bool

    @property
    def has_title(self) -> bool:
        return self.title_start < self.start


def _new_span(start: int, end: int, title_start: int, sentence_initial: bool) -> Span:
    """Build the Span that `Span(start, end, title_start, sentence_initial)` builds, at under half the cost."""
    # A frozen dataclass's __init__ is a Python call making four `object.__setattr__` calls; each slot's own
    # setter does the same work, and every name of a story is one Span.
    span = _new_object(Span)
    _set_start(span, start)
    _set_end(span, end)
    _set_title_start(span, title_start)
    _set_sentence_initial(span, sentence_initial)
    return span


_new_object = object.__new__
_set_start = Span.__dict__["start"].__set__
_set_end = Span.__dict__["end"].__set__
_set_title_start = Span.__dict__["title_start"].__set__
_set_sentence_initial = Span.__dict__["sentence_initial"].__set__


@lru_cache(maxsize=16384)
def _can_be_name(text: str) -> bool:
    """Tell whether a token's text may be part of a name; it depends on the text alone, so it is cached per word."""
    lower = text.lower()
    return (
        (text[:1].isupper() or ("-" in text and _known_with_article(text, lower)))
        and lower.rstrip(".") not in CALENDAR_WORDS
        and not lower.endswith(_ADJECTIVE_SUFFIXES)  # "Windsor-born", "Paisley-based"
        and not _PLURAL_ACRONYM.match(text)  # "MPs", "CEOs"
    )


def _is_instrument_code(tokens: Sequence[Token], index: int) -> bool:
    """Tell a wire service's index code (" .IXIC", " .SPX") from a name after a full stop: one opened after a space."""
    if index == 0 or tokens[index - 1].end != tokens[index].start:
        return False
    return index == 1 or tokens[index - 2].end < tokens[index - 1].start


def _ends_in_caption_label(tokens: Sequence[Token], start: int, end: int) -> bool:
    """Tell whether a name of three words or more runs into a caption's label ("… Salisbury Auction: The …")."""
    if end >= len(tokens) or tokens[end].text != ":" or tokens[start].lower not in given_names():
        return False
    label, surname = tokens[end - 1], tokens[end - 2]
    if surname.lower not in surnames():
        return False  # "Ryan S. Hollman:": the name must be whole without the word
    if label.lower in given_names() or label.lower in surnames() or lookup_place(label.text) is not None:
        return False
    return label.lower not in ORG_HEADS and label.lower not in MASTHEAD_WORDS and not label.is_upper


def _known_with_article(text: str, lower: str) -> bool:
    """Tell "al-Qaeda" from other lower-case words: a known body named with its article."""
    return lower.startswith(_ARTICLES) and is_known_org(text)


_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")
# "al-Douri", "el-Sisi", "bin-Laden": a lower-case article joined to a capitalised name by a hyphen.
ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|as|ash|at|az|an|ar|ibn|bin|abu|abd|ul|ud)-[A-Z]")
_ARTICLES = tuple(f"{article}-" for article in "al el ad as ash at az an ar ibn bin abu abd ul ud".split())


def _is_month_surname(tokens: Sequence[Token], index: int) -> bool:
    """Tell whether "May" after a first name is a surname ("Theresa May"), not the month."""
    return (
        tokens[index].text == "May"
        and tokens[index - 1].lower in given_names()
        and not (index + 1 < len(tokens) and tokens[index + 1].kind == "num")
    )


def _is_month_first_name(tokens: Sequence[Token], index: int) -> bool:
    """Tell whether "Jan" or "June" opens a name ("Jan Novak", "June Carter") rather than a date."""
    if tokens[index].text not in _MONTH_FIRST_NAMES or index + 1 >= len(tokens):
        return False
    following = tokens[index + 1]
    return following.kind == "word" and _can_be_name(following.text) and following.lower in surnames()


_MONTH_FIRST_NAMES = frozenset(("Jan", "June", "April", "August", "May"))


_ADJECTIVE_SUFFIXES = (
    "-born", "-based", "-bred", "-bound", "-led", "-backed", "-owned", "-run", "-made", "-style", "-listed"
)


def _ends_name(tokens: Sequence[Token], start: int, index: int) -> bool:
    """Tell whether a capitalised token cannot continue the name begun at `start`: where a caption or line ended."""
    token, previous = tokens[index], tokens[index - 1]
    lower = token.lower
    if lower in NAME_BREAKERS:
        return True  # "… Mohamed Gerbril The court heard …": a glued caption, a new sentence
    if lower.rstrip(".") in COURTESY_TITLES:
        return True  # "the Court of Appeal Mr Beavis said": a title opens a new name
    if token.text in map(TEXT_OF, tokens[start:index]):
        return True  # "Sebastian Vettel Vettel": a caption's name glued to the sentence repeating it
    if index - start >= 2 and lower.endswith(("ed", "ing")) and _is_common_word(token):
        # "Hillary Clinton Obsessed …": a caption's first word after the surname it labels; after
        # "Xi" or "Liu", "Jinping" and "Xiaming" are given names.
        if previous.lower in ORG_HEADS or previous.lower in VENUE_HEADS or previous.lower in ("county", "province"):
            return True  # "Humboldt County Captured near …"
        return previous.lower in surnames() and previous.lower not in EAST_ASIAN_SURNAMES
    shouted = token.is_upper and token.text.isalpha() and not previous.is_upper
    if shouted and _first_name_follows(tokens, index + 1):
        return False  # "Denver LB Marcus Webb": a position between a team and a player, read by name_prefix
    return shouted and lower not in ORG_HEADS and lower not in NAME_SUFFIXES  # "John Milbank RRP"


def _unit_of_number(tokens: Sequence[Token], index: int) -> bool:
    return index > 0 and tokens[index - 1].kind == "num" and tokens[index - 1].end == tokens[index].start


def _is_first_name_will(tokens: Sequence[Token], start: int, end: int) -> bool:
    """Tell "Will Moy" inside a sentence, a first name, from "Will" opening a question."""
    return tokens[start].text == "Will" and end - start == 2 and not _starts_sentence(tokens, start)


def _first_name_follows(tokens: Sequence[Token], index: int) -> bool:
    if index + 1 >= len(tokens) or tokens[index].lower not in given_names():
        return False
    return tokens[index].is_capitalized and tokens[index + 1].is_capitalized and not tokens[index + 1].is_upper


def _is_common_word(token: Token) -> bool:
    return token.lower not in given_names() and token.lower not in surnames() and lookup_place(token.text) is None




def _starts_sentence(tokens: Sequence[Token], index: int) -> bool:
    # Every opener is a one-character mark, never a word's or a number's text: the texts alone are compared, in C.
    return index < 4 and all(map(_OPENERS.__contains__, map(TEXT_OF, tokens[:index])))


def _owned_org_word(tokens: Sequence[Token], index: int) -> bool:
    """Tell whether "Longshoremen's" is inside a name: "International Longshoremen's Association"."""
    return index < len(tokens) and tokens[index].is_capitalized and tokens[index].lower in ORG_HEADS


def _run_end(tokens: Sequence[Token], start: int) -> int:
    """Return the end of the capitalised run starting at `start`, joining particles and '&'."""
    end = start + 1
    count = len(tokens)
    while end < count and (not tokens[end - 1].possessive or _owned_org_word(tokens, end)):
        text = tokens[end].text  # read once: a token's fields are read through a descriptor, not a slot
        named = _can_be_name(text) or (text == "May" and _is_month_surname(tokens, end))
        if named and not _ends_name(tokens, start, end):
            end += 1
        elif "-" in text and tokens[end].lower.startswith(_ARTICLES) and not tokens[end - 1].is_upper:
            end += 1  # "Izzat Ibrahim al-Douri", "Raed al-Jabouri": the article belongs to the surname
        elif (
            (tokens[end].lower in NAME_PARTICLES or text == "&")
            and end + 1 < count
            and _can_be_name(tokens[end + 1].text)
            and tokens[end - 1].lower not in HONORIFICS
        ):
            end += 2
        else:
            break
    return end


def _joins_with_of(tokens: Sequence[Token], start: int, end: int) -> int:
    """Extend "Bank" + "of England" and "Institute" + "for Fiscal Studies" style names; return the new end."""
    joiner = tokens[end].lower if end < len(tokens) else ""
    if joiner != "of" and joiner != "for":
        return end  # every join below starts with one of the two
    head = tokens[end - 1].lower
    takes_for = joiner == "for" and head in ORG_FOR_HEADS and tokens[end - 1].is_capitalized
    if not takes_for and head not in _OF_HEADS:
        return _joins_compass_of(tokens, start, end)
    index = end
    if index + 1 < len(tokens) and joiner in ("of", "for") and not tokens[end - 1].possessive:
        if joiner == "for" and not takes_for:
            return end
        after = index + 1
        if after < len(tokens) and tokens[after].lower == "the" and after + 1 < len(tokens):
            after += 1
        if _can_be_name(tokens[after].text):
            return _joins_field_and(tokens, after, _run_end(tokens, after))
    return end


_OF_HEADS = ORG_OF_HEADS | PLACE_OF_HEADS | TITLE_HEADS


def _joins_compass_of(tokens: Sequence[Token], start: int, end: int) -> int:
    """Join "West" + "of England Combined Authority": a region named from a compass point, then a body."""
    if end - start != 1 or tokens[start].lower not in _COMPASS or end + 1 >= len(tokens):
        return end
    if tokens[end].lower != "of" or not _can_be_name(tokens[end + 1].text):
        return end
    longer = _run_end(tokens, end + 1)
    return longer if longer - end > 2 and tokens[longer - 1].lower in ORG_HEADS else end


_COMPASS = word_set("north south east west northeast northwest southeast southwest")


def _joins_field_and(tokens: Sequence[Token], start: int, end: int) -> int:
    """Keep "and" inside a body's name when a subject or head noun closes it ("Strategic and International Studies")."""
    if end + 1 >= len(tokens) or tokens[end].lower != "and" or not _can_be_name(tokens[end + 1].text):
        return end
    left = " ".join(t.text for t in tokens[start:end])
    known = is_known_org(left) and left.lower() not in FIELD_NOUNS  # "Labour" the party, "of Labour and Welfare"
    if tokens[end - 1].lower in ORG_HEADS or lookup_place(left) is not None or known:
        return end  # "Oxford and Cambridge University", "Reuters and Associated Press": two names
    longer = _run_end(tokens, end + 1)
    closer = tokens[longer - 1].lower
    return longer if closer in FIELD_NOUNS or closer in ORG_HEADS else end


def _joins_with_and(tokens: Sequence[Token], start: int, end: int) -> int:
    """Join "Trinidad and Tobago" style places that the gazetteer knows whole."""
    if end + 1 < len(tokens) and tokens[end].lower == "and" and _can_be_name(tokens[end + 1].text):
        longer = _run_end(tokens, end + 1)
        sentence_text = " ".join(t.text for t in tokens[start:longer])
        if lookup_place(sentence_text):
            return longer
    return end


def _joins_body_and(tokens: Sequence[Token], start: int, end: int) -> int:
    """Join "National Snow" + "and Ice Data Center" when only the whole ends in a body's head noun."""
    if end - start < 2 or tokens[end - 1].lower in ORG_HEADS or tokens[start].lower in FUNCTION_WORDS:
        return end
    return _joins_field_and(tokens, start, end) if _ends_in_head(tokens, end) else end


def _ends_in_head(tokens: Sequence[Token], end: int) -> bool:
    if end + 1 >= len(tokens) or tokens[end].lower != "and":
        return False
    longer = _run_end(tokens, end + 1)
    return tokens[longer - 1].lower in ORG_HEADS and longer - end >= 3


def _is_opening_adverb(token: Token) -> bool:
    """Tell whether a sentence's first word is an adverb or participle ("Certainly", "Hosting"), not a name."""
    lower = token.lower
    if not lower.endswith(("ly", "ing")) or len(lower) < 5:
        return False
    return lower not in given_names() and lower not in surnames() and lookup_place(token.text) is None


def _weekend_edition(tokens: Sequence[Token], index: int) -> bool:
    """Tell whether a newspaper's last word follows a capitalised weekday: "Sunday Times", "Saturday Mirror"."""
    if index == 0 or tokens[index].lower not in MASTHEAD_WORDS or tokens[index].possessive:
        return False
    weekday = tokens[index - 1]
    return weekday.lower in _WEEKEND_DAYS and weekday.is_capitalized and not weekday.possessive


_WEEKEND_DAYS = word_set("saturday sunday")


def find_spans(tokens: Sequence[Token], hyphens: bool = True) -> list[Span]:
    """Return candidate name spans of one sentence, leftmost first; `hyphens` False says no token holds a hyphen."""
    spans: list[Span] = []
    count = len(tokens)
    end = 0
    # Most tokens are lower-case words or punctuation: neither can open a name, so only the others are visited.
    # Without a hyphen ("al-Qaeda") only a capital opens one, and that flag is read in C, not token by token.
    if hyphens:
        openers: Iterable[int] = [i for i, t in enumerate(tokens) if t.is_capitalized or "-" in t.text]
    else:
        openers = compress(range(count), map(CAPITALIZED_OF, tokens))
    for index in openers:
        if index < end:
            continue  # inside the name found last
        text = tokens[index].text
        if not _can_be_name(text) and not (text in _MONTH_FIRST_NAMES and _is_month_first_name(tokens, index)):
            continue
        if index and tokens[index - 1].text == "." and _is_instrument_code(tokens, index):
            continue  # (the full stop is tested here, not in the call: most names follow none)
        start = index
        if tokens[index].lower in MASTHEAD_WORDS and _weekend_edition(tokens, start):
            start -= 1  # "the Sunday Times": the weekday is part of the paper's name
        end = _run_end(tokens, start)
        if end < count and tokens[end].lower in _JOINERS:  # every join below starts with one of them
            end = _joins_with_and(tokens, start, _joins_with_of(tokens, start, end))
            end = _joins_with_of(tokens, start, _joins_body_and(tokens, start, end))
        stop = end
        if end - start >= 3 and _ends_in_caption_label(tokens, start, end):
            end -= 1  # "by Frank Owen Salisbury Auction: The objects …": the next caption's label, glued on
        while (
            start < end
            and (lower := tokens[start].lower) in FUNCTION_WORDS
            and lower not in HONORIFICS
            and not tokens[start].is_upper  # "US" is not "us"
            and not _is_first_name_will(tokens, start, end)
        ):
            start += 1
        if start < end and start > 0 and tokens[start - 1].kind == "num" and _unit_of_number(tokens, start):
            start += 1  # "7MP True Depth", "5G Network": a unit glued to its number, not a title or a name
        initial = start < end and start < 4 and _starts_sentence(tokens, start)
        if initial and start < end - 1 and _is_opening_adverb(tokens[start]):
            start += 1  # "Surely Smith …", "Watching McLean, …": the capital is the sentence's, not a name's
        if start < end:
            # A title needs a name after it: one word alone has none.
            title = title_length(tokens, start, end, initial) if end - start > 1 else 0
            if not title and end - start >= 3 and descriptor_length(tokens, start, end):
                start += 1  # "Scientologist John Travolta", "American Kevin King": a descriptor, not a name
                initial = False
            prefix = None if title or end - start < 3 else prefix_before_person(tokens, start, end)
            if prefix is not None and prefix.kind == TITLE:
                title = prefix.name_start - start  # "Cleveland DL Larry Ogunjobi": a team's position
            elif prefix is not None:
                if prefix.kind == OWNER:
                    # "China's ambassador to Britain Liu Xiaming": the place ends where the person's name begins.
                    spans.append(_new_span(start, prefix.name_start, start, initial))
                start, initial = prefix.name_start, False
            spans.append(_new_span(start + title, end, start, initial))
        end = stop  # the loop skips every token up to here, a cut-off label included
    return spans


_JOINERS = frozenset(("of", "for", "and"))
