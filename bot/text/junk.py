"""Recognise page junk among an article's paragraphs: credits, captions, prompts, boilerplate, footers.

Every rule is deliberately narrow: a rule fires only on short paragraphs, or on phrases that
address the reader ("our Terms of Use", "you agree"), so that a real body sentence which merely
mentions copyright or a newsletter stays. Paragraphs that report speech are never boilerplate.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from bot.text.dateline import split_dateline
from bot.text.normalize import count_spaced_words, spaced_words
from bot.text.wordlist import word_set

_AGENCY = (
    r"(?:AP(?: Photo)?|Associated Press|Reuters|AFP|Getty(?: Images)?|EPA(?:-EFE)?|Bloomberg|Shutterstock|"
    r"Xinhua|Sipa(?: USA)?|ZUMA(?: Press| Wire)?|Zuma|Alamy|NurPhoto|Anadolu(?: Agency)?|PA(?: Images| Wire)?|"
    r"Pool|pool|Handout|iStock|Imago|Kyodo|Yonhap|TASS|Sputnik|Redux|Polaris|Corbis|Rex|WireImage|SOPA Images|"
    r"LightRocket|AAP|Picture Alliance|dpa|ANSA|UPI|Hindustan Times|Photo|Images)"
)
# "AP/Jane Doe", "Jane Doe/Getty Images", "Jane Doe via Getty Images". ("Jane Doe for The Times" is
# left alone: a title-case subhead such as "A Big Night for The Giants" looks the same.)
_SLASH_CREDIT = re.compile(rf"(?:^|[\s(]){_AGENCY}\s?/\s?[A-Z]|[\w.’'-]\s?/\s?{_AGENCY}\b|\bvia {_AGENCY}\b")
# "Harbor Wire/Jane Doe" or "Jane Doe/Some Outlet, pool": two capitalised name groups around a
# slash and nothing else. Outlets are too many to list, but body text never looks like this.
_NAME_GROUP = r"[A-Z][\w.’'-]*(?:\s(?:[A-Z][\w.’'-]*|de|da|van|von|al|for|of))*"
_NAME_SLASH_CREDIT = re.compile(
    rf"^[(\[]?{_NAME_GROUP}\s?/\s?{_NAME_GROUP}(?:,\s?(?:[Pp]ool|[Ff]ile|[Hh]andout|[Ss]taff))*[)\]]?$"
)
# The same credit inside a sentence: "… the summit. AP/Jane Doe, pool, file" or "Photo: Reuters/John Smith".
_INLINE_CREDIT = re.compile(
    r"(?:\b(?:Photo|Image|Credit|Picture)s?:\s*)?\b[A-Z][\w.&-]*/[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*"
    r"(?:,\s*(?:pool|file|handout|via [^,.]+))*"
)
_LABELLED_CREDIT = re.compile(
    r"^[(\[]?(?:(?:main |top |lead |header )?(?:photo|photograph|image|picture|video|illustration|graphic|"
    r"credit|photo credit|image credit|source|courtesy)s?)\s*(?::|by\b|credit\b|courtesy\b|…|\.{3})",
    re.IGNORECASE,
)
_AGENCY_ONLY = re.compile(rf"^[(\[]?©?\s*{_AGENCY}(?:\s*(?:/|,)?\s*(?:photo|images|file|pool))*[)\]]?$", re.IGNORECASE)
_TRAILING_CREDIT = re.compile(
    r"^(?P<caption>.*?[.!?”’\"])\s+(?P<credit>[(\[]?[^.!?]{2,90}?[)\]]?)$|"
    r"^(?P<caption2>.*?)\s*(?P<credit2>\((?:AP Photo|Photo|Photograph|Image|Credit|Picture)\b[^)]*\))$",
    re.DOTALL,
)

_SIGN_IN = re.compile(
    r"^(?:sign in|log ?in|sign up|create (?:a |an |your )?(?:free )?account|already (?:a subscriber|have an account|"
    r"registered)|don'?t have an account|forgot (?:your )?password|subscribe (?:now|today|here)|"
    r"register (?:now|here|for free))"
    r"|\b(?:sign in|log in) (?:or|to) (?:create|continue|register|read|access)|to continue reading",
    re.IGNORECASE,
)
_CONSENT = re.compile(
    r"^by (?:continuing|clicking|signing up|subscribing|registering|creating an account|using (?:this|our) "
    r"(?:site|website|service))\b.*\b(?:agree|accept|consent)",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"©|^\(c\)\s*\d{4}|^copyright\s*(?:©|\(c\)|\d{4})|\ball rights reserved\b", re.IGNORECASE)
_TERMS = re.compile(
    r"\buse of this (?:web)?site (?:constitutes|means|signifies)|\bnon-commercial use only\b|"
    r"\b(?:this|the) (?:material|content|article|copy)(?: on this (?:web)?site)? (?:is protected by copyright|"
    r"may not be (?:re)?(?:produced|published|distributed))|\bour (?:terms of (?:use|service)|privacy policy|"
    r"cookie policy|subscriber agreement)\b|\bgoverned by our\b",
    re.IGNORECASE,
)
_SHARE_WORDS = word_set(
    "share shares this article story page on via facebook twitter x email e-mail linkedin whatsapp "
    "pinterest reddit print copy link messenger tweet comment comments flipboard telegram save bookmark "
    "sms"
)
_SHORT_PROMPT = re.compile(
    r"^(?:advertisement|advertising|ad|sponsored(?: content)?|story continues below(?: advertisement)?|"
    r"continue reading(?: below| the main story)?|skip advertisement|read more|"
    r"related(?: articles| stories| coverage| content)?|"
    r"more stories|don'?t miss|most read(?: in [\w ]+)?|most popular|recommended(?: for you)?|trending(?: now)?|"
    r"you may also like|more on this story|thank you|thanks|sorry|loading|an error has occurred.*|"
    r"please try again.*|this article has been sent to.*|there was an error processing your subscription|"
    r"keep an eye on your inbox.*|thanks? (?:you )?for (?:signing up|subscribing).*|order reprints|print article|"
    r"tell us what you think.*|[\w ]{1,30} newsletter|watch|listen)[.!:]*$",
    re.IGNORECASE,
)
_LINK_PREFIX = re.compile(
    r"(?i:^(?:read more|read also|also read|also|see more|see also|related|more|read next|watch|listen|must read|"
    r"recommended|don'?t miss|more from [\w ]+|more coverage|download|itunes|spotify|filed under|tags|topics|"
    r"categories)\s*[:|])|^[^.!?]{1,60}:\s*(?:https?://|www\.)|\[(?:[A-Z][A-Z ]{2,}|[Rr]elated:[^\]]*)\]\W*$|"
    r"\[/\w+\]",
)
_REPORTING_CREDIT = re.compile(
    r"^\(?(?:reporting|writing|editing|additional reporting|compiled|edited|produced) by\b|"
    r"\bcontributed (?:reporting|to this (?:report|story|article))\b|^with [\w ]{1,30} wires$|^staff reports?$",
    re.IGNORECASE,
)
_NEWSLETTER = re.compile(
    r"^(?:sign up (?:for|to|now)|subscribe (?:to|for|now)|get (?:the|our)\b.{0,80}\b(?:newsletter|inbox|delivered)|"
    r"enter your e-?mail|join our\b.{0,40}\bnewsletter)|\bdelivered (?:straight |directly )?to your inbox\b",
    re.IGNORECASE,
)
_PROMO = re.compile(
    r"\bclick(?:ing)? here\b|\bif you (?:enjoyed|liked|value) this (?:article|story)\b|"
    r"\bsupport (?:our|independent) journalism\b|^join (?:our|the) [\w$,' ]{1,60}(?:challenge|club|community|"
    r"newsletter|list)\b",
    re.IGNORECASE,
)
# Shopping widgets and affiliate notes: "See it now: Amazon", "$130 at Best Buy", "we may earn a commission".
_SHOPPING = re.compile(
    r"^(?:see it now|see it at|buy (?:it )?now|buy it here|shop now|view deal|view at|check price|get it at|"
    r"buy at|see at|available at|\$[\d,.]+ at)\b",
    re.IGNORECASE,
)
_AFFILIATE = re.compile(
    r"\b(?:may|might|could|will) (?:earn|receive|get|collect) (?:a )?(?:small |share of )?(?:commission|"
    r"affiliate|revenue from)|\baffiliate (?:links?|commission)\b|\bfor the latest deals\b",
    re.IGNORECASE,
)
# Radio and podcast promotions: "Listen to the full episode on Apple Podcasts", "Subscribe on Spotify".
_AUDIO_PROMO = re.compile(
    r"^(?:you can )?(?:listen|subscribe|download|tune in|catch up|hear)\b.{0,120}\b(?:podcasts?|apple podcasts|"
    r"spotify|stitcher|bbc sounds|itunes|soundcloud|radio show|wherever you get)",
    re.IGNORECASE,
)
_CONTACT = re.compile(
    r"^(?:follow|reach|write to|contact|email|e-mail)\s.*(?:@|https?://|\btwitter\b|\binstagram\b)", re.IGNORECASE
)
_UPDATED = re.compile(
    r"^(?:updated|published|posted|last updated|first published|last modified|modified)\b[:\s]", re.IGNORECASE
)
_AGO = re.compile(r"\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago$", re.IGNORECASE)
_DATE_WORD = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|tues|wed|thu|thurs|fri|sat|sun)[a-z]*\.?,?$|"
    r"^\d{1,4}(?:[:/.-]\d{1,4})*(?:st|nd|rd|th)?,?$|^(?:a\.m\.|p\.m\.|am|pm|et|edt|est|gmt|utc|bst|at|on|\|)$",
    re.IGNORECASE,
)
_URL_ONLY = re.compile(r"^(?:[\w ]{1,20}:\s*)?(?:https?://|www\.)\S+$", re.IGNORECASE)
_BYLINE = re.compile(r"^By [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}(?:(?:,| and) [A-Z][\w.'’ -]+)*$")
_REPORTED_SPEECH = re.compile(r"\b(?:said|says|told|according to|asked)\b|[“”\"]", re.IGNORECASE)
_FOOTER_HEADING = re.compile(
    r"^(?:most read|related (?:articles|stories|coverage)|more stories|you may also like|recommended for you|"
    r"trending now|more from [\w ]+|around the web)[.:]*$",
    re.IGNORECASE,
)
# "Scroll down for video": a page prompt that text extraction glues onto the caption or sentence after it.
# Only the prompt itself goes, and only where it stands between sentences: opening the paragraph or
# after a full stop, with a new sentence or the paragraph's end after it ("fans scroll down for video
# clips" is a sentence, not a prompt).
# The first letter is matched before the place before it is looked at: a pattern opening with a set of
# characters skips to each of them several times faster than it tries the place test at every character.
_INLINE_PROMPT = re.compile(
    r"[sSſ](?:(?<=^.)|(?<=[.!?”’\"]\s.))(?i:croll down (?:for (?:the )?(?:videos?|more)|to (?:watch|see) (?:the )?"
    r"videos?))[.:]?(?:\s+(?=[A-Z‘“'\"])|\s*$)"
)
_WORD = re.compile(r"[^\W_]+")  # "___" is a rule, not a word
_BULLET = re.compile(r"^(?:[-*•·▪]|\d{1,2}[.)])\s+")
_TABLE_ROW = re.compile(r"\|.*\|")
_TERMINAL = ".!?…"
_LONGEST_JUNK_WORDS = 90  # no rule below fires on a longer paragraph


# Every rule asks a paragraph's word count, and the cleaner compares paragraphs by their words many times:
# both are counted once per distinct text. The count is not read off the compared words: a story pasted as
# one paragraph has nothing to be compared with, and counting is several times cheaper than gathering.
@lru_cache(maxsize=1024)
def word_count(text: str) -> int:
    """Return how many words (runs of letters and digits) the text holds."""
    return count_spaced_words(text)


@lru_cache(maxsize=1024)
def normalized_words(text: str) -> str:
    """Return the text's words, lowercased and single-spaced, for comparing paragraphs."""
    return spaced_words(text.lower()).decode("utf-8")


def strip_inline_prompts(paragraph: str) -> str:
    """Return the paragraph without reader prompts such as "Scroll down for video" glued into it."""
    # Only ASCII letters and the long s ("ſ") spell "scroll down" to the case-blind pattern, so lower-casing
    # the ASCII bytes (far cheaper than folding every character) tells whether it may be there at all.
    if b"scroll down" not in paragraph.encode("utf-8", "surrogatepass").lower() and "ſ" not in paragraph:
        return paragraph.strip()
    return _INLINE_PROMPT.sub("", paragraph).strip()


def is_credit_line(text: str) -> bool:
    """Tell whether a short line only credits a photo: "AP/Jane Doe, pool, file", "Photo: X/Getty Images"."""
    if word_count(text) > 14 or (text.endswith((".", "!", "?")) and not text.endswith(("file.", "pool."))):
        return False
    return bool(
        _LABELLED_CREDIT.match(text)
        or _SLASH_CREDIT.search(text)
        or _AGENCY_ONLY.match(text)
        or (word_count(text) <= 10 and _NAME_SLASH_CREDIT.match(text))
    )


def blank_inline_credits(sentence: str) -> str:
    """Blank out photo credits inside a sentence, keeping every other character where it was."""
    if "/" not in sentence:
        return sentence
    return _INLINE_CREDIT.sub(lambda m: " " * len(m.group()), sentence)


def caption_without_credit(paragraph: str) -> str | None:
    """Return a caption's text if the paragraph is a caption closed by a photo credit, else None."""
    if paragraph.endswith((".", "!", "?", "”", '"', "’")) or word_count(paragraph) > _LONGEST_JUNK_WORDS:
        return None  # credits end without a full stop; this also spares body text the regex below
    match = _TRAILING_CREDIT.match(paragraph)
    if not match:
        return None
    caption = match.group("caption") or match.group("caption2")
    credit = match.group("credit") or match.group("credit2")
    if not caption or not (match.group("credit2") or is_credit_line(credit.strip("()[] "))):
        return None
    return caption.strip()


def _is_share_prompt(text: str) -> bool:
    words = _WORD.findall(text.lower())
    if not words or not all(word in _SHARE_WORDS for word in words):
        return False
    return len(words) <= 4 or ("share" in words and len(words) <= 10)


def _is_timestamp(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 12:
        return False
    if _AGO.search(text) or (_UPDATED.match(text) and any(ch.isdigit() for ch in text)):
        return True
    return any(ch.isdigit() for ch in text) and all(_DATE_WORD.match(word) for word in words)


def is_shouted(text: str) -> bool:
    """Tell whether a short line is all capitals, like a cross-link or a shouted subhead."""
    letters = [ch for ch in text if ch.isalpha()]
    if _TABLE_ROW.search(text):
        return False  # a table row of tickers or names is data, not a shouted link
    return len(text.split()) >= 2 and word_count(text) <= 20 and len(letters) >= 6 and all(
        ch.isupper() for ch in letters
    ) and not text.rstrip().endswith(("—", "–", "-"))


def is_boilerplate(paragraph: str) -> bool:
    """Tell whether a paragraph is page furniture rather than article text."""
    text = _BULLET.sub("", paragraph.strip())
    words = word_count(text)
    if words == 0:
        return True  # "___", "* * *", table rules
    if words > _LONGEST_JUNK_WORDS:
        return False
    if words <= 14 and (is_credit_line(text) or _SHORT_PROMPT.match(text) or _is_share_prompt(text)):
        return True
    if words <= 14 and (_is_timestamp(text) or _URL_ONLY.match(text) or _BYLINE.match(text) or is_shouted(text)):
        return True
    if words <= 25 and (_SIGN_IN.search(text) or _LINK_PREFIX.search(text) or _CONTACT.match(text)):
        return True
    if words <= 12 and _SHOPPING.match(text):
        return True
    if words <= 40 and (_AFFILIATE.search(text) or _AUDIO_PROMO.match(text)):
        return True
    if words <= 50 and _REPORTING_CREDIT.search(text):
        return True
    if caption_without_credit(text) is not None:
        return True
    if _REPORTED_SPEECH.search(text):
        return False
    if words <= 40 and (_CONSENT.match(text) or _COPYRIGHT.search(text) or _NEWSLETTER.search(text)):
        return True
    if words <= 80 and _PROMO.search(text):
        return True
    return words <= 80 and bool(_TERMS.search(text))


def _is_footer_start(paragraph: str) -> bool:
    text = paragraph.strip()
    if _FOOTER_HEADING.match(text):
        return True
    if word_count(text) > 40 or _REPORTED_SPEECH.search(text):
        return False
    return bool(_COPYRIGHT.search(text) or _TERMS.search(text) or _CONSENT.match(text) or _SIGN_IN.search(text))


def _footer_index(paragraphs: list[str]) -> int:
    """Return where the page footer starts, or len(paragraphs) if there is none."""
    words = [word_count(p) for p in paragraphs]
    total = sum(words)
    before = 0
    for index, paragraph in enumerate(paragraphs):
        # A copyright line up top is a photo credit; only a marker after most of the text ends the article.
        if before > 0 and before >= total - before and _is_footer_start(paragraph):
            return index
        before += words[index]
    return len(paragraphs)


def is_masthead_like(text: str) -> bool:
    """Tell whether a line is short and unpunctuated enough to be a masthead or a heading."""
    if _BULLET.match(text):
        return False  # list items repeat legitimately, e.g. the same feature under two products
    return 0 < word_count(text) <= 8 and not text.rstrip("”’\")").endswith(tuple(_TERMINAL))


_HEADING_MAX_WORDS = 10
# A line ending in one of these is a sentence, a lead-in ("Updated:") or a dateline ("SEOUL —"), not a heading.
_SENTENCE_ENDINGS = (".", "!", "?", "…", ":", ";", ",", "—", "–", "-", "”", '"', "’", "'", ")", "]")


def is_heading(text: str) -> bool:
    """Tell whether a paragraph is a heading or label (a subhead, masthead or product name), not a sentence.

    A line with a figure in it ("Wireless earbuds for $130", "Rovers 2 United 1") states a fact and stays.
    """
    line = text.strip()
    if not line or not line[0].isupper() or line.endswith(_SENTENCE_ENDINGS) or _BULLET.match(line):
        return False
    if any(map(str.isdigit, line)):
        return False
    return 0 < word_count(line) <= _HEADING_MAX_WORDS


_CAPTION_MAX_WORDS = 40
_SENTENCE_BREAK = re.compile(r"[.!?][”’\"]?\s+[A-Z“‘\"]")


def _is_caption_under_credit(previous: str | None, paragraph: str, following: str | None) -> bool:
    """Tell whether a paragraph is the caption of the photo credited just above it.

    A one-sentence paragraph wedged between a photo credit and the dateline lead cannot be the lead
    itself, so it is the photo's caption ("Photo: X / Getty Images", caption, "CITY — Lead ...").
    """
    if previous is None or following is None or not is_credit_line(previous):
        return False
    if word_count(paragraph) > _CAPTION_MAX_WORDS or _SENTENCE_BREAK.search(paragraph):
        return False
    return split_dateline(following) is not None and split_dateline(paragraph) is None


def strip_junk_paragraphs(paragraphs: Iterable[str], *, source: str | None = None) -> list[str]:
    """Drop page junk from a list of paragraphs and return the article's own paragraphs in order."""
    candidates = [strip_inline_prompts(p) for p in paragraphs if p and p.strip()]
    candidates = [p for p in candidates if p]
    # Count mastheads over the whole page: the second copy often sits inside the footer.
    counts = Counter(normalized_words(p) for p in candidates if is_masthead_like(p))
    candidates = candidates[: _footer_index(candidates)]
    source_name = normalized_words(source or "")
    captions = {normalized_words(c) for c in map(caption_without_credit, candidates) if c}
    kept: list[str] = []
    seen: set[str] = set()
    # A lone paragraph (a story pasted as one line) has no other paragraph or caption its words could repeat.
    alone = len(candidates) == 1 and not captions
    for index, paragraph in enumerate(candidates):
        key = "" if alone else normalized_words(paragraph)
        if (key in seen and not _BULLET.match(paragraph)) or key in captions or is_boilerplate(paragraph):
            continue
        previous = candidates[index - 1] if index > 0 else None
        following = candidates[index + 1] if index + 1 < len(candidates) else None
        if _is_caption_under_credit(previous, paragraph, following):
            continue
        if is_masthead_like(paragraph):
            words = normalized_words(paragraph)
            if counts[words] >= 2 or (source_name and words == source_name):
                continue
        seen.add(key)
        kept.append(paragraph)
    return kept
