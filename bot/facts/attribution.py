"""Find who said a quoted span from the words around it: after the closing mark, before the opening one,
or in the sentence just before (see `bot.facts.quotes` for the order the finder tries them in)."""

from __future__ import annotations

import re

from bot.facts.laid_out import PERSON, PLACE, Paragraph, Speaker
from bot.facts.quote_marks import QuoteSpan
from bot.facts.speakers import SpeakerFinder, find_verbs, is_participle

_MAX_WORDS_BEFORE_VERB = 14  # "…,” Koen Vermeulen, a spokesman for the dockers' union, told reporters."
_ACCORDING_RE = re.compile(r"\s*,?\s*according to\s+", re.IGNORECASE)
_ACCORDING_BEFORE_RE = re.compile(r"\baccording to\s+([^,]{2,60}?)\s*,\s*$", re.IGNORECASE)
# "quoted X as saying", "cited X as telling": group 1 ends where the one quoted begins, group 2 is "as".
_QUOTED_AS_RE = re.compile(r"\b(?:quoted|quotes|quoting|cited|cites|citing)(\s+).*?(\s+as\s*)$", re.IGNORECASE)
_COORDINATED_RE = re.compile(r"\b(?:and|but|then)\s*$", re.IGNORECASE)
_JOINERS_ONLY_RE = re.compile(r"^[\s,;]*(?:and|but|then|and then)[\s,;]*$", re.IGNORECASE)
# Where a clause may open inside a sentence: after a comma, or after a word that starts a clause.
_CLAUSE_OPENING_RE = re.compile(r"[,;:]\s*|\b(?:that|when|while|because|after|before|as|but)\s+")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Words that open a noun phrase: "a sign that read …", "the 'work hard, play hard' culture".
DETERMINERS = frozenset(("the", "a", "an", "its", "their", "his", "her", "this", "that", "our", "whose"))


class Attribution:
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
        _, sentence_end = paragraph.sentence_bounds(span.end - 1)
        if not text[span.end : sentence_end].strip() and text[span.body_start : span.body_end].rstrip()[-1:] in "?!,":
            _, sentence_end = paragraph.sentence_bounds(sentence_end + 1)  # "…right?” || Sanborn said."
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
            sentence_start, _ = paragraph.sentence_bounds(span.start)
            speaker = self.before(paragraph, span, sentence_start, sentence_start)
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
        for named in paragraph.names_between(verb.end(), end):
            if len(text[verb.end() : named.start].split()) <= 2:
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

    def before(self, paragraph: Paragraph, span: QuoteSpan, lead_start: int, sentence_start: int) -> Speaker | None:
        """Look for "Ms Dell said: '…" or "Kuhar said the zoo had received '…" before the opening mark."""
        text = paragraph.text
        verbs = find_verbs(text, lead_start, span.start)
        self.tried = self.tried or bool(verbs)
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
            for named in paragraph.names_between(opening, stop):
                lead = text[opening : named.start].split()
                titled = len(lead) == 1 and lead[0][:1].isupper()  # "Ms Kunis confessed"; not "called Omar a …"
                if (not lead or titled) and paragraph.outside_quotes(named.start):
                    return named.speaker if named.speaker.kind == PERSON else None
        return None

    def _sole_person(self, paragraph: Paragraph, start: int, stop: int) -> Speaker | None:
        """Return the one person named before a verb in its clause ("Lizzi joined the gym and says: '…")."""
        named = [n for n in paragraph.names_between(start, stop) if paragraph.outside_quotes(n.start)]
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
        for named in paragraph.names_between(start, stop):
            if paragraph.outside_quotes(named.start):
                if len(text[start : named.start].split()) <= 4:
                    return None if named.speaker.kind == PLACE else named.speaker
                break
        if words and words[0].lower().strip(",") in ("he", "she"):
            return self.finder.subject(paragraph, start, start + len(words[0]), verb)
        return None

    def previous_sentence(self, paragraph_index: int, span: QuoteSpan) -> Speaker | None:
        """Return the subject of a speech verb in the sentence right before a quote that opens its sentence."""
        paragraph = self.laid[paragraph_index]
        start, _ = paragraph.sentence_bounds(span.start)
        if paragraph.text[start : span.start].strip():
            return None
        if start > 0:
            previous, (prev_start, prev_end) = paragraph, paragraph.sentence_bounds(start - 2)
        elif paragraph_index > 0:
            previous = self.laid[paragraph_index - 1]
            prev_start, prev_end = previous.sentence_bounds(len(previous.text) - 1)
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
    "said says told added explained stated wrote insisted claimed admitted revealed warned argued".split()
)
_PHRASE_ENDERS = frozenset("in on at to after during before from with of for as while".split())


def _last_noun_phrase(text: str, start: int, stop: int) -> tuple[int, int]:
    """Return the span of the determiner phrase before a closing "that"/"which" ("a sign" in "held up a sign that")."""
    words = list(re.finditer(r"\S+", text[start:stop]))[:-1]
    begin = next((w for w in reversed(words[-4:]) if w.group().lower() in DETERMINERS), None)
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


_CLAUSE_OPENERS = frozenset("that how why what whether he she they we i it".split())


# Speech verbs whose object is the one spoken to: the quotation may follow it directly.
_LISTENER_VERBS = frozenset("told tells tell asked asks warned warns urged urges assured reminded".split())


def _ends_phrase(text: str, position: int, stop: int) -> bool:
    """Tell whether a name ends its noun phrase: followed by punctuation, the end, or a preposition."""
    rest = text[position:stop].lstrip()
    if not rest or rest[0] in ",.;:!?)—–-":
        return True
    return rest.split()[0].lower() in _PHRASE_ENDERS
