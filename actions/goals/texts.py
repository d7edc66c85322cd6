"""Danish renderings for goal capture: dates, the confirmation summary, goal lists."""

from __future__ import annotations

import datetime as dt
from typing import Any

WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
          "oktober", "november", "december"]  # fmt: skip
AREA_NAMES = {"egenomsorg": "Egenomsorg", "produktivitet": "Produktivitet", "fritid": "Fritid"}
RESPONSIBLE_NAMES = {
    "borger": "borgeren",
    "kontaktperson": "kontaktpersonen",
    "terapeut": "terapeuten",
    "paaroerende": "pårørende",
    "andet": "andre",
}
STATUS_NAMES = {
    "aktiv": "aktiv",
    "opnaaet": "opnået",
    "delvist_opnaaet": "delvist opnået",
    "ikke_opnaaet": "ikke opnået",
    "afbrudt": "afbrudt",
}
LIGHTS = {"groen": "🟢 grøn", "gul": "🟡 gul", "roed": "🔴 rød"}


def danish_date(value: dt.date | str) -> str:
    """'fredag den 26. marts 2027'."""
    date = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return f"{WEEKDAYS[date.weekday()]} den {date.day}. {MONTHS[date.month - 1]} {date.year}"


def problem_line(number: int, problem: dict[str, Any]) -> str:
    return (
        f"{number}. {problem['activity']} ({AREA_NAMES.get(problem['area'], problem['area'])}) – "
        f"vigtighed {problem['importance']}, udførelse {problem['performance']}, "
        f"tilfredshed {problem['satisfaction']}"
    )


def subgoal_lines(number: int, subgoal: dict[str, Any]) -> list[str]:
    return [
        f"{number}. {subgoal['description']} – ansvarlig: "
        f"{RESPONSIBLE_NAMES.get(subgoal['responsible'], subgoal['responsible'])}, "
        f"frist {danish_date(subgoal['due_date'])}",
        *[f"   • {action}" for action in subgoal["actions"]],
    ]


def summary(capture: dict[str, Any]) -> str:
    lines = [f"Her er, hvad jeg har skrevet ned for borger {capture['reference']}:", "", "COPM:"]
    lines += [problem_line(i, p) for i, p in enumerate(capture["problems"], 1)]
    goal = capture["goal"]
    lines += [
        "",
        f"Mål: »{goal['statement']}«",
        f"Frist: {danish_date(goal['due_date'])}",
        f"Knyttet til: {capture['problems'][goal['problem_index']]['activity']}",
        "",
        "Delmål:",
    ]
    for i, subgoal in enumerate(goal["subgoals"], 1):
        lines += subgoal_lines(i, subgoal)
    lines += ["", "Skal jeg gemme det?"]
    return "\n".join(lines)


def goals_overview(reference: str, goals: list[dict[str, Any]]) -> str:
    if not goals:
        return f"Borger {reference} har ingen registrerede mål endnu."
    lines = [f"Mål for borger {reference}:"]
    for number, goal in enumerate(goals, 1):
        latest = goal.get("latest_evaluation")
        light = f", seneste evaluering {LIGHTS.get(latest['traffic_light'], '')}" if latest else ""
        lines.append(
            f"{number}. »{goal['statement']}« – frist {danish_date(goal['due_date'])}, "
            f"{STATUS_NAMES.get(goal['status'], goal['status'])}{light}"
        )
        for subgoal in goal.get("subgoals", []):
            sub_latest = subgoal.get("latest_evaluation")
            sub_light = f" {LIGHTS.get(sub_latest['traffic_light'], '')}" if sub_latest else ""
            lines.append(
                f"   – {subgoal['description']} ({RESPONSIBLE_NAMES.get(subgoal['responsible'])}, "
                f"frist {danish_date(subgoal['due_date'])}){sub_light}"
            )
    return "\n".join(lines)
