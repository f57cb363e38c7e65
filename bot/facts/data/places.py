"""Read the bundled place list (`places.tsv`): GeoNames and ISO 3166-2 names, in the order the gazetteer adds them.

Each data line is `name<TAB>kind<TAB>population[<TAB>other name]...`; the place answers to its own
name first, then to the other names. A name is looked up by its lower-case form, unless other keys
follow it after "|" signs ("São Paulo|são paulo|sao paulo"): precomputed, because computing spelling
variants for every name would cost most of the load time. Comment lines start with "#"; among them
"# rules: ..." records the selection rules the file was cut by, so a stale file is caught, and
"# sources: ..." the versions of the packages it was cut from.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from importlib import resources

PLACES_FILE = "places.tsv"

KEY_SEPARATOR = "|"
PlaceLine = tuple[str, str, int, list[str]]  # name, kind, population, name fields (see `name_keys`)


def places_text() -> str:
    """Return the bundled place list's text."""
    return resources.files(__package__).joinpath(PLACES_FILE).read_text("utf-8")


def header_values(text: str, label: str) -> dict[str, str]:
    """Return the values of the header line "# LABEL: key=value; ..." ({} when there is none)."""
    prefix = f"# {label}: "
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if line.startswith(prefix):
            return dict(item.split("=", 1) for item in line[len(prefix) :].split("; "))
    return {}


def header_line(label: str, values: dict[str, str]) -> str:
    """Format a header line that `header_values` reads back."""
    return f"# {label}: " + "; ".join(f"{key}={value}" for key, value in values.items())


def name_field(name: str, keys: set[str]) -> str:
    """Format a name and its look-up keys as one field of a data line."""
    if keys == {name.lower()}:
        return name
    return KEY_SEPARATOR.join([name, *sorted(keys)])


def name_keys(field: str) -> tuple[str, Sequence[str]]:
    """Read one name field back as (name, look-up keys)."""
    if KEY_SEPARATOR not in field:
        return field, (field.lower(),)
    name, *keys = field.split(KEY_SEPARATOR)
    return name, keys


def place_lines(text: str) -> Iterator[PlaceLine]:
    """Yield each place in file order as (name, kind, population, name fields), its own name's field first."""
    # Kept to plain splits: this loop runs over every place at start-up.
    for line in text.split("\n"):
        if not line or line[0] == "#":
            continue
        fields = line.split("\t")
        kind, population = fields[1], int(fields[2])
        del fields[1:3]
        yield fields[0].split(KEY_SEPARATOR, 1)[0], kind, population, fields
