"""The FAQ ids (a contract shared with tests and benchmarks) and the question each answers.

The answers live in bot/domain/faq.yml as responses utter_faq/<id>; the questions here are the
titles of the buttons the assistant offers when it is unsure which question was meant.
"""

FAQ_QUESTIONS: dict[str, str] = {
    "skaerer_ned": "Hvorfor skærer I ned i hjælpen?",
    "samme_hjaelp_som_foer": "Hvorfor kan jeg ikke bare få den hjælp, jeg plejer?",
    "stopper_med_at_komme": "Hvorfor stopper I med at komme hos mig?",
    "hvis_det_bliver_vaerre": "Hvad sker der, hvis jeg får det dårligere igen?",
    "hvad_er_hverdagsrehabilitering": "Hvad er hverdagsrehabilitering?",
    "varighed": "Hvor længe varer et forløb?",
    "skal_jeg_deltage": "Skal jeg deltage? Er det frivilligt?",
    "frit_valg": "Kan jeg vælge en anden leverandør?",
    "hvem_kommer": "Hvem kommer hjem til mig, og hvem står for træningen?",
    "hvordan_saettes_maal": "Hvordan bliver mine mål sat?",
    "hvad_er_delmaal": "Hvad er et delmål?",
    "hvornaar_kontakt": "Hvornår hører jeg fra en terapeut?",
    "hjaelpemidler": "Kan jeg få hjælpemidler eller velfærdsteknologi?",
    "doegnrytmeplan": "Hvad er en døgnrytmeplan?",
    "paaroerendes_rolle": "Hvordan kan jeg som pårørende hjælpe?",
    "demens": "Kan en borger med demens være med?",
    "plejebolig": "Gælder det også på plejecenter og i plejebolig?",
    "efter_forloebet": "Hvad sker der, når forløbet er slut?",
    "dokumentation": "Hvad bliver skrevet ned om mig, og hvem kan se det?",
    "hvorfor_ikke_bare_hjaelpe": "Er det ikke mere omsorgsfuldt bare at hjælpe?",
    "efter_sygdom": "Hvad hvis jeg har været syg eller indlagt?",
    "klage": "Hvordan klager jeg over en afgørelse?",
}
