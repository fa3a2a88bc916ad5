"""Car descriptions in the user's language, fetched from translations through the resilient client.

When the translations service fails or is unreachable and no cached copy exists, the search
service's own English descriptions are served with source `fallback`, so a search never fails for
want of descriptions.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from resilient_client import DependencyClientError, DependencyUnavailable, ResilientClient, Source
from search_service.catalog import Catalog

logger = logging.getLogger(__name__)

DESCRIPTIONS_BUCKET = "descriptions"
FALLBACK_LANGUAGE = "en"
# Minimum time between two `descriptions.fallback_served` log lines. The next line counts the
# fallbacks served in between as `suppressed`.
FALLBACK_LOG_INTERVAL_SECONDS = 10.0

DescriptionSource = Literal["live", "cache", "stale", "fallback"]
_SOURCES: dict[Source, DescriptionSource] = {
    Source.LIVE: "live",
    Source.CACHE: "cache",
    Source.STALE: "stale",
    Source.FALLBACK: "fallback",
}


@dataclass(frozen=True)
class Descriptions:
    """Description per model key, with where they came from and the language they are in.

    `age_seconds` is the age of a `cache` or `stale` copy, and None for `live` and `fallback`.
    """

    texts: dict[str, str]
    source: DescriptionSource
    age_seconds: float | None
    language: str


class DescriptionsProvider:
    """Fetches every catalog description of one language in one call, so one cache key per language.

    Descriptions the translations service lacks are filled in from the English copy.
    """

    def __init__(
        self,
        client: ResilientClient,
        catalog: Catalog,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._catalog = catalog
        self._model_keys = ",".join(catalog.model_keys)
        self._monotonic = monotonic
        self._last_fallback_log_seconds: float | None = None
        self._suppressed_fallback_logs = 0

    async def fetch(self, language: str) -> Descriptions:
        """Return the descriptions of every catalog model in `language`, or the English fallback."""
        try:
            result = await self._client.get_json(
                DESCRIPTIONS_BUCKET,
                f"/descriptions/{language}",
                params={"model_keys": self._model_keys},
            )
        except DependencyUnavailable as error:
            self._log_fallback(language, error)
            return self.fallback()
        except DependencyClientError as error:
            # A 4xx means translations rejects this service's request: a bug, not an outage.
            logger.error(
                "descriptions.request_rejected",
                extra={"language": language, "status_code": error.status_code, "body": error.body},
            )
            return self.fallback()

        if result.source is Source.FALLBACK:
            # A static fallback set in resilience.toml has no usable text, so use the English copy.
            return self.fallback()
        texts = _parse_descriptions(result.value)
        if texts is None:
            logger.error("descriptions.invalid_body", extra={"language": language})
            return self.fallback()

        missing = [key for key in self._catalog.model_keys if key not in texts]
        if missing:
            logger.warning(
                "descriptions.missing_models", extra={"language": language, "model_keys": missing}
            )
            english = self._catalog.fallback_descriptions
            texts = {**{key: english[key] for key in missing}, **texts}

        age_seconds = None if result.age_seconds is None else round(result.age_seconds, 1)
        return Descriptions(
            texts=texts,
            source=_SOURCES[result.source],
            age_seconds=age_seconds,
            language=language,
        )

    def fallback(self) -> Descriptions:
        """Return the English descriptions that ship with the search service."""
        return Descriptions(
            texts=self._catalog.fallback_descriptions,
            source="fallback",
            age_seconds=None,
            language=FALLBACK_LANGUAGE,
        )

    def _log_fallback(self, language: str, error: DependencyUnavailable) -> None:
        """Log a served fallback at most once per FALLBACK_LOG_INTERVAL_SECONDS, with a count.

        During an outage every search falls back, and one line per search would flood the log.
        """
        now = self._monotonic()
        last = self._last_fallback_log_seconds
        if last is not None and now - last < FALLBACK_LOG_INTERVAL_SECONDS:
            self._suppressed_fallback_logs += 1
            return
        logger.warning(
            "descriptions.fallback_served",
            extra={
                "language": language,
                "outcome": error.outcome.value,
                "error": str(error),
                "suppressed": self._suppressed_fallback_logs,
            },
        )
        self._last_fallback_log_seconds = now
        self._suppressed_fallback_logs = 0


def _parse_descriptions(body: Any) -> dict[str, str] | None:
    descriptions = body.get("descriptions") if isinstance(body, dict) else None
    if not isinstance(descriptions, dict):
        return None
    return {
        key: text
        for key, text in descriptions.items()
        if isinstance(key, str) and isinstance(text, str)
    }
