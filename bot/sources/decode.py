"""Turn a file's or a page's bytes into text, whatever encoding they claim: detect the real one or say so.

Declarations are often wrong: a page says ISO-8859-1 and sends UTF-8, a CMS labels Windows-1252
text as windows-1251, a file saved in GBK carries no label at all. Decoding with the wrong codec
gives mojibake ("cafÃ©") with no error, so a candidate is accepted only when its text reads as
text (charset_normalizer's mess ratio), in this order: a byte-order mark; valid UTF-8 (legacy
8-bit text is practically never valid multi-byte UTF-8); the declared labels; Windows-1252 (the
web's usual undeclared encoding, and what most Western files are saved in); charset_normalizer's
best guess.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from typing import NamedTuple

import charset_normalizer
from charset_normalizer.md import mess_ratio

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Browsers read these labels as windows-1252 (WHATWG Encoding), and so do sites that declare them.
_READ_AS_CP1252 = frozenset({"latin-1", "iso8859-1", "ascii", "cp1252"})
# Above this share of odd characters (charset_normalizer's mess ratio), a decoding is taken to be
# wrong: Windows-1252 French read as windows-1251 scores about 0.2, UTF-8 read as Windows-1252 0.4,
# real text in its own encoding 0.0-0.05.
MAX_MESS = 0.15
# charset_normalizer needs this many non-ASCII bytes to tell encodings apart (real non-Latin
# articles have thousands; a few stray bytes in English text are no evidence of anything).
_MIN_EVIDENCE = 32
_SAMPLE = 64 * 1024  # judging the first 64 KB is enough, and keeps a 5 MB page cheap
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""")


class Decoded(NamedTuple):
    """Decoded text and the codec that gave it."""

    text: str
    encoding: str


def decode_text(body: bytes, declared: Iterable[str | None] = ()) -> Decoded | None:
    """Return the body's text in the encoding it is really in, trying `declared` labels in order; None if none fits."""
    for bom, codec in _BOMS:
        if body.startswith(bom):  # a byte-order mark is unambiguous and beats any declaration
            return Decoded(body.decode(codec, errors="replace"), codec)
    text = _strict(body, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8")
    for label in declared:
        candidate = codec_for(label)
        if candidate is None or candidate == "utf-8":
            continue
        text = _strict(body, candidate)
        if text is not None and reads_as_text(text):
            return Decoded(text, candidate)
    text = _strict(body, "cp1252")
    if text is not None and reads_as_text(text):
        return Decoded(text, "cp1252")
    if sum(1 for byte in body[: 4 * _SAMPLE] if byte >= 0x80) < _MIN_EVIDENCE:
        return None  # a handful of stray bytes in ASCII text: any guess would be a coin toss
    guess = charset_normalizer.from_bytes(body[: 4 * _SAMPLE]).best()
    if guess is None or guess.encoding is None:
        return None
    guessed = _strict(body, guess.encoding)
    if guessed is None or not reads_as_text(guessed):
        return None
    return Decoded(guessed, guess.encoding)


def declared_charsets(body: bytes) -> tuple[str | None, str | None]:
    """Return the charsets a document declares in its first 4 KB: XML declaration, then HTML meta."""
    head = body[:4096]
    return _first_group(_XML_ENCODING, head), _first_group(_META_CHARSET, head)


def codec_for(label: str | None) -> str | None:
    """Return the Python codec for a charset label, or None for an unknown or untrustworthy one."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return None  # declared UTF-16 without a BOM is a lie in practice (WHATWG reads it as UTF-8)
    return "cp1252" if name in _READ_AS_CP1252 else name


def reads_as_text(text: str) -> bool:
    """Tell whether decoded text looks like something people wrote, not mojibake."""
    return mess_ratio(text[:_SAMPLE], maximum_threshold=MAX_MESS) < MAX_MESS


def _strict(body: bytes, codec: str) -> str | None:
    try:
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _first_group(pattern: re.Pattern[bytes], head: bytes) -> str | None:
    match = pattern.search(head)
    return match.group(1).decode("ascii") if match else None
