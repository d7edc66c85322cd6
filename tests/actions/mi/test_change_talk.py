"""Change talk vs sustain talk (DARN-CAT) in citizens' statements, and suggested reflections."""

from __future__ import annotations

import pytest

from actions.mi.change_talk import Category, Kind, analyse, change_reflection, render

CHANGE = Kind.CHANGE
SUSTAIN = Kind.SUSTAIN


@pytest.mark.parametrize(
    ("statement", "kind", "category", "cue"),
    [
        # change talk, one or more cases per DARN-CAT category
        ("Jeg vil gerne kunne klare badet selv igen.", CHANGE, Category.DESIRE, "Jeg vil gerne"),
        ("Jeg ønsker at komme mere ud.", CHANGE, Category.DESIRE, "Jeg ønsker"),
        ("Jeg ville ønske, jeg kunne gå i haven.", CHANGE, Category.DESIRE, "Jeg ville ønske"),
        ("Jeg kan godt gå til købmanden.", CHANGE, Category.ABILITY, "Jeg kan godt"),
        ("Jeg kunne måske gå en tur i morgen.", CHANGE, Category.ABILITY, "Jeg kunne måske"),
        ("Fordi jeg gerne vil lege med mine børnebørn.", CHANGE, Category.REASONS, "Fordi"),
        ("Så ville jeg kunne komme ud igen.", CHANGE, Category.REASONS, "Så ville jeg"),
        ("Jeg bliver nødt til at komme i gang.", CHANGE, Category.NEED, "Jeg bliver nødt til"),
        ("Jeg må se at komme op af stolen.", CHANGE, Category.NEED, "Jeg må se at"),
        ("Jeg skal kunne klare trapperne.", CHANGE, Category.NEED, "Jeg skal kunne"),
        ("Jeg vil gå en tur hver dag.", CHANGE, Category.COMMITMENT, "Jeg vil"),
        ("Jeg har tænkt mig at starte på mandag.", CHANGE, Category.COMMITMENT, None),
        ("Det gør jeg.", CHANGE, Category.COMMITMENT, "Det gør jeg"),
        ("Jeg har allerede prøvet at gå uden stok.", CHANGE, Category.STEPS, None),
        ("I går gik jeg ned til købmanden.", CHANGE, Category.STEPS, "I går gik jeg"),
        ("Jeg er begyndt at lave øvelserne.", CHANGE, Category.STEPS, "Jeg er begyndt"),
        # sustain talk: the same categories turned against change
        ("Jeg kan ikke gå på trapper.", SUSTAIN, Category.ABILITY, "Jeg kan"),
        ("Det kan jeg ikke.", SUSTAIN, Category.ABILITY, None),
        ("Jeg vil ikke have hjælp.", SUSTAIN, Category.DESIRE, None),
        ("Jeg gider ikke.", SUSTAIN, Category.DESIRE, None),
        ("Det nytter ikke noget.", SUSTAIN, Category.REASONS, None),
        ("Jeg er for gammel til det der.", SUSTAIN, Category.REASONS, "Jeg er for gammel"),
        ("Det har jeg ikke brug for.", SUSTAIN, Category.NEED, "Det har jeg ikke brug for"),
        ("Jeg klarer mig fint selv.", SUSTAIN, Category.NEED, None),
        ("Det gør jeg ikke.", SUSTAIN, Category.COMMITMENT, None),
        ("Jeg har ikke tænkt mig at gå til træning.", SUSTAIN, Category.COMMITMENT, None),
        ("Jeg er holdt op med at gå ture.", SUSTAIN, Category.STEPS, None),
    ],
)
def test_kind_category_and_cue(
    statement: str, kind: Kind, category: Category, cue: str | None
) -> None:
    result = analyse(statement)
    assert (result.kind, result.category) == (kind, category)
    assert result.cue
    if cue is not None:
        assert result.cue == cue


@pytest.mark.parametrize(
    ("statement", "kind"),
    [
        ("Jeg tror ikke, jeg kan klare det.", SUSTAIN),  # doubt before the cue
        ("Jeg kan ikke blive ved med at sidde her.", CHANGE),  # refuses the status quo
        ("Jeg vil ikke længere sidde inde hele dagen.", CHANGE),  # refuses the status quo
        ("Jeg kan ikke længere gå til bussen.", SUSTAIN),  # lost ability stays sustain
        ("Det er ikke for sent.", CHANGE),  # a negated sustain phrase
        ("Det hjælper faktisk at gå lidt hver dag.", CHANGE),
    ],
)
def test_negation(statement: str, kind: Kind) -> None:
    assert analyse(statement).kind is kind


@pytest.mark.parametrize(
    "statement",
    [
        "Jeg bor alene i en lejlighed på tredje sal.",
        "Min datter kommer på søndag.",
        "Min datter siger, jeg skal gå mere.",  # someone else's wish, not the citizen's
    ],
)
def test_neutral(statement: str) -> None:
    result = analyse(statement)
    assert result.kind is Kind.NEUTRAL
    assert result.category is None and result.cue is None


def test_change_talk_is_reflected_back_in_second_person() -> None:
    result = analyse("Jeg vil gerne kunne klare badet selv igen.")
    assert result.reflection == "Du vil gerne kunne klare badet selv igen."
    reasons = analyse("Fordi jeg gerne vil lege med mine børnebørn.")
    assert (
        reasons.reflection == "En vigtig grund for dig er, at du gerne vil lege med dine børnebørn."
    )


def test_sustain_talk_is_acknowledged_and_points_to_autonomy() -> None:
    result = analyse("Jeg kan ikke gå på trapper.")
    assert result.reflection.startswith("Lige nu føles det uoverskueligt")
    assert "dig, der bestemmer" in result.reflection


def test_ambivalence_ends_on_the_change_side() -> None:
    result = analyse("Jeg vil gerne, men jeg kan ikke.")
    assert result.ambivalent
    assert result.kind is SUSTAIN  # the citizen lands on sustain talk
    assert result.reflection == "Du kan ikke – og du vil gerne."
    landing_on_change = analyse("Jeg kan ikke lige nu, men jeg vil gerne prøve.")
    assert landing_on_change.kind is CHANGE and landing_on_change.ambivalent


def test_render_in_danish() -> None:
    text = render(analyse("Jeg vil gerne kunne klare badet selv igen."))
    assert "forandringssnak (ønsker)" in text
    assert "»Du vil gerne kunne klare badet selv igen.«" in text
    sustain = render(analyse("Det nytter ikke noget."))
    assert "fastholdelsessnak (grunde)" in sustain
    neutral = render(analyse("Min datter kommer på søndag."))
    assert "neutral" in neutral and "»Din datter kommer på søndag.«" in neutral


def test_change_reflection_for_the_coders_reading() -> None:
    """The missed-change-talk rewrite: the rules' reflection when they see change talk too,
    else the citizen's words said back; a tentative line gets no "du har besluttet dig"."""
    assert change_reflection("Jeg vil gerne kunne klare badet selv igen.", Category.DESIRE) == (
        "Du vil gerne kunne klare badet selv igen."
    )
    tentative = change_reflection("Måske en tur i stuen med rollatoren.", Category.COMMITMENT)
    assert tentative == "Måske en tur i stuen med rollatoren."
    firm = change_reflection("Rollatoren kommer med i stuen.", Category.COMMITMENT)
    assert firm == "Rollatoren kommer med i stuen – du har besluttet dig."
