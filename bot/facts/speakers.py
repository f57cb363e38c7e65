"""Find who said a quotation: the subject of the speech verb next to it, a pronoun resolved, a body or a description.

A speaker is only ever a person the people index knows, a named organisation, or a description headed by a
noun that speaks ("a police spokesman", "the ministry", "one fan"). Places, venues and unknown capitalised
words never speak: when the subject of the verb is one of those, the quotation has no speaker.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import compress

from bot.facts.gender import FEMALE, MALE
from bot.facts.laid_out import BODY, DESCRIPTION, PERSON, PLACE, Named, Paragraph, Speaker
from bot.facts.usage import POSSESSIVE_DETERMINERS
from bot.text.wordlist import word_set

SPEECH_VERBS = word_set(
        "said say says told tell tells added adds explained explains continued continues stated states "
        "declared declares wrote writes posted tweeted insisted insists claimed claims admitted admits "
        "revealed reveals recalled recalls noted notes warned warns urged urges announced announces asked "
        "asks replied replies responded responds argued argues suggested suggests concluded concludes "
        "confirmed confirms commented comments remarked remarks joked jokes quipped laughed shouted "
        "yelled screamed whispered sang sings reiterated reiterates acknowledged acknowledges conceded "
        "concedes boasted complained complains agreed observed predicted vowed pleaded begged demanded "
        "exclaimed stressed stresses emphasised emphasized read reads mused cautioned countered testified "
        "alleged maintained maintains described describes called calls explaining saying telling adding "
        "writing warning insisting claiming noting stating declaring asking replying arguing tweeting "
        "posting urging continuing shouts yells screams cried cries ordered orders"
    )
_PARTICIPLES = frozenset(w for w in SPEECH_VERBS if w.endswith("ing"))
_CONTINUING_VERBS = word_set("added adds continued continues adding continuing")
_PRONOUNS = {"he": MALE, "she": FEMALE}
# Words between a subject and its verb that say nothing about who speaks ("Saltare can be heard saying").
_FILLERS = word_set(
        "also later then has have had is was were would will could can may might be been being heard "
        "quoted reportedly previously once recently simply just further afterwards today yesterday "
        "earlier again already both then jokingly angrily emotionally tearfully proudly simply quietly "
        "flatly firmly candidly bluntly calmly openly publicly privately repeatedly only not never"
    )
_LEADING_JOINERS = word_set("and but as so yet while when because although though after before")
# Words that open a subordinate clause: the subject of a verb after one of them comes after it.
_SUBORDINATORS = word_set("when while because although though whereas after before once until if")
# Words that end the noun phrase of an unnamed speaker: "a WeWork spokesperson when contacted by Reuters".
_PHRASE_CLOSERS = word_set("when while after before because although though during via as")
_INDEFINITE = frozenset(["a", "an", "one", "another", "some"])
_INDEFINITE_OR_THE = _INDEFINITE | {"the"}
_PREPOSITIONS = word_set("for of at with from in on to by who which that")
# Nouns that may head an unnamed speaker: people speaking for someone, anonymous people, bodies, documents.
_ANONYMOUS_HEADS = word_set(
        "spokesman spokeswoman spokesperson spokespeople source sources official officials insider "
        "insiders aide aides adviser advisers advisor advisors officer officers witness witnesses "
        "resident residents neighbour neighbor neighbours neighbors friend friends relative relatives fan "
        "fans supporter supporters passenger passengers passerby onlooker onlookers doctor doctors nurse "
        "nurses teacher teachers worker workers employee employees organiser organisers organizer "
        "organizers campaigner campaigners activist activists critic critics user users viewer viewers "
        "lawyer lawyers attorney attorneys representative representatives executive executives researcher "
        "researchers scientist scientists expert experts analyst analysts investigator investigators "
        "prosecutor prosecutors man woman boy girl mother father customer customers visitor visitors "
        "student students parent parents member members guard guards sergeant sergeants deputy deputies "
        "paramedic paramedics firefighter firefighters soldier soldiers"
    )
_BODY_HEADS = word_set(
        "ministry department government office council committee agency authority authorities police "
        "court club company firm union board statement report letter email e-mail post message note team "
        "spokesperson embassy army military party campaign charity group foundation institute commission "
        "service trust federation association league hospital school university sign banner placard poster "
        "notice headline caption tweet"
    )
_SPEAKING_HEADS = _ANONYMOUS_HEADS | _BODY_HEADS  # joined once, not for every subject read
# Nouns by which sports and arts writing refers back to someone just named ("the Spaniard", "the 25-year-old").
_PLAYER_NOUNS = word_set(
        "defender midfielder striker forward winger goalkeeper keeper player captain skipper manager boss "
        "coach star veteran youngster teenager international spaniard frenchman italian german brazilian "
        "argentine dutchman englishman scot irishman welshman american australian singer actor actress "
        "rapper driver champion rider jockey trainer batsman bowler"
    )
_GENERIC_BODIES = word_set("company group firm club union organisation organization charity team party agency")
_PREPOSITION_BEFORE_RE = re.compile(r"\b(?:of|at|for|from|with|in|on|by)\s+(?:the\s+)?$", re.I)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def _words(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(_WORD_RE.finditer(text, start, end))


class SpeakerFinder:
    """Attribute quotations of one document; remembers who was named and who spoke, for pronouns."""

    def __init__(
        self, people: Sequence[Named], bodies: Sequence[Named] = (), paragraphs: Sequence[Paragraph] = ()
    ) -> None:
        self._people = list(people)  # every person named outside quotes, in reading order
        self._bodies = list(bodies)
        self._paragraphs = list(paragraphs)
        self._paragraph_of = {sentence: i for i, p in enumerate(paragraphs) for sentence, _ in p.sentence_starts}
        self.last_speaker: tuple[tuple[int, int], Speaker] | None = None
        self._prominence: dict[tuple[int, int], bool] = {}  # by a name's order: read for the few pronouns
        self._salience: dict[tuple[tuple[int, int], int, str], bool] = {}  # read for names near a pronoun

    def salient(self, named: Named) -> bool:
        """Tell whether a name may be what a later pronoun or "the group" means (see `is_salient`)."""
        key = (named.order, named.end, named.speaker.kind)
        found = self._salience.get(key)
        if found is None:
            paragraph = self._paragraphs[self._paragraph_of[named.order[0]]]
            found = self._salience[key] = is_salient(paragraph.text, named)
        return found

    def prominent(self, named: Named) -> bool:
        """Tell whether a name is the subject of its sentence or of a speech verb (see `is_prominent`)."""
        found = self._prominence.get(named.order)
        if found is None:
            paragraph = self._paragraphs[self._paragraph_of[named.order[0]]]
            found = self._prominence[named.order] = self.salient(named) and is_prominent(paragraph.text, named)
        return found

    # --- subjects -------------------------------------------------------------------------------

    def subject(
        self, paragraph: Paragraph, start: int, end: int, verb: str = "", before_verb: bool = True
    ) -> Speaker | None:
        """Read the words in [start, end) as the subject of a speech verb; resolve pronouns and roles.

        `before_verb` is False for a subject read after its verb ("said a spokesman when asked").
        """
        text = paragraph.text
        words = _words(text, start, end)
        lower = [word.group().lower() for word in words]  # each word lowered once, for every test below
        # An adverb is all lower case ("flatly"), so its lowered form ends in "ly" just as it does.
        while words and (lower[-1] in _FILLERS or (lower[-1].endswith("ly") and words[-1].group().islower())):
            words.pop()
            lower.pop()
        first = 0
        while first < len(words) and lower[first] in _LEADING_JOINERS:
            first += 1
        # "Audience members laughed when he urged voters": the verb's subject is in the last clause.
        if before_verb:
            first = max((i for i in range(first + 1, len(words)) if lower[i] in _SUBORDINATORS), default=first - 1) + 1
        words, lower = words[first:], lower[first:]
        if not words:
            return None
        start, end = words[0].start(), words[-1].end()
        lowered = [word.replace("’", "'") for word in lower]
        if lowered[-1] in _PRONOUNS:
            # "she said", "what she called", "recalled that he said": "he" and "she" are only ever subjects.
            return self.pronoun(_PRONOUNS[lowered[-1]], paragraph, words[-1].start(), verb)
        inside = [n for n in paragraph.names_between(start, end + 1) if n.end <= end + 1]
        # "Professor Michael Porter of Harvard Business School": a name after a preposition only qualifies.
        heads = [n for n in inside if not _PREPOSITION_BEFORE_RE.search(text, max(start, n.start - 6), n.start)]
        if heads:
            last = heads[-1]
            trailing = _words(text, last.end, end)
            if trailing and trailing[0].group().lower() not in _PREPOSITIONS:
                # "A Bayer spokesman", "a Kremlin official": the name only qualifies who speaks.
                return self.description(paragraph, words, lowered)
            return None if last.speaker.kind == PLACE else last.speaker
        if inside and text[start:end].split()[0].lower() not in _INDEFINITE_OR_THE:
            return None
        return self.description(paragraph, words, lowered)

    def description(self, paragraph: Paragraph, words: list[re.Match[str]], lowered: list[str]) -> Speaker | None:
        """Read an unnamed subject ("a police spokesman", "the ministry", "the sheriff")."""
        closer = next((i for i, w in enumerate(lowered) if i > 0 and w in _PHRASE_CLOSERS), len(lowered))
        words, lowered = words[:closer], lowered[:closer]
        if len(words) > 8:
            return None
        head_index = next((i for i, w in enumerate(lowered) if i > 0 and w in _PREPOSITIONS), len(lowered)) - 1
        if head_index < 0:
            return None
        head = lowered[head_index].rstrip("'").removesuffix("'s")
        first = lowered[0]
        text = paragraph.text[words[0].start() : words[-1].end()]
        if first in POSSESSIVE_DETERMINERS or any(w in POSSESSIVE_DETERMINERS for w in lowered[1:]):
            return None  # "his son": a relation, whose name the text may give elsewhere
        if first == "the" or first.endswith("'s"):
            person = self.by_role(head)
            if person is not None:
                return person
            body = self.named_body(paragraph, words[0].start(), head) if first == "the" and head_index == 1 else None
            if body is not None:
                return body  # "NASA said … '…,' the agency noted": the body just named
            if head in _BODY_HEADS or (head in _ANONYMOUS_HEADS and head.endswith("s")):
                return Speaker(_lower_first(text), DESCRIPTION)
            if head in _PLAYER_NOUNS and self.last_speaker is not None and self.last_speaker[1].kind == PERSON:
                (last_sentence, _), speaker = self.last_speaker
                if paragraph.sentence_at(words[0].start())[0] - last_sentence <= 2:
                    return speaker  # "…,' added the Barcelona defender": sports writing names the speaker again so
            if first == "the" and all(w.group()[:1].isupper() for w in words[1 : head_index + 1]) and head_index > 1:
                return Speaker(
                    text[len(words[0].group()) :].strip(), BODY
                )  # "The White House", "The UN High Commissioner"
            return None
        if first in _INDEFINITE and head in _SPEAKING_HEADS and head_index > 0:
            return Speaker(_lower_first(text), DESCRIPTION)
        if len(words) == 1 and head in _ANONYMOUS_HEADS and head.endswith("s"):
            return Speaker(text.lower(), DESCRIPTION)  # "police", "officials", "prosecutors"
        proper = all(w.group()[:1].isupper() for w in words[:head_index])
        if proper and head in _SPEAKING_HEADS and head_index > 0:
            return Speaker(_lower_first(text), DESCRIPTION)  # "Hawks spokesperson", "Bayer officials"
        return None

    def named_body(self, paragraph: Paragraph, offset: int, head: str) -> Speaker | None:
        """Return the body "the agency" or "the ministry" refers back to: the one such body named just before.

        A generic noun ("the group", "the company") means the only body named in this or the last two
        sentences; a specific one ("the ministry") a body whose name has that noun. Anything less sure stays
        a description.
        """
        sentence, _ = paragraph.sentence_at(offset)
        recent = {
            n.speaker
            for n in self._bodies
            if n.order < (sentence, offset) and n.order[0] >= sentence - 2 and self.salient(n)
        }
        if head not in _GENERIC_BODIES:
            recent = {body for body in recent if head in body.name.lower().split()}
        return recent.pop() if len(recent) == 1 else None

    def by_role(self, head: str) -> Speaker | None:
        """Return the one person whose title or role has this noun ("the sheriff" → Sheriff O'Carroll)."""
        found = {n.speaker for n in self._people if head in n.role_words}
        return found.pop() if len(found) == 1 else None

    def pronoun(self, gender: str, paragraph: Paragraph, offset: int, verb: str = "") -> Speaker | None:
        """Resolve "he"/"she" to the last person of that gender; None when the text does not tell.

        The subject of a recent sentence or speech verb comes before anyone named in passing since, and a
        continuing verb ("she added") before both goes to whoever spoke last. Someone unnamed brought in
        after that person ("… calling out an online hater who …' he posted") may be the one meant: no speaker.
        """
        speaker = self._pronoun(gender, paragraph, offset, verb)
        if speaker is None:
            return None
        sentence, _ = paragraph.sentence_at(offset)
        named = next((n for n in reversed(self._people) if n.speaker == speaker and n.order < (sentence, offset)), None)
        if named is None:
            return speaker
        here = self._paragraph_of.get(sentence, 0)
        there = self._paragraph_of.get(named.order[0], here)
        stretches = [(self._paragraphs[i], 0, len(self._paragraphs[i].text)) for i in range(there + 1, here)]
        if there == here:
            stretches.append((paragraph, named.end, offset))
        else:
            earlier = self._paragraphs[there]
            stretches += [(earlier, named.end, len(earlier.text)), (paragraph, 0, offset)]
        unnamed = any(_unnamed_person_between(p, start, end, gender) for p, start, end in stretches)
        return None if unnamed else speaker

    def _pronoun(self, gender: str, paragraph: Paragraph, offset: int, verb: str = "") -> Speaker | None:
        sentence, _ = paragraph.sentence_at(offset)
        at = (sentence, offset)
        last = self.last_speaker
        recent_speaker = last[1] if last is not None and last[1].kind == PERSON and sentence - last[0][0] <= 3 else None
        if verb in _CONTINUING_VERBS and recent_speaker is not None and recent_speaker.gender == gender:
            return recent_speaker
        window: list[Named] = []
        for named in reversed(self._people):
            if named.order >= at:
                continue
            if named.order[0] < sentence - 6:
                break
            if self.salient(named):
                window.append(named)
        # The latest sentence naming someone of that gender decides; in it, its subject before a passing name.
        matching = [n for n in window if n.speaker.gender == gender]
        newer = _newer_subject(window, matching, sentence, self.prominent)
        if newer is not None:
            return newer
        if matching:
            latest = [n for n in matching if n.order[0] == matching[0].order[0]]
            prominent = {n.speaker for n in latest if self.prominent(n)}
            if len(prominent) == 1:
                return prominent.pop()
            if prominent:
                return None  # two subjects of that gender in one sentence: either could be meant
        seen: list[Named] = []
        for named in window:
            if named.speaker not in [n.speaker for n in seen]:
                seen.append(named)
        fitting = [n for n in seen if n.speaker.gender in (gender, None)]
        if not fitting:
            return None
        first = fitting[0]
        if first.speaker.gender == gender or first.speaker == recent_speaker:
            return first.speaker
        # The nearest fitting person's gender is unknown: only the one subject of this or the last sentence will do.
        others = [n for n in fitting[1:] if self.prominent(n)]
        if self.prominent(first) and not others and first.order[0] >= sentence - 2:
            return first.speaker
        return None


def _unnamed_person_between(paragraph: Paragraph, start: int, end: int, gender: str) -> bool:
    """Tell whether "a man", "an online hater" or "a fan" enters the text (outside quotes) in [start, end)."""
    for found in _UNNAMED_PERSON_RE.finditer(paragraph.text, start, end):
        noun = found.group(1).lower()
        if paragraph.outside_quotes(found.start()) and _UNNAMED_GENDER.get(noun, gender) == gender:
            return True
    return False


# An indefinite noun phrase for someone the text does not name, after at most two modifiers. It opens on its
# letter "a" with no word character before it, not on a \b: the engine skips to each "a", not trying every place.
_UNNAMED_PERSON_RE = re.compile(
    r"a(?<!\wa)(?:n|nother)?\s+(?:[a-z][a-z-]*\s+){0,2}?(man|woman|boy|girl|stranger|passer-?by|hater|troll|"
    r"commenter|user|fan|neighbou?r|witness|caller|motorist|driver|customer|passenger|gunman|attacker|intruder)\b"
)
_UNNAMED_GENDER = {"man": MALE, "boy": MALE, "gunman": MALE, "woman": FEMALE, "girl": FEMALE}


def _newer_subject(
    window: list[Named], matching: list[Named], sentence: int, prominent: Callable[[Named], bool]
) -> Speaker | None:
    """Return the subject of the sentence just before, when its gender is unknown and it is newer than anyone
    known to fit: "Governor Raed al-Jabouri said … ¶ He said: '…" means him, not a man named paragraphs ago."""
    if not window or window[0].order[0] != sentence - 1:
        return None  # someone named in the pronoun's own sentence, or nobody just before: not this case
    latest = window[0].order[0]
    if matching and matching[0].order[0] >= latest:
        return None
    subjects = {n.speaker for n in window if n.order[0] == latest and prominent(n)}
    if len(subjects) != 1:
        return None
    subject = subjects.pop()
    return subject if subject.gender is None else None


def is_prominent(text: str, named: Named) -> bool:
    """Tell whether a person's name is the subject of its sentence or of a speech verb.

    That is whom a later "she said" most likely means. A name inside a relative clause ("Elton, who left
    the party under Tony Blair, told …") is neither; nor is one named in passing (see `is_salient`), which
    the caller tells first.
    """
    if named.lead is None:
        return False
    lead = text[named.lead[0] : named.lead[1]]
    lead_words = len(lead.split())
    return not _in_relative_clause(lead) and (
        lead_words <= 2
        or (lead.rstrip().endswith(",") and lead_words <= 5)  # "The finance minister, Lupe Faleolo,"
        or _APPOSITIVE_AFTER_RE.match(text, named.end) is not None
        or find_verb(text, named.end, min(len(text), named.end + 30)) is not None
    )


def is_salient(text: str, named: Named) -> bool:
    """Tell whether a person or body is named as a topic, not in passing: what a pronoun or "the group" may mean.

    Read only for the names near a pronoun or a "the agency" (a few per story), not for every name laid out.
    """
    start = named.start
    if named.speaker.kind == PERSON:
        # "Rita Ora's song", "a song by Rita Ora": someone named in passing is not who "she" means next.
        possessive = text[named.end : named.end + 2] in ("'s", "’s")
        return not (possessive or _OBJECT_BEFORE_RE.search(text, max(0, start - 12), start))
    if named.speaker.kind == BODY:
        # "said on Twitter", "according to the State Department": a body after a preposition is not the topic
        # that a later "the group said" refers back to.
        return not _BODY_OBJECT_RE.search(text, max(0, start - 16), start)
    return True


_OBJECT_BEFORE_RE = re.compile(r"\b(?:by|with|from|of|for|to|against|like|including|alongside|about|and)\s+$", re.I)
_BODY_OBJECT_RE = re.compile(
    r"\b(?:by|with|from|of|for|to|against|on|in|at|via|like|including|about|and|or)\s+(?:the\s+)?$", re.I
)


# "Rodgers, who has…", "Lurie, 43, a teacher,": a name given an appositive is the one the story is about.
_APPOSITIVE_AFTER_RE = re.compile(r",\s+(?:who|whose|a|an|the|aged|\d)\b")


def _in_relative_clause(lead: str) -> bool:
    """Tell whether the words before a name leave it inside a relative clause: "Rhoades, who tried to help Lane"."""
    openings = list(_RELATIVE_RE.finditer(lead))
    return bool(openings) and "," not in lead[openings[-1].end() :]


_RELATIVE_RE = re.compile(r",\s+(?:who|whom|whose|which)\b")


def _lower_first(text: str) -> str:
    first, _, rest = text.partition(" ")
    if first in ("The", "A", "An", "One", "Another"):
        return f"{first.lower()} {rest}" if rest else first.lower()
    return text


def find_verbs(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Return the speech verbs among the words in [start, end), in order."""
    region = text[start:end]
    if not region.isascii():  # only ASCII keeps its letters and their offsets when lowered
        return [word for word in _WORD_RE.finditer(text, start, end) if word.group().lower() in SPEECH_VERBS]
    # Most regions hold no speech verb (seven in ten): their lowered words, found and tested in C, tell so
    # without a match object per word; where one is, they line up with the matches and pick the verbs.
    words = _WORD_RE.findall(region.lower())
    if SPEECH_VERBS.isdisjoint(words):
        return []
    return list(compress(_WORD_RE.finditer(text, start, end), map(SPEECH_VERBS.__contains__, words)))


def find_verb(text: str, start: int, end: int, last: bool = False) -> re.Match[str] | None:
    """Return the first (or last) speech verb among the words in [start, end)."""
    verbs = find_verbs(text, start, end)
    return (verbs[-1] if last else verbs[0]) if verbs else None


def is_participle(verb: str) -> bool:
    return verb.lower() in _PARTICIPLES
