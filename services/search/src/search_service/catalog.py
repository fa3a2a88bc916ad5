"""The car catalog: every car model a fleet can contain, with its English description."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from search_service.errors import CatalogError

DATA_DIRECTORY = Path(__file__).parent / "data"
CAR_MODELS_FILE = DATA_DIRECTORY / "car_models.json"
# The search service's own English copy, served when the translations service is unavailable.
# It must match the translations service's English descriptions, which a test checks.
FALLBACK_DESCRIPTIONS_FILE = DATA_DIRECTORY / "descriptions_en.json"


@dataclass(frozen=True)
class CarModel:
    """One car model of the catalog, with its ACRISS (SIPP) code and English description."""

    model_key: str
    make: str
    model: str
    acriss_code: str
    category: str
    seats: int
    doors: int
    transmission: str
    fuel: str
    air_conditioning: bool
    description_en: str


class Catalog:
    """The car models in file order, looked up by model key."""

    def __init__(self, models: Sequence[CarModel]) -> None:
        self.models = tuple(models)
        self._models_by_key = {model.model_key: model for model in self.models}

    @property
    def model_keys(self) -> list[str]:
        return [model.model_key for model in self.models]

    @property
    def fallback_descriptions(self) -> dict[str, str]:
        """English description per model key, served when translations is unavailable."""
        return {model.model_key: model.description_en for model in self.models}

    def get(self, model_key: str) -> CarModel | None:
        """Return the model with `model_key`, or None if the catalog has no such model."""
        return self._models_by_key.get(model_key)


def load_catalog(
    car_models_file: Path = CAR_MODELS_FILE,
    descriptions_file: Path = FALLBACK_DESCRIPTIONS_FILE,
) -> Catalog:
    """Read the catalog and its English descriptions, or raise `CatalogError` naming the problem."""
    entries = _read_json(car_models_file)
    descriptions = _read_json(descriptions_file)
    if not isinstance(entries, list) or not isinstance(descriptions, dict):
        raise CatalogError(
            f"{car_models_file} must contain a JSON list of car models and {descriptions_file} a "
            "JSON object that maps each model key to its description."
        )

    models = []
    for entry in entries:
        model_key = entry.get("model_key") if isinstance(entry, dict) else None
        description = descriptions.get(model_key) if isinstance(model_key, str) else None
        if not isinstance(description, str):
            raise CatalogError(
                f"Car model {model_key!r} has no English description in {descriptions_file}. "
                "Add one, and the same text to the translations service's descriptions/en.json."
            )
        try:
            models.append(CarModel(**entry, description_en=description))
        except TypeError as error:
            raise CatalogError(f"Car model {model_key!r} in {car_models_file}: {error}.") from error
    return Catalog(models)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise CatalogError(
            f"Data file {path} is missing. Restore it from the repository."
        ) from error
    except (OSError, ValueError) as error:
        raise CatalogError(f"Data file {path} is not readable JSON: {error}.") from error
