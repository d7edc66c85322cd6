"""Token administration.

    python -m api.cli create-token --name actions --scope write   # prints the secret once
    python -m api.cli list-tokens                                 # names and scopes only
    python -m api.cli revoke-token --name actions

Uses DATABASE_URL like the app and migrates the database first, so it works on a fresh one.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from api.db import create_db_engine, create_session_factory, migrate
from api.settings import TOKEN_SCOPES, Settings
from api.tokens import TokenError, create_token, list_tokens, revoke_token


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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = Settings()
    migrate(settings.database_url)
    engine = create_db_engine(settings.database_url)
    try:
        with create_session_factory(engine)() as session:
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
