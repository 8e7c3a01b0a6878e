"""Fixtures shared by the exercises' tests."""

import pytest
from sqlalchemy import create_engine, text


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def gradebook_database(request) -> str:
    """Where a course's gradebook is: "sqlite" (a file in the course folder), or the URL of the
    test PostgreSQL server with the tests' courses' gradebook schemas dropped, so each test
    starts them afresh."""
    if request.param == "sqlite":
        return "sqlite"
    url = request.getfixturevalue("postgres").url
    engine = create_engine(url)
    with engine.begin() as conn:
        for schema in ("nbgrader", "nbgrader_north_east"):  # the tests' courses' gradebooks
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    engine.dispose()
    return url
