"""The SQLite store's own tests: their archives are SQLite files only."""

import pytest


@pytest.fixture
def store_kind() -> str:
    return "sqlite"
