"""Model keys of the car catalog, the set of car models that get a rating.

The search service owns the catalog (its `data/car_models.json`). Services do not import each
other, so this module keeps a copy of the keys in the same order. Add a car model in both places.
NOTE: nothing in this package checks the copy against the search service's file. A
repository-level test is meant to.
"""

from __future__ import annotations

MODEL_KEYS: tuple[str, ...] = (
    "fiat-500",
    "kia-picanto",
    "hyundai-i10",
    "volkswagen-polo",
    "renault-clio",
    "peugeot-208",
    "opel-corsa",
    "dacia-sandero",
    "toyota-yaris",
    "volkswagen-golf",
    "ford-focus",
    "peugeot-308",
    "hyundai-i30",
    "toyota-corolla",
    "volkswagen-id-3",
    "dacia-duster",
    "skoda-octavia-combi",
    "nissan-qashqai",
    "volkswagen-t-roc",
    "toyota-c-hr",
    "volkswagen-id-4",
    "kia-sportage",
    "volkswagen-passat-variant",
    "ford-mustang-convertible",
    "ford-tourneo-custom",
    "bmw-3-series",
    "mercedes-benz-c-class",
    "audi-a4-avant",
    "tesla-model-3",
    "volvo-xc60",
    "mercedes-benz-v-class",
    "bmw-5-series",
    "mercedes-benz-e-class",
)
