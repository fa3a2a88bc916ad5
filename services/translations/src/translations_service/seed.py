"""Seed the database from the JSON files shipped in the package and from Babel, idempotently.

Each dataset (UI strings, car descriptions, country names) is stored with the sha256 of its
content. A start with unchanged data writes nothing. A start with changed data replaces that
dataset's rows in one transaction, so an edited JSON file reaches the database on the next start.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import string
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine, delete, insert
from sqlalchemy.orm import Session

from translations_service.countries import localized_country_names
from translations_service.errors import SeedDataError
from translations_service.languages import REFERENCE_LANGUAGE, SUPPORTED_LANGUAGES
from translations_service.models import CarDescription, CountryName, SeedVersion, UiString

logger = logging.getLogger(__name__)

DATA_DIRECTORY = Path(__file__).parent / "data"
MODEL_KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_MODEL_KEY_LENGTH = 64

# language -> key -> text
TextTable = dict[str, dict[str, str]]
SeedOutcome = Literal["seeded", "unchanged"]


@dataclass(frozen=True)
class SeedData:
    """Everything the service serves, complete for every supported language."""

    ui_strings: TextTable
    descriptions: TextTable
    country_names: TextTable


def load_seed_data(data_directory: Path = DATA_DIRECTORY) -> SeedData:
    """Read the UI and description files of every language and the country names from Babel.

    Raises `SeedDataError` when a file is missing or is not a flat JSON object of strings, or a
    model key is malformed. A translation that lacks a key of the reference language, or whose
    `{placeholders}` differ from it, is replaced by the English text and logged, so every language
    always serves exactly the reference keys.
    """
    ui_strings = {
        language: _read_text_file(data_directory / "ui" / f"{language}.json")
        for language in SUPPORTED_LANGUAGES
    }
    descriptions = {
        language: _read_text_file(data_directory / "descriptions" / f"{language}.json")
        for language in SUPPORTED_LANGUAGES
    }
    for language, table in descriptions.items():
        for model_key in table:
            if not is_valid_model_key(model_key):
                raise SeedDataError(
                    f"Description file for {language!r} has the malformed model key "
                    f"{model_key!r}; use lower-case words joined by hyphens, such as 'fiat-500'."
                )

    return SeedData(
        ui_strings=complete_translations(ui_strings, dataset="ui_strings"),
        descriptions=complete_translations(descriptions, dataset="descriptions"),
        country_names={
            language: localized_country_names(language) for language in SUPPORTED_LANGUAGES
        },
    )


def is_valid_model_key(model_key: str) -> bool:
    """Return whether `model_key` has the `<make>-<model>` form: lower-case words and hyphens."""
    return (
        len(model_key) <= MAX_MODEL_KEY_LENGTH
        and MODEL_KEY_PATTERN.fullmatch(model_key) is not None
    )


def placeholder_names(text: str) -> frozenset[str] | None:
    """Return the `{name}` fields that `str.format` would fill in `text`, or None if malformed."""
    try:
        return frozenset(
            field for _, field, _, _ in string.Formatter().parse(text) if field is not None
        )
    except ValueError:
        return None


def complete_translations(tables: TextTable, *, dataset: str) -> TextTable:
    """Return `tables` with each language cut and filled to exactly the reference language's keys.

    Missing keys and texts whose placeholders differ from the reference get the reference text.
    Keys that the reference lacks are dropped. Each repair is logged as `seed.translation_repaired`.
    """
    reference = tables[REFERENCE_LANGUAGE]
    completed: TextTable = {REFERENCE_LANGUAGE: dict(reference)}

    for language, table in tables.items():
        if language == REFERENCE_LANGUAGE:
            continue
        missing = [key for key in reference if key not in table]
        extra = [key for key in table if key not in reference]
        mismatched = [
            key
            for key in reference
            if key in table and placeholder_names(table[key]) != placeholder_names(reference[key])
        ]
        if missing or extra or mismatched:
            logger.warning(
                "seed.translation_repaired",
                extra={
                    "dataset": dataset,
                    "language": language,
                    "missing_keys": missing,
                    "dropped_keys": extra,
                    "placeholder_mismatch_keys": mismatched,
                },
            )
        replaced = set(missing) | set(mismatched)
        completed[language] = {
            key: reference[key] if key in replaced else table[key] for key in reference
        }
    return completed


def seed_database(engine: Engine, data: SeedData) -> dict[str, SeedOutcome]:
    """Write each dataset whose checksum differs from the stored one, in a single transaction.

    Returns `{dataset: "seeded" | "unchanged"}`. A second run with the same data writes nothing.
    """
    outcomes: dict[str, SeedOutcome] = {}
    with Session(engine) as session, session.begin():
        outcomes["ui_strings"] = _replace_dataset(
            session, "ui_strings", data.ui_strings, UiString, key_column="key", value_column="text"
        )
        outcomes["descriptions"] = _replace_dataset(
            session,
            "descriptions",
            data.descriptions,
            CarDescription,
            key_column="model_key",
            value_column="text",
        )
        outcomes["country_names"] = _replace_dataset(
            session,
            "country_names",
            data.country_names,
            CountryName,
            key_column="country_code",
            value_column="name",
        )
    logger.info("seed.completed", extra={"datasets": outcomes})
    return outcomes


def _replace_dataset(
    session: Session,
    dataset: str,
    tables: TextTable,
    model: type[UiString] | type[CarDescription] | type[CountryName],
    *,
    key_column: str,
    value_column: str,
) -> SeedOutcome:
    checksum = hashlib.sha256(
        json.dumps(tables, sort_keys=True, ensure_ascii=False).encode("utf-8")
    ).hexdigest()
    version = session.get(SeedVersion, dataset)
    if version is not None and version.checksum == checksum:
        return "unchanged"

    session.execute(delete(model))
    rows = [
        {"language": language, key_column: key, value_column: text}
        for language, table in tables.items()
        for key, text in table.items()
    ]
    if rows:
        session.execute(insert(model), rows)
    session.merge(SeedVersion(dataset=dataset, checksum=checksum, seeded_at=datetime.now(UTC)))
    return "seeded"


def _read_text_file(path: Path) -> dict[str, str]:
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise SeedDataError(
            f"Data file {path} is missing. Restore it from the repository."
        ) from error
    except (OSError, ValueError) as error:
        raise SeedDataError(f"Data file {path} is not readable JSON: {error}.") from error

    if not isinstance(content, dict) or not all(
        isinstance(key, str) and isinstance(text, str) for key, text in content.items()
    ):
        raise SeedDataError(
            f"Data file {path} must be a flat JSON object that maps each key to a text string."
        )
    return content
