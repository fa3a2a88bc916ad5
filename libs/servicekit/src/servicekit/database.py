"""SQLAlchemy engine construction shared by the services that own a database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from servicekit.errors import SettingsError


def create_database_engine(url: str) -> Engine:
    """Create an engine for `url`; for a SQLite file, create its folder and turn on WAL mode.

    Raises SettingsError when `url` is not an SQLAlchemy URL.

    WAL lets readers keep going while a writer commits, which matters because route handlers run
    in uvicorn's thread pool and read concurrently.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise SettingsError(
            f"invalid database URL {url!r}: {error}. Use an SQLAlchemy URL such as "
            "sqlite:///var/service.db."
        ) from error
    if parsed.get_backend_name() != "sqlite":
        try:
            return create_engine(url, pool_pre_ping=True)
        except ArgumentError as error:
            raise SettingsError(
                f"cannot use database URL {url!r}: {error}. Install the driver it names, or "
                "use an SQLite URL such as sqlite:///var/service.db."
            ) from error

    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine
