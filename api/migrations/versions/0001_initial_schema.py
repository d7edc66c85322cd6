"""Initial schema: tokens, citizens, COPM, goals, delmål, evaluations, audit, idempotency.

Revision ID: 0001
Revises:
Create Date: 2026-11-22

Enum values are frozen here on purpose: a later change to api.enums needs its own migration.
Enums are VARCHAR + named CHECK constraints (no native PostgreSQL enum types).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OCCUPATION_AREAS = ("egenomsorg", "produktivitet", "fritid")
FSIII_AREAS = (
    "Personlig pleje",
    "Spise og drikke",
    "Sundhedskompetence",
    "Lave husligt arbejde",
    "Lave mad",
    "Indkøb",
    "Forflytte sig",
    "Mobilitet og bevægelse",
    "Kommunikation",
    "Hukommelse",
    "Kognitive funktioner",
    "Trivsel",
    "Energi og handlekraft",
)
GOAL_STATUSES = ("aktiv", "opnaaet", "delvist_opnaaet", "ikke_opnaaet", "afbrudt")
RESPONSIBLE = ("borger", "kontaktperson", "terapeut", "paaroerende", "andet")
TRAFFIC_LIGHTS = ("groen", "gul", "roed")
TOKEN_SCOPES = ("read", "write")
AUDIT_ACTIONS = ("create", "update", "delete", "erase", "export")


def enum(table: str, name: str, values: tuple[str, ...]) -> sa.Enum:
    """A VARCHAR enum whose CHECK constraint is called ck_<table>_<name>."""
    return sa.Enum(
        *values,
        name=op.f(f"ck_{table}_{name}"),
        native_enum=False,
        create_constraint=True,
    )


def timestamp(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def score_check(table: str, column: str, *, nullable: bool = False) -> sa.CheckConstraint:
    condition = f"{column} BETWEEN 1 AND 10"
    if nullable:
        condition = f"{column} IS NULL OR ({condition})"
    return sa.CheckConstraint(condition, name=op.f(f"ck_{table}_{column}_1_10"))


def fk(column: str, target: str, table: str, *, ondelete: str) -> sa.ForeignKeyConstraint:
    target_table = target.split(".")[0]
    return sa.ForeignKeyConstraint(
        [column],
        [target],
        name=op.f(f"fk_{table}_{column}_{target_table}"),
        ondelete=ondelete,
    )


def upgrade() -> None:
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("scope", enum("api_tokens", "token_scope", TOKEN_SCOPES), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        timestamp("created_at"),
        timestamp("revoked_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("name", name=op.f("uq_api_tokens_name")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        timestamp("occurred_at"),
        sa.Column("token_name", sa.String(64), nullable=False),
        sa.Column("action", enum("audit_log", "audit_action", AUDIT_ACTIONS), nullable=False),
        sa.Column("entity_type", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("citizen_reference", sa.String(40), nullable=True),
        sa.Column("changed_fields", sa.String(300), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_citizen_reference"), "audit_log", ["citizen_reference"])

    op.create_table(
        "citizens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(40), nullable=False),
        timestamp("created_at"),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_citizens")),
        sa.UniqueConstraint("reference", name=op.f("uq_citizens_reference")),
    )
    op.create_table(
        "idempotency_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_name", sa.String(64), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("status_code", sa.SmallInteger(), nullable=False),
        sa.Column("response_body", sa.Text(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=True),
        timestamp("created_at"),
        fk("citizen_id", "citizens.id", "idempotency_keys", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotency_keys")),
        sa.UniqueConstraint("token_name", "key", name=op.f("uq_idempotency_keys_token_name_key")),
    )
    op.create_index(op.f("ix_idempotency_keys_citizen_id"), "idempotency_keys", ["citizen_id"])

    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("assessor_role", sa.String(100), nullable=False),
        timestamp("created_at"),
        sa.Column("created_by", sa.String(64), nullable=False),
        fk("citizen_id", "citizens.id", "assessments", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessments")),
    )
    op.create_index(op.f("ix_assessments_citizen_id"), "assessments", ["citizen_id"])

    op.create_table(
        "copm_problems",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("priority", sa.SmallInteger(), nullable=False),
        sa.Column(
            "area", enum("copm_problems", "occupation_area", OCCUPATION_AREAS), nullable=False
        ),
        sa.Column("activity", sa.String(300), nullable=False),
        sa.Column("importance", sa.SmallInteger(), nullable=False),
        sa.Column("performance", sa.SmallInteger(), nullable=False),
        sa.Column("satisfaction", sa.SmallInteger(), nullable=False),
        sa.CheckConstraint("priority BETWEEN 1 AND 5", name=op.f("ck_copm_problems_priority_1_5")),
        score_check("copm_problems", "importance"),
        score_check("copm_problems", "performance"),
        score_check("copm_problems", "satisfaction"),
        fk("assessment_id", "assessments.id", "copm_problems", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_copm_problems")),
        sa.UniqueConstraint(
            "assessment_id", "priority", name=op.f("uq_copm_problems_assessment_id_priority")
        ),
    )
    op.create_index(op.f("ix_copm_problems_assessment_id"), "copm_problems", ["assessment_id"])

    op.create_table(
        "reassessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("assessor_role", sa.String(100), nullable=False),
        timestamp("created_at"),
        sa.Column("created_by", sa.String(64), nullable=False),
        fk("assessment_id", "assessments.id", "reassessments", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reassessments")),
    )
    op.create_index(op.f("ix_reassessments_assessment_id"), "reassessments", ["assessment_id"])

    op.create_table(
        "reassessment_ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reassessment_id", sa.Integer(), nullable=False),
        sa.Column("problem_id", sa.Integer(), nullable=False),
        sa.Column("performance", sa.SmallInteger(), nullable=False),
        sa.Column("satisfaction", sa.SmallInteger(), nullable=False),
        score_check("reassessment_ratings", "performance"),
        score_check("reassessment_ratings", "satisfaction"),
        fk("problem_id", "copm_problems.id", "reassessment_ratings", ondelete="CASCADE"),
        fk("reassessment_id", "reassessments.id", "reassessment_ratings", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reassessment_ratings")),
        sa.UniqueConstraint(
            "reassessment_id",
            "problem_id",
            name=op.f("uq_reassessment_ratings_reassessment_id_problem_id"),
        ),
    )
    op.create_index(
        op.f("ix_reassessment_ratings_problem_id"), "reassessment_ratings", ["problem_id"]
    )
    op.create_index(
        op.f("ix_reassessment_ratings_reassessment_id"), "reassessment_ratings", ["reassessment_id"]
    )

    op.create_table(
        "goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("problem_id", sa.Integer(), nullable=True),
        sa.Column("statement", sa.String(2000), nullable=False),
        sa.Column("area", enum("goals", "occupation_area", OCCUPATION_AREAS), nullable=False),
        sa.Column("activity", sa.String(300), nullable=False),
        sa.Column("fsiii_area", enum("goals", "fsiii_area", FSIII_AREAS), nullable=True),
        sa.Column("baseline_importance", sa.SmallInteger(), nullable=True),
        sa.Column("baseline_performance", sa.SmallInteger(), nullable=True),
        sa.Column("baseline_satisfaction", sa.SmallInteger(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("status", enum("goals", "goal_status", GOAL_STATUSES), nullable=False),
        timestamp("created_at"),
        timestamp("updated_at"),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.CheckConstraint(
            "(baseline_importance IS NULL AND baseline_performance IS NULL"
            " AND baseline_satisfaction IS NULL) OR (baseline_importance IS NOT NULL"
            " AND baseline_performance IS NOT NULL AND baseline_satisfaction IS NOT NULL)",
            name=op.f("ck_goals_baseline_all_or_none"),
        ),
        score_check("goals", "baseline_importance", nullable=True),
        score_check("goals", "baseline_performance", nullable=True),
        score_check("goals", "baseline_satisfaction", nullable=True),
        fk("citizen_id", "citizens.id", "goals", ondelete="CASCADE"),
        fk("problem_id", "copm_problems.id", "goals", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goals")),
    )
    op.create_index(op.f("ix_goals_citizen_id"), "goals", ["citizen_id"])
    op.create_index(op.f("ix_goals_problem_id"), "goals", ["problem_id"])

    op.create_table(
        "subgoals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(2000), nullable=False),
        sa.Column("actions", sa.JSON(), nullable=False),
        sa.Column("responsible", enum("subgoals", "responsible", RESPONSIBLE), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("status", enum("subgoals", "goal_status", GOAL_STATUSES), nullable=False),
        timestamp("created_at"),
        timestamp("updated_at"),
        sa.Column("created_by", sa.String(64), nullable=False),
        fk("goal_id", "goals.id", "subgoals", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subgoals")),
    )
    op.create_index(op.f("ix_subgoals_goal_id"), "subgoals", ["goal_id"])

    op.create_table(
        "evaluations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=True),
        sa.Column("subgoal_id", sa.Integer(), nullable=True),
        sa.Column("evaluated_on", sa.Date(), nullable=False),
        sa.Column(
            "traffic_light", enum("evaluations", "traffic_light", TRAFFIC_LIGHTS), nullable=False
        ),
        sa.Column("performance", sa.SmallInteger(), nullable=True),
        sa.Column("satisfaction", sa.SmallInteger(), nullable=True),
        sa.Column("note", sa.String(2000), nullable=True),
        timestamp("created_at"),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.CheckConstraint(
            "(goal_id IS NULL) <> (subgoal_id IS NULL)",
            name=op.f("ck_evaluations_exactly_one_target"),
        ),
        score_check("evaluations", "performance", nullable=True),
        score_check("evaluations", "satisfaction", nullable=True),
        fk("goal_id", "goals.id", "evaluations", ondelete="CASCADE"),
        fk("subgoal_id", "subgoals.id", "evaluations", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluations")),
    )
    op.create_index(op.f("ix_evaluations_goal_id"), "evaluations", ["goal_id"])
    op.create_index(op.f("ix_evaluations_subgoal_id"), "evaluations", ["subgoal_id"])


def downgrade() -> None:
    # Children before parents; dropping a table drops its indexes and constraints.
    for table in (
        "evaluations",
        "subgoals",
        "goals",
        "reassessment_ratings",
        "reassessments",
        "copm_problems",
        "assessments",
        "idempotency_keys",
        "citizens",
        "audit_log",
        "api_tokens",
    ):
        op.drop_table(table)
