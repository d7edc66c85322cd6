"""Quality indicators for leaders: aggregates over every citizen, small counts suppressed.

Each indicator names the measure of the inspirationskatalog ("Inspirationskatalog:
kvalitetsmål på ældre- og sundhedsområdet", KL) it serves, or says it is the product's own.
Suppression (api.suppression): no count below 5, none derivable by subtraction, shares, means
and medians only where at least 5 stand behind them. The periods (api/README.md):

- goal outcomes: closed goals whose due date lies in the period, by their status now;
- COPM: citizens with a re-assessment in the period, their latest one against its baseline;
- evaluated in the last 14 days: goals in progress now, created by the period's last day,
  with an evaluation of the goal or a delmål in the 14 days ending on that day;
- days to first evaluation: goals created in the period;
- involvement: delmål created in the period, by who is responsible;
- traffic lights: evaluations (of goals and delmål) dated in the period, by month.

"Created in the period" uses the Danish calendar day of the creation time.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Sequence
from enum import Enum
from fractions import Fraction
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload

from api import audit, copm
from api.clock import DANISH_TIME, utcnow
from api.enums import GoalStatus, Responsible, TrafficLight
from api.errors import error_item, raise_if
from api.models import Assessment, Evaluation, Goal, Reassessment, Subgoal
from api.principal import Principal
from api.schemas.common import EARLIEST_DATE, MAX_YEARS_AHEAD
from api.schemas.reports import (
    Indicator,
    IndicatorReport,
    IndicatorRow,
    IndicatorSource,
    Period,
    SuppressionRule,
)
from api.suppression import SUPPRESSED, THRESHOLD, Partition, enough, suppress

CATALOGUE = "Inspirationskatalog: kvalitetsmål på ældre- og sundhedsområdet (KL)"
PLEJE = (
    "Pleje og omsorg (Servicelovens § 83, 83a, 84 og 86, Ældrelovens § 4, 6, 7, 9-11, 13, 16, 17)"
)
GENOPTRAENING = "Genoptræning (Sundhedslovens § 140)"
EVALUATION_WINDOW_DAYS = 14
TOTAL = "i alt"

SUPPRESSION = SuppressionRule(
    threshold=THRESHOLD,
    shown_as=SUPPRESSED,
    rule=(
        "Antal under 5 (0-4) vises som '<5'. Er kun ét tal i en tabel skjult, skjules også det "
        "mindste af de andre, så det skjulte ikke kan regnes ud som total minus de viste. Andele "
        "vises kun, når tallene bag dem vises; gennemsnit og medianer kun, når mindst 5 står bag."
    ),
)


def _catalogue(area: str, driver: str, measure: str, note: str | None = None) -> IndicatorSource:
    return IndicatorSource(
        kind="inspirationskatalog", area=area, driver=driver, measure=measure, note=note
    )


def _own(note: str) -> IndicatorSource:
    return IndicatorSource(kind="produktets eget", area=None, driver=None, measure=None, note=note)


# --- period -------------------------------------------------------------------------------


def check_period(start_raw: str | None, end_raw: str | None) -> tuple[dt.date, dt.date]:
    errors = []
    dates: dict[str, dt.date] = {}
    for name, raw in (("from", start_raw), ("to", end_raw)):
        if raw is None:
            errors.append(
                error_item(("query", name), f"Angiv {name}=ÅÅÅÅ-MM-DD (perioden from til to)")
            )
            continue
        try:
            if len(raw) != 10:
                raise ValueError
            dates[name] = dt.date.fromisoformat(raw)
        except ValueError:
            errors.append(
                error_item(("query", name), "Datoen skal skrives ÅÅÅÅ-MM-DD, f.eks. 2025-03-31")
            )
    raise_if(errors)
    start, end = dates["from"], dates["to"]
    if start > end:
        errors.append(
            error_item(("query", "from"), "Perioden begynder (from) efter den slutter (to)")
        )
    if start < EARLIEST_DATE:
        errors.append(
            error_item(
                ("query", "from"), f"Perioden må ikke begynde før {EARLIEST_DATE.isoformat()}"
            )
        )
    try:
        limit = start.replace(year=start.year + MAX_YEARS_AHEAD)
    except ValueError:  # 29 February
        limit = start.replace(year=start.year + MAX_YEARS_AHEAD, day=28)
    if end >= limit:
        errors.append(error_item(("query", "to"), f"Perioden må højst være {MAX_YEARS_AHEAD} år"))
    raise_if(errors)
    return start, end


def _day_start(day: dt.date) -> dt.datetime:
    """The UTC instant at which a Danish calendar day begins."""
    return dt.datetime.combine(day, dt.time(), tzinfo=DANISH_TIME).astimezone(dt.timezone.utc)


def _local_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(DANISH_TIME).date()


def _created_in(
    column: InstrumentedAttribute[dt.datetime], start: dt.date, end: dt.date
) -> ColumnElement[bool]:
    return (column >= _day_start(start)) & (column < _day_start(end + dt.timedelta(days=1)))


def _row(label: str, partition: Partition, shares: dict[str, tuple[str, ...]]) -> IndicatorRow:
    return IndicatorRow(
        label=label,
        total=partition.total,
        counts=partition.cells,
        shares={name: partition.share(*keys) for name, keys in shares.items()},
    )


def _counts(
    session: Session,
    column: InstrumentedAttribute[Any],
    members: Sequence[Enum],
    *where: ColumnElement[bool],
) -> dict[str, int]:
    """Rows per value of an enum column, only for `members` and in their order (0 where none)."""
    query = select(column, func.count()).where(column.in_(members), *where).group_by(column)
    found = dict(session.execute(query).all())
    return {member.value: int(found.get(member, 0)) for member in members}


def _each(keys: list[str]) -> dict[str, tuple[str, ...]]:
    return {key: (key,) for key in keys}


def _evaluation_dates(goal: Goal) -> list[dt.date]:
    rows = [*goal.evaluations, *(e for s in goal.subgoals for e in s.evaluations)]
    return [e.evaluated_on for e in rows]


# --- the indicators -----------------------------------------------------------------------

# Closed goals only: the goals still in progress are counted by `evaluated_recently`, and the
# two tables could then describe the same goals, so a hidden cell could be read off the other.
OUTCOMES = [
    GoalStatus.OPNAAET,
    GoalStatus.DELVIST_OPNAAET,
    GoalStatus.IKKE_OPNAAET,
    GoalStatus.AFBRUDT,
]


def goal_outcomes(session: Session, start: dt.date, end: dt.date) -> Indicator:
    counts = _counts(session, Goal.status, OUTCOMES, Goal.due_date >= start, Goal.due_date <= end)
    return Indicator(
        id="goal_outcomes",
        title="Målopfyldelse",
        definition="Afsluttede mål med frist i perioden efter deres status nu: opnået, delvist "
        "opnået, ikke opnået, afbrudt. Mål, der stadig er i gang, tælles ikke med her.",
        unit="mål",
        source=_catalogue(
            GENOPTRAENING,
            "2.b Inddragelse af borgers mål og præferencer",
            "Andel forløb, hvor borgersatte mål opnås (lokal)",
            "Kataloget har målet under genoptræning; her for hverdagsrehabiliteringens mål, "
            "som sættes med borgeren (COPM).",
        ),
        rows=[_row(TOTAL, suppress(counts), _each(list(counts)))],
        values={},
    )


def copm_change(session: Session, start: dt.date, end: dt.date) -> Indicator:
    reassessments = session.scalars(
        select(Reassessment)
        .where(Reassessment.assessed_on >= start, Reassessment.assessed_on <= end)
        .options(
            selectinload(Reassessment.ratings),
            selectinload(Reassessment.assessment).selectinload(Assessment.problems),
        )
    ).all()
    latest: dict[int, Reassessment] = {}
    for row in reassessments:
        citizen_id = row.assessment.citizen_id
        current = latest.get(citizen_id)
        if current is None or (row.assessed_on, row.id) > (current.assessed_on, current.id):
            latest[citizen_id] = row
    performance: list[Fraction] = []
    satisfaction: list[Fraction] = []
    for row in latest.values():
        problems = row.assessment.problems
        performance.append(
            copm.mean(r.performance for r in row.ratings)
            - copm.mean(p.performance for p in problems)
        )
        satisfaction.append(
            copm.mean(r.satisfaction for r in row.ratings)
            - copm.mean(p.satisfaction for p in problems)
        )
    improved = sum(
        1
        for p, s in zip(performance, satisfaction, strict=True)
        if p >= copm.CLINICALLY_IMPORTANT_CHANGE or s >= copm.CLINICALLY_IMPORTANT_CHANGE
    )
    counts = {"forbedret": improved, "ikke_forbedret": len(latest) - improved}

    def mean(values: list[Fraction]) -> float | None:
        return copm.round_score(sum(values, Fraction(0)) / len(values)) if enough(values) else None

    return Indicator(
        id="copm_change",
        title="Borgere med forbedret COPM-udførelse eller -tilfredshed",
        definition="Borgere med en COPM-genvurdering i perioden; den seneste sammenlignes med "
        "den oprindelige vurdering. Forbedret = udførelse eller tilfredshed steget mindst 2 "
        "point. Gennemsnitlig ændring i point for udførelse og tilfredshed.",
        unit="borgere",
        source=_catalogue(
            PLEJE,
            "0 Fastholdelse af funktionsevneniveau",
            "Andel borgere, der har fastholdt eller forbedret funktionsevnescore efter seks "
            "måneder",
            "Kataloget måler med FSIII's funktionsevnescore; her med borgerens egen "
            "COPM-vurdering (lokal opgørelse). Se også Genoptræning (§ 140): 'Borgeroplevet "
            "effekt af genoptræning (lokal)'.",
        ),
        rows=[_row(TOTAL, suppress(counts), {"forbedret": ("forbedret",)})],
        values={
            "gennemsnitlig_aendring_udfoerelse": mean(performance),
            "gennemsnitlig_aendring_tilfredshed": mean(satisfaction),
        },
    )


def _goals_with_evaluations(session: Session, *conditions: ColumnElement[bool]) -> list[Goal]:
    return list(
        session.scalars(
            select(Goal)
            .where(*conditions)
            .options(
                selectinload(Goal.evaluations),
                selectinload(Goal.subgoals).selectinload(Subgoal.evaluations),
            )
        )
    )


def evaluated_recently(session: Session, start: dt.date, end: dt.date) -> Indicator:
    del start  # the window ends on the period's last day
    window_start = end - dt.timedelta(days=EVALUATION_WINDOW_DAYS - 1)
    goals = _goals_with_evaluations(
        session,
        Goal.status == GoalStatus.AKTIV,
        Goal.created_at < _day_start(end + dt.timedelta(days=1)),
    )
    evaluated = sum(
        1 for g in goals if any(window_start <= day <= end for day in _evaluation_dates(g))
    )
    counts = {"evalueret": evaluated, "ikke_evalueret": len(goals) - evaluated}
    return Indicator(
        id="evaluated_last_14_days",
        title="Aktive mål evalueret de seneste 14 dage",
        definition=f"Aktive mål (oprettet senest periodens sidste dag) med en evaluering af "
        f"målet eller et delmål fra {window_start.isoformat()} til {end.isoformat()}.",
        unit="mål",
        source=_own(
            "Produktets eget (ugentlig evaluering, jf. KORA). Beslægtet med kataloget, "
            f"{PLEJE}, 2.a Løbende vurdering af tilstand (der: revurderet inden for 6 mdr.)."
        ),
        rows=[_row(TOTAL, suppress(counts), {"evalueret": ("evalueret",)})],
        values={},
    )


def days_to_first_evaluation(session: Session, start: dt.date, end: dt.date) -> Indicator:
    goals = _goals_with_evaluations(session, _created_in(Goal.created_at, start, end))
    days: list[int] = []
    for goal in goals:
        dates = _evaluation_dates(goal)
        if dates:
            # An evaluation dated before the goal was entered counts as day 0.
            days.append(max(0, (min(dates) - _local_day(goal.created_at)).days))
    counts = {"evalueret": len(days), "ikke_evalueret_endnu": len(goals) - len(days)}
    return Indicator(
        id="days_to_first_evaluation",
        title="Dage fra målet sættes til første evaluering",
        definition="Mål oprettet i perioden: median antal dage fra oprettelsen til den første "
        "evaluering af målet eller et delmål; mål uden evaluering tælles for sig.",
        unit="mål",
        source=_own(
            f"Produktets eget. Beslægtet med kataloget, {GENOPTRAENING}, 1 Rettidig indsats."
        ),
        rows=[_row(TOTAL, suppress(counts), {"evalueret": ("evalueret",)})],
        values={"median_dage": float(statistics.median(days)) if enough(days) else None},
    )


RESPONSIBLE_ORDER = [
    Responsible.BORGER,
    Responsible.PAAROERENDE,
    Responsible.KONTAKTPERSON,
    Responsible.TERAPEUT,
    Responsible.ANDET,
]


def involvement(session: Session, start: dt.date, end: dt.date) -> Indicator:
    counts = _counts(
        session,
        Subgoal.responsible,
        RESPONSIBLE_ORDER,
        _created_in(Subgoal.created_at, start, end),
    )
    shares = {
        **_each(list(counts)),
        "borger_eller_paaroerende": (Responsible.BORGER.value, Responsible.PAAROERENDE.value),
    }
    return Indicator(
        id="involvement",
        title="Delmål, som borgeren eller de pårørende står for",
        definition="Delmål oprettet i perioden efter, hvem der er ansvarlig; andelen med "
        "borgeren eller en pårørende som ansvarlig.",
        unit="delmål",
        source=_catalogue(
            PLEJE,
            "3 Selvbestemmelse og borger-/pårørende-inddragelse (3.a Pleje planlægges med "
            "udgangspunkt i borgerens ønsker; 3.b Involvering af pårørendes viden og erfaring)",
            "Andel, der oplever, at deres pårørende er inddraget relevant i tilrettelæggelsen "
            "af deres pleje",
            "Kataloget måler oplevet inddragelse (brugerundersøgelse); her hvem der står for "
            "delmålene, som registreret (lokal opgørelse).",
        ),
        rows=[_row(TOTAL, suppress(counts), shares)],
        values={},
    )


def _months(start: dt.date, end: dt.date) -> list[str]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def traffic_lights(session: Session, start: dt.date, end: dt.date) -> Indicator:
    found = session.execute(
        select(Evaluation.evaluated_on, Evaluation.traffic_light).where(
            Evaluation.evaluated_on >= start, Evaluation.evaluated_on <= end
        )
    ).all()
    by_month = Counter((day.strftime("%Y-%m"), light) for day, light in found)
    lights = [light.value for light in TrafficLight]
    rows = [
        _row(
            month,
            suppress({light.value: by_month[(month, light)] for light in TrafficLight}),
            _each(lights),
        )
        for month in _months(start, end)
    ]
    return Indicator(
        id="traffic_lights_by_month",
        title="Trafiklys pr. måned",
        definition="Evalueringer af mål og delmål dateret i perioden, pr. måned: grøn (alt "
        "går godt), gul (noget halter), rød (markant forværring). Ingen total for hele "
        "perioden, så skjulte tal ikke kan regnes ud på tværs af måneder.",
        unit="evalueringer",
        source=_own(
            "Produktets eget. Beslægtet med kataloget, "
            f"{PLEJE}, 2.b Tidlig identifikation af svækkelse (andel triageret gul/rød); "
            "der gælder lysene borgerens tilstand, her evalueringen af målene."
        ),
        rows=rows,
        values={},
    )


def report(
    session: Session, who: Principal, start_raw: str | None, end_raw: str | None
) -> IndicatorReport:
    start, end = check_period(start_raw, end_raw)
    indicators = [
        build(session, start, end)
        for build in (
            goal_outcomes,
            copm_change,
            evaluated_recently,
            days_to_first_evaluation,
            involvement,
            traffic_lights,
        )
    ]
    # Aggregates across citizens: audited as a read without a citizen.
    audit.read(session, who, "indicators", None, None)
    return IndicatorReport(
        period=Period(start=start, end=end),
        generated_at=utcnow(),
        suppression=SUPPRESSION,
        indicators=indicators,
    )
