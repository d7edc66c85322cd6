"""The two environments stay apart: nothing in bot/ or actions/ imports the API's package, and
nothing in api/ imports the bot's (their pins conflict: SQLAlchemy, pydantic, spaCy)."""

from __future__ import annotations

import ast

import pytest

from tests.support.procfile import ROOT

FORBIDDEN = {"bot": {"api"}, "actions": {"api"}, "api": {"bot", "actions", "rasa", "rasa_sdk"}}


def imported_packages(source: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_module_imports_the_other_environments_package(package: str) -> None:
    offenders = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        crossing = imported_packages(path.read_text()) & FORBIDDEN[package]
        if crossing:
            offenders[str(path.relative_to(ROOT))] = sorted(crossing)
    assert offenders == {}


def test_the_check_sees_an_import_of_the_api() -> None:
    assert "api" in imported_packages("from api.cpr import contains_cpr\n")
    assert "api" in imported_packages("import api.models as m\n")
    assert "api" not in imported_packages("from actions.common.api import GoalsApi\n")
