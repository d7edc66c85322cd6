"""Who is acting: the person or integration that audit rows and `created_by` name.

Kept free of FastAPI so that the services can take it as a plain argument.
"""

from __future__ import annotations

from dataclasses import dataclass

from api.enums import Permission, StaffRole, TokenScope

# What each staff role may do (api/README.md has the same table for people).
ROLE_PERMISSIONS: dict[StaffRole, frozenset[Permission]] = {
    StaffRole.VISITATOR: frozenset(
        {Permission.READ_CITIZENS, Permission.WRITE_RECORDS, Permission.READ_ACCESS_LOG}
    ),
    StaffRole.TERAPEUT: frozenset(
        {Permission.READ_CITIZENS, Permission.WRITE_RECORDS, Permission.READ_ACCESS_LOG}
    ),
    StaffRole.KONTAKTPERSON: frozenset(
        {Permission.READ_CITIZENS, Permission.WRITE_RECORDS, Permission.READ_ACCESS_LOG}
    ),
    StaffRole.LEDER: frozenset(
        {Permission.READ_CITIZENS, Permission.READ_REPORTS, Permission.READ_ACCESS_LOG}
    ),
    StaffRole.ADMIN: frozenset(
        {
            Permission.READ_CITIZENS,
            Permission.READ_ACCESS_LOG,
            Permission.MANAGE_USERS,
            Permission.ERASE_CITIZENS,
        }
    ),
}

# Machine tokens for integrations. A service token has no rights of its own: it acts only on
# behalf of a signed-in person (X-On-Behalf-Of), with that person's role.
TOKEN_PERMISSIONS: dict[TokenScope, frozenset[Permission]] = {
    TokenScope.READ: frozenset({Permission.READ_CITIZENS}),
    TokenScope.WRITE: frozenset({Permission.READ_CITIZENS, Permission.WRITE_RECORDS}),
    TokenScope.SERVICE: frozenset(),
}


@dataclass(frozen=True)
class Principal:
    """The authenticated caller.

    `name` is the username of a person (also when a service acts for them) or the token name
    of an integration; it goes into `created_by` and the audit trail. `role` is the staff role
    or None for a machine token (then `scope` is set).
    """

    name: str
    role: StaffRole | None = None
    scope: TokenScope | None = None
    via: str | None = None  # the service token's name when it acts for a person
    user_id: str | None = None
    session_id: str | None = None

    @property
    def actor_role(self) -> str:
        if self.role is not None:
            return self.role.value
        assert self.scope is not None
        return f"token:{self.scope.value}"

    @property
    def permissions(self) -> frozenset[Permission]:
        if self.role is not None:
            return ROLE_PERMISSIONS[self.role]
        assert self.scope is not None
        return TOKEN_PERMISSIONS[self.scope]

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    @property
    def idempotency_owner(self) -> str:
        """Whose Idempotency-Keys these are. ':' and '/' never occur in token names."""
        if self.via is not None:
            return f"{self.via}/{self.user_id}"
        if self.user_id is not None:
            return f"user:{self.user_id}"
        return self.name
