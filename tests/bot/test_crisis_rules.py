"""Behaviour of the Danish crisis rules (bot/nlu/crisis_rules.py), without Rasa.

The sentences here are written for these tests. The last tests compute figures on the two
development sets (data/dev/crisis_dev.yml and data/dev/crisis_dev_2.yml) and on the training
data: the rules were tuned on them, so those figures only guard against regressions. They are
not a blind measure; the blind test sets live elsewhere and are not read here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.nlu.crisis_rules import (
    DANGER,
    KINDS,
    MEDICAL,
    SUICIDE,
    TYPO_KEYS,
    VIOLENCE,
    _canonical_word,
    detect,
    fold,
    normalise,
)

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "data" / "dev" / "crisis_dev.yml"
DEV_2 = ROOT / "data" / "dev" / "crisis_dev_2.yml"  # three writers, written after DEV
NLU = ROOT / "data" / "nlu"
CRISIS_KINDS = (SUICIDE, MEDICAL, VIOLENCE, DANGER)


# ---------------------------------------------------------------- folding


def test_fold_writes_aeoeaa_as_two_letters_and_drops_accents():
    assert fold("Æble, Søren, PÅ én gang") == "aeble, soeren, paa en gang"


def test_fold_shortens_stretched_letters_also_before_aeoeaa_become_two_letters():
    assert fold("døøøø") == "doe"
    assert fold("hjææææælp") == "hjaelp"
    assert fold("neeeej") == "nej"


def test_fold_keeps_numbers():
    assert fold("40.000 kr") == "40.000 kr"


@pytest.mark.parametrize(
    ("with_letters", "without"),
    [
        ("jeg har så ondt i brystet", "jeg har saa ondt i brystet"),
        ("min søn slår mig", "min soen slaar mig"),
        ("det lugter af røg i køkkenet", "det lugter af roeg i koekkenet"),
        ("jeg vil ikke leve længere", "jeg vil ikke leve laengere"),
    ],
)
def test_aeoeaa_and_their_spelled_out_forms_give_the_same_answer(with_letters, without):
    assert detect(with_letters) is not None
    assert detect(with_letters) == detect(without)


def test_stretched_letters_do_not_hide_a_crisis():
    assert detect("jeg vil bare døøøø") == SUICIDE
    assert detect("hjææææælp jeg er faldet og kan ikke komme op") == MEDICAL


# ---------------------------------------------------------------- typos and dialect


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("selvmor", "selvmord"),  # a letter dropped
        ("selvmorstanker", "selvmordstanker"),
        ("bevistloes", "bevidstloes"),
        ("brystte", "brystet"),  # two letters swapped
        ("alzhaimer", "alzheimer"),  # a letter wrong
    ],
)
def test_a_key_word_is_read_through_one_typo(typed, key):
    assert key in TYPO_KEYS
    assert _canonical_word(typed) == key


def test_an_inflection_of_a_key_word_is_not_taken_for_a_typo():
    # "vaagne" is one letter from the key "vaagner", but it is another form of the word.
    assert _canonical_word("vaagne") == "vaagne"
    assert _canonical_word("krampe") == "krampe"


def test_ordinary_words_are_not_pulled_towards_key_words():
    # "troede" is one letter from "truede"; only the curated keys are corrected.
    assert _canonical_word("troede") == "troede"
    assert detect("jeg troede hun kom i dag") is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("jeg har selvmorstanker igen", SUICIDE),
        ("min mand er bevistløs", MEDICAL),
        ("jeg har sådan ondt i brystte", MEDICAL),
        ("mor har alzhaimer og er ikke kommet hjem, det er mørkt", DANGER),
    ],
)
def test_typos_on_key_words_still_alarm(text, kind):
    assert detect(text) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("æ vil ik lev mer", SUICIDE),
        ("a ka it mer, a vil bare dø", SUICIDE),
        ("æ er faldet og æ ka ik rejse mæ", MEDICAL),
        ("æ ka ik find ud a hvor æ er", DANGER),
    ],
)
def test_jysk_and_chat_forms_are_read_as_standard_danish(text, kind):
    assert detect(text) == kind


# ---------------------------------------------------------------- one example per kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("jeg har tænkt på at tage livet af mig", SUICIDE),
        ("jeg ser ingen udvej", SUICIDE),
        ("jeg vil følge efter min afdøde mand", SUICIDE),
        ("jeg står tit nede ved jernbanen og tænker på at hoppe", SUICIDE),
        ("min mand er segnet om i køkkenet", MEDICAL),
        ("hun er kollapset på badeværelset", MEDICAL),
        ("jeg er så stakåndet at jeg ikke kan gå", MEDICAL),
        ("jeg er kommet til at tage dobbelt dosis ved en fejl", MEDICAL),
        ("min søn river mig i håret", VIOLENCE),
        ("han tager mig om halsen", VIOLENCE),
        ("mit barnebarn har lånt 40.000 kr og vil ikke betale tilbage", VIOLENCE),
        ("min datter fik mig til at skrive under på en fuldmagt jeg ikke forstod", VIOLENCE),
        ("det lugter af gas i opgangen", DANGER),
        ("der kommer gnister fra stikkontakten", DANGER),
        ("jeg har smækket mig ude og det fryser", DANGER),
        ("min mand med demens er gået hjemmefra i nat", DANGER),
    ],
)
def test_each_kind_is_recognised(text, kind):
    assert detect(text) == kind


# ---------------------------------------------------------------- context: idioms, past, chronic


@pytest.mark.parametrize(
    "text",
    [
        "det slår mig at I altid ringer før I kommer",
        "jeg brænder efter at komme ud i haven",
        "mor har ondt i hjertet over at veninden er flyttet",
        "jeg er død træt efter gåturen",
        "det tager livet af mig at vente i telefonkø",
        "jeg er ved at dø af grin",
        "mit knæ slår mig ihjel når det regner",
        "han slår sin bror i kort hver fredag",
        "jeg har fået nok af regnvejret",
        "min telefon er død",
    ],
)
def test_figurative_uses_do_not_alarm(text):
    assert detect(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "min far fik en blodprop sidste år, og nu har han det fint",
        "jeg havde en blodprop i 2019, må jeg være med på holdet",
        "hun faldt for to år siden og brækkede hoften",
        "hvad gør jeg hvis min mor falder og ikke kan komme op",
        "hvad er tegnene på et slagtilfælde",
        "jeg kan ikke løfte tunge ting efter operationen",
        "jeg får ikke vejret så godt når jeg går op ad bakke, det har jeg haft i mange år",
    ],
)
def test_past_events_hypotheses_and_chronic_limits_do_not_alarm(text):
    assert detect(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "jeg orker ikke at træne i dag",
        "jeg gider ikke de øvelser mere",
        "jeg er bange for tandlægen",
        "jeg kan ikke finde mine briller",
        "jeg tager alle mine piller om morgenen, er det ok",
        "min søn har fuldmagt og betaler mine regninger",
        "der er ild i brændeovnen og det er hyggeligt",
        "det lugter af brændte boller",
    ],
)
def test_everyday_messages_with_danger_words_do_not_alarm(text):
    assert detect(text) is None


def test_a_present_symptom_alarms_where_the_figure_of_speech_does_not():
    assert detect("jeg har ondt i hjertet over min søns skilsmisse") is None
    assert detect("ondt i brystet nu") == MEDICAL
    assert detect("jeg har ondt i hjertet nu og det stråler ud i armen") == MEDICAL


def test_the_past_does_not_silence_suicide():
    # An earlier attempt is a risk, not a reason to stay quiet.
    assert detect("for to år siden tog jeg for mange piller, og nu er tankerne tilbage") == SUICIDE


def test_a_threat_with_a_condition_is_not_taken_for_a_hypothesis():
    assert detect("borgeren har en kniv og siger han stikker mig hvis jeg ikke går") == DANGER


# ---------------------------------------------------------------- precedence


def test_kinds_are_checked_suicide_medical_danger_violence():
    assert KINDS == (SUICIDE, MEDICAL, DANGER, VIOLENCE)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # suicide before danger: the gas is the means
        ("jeg vil åbne for gassen og lægge mig til at sove", SUICIDE),
        # suicide before medical: pills taken on purpose
        ("jeg har slugt en hel pakke sovepiller med vilje", SUICIDE),
        # ... but by mistake it is medical
        ("jeg har taget for mange piller ved en fejl", MEDICAL),
        # medical before danger
        ("jeg er faldet og kan ikke komme op, og det lugter af røg", MEDICAL),
        # danger before violence: a threat against staff
        ("borgeren truer mig med en kniv", DANGER),
        # a threat in the family is violence
        ("min søn truer mig", VIOLENCE),
    ],
)
def test_precedence_between_kinds(text, kind):
    assert detect(text) == kind


def test_normalise_takes_idioms_out():
    assert "braender" not in normalise("jeg brænder for at komme i gang")
    assert "doed" not in normalise("jeg er død træt")


# ---------------------------------------------------------------- groups added for crisis_dev_2.yml
# Sentences written for these tests, not taken from a development set: farewells and affairs put
# in order, found on the floor, words that come out wrong, touched or tied down, neglect, a stove
# or a candle left burning, a stranger inside, a dementia driver, lost and not knowing where.


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Tak for alt, I behøver ikke at komme igen", SUICIDE),
        ("min far sendte en sms med farvel til os alle sammen, og nu svarer han ikke", SUICIDE),
        (
            "hun gav hunden til min bror, nu er der intet der holder hende tilbage",
            SUICIDE,
        ),
        ("jeg er her vel ikke mere til jul alligevel", SUICIDE),
        ("jeg skal nok ikke være her så længe, det har jeg besluttet", SUICIDE),
        ("han har foræret sit ur til barnebarnet, han får ikke brug for det mere", SUICIDE),
        ("mor har betalt sit gravsted og siger hun snart skal bruge det", SUICIDE),
        ("min mand har lagt haglbøssen frem og siger han ikke gider leve", SUICIDE),
        ("jeg har hentet et reb fra garagen", SUICIDE),
        ("han sidder i bilen i garagen og motoren kører", SUICIDE),
        ("far står på taget og siger han vil hoppe", SUICIDE),
        ("hun har slugt alle sine sovetabletter med vilje", SUICIDE),
        ("mor orker ikke vågne op igen, siger hun", SUICIDE),
        ("jeg brændte mig med et lys med vilje i går", SUICIDE),
        ("vi fandt mor nede på gulvet i badeværelset, hun er iskold", MEDICAL),
        ("jeg kan se min nabo ligge i gangen gennem vinduet", MEDICAL),
        ("hun sidder klemt, nej hun sidder fast mellem toilettet og væggen", MEDICAL),
        ("hendes ord kommer helt forkert ud", MEDICAL),
        ("venstre arm vil ikke som jeg vil", MEDICAL),
        ("far svarer ikke og sidder helt grå i stolen", MEDICAL),
        ("han har ikke ladt vandet siden i går og har meget ondt", MEDICAL),
        ("et stykke kød sidder fast og han kan ikke hoste det op", MEDICAL),
        ("måleren viser LO og hun er helt forvirret", MEDICAL),
        ("pludselig kan hun ikke se med venstre øje", MEDICAL),
        ("han kaster op og det ligner kaffegrums", MEDICAL),
        ("hun faldt ned ad kældertrappen", MEDICAL),
        ("æ har fået ondt i brystet og ka ett få vejret", MEDICAL),
        ("han rører hende forneden når han vasker hende", VIOLENCE),
        ("plejeren siger jeg ikke må sige det til nogen", VIOLENCE),
        ("min søn spænder mig fast i sengen om natten", VIOLENCE),
        ("jeg lå i min egen tis hele natten, ingen kom", VIOLENCE),
        ("hendes barnebarn tager telefonen fra hende når hun vil ringe", VIOLENCE),
        ("han tog mit hævekort og der er ingen penge til mad", VIOLENCE),
        ("min svigersøn har brækket hendes arm, han vred den om", VIOLENCE),
        ("mor har et blåt mærke igen, det er fjerde gang i år", VIOLENCE),
        ("han får kun rugbrød fordi hans datter siger han er for tyk", VIOLENCE),
        ("han lukker hende ikke ud af lejligheden", VIOLENCE),
        ("min bror siger jeg burde være død", VIOLENCE),
        ("min nabo siger han vil gøre mig fortræd", VIOLENCE),
        ("hun tør ikke være alene med sin mand", VIOLENCE),
        ("der står et stearinlys helt op ad gardinet og hun sover", DANGER),
        ("nu ryger det fra gryden", DANGER),
        ("gasblusset kan ikke slukkes", DANGER),
        ("han kører stadig bil selvom han er dement og er kørt afsted nu", DANGER),
        ("en fremmed mand er i min stue og jeg har låst mig inde på toilettet", DANGER),
        ("hunden i opgangen knurrer og jeg tør ikke gå forbi", DANGER),
        ("mor er ikke i sin seng og det er nat", DANGER),
        ("jeg ved ikke hvor jeg er, og det er koldt", DANGER),
        ("radioen er faldet i badekarret mens den er i stikket", DANGER),
        ("strømmen gik og far har brug for sin ilt", DANGER),
    ],
)
def test_new_groups_alarm_with_their_kind(text, kind):
    assert detect(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "I behøver ikke komme i morgen, min datter er her",
        "tak for alt, vi ses på torsdag",
        "jeg er her ikke til jul, vi skal til min søster",
        "jeg har købt et reb til tørresnor",
        "det er ved at slå mig ihjel med alle de trapper",
        "de trapper tager livet af mig",
        "jeg kunne have slået min mand da han glemte nøglerne",
        "jeg kan ikke få vejret af grin",
        "jeg faldt i staver over det brev",
        "mor faldt om af grin",
        "jeg sidder på gulvet og leger med mit barnebarn",
        "hun faldt i går, men kom op med min hjælp og har ingen smerter",
        "min mand brækkede hoften, han er indlagt nu og har det godt",
        "hvad gør vi hvis en borger en dag fortæller om selvmordstanker, til teammødet",
        "er der et kursus om forebyggelse af fald",
        "min datter er ved at brænde ud på arbejdet",
        "han kalder mig en gammel tosse for sjov, vi har det godt sammen",
        "hvad er reglerne for levende lys på plejehjemmet",
        "han får lidt åndenød under træningen, det er kendt",
        "det ryger jeg ikke på",
        "min telefon er væk, jeg har ledt overalt",
        "vi har slukket for varmen fordi det er sommer",
        "jeg har spændt mig fast med selen i bussen",
        "du må ikke sige det til nogen, det er en overraskelse",
        "hunden knurrer når postbuddet kommer",
        "jeg fik en kiks og det var godt",
    ],
)
def test_near_misses_of_the_new_groups_do_not_alarm(text):
    # Idioms of effort or laughter, a fall already handled, a procedure question, teasing,
    # burnout, a cancelled visit, a rope for the washing, a surprise kept secret.
    assert detect(text) is None


# ---------------------------------------------------------------- figures: dev set, training data


def _examples(path: Path) -> list[str]:
    lines = []
    for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
        if "intent" not in block:  # synonyms, lookup tables and regexes are not messages
            continue
        for line in block["examples"].splitlines():
            if line.strip().startswith("- "):
                # Rasa entity annotations: [mor]{"entity": ...} and [mor](relation)
                text = re.sub(r"\[([^\]]+)\]\{[^}]*\}", r"\1", line.strip()[2:])
                lines.append(re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text))
    return lines


@pytest.fixture(scope="module")
def dev() -> dict[str, list[str]]:
    return yaml.safe_load(DEV.read_text(encoding="utf-8"))


def test_development_set_recall_and_kind_accuracy(dev):
    """DEVELOPMENT SET figures; the rules were tuned on it: a regression guard, not blind."""
    kinds = {kind: [detect(t) for t in dev[kind]] for kind in CRISIS_KINDS}
    found = sum(k is not None for got in kinds.values() for k in got)
    total = sum(len(got) for got in kinds.values())
    right = sum(k == kind for kind, got in kinds.items() for k in got)
    assert found / total >= 0.97, f"dev recall {found}/{total}"
    for kind, got in kinds.items():
        assert sum(k is not None for k in got) / len(got) >= 0.95, f"dev recall of {kind}"
    assert right / found >= 0.95, f"dev kind accuracy {right}/{found}"


def test_development_set_false_alarms(dev):
    """DEVELOPMENT SET figures; the rules were tuned on it: a regression guard, not blind."""
    alarms = [t for t in dev["noncrisis"] if detect(t) is not None]
    assert len(alarms) / len(dev["noncrisis"]) <= 0.01, alarms


@pytest.fixture(scope="module")
def dev_2() -> dict[str, list[str]]:
    return yaml.safe_load(DEV_2.read_text(encoding="utf-8"))


def test_second_development_set_recall_and_kind_accuracy(dev_2):
    """SECOND DEVELOPMENT SET figures (crisis_dev_2.yml). The rules were tuned on its misses, so
    this is a regression guard, not a blind measure: it reached recall 1.00 (every kind 1.00) and
    kind accuracy 0.99 once tuned; the floors sit a little below that."""
    kinds = {kind: [detect(t) for t in dev_2[kind]] for kind in CRISIS_KINDS}
    found = sum(k is not None for got in kinds.values() for k in got)
    total = sum(len(got) for got in kinds.values())
    right = sum(k == kind for kind, got in kinds.items() for k in got)
    assert found / total >= 0.98, f"dev_2 recall {found}/{total}"
    for kind, got in kinds.items():
        missed = [t for t, k in zip(dev_2[kind], got, strict=True) if k is None]
        assert 1 - len(missed) / len(got) >= 0.97, (f"dev_2 recall of {kind}", missed)
    assert right / found >= 0.97, f"dev_2 kind accuracy {right}/{found}"


def test_second_development_set_false_alarms(dev_2):
    """SECOND DEVELOPMENT SET figures (crisis_dev_2.yml), tuned on: a regression guard, not blind.
    It reached 0 alarms on the everyday messages once tuned; the ceiling allows about 2 in 440."""
    alarms = [t for t in dev_2["noncrisis"] if detect(t) is not None]
    assert len(alarms) / len(dev_2["noncrisis"]) <= 0.005, alarms


def test_training_crisis_examples_are_detected():
    """The classifier's crisis examples (data/nlu/safety.yml), also seen while tuning."""
    crisis = _examples(NLU / "safety.yml")
    missed = [t for t in crisis if detect(t) is None]
    assert 1 - len(missed) / len(crisis) >= 0.98, missed


def test_other_training_data_does_not_alarm():
    """Every other NLU file as everyday text (FAQ, objections, goals, MI, out of scope …)."""
    texts = [
        t
        for path in sorted(NLU.glob("*.yml"))
        if path.name != "safety.yml"
        for t in _examples(path)
    ]
    alarms = [t for t in texts if detect(t) is not None]
    assert len(alarms) / len(texts) <= 0.005, alarms
