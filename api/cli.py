"""Token and staff account administration.

    python -m api.cli create-token --name actions --scope write   # prints the secret once
    python -m api.cli list-tokens                                 # names and scopes only
    python -m api.cli revoke-token --name actions

    python -m api.cli create-user --username mette --role terapeut   # password: STAFF_PASSWORD
    python -m api.cli set-password --username mette                  # or prompted twice
    python -m api.cli disable-user --username mette
    python -m api.cli list-users                                     # never prints hashes
    python -m api.cli ensure-user --username demo --role terapeut --password-env DEMO_PASSWORD

Uses DATABASE_URL like the app and migrates the database first, so it works on a fresh one.
Passwords are read from STAFF_PASSWORD (or the variable named by --password-env) or prompted
for twice without echo; they are never taken on the command line, where `ps` would show them.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence

from sqlalchemy.orm import Session

from api.db import create_db_engine, create_session_factory, migrate
from api.enums import StaffRole
from api.passwords import PasswordRejected, check_password_rules
from api.services import staff
from api.settings import TOKEN_SCOPES, Settings
from api.tokens import TokenError, create_token, list_tokens, revoke_token

PASSWORD_ENV = "STAFF_PASSWORD"
ROLES = [role.value for role in StaffRole]


class CliError(Exception):
    pass


def _read_password(env_name: str = PASSWORD_ENV, *, prompt: bool = True) -> str:
    from_env = os.environ.get(env_name)
    if from_env is not None:
        password = from_env
    elif not prompt or not sys.stdin.isatty():
        raise CliError(f"no password: set {env_name} or run the command in a terminal")
    else:
        password = getpass.getpass("Adgangskode: ")
        if getpass.getpass("Gentag adgangskoden: ") != password:
            raise CliError("the two passwords differ")
    try:
        check_password_rules(password)
    except PasswordRejected as exc:
        raise CliError(str(exc)) from None
    return password


def _user_commands(session: Session, args: argparse.Namespace) -> int:
    if args.command == "create-user":
        password = None if args.oidc_only else _read_password()
        user = staff.create_user(session, args.username, StaffRole(args.role), password)
        session.commit()
        print(f"User '{user.username}' ({user.role.value}) created as {user.user_id}")
    elif args.command == "set-password":
        password = _read_password()
        user = staff.set_password(session, args.username, password)
        session.commit()
        print(f"Password of '{user.username}' changed; their sessions were ended")
    elif args.command == "disable-user":
        found = staff.find_by_username(session, args.username)
        if found is None:
            raise CliError(f"no user named {staff.normalize_username(args.username)!r}")
        staff.disable(session, found)
        session.commit()
        print(f"User '{found.username}' disabled; their sessions were ended")
    elif args.command == "list-users":
        for user in staff.list_users(session):
            state = "disabled" if user.disabled_at is not None else "active"
            login = "+".join(
                m for m, on in (("password", user.has_password), ("oidc", user.oidc_linked)) if on
            )
            print(
                f"{user.user_id}\t{user.username}\t{user.role.value}\t{state}\t"
                f"{login or '-'}\tcreated {user.created_at.isoformat(timespec='seconds')}"
            )
    elif args.command == "ensure-user":
        existing = staff.find_by_username(session, staff.check_username(args.username))
        password = None if existing is not None else _read_password(args.password_env, prompt=False)
        ensured = staff.ensure_user(session, args.username, StaffRole(args.role), password)
        session.commit()
        verb = "created" if ensured.created else "exists; left unchanged"
        print(f"User '{ensured.user.username}' ({ensured.user.role.value}) {verb}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m api.cli", description="API token admin")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-token", help="create a token and print its secret once")
    create.add_argument("--name", required=True, help="who uses it, e.g. 'actions' or 'rapport'")
    create.add_argument("--scope", required=True, choices=TOKEN_SCOPES)
    create.add_argument(
        "--rotate", action="store_true", help="replace the secret of an existing token"
    )
    commands.add_parser("list-tokens", help="list token names and scopes (never secrets)")
    revoke = commands.add_parser("revoke-token", help="make a token unusable")
    revoke.add_argument("--name", required=True)

    create_user = commands.add_parser(
        "create-user", help=f"add a staff account (password from {PASSWORD_ENV} or a prompt)"
    )
    create_user.add_argument("--username", required=True)
    create_user.add_argument("--role", required=True, choices=ROLES)
    create_user.add_argument(
        "--oidc-only", action="store_true", help="no password: signs in with OpenID Connect only"
    )
    set_password = commands.add_parser("set-password", help="set a new password")
    set_password.add_argument("--username", required=True)
    disable = commands.add_parser("disable-user", help="disable an account, end its sessions")
    disable.add_argument("--username", required=True)
    commands.add_parser("list-users", help="list accounts (never password hashes)")
    ensure = commands.add_parser(
        "ensure-user", help="create the account unless it exists (never changes an existing one)"
    )
    ensure.add_argument("--username", required=True)
    ensure.add_argument("--role", required=True, choices=ROLES)
    ensure.add_argument(
        "--password-env",
        required=True,
        metavar="VAR",
        help="environment variable holding the password for a new account",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = Settings()
    migrate(settings.database_url)
    engine = create_db_engine(settings.database_url)
    try:
        with create_session_factory(engine)() as session:
            if args.command not in ("create-token", "list-tokens", "revoke-token"):
                try:
                    return _user_commands(session, args)
                except (CliError, staff.StaffError) as exc:
                    print(f"error: {exc}", file=sys.stderr)
                    return 1
            if args.command == "create-token":
                try:
                    secret = create_token(session, args.name, args.scope, rotate=args.rotate)
                except TokenError as exc:
                    print(f"error: {exc}", file=sys.stderr)
                    return 1
                print(f"Token '{args.name}' ({args.scope}) created. Store the secret now;")
                print("it is not kept and cannot be shown again:")
                print(secret)
            elif args.command == "list-tokens":
                for token in list_tokens(session):
                    state = "revoked" if token.revoked else "active"
                    print(f"{token.name}\t{token.scope}\t{state}\tcreated {token.created_at}")
            elif args.command == "revoke-token":
                if not revoke_token(session, args.name):
                    print(f"error: no active token named {args.name!r}", file=sys.stderr)
                    return 1
                print(f"Token '{args.name}' revoked")
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
