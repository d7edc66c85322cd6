"""Staff identity: accounts, sessions, OpenID Connect sign-ins, sign-in lockout; audit by person.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

- `staff_users`, `staff_sessions`, `oidc_logins`, `sign_in_failures` (new).
- `api_tokens.scope` may be `service`.
- `audit_log`: `token_name` becomes `actor`; new `actor_role` (existing rows: "token:<scope>"
  of the token of that name, else "token") and `via`; action `read` is allowed.
- `idempotency_keys`: the key is stored as its sha256 (`key_hash`, existing keys are hashed
  here), and `token_name` becomes `owner`.

Downgrade: deletes what the old schema cannot hold (service tokens, `read` audit rows, all
stored idempotent responses, since their keys cannot be recovered from the hashes) and drops
the staff tables.

SQLite alters tables by copying them (batch mode); the `*_0001` tables below describe the
tables as 0001 left them, so the copy keeps every constraint.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_TOKEN_SCOPES = ("read", "write")
TOKEN_SCOPES = ("read", "write", "service")
OLD_AUDIT_ACTIONS = ("create", "update", "delete", "erase", "export")
AUDIT_ACTIONS = ("create", "read", "update", "delete", "erase", "export")
STAFF_ROLES = ("visitator", "terapeut", "kontaktperson", "leder", "admin")
AUTH_METHODS = ("password", "oidc")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def enum(table: str, name: str, values: tuple[str, ...]) -> sa.Enum:
    """A VARCHAR enum whose CHECK constraint is called ck_<table>_<name> (as in 0001)."""
    return sa.Enum(
        *values, name=op.f(f"ck_{table}_{name}"), native_enum=False, create_constraint=True
    )


def timestamp(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def varchar_for(values: tuple[str, ...]) -> sa.String:
    return sa.String(max(len(v) for v in values))


# --- the three altered tables at each stage (SQLite copies them; see the docstring) ---------


def api_tokens_table(scopes: tuple[str, ...]) -> sa.Table:
    return sa.Table(
        "api_tokens",
        sa.MetaData(),
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("scope", varchar_for(scopes), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        timestamp("created_at"),
        timestamp("revoked_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.UniqueConstraint("name", name="uq_api_tokens_name"),
        sa.UniqueConstraint("token_hash", name="uq_api_tokens_token_hash"),
        sa.CheckConstraint(_in("scope", scopes), name="ck_api_tokens_token_scope"),
    )


def audit_log_table(*, by_person: bool, actor_role_nullable: bool = False) -> sa.Table:
    """0001's table (by_person=False), or 0002's with actor, actor_role and via."""
    person = (
        [
            sa.Column("actor", sa.String(64), nullable=False),
            sa.Column("actor_role", sa.String(40), nullable=actor_role_nullable),
            sa.Column("via", sa.String(64), nullable=True),
        ]
        if by_person
        else [sa.Column("token_name", sa.String(64), nullable=False)]
    )
    actions = AUDIT_ACTIONS if by_person else OLD_AUDIT_ACTIONS
    return sa.Table(
        "audit_log",
        sa.MetaData(),
        sa.Column("id", sa.Integer(), primary_key=True),
        timestamp("occurred_at"),
        *person,
        sa.Column("action", varchar_for(actions), nullable=False),
        sa.Column("entity_type", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("citizen_reference", sa.String(40), nullable=True),
        sa.Column("changed_fields", sa.String(300), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
        sa.CheckConstraint(_in("action", actions), name="ck_audit_log_audit_action"),
        sa.Index("ix_audit_log_citizen_reference", "citizen_reference"),
    )


def idempotency_keys_table(stage: str, *, unique: bool = True) -> sa.Table:
    """'0001': plain keys; 'both': 0001 plus a nullable key_hash; '0002': hashes only."""
    if stage == "0002":
        who = [
            sa.Column("owner", sa.String(100), nullable=False),
            sa.Column("key_hash", sa.String(64), nullable=False),
        ]
        unique_constraint = sa.UniqueConstraint(
            "owner", "key_hash", name="uq_idempotency_keys_owner_key_hash"
        )
    else:
        who = [
            sa.Column("token_name", sa.String(64), nullable=False),
            sa.Column("key", sa.String(200), nullable=False),
        ]
        if stage == "both":
            who.append(sa.Column("key_hash", sa.String(64), nullable=True))
        unique_constraint = sa.UniqueConstraint(
            "token_name", "key", name="uq_idempotency_keys_token_name_key"
        )
    return sa.Table(
        "idempotency_keys",
        sa.MetaData(),
        sa.Column("id", sa.Integer(), primary_key=True),
        *who,
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("status_code", sa.SmallInteger(), nullable=False),
        sa.Column("response_body", sa.Text(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=True),
        timestamp("created_at"),
        sa.ForeignKeyConstraint(
            ["citizen_id"],
            ["citizens.id"],
            name="fk_idempotency_keys_citizen_id_citizens",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_idempotency_keys"),
        *([unique_constraint] if unique else []),
        sa.Index("ix_idempotency_keys_citizen_id", "citizen_id"),
    )


def _sha256(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def upgrade() -> None:
    _create_staff_tables()

    with op.batch_alter_table("api_tokens", copy_from=api_tokens_table(OLD_TOKEN_SCOPES)) as batch:
        batch.drop_constraint(op.f("ck_api_tokens_token_scope"), type_="check")
        batch.alter_column(
            "scope", existing_type=sa.String(5), type_=varchar_for(TOKEN_SCOPES), nullable=False
        )
        batch.create_check_constraint(op.f("ck_api_tokens_token_scope"), _in("scope", TOKEN_SCOPES))

    with op.batch_alter_table("audit_log", copy_from=audit_log_table(by_person=False)) as batch:
        batch.alter_column(
            "token_name", new_column_name="actor", existing_type=sa.String(64), nullable=False
        )
        batch.add_column(sa.Column("actor_role", sa.String(40), nullable=True))
        batch.add_column(sa.Column("via", sa.String(64), nullable=True))
        batch.drop_constraint(op.f("ck_audit_log_audit_action"), type_="check")
        batch.create_check_constraint(
            op.f("ck_audit_log_audit_action"), _in("action", AUDIT_ACTIONS)
        )
    audit = sa.table("audit_log", sa.column("actor", sa.String), sa.column("actor_role", sa.String))
    tokens = sa.table("api_tokens", sa.column("name", sa.String), sa.column("scope", sa.String))
    scope_of_actor = (
        sa.select(tokens.c.scope).where(tokens.c.name == audit.c.actor).scalar_subquery()
    )
    op.execute(
        audit.update().values(
            actor_role=sa.func.coalesce(sa.literal("token:") + scope_of_actor, "token")
        )
    )
    partly = audit_log_table(by_person=True, actor_role_nullable=True)
    with op.batch_alter_table("audit_log", copy_from=partly) as batch:
        batch.alter_column("actor_role", existing_type=sa.String(40), nullable=False)

    with op.batch_alter_table(
        "idempotency_keys", copy_from=idempotency_keys_table("0001")
    ) as batch:
        batch.add_column(sa.Column("key_hash", sa.String(64), nullable=True))
    keys = sa.table(
        "idempotency_keys",
        sa.column("id", sa.Integer),
        sa.column("key", sa.String),
        sa.column("key_hash", sa.String),
    )
    connection = op.get_bind()
    for row_id, key in connection.execute(sa.select(keys.c.id, keys.c.key)).all():
        connection.execute(keys.update().where(keys.c.id == row_id).values(key_hash=_sha256(key)))
    with op.batch_alter_table(
        "idempotency_keys", copy_from=idempotency_keys_table("both")
    ) as batch:
        batch.drop_constraint(op.f("uq_idempotency_keys_token_name_key"), type_="unique")
        batch.drop_column("key")
        batch.alter_column("key_hash", existing_type=sa.String(64), nullable=False)
        batch.alter_column(
            "token_name",
            new_column_name="owner",
            existing_type=sa.String(64),
            type_=sa.String(100),
            nullable=False,
        )
    # A second step: in SQLite's copy, a new constraint cannot name a column renamed in the
    # same step.
    with op.batch_alter_table(
        "idempotency_keys", copy_from=idempotency_keys_table("0002", unique=False)
    ) as batch:
        batch.create_unique_constraint(
            op.f("uq_idempotency_keys_owner_key_hash"), ["owner", "key_hash"]
        )


def _create_staff_tables() -> None:
    op.create_table(
        "staff_users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(18), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("role", enum("staff_users", "staff_role", STAFF_ROLES), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=True),
        sa.Column("oidc_issuer", sa.String(255), nullable=True),
        sa.Column("oidc_subject", sa.String(255), nullable=True),
        timestamp("created_at"),
        timestamp("disabled_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_users")),
        sa.UniqueConstraint("user_id", name=op.f("uq_staff_users_user_id")),
        sa.UniqueConstraint("username", name=op.f("uq_staff_users_username")),
        sa.UniqueConstraint(
            "oidc_issuer", "oidc_subject", name=op.f("uq_staff_users_oidc_issuer_oidc_subject")
        ),
    )
    op.create_table(
        "staff_sessions",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("staff_user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=True),
        sa.Column(
            "auth_method", enum("staff_sessions", "auth_method", AUTH_METHODS), nullable=False
        ),
        timestamp("created_at"),
        timestamp("expires_at"),
        timestamp("last_used_at"),
        timestamp("revoked_at", nullable=True),
        sa.Column("login_code_hash", sa.String(64), nullable=True),
        timestamp("login_code_expires_at", nullable=True),
        sa.ForeignKeyConstraint(
            ["staff_user_id"],
            ["staff_users.id"],
            name=op.f("fk_staff_sessions_staff_user_id_staff_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_staff_sessions_token_hash")),
        sa.UniqueConstraint("login_code_hash", name=op.f("uq_staff_sessions_login_code_hash")),
    )
    op.create_index(op.f("ix_staff_sessions_staff_user_id"), "staff_sessions", ["staff_user_id"])
    op.create_table(
        "oidc_logins",
        sa.Column("state_hash", sa.String(64), nullable=False),
        sa.Column("nonce", sa.String(128), nullable=False),
        sa.Column("code_verifier", sa.String(128), nullable=False),
        sa.Column("browser_hash", sa.String(64), nullable=False),
        timestamp("created_at"),
        sa.PrimaryKeyConstraint("state_hash", name=op.f("pk_oidc_logins")),
    )
    op.create_index(op.f("ix_oidc_logins_created_at"), "oidc_logins", ["created_at"])
    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username_hash", sa.String(64), nullable=False),
        timestamp("failed_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_failures")),
    )
    op.create_index(
        op.f("ix_sign_in_failures_username_hash"), "sign_in_failures", ["username_hash"]
    )


def downgrade() -> None:
    op.execute("DELETE FROM idempotency_keys")
    with op.batch_alter_table(
        "idempotency_keys", copy_from=idempotency_keys_table("0002")
    ) as batch:
        batch.drop_constraint(op.f("uq_idempotency_keys_owner_key_hash"), type_="unique")
        batch.drop_column("key_hash")
        batch.add_column(sa.Column("key", sa.String(200), nullable=False))
        batch.alter_column(
            "owner",
            new_column_name="token_name",
            existing_type=sa.String(100),
            type_=sa.String(64),
            nullable=False,
        )
    with op.batch_alter_table(
        "idempotency_keys", copy_from=idempotency_keys_table("0001", unique=False)
    ) as batch:
        batch.create_unique_constraint(
            op.f("uq_idempotency_keys_token_name_key"), ["token_name", "key"]
        )

    op.execute("DELETE FROM audit_log WHERE action = 'read'")
    with op.batch_alter_table("audit_log", copy_from=audit_log_table(by_person=True)) as batch:
        batch.drop_constraint(op.f("ck_audit_log_audit_action"), type_="check")
        batch.create_check_constraint(
            op.f("ck_audit_log_audit_action"), _in("action", OLD_AUDIT_ACTIONS)
        )
        batch.drop_column("via")
        batch.drop_column("actor_role")
        batch.alter_column(
            "actor", new_column_name="token_name", existing_type=sa.String(64), nullable=False
        )

    op.execute("DELETE FROM api_tokens WHERE scope = 'service'")
    with op.batch_alter_table("api_tokens", copy_from=api_tokens_table(TOKEN_SCOPES)) as batch:
        batch.drop_constraint(op.f("ck_api_tokens_token_scope"), type_="check")
        batch.alter_column("scope", existing_type=sa.String(7), type_=sa.String(5), nullable=False)
        batch.create_check_constraint(
            op.f("ck_api_tokens_token_scope"), _in("scope", OLD_TOKEN_SCOPES)
        )

    for table in ("sign_in_failures", "oidc_logins", "staff_sessions", "staff_users"):
        op.drop_table(table)
