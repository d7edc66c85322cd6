"""Offline checks of the Kubernetes manifests (deploy/k8s); .venv-api, no cluster, no network."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).parent


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "deploy: checks deploy/ offline (runs in .venv-api)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.deploy)
            item.add_marker(pytest.mark.api)
