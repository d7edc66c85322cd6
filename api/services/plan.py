"""'Min plan': the citizen's plan in plain Danish, as JSON, a printable HTML page or a PDF."""

from __future__ import annotations

from sqlalchemy.orm import Session

from api import audit, clock, lookups, plan_render, plan_text
from api.principal import Principal
from api.schemas.plan import PlanOut


def _plan(session: Session, reference: str) -> tuple[int, PlanOut]:
    citizen = lookups.citizen(session, reference)
    return citizen.id, plan_text.build(lookups.goals_of(session, citizen), today=clock.today())


def read_plan(session: Session, who: Principal, reference: str) -> PlanOut:
    citizen_id, plan = _plan(session, reference)
    audit.read(session, who, "plan", citizen_id, reference)
    return plan


def plan_html(session: Session, who: Principal, reference: str) -> str:
    citizen_id, plan = _plan(session, reference)
    html = plan_render.render_html(plan)
    audit.read(session, who, "plan_html", citizen_id, reference)
    return html


def plan_pdf(session: Session, who: Principal, reference: str) -> bytes:
    citizen_id, plan = _plan(session, reference)
    pdf = plan_render.render_pdf(plan_render.render_html(plan))
    audit.read(session, who, "plan_pdf", citizen_id, reference)
    return pdf
