"""Account administration (role admin): list, create, disable."""

from __future__ import annotations

from fastapi import APIRouter, Path, status

from api.deps import SessionDep
from api.schemas.auth import UserCreate, UserOut
from api.security import UserAdmin
from api.services import staff

router = APIRouter(prefix="/api/v1/admin", tags=["admin"])


@router.get("/users", response_model=list[UserOut], summary="All staff accounts (no secrets)")
def list_users(session: SessionDep, _admin: UserAdmin) -> list[UserOut]:
    return [UserOut.model_validate(user) for user in staff.list_users(session)]


@router.post(
    "/users",
    status_code=status.HTTP_201_CREATED,
    response_model=UserOut,
    responses={409: {"description": "The username is taken"}},
    summary="Create a staff account (without a password: OpenID Connect only)",
)
def create_user(body: UserCreate, session: SessionDep, _admin: UserAdmin) -> UserOut:
    user = staff.admin_create(session, body.username, body.role, body.password)
    return UserOut.model_validate(user)


@router.post(
    "/users/{user_id}/disable",
    response_model=UserOut,
    responses={404: {"description": "No such user"}, 409: {"description": "Your own account"}},
    summary="Disable an account and end its sessions",
)
def disable_user(
    session: SessionDep,
    admin: UserAdmin,
    user_id: str = Path(pattern=r"^u-[0-9a-f]{16}$", description="The account's user_id"),
) -> UserOut:
    return UserOut.model_validate(staff.admin_disable(session, user_id, admin.user_id))
