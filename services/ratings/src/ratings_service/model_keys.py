"""Validation of model keys (`volkswagen-golf`) given in request paths and query strings."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Lower-case letters and digits, in words joined by single hyphens.
MODEL_KEY_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_MODEL_KEY_LENGTH = 100
MAX_BATCH_SIZE = 50

_KEY_FORMAT_HINT = (
    "Use lower-case letters and digits in words joined by single hyphens, e.g. volkswagen-golf."
)


@dataclass(frozen=True)
class ModelKeyProblem:
    """One invalid part of a request: the rejected value and a sentence naming it and the fix."""

    value: str
    message: str


def check_model_key(model_key: str) -> ModelKeyProblem | None:
    """Return why `model_key` is not a valid model key, or None when it is valid."""
    if len(model_key) > MAX_MODEL_KEY_LENGTH:
        return ModelKeyProblem(
            model_key,
            f"Model key {model_key[:20]!r}... is invalid: it has {len(model_key)} characters "
            f"and the maximum is {MAX_MODEL_KEY_LENGTH}.",
        )
    if not MODEL_KEY_PATTERN.fullmatch(model_key):
        return ModelKeyProblem(model_key, f"Model key {model_key!r} is invalid. {_KEY_FORMAT_HINT}")
    return None


def split_model_keys(raw: str) -> tuple[list[str], list[ModelKeyProblem]]:
    """Split a comma-separated list into distinct model keys, in request order, and its problems.

    Spaces around a key are ignored. The list must have 1 to MAX_BATCH_SIZE entries, counted
    before duplicates are removed. When the problem list is not empty, the keys are not usable.
    """
    entries = [entry.strip() for entry in raw.split(",")]
    if raw.strip() == "":
        return [], [
            ModelKeyProblem(
                raw, f"No model keys given. Give 1 to {MAX_BATCH_SIZE} comma-separated model keys."
            )
        ]
    if len(entries) > MAX_BATCH_SIZE:
        return [], [
            ModelKeyProblem(
                raw,
                f"{len(entries)} model keys were given, but the maximum is {MAX_BATCH_SIZE}. "
                f"Split them into requests of at most {MAX_BATCH_SIZE} keys.",
            )
        ]

    problems = []
    for position, entry in enumerate(entries, start=1):
        if entry == "":
            problems.append(
                ModelKeyProblem(
                    entry, f"Model key number {position} is empty. Remove the extra comma."
                )
            )
            continue
        problem = check_model_key(entry)
        if problem is not None:
            problems.append(problem)
    return list(dict.fromkeys(entries)), problems
