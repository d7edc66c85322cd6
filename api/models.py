"""Database schema (SQLAlchemy 2 typed ORM).

Every row that describes a citizen hangs off `citizens` with ON DELETE CASCADE, so erasing
the citizen removes everything, including stored idempotent responses (they copy health data).
Value ranges are also CHECK constraints: the database refuses what the API would refuse.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum as PyEnum
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Enum,
    ForeignKey,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    MappedColumn,
    Relationship,
    mapped_column,
    relationship,
)

from api.clock import utcnow
from api.enums import (
    AuditAction,
    AuthMethod,
    FunctionArea,
    GoalStatus,
    OccupationArea,
    Responsible,
    StaffRole,
    TokenScope,
    TrafficLight,
)
from api.limits import (
    ACTIVITY_MAX,
    ACTOR_ROLE_MAX,
    IDEMPOTENCY_OWNER_MAX,
    LONG_TEXT_MAX,
    OIDC_VALUE_MAX,
    REFERENCE_MAX,
    ROLE_MAX,
    SESSION_ID_MAX,
    TOKEN_NAME_MAX,
    USER_ID_MAX,
    USERNAME_MAX,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC timestamps on every backend (SQLite drops the offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use UTC")
        return value.astimezone(dt.timezone.utc)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc)


def db_enum(enum_class: type[PyEnum], name: str) -> Enum:
    """VARCHAR + CHECK rather than a native PG enum type: easier to extend in migrations."""
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        validate_strings=True,
        values_callable=lambda members: [member.value for member in members],
    )


def score_checks(*columns: str, nullable: bool = False) -> tuple[CheckConstraint, ...]:
    """COPM ratings are 1-10; a nullable rating may also be left out."""
    checks = []
    for column in columns:
        condition = f"{column} BETWEEN 1 AND 10"
        if nullable:
            condition = f"{column} IS NULL OR ({condition})"
        checks.append(CheckConstraint(condition, name=f"{column}_1_10"))
    return tuple(checks)


def moment(**options: Any) -> MappedColumn[Any]:
    """A UTC timestamp that defaults to the moment the row is written."""
    return mapped_column(UTCDateTime(), default=utcnow, **options)


def parent_id(column: str) -> MappedColumn[Any]:
    """A child row's foreign key: indexed, and the child goes when its parent is deleted."""
    return mapped_column(ForeignKey(column, ondelete="CASCADE"), index=True)


def children(back_populates: str, order_by: str) -> Relationship[Any]:
    """The rows that belong to this one, in order; deleted with it (the database cascades too)."""
    return relationship(
        back_populates=back_populates,
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by=order_by,
    )


def chronological(back_populates: str, child: str, day: str) -> Relationship[Any]:
    """`children` oldest first by `day`; the id orders those of the same day."""
    return children(back_populates, f"({child}.{day}, {child}.id)")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# Audit columns of citizen data: when, and by whom (username or token name). Mixin columns
# follow the class's own, so the tables keep their column order.
class CreatedBy:
    created_at: Mapped[dt.datetime] = moment()
    created_by: Mapped[str] = mapped_column(String(TOKEN_NAME_MAX))


class CreatedUpdatedBy:
    created_at: Mapped[dt.datetime] = moment()
    updated_at: Mapped[dt.datetime] = moment()
    created_by: Mapped[str] = mapped_column(String(TOKEN_NAME_MAX))


class CopmOccasion(CreatedBy):
    """A COPM assessment or re-assessment: the day and the assessor's role (never a name)."""

    assessed_on: Mapped[dt.date] = mapped_column(Date)
    assessor_role: Mapped[str] = mapped_column(String(ROLE_MAX))


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(TOKEN_NAME_MAX), unique=True)
    scope: Mapped[TokenScope] = mapped_column(db_enum(TokenScope, "token_scope"))
    # sha256 hex digest of the secret; the secret itself is never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = moment()
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class Citizen(CreatedBy, Base):
    __tablename__ = "citizens"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(REFERENCE_MAX), unique=True)

    assessments: Mapped[list[Assessment]] = chronological("citizen", "Assessment", "assessed_on")
    goals: Mapped[list[Goal]] = children("citizen", "Goal.id")


class Assessment(CopmOccasion, Base):
    """A COPM baseline assessment."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = parent_id("citizens.id")

    citizen: Mapped[Citizen] = relationship(back_populates="assessments")
    problems: Mapped[list[CopmProblem]] = children("assessment", "CopmProblem.priority")
    reassessments: Mapped[list[Reassessment]] = chronological(
        "assessment", "Reassessment", "assessed_on"
    )


class CopmProblem(Base):
    """One prioritised occupational performance problem (1–5 per assessment)."""

    __tablename__ = "copm_problems"
    __table_args__ = (
        UniqueConstraint("assessment_id", "priority"),
        CheckConstraint("priority BETWEEN 1 AND 5", name="priority_1_5"),
        *score_checks("importance", "performance", "satisfaction"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = parent_id("assessments.id")
    priority: Mapped[int] = mapped_column(SmallInteger)
    area: Mapped[OccupationArea] = mapped_column(db_enum(OccupationArea, "occupation_area"))
    activity: Mapped[str] = mapped_column(String(ACTIVITY_MAX))
    importance: Mapped[int] = mapped_column(SmallInteger)
    performance: Mapped[int] = mapped_column(SmallInteger)
    satisfaction: Mapped[int] = mapped_column(SmallInteger)

    assessment: Mapped[Assessment] = relationship(back_populates="problems")


class Reassessment(CopmOccasion, Base):
    """New performance and satisfaction ratings for every problem of an assessment."""

    __tablename__ = "reassessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = parent_id("assessments.id")

    assessment: Mapped[Assessment] = relationship(back_populates="reassessments")
    ratings: Mapped[list[ReassessmentRating]] = children(
        "reassessment", "ReassessmentRating.problem_id"
    )


class ReassessmentRating(Base):
    __tablename__ = "reassessment_ratings"
    __table_args__ = (
        UniqueConstraint("reassessment_id", "problem_id"),
        *score_checks("performance", "satisfaction"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reassessment_id: Mapped[int] = parent_id("reassessments.id")
    problem_id: Mapped[int] = parent_id("copm_problems.id")
    performance: Mapped[int] = mapped_column(SmallInteger)
    satisfaction: Mapped[int] = mapped_column(SmallInteger)

    reassessment: Mapped[Reassessment] = relationship(back_populates="ratings")
    problem: Mapped[CopmProblem] = relationship()


class Goal(CreatedUpdatedBy, Base):
    __tablename__ = "goals"
    __table_args__ = (
        *score_checks(
            "baseline_importance", "baseline_performance", "baseline_satisfaction", nullable=True
        ),
        # The baseline ratings are given together or not at all.
        CheckConstraint(
            "(baseline_importance IS NULL AND baseline_performance IS NULL"
            " AND baseline_satisfaction IS NULL) OR (baseline_importance IS NOT NULL"
            " AND baseline_performance IS NOT NULL AND baseline_satisfaction IS NOT NULL)",
            name="baseline_all_or_none",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = parent_id("citizens.id")
    problem_id: Mapped[int | None] = mapped_column(
        ForeignKey("copm_problems.id", ondelete="SET NULL"), index=True
    )
    statement: Mapped[str] = mapped_column(String(LONG_TEXT_MAX))
    area: Mapped[OccupationArea] = mapped_column(db_enum(OccupationArea, "occupation_area"))
    activity: Mapped[str] = mapped_column(String(ACTIVITY_MAX))
    fsiii_area: Mapped[FunctionArea | None] = mapped_column(db_enum(FunctionArea, "fsiii_area"))
    baseline_importance: Mapped[int | None] = mapped_column(SmallInteger)
    baseline_performance: Mapped[int | None] = mapped_column(SmallInteger)
    baseline_satisfaction: Mapped[int | None] = mapped_column(SmallInteger)
    due_date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[GoalStatus] = mapped_column(db_enum(GoalStatus, "goal_status"))

    citizen: Mapped[Citizen] = relationship(back_populates="goals")
    subgoals: Mapped[list[Subgoal]] = children("goal", "Subgoal.id")
    evaluations: Mapped[list[Evaluation]] = chronological("goal", "Evaluation", "evaluated_on")

    @property
    def citizen_reference(self) -> str:
        return self.citizen.reference

    @property
    def baseline(self) -> BaselineRatings | None:
        """The three COPM ratings when the goal was set, or None (stored as three columns)."""
        if self.baseline_importance is None:
            return None
        assert self.baseline_performance is not None and self.baseline_satisfaction is not None
        return BaselineRatings(
            self.baseline_importance, self.baseline_performance, self.baseline_satisfaction
        )

    @baseline.setter
    def baseline(self, value: Any) -> None:
        # Anything with importance/performance/satisfaction (a schema or BaselineRatings).
        self.baseline_importance = value.importance if value is not None else None
        self.baseline_performance = value.performance if value is not None else None
        self.baseline_satisfaction = value.satisfaction if value is not None else None


@dataclass(frozen=True)
class BaselineRatings:
    importance: int
    performance: int
    satisfaction: int


class Subgoal(CreatedUpdatedBy, Base):
    """Delmål: a step towards a goal."""

    __tablename__ = "subgoals"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = parent_id("goals.id")
    description: Mapped[str] = mapped_column(String(LONG_TEXT_MAX))
    # Handlinger: an ordered list of short texts.
    actions: Mapped[list[str]] = mapped_column(JSON)
    responsible: Mapped[Responsible] = mapped_column(db_enum(Responsible, "responsible"))
    due_date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[GoalStatus] = mapped_column(db_enum(GoalStatus, "goal_status"))

    goal: Mapped[Goal] = relationship(back_populates="subgoals")
    evaluations: Mapped[list[Evaluation]] = chronological("subgoal", "Evaluation", "evaluated_on")

    @property
    def citizen(self) -> Citizen:
        return self.goal.citizen


class Evaluation(CreatedBy, Base):
    """Evaluation of exactly one goal or one delmål."""

    __tablename__ = "evaluations"
    __table_args__ = (
        CheckConstraint("(goal_id IS NULL) <> (subgoal_id IS NULL)", name="exactly_one_target"),
        *score_checks("performance", "satisfaction", nullable=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int | None] = parent_id("goals.id")
    subgoal_id: Mapped[int | None] = parent_id("subgoals.id")
    evaluated_on: Mapped[dt.date] = mapped_column(Date)
    traffic_light: Mapped[TrafficLight] = mapped_column(db_enum(TrafficLight, "traffic_light"))
    performance: Mapped[int | None] = mapped_column(SmallInteger)
    satisfaction: Mapped[int | None] = mapped_column(SmallInteger)
    note: Mapped[str | None] = mapped_column(String(LONG_TEXT_MAX))

    goal: Mapped[Goal | None] = relationship(back_populates="evaluations")
    subgoal: Mapped[Subgoal | None] = relationship(back_populates="evaluations")


class AuditEntry(Base):
    """Who did what to which record. Holds no free text, only ids and the pseudonym."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[dt.datetime] = moment()
    # The person (username) or integration (token name) who acted ...
    actor: Mapped[str] = mapped_column(String(TOKEN_NAME_MAX))
    # ... in which role: a staff role, or "token:<scope>" for a machine token.
    actor_role: Mapped[str] = mapped_column(String(ACTOR_ROLE_MAX))
    # The service token's name when a service acted on the person's behalf.
    via: Mapped[str | None] = mapped_column(String(TOKEN_NAME_MAX))
    action: Mapped[AuditAction] = mapped_column(db_enum(AuditAction, "audit_action"))
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    # Deliberately no foreign key: erasure removes these rows explicitly.
    citizen_reference: Mapped[str | None] = mapped_column(String(REFERENCE_MAX), index=True)
    # Names (never values) of the fields an update changed.
    changed_fields: Mapped[str | None] = mapped_column(String(300))


class IdempotencyRecord(Base):
    """The stored outcome of a create that was sent with an Idempotency-Key."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("owner", "key_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Whose keys: a token name, "user:<user_id>", or "<service token>/<user_id>".
    owner: Mapped[str] = mapped_column(String(IDEMPOTENCY_OWNER_MAX))
    # sha256 of the Idempotency-Key: the key itself is never stored.
    key_hash: Mapped[str] = mapped_column(String(64))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(SmallInteger)
    response_body: Mapped[str] = mapped_column(Text)
    # The stored body copies health data, so it goes when the citizen is erased.
    citizen_id: Mapped[int | None] = parent_id("citizens.id")
    created_at: Mapped[dt.datetime] = moment()


class StaffUser(Base):
    """A staff account. Known to the rest of the system by the pseudonymous `user_id`."""

    __tablename__ = "staff_users"
    __table_args__ = (UniqueConstraint("oidc_issuer", "oidc_subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[str] = mapped_column(String(USER_ID_MAX), unique=True)
    # Stored in lower case, so uniqueness is case-insensitive.
    username: Mapped[str] = mapped_column(String(USERNAME_MAX), unique=True)
    role: Mapped[StaffRole] = mapped_column(db_enum(StaffRole, "staff_role"))
    # Argon2 (pwdlib); None for people who sign in only with OpenID Connect.
    password_hash: Mapped[str | None] = mapped_column(String(255))
    oidc_issuer: Mapped[str | None] = mapped_column(String(OIDC_VALUE_MAX))
    oidc_subject: Mapped[str | None] = mapped_column(String(OIDC_VALUE_MAX))
    created_at: Mapped[dt.datetime] = moment()
    disabled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())

    sessions: Mapped[list[StaffSession]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def has_password(self) -> bool:
        return self.password_hash is not None

    @property
    def oidc_linked(self) -> bool:
        return self.oidc_subject is not None


class StaffSession(Base):
    """A signed-in person's session. The access token is stored only as its sha256."""

    __tablename__ = "staff_sessions"

    # Random and public: a service names the session it acts for (X-On-Behalf-Of) by it.
    id: Mapped[str] = mapped_column(String(SESSION_ID_MAX), primary_key=True)
    staff_user_id: Mapped[int] = parent_id("staff_users.id")
    # None until an OpenID Connect sign-in's one-time code is exchanged for the token.
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    auth_method: Mapped[AuthMethod] = mapped_column(db_enum(AuthMethod, "auth_method"))
    created_at: Mapped[dt.datetime] = moment()
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    last_used_at: Mapped[dt.datetime] = moment()
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    # The one-time code of an OpenID Connect sign-in (sha256), valid briefly, used once.
    login_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    login_code_expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[StaffUser] = relationship(back_populates="sessions")


class OidcLogin(Base):
    """A started OpenID Connect sign-in, between the redirect to the provider and the callback."""

    __tablename__ = "oidc_logins"

    state_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(128))
    code_verifier: Mapped[str] = mapped_column(String(128))
    # sha256 of the random value in the browser's cookie: the callback must come from the
    # browser that started the sign-in.
    browser_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = moment(index=True)


class SignInFailure(Base):
    """A failed password sign-in, for the lockout. The username is kept only as a hash."""

    __tablename__ = "sign_in_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    username_hash: Mapped[str] = mapped_column(String(64), index=True)
    failed_at: Mapped[dt.datetime] = moment()
