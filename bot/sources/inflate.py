"""Undo a response's Content-Encoding a slice at a time, so a compressed body can't outgrow its limit in memory.

httpx inflates each received chunk whole before handing it over: 64 kB of gzip can become
60 MB at once. These decoders yield at most `SLICE_BYTES` per step, so the caller's byte count
stops a gzip bomb after about the limit, never after a whole inflated chunk.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator, Iterator, Sequence

import httpx

SLICE_BYTES = 64 * 1024
_GZIP_WBITS = zlib.MAX_WBITS | 16
_RAW_DEFLATE_WBITS = -zlib.MAX_WBITS


class _Inflater:
    """One zlib stream (gzip, zlib-wrapped or raw deflate) inflated in bounded slices."""

    def __init__(self, wbits: int, *, raw_fallback: bool = False) -> None:
        self._stream = zlib.decompressobj(wbits)
        # "deflate" is zlib-wrapped by the standard and raw in some servers; the first bytes tell which.
        self._raw_fallback = raw_fallback
        self._started = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        """Yield the inflated form of `data`, no slice longer than SLICE_BYTES."""
        if not self._started and data:
            self._started = True
            data = self._first_bytes(data)
        while True:
            out = self._decompress(data)
            data = self._stream.unconsumed_tail
            if out:
                yield out
            # A full slice with no input left may still have output waiting inside zlib.
            if not data and len(out) < SLICE_BYTES:
                return

    def finish(self) -> Iterator[bytes]:
        """Yield what zlib still holds once the body has ended."""
        try:
            tail = self._stream.flush()
        except zlib.error as exc:
            raise httpx.DecodingError(str(exc)) from exc
        if tail:
            yield tail

    def _first_bytes(self, data: bytes) -> bytes:
        if not self._raw_fallback:
            return data
        probe = self._stream.copy()
        try:
            probe.decompress(data[:2], 0)
        except zlib.error:
            self._stream = zlib.decompressobj(_RAW_DEFLATE_WBITS)
        return data

    def _decompress(self, data: bytes) -> bytes:
        try:
            return self._stream.decompress(data, SLICE_BYTES)
        except zlib.error as exc:
            raise httpx.DecodingError(str(exc)) from exc


class _Identity:
    """Pass bytes through: identity, and the encodings httpx itself would ignore."""

    def feed(self, data: bytes) -> Iterator[bytes]:
        """Yield `data` unchanged."""
        if data:
            yield data

    def finish(self) -> Iterator[bytes]:
        """Yield nothing: there is no state."""
        return iter(())


def _decoder_for(coding: str) -> _Inflater | _Identity | None:
    if coding == "gzip":
        return _Inflater(_GZIP_WBITS)
    if coding == "deflate":
        return _Inflater(zlib.MAX_WBITS, raw_fallback=True)
    return None  # identity or unknown: httpx skips those too


def _pipeline(response: httpx.Response) -> list[_Inflater | _Identity]:
    codings = [value.strip().lower() for value in response.headers.get_list("content-encoding", split_commas=True)]
    decoders = [d for d in map(_decoder_for, codings) if d is not None]
    # Encodings are listed in the order they were applied, so they come off last first.
    return list(reversed(decoders)) or [_Identity()]


def _through(decoders: Sequence[_Inflater | _Identity], data: bytes) -> Iterator[bytes]:
    head, rest = decoders[0], decoders[1:]
    for piece in head.feed(data):
        yield from _through(rest, piece) if rest else (piece,)


def _drain(decoders: Sequence[_Inflater | _Identity]) -> Iterator[bytes]:
    for position, decoder in enumerate(decoders):
        rest = decoders[position + 1:]
        for piece in decoder.finish():
            yield from _through(rest, piece) if rest else (piece,)


async def iter_decoded(response: httpx.Response) -> AsyncIterator[bytes]:
    """Yield the response body with its Content-Encoding undone, in slices of at most SLICE_BYTES."""
    decoders = _pipeline(response)
    try:
        async for raw in response.aiter_raw():
            for piece in _through(decoders, raw):
                yield piece
        for piece in _drain(decoders):
            yield piece
    except httpx.DecodingError as exc:
        # Raised without a request inside the decoders; attach it so the message can name the host.
        raise httpx.DecodingError(str(exc), request=response.request) from exc
