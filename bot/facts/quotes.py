"""Find quotations and who said them: spans from quote_marks, speakers from speakers.

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
from dataclasses import dataclass, replace
from typing import Protocol

from bot.facts.classify import LOC, MEDIUM, ORG, PER
from bot.facts.entities import Mention
from bot.facts.gender import person_gender, title_gender
from bot.facts.lexicon import GRAMMAR_WORDS
from bot.facts.quote_marks import QuoteSpan, find_quote_spans, trim_unclosed
from bot.facts.speakers import (
    BODY,
    PERSON,
    PLACE,
    Named,
    Paragraph,
    Speaker,
    SpeakerFinder,
    find_verb,
    find_verbs,
    is_participle,
)
from bot.models import Quote


def _wordlist(text: str) -> list[str]:
    return text.split()


MIN_QUOTE_WORDS = 4  # shorter quoted phrases are scare quotes ("hegemonic policy"), not quotations
_MAX_WORDS_BEFORE_VERB = 14  # "…,” Koen Vermeulen, a spokesman for the dockers' union, told reporters."
_SENTENCE_END_RE = re.compile(r"[.!?…][\"”'’)]*(?=\s|$)")
_ACCORDING_RE = re.compile(r"\s*,?\s*according to\s+", re.IGNORECASE)
# A speech verb right before the opening mark ("and said, '…"): it attributes the quote, whatever follows it.
_SAID_BEFORE_RE = re.compile(r"\b(?:said|says|told|asked|added|wrote|replied|shouted)\s*[,:]?\s*$")
_ACCORDING_BEFORE_RE = re.compile(r"\baccording to\s+([^,]{2,60}?)\s*,\s*$", re.IGNORECASE)
# "quoted X as saying", "cited X as telling": group 1 ends where the one quoted begins, group 2 is "as".
_QUOTED_AS_RE = re.compile(r"\b(?:quoted|quotes|quoting|cited|cites|citing)(\s+).*?(\s+as\s*)$", re.IGNORECASE)
_COORDINATED_RE = re.compile(r"\b(?:and|but|then)\s*$", re.IGNORECASE)
_JOINERS_ONLY_RE = re.compile(r"^[\s,;]*(?:and|but|then|and then)[\s,;]*$", re.IGNORECASE)
# Where a clause may open inside a sentence: after a comma, or after a word that starts a clause.
_CLAUSE_OPENING_RE = re.compile(r"[,;:]\s*|\b(?:that|when|while|because|after|before|as|but)\s+")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_ROLE_WORD_RE = re.compile(r"[a-z]+")


class _Known(Protocol):
    @property
    def name(self) -> str: ...


class _People(Protocol):
    def display_name(self, name: str) -> str | None: ...

    def resolve(self, mention: Mention) -> _Known | None: ...

    def shared_by(self, name: str, at: tuple[int, int] | None = None) -> Sequence[_Known]: ...

    def find(self, name: str) -> object | None: ...


@dataclass
class _Found:
    span: QuoteSpan
    paragraph: int
    text: str
    speaker: Speaker | None = None
    attribution_end: int = -1  # where an attribution after the closing mark ends, -1 without one
    joined: bool = False  # the second part of a split quote, already added to the first
    modifier: bool = False  # a quoted phrase naming a thing: "the 'work hard, play hard' culture"


def _paragraph(sentences: Sequence[str], first_index: int) -> tuple[str, list[tuple[int, int]]]:
    starts = []
    offset = 0
    for position, sentence in enumerate(sentences):
        starts.append((first_index + position, offset))
        offset += len(sentence) + 1
    return " ".join(sentences), starts


_OBJECT_BEFORE_RE = re.compile(r"\b(?:by|with|from|of|for|to|against|like|including|alongside|about|and)\s+$", re.I)


_BODY_OBJECT_RE = re.compile(
    r"\b(?:by|with|from|of|for|to|against|on|in|at|via|like|including|about|and|or)\s+(?:the\s+)?$", re.I
)


# "Rodgers, who has…", "Lurie, 43, a teacher,": a name given an appositive is the one the story is about.
_APPOSITIVE_AFTER_RE = re.compile(r",\s+(?:who|whose|a|an|the|aged|\d)\b")


def _identity(display: str, person: object | None) -> tuple[str | None, frozenset[str]]:
    """Return a person's gender and the head nouns of their titles and role."""
    titles = tuple(m.title for m in getattr(person, "mentions", ()) if m.title)
    role = getattr(person, "role", None)
    # Every role the text gives counts for gender: "his girlfriend, bikini model Alexis Randock" is a woman
    # though "model" is the role shown.
    stated = tuple(written for _, _, written in getattr(person, "roles", ()))
    gender = person_gender(display, (*titles, *stated), role)
    return gender, frozenset(filter(None, map(_role_head, (*titles, role or ""))))


def _role_head(role: str) -> str:
    """Return the noun a role is named by: "secretary" in "finance ministry general secretary of the party".

    "The ministry said" is the ministry, not its secretary: only the head noun lets "the secretary" find him.
    """
    words = _ROLE_WORD_RE.findall(role.lower())
    cut = next((i for i, word in enumerate(words) if word in _ROLE_OBJECT_WORDS), len(words))
    return words[cut - 1] if cut else ""


_ROLE_OBJECT_WORDS = frozenset(_wordlist("of for at in with to from on"))


def _named(
    mention: Mention,
    people: _People,
    offset: int,
    text: str,
    known: dict[str, tuple[str | None, frozenset[str]]],
) -> Named | None:
    order = (mention.sentence, offset + mention.start)
    start, end = offset + mention.start, offset + mention.end
    if mention.label == PER:
        person = people.resolve(mention)
        display = person.name if person is not None else None
        if display is None:
            speaker, role_words = _one_of_several(mention, people, known)
            if speaker is None:
                return Named(start, end, order, Speaker(mention.name, PLACE))  # nobody the index knows never speaks
        elif not display[:1].isupper():
            return Named(start, end, order, Speaker(mention.name, PLACE))
        else:
            if display not in known:
                known[display] = _identity(display, person)
            gender, role_words = known[display]
            speaker = Speaker(display, PERSON, gender)
        # "Rita Ora's song", "a song by Rita Ora": someone named in passing is not who "she" means next.
        salient = not (text[end : end + 2] in ("'s", "’s") or _OBJECT_BEFORE_RE.search(text, max(0, start - 12), start))
        lead = text[offset : offset + mention.title_offset if mention.title_offset >= 0 else start]
        # The subject of its sentence, or of a speech verb: whom a later "she said" most likely means. A name
        # inside a relative clause ("Elton, who left the party under Tony Blair, told …") is neither.
        prominent = (
            salient
            and not _in_relative_clause(lead)
            and (
                len(lead.split()) <= 2
                or (lead.rstrip().endswith(",") and len(lead.split()) <= 5)  # "The finance minister, Lupe Faleolo,"
                or _APPOSITIVE_AFTER_RE.match(text, end) is not None
                or find_verb(text, end, min(len(text), end + 30)) is not None
            )
        )
        return Named(start, end, order, speaker, role_words, salient, prominent)
    if mention.label == ORG and mention.strength >= MEDIUM:
        # "said on Twitter", "according to the State Department": a body after a preposition is not the topic
        # that a later "the group said" refers back to.
        salient = not _BODY_OBJECT_RE.search(text, max(0, start - 16), start)
        return Named(start, end, order, Speaker(mention.name, BODY), salient=salient)
    if mention.label in (LOC, ORG):
        return Named(start, end, order, Speaker(mention.name, PLACE))
    return None


def _one_of_several(
    mention: Mention, people: _People, known: dict[str, tuple[str | None, frozenset[str]]]
) -> tuple[Speaker | None, frozenset[str]]:
    """Read a name two people share ("Jordan" for Frank and Louis Jordan): the one a title's gender picks, else
    a speaker nobody can be sure of, who still stands between a later "he said" and anyone named before."""
    owners = [person.name for person in people.shared_by(mention.name, (mention.sentence, mention.start))]
    if len(owners) < 2:
        return None, frozenset()
    for display in owners:
        if display not in known:
            known[display] = _identity(display, people.find(display))
    genders = [known[display][0] for display in owners]
    titled = title_gender(mention.title) if mention.title else None
    if titled is not None and genders.count(titled) == 1:
        display = owners[genders.index(titled)]  # "Mrs Lane" among Peter, Donna and Chris Lane
        return Speaker(display, PERSON, titled), known[display][1]
    shared_gender = genders[0] if len(set(genders)) == 1 else None
    return Speaker(mention.name, PERSON, titled or shared_gender, uncertain=True), frozenset()


def _in_relative_clause(lead: str) -> bool:
    """Tell whether the words before a name leave it inside a relative clause: "Rhoades, who tried to help Lane"."""
    openings = list(_RELATIVE_RE.finditer(lead))
    return bool(openings) and "," not in lead[openings[-1].end() :]


_RELATIVE_RE = re.compile(r",\s+(?:who|whom|whose|which)\b")


def _layout(paragraphs: Sequence[Sequence[str]], mentions: Sequence[Mention], people: _People) -> list[Paragraph]:
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    laid: list[Paragraph] = []
    known: dict[str, tuple[str | None, frozenset[str]]] = {}
    first_index = 0
    for sentences in paragraphs:
        text, starts = _paragraph(sentences, first_index)
        names = []
        for index, offset in starts:
            for mention in by_sentence.get(index, ()):
                named = _named(mention, people, offset, text, known)
                if named is not None:
                    names.append(named)
        laid.append(Paragraph(text, starts, names))
        first_index += len(sentences)
    return laid


def _spans(laid: list[Paragraph]) -> list[list[QuoteSpan]]:
    """Find each paragraph's quoted spans; link a quote left open to the next paragraph that reopens it."""
    found = [find_quote_spans(p.text) for p in laid]
    for index, spans in enumerate(found):
        if not spans:
            continue
        last = spans[-1]
        following = found[index + 1] if index + 1 < len(found) else []
        text = laid[index].text
        reopened = (
            following and following[0].style == last.style and not laid[index + 1].text[: following[0].start].strip()
        )
        if not last.closed and not last.continues and last.end >= len(text.rstrip()) and reopened:
            spans[-1] = replace(last, continues=True)
        found[index] = [trim_unclosed(text, s) for s in spans]
        laid[index].quoted = [(s.body_start, s.body_end) for s in found[index]]
    return found


def _sentence_bounds(paragraph: Paragraph, offset: int) -> tuple[int, int]:
    """Return [start, end) of the sentence holding an offset in the paragraph text."""
    start = 0
    end = len(paragraph.text)
    for _, sentence_start in paragraph.sentence_starts:
        if sentence_start <= offset:
            start = sentence_start
        elif sentence_start > offset:
            end = sentence_start - 1
            break
    return start, end


class _Attribution:
    """Attribute the spans of one document in reading order."""

    def __init__(self, laid: list[Paragraph], finder: SpeakerFinder) -> None:
        self.laid = laid
        self.finder = finder
        self.tried = False  # the span's own sentence attributes it, whether or not the speaker could be read

    def after(self, paragraph: Paragraph, span: QuoteSpan, stop: int) -> tuple[Speaker | None, int]:
        """Look for "…,' she said." after the closing mark; return the speaker and where the attribution ends."""
        text = paragraph.text
        if not span.closed:
            return None, span.end
        _, sentence_end = _sentence_bounds(paragraph, span.end - 1)
        if not text[span.end : sentence_end].strip() and text[span.body_start : span.body_end].rstrip()[-1:] in "?!,":
            _, sentence_end = _sentence_bounds(paragraph, sentence_end + 1)  # "…right?” || Sanborn said."
        tail_end = min(stop, sentence_end)
        while tail_end > span.end and text[tail_end - 1] in " .!?…\"”'’":
            tail_end -= 1
        body_end = text[span.body_start : span.body_end].rstrip()
        tail = text[span.end : tail_end]
        if body_end.endswith(".") and tail.strip()[:1].isupper() and not tail.startswith(","):
            return None, span.end  # a new sentence begins after the quote
        according = _ACCORDING_RE.match(text, span.end, tail_end)
        if according:
            # "X urged both sides to "…", according to Belga": the agency relays; X, if named before, said it.
            sentence_start, _ = _sentence_bounds(paragraph, span.start)
            speaker = self.before(paragraph, span, sentence_start)
            if speaker is None:
                chunk_end = text.find(",", according.end(), tail_end)
                speaker = self.finder.subject(paragraph, according.end(), tail_end if chunk_end < 0 else chunk_end)
            return speaker, tail_end
        for verb in find_verbs(text, span.end, tail_end):
            before = text[span.end : verb.start()]
            if len(before.split()) > _MAX_WORDS_BEFORE_VERB:
                break
            if is_participle(verb.group()) and before.strip(" ,;:—–-") and before.rstrip().endswith(","):
                # "X said, '…' at the release, adding that Weeks' family …": the participle goes on with the
                # sentence's own subject, which the words before the quote name.
                break
            if body_end.endswith(("?", "!")) and len(before.split()) > 4:
                break
            self.tried = True
            if not before.strip(" ,;:—–-"):
                speaker = self._after_verb(paragraph, verb, tail_end)
            else:
                speaker = self._chunks(paragraph, span.end, verb.start(), verb.group().lower())
                if speaker is None and before.rstrip().endswith(","):
                    speaker = self._after_verb(paragraph, verb, tail_end)  # "…" announced in October, said X
            if speaker is not None:
                return speaker, tail_end
        return None, span.end

    def _after_verb(self, paragraph: Paragraph, verb: re.Match[str], stop: int) -> Speaker | None:
        """Read "said Derek Scissors, a China scholar" or "added the Barcelona defender"."""
        text = paragraph.text
        comma = text.find(",", verb.end(), stop)
        end = stop if comma < 0 else comma
        for named in paragraph.names:
            if verb.end() <= named.start < end and len(text[verb.end() : named.start].split()) <= 2:
                if not _ends_phrase(text, named.end, end):
                    break  # "added the Barcelona defender": the name only qualifies the noun after it
                return None if named.speaker.kind == PLACE else named.speaker
        return self.finder.subject(paragraph, verb.end(), end, before_verb=False)

    def _chunks(self, paragraph: Paragraph, start: int, stop: int, verb: str) -> Speaker | None:
        """Read the subject in [start, stop): "Ilse Brandt, a spokeswoman for the union," or ", without drugs, she"."""
        text = paragraph.text
        region = text[start:stop]
        pieces = []
        offset = start
        for piece in region.split(","):
            pieces.append((offset, offset + len(piece)))
            offset += len(piece) + 1
        pieces = [(s, e) for s, e in pieces if text[s:e].strip(" ;:—–-")]
        if not pieces:
            return None
        if region.rstrip().endswith(","):
            first = self.finder.subject(paragraph, *pieces[0], verb)
            if first is not None and first.kind == PERSON:
                return first  # "Name, appositive," — the name comes first
            if len(pieces) >= 2 and len(text[pieces[-1][0] : pieces[-1][1]].split()) <= 4:
                # "The author of the book, Ricardo Raphael, wrote": a role first, then the name set off by commas.
                named = self.finder.subject(paragraph, *pieces[-1], verb)
                if named is not None and named.kind == PERSON:
                    return named
            for piece_start, piece_end in pieces:
                speaker = self.finder.subject(paragraph, piece_start, piece_end, verb)
                if speaker is not None:
                    return speaker
            return None
        last_start, last_end = pieces[-1]
        words = text[last_start:last_end].split()
        if words and words[-1].lower() == "who":
            return self._antecedent(paragraph, last_start)
        if words and words[-1].lower() in ("that", "which") and len(words) >= 3:
            # "held up a sign that read "…"": the thing written on, when it is a sign, a letter or a post.
            noun = self.finder.subject(paragraph, *_last_noun_phrase(paragraph.text, last_start, last_end))
            return noun if noun is not None and noun.kind != PERSON else None
        speaker = self.finder.subject(paragraph, last_start, last_end, verb)
        if len(pieces) > 1 and words and words[0].lower() in ("a", "an", "the"):
            # "Robert Abrams, a psychiatrist at X said": the last piece is an appositive of the one before.
            named = self.finder.subject(paragraph, pieces[-2][0], pieces[-2][1], verb)
            if named is not None and named.kind == PERSON:
                return named
        return speaker

    def _antecedent(self, paragraph: Paragraph, comma_after: int) -> Speaker | None:
        """Return the person a ", who sings:" clause hangs on."""
        for named in reversed(paragraph.names):
            if named.end <= comma_after and not paragraph.text[named.end : comma_after].strip(" ,"):
                return named.speaker if named.speaker.kind == PERSON else None
        return None

    def before(self, paragraph: Paragraph, span: QuoteSpan, lead_start: int) -> Speaker | None:
        """Look for "Ms Dell said: '…" or "Kuhar said the zoo had received '…" before the opening mark."""
        text = paragraph.text
        verbs = find_verbs(text, lead_start, span.start)
        self.tried = self.tried or bool(verbs)
        sentence_start, _ = _sentence_bounds(paragraph, span.start)
        for verb in reversed(verbs):
            word = verb.group().lower()
            lead = text[lead_start : verb.start()]
            if _content_object_between(text, verb, span):
                break  # "Miliband announced a £5 billion Fund 'That's why I'm voting …'": a caption glued on
            if is_participle(word):
                quoted = _QUOTED_AS_RE.search(lead)
                if quoted is not None:
                    # "Der Spiegel quoted a ministry official, Nikos Sarris, as saying": the one quoted speaks.
                    return self._chunks(paragraph, lead_start + quoted.end(1), lead_start + quoted.start(2), word)
                direct = self._chunks(paragraph, lead_start, verb.start(), word) if lead.strip() else None
                speaker = direct or self._sentence_subject(paragraph, sentence_start, verb.start(), word)
            elif not lead.strip(" ,;:—–-"):
                speaker = None
            elif _JOINERS_ONLY_RE.match(lead):
                # "…, called Omar a 'terrorist' and said, '…'": the verb shares its sentence's subject.
                speaker = self._shared_subject(paragraph, sentence_start, verb.start(), word)
            else:
                # "Pompeo said that … Washington had concluded …": the subject of an inner verb may be no speaker.
                speaker = self._chunks(paragraph, lead_start, verb.start(), word)
                if speaker is None and text[verb.end() : span.start].strip() in (":", "that", ""):
                    speaker = self._sole_person(paragraph, lead_start, verb.start())
                if speaker is None and _COORDINATED_RE.search(lead):
                    speaker = self._shared_subject(paragraph, sentence_start, verb.start(), word)  # "he rose and said"
            if speaker is not None:
                return speaker
        according = _ACCORDING_BEFORE_RE.search(text, lead_start, span.start) if not verbs else None
        if according is not None:
            return self.finder.subject(paragraph, according.start(1), according.end(1))  # "According to the Times, '…"
        return None

    def _shared_subject(self, paragraph: Paragraph, start: int, stop: int, verb: str) -> Speaker | None:
        """Return the subject a verb after "and" shares with the clause it joins ("Ms Kunis confessed and told
        her: '…", "During the call, he asked … and said, '…"): the nearest clause opening with a name or he/she."""
        text = paragraph.text
        openings = [start, *(m.end() for m in _CLAUSE_OPENING_RE.finditer(text, start, stop))]
        for opening in reversed(openings):
            words = _WORD_RE.findall(text[opening:stop])
            if not words:
                continue
            if words[0].lower() in ("he", "she"):
                at = text.index(words[0], opening)
                return self.finder.subject(paragraph, at, at + len(words[0]), verb)
            for named in paragraph.names:
                lead = text[opening : named.start].split()
                titled = len(lead) == 1 and lead[0][:1].isupper()  # "Ms Kunis confessed"; not "called Omar a …"
                if opening <= named.start < stop and (not lead or titled) and paragraph.outside_quotes(named.start):
                    return named.speaker if named.speaker.kind == PERSON else None
        return None

    def _sole_person(self, paragraph: Paragraph, start: int, stop: int) -> Speaker | None:
        """Return the one person named before a verb in its clause ("Lizzi joined the gym and says: '…")."""
        named = [n for n in paragraph.names if start <= n.start < stop and paragraph.outside_quotes(n.start)]
        if (
            len(named) == 1
            and named[0].speaker.kind == PERSON
            and len(paragraph.text[start : named[0].start].split()) <= 4
        ):
            return named[0].speaker
        return None

    def _sentence_subject(self, paragraph: Paragraph, start: int, stop: int, verb: str) -> Speaker | None:
        """Return the subject at the start of a sentence ("Liu said that …, warning: "…")."""
        text = paragraph.text
        words = text[start:stop].split()
        for named in paragraph.names:
            if start <= named.start < stop and paragraph.outside_quotes(named.start):
                if len(text[start : named.start].split()) <= 4:
                    return None if named.speaker.kind == PLACE else named.speaker
                break
        if words and words[0].lower().strip(",") in ("he", "she"):
            return self.finder.subject(paragraph, start, start + len(words[0]), verb)
        return None

    def previous_sentence(self, paragraph_index: int, span: QuoteSpan) -> Speaker | None:
        """Return the subject of a speech verb in the sentence right before a quote that opens its sentence."""
        paragraph = self.laid[paragraph_index]
        start, _ = _sentence_bounds(paragraph, span.start)
        if paragraph.text[start : span.start].strip():
            return None
        if start > 0:
            previous, (prev_start, prev_end) = paragraph, _sentence_bounds(paragraph, start - 2)
        elif paragraph_index > 0:
            previous = self.laid[paragraph_index - 1]
            prev_start, prev_end = _sentence_bounds(previous, len(previous.text) - 1)
        else:
            return None
        if any(s < prev_end and prev_start < e for s, e in previous.quoted):
            return None  # a sentence with its own quote attributes that one
        verb = next(
            (v for v in find_verbs(previous.text, prev_start, prev_end) if v.group().lower() in _REPORTING), None
        )
        if verb is None:
            return None
        return self._chunks(previous, prev_start, verb.start(), verb.group().lower())


# Verbs that report speech on their own, without a quote or colon after them ("continues" does not).
_REPORTING = frozenset(
    _wordlist("said says told added explained stated wrote insisted claimed admitted revealed warned argued")
)
_PHRASE_ENDERS = frozenset(_wordlist("in on at to after during before from with of for as while"))


def _last_noun_phrase(text: str, start: int, stop: int) -> tuple[int, int]:
    """Return the span of the determiner phrase before a closing "that"/"which" ("a sign" in "held up a sign that")."""
    words = list(re.finditer(r"\S+", text[start:stop]))[:-1]
    begin = next((w for w in reversed(words[-4:]) if w.group().lower() in _DETERMINERS), None)
    if begin is None:
        return stop, stop
    return start + begin.start(), start + words[-1].end()


def _content_object_between(text: str, verb: re.Match[str], span: QuoteSpan) -> bool:
    """Tell whether a verb's own object stands between it and a quoted whole sentence, with nothing to join them.

    "announced a new fund 'That's why …'" reports the fund, not the quotation; a verb that takes a listener
    ("told the crowd 'We …'"), a colon, a comma or "that" lead into the quote.
    """
    between = text[verb.end() : span.start]
    body = text[span.body_start : span.body_end].lstrip()
    if not body[:1].isupper() or verb.group().lower() in _LISTENER_VERBS:
        return False
    words = between.split()
    if len(words) < 2 or between.rstrip()[-1:] in ":,;—–-" or words[-1].lower() in ("that", "as"):
        return False
    return words[0].lower() not in _CLAUSE_OPENERS  # "says that she is hooked 'I …'": what she says runs on


_CLAUSE_OPENERS = frozenset(_wordlist("that how why what whether he she they we i it"))


# Speech verbs whose object is the one spoken to: the quotation may follow it directly.
_LISTENER_VERBS = frozenset(_wordlist("told tells tell asked asks warned warns urged urges assured reminded"))


def _ends_phrase(text: str, position: int, stop: int) -> bool:
    """Tell whether a name ends its noun phrase: followed by punctuation, the end, or a preposition."""
    rest = text[position:stop].lstrip()
    if not rest or rest[0] in ",.;:!?)—–-":
        return True
    return rest.split()[0].lower() in _PHRASE_ENDERS


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
        for named in paragraph.names:
            other = named.speaker.kind in (PERSON, BODY) and named.speaker != speaker
            if other and low <= named.start < high and paragraph.outside_quotes(named.start):
                return True
    return False


def _names_a_thing(paragraph: Paragraph, span: QuoteSpan) -> bool:
    """Tell a quoted phrase used as a name or modifier ("the 'work hard, play hard' culture") from speech."""
    if not span.closed or paragraph.text[span.body_start : span.body_end].rstrip()[-1:] in ",.!?…;:":
        return False  # a full quote before its attribution: "'…,' grower Lena Fischer said"
    determiner = _LAST_WORD_RE.search(paragraph.text, max(0, span.start - 12), span.start)
    if determiner is None or determiner.group(1).lower() not in _DETERMINERS:
        return False
    following = _NEXT_WORD_RE.match(paragraph.text, span.end)
    return following is not None and following.group(1).islower() and following.group(1) not in GRAMMAR_WORDS


_LAST_WORD_RE = re.compile(r"\b([A-Za-z]+)\s*$")
_NEXT_WORD_RE = re.compile(r" ([A-Za-z][a-z-]*)\b")
_DETERMINERS = frozenset(("the", "a", "an", "its", "their", "his", "her", "this", "that", "our", "whose"))


def _is_title(body: str) -> bool:
    """Tell a title of a work or a slogan ("Child Promise Me You Will Shoot Yourself") from speech."""
    words = [w for w in body.split() if w[:1].isalpha()]
    capitalised = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 3 and capitalised >= len(words) - 1 and not body.rstrip().endswith((".", "?", "!", ","))


def _body(text: str, span: QuoteSpan) -> str:
    return text[span.body_start : span.body_end].strip().rstrip(",").strip()


_ANY_MARK_RE = re.compile(r"[\"“”„'‘’]")


class QuoteLayout:
    """A document's paragraphs with their names and quoted spans, found once for quotes and dates alike."""

    def __init__(self, paragraphs: Sequence[Sequence[str]], mentions: Sequence[Mention], people: _People) -> None:
        if not any(_ANY_MARK_RE.search(sentence) for paragraph in paragraphs for sentence in paragraph):
            paragraphs, mentions = (), ()  # nothing quoted: no need to lay the document out
        self.laid = _layout(paragraphs, mentions, people)
        self.spans = _spans(self.laid)
        self._where: dict[int, tuple[int, int]] = {}
        for index, paragraph in enumerate(self.laid):
            for sentence, offset in paragraph.sentence_starts:
                self._where[sentence] = (index, offset)

    def is_quoted(self, sentence: int, offset: int) -> bool:
        """Tell whether an offset of a sentence lies inside a quotation."""
        index, start = self._where.get(sentence, (-1, 0))
        if index < 0:
            return False
        return any(s.body_start <= start + offset < s.body_end for s in self.spans[index])


def find_quotes(
    paragraphs: Sequence[Sequence[str]],
    mentions: Sequence[Mention],
    people: _People,
    layout: QuoteLayout | None = None,
) -> tuple[Quote, ...]:
    """Return quotations of at least MIN_QUOTE_WORDS words whose speaker the text gives."""
    layout = layout or QuoteLayout(paragraphs, mentions, people)
    laid, spans = layout.laid, layout.spans
    persons = [
        named
        for paragraph in laid
        for named in paragraph.names
        if named.speaker.kind == PERSON and paragraph.outside_quotes(named.start)
    ]
    bodies = [
        named
        for paragraph in laid
        for named in paragraph.names
        if named.speaker.kind == BODY and paragraph.outside_quotes(named.start)
    ]
    finder = SpeakerFinder(persons, bodies, laid)
    attribution = _Attribution(laid, finder)
    found: list[_Found] = []
    for index, (paragraph, paragraph_spans) in enumerate(zip(laid, spans, strict=True)):
        previous_end = 0
        for position, span in enumerate(paragraph_spans):
            item = _Found(span, index, _body(paragraph.text, span), modifier=_names_a_thing(paragraph, span))
            stop = paragraph_spans[position + 1].start if position + 1 < len(paragraph_spans) else len(paragraph.text)
            attribution.tried = False
            speaker, attribution_end = attribution.after(paragraph, span, stop)
            sentence_start, _ = _sentence_bounds(paragraph, span.start)
            lead_start = max(sentence_start, previous_end)
            if speaker is None or _SAID_BEFORE_RE.search(paragraph.text, max(lead_start, span.start - 16), span.start):
                # "… he said, '…,' the prosecutor's office said.": the office reports what he said.
                speaker = attribution.before(paragraph, span, lead_start) or speaker
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
        words = item.text.split()
        if len(words) < MIN_QUOTE_WORDS or _is_title(item.text) or item.text.lower() in seen:
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
