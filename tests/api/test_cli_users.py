"""The staff account commands of api.cli."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from api.main import create_app
from api.models import StaffUser
from api.settings import Settings

from .conftest import Cli, TestClient, stored

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "en-rigtig-god-adgangskode"


def users(url: str) -> list[StaffUser]:
    return stored(url, select(StaffUser).order_by(StaffUser.username))


UserCli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(run_cli: Cli, monkeypatch: pytest.MonkeyPatch) -> UserCli:
    """The CLI with STAFF_PASSWORD set to `password` (None: not set)."""

    def run(args: list[str], password: str | None = PASSWORD) -> tuple[int, str, str]:
        if password is None:
            monkeypatch.delenv("STAFF_PASSWORD", raising=False)
        else:
            monkeypatch.setenv("STAFF_PASSWORD", password)
        return run_cli(args)

    return run


def test_create_list_set_password_disable(cli: UserCli, empty_database_url: str) -> None:
    url = empty_database_url
    code, out, _ = cli(["create-user", "--username", "Mette", "--role", "terapeut"])
    assert code == 0 and "'mette' (terapeut) created as u-" in out
    [user] = users(url)
    assert user.password_hash.startswith("$argon2")

    code, out, _ = cli(["list-users"])
    assert code == 0
    assert f"{user.user_id}\tmette\tterapeut\tactive\tpassword" in out
    assert "argon2" not in out and PASSWORD not in out

    app = create_app(Settings(database_url=url))
    with TestClient(app) as client:
        form = {"username": "mette", "password": PASSWORD}
        assert client.post("/api/v1/auth/token", data=form).status_code == 200

        new = "en-helt-ny-adgangskode"
        code, out, _ = cli(["set-password", "--username", "mette"], new)
        assert code == 0
        assert client.post("/api/v1/auth/token", data=form).status_code == 401
        assert client.post("/api/v1/auth/token", data={**form, "password": new}).status_code == 200

        code, _, _ = cli(["disable-user", "--username", "mette"])
        assert code == 0
        refused = client.post("/api/v1/auth/token", data={**form, "password": new})
        assert refused.status_code == 401
    _, out, _ = cli(["list-users"])
    assert "\tdisabled\t" in out


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (["--username", "010190-1234", "--role", "terapeut"], PASSWORD, "CPR"),
        (["--username", "mette", "--role", "terapeut"], "for-kort", "mindst 12 tegn"),
        (["--username", "mette", "--role", "terapeut"], None, "STAFF_PASSWORD"),
    ],
)
def test_create_user_refusals(
    cli: UserCli,
    empty_database_url: str,
    args: list[str],
    password: str | None,
    message: str,
) -> None:
    code, out, err = cli(["create-user", *args], password)
    assert code == 1 and message in err
    assert "010190-1234" not in out + err
    assert users(empty_database_url) == []


def test_duplicate_username_is_refused_case_insensitively(cli: UserCli) -> None:
    args = ["create-user", "--username", "mette", "--role", "terapeut"]
    assert cli(args)[0] == 0
    args[2] = "METTE"
    code, _, err = cli(args)
    assert code == 1 and "findes allerede" in err


def test_ensure_user_is_idempotent_and_never_changes_a_role(
    cli: UserCli, empty_database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = empty_database_url
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    ensure = [
        "ensure-user",
        "--username",
        "demo",
        "--role",
        "terapeut",
        "--password-env",
        "DEMO_PASSWORD",
    ]
    code, out, _ = cli(ensure, None)
    assert code == 0 and "created" in out
    [first] = users(url)
    code, out, _ = cli(ensure, None)
    assert code == 0 and "left unchanged" in out
    [again] = users(url)
    assert again.password_hash == first.password_hash  # not even the password is touched

    other_role = [*ensure[:4], "admin", *ensure[5:]]
    code, _, err = cli(other_role, None)
    assert code == 1 and "rollen 'terapeut'" in err
    assert users(url)[0].role.value == "terapeut"

    monkeypatch.delenv("DEMO_PASSWORD")
    new = ["ensure-user", "--username", "ny", "--role", "leder", "--password-env", "DEMO_PASSWORD"]
    code, _, err = cli(new, None)
    assert code == 1 and "DEMO_PASSWORD" in err


def test_user_commands_run_as_a_module(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "STAFF_PASSWORD": PASSWORD,
    }
    run = [sys.executable, "-m", "api.cli"]
    created = subprocess.run(
        [*run, "create-user", "--username", "mette", "--role", "kontaktperson"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    listed = subprocess.run(
        [*run, "list-users"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert "\tmette\tkontaktperson\tactive\tpassword\t" in listed.stdout
    assert PASSWORD not in created.stdout + created.stderr + listed.stdout
