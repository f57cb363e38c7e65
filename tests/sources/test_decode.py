"""Decoding bytes in the encoding they are really in, whatever they declare."""

from __future__ import annotations

import pytest

from bot.sources.decode import declared_charsets, decode_text

FRENCH = "Le café de la gare a rouvert ses portes mercredi après une longue fermeture, a déclaré Hélène Dupré."
RUSSIAN = "Городской совет утвердил бюджет на следующий год после долгих споров. Мэр заявил, что деньги пойдут на дороги."
CHINESE = "市议会周三批准了新的渡轮补贴计划，该计划将使夜间航班延长至午夜。市长表示，这将帮助数千名通勤者。"


@pytest.mark.parametrize(
    ("body", "declared", "expected_text", "expected_codec"),
    [
        (FRENCH.encode("utf-8"), ["iso-8859-1"], FRENCH, "utf-8"),  # says Latin-1, is UTF-8
        (FRENCH.encode("cp1252"), ["utf-8"], FRENCH, "cp1252"),  # says UTF-8, is Windows-1252
        (FRENCH.encode("cp1252"), ["windows-1251"], FRENCH, "cp1252"),  # says Cyrillic, is Western
        (RUSSIAN.encode("cp1251"), ["windows-1251"], RUSSIAN, "cp1251"),  # says the truth
        (RUSSIAN.encode("cp1251"), [None], RUSSIAN, "cp1251"),  # says nothing: detected
        (RUSSIAN.encode("koi8-r"), ["koi8-r"], RUSSIAN, "koi8-r"),
        (CHINESE.encode("gbk"), [], CHINESE, "gb18030"),
    ],
)
def test_the_real_encoding_wins_over_a_wrong_declaration(body, declared, expected_text, expected_codec):
    decoded = decode_text(body, declared)
    assert decoded is not None and (decoded.text, decoded.encoding) == (expected_text, expected_codec)


def test_stray_bytes_in_ascii_text_are_not_guessed_at():
    assert decode_text(b"Ferry news \x81\x8d\x8f\x90\x9d") is None


def test_declarations_are_found_in_xml_and_meta():
    assert declared_charsets(b'<?xml version="1.0" encoding="koi8-r"?><rss/>') == ("koi8-r", None)
    assert declared_charsets(b'<html><head><meta charset="windows-1251">') == (None, "windows-1251")
