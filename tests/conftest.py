"""Fixtures for the whole-system tests: the six services and a Redis as real processes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from devstack import Stack
from devstack.testing import start_stack


@pytest.fixture(scope="session")
def shared_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data folder for every stack in the session, so databases are seeded once."""
    return tmp_path_factory.mktemp("stack-data")


@pytest.fixture(scope="session")
def healthy_stack(shared_data_dir: Path) -> Iterator[Stack]:
    """The whole system, left running for the session; tests must not stop any of its parts."""
    with start_stack(shared_data_dir) as stack:
        yield stack
