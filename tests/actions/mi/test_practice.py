"""MI practice feedback: the utterance classifier, its precedence, MITI measures and rewrites."""

from __future__ import annotations

from pathlib import Path

import pytest

from actions.mi.coder import RuleCoder
from actions.mi.evaluate import evaluate, main, render_confusion
from actions.mi.feedback import Feedback, Verdict, render
from actions.mi.feedback import feedback as coded_feedback
from actions.mi.practice import Label, classify, classify_all, explain
from actions.mi.rewrite import rewrite
from actions.mi.tokens import danish_nlp

OPEN = Label.OPEN_QUESTION
CLOSED = Label.CLOSED_QUESTION
SIMPLE = Label.SIMPLE_REFLECTION
COMPLEX = Label.COMPLEX_REFLECTION
AFFIRM = Label.AFFIRMATION
PERSUADE = Label.PERSUASION


def feedback(lines: list[str]) -> Feedback:
    """The feedback tests pin the coder to the rules: they test the measures and the rewrites,
    not the learned coder (tests/actions/mi/test_coder.py does that)."""
    return coded_feedback(lines, RuleCoder())


INFO = Label.INFORMATION

# The development set: at least one case per rule, and every precedence decision.
DEV_CASES = [
    # open questions: hv-word first or first in a clause, "fortæl/beskriv", indirect requests
    ("Hvad tænker du om det?", OPEN),
    ("Hvordan har du det i dag?", OPEN),
    ("Hvorfor er det vigtigt for dig?", OPEN),
    ("Hvornår har du det bedst?", OPEN),
    ("Hvilke tanker gør du dig om træningen?", OPEN),
    ("Hvem kan hjælpe dig?", OPEN),
    ("Fortæl lidt om en typisk dag.", OPEN),
    ("Beskriv en god dag for mig.", OPEN),
    ("Prøv at fortælle mig, hvordan morgenen går.", OPEN),
    ("Og hvad så med din datter?", OPEN),
    ("Okay, hvad sker der så?", OPEN),
    ("Når du tænker tilbage, hvad var så det bedste?", OPEN),
    ("Kan du fortælle lidt mere om det?", OPEN),
    ("Jeg er nysgerrig på, hvad du selv tænker.", OPEN),
    ("Må jeg spørge, hvordan du har det med at bede om hjælp?", OPEN),
    ("Behandler: Hvordan går det med trapperne?", OPEN),
    # closed questions: finite verb first, tag questions, any other "?"
    ("Er du træt?", CLOSED),
    ("Har du ondt i knæet?", CLOSED),
    ("Bor du alene?", CLOSED),
    ("Synes du, det er svært?", CLOSED),
    ("Vil du gerne træne mere?", CLOSED),
    ("Du har det godt, ikke?", CLOSED),
    ("Det gør ondt, ikke sandt?", CLOSED),
    ("Ved du, hvad du gerne vil?", CLOSED),  # the verb comes first: a yes/no question
    ("Spiser du morgenmad", CLOSED),  # no "?" in chat, still verb + subject first
    ("Du er træt?", CLOSED),  # the question mark beats the reflection
    ("Det lyder som om, du er bekymret?", CLOSED),
    # simple reflections
    ("Du er træt.", SIMPLE),
    ("Så du synes, det er svært at komme i bad.", SIMPLE),
    ("Du siger, at du skal træne mere.", SIMPLE),  # the citizen's "skal", not advice
    ("Du går ture med din datter.", SIMPLE),
    ("Så trapperne er det sværeste.", SIMPLE),
    ("Jeg hører, at du har haft en travl uge.", SIMPLE),
    ("Det er svært at komme i bad om morgenen.", SIMPLE),
    ("Trapperne er det, der driller mest.", SIMPLE),  # a trouble, though no "du"
    ("Du synes, at øvelserne er kedelige.", SIMPLE),  # "kedelige" is not "ked af det"
    # complex reflections
    ("Det lyder som om, du er bekymret for at falde.", COMPLEX),
    ("Det lyder til, at det har været en hård uge.", COMPLEX),
    ("Du er bekymret for at falde igen.", COMPLEX),
    ("På den ene side vil du gerne klare dig selv, på den anden side er du bange.", COMPLEX),
    ("Det vigtigste for dig er at kunne komme ud i haven.", COMPLEX),
    ("Du føler dig alene.", COMPLEX),
    ("Det betyder meget for dig at klare dig selv.", COMPLEX),
    ("Så det, der fylder mest, er trapperne.", COMPLEX),
    ("Du vil gerne klare dig selv, men knæet driller.", COMPLEX),
    ("Du er slet ikke klar til at starte endnu.", COMPLEX),
    ("Du må have været bange.", COMPLEX),  # "må" of inference, not of advice
    # affirmations
    ("Det er flot, at du har været ude at gå.", AFFIRM),
    ("Du har virkelig kæmpet for at komme op igen.", AFFIRM),
    ("Godt gået!", AFFIRM),
    ("Du har kæmpet hårdt.", AFFIRM),
    ("Det kræver mod at bede om hjælp.", AFFIRM),
    ("Du er en, der ikke giver op.", AFFIRM),
    ("Hvor er det flot!", AFFIRM),  # hv-word first, but an exclamation of praise
    ("Sejt!", AFFIRM),
    ("Det lyder rigtig godt.", AFFIRM),  # praise, though it starts like a reflection
    # persuasion without permission
    ("Du skal gå mere.", PERSUADE),
    ("Du burde spise lidt mere.", PERSUADE),
    ("Du må hellere tage din medicin.", PERSUADE),
    ("Hvis jeg var dig, ville jeg bruge rollatoren.", PERSUADE),
    ("Det er vigtigt, at du træner hver dag.", PERSUADE),
    ("Du er nødt til at bruge stokken.", PERSUADE),
    ("Prøv nu bare at gå en tur.", PERSUADE),
    ("Gå en tur hver dag.", PERSUADE),
    ("Jeg synes, du skal gå mere.", PERSUADE),
    ("Det bedste, du kan gøre, er at træne hver dag.", PERSUADE),
    ("Du skal gå mere, ikke?", PERSUADE),  # persuasion beats the tag question
    ("Hvad med at gå en tur i morgen?", PERSUADE),  # a suggestion dressed as a question
    ("Skal du ikke bare prøve?", PERSUADE),
    ("Hvis du vil have det bedre, skal du træne.", PERSUADE),  # a condition, not an offer
    ("Det er flot. Men du skal også huske at hvile dig.", PERSUADE),
    # information, including advice offered with permission
    ("Forløbet varer tolv uger.", INFO),
    ("Terapeuten kommer på tirsdag.", INFO),
    ("Vi mødes hver uge.", INFO),
    ("Du får besøg af terapeuten på mandag.", INFO),
    ("Lægen siger, at du skal gå mere.", INFO),  # relayed, not the practitioner's advice
    ("Må jeg fortælle dig lidt om, hvad andre har haft gavn af?", INFO),
    ("Hvis du vil, kan jeg fortælle om nogle hjælpemidler.", INFO),
    ("Er det i orden, at jeg fortæller lidt om forløbet?", INFO),
    ("Du kunne prøve at gå en tur, men det er helt op til dig.", INFO),
    ("Du må gerne ringe, hvis der er noget.", INFO),
    ("I morgen skal du til lægen.", INFO),  # "skal til" is a plan
    ("Det er helt normalt at være bekymret.", INFO),
    # rules generalised after the first run on the official set (own wording, not its lines)
    ("Hvor længe har du boet her?", CLOSED),  # asks for a number
    ("Det er dig, der bestemmer, hvad vi starter med.", INFO),  # autonomy
    ("Siden du selv spurgte: mange bruger en gribetang.", INFO),  # permission given
    ("Du har styr på din kalender.", AFFIRM),  # a named strength
    ("Du er ret opfindsom med dine hjælpemidler.", AFFIRM),
    ("Du var altid en, der fik tingene gjort.", AFFIRM),
    ("Hvis du ikke tager medicinen, bliver du indlagt igen.", PERSUADE),  # a threat
    ("Det ville være synd at droppe træningen nu.", PERSUADE),
    ("Okay, men du bliver simpelthen nødt til at spise.", PERSUADE),
    ("Når du er færdig med forløbet, holder vi et afslutningsmøde med dig.", INFO),
    ("Mm, træningen foregår om formiddagen, så du kan sove længe.", INFO),
    ("Det er helt almindeligt at være usikker i starten.", INFO),  # normalising
    ("Din frihed er vigtig.", COMPLEX),  # a value
    ("Og derfor vil du hellere vente til foråret.", COMPLEX),  # continuing the paragraph
    ("Det er ikke gåturen, men det at møde naboerne, der tæller.", COMPLEX),  # a reframe
    ("Det kan være ensomt at sidde alene om aftenen.", COMPLEX),  # a feeling, no "du"
    ("Indkøbene er det sværeste.", SIMPLE),
    # several sentences: the last question decides
    ("Det lyder svært. Hvad tænker du om det?", OPEN),
    ("Du har kæmpet hårdt. Er du træt nu?", CLOSED),
    ("Det lyder svært. Må jeg komme med et forslag?", INFO),
]


@pytest.mark.parametrize(("utterance", "expected"), DEV_CASES)
def test_classifies_dev_cases(utterance: str, expected: Label) -> None:
    assert classify(utterance) is expected, [(r.text, r.rule.name) for r in explain(utterance)]


def test_dev_set_covers_every_label_and_is_large_enough() -> None:
    assert {label for _, label in DEV_CASES} == set(Label)
    assert len(DEV_CASES) >= 60


def test_labels_are_the_danish_product_values() -> None:
    assert [label.value for label in Label] == [
        "åbent spørgsmål",
        "lukket spørgsmål",
        "simpel refleksion",
        "kompleks refleksion",
        "bekræftelse",
        "råd/overtalelse uden tilladelse",
        "information",
    ]
    assert str(Label.PERSUASION) == "råd/overtalelse uden tilladelse"


def test_permission_question_is_information_not_a_closed_question() -> None:
    (result,) = explain("Må jeg fortælle lidt om, hvad andre har gjort?")
    assert result.label is INFO
    assert "lov" in result.rule.name


def test_persuasion_rule_runs_before_reflection_and_question_rules() -> None:
    (result,) = explain("Du skal da ikke sidde inde hele dagen, vel?")
    assert result.label is PERSUADE


def test_classify_all_keeps_order() -> None:
    lines = ["Er du træt?", "Hvad tænker du?", "Du skal gå mere."]
    assert classify_all(lines) == [CLOSED, OPEN, PERSUADE]


def test_blank_line_is_refused() -> None:
    with pytest.raises(ValueError):
        classify("   ")


def test_pipeline_is_loaded_once() -> None:
    assert danish_nlp() is danish_nlp()


# --- feedback ----------------------------------------------------------------------------------


def test_feedback_counts_ratios_and_verdicts() -> None:
    result = feedback(
        [
            "Hvad tænker du om det?",  # open
            "Er du træt?",  # closed
            "Du er træt.",  # simple
            "Det lyder som om, du er bekymret for at falde.",  # complex
            "Du føler dig alene.",  # complex
            "Du går ture med din datter.",  # simple
        ]
    )
    assert result.counts[OPEN] == 1 and result.counts[CLOSED] == 1
    assert result.reflections == 4 and result.questions == 2
    assert result.reflection_to_question.value == pytest.approx(2.0)
    assert result.reflection_to_question.verdict is Verdict.GOOD
    assert result.open_question_share.value == pytest.approx(0.5)
    assert result.open_question_share.verdict is Verdict.FAIR
    assert result.complex_reflection_share.value == pytest.approx(0.5)
    assert result.complex_reflection_share.verdict is Verdict.GOOD


@pytest.mark.parametrize(
    ("reflections", "questions", "verdict"),
    [(1, 2, Verdict.BELOW_FAIR), (1, 1, Verdict.FAIR), (3, 2, Verdict.FAIR), (2, 1, Verdict.GOOD)],
)
def test_reflection_to_question_thresholds(
    reflections: int, questions: int, verdict: Verdict
) -> None:
    lines = ["Du er træt."] * reflections + ["Hvad tænker du?"] * questions
    assert feedback(lines).reflection_to_question.verdict is verdict


@pytest.mark.parametrize(
    ("complex_count", "simple_count", "verdict"),
    [(1, 2, Verdict.BELOW_FAIR), (2, 3, Verdict.FAIR), (1, 1, Verdict.GOOD)],
)
def test_complex_reflection_thresholds(
    complex_count: int, simple_count: int, verdict: Verdict
) -> None:
    lines = ["Du føler dig alene."] * complex_count + ["Du er træt."] * simple_count
    assert feedback(lines).complex_reflection_share.verdict is verdict


def test_weakest_line_prefers_persuasion_and_gets_a_rewrite() -> None:
    result = feedback(["Er du træt?", "Du skal gå mere.", "Du er træt."])
    assert result.weakest is not None
    assert (result.weakest.number, result.weakest.label) == (2, PERSUADE)
    assert result.rewrite == "Hvad tænker du selv om at gå lidt mere?"


def test_weakest_line_then_closed_question_then_simple_reflection() -> None:
    closed = feedback(["Du er træt.", "Er du træt?"])
    assert closed.weakest is not None and closed.weakest.label is CLOSED
    assert closed.rewrite == "Hvordan har du det med at være træt?"
    simple = feedback(["Hvad tænker du?", "Du går ture med din datter."])
    assert simple.weakest is not None and simple.weakest.label is SIMPLE
    assert simple.rewrite is not None and "betyder noget for dig" in simple.rewrite


def test_no_weak_line_means_no_rewrite() -> None:
    result = feedback(["Hvad tænker du?", "Det lyder som om, det betyder meget for dig."])
    assert result.weakest is None and result.rewrite is None
    assert "flot arbejde" in render(result)


def test_empty_input_is_handled() -> None:
    result = feedback(["", "   "])
    assert result.lines == () and result.weakest is None
    assert result.reflection_to_question.value is None
    assert "ingen replikker" in render(result)


def test_no_questions_says_ratio_is_undefined() -> None:
    result = feedback(["Du er træt.", "Du føler dig alene."])
    assert result.reflection_to_question.value is None
    assert result.reflection_to_question.verdict is None
    assert result.open_question_share.value is None
    assert "ikke defineret" in render(result)


def test_render_is_short_and_shows_labels_measures_and_rewrite() -> None:
    text = render(feedback(["Hvad tænker du?", "Er du træt?", "Du er træt.", "Du skal gå mere."]))
    lines = text.splitlines()
    assert len(lines) <= 8
    assert "1) åbent spørgsmål" in text and "4) råd/overtalelse uden tilladelse" in text
    assert "R:S" in text and "1:1" in text and "under fair" in text
    assert "Åbne spørgsmål: 50 % – fair" in text
    assert "»Hvad tænker du selv om at gå lidt mere?«" in text


# --- rewrites ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Du skal gå mere.", "Hvad tænker du selv om at gå lidt mere?"),
        ("Gå en tur hver dag.", "Hvad tænker du selv om at gå en tur hver dag?"),
        ("Det er vigtigt, at du træner hver dag.", "Hvad tænker du selv om at træne hver dag?"),
        ("Man bør bevæge sig hver dag.", "Hvad tænker du selv om at bevæge dig hver dag?"),
        (
            "Hvis jeg var dig, ville jeg bruge rollatoren.",
            "Hvad tænker du selv om at bruge rollatoren?",
        ),
        ("Er du træt?", "Hvordan har du det med at være træt?"),
        ("Bor du alene?", "Hvordan har du det med at bo alene?"),
        ("Kan du gå på trapper?", "Hvordan går det med at gå på trapper?"),
        ("Vil du gerne træne mere?", "Hvad tænker du om at træne mere?"),
        ("Ved du, hvad du gerne vil?", "Fortæl lidt om, hvad du gerne vil."),
        ("Gør det ondt?", "Hvordan oplever du det, når det gør ondt?"),
    ],
)
def test_rewrites(line: str, expected: str) -> None:
    assert rewrite(line, classify(line)) == expected


def test_prohibition_is_rewritten_as_asking_permission() -> None:
    suggestion = rewrite("Du skal ikke være bange.", PERSUADE)
    assert suggestion is not None and suggestion.startswith("Må jeg fortælle")


def test_rewritten_lines_are_mi_consistent() -> None:
    for line in ["Du skal gå mere.", "Er du træt?", "Bor du alene?", "Gå en tur hver dag."]:
        suggestion = rewrite(line, classify(line))
        assert suggestion is not None
        assert classify(suggestion) is OPEN, suggestion


# --- evaluation --------------------------------------------------------------------------------


def test_evaluate_reports_accuracy_confusion_and_misses(tmp_path: Path) -> None:
    path = tmp_path / "labelled.yml"
    path.write_text(
        "- text: Hvad tænker du om det?\n  label: åbent spørgsmål\n"
        "- text: Du skal gå mere.\n  label: råd/overtalelse uden tilladelse\n"
        "- text: Er du træt?\n  label: åbent spørgsmål\n",
        encoding="utf-8",
    )
    accuracy, confusion, misses = evaluate(path)
    assert accuracy == pytest.approx(2 / 3)
    assert confusion[("åbent spørgsmål", "lukket spørgsmål")] == 1
    assert [miss.text for miss in misses] == ["Er du træt?"]
    table = render_confusion(confusion)
    assert "ÅS" in table and "åbent spørgsmål" in table


def test_evaluate_cli_prints_accuracy(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "labelled.yml"
    path.write_text("- text: Er du træt?\n  label: lukket spørgsmål\n", encoding="utf-8")
    assert main([str(path)]) == 0
    assert "Accuracy: 100.0% (1/1)" in capsys.readouterr().out
