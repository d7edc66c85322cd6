"""The objection ids (a contract shared with tests and benchmarks) and their matching FAQ answers.

Care staff meet citizens' objections on the doorstep ("I skærer bare ned"). For each objection the
assistant sends the motivational-interviewing coaching in bot/domain/indvending.yml (response
utter_indvending/<id>), then the best-matching FAQ answer (utter_faq/<OBJECTION_FAQ[id]>) as a
separate message. OBJECTION_TITLES holds the citizen's typical words, e.g. for buttons.
"""

from __future__ import annotations

OBJECTION_FAQ: dict[str, str] = {
    "betalt_skat": "skaerer_ned",
    "for_gammel": "hvad_er_hverdagsrehabilitering",
    "jeres_arbejde": "hvorfor_ikke_bare_hjaelpe",
    "smerter": "hvem_kommer",
    "bange_for_at_falde": "hjaelpemidler",
    "for_traet": "hvad_er_delmaal",
    "kan_ikke_se_meningen": "hvordan_saettes_maal",
    "paaroerende_siger_nej": "paaroerendes_rolle",
    "besparelse": "skaerer_ned",
    "altid_faaet_hjaelp": "samme_hjaelp_som_foer",
    "naboen_faar_hjaelp": "hvordan_saettes_maal",
    "ikke_nu": "skal_jeg_deltage",
}

OBJECTION_TITLES: dict[str, str] = {
    "betalt_skat": "Jeg har betalt skat hele mit liv",
    "for_gammel": "Jeg er for gammel til det her",
    "jeres_arbejde": "Det er jo jeres arbejde",
    "smerter": "Jeg har for ondt",
    "bange_for_at_falde": "Jeg er bange for at falde",
    "for_traet": "Jeg er for træt og har ikke kræfter",
    "kan_ikke_se_meningen": "Jeg kan ikke se meningen med det",
    "paaroerende_siger_nej": "Min datter siger, at I skal gøre det for mig",
    "besparelse": "I skærer bare ned – det handler om penge",
    "altid_faaet_hjaelp": "Jeg har altid fået hjælp til det",
    "naboen_faar_hjaelp": "Naboen får jo hjælp til det",
    "ikke_nu": "Ikke nu – måske senere",
}
