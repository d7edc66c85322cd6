"""'Min plan' in plain Danish: short sentences, 'du' and 'din kontaktperson', Danish dates.

Only the sentences made here are ours; the goal, delmål and handlinger are shown as they were
written with the citizen. The sentences are kept short and plain (LIX ≤ 35, tested): few words
longer than six letters, one thought per sentence.

The next evaluation is not stored as such; the plan shows the next date on which something in
it (a delmål or the goal) is due, since that is when it is looked at together.
"""

from __future__ import annotations

import datetime as dt

from api.enums import GoalStatus, Responsible
from api.models import Goal, Subgoal
from api.schemas.plan import PlanGoal, PlanOut, PlanStep

WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)

WHO = {
    Responsible.BORGER: "Det gør du.",
    Responsible.KONTAKTPERSON: "Det gør din kontaktperson.",
    Responsible.TERAPEUT: "Det gør din terapeut.",
    Responsible.PAAROERENDE: "Det gør din familie.",
    Responsible.ANDET: "Det gør en anden.",
}
CLOSED_STEP = {
    GoalStatus.OPNAAET: "Det trin er nået.",
    GoalStatus.DELVIST_OPNAAET: "Det trin er nået et stykke af vejen.",
    GoalStatus.IKKE_OPNAAET: "Det trin blev ikke nået.",
    GoalStatus.AFBRUDT: "Det trin er stoppet.",
}

TITLE = "Min plan"
STEPS_TITLE = "Små trin på vejen"
INTRO_ONE = (
    "Her er din plan. Den viser dit mål og de små trin på vejen. Du kan se, hvem der gør hvad."
)
INTRO_MANY = (
    "Her er din plan. Den viser dine mål og de små trin på vejen. Du kan se, hvem der gør hvad."
)
NOTHING_YET = (
    "Du har ingen mål i gang lige nu. Tal med din kontaktperson, hvis du vil have en ny plan."
)
NO_DATE_YET = "Vi finder en dag, hvor vi ser på planen sammen."


def danish_date(day: dt.date, today: dt.date) -> str:
    """'fredag den 26. marts', with the year when it is not this year."""
    text = f"{WEEKDAYS[day.weekday()]} den {day.day}. {MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def _goal_when(goal: Goal, today: dt.date) -> str:
    date = danish_date(goal.due_date, today)
    if goal.due_date >= today:
        return f"Du vil gerne nå målet senest {date}."
    return f"Målet skulle være nået {date}. Vi finder en ny dag sammen."


def _actions_title(row: Subgoal) -> str | None:
    if not row.actions:
        return None
    return "Sådan gør du:" if row.responsible is Responsible.BORGER else "Det skal ske:"


def _step(number: int, row: Subgoal, today: dt.date) -> PlanStep:
    open_step = row.status is GoalStatus.AKTIV
    when = None
    if open_step:
        date = danish_date(row.due_date, today)
        when = (
            f"Nå det senest {date}." if row.due_date >= today else f"Det skulle være nået {date}."
        )
    return PlanStep(
        title=f"Trin {number}",
        text=row.description,
        who=WHO[row.responsible],
        actions_title=_actions_title(row),
        actions=list(row.actions),
        when=when,
        status=None if open_step else CLOSED_STEP[row.status],
    )


def _next_date(goals: list[Goal], today: dt.date) -> dt.date | None:
    dates = [g.due_date for g in goals] + [
        s.due_date for g in goals for s in g.subgoals if s.status is GoalStatus.AKTIV
    ]
    upcoming = [d for d in dates if d >= today]
    return min(upcoming, default=None)


def build(goals: list[Goal], today: dt.date) -> PlanOut:
    """The plan of the goals in progress (closed goals are no longer part of the plan)."""
    active = [g for g in goals if g.status is GoalStatus.AKTIV]
    plan_goals = [
        PlanGoal(
            title="Dit mål" if len(active) == 1 else f"Mål {number}",
            goal=goal.statement,
            when=_goal_when(goal, today),
            steps_title=STEPS_TITLE,
            steps=[
                _step(step_number, row, today)
                for step_number, row in enumerate(
                    sorted(goal.subgoals, key=lambda s: (s.due_date, s.id)), start=1
                )
            ],
        )
        for number, goal in enumerate(active, start=1)
    ]
    next_date = _next_date(active, today)
    if next_date is not None:
        next_evaluation = f"Næste gang vi ser på planen sammen: {danish_date(next_date, today)}."
    else:
        next_evaluation = NO_DATE_YET if active else None
    return PlanOut(
        title=TITLE,
        intro=INTRO_ONE if len(active) <= 1 else INTRO_MANY,
        goals=plan_goals,
        nothing_yet=None if active else NOTHING_YET,
        next_evaluation=next_evaluation,
        made=f"Planen er lavet {danish_date(today, today)}.",
    )


def generated_sentences(plan: PlanOut) -> list[str]:
    """Every sentence the plan makes itself (not the citizen's or the staff's own words)."""
    texts = [plan.intro, plan.nothing_yet, plan.next_evaluation, plan.made]
    for goal in plan.goals:
        texts.append(goal.when)
        for step in goal.steps:
            texts += [step.who, step.when, step.status]
    return [text for text in texts if text]
