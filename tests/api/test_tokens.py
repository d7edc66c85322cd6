"""Tokens: API_TOKENS parsing, hashed storage, upsert by name, and the token CLI."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from api.main import create_app
from api.models import ApiToken
from api.settings import PROJECT_ROOT, Settings, TokenConfigError, parse_token_config

from .conftest import READ_SECRET, WRITE_NAME, WRITE_SECRET, Cli, TestClient, stored

ROOT = Path(__file__).resolve().parents[2]
SECRET = "s3cret-" + "x" * 20


def test_parse_token_config() -> None:
    tokens = parse_token_config(f"actions:write:{SECRET}, rapport:read:{SECRET}y:with:colons")
    assert [(t.name, t.scope) for t in tokens] == [("actions", "write"), ("rapport", "read")]
    assert tokens[1].secret == f"{SECRET}y:with:colons"
    assert SECRET not in repr(tokens)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (f"actions-{SECRET}", "name:scope:secret"),
        (f"actions:admin:{SECRET}", "scope must be 'read', 'write' or 'service'"),
        ("actions:write:short", "at least 16 characters"),
        (f"bad name:write:{SECRET}", "the name must match"),
        (f"a:write:{SECRET},a:read:{SECRET}z", "more than once"),
        (f"0101901234:write:{SECRET}", "must not look like a CPR number"),
    ],
)
def test_malformed_token_config_is_refused_without_echoing_the_secret(
    raw: str, message: str
) -> None:
    with pytest.raises(TokenConfigError) as error:
        parse_token_config(raw)
    assert message in str(error.value)
    assert SECRET not in str(error.value)
    assert "short" not in str(error.value)


def test_settings_keep_tokens_out_of_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("API_TOKENS", f"actions:write:{SECRET}")
    settings = Settings()
    assert SECRET not in repr(settings)
    assert SECRET not in str(settings.model_dump())
    assert settings.bootstrap_tokens()[0].secret == SECRET


def test_default_database_is_sqlite_under_var(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("STATIC_DIR", raising=False)
    settings = Settings()
    assert settings.database_url == f"sqlite:///{PROJECT_ROOT / 'var' / 'rehab.db'}"
    assert settings.static_dir == PROJECT_ROOT / "api" / "static"


def stored_tokens(url: str) -> list[ApiToken]:
    return stored(url, select(ApiToken).order_by(ApiToken.name))


def test_bootstrap_tokens_are_stored_hashed(client: TestClient, database_url: str) -> None:
    tokens = {t.name: t for t in stored_tokens(database_url)}
    write = tokens[WRITE_NAME]
    assert write.scope.value == "write"
    assert write.token_hash == hashlib.sha256(WRITE_SECRET.encode()).hexdigest()
    for token in tokens.values():
        for value in (token.name, token.token_hash):
            assert WRITE_SECRET not in value and READ_SECRET not in value


def test_bootstrap_upserts_by_name(clean_database, database_url: str) -> None:
    first, second = "first-secret-" + "a" * 10, "second-secret-" + "b" * 10
    for secret in (first, second):
        app = create_app(Settings(database_url=database_url, api_tokens=f"bot:write:{secret}"))
        with TestClient(app):
            pass
    bots = [t for t in stored_tokens(database_url) if t.name == "bot"]
    assert len(bots) == 1
    assert bots[0].token_hash == hashlib.sha256(second.encode()).hexdigest()

    app = create_app(Settings(database_url=database_url))
    with TestClient(app) as client:
        old = client.get("/api/v1/citizens/B-1042", headers={"Authorization": f"Bearer {first}"})
        new = client.get("/api/v1/citizens/B-1042", headers={"Authorization": f"Bearer {second}"})
    assert old.status_code == 401
    assert new.status_code == 404  # authenticated; the citizen just doesn't exist


def test_malformed_api_tokens_stop_the_start(database_url: str, clean_database) -> None:
    app = create_app(Settings(database_url=database_url, api_tokens="actions:write"))
    with pytest.raises(TokenConfigError), TestClient(app):
        pass


def test_cli_creates_lists_and_revokes_tokens(run_cli: Cli, empty_database_url: str) -> None:
    url = empty_database_url
    code, out, _ = run_cli(["create-token", "--name", "web", "--scope", "read"])
    assert code == 0
    secret = out.strip().splitlines()[-1]
    assert len(secret) >= 40

    [token] = stored_tokens(url)
    assert (token.name, token.scope.value) == ("web", "read")
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()

    code, out, _ = run_cli(["list-tokens"])
    assert code == 0
    assert "web\tread\tactive" in out
    assert secret not in out

    # The secret works against the app, with read scope only.
    app = create_app(Settings(database_url=url))
    headers = {"Authorization": f"Bearer {secret}"}
    with TestClient(app) as client:
        assert client.get("/api/v1/citizens/B-1042", headers=headers).status_code == 404
        created = client.post("/api/v1/citizens", json={"reference": "B-1042"}, headers=headers)
        assert created.status_code == 403

        code, _, err = run_cli(["create-token", "--name", "web", "--scope", "write"])
        assert code == 1 and "--rotate" in err

        code, out, _ = run_cli(["create-token", "--name", "web", "--scope", "write", "--rotate"])
        rotated = out.strip().splitlines()[-1]
        assert code == 0 and rotated != secret
        assert client.get("/api/v1/citizens/B-1042", headers=headers).status_code == 401
        rotated_headers = {"Authorization": f"Bearer {rotated}"}
        assert client.get("/api/v1/citizens/B-1042", headers=rotated_headers).status_code == 404

        code, out, _ = run_cli(["revoke-token", "--name", "web"])
        assert code == 0
        assert client.get("/api/v1/citizens/B-1042", headers=rotated_headers).status_code == 401
        _, out, _ = run_cli(["list-tokens"])
        assert "web\twrite\trevoked" in out


def test_cli_refuses_a_bad_token_name(run_cli: Cli) -> None:
    code, _, err = run_cli(["create-token", "--name", "has space", "--scope", "read"])
    assert code == 1 and "Token name must match" in err
    code, _, err = run_cli(["create-token", "--name", "010190-1234", "--scope", "read"])
    assert code == 1 and "CPR" in err and "010190-1234" not in err


def test_cli_runs_as_a_module(tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}
    run = [sys.executable, "-m", "api.cli"]
    created = subprocess.run(
        [*run, "create-token", "--name", "actions", "--scope", "write"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert created.returncode == 0, created.stderr
    secret = created.stdout.strip().splitlines()[-1]
    listed = subprocess.run(
        [*run, "list-tokens"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert listed.returncode == 0 and "actions\twrite\tactive" in listed.stdout
    assert secret not in listed.stdout + listed.stderr + created.stderr


def test_settings_errors_never_show_the_input() -> None:
    # A typo elsewhere must not print API_TOKENS or the OpenID Connect client secret.
    with pytest.raises(ValueError) as error:
        Settings(
            api_tokens=f"actions:write:{SECRET}",
            oidc_client_secret="client-secret-value",
            oidc_issuer="http://idp.example",  # must be https (http only for localhost)
        )
    assert "OIDC_ISSUER must be an https:// URL" in str(error.value)
    assert SECRET not in str(error.value) and "client-secret-value" not in str(error.value)
