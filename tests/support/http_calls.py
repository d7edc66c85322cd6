"""The HTTP calls every test stack makes to the goals API and to Rasa, written once."""

from __future__ import annotations

from typing import Any

import requests


def sign_in(api_url: str, username: str, password: str) -> str:
    """Signs a staff account in to the goals API (password flow); returns the access token."""
    reply = requests.post(
        f"{api_url}/api/v1/auth/token",
        data={"username": username, "password": password},
        timeout=30,
    )
    reply.raise_for_status()
    return reply.json()["access_token"]


def get_json(url: str, token: str) -> Any:
    """GET with a bearer token; the JSON answer (an HTTP error raises)."""
    reply = requests.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
    reply.raise_for_status()
    return reply.json()
