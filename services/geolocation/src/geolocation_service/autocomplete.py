"""Prefix autocomplete over airports and cities, ranked for someone choosing a pick-up place.

Ranking tiers, best first:

0. the airport whose IATA code equals the query ("lis" gives LIS);
1. places named by the query: cities whose name starts with it, and airports whose city does;
2. airports by name or by a prefix of their IATA code, and places by another name of their city
   ("Lisboa", "Munchen");
3. airports by a later word of their name ("Heathrow").

Within a tier, locations that serve more people come first: a city by its population, an airport
by the population of its city. On a tie, a city comes before its airports, and then name and id
decide, so the order is the same on every run.
"""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from geolocation_service.models import Location, LocationKind, SearchTerm, TermKind
from geolocation_service.search_text import normalize_search_text

# Sorts after every character, so `term < prefix + _MAX_CHARACTER` bounds the prefix range.
_MAX_CHARACTER = "\U0010ffff"


def autocomplete(session: Session, query: str, limit: int) -> list[Location]:
    """Return at most `limit` locations whose code, name or city starts with `query`, best first.

    Matching is case- and accent-insensitive (see `normalize_search_text`). A query without
    letters or digits matches nothing.
    """
    prefix = normalize_search_text(query)
    if not prefix:
        return []

    tier = case(
        (
            (SearchTerm.kind == TermKind.IATA_CODE.value) & (SearchTerm.term == prefix),
            0,
        ),
        (SearchTerm.kind == TermKind.PLACE.value, 1),
        (SearchTerm.kind == TermKind.NAME_WORD.value, 3),
        else_=2,
    )
    matches = (
        select(SearchTerm.location_id, func.min(tier).label("tier"))
        .where(SearchTerm.term >= prefix, SearchTerm.term < prefix + _MAX_CHARACTER)
        .group_by(SearchTerm.location_id)
        .subquery()
    )
    city_first = case((Location.kind == LocationKind.CITY.value, 0), else_=1)
    statement = (
        select(Location)
        .join(matches, matches.c.location_id == Location.id)
        .order_by(
            matches.c.tier,
            Location.served_population.desc(),
            city_first,
            Location.name,
            Location.id,
        )
        .limit(limit)
    )
    return list(session.scalars(statement))
