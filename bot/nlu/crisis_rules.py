# ruff: noqa: E501  (a lexicon of regular expressions reads best one alternative group per line)
"""Danish rules that recognise a message where someone may be in danger.

They back up the intent classifier, so that a crisis is missed only if both miss it; recall
comes first (a false alarm costs a sentence, a miss can cost a life). Four kinds:
"suicide" (suicidal thoughts, direct or indirect, plans and means, self-harm), "medical"
(a fall or collapse, chest pain, stroke signs, breathing trouble or choking, unconscious,
fits, heavy bleeding, poisoning or an overdose by mistake, fever with confusion, not eating or
drinking for days …), "violence" (violence, threats, coercion, sexual and financial abuse,
restraint, humiliation and neglect of an adult) and "danger" (fire and smoke, gas, water,
intruders, weapons and threats against staff, locked out in the cold, a person who is lost).

The text is folded the way people type without a Danish keyboard (æ→ae, ø→oe, å→aa),
stretched letters are shortened ("døøø"), a few dialect and chat forms are read as the common
word ("it" → "ikke", "ka" → "kan"), and a word one typo away from a key word is read as that
word ("selvmor", "bevistløs"). The patterns then run on the folded words.

False alarms are kept down by context rather than by dropping words: harmless idioms are taken
out first ("død træt", "det slår mig", "brænder for", "ondt i hjertet over"), and before the
medical and danger patterns run, clauses about the past ("for tre år siden", "i 2019"),
hypotheses and questions about knowledge ("hvis jeg falder", "tegnene på") and chronic
limits ("kan ikke løfte … efter operationen") are taken out too; a chronic limit never hides
someone who is on the floor now. Suicide and violence keep them: an earlier attempt or a
beating "sidste år" still calls for help.

Standard library only: `tests/bot/test_crisis_rules.py` runs it without Rasa.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

SUICIDE, MEDICAL, VIOLENCE, DANGER = "suicide", "medical", "violence", "danger"
KINDS = (SUICIDE, MEDICAL, DANGER, VIOLENCE)  # the order they are checked in


def near(first: str, second: str, gap: int = 4) -> str:
    """`first` then `second` with at most `gap` words between them."""
    # Punctuation may cling to a word ("ind, det er koldt"), so it is skipped in the gap.
    return rf"\b(?:{first})\b(?:[^\w\s]*\s+\S+){{0,{gap}}}?[^\w\s]*\s+(?:{second})\b"


def any_of(*alternatives: str) -> str:
    """One pattern that matches any of `alternatives` (one a line reads best for long lists)."""
    return "|".join(alternatives)


def either(first: str, second: str, gap: int = 4) -> str:
    """`first` and `second` near each other, in either order."""
    return rf"(?:{near(first, second, gap)}|{near(second, first, gap)})"


# Word groups, folded. Dialect forms are mapped before matching (see DIALECT), so "ikke" covers "it".
NOT = r"(?:ikke|aldrig|ingen|intet|hverken|naesten ikke|slet ikke)"
END = r"(?=\s*(?:$|[,.!?]|og\b|jeg\b|ae\b|a\b|vil\b|men\b|saa\b|nu\b))"  # the phrase ends here
ME = r"(?:jeg|ae|a)"  # "jeg", and jysk "æ"/"a"
KIN = r"mor|far|mormor|morfar|farmor|farfar|mand|kone|soen|datter|bror|soester|svoger|svigerinde|svigermor|svigerfar|svigersoen|svigerdatter|barnebarn|boern|nevoe|niece|moster|faster|onkel|tante|samlever|kaereste|veninde|ven"
WHO = rf"mig|mae|dig|hende|ham|os|borgeren|beboeren|mor|far|mormor|morfar|farmor|farfar|(?:min|mit|mine|sin|sit|sine|hans|hendes|vores) (?:{KIN}|haand|arm|hals|hoved|ansigt|fingre)\w*"
DIE = r"doe|doed|doede|doeden"
PILLS = r"\w*piller|\w*pillerne|\w*tabletter\w*|sovetablet\w*|sovemedicin|morfin\w*|medicin\w*|dosispakning\w*|pamol\w*|panodil\w*|paracetamol|hjertepiller|insulin\w*|pilleglas\w*"
FALL = r"(?:faldet|faldt|falden|falder|vaeltet|vaeltede|vaelter|gled|glidt|gledet|snublet|snublede|styrtet|styrtede|(?:gaaet|gik|vaeltet) omkuld|(?:gaaet|gik) i gulvet|roeget (?:ud|ned))(?! (?:i soevn|for (?:en|et|den|det)\b|til ro|godt til|til\b|(?:mig|hende|ham) ind|bagover))"
COLD = r"kold|koldt|kolde|iskold\w*|fryser|frost\w*|kulde|kulden|minus|minusgrader|graders frost|sne\w*|bidende|regn\w*|glat|isen|vinter\w*"
BODYCOLD = r"kold|koldt|kolde|iskold\w*|klam|(?<!det )fryser"  # of a body, not of the weather
NIGHT = r"nat|natten|i nat|om natten|moerkt|moerket|midt om natten"
UNDRESSED = r"natkjole|nattoej|pyjamas|morgenkaabe|badekaabe|bare taer|hjemmesko|toefler|stroempesokker|undertoej|ingen sko|uden sko|ikke (?:\w+ )?(?:jakke|frakke|sko) paa|uden (?:jakke|frakke|overtoej)|ikke (?:noget )?overtoej|kun (?:en )?(?:bluse|skjorte|t shirt|kjole) paa|frakken haenger"
LOST_CONTEXT = rf"{COLD}|{NIGHT}|{UNDRESSED}|demens\w*|dement\w*|alzheimer|glemsom|husker daarligt|forvirret|timer|adresse|telefon|ikke hjemme|ikke kommet hjem"
MONEY = r"penge|pengene|pension\w*|opsparing\w*|konto\w*|bankkonto\w*|netbank\w*|dankort\w*|kreditkort\w*|pengekort\w*|haevekort\w*|visakort\w*|betalingskort\w*|kort|kortet|pinkode\w*|kode|koder|koden|mitid|nemid|laan|oekonomi\w*|kontanter\w*|smykker\w*|arv\w*|sommerhus\w*|huset|bil|bilen|ting|morfin\w*|medicin\w*|piller|pillerne|mad|maden"
STAFF = r"mig|os|personalet|hjaelperen|hjaelperne|hjemmehjaelper\w*|hjemmepleje\w*|medarbejder\w*|kollega\w*|plejer\w*|sygeplejerske\w*|terapeut\w*|min bil"

PATTERNS: dict[str, list[str]] = {
    SUICIDE: [
        # Named outright.
        r"\bselvmord\w*|\bsuicid\w*|\bselvskad\w*|\bdoedshjaelp\w*|\blivstraet\w*|\boverdosis\b(?!.*\bved en fejl\b)",
        # Taking one's life, in its many phrasings.
        r"\b(?:tage|tager|tog|taget|ta)\s+(?:\w+\s+)?(?:mit|sit|dit|hans|hendes|eget) (?:eget )?liv\b",
        r"\b(?:tage|ta) livet af (?:mig|sig|dig|ham|hende)\b|\b(?:jeg|ae|a|han|hun|du) (?:\w+ )?(?:tager|tog|har taget) livet af (?:mig|sig|dig)\b",
        r"\b(?:slaa|slaar|slog|slaaet|draebe|draeber|draebt|skyde|skyder) (?:mig|sig|dig) selv(?: ihjel)?\b(?! i hovedet over)",
        r"\b(?:goere|goer|gjort|gjorde) det af med (?:mig|sig|dig)\b",
        r"\b(?:goere|goer|gjort|gjorde|lave) en ende paa\b|\bender? (?:det hele|mit liv|livet|sit liv|det|mine dage|sine dage)\b(?! galt| godt| med| som| paa)|\b(?:af)?slutte (?:mit|sit|dit|livet|det hele)\b|\b(?:ud af|vaek fra) (?:det her|dette|mit) liv\b",
        r"\b(?:slutte|stoppe|ende) det (?:hele|her)\b|\bhave det (?:hele )?(?:overstaaet|slut)\b|\bha det (?:hele )?(?:overstaaet|slut)\b",
        r"\bdet (?:bare |hele )?(?:skulle|maa|skal|kunne) (?:bare )?(?:stoppe|slutte|ende|vaere slut|vaere forbi)\b(?! med\b)|\b(?:i morgen|i aften|i nat|snart|nu) er det (?:slut|forbi)\b(?! med\b)",
        # Methods and places.
        r"\bhaenge (?:mig|sig)\b|\b(?:drukne|druknede) (?:mig|sig)\b|\bskyde (?:mig|sig)\b|\bskaere (?:halsen|pulsaar\w*)|\b(?:skaere|skaerer|skar|skaaret) (?:\w+ ){0,2}(?:haandled\w*|pulsaar\w*|halsen) over\b|\bhalsen over paa (?:mig|sig)\b",
        r"\b(?:reb|strik|snor|ledning|\w*ledning\w*|baelte)\b.{0,40}\b(?:loft\w*|bjaelke\w*|krog\w*|om halsen)\b|\bkoebt (?:et )?reb\b(?!.*\b(?:toerresnor|vasketoej|toej|flag|gynge|baad|telt)\w*)",
        either(
            r"reb|rebet|strik|strikken|snoren",
            r"haenge\w*|haengt|loft\w*|bjaelke\w*|krog\w*|taenk\w*|kaelder\w*|garage\w*|skur\w*|laden",
            8,
        )
        + r"(?!.*\b(?:vasketoej\w*|toej\w*|toerresnor\w*|flag\w*|gynge\w*|baad\w*|telt\w*|julepynt|lamper?)\b)",
        r"\b(?:haenger|haenge) (?:jeg|hun|han|mig|sig) (?:\w+ )?i (?:loftet|et reb|rebet|bjaelken)\b|\b(?:jeg|hun|han) (?:haenger|haengt|haenge) (?:\w+ )?i (?:loftet|rebet)\b",
        r"\bmotoren (?:koerende|i gang|koerer|taendt)\b.{0,60}\b(?:garage\w*|porten|lukket|slange\w*)\b|\bgarage\w*\b.{0,60}\bmotoren (?:koerende|i gang|koerer|taendt)\b",
        rf"\b(?:springe|springer|hoppe|hopper|kaste (?:mig|sig)|kaster (?:mig|sig)) (?:ud|ned|foran|i vandet|fra)\b|\b(?:overvej\w*|taenk\w*|lyst til) (?:\w+ )?at (?:springe|hoppe){END}|\b(?:vil|ville|skal|truer med at|taler om at|bare at|nemmeste (?:var|er) (?:bare )?at) (?:springe|hoppe)(?: ud| ned)?{END}",
        either(
            r"altan\w*|\w+\.? sal|etage\w*|vindue\w*|taget|broen|gelaender\w*|raekvaerk\w*|kanten",
            r"springe(?! over| paa| rundt| i (?:det|vandet for at))|hoppe(?! over| paa| rundt| i (?:det|bad))|give slip|slippe taget",
            10,
        ),
        either(
            r"\w*skinne\w*|jernbane\w*|sporet|sporene|perron\w*|foran toget",
            r"laeg\w*|lagde|staar|staaet|stod|stirre\w*|stirret|taenk\w*|kigge\w*|hoppe|springe",
            6,
        ),
        either(
            r"\w*broen|kajkant\w*|havnen|klinten|skraenten|fjorden|havet|soeen|aaen|vandet|isen",
            r"springe|spring|hoppe|kaste (?:mig|sig)|kigget paa|kigge ned|stirre\w*|ud over|gaa i|gaa ud i|gik ud i|drukne\w*|overvej\w*|ikke komme tilbage",
            5,
        ),
        either(
            r"mosen|soeen|aaen|havnen|fjorden|havet|dammen|broen|kanalen",
            r"hvor dyb\w*|ikke (?:kan|kunne) bunde",
            8,
        ),
        r"\b(?:gaa|gaar|gik|vade|vader)\b(?: \w+){0,3} ud (?:til|indtil) (?:jeg|hun|han|man) ikke (?:kan|kunne) bunde\b",
        either(
            r"sidder|sad|staar|stod|klatret|kravlet|kravler|klatrer|benene|haenger|laener|laenet",
            r"(?:ud )?over (?:raekvaerket|gelaenderet|kanten)|paa den anden side af (?:raekvaerket|gelaenderet)|uden for raekvaerket",
            6,
        ),
        either(
            r"\w+\.? sal|etage\w*|altan\w*|vindue\w*|broen",
            r"(?:hoejt nok|hoej nok|langt nok ned)(?! til| over| oppe| til at)",
            8,
        ),
        either(
            r"taenk\w*|lyst|overvej\w*|planer|tanker|fristet|haaber",
            r"ind i (?:et |en )?(?:trae|mur|lastbil|bropille|modkoerende|autovaern|betonvaeg)\w*",
            10,
        ),
        r"\bkoer\w* (?:\w+ )?(?:ud over|ind i (?:et trae|en mur|en lastbil)|galt med vilje)\b|\bkoerer (?:alt )?for staerkt\b.*\bhaaber\b",
        r"\b\w*pose\w* over (?:hovedet|ansigtet)\b|\b(?:aabne|aabner|aabnet|skrue op) for gassen\b.*\b(?:sove|doe|laegge (?:mig|sig))\b",
        r"\b(?:gaa|gaar) ud i (?:skoven|sneen|kulden|havet|vandet|fjorden)\b.*\b(?:laegg\w*|lig\w*) (?:mig|mae|sig)\b|\bfinder (?:de|nogen|man) mig (?:foerst|aldrig)\b",
        r"\b(?:laegge|lig|ligge) (?:mig|mae|sig)(?: ned)? og (?:blive|blyw|bliver) (?:der|liggende)\b|\b(?:laegge|lagt|lagde|laegger) (?:mig|sig) (?:ud |ned )?(?:paa|foran) (?:vejen|motorvejen|skinnerne|sporet|koerebanen|toget)\b",
        # The means gathered, laid out, asked about.
        near(
            r"samlet|gemt|gemmer|sparet|sparer|samler|hamstret|hamstrer|koebt ekstra|faaet ekstra",
            rf"(?:\w+ ){{0,2}}(?:{PILLS})",
            3,
        )
        + r"(?! i (?:\w+ ){0,2}(?:doserings|dosis|pille|medicin)\w*)(?!.*\b(?:\w*boern\w*|utilgaengelig\w*|laast\w*|apotek\w*|aflever\w*|kasser\w*)\b)",
        rf"\b(?:tage|tager|tog|taget|slugt|slugte|sluge|sluger|spist|spise|spiser)\b(?: \w+){{0,3}} (?:alle|hele|en hel|for mange|resten af|al)\b(?: \w+){{0,2}} (?:{PILLS}|(?:glasset|pakken|aesken) (?:med )?(?:{PILLS}))\b(?! med (?!vilje))(?!.*\b(?:om morgenen|om aftenen|hver (?:dag|morgen|aften)|er det ok|deles op|sprede\w*|fordele\w*|ved en fejl)\b)",
        rf"\b(?:alle|hele|sine|mine|dem|al) (?:\w+ )?(?:{PILLS})\b(?: \w+){{0,2}} (?:paa en gang|paa samme tid)\b(?!.*\b(?:om morgenen|om aftenen|hver|er det ok|deles op|skal de|sprede\w*|fordele\w*|ved en fejl)\b)",
        rf"\b(?:taget|slugt|tog|slugte|tager|sluger) (?:en masse|masser af|mange|en hel|en stor (?:pakke|bunke)|en haandfuld) (?:\w+ ){{0,2}}(?:{PILLS})\b(?!.*\bved en fejl\b)",
        rf"\b(?:taget|slugt|tog|slugte|spist|spiste|sluger)\b(?: \w+){{0,4}} (?:{PILLS})\b(?: \w+){{0,3}} med vilje\b",
        rf"\b(?:{PILLS}|pose\w*|glas|aeske\w*)\b(?: \w+){{0,4}} (?:under (?:hovedpuden|dynen|madrassen|sengen)|gemt)\b.{{0,60}}\b(?:tager|tage|sluger|sluge) (?:jeg |hun |han )?dem (?:alle ?sammen |allesammen )?(?:naar|i aften|i nat|snart|nu|saa)\b",
        rf"\bkoebt (?:\w+ ){{0,2}}(?:{PILLS}|panodil\w*|pamol\w*) (?:paa|i|hos) (?:flere|to|tre|fire|\d+|forskellige) (?:\w+ )?(?:apotek\w*|butik\w*|steder)\b|\blivet (?:ikke (?:giver|har) (?:nogen )?mening|er uden mening)\b",
        r"\btage dem (?:alle ?sammen|allesammen|alle paa en gang)\b|\b(?:allesammen|det hele) paa en gang\b",
        rf"\blagt\b(?: \w+){{0,8}}? (?:brev\w*|\w*ring(?:en)?|doedsannonce\w*|testament\w*|(?:alle|hele) (?:\w+ )?(?:{PILLS}))\b(?: \w+){{0,4}}? frem\b(?! i (?:\w+ )?(?:\w*aesk\w*|doserings\w*|dosis\w*))(?!.*\btil (?:hele )?(?:ugen|naeste uge)\b)",
        rf"\b(?:{PILLS}|sovepiller\w*)\b.{{0,20}}\b(?:staar|ligger) (?:\w+ ){{0,2}}(?:klar|gemt|parat)\b|\btomme (?:pille|medicin)\w*|\bmedicin\w*\b.{{0,30}}\bulaast\b|\b(?:{PILLS})\b.{{0,60}}\bved praecis hvad (?:jeg|hun|han) skal med\b",
        either(PILLS, r"gemmer (?:\w+ ){0,3}til den (?:rigtige|sidste) dag", 12),
        either(
            r"toemt|toemmer|toemte|samlet|samler",
            rf"medicinskab\w*|pilleglas\w*|dosisaesk\w*|dosisrull\w*|(?:sine|mine|hans|hendes) (?:{PILLS})",
            4,
        )
        + r"(?=.*\b(?:graeder|i haanden|sidder med|gemt|under (?:hovedpuden|dynen|sengen)|natbordet)\b)",
        near(
            r"smidt|smed|smider|haeldt|skyllet",
            r"(?:\w+ ){0,2}(?:insulin\w*|hjertemedicin\w*|hjertepiller\w*)",
            2,
        )
        + r"(?!.*\b(?:gammel|gamle|udloeb\w*|ny|nye)\b)",
        either(
            r"\w*gevaer\w*|\w*pistol\w*|revolver\w*|haglboesse\w*",
            r"paa sengen|i skoedet|under hovedpuden|laast (?:sig|doeren)|ved siden af (?:sig|sengen)",
            8,
        )
        + r"(?!.*\b(?:rense\w*|pudse\w*|vaabenskab\w*|jagten|jagtsaeson\w*)\b)",
        r"(?:\b(?:lagt|taget|hentet|tog|tager|henter)\b(?: \w+){0,3} (?:\w*gevaer\w*|\w*pistol\w*|revolver\w*|haglboesse\w*) (?:\w+ ){0,3}frem\b|\b(?:\w*gevaer\w*|\w*pistol\w*|revolver\w*|haglboesse\w*) (?:\w+ ){0,2}fremme\b)"
        + r"(?=.*\b(?:orker|gider|magter|leve|doede|doed|farvel|savner|alene|ensom|mening)\b)(?!.*\b(?:tru\w*|rense\w*|jagt(?:en|saeson\w*)?)\b)",
        r"\b(?:stol|skammel|stige)\b.{0,25}\b(?:krog\w*|loftsbjaelke\w*|bjaelke\w*)\b(?!.*\b(?:paere\w*|lampe\w*|skifte|gardin\w*|ophaeng\w*)\b)",
        r"\b(?:hvor mange|hvor meget|hvilke)\b.*\b(?:doedelig\w*|ikke vaagne\w*|ikke overlev\w*|for at doe|til at doe|doe af)|\b(?:nogen|ingen) grund til at (?:leve|fortsaette|staa op|blive ved|vaere her|vaere til|vaagne)\b|\bhvorfor (?:skal|skulle) (?:jeg|hun|han) (?:leve|blive ved|fortsaette|vaere her)\b|\b(?:se ud som|ligne) (?:et )?uheld\b|\bgasse (?:mig|sig)\b|\bdoedelig (?:dosis|maengde)\b|\b(?:hvor|hvordan|sikker\w*|skal man)\b.{0,40}\bikke overlev\w*",
        r"\b(?:kan|vil) man doe af\b|\bmaade at doe\b|\bhvordan (?:man|jeg|hun|han) (?:kan |skal )?doe\b|\bplanlagt hvordan\b",
        # Wishing to die, not to live, not to wake.
        near(
            r"vil|ville|lyst|oensk\w*|onsk\w*|beder|bad|haaber|helst|bare|gerne|lov|klar|parat|lagt (?:mig|sig) til|vente|venter|tid til|hellere",
            DIE,
            3,
        ),
        r"\bvaere doed\b",
        near(
            rf"{NOT}|orker|gider|magter|kan ikke holde ud at|traet af at",
            rf"leve(?! af| op| sammen| paa| med| i | som | uden (?:mine|min|mit|sine|sin|sit) (?!(?:{KIN})\b))|vaere i live|livet (?:mere|laengere)\b|dette liv\b|det her liv\b",
            3,
        ),
        near(
            rf"{NOT}|gider|orker|magter|traet af at|lyst til at",
            r"vaere til(?= at| og|$|[,.!?]| mere| laengere)",
            3,
        ),
        rf"\b(?:orker|gider|kan|magter|vil)\s+(?:sgu\s+|bare\s+|altsaa\s+)?{NOT}\s+(?:det her\s+|det hele\s+|mere\s+)?(?:mere|laengere)\b{END}",
        rf"\b{NOT}\s+(?:orker|gider|magter|kan)\s+(?:mere|laengere)\b{END}|\borker (?:ikke|aldrig) livet\b|\bfaaet nok af (?:livet|det hele|at leve)\b|\b(?:{ME}|hun|han) (?:har )?faaet nok{END}",
        r"\b(?:ingen|ikke nogen|ikke en|ingen anden) (?:udvej|vej ud|anden udvej)\b|\b(?:ingen|intet|ikke noget|ikke nogen) (?:haab|fremtid)\b(?! om| for (?:at|min|mit))",
        near(r"ingen|ikke nogen|ikke noget|uden", r"mening|grund|vits|haab|fremtid", 2)
        + r".{0,40}\b(?:leve|livet|staa op|fortsaette|videre|laengere|tilbage|mere)\b(?! (?:kl|klokken|\d|saa tidligt|tidligt|om morgenen|fordi))",
        r"\bse (?:meningen|nogen mening|nogen grund) med (?:livet|at leve|noget (?:laengere|mere)|det hele|at staa op|at fortsaette|noget som helst)\b",
        r"\bblive ved med at leve\b|\bleve videre\b|\bikke noget at leve for\b|\b(?:livet|mit liv) er (?:en pine|et helvede|uudholdeligt|sort|meningsloest|slut|forbi|ikke noget vaerd)\b",
        r"\b(?:ikke|aldrig) (?:vil |at |skal |mere |gider |orker |har lyst til at )?(?:vaagne|vaagner|vaekkes)(?: op)? (?:igen|mere|flere|nogensinde)\b|\b(?:haaber|beder|oensk\w*|onsk\w*|gid|bare|helst)\b(?: \w+){0,5} (?:ikke|aldrig) (?:at )?(?:vaagn\w*|vaekkes)\b",
        # Resignation and soft words for dying: "det er ligegyldigt nu", "snart væk", "sove ind",
        # "lade hende gå", "lukke øjnene og aldrig åbne dem igen", "lever kun fordi katten …".
        r"\bdet er (?:alt |jo )?(?:ligegyldigt|lige meget|ligemeget) nu\b(?!,? (?:(?:vi|jeg|hun|han|de) (?:har|fik|fandt)|fordi|for|da|siden)\b)|\b(?:jeg|ae|a|hun|han) er (?:alligevel |jo |nok |vel )?snart (?:vaek|borte|doed|ikke her)\b(?! (?:paa|i|til|hjemmefra|fra|en|et|nogle))|\blevet (?:alt )?(?:for laenge|laenge nok)\b(?! til)|\b(?:beder|bad|bedt) (?:\w+ )?(?:om at )?lade (?:mig|hende|ham) (?:faa lov at )?gaa(?=\s*(?:$|[,.!?]|nu\b))",
        r"\b(?:lov (?:til )?at|oensker? (?:bare )?at|vil(?: bare| gerne| helst)?|haaber (?:paa )?at (?:jeg|hun|han) (?:maa|kan|faar lov at)) sove ind\b(?! (?:i|foran|paa|til|med|ved|om|efter|igen))|\b(?:hjaelp|lov|ret) til at doe\b",
        r"\blukke oejnene\b(?: \w+){0,2} (?:og )?(?:aldrig|ikke) (?:aabne|slaa) (?:dem )?(?:op )?(?:igen|mere)\b|\btraet af at vaagne\b(?! (?:om natten|kl|klokken|\d|tidligt|flere gange|hver nat|midt))|\b(?:ikke|ingen|aldrig)(?: \w+){0,2} (?:lyst )?til at vaagne(?: op)?(?= om morgenen| igen| mere| i morgen|\s*(?:$|[,.!?]))|\b(?:opdage|opdager|se|ser) at (?:jeg|hun|han) stadig (?:er her|lever)\b|\blever (?:kun|bare) (?:fordi|for at|paa grund af)\b",
        r"\b(?:taenker|taenkt|tanken er|tanken om)\b(?: \w+){0,2} (?:at )?det (?:ville|vil|kunne) vaere (?:saa |ret |meget )?(?:nemt|let|nemmest|lettest)(?=\s*(?:$|[.!?]))|\bikke (?:mere|noget|noget mere) tilbage for (?:mig|hende|ham)\b(?! at\b)",
        rf"\b(?:{ME}|hun|han) ikke (?:vil|skal|gider|orker|kan) (?:\w+ )?vaere her(?: mere| laengere)?\b(?!,? (?:paa|i|til|om|naar|fordi|hele|den|det|for at|alene|hjemme))|\bikke (?:laengere|mere) (?:er|vaere) her\b(?! (?:om|paa|i|naar|fordi|til))",
        # "hun er her ikke til jul" is a goodbye unless she is going away for the holiday.
        r"\b(?:er|vaere) (?:jeg |hun |han )?(?:her ikke|ikke her) til (?:jul|nytaar|paaske|sommer|foraaret|naeste (?:aar|jul|sommer)|(?:min|hendes|hans) foedselsdag)\b(?!.*\b(?:hos|rejse\w*|ferie\w*|sommerhus\w*|udlandet|flytter|skal (?:til|paa|vaere))\b)",
        r"\b(?:vil|oensker|lyst til)(?: bare| gerne| helst| at)?(?: komme| slippe)? (?:ud af|vaek fra) det (?:hele|her)"
        + END,
        r"\bklar til at (?:gaa|doe|slippe|forlade (?:jer|livet|verden|denne verden))(?=\s*(?:$|[.!]|nu\s*(?:$|[.!])))",
        r"\bvil (?:bare )?vaek fra det hele\b|\b(?:sove|falde i soevn|sove ind|slukke lyset|lukke oejnene|forsvinde|vaere vaek|blive vaek|fred|hvile|vaek fra det hele)\b(?:,? \w+){0,2},? (?:for altid|for evigt|og (?:aldrig|ikke) vaagne|og blive vaek)\b",
        r"\b(?:visne|sygne|glide|forsvinde) (?:bare )?(?:hen|vaek)\b|\bhvis (?:jeg|ae|a) (?:bare )?(?:forsvandt|var vaek|ikke var her|doede|var doed)\b",
        r"\b(?<!selvom )(?<!selv om )(?<!nu hvor )(?:jeg|ae|a|hun|han)\b(?: (?:vil|skal|bare|gerne|helst|ville|kan)){0,3} ikke (?:vaere|er|vaeret) her\b(?! (?:paa|i|til|om|naar|fordi|hele|den|det|for at|mandag|tirsdag|onsdag|torsdag|fredag|loerdag|soendag))|\bikke eksistere\w*|\b(?:er|vaere) her ikke (?:mere|laengere)\b(?! (?:om|paa|i|naar|fordi))|\bregner ikke med at vaere her\b|\bikke (?:taenkt (?:mig|sig) at|regnet med at) vaere her\b|\b(?:er|vaere|vaeret) (?:jeg |hun |han )?her (?:nok |vel |sikkert |jo |alligevel )?ikke (?:mere|laengere)\b(?! (?:om|paa|i|naar|fordi))|\b(?:skal|kommer til at) (?:alligevel |jo |nok )?ikke vaere her (?:ret|saa|saerlig|meget) laenge\b",
        either(
            r"bedst|bedre|nemmere|lettere",
            r"doede|doed|ikke (?:var|er|fandtes) (?:her|til|mere)|forsvandt|uden mig|var vaek",
            6,
        ),
        r"\b(?<!siger at )(?<!siger )(?<!synes at )(?<!mener at )(?:jeg|ae|a|hun|han) (?:er|foeler mig som|foeler sig som|er blevet|har vaeret) (?:bare |kun |jo |saadan )?en byrde\b|\btil besvaer for alle\b|\bbedre uden mig\b|\b(?:ingen|ikke nogen) (?:vil|ville|kommer til at) (?:savne|opdage)\b|\bikke (?:skal|skulle) savne\b",
        r"\bsaette\w* (?:\w+ ){0,2}(?:et |mit |sit )?punktum\b(?! (?:for (?!(?:mit|sit|livet|det hele)\b)|i|efter|paa|ved)\b)|\b(?:ingen|ikke nogen) savner (?:mig|hende|ham|en (?:gammel|som)|saadan en)\b",
        r"\bvil herfra" + END + r"|\bhurtigere med at komme herfra\b",
        r"\b(?:lov (?:til )?at|maade at|bare|gerne|vil) slippe(?= *(?:$|[,.!?]| paa\b| og\b)| (?:fri|vaek|ud af det|for (?:livet|det hele|alt|det her|smerte\w*|pinen|at vaere her|at leve|at vaagne)))",
        r"\b(?:foelge|foelger) efter (?:hende|ham|min \w+|mor|far|dem)\b(?! (?:ud|hjem|ind|til|rundt|i bilen|paa))|\bnaar\b(?: \w+){1,3} (?:doer|er doed|doeer)\b.*\b(?:gaar|foelger|doer) (?:jeg|hun|han) (?:med|efter)\b",
        either(
            r"kirkegaard\w*|himlen|himmel\w*|afdoede|graven|derop|derover|derovre|deroppe|paa den anden side",
            r"vent(?:er|et) (?:\w+ ){0,3}paa (?:mig|hende|ham)|vil (?:op|hen|hjem|ud|over) til|komme (?:op|hen|over) til|vaere sammen med (?:hende|ham)|hjem til (?:hende|ham|min|mi)",
            8,
        ),
        r"\bventer (?:bare )?paa (?:min|sin) tur\b|\bhjaelpe (?:det|naturen|ham|hende|skaebnen) (?:lidt )?paa vej"
        + END
        + r"|\b(?:gud|vorherre|herren)\b.{0,25}\b(?:tage|hente|kalde) (?:mig|hende|ham)\b",
        # Farewells and affairs put in order.
        r"\b(?:sige|sagt|sagde|siger) farvel (?:til (?:alle|livet|verden|jer|os alle|\w+ alle sammen|katten|hunden))\b|\bsiger farvel (?:til alle|som om)\b|\bikke (?:noget|nogen|mere) (?:der )?(?:holder|binder) (?:mig|hende|ham) (?:tilbage|her)\b|\bintet (?:der )?holder (?:mig|hende|ham) (?:tilbage|her)\b|\bsidste gang (?:vi|jeg|hun|han) (?:ses|saas|saa hinanden|taler sammen|talte sammen)\b|\btak for alt og farvel\b|\bundskyld for alt(?! \w)|\bsidste chance\b|\bsidste gang (?:jeg|hun|han) (?:beder|ser|taler|skriver|ringer)\b",
        r"\bvi ses (?:nok |vist |sikkert |)(?:ikke|aldrig) (?:igen|mere)\b(?! (?:foer|efter|i |paa|naeste|foerend|til))",
        # A letter or a note for "afterwards", who shall have what, "do not be sad".
        either(
            r"breve|brevene|kuvert\w*",
            r"skal have (?:(?:dem|den|det) )?bagefter|efter (?:min|hans|hendes) doed",
            15,
        ),
        either(
            r"brev\w*|breve|seddel|sedler|skrevet|skrev",
            r"hvem der skal (?:have|arve|overtage) (?:mine|mit|min|sine|sit|sin|huset|tingene|resten|smykkerne|katten|hunden|arven|hvad)\b|ikke (?:maa|skal|skulle) vaere kede? af det|takker for alt|tak for alt|farvel|undskyld for alt|(?:passe|passer) paa (?:katten|hunden|\w+ for (?:mig|hende|ham))",
            15,
        ),
        rf"\bnaar (?:{ME}|hun|han) er (?:vaek|borte|gaaet)\b.{{0,40}}\b(?:det (?:bliver|er) (?:snart|ikke laenge)|ikke lang tid|der gaar ikke)",
        either(
            r"farvel|afsked|tak for alt|undskyld for alt|(?:elsker|elsket) (?:mig|dig|jer|ham|hende)|skal arve",
            r"ikke svaret|svarer (?:\w+ )?ikke|tager (?:\w+ )?ikke (?:telefonen|den)|(?:kan )?ikke (?:\w+ )?faa fat i|for altid|sidste gang|det (?:var|er) slut nu|skriver (?:hun|han) aldrig|aldrig (?:skriver|siger) (?:hun|han)|ikke (?:selv )?naa det|(?:i|du|de) (?:skal|behoever) ikke (?:at )?komme (?:mere|igen|i morgen)",
            20,
        ),
        r"\b(?:tid|klar) til at (?:sige tak for nu|tage afsked|sige farvel)\b|\b(?:jeg|hun|han) har gjort (?:mit|sit)(?! \w)",
        r"\bafskedsbrev\w*|\bdoedsannonce\w*|\bordnet det hele\b|\bnaar (?:jeg|hun|han) er (?:borte|doed)\b(?! en dag| engang| om mange)|\bnaar (?:jeg|hun|han) (?:er gaaet|ikke er her (?:mere|laengere))"
        + END
        + r"|\bhvem (?:der )?skal (?:have|arve)\b.*\bnaar (?:jeg|hun|han)\b",
        r"\b(?:rydde op|have besvaer|have bryderier) efter mig\b|\b(?:for at|vil|skal|lyst til at) skaere (?:i )?(?:mig|sig)\b|\bfor at (?:man |jeg )?(?:doer|doe|ikke overlever)\b",
        either(
            r"forberedt (?:alt|det hele)|ryddet|skrevet (?:mit |sit )?testamente\w*|testamente\w*|ordnet papirerne|sidste oensker|begravelse\w*|skrevet (?:et )?brev\w* til (?:alle )?(?:mine|sine|min|sin)|sagt farvel",
            r"ordnet (?:alt|det hele)|faa det gjort|mangler (?:jeg|hun|han) bare|klar til|ikke lang tid|noeglen|til jer|naar (?:jeg|hun|han) er",
            12,
        ),
        r"\b(?:givet|gav|foraeret|foraerer) (?:alle )?(?:sine|mine|sin|sit|min|mit) \w+ vaek\b|\b(?:foraeret|foraerer|givet|gav|giver)\b.*\b(?:ikke (?:faar|faa|faar mere) brug for|(?:skal|faar) ikke (?:bruge|brug for) (?:dem|den|det|noget)(?: \w+)?(?: mere| laengere| der))\b|\bder hvor (?:jeg|hun|han) skal hen\b",
        either(
            r"foraeret|givet (?:\w+ )?vaek|gav (?:mig |os |dem )?(?:sin|sit|sine)",
            r"trist|rolig|opgivende|sidste",
            8,
        ),
        r"\b(?:gravsted\w*|begravelse\w*|kiste\w*|bisaettelse\w*|urne\w*)\b.{0,80}\b(?:snart skal bruge|skal bruge (?:den|det) snart|inden (?:laenge|laeng)|selv (?:at )?soerge for|komme derhen|ikke syg)\b|\bbange for (?:hvad|at) (?:hun|han) (?:har taenkt sig|goer (?:ved|mod) sig selv|goer noget)\b|\bhaaber (?:at )?(?:jeg|hun|han) (?:faar (?:en|et) (?:blodprop|hjerteanfald|slagtilfaelde|hjertestop)|doer|bliver doed)\b|\blige meget om (?:jeg|hun|han) (?:levede|lever|doede|doer)\b|\bbestemt mig\b.*\b(?:borte|doe|farvel)\b|\bborte\b.*\bbestemt mig\b|\bbesluttet (?:mig|at)\b.*\b(?:nok|slut|farvel|borte|doe)\b",
        r"\bhvordan (?:jeg|ae|a|hun|han) (?:skal|skulle|sku|vil) (?:goere|goer) det\b|\b(?:vil ikke|skal ikke) fortaelle (?:jer|dig|nogen) hvordan\b|\bgoer det\b(?: \w+){0,4} naar der ikke (?:kommer|er) nogen\b",
        r"\b(?:haaber|beder om) (?:at )?(?:det|jeg)\b(?: \w+){0,4} (?:er nok|ikke vaagner|slutter|ender|doer)\b|\bfundet en maade at (?:slippe|doe|ende|goere det|tage|faa det overstaaet)\b|\bellers goer (?:jeg|hun|han) det selv\b",
        # Stopping food or medicine on purpose.
        either(
            r"med vilje|bevidst|eget valg",
            r"ikke (?:taget|tage|spise|spist|drikke|drukket)|holdt op med|lade vaere med|stoppet med",
            8,
        ),
        either(
            r"(?:lade|ladet|lader) vaere med at tage|(?:holde|holdt|holder) op med at tage|stop\w* med at tage|naegter at tage",
            r"hurtigere|herfra|doe|slut|faerdig|overstaaet",
            12,
        ),
        r"\b(?:forsvinde|forsvandt|gaa|gaar|gik|tage|vaek)\b(?: \w+){0,3} og (?:aldrig|ikke) (?:komme|kommer) tilbage\b|\b(?:tanker om|lyst til|taenker paa|taenkt paa|overvejer|overvejet|planer om) at slaa (?:mig|sig) ihjel\b|\b(?:jeg|ae|a) (?:vil|skal|kommer til at) (?:bare )?slaa mig ihjel\b",
        r"\b(?:ikke|aldrig|ingen) (?:lyst til at |at |vil )?(?:vaagne|vaagner|vaekkes)(?: op)? (?:i morgen|igen|mere)\b|\bkoer\w* (?:\w+ ){0,2}(?:ud i|ud over) (?:havet|vandet|fjorden|havnen|soeen|aaen)\b",
        r"\bfaerdig med (?:det hele|livet|alt|at leve)\b",
        # Self-harm.
        either(
            r"skaer\w*|skar|skaaret|kradse\w*|kradser|kradset|ridse\w*|ridset|river|rev|rive|prikke\w*|prikker|braend\w*|banke\w*|banker|snitte\w*|snittet",
            r"(?:mig|sig|dig) selv\b(?! i hovedet over)|til blods|til det (?:bloeder|goer ondt|gjorde ondt)|huden af|hjaelper paa tankerne|ind i vaeggen|med vilje",
            5,
        ),
        either(
            r"skaaret|skar|skaerer|skaere|ridset|ridser|ridse|snittet|snitter",
            r"i (?:mine|sine|hendes|hans) (?:laar|underarme|haandled)|letter (?:lidt )?paa (?:trykket|presset)",
            5,
        ),
        r"\b(?:skaaret|skar|skaerer|ridset|ridser|snittet) (?:mig|sig) (?:i|paa) (?:armen|armene|haandled\w*|underarm\w*|laar\w*)\b|\bsnitsaar\w*|\b(?:brandsaar|braendemaerk|brandmaerk)\w*\b(?!.*\bsiger (?:at )?(?:hun|han) selv\b).*\b(?:cigaret\w*|selv)\b|\bdet eneste der (?:faar|hjaelper|stopper|lindrer)\b.{0,30}\btanke\w*",
        r"\b(?:goer|goere|gjort|gjorde|gaa)\s+(?:noget\s+)?(?:dumt\s+)?(?:ved|mod)\s+(?:mig|sig|dig) selv\b|\bstoler ikke paa mig selv\b|\b(?:skade|skader|skadet) (?:mig|sig|dig) selv\b|\b(?:goere|gjort) (?:mig|sig) selv fortraed\b|(?<!\bmig )(?<!\bos )(?<!\bhende )(?<!\bham )\bfortraed\b(?! (?:paa|mod) (?!(?:mig|sig) selv))",
        either(
            r"haandled\w*|pulsaar\w*", r"plaster|blodig\w*|snit\w*|skaar\w*|skaaret|bandage\w*", 8
        ),
    ],
    MEDICAL: [
        # A fall, a collapse, lying and cannot get up.
        either(
            FALL,
            r"\w*gulvet|jorden|rejse (?:mig|sig)|komme op|staa op|kravle\w*|hjaelp|ligger|liggende|ligget|slog|slaaet|bloeder|svarer ikke|maerke|kan ikke|sidder fast|saar|hovedet|hoften|roere|faa (?:hende|ham|mig) op|bleg|hvid i ansigtet|ned ad (?:trappen|trapperne|kaelder\w*)|ned fra (?:stigen|stolen|taget)",
            7,
        ),
        r"\b(?:segnet|segnede|klappet|klappede|faldet|faldt|styrtet|vaeltet|sunket) (?:\w+ )?(?:om|sammen)\b|\bkollaps\w*|\bbesvim\w*|\bsammensunket\b",
        r"\b(?:ligger|liggende|ligget)\s+(?:\S+\s+){0,3}?(?:paa|i|ude i|ved|nede paa|nede ved) (?:\w*gulvet|jorden|sneen|trappen|\w+trappen|fortovet|badevaerelset|haven|opgangen)\b|\bligger (?:her )?stadig\b|\bligget der siden\b|\bligger nederst\b",
        r"\b(?:sidder|siddet|sad) (?:\w+ )?(?:paa|nede paa) (?:\w*gulvet|jorden)\b.{0,60}\b(?:komme op|rejse (?:mig|sig)|staa op)\b",
        r"\bligget (?:her|der)\b(?: \w+){0,3} i (?:(?:en|et par|to|tre|flere|\d+) (?:time|timer|halv time)|timevis)\b",
        # Found on the floor, seen lying through the door, stuck between bed and wall.
        rf"\b(?:fandt|fundet|finder|fandt vi|fundet (?:en|et))\b(?: \w+){{0,3}} (?:paa|nede paa|ude i|i|ved) (?:\w*gulvet|jorden|sneen|trappen|haven|entreen|gangen|badevaerelset|groeften)\b(?=.*\b(?:{BODYCOLD}|svarer|bevidst\w*|bloed\w*|vaagen|tale|vejret|puls|bleg|graa|ligget|gennembloedt)\b)",
        r"\b(?:ser|se|saa) (?:ham|hende|far|mor|borgeren|beboeren|(?:min|vores) \w+) ligge\b|\bsidder (?:jeg |hun |han )?(?:\w+ )?(?:i klemme|fast mellem)\b|\b(?:kan|kunne) (?:ikke|ikk) (?:komme fri|faa (?:ham|hende|far|mor|borgeren) op)\b(?! (?:om morgenen|af sengen om))",
        r"\bligget\b(?: \w+){0,4} (?:hele (?:natten|weekenden|dagen)|i (?:\w+ )?(?:dage|doegn|timer))\b|\bsidder i klemme\b|\bsidder fast i (?:badekar\w*|\w*karret|sengen|stolen|toilet\w*|bruseren|sengehest\w*)",
        rf"\b(?:kan|kunne) {NOT} (?:rejse (?:mig|sig)|komme op(?! af (?:stolen|sofaen|sengen|toilettet) (?:selv|uden|om morgenen))(?! over| til| i\b| paa (?:en |et )?(?:stige|stol|skammel|loftet|bussen|cyklen|\w+ sal))|kravle)\b|\b(?:kan|kunne) {NOT} (?:staa|gaa|komme op)(?=\s*(?:$|[,.!?]))|\b(?:jeg|hun|han) (?:ikke|ik) (?:kan|kunne) (?:rejse (?:mig|sig)|komme op|kravle)\b(?! af (?:stolen|sofaen|sengen|toilettet) (?:selv|uden|om morgenen))(?! over| til| i\b)",
        # The heart and the chest.
        either(
            r"ondt|smerte\w*|tryk\w*|stik\w*|trykken|jag|strammer|baelte|klem\w*|knug\w*|elefant",
            r"bryst\w*|hjerte\w*|kaeben|kaebe\w*|(?:ned|ud) i (?:venstre )?arm\w*",
            4,
        ),
        r"\bhjerte(?:anfald|stop|slag)\b|\b(?:faaet|fik|faar|et|anfald af) hjertekramp\w*|\bhjertekrampeanfald\w*|\b(?:puls\w*|hjerte\w*) (?:\w+ )?(?:galoperer|hamrer|slaar (?:\w+ ){0,3}uregelmaessigt|slaar (?:helt )?uroligt|slaar kolboetter|springer|jager|raser|banker saa)\b|\bhjaelp (?:mit|mig) (?:\w+ )?bryst\w*",
        either(
            r"klam|klamt|koldsved\w*|kold sved|sveder|svedig|bleg|helt graa|graa i (?:ansigtet|hovedet|huden)",
            r"bryst\w*|hjerte\w*|kvalme|svimmel|kold|klam|sveder|svedig|koldsved\w*|kaebe\w*|halsen|arm\w*|halsbrand|ryster|fjern",
            6,
        ),
        # Breathing and choking.
        near(NOT, r"vejret|vejr|luft|luften|aande|aandedraet", 4),
        near(
            r"luft|luften|vejret",
            r"(?:vil|kan) (?:ikke|ikk) (?:komme )?(?:ned|ind|igennem)|(?:kommer|gaar) ikke (?:ned|ind)",
            3,
        ),
        either(
            r"svaert|svaer|mangler|hiver|gisp\w*", r"vejret|vejr|luft|luften|aande|aandedraet", 4
        ),
        r"\bgisper\b(?!.* af (?:grin|overraskelse|forbavselse))",
        either(
            r"traekker vejret|traekke vejret|vejrtraekning\w*|aandedraet\w*",
            r"piber|stikker|gisper|hiver|rallen|raller|stopper|pauser|tungt|hurtigt|overfladisk\w*|maerkelig\w*|underlig\w*|besvaer\w*|hvaes\w*|ondt",
            4,
        ),
        r"\baandenoed(?!s?oevelse)\w*|\bstakaandet\b|\bkvalt\b(?! (?:mig|hende|ham))|\b(?:ved at blive|er ved at blive|blevet) kvalt\b|\bkvaeles\b|\bsnoerer sig sammen\b|\bsidder (?:en|et) (?:tablet|pille|stykke|ben|bid)\w* (?:\w+ )?fast\b",
        either(r"sidder|sad|fast|galt|stykke|koed|ben", r"i halsen|i luftroer\w*|i svaelget", 3),
        either(
            r"haever|haevet|hovner|hovnet|tyk|tykke", r"tunge\w*|laeber\w*|svaelg\w*|ansigt\w*", 3
        ),
        either(
            r"blaa|blaalig\w*|graablaa|lilla",
            r"laeber\w*|fingre\w*|negle\w*|ansigt\w*|foedder\w*|om munden|i hovedet|hovedet",
            3,
        ),
        # Stroke signs.
        either(
            r"skaev|haenger|hang|slap|sunket|trukket ned",
            r"mund\w*|ansigt\w*|mundvig\w*|kind|side",
            3,
        ),
        r"\b(?:side|halvdel|halvdelen) af (?:ansigtet|munden)\b(?: \w+){0,2} (?:foelger ikke med|haenger|er slap|roerer sig ikke)\b",
        r"\bkan (?:ikke|ikk) faa ordene (?:ud|frem)\b|\bordene sidder fast\b|\b(?:hoejre|venstre|ene) (?:arm|haand|ben|fod|side)\w* vil (?:ikke|ikk) (?:\w+ )?(?:gribe|adlyde|lystre|bevaege|roere|holde|makke ret|baere)\b",
        near(
            rf"{NOT} (?:kan |kunne )?(?:loefte|bevaege|holde|maerke|bruge|baere|styre|roere)",
            r"(?:\w+ ){0,2}(?:ene|venstre|hoejre) (?:arm|ben|haand|side)\w*|koppen i (?:hoejre|venstre)|benene|mine ben|sine ben|mit ben|mit ene ben",
            2,
        ),
        r"\bvil ikke baere (?:mig|hende|ham)\b|\bsnoevl\w*|\bsnovl\w*|\btunge\w* (?:foeles |er )?(?:tyk|loes|slap)\b|\b(?:ordene|ord|mine ord|hendes ord|hans ord|talen) (?:kommer |kom )?(?:helt )?(?:forkert|i forkert raekkefoelge|ikke ud|forkert ud|sloeret)\b|\b(?:hoejre|venstre|ene) (?:arm|haand|ben|fod|side)\w* (?:vil|gider) (?:ikke|ikk) (?:som (?:jeg|hun|han) vil|lystre|adlyde|virke|fungere)\b",
        r"\b(?:taler|talte|snakker|tale|snakke) (?:helt )?(?:sort|vroevl)\b(?!.*\b(?:oel|vin|snaps|fuld|beruset|drukket)\b)|\b(?:taler|talte|snakker|tale|snakke) (?:helt )?(?:utydeligt|sludder|uforstaaeligt|maerkeligt|volapyk|i vildelse)\b|\bi vildelse\b|\bkan ikke (?:tale|sige noget) (?:ordentligt|tydeligt)?\b",
        r"\b(?:kan (?:hun |han |jeg )?(?:ikke|naesten ikke)|ikke (?:kan|kunne)) se (?:paa|med|ud af) (?:det ene|venstre|hoejre|sit ene|mit ene) oeje\b|\bkan (?:knap|naesten ikke) (?:tale|snakke|sige noget)\b|\b(?:gennembloedt|gennemvaad|drivvaad|ligget ude)\b.{0,30}\b(?:kold|iskold|fryser|ryster)\b|\bser dobbelt\b|\bvaerste hovedpine\b|\bfoelelsesloes\b|\bsvarer (?:helt )?forkert\b|\bhalvdelen af (?:mit |hendes |hans )?ansigt\b|\bside (?:er )?(?:sovet ind|lammet|foelelsesloes|helt doed)\b",
        r"\b(?:blevet|pludselig|lige blevet) (?:helt )?blind\b|\bmistet synet\b|\bpupil\w* (?:er )?(?:stoerre|forskellig\w*|uens)\b|\bkan ikke synke(?: (?:sit|mit|hans|hendes) spyt\w*)?\b|\bstemme\w* (?:er )?blevet (?:helt )?(?:maerkelig|underlig|sloeret|utydelig)\b",
        r"\b(?:faaet|fik|faar|har|tror (?:\w+ ){0,3}(?:har|faaet)|ligner|er det|det er|ramt af) (?:en |et )?(?:blodprop|slagtilfaelde|stroke|apopleksi)\b",
        # Unconscious, unresponsive, no pulse, fits.
        either(
            r"svimmel", r"kastet op|kaster op|ikke kan staa|kan ikke staa|besvime|bleg|klam", 10
        ),
        # Blacking out ("sort for øjnene") unless it is the known dizziness of standing up fast.
        r"\b(?:fik|faar|faaet|blev) sort for oejnene\b(?!.*\b(?:naar (?:jeg|hun|han) rejser|for hurtigt|gik over|gaar over)\b)|\bsortner (?:\w+ )?for oejnene\b(?!.*\b(?:naar (?:jeg|hun|han) rejser|for hurtigt|gik over|gaar over)\b)",
        either(
            r"lammet|lam|slap|foelelsesloes|sovet ind|doed|foelelsen",
            r"(?:venstre|hoejre|ene) (?:side|arm|ben|haand)\w*|(?:i|ud i) (?:armen|benet|haanden|ansigtet)",
            3,
        ),
        r"\bikke til at (?:faa liv i|faa kontakt med)\b|\bbevidstloes\w*|\b(?:mistet|mistede|tabt|tabte) bevidstheden\b|\bikke til at vaekke\b|\bkan (?:ikke|ikke mere) (?:vaekke|faa kontakt|faa liv i|faa svar fra)\b|\bkan ikke vaekkes\b|\bvil ikke vaagne\b",
        rf"\b(?:ingen|ikke (?:\w+ )?(?:maerke|finde) (?:nogen|hans|hendes)?) ?puls\b|\breagerer (?:ikke|ikke mere)\b(?! paa (?:brev\w*|breve|mails|beskeder|opkald\w*|regninger))|\bvaagner ikke{END}",
        either(
            r"svarer (?:\w+ )?(?:ikke|kun)|(?:faar|fik|faa) (?:ikke|ingen) kontakt (?:til|med)",
            r"ligger|ryster|roerer|stille|sengen|gulvet|faldet|brum|stolen|graa|bleg|kold|klam|aabne oejne|stirrer|gulvet",
            8,
        ),
        either(
            r"tager ikke (?:telefonen|den)|svarer ikke|lukker ikke op|ingen (?:der )?lukkede op|ikke lukket op",
            r"ellers altid|plejer (?:altid|at)|hele dagen|i flere timer|siden i (?:gaar|morges)|ingen (?:der )?lukkede op",
            12,
        ),
        r"\bsnorker (?:helt )?(?:maerkeligt|underligt)\b|\bkramp(?:e|er|erne|eanfald\w*)\b(?! i (?:laeg\w*|ben\w*|fod\w*|foedder\w*|taeer\w*|haand\w*|fingr\w*|laar\w*|musk\w*|naesen))|\bfraade\w*|\boejnene ruller\b|\bryster (?:og sparker|over hele kroppen|ukontrolleret)\b|\bligger og ryster\b",
        either(
            r"anfald",
            r"ryste\w*|rystede|kramp\w*|bevidst\w*|ikke huske|fraade\w*|sitre\w*|bidt sig i tungen|ikke (?:rigtig )?vaagen",
            8,
        ),
        # Bleeding, burns, fractures.
        r"\bbloeder (?:voldsomt|meget|kraftigt|stadig|fra|og|helt|tandkoedet)\b|\bblod (?:over det hele|alle vegne|op)\b|\b(?:kast|host|tiss|braek)\w* (?:\w+ )?blod\b|\bblod\w* (?:pumper|fosser|vaelter|sprutter|flyder|sproejter|siver|stroemmer|loeber)\b|\bfuld af blod\b|\bsort affoering\b",
        either(
            r"bloed\w*|\w*bloedning\w*|blodet",
            r"vil ikke stoppe|stopper ikke|ikke stoppe|vil stoppe|holde op",
            6,
        ),
        r"\bdyb(?:t|e)? (?:snit|flaenge)\w*|\bhaard som (?:et braet|en sten|beton)\b|\b(?:maven|mave\w*) (?:er )?(?:helt )?(?:stenhaard|spaendt op)\b",
        either(
            r"haandled\w*|arm|armen|ben|benet|hofte\w*|skulder\w*|fod|foden|ankel\w*|knae\w*|finger\w*",
            r"ser (?:helt )?(?:forkert|skaev\w*|maerkelig\w*|underlig\w*|forvreden) ud|(?:vender|peger|sidder|staar|ligger|stritter) (?:helt )?(?:forkert|skaevt|ud til siden)",
            5,
        )
        + r"(?=.*\b(?:ondt|smert\w*|faldt|faldet|snublede|snublet|gled|vaeltet|haevet|hoevet)\b)",
        r"\bskoldet\b|\bforbraend\w*|\bhuden er gaaet af\b|\b(?:har|tror (?:jeg|hun|han) har|er) braekket (?:\w+ )?(?:armen|benet|hoften|haandleddet|laarbenet|skulderen|ribben\w*|noget)\b|\bhoften er braekket\b|\bstritter (?:helt )?forkert\b",
        r"\bsaar\w*\b.{0,40}\b(?:sort|lugter|gaaet op|betaendt|pus)\b|\boperationssaar\w* (?:er )?gaaet op\b",
        # Poisoning or overdose by mistake.
        either(
            r"ved en fejl|ved et uheld|kommet til at|kom til at",
            rf"dobbelt|to gange|tre gange|for meget|for mange|{PILLS}|blodfortyndende|afloebsrens|klorin|gift\w*|rengoeringsmiddel|opvaskemiddel|lampeolie",
            6,
        ),
        rf"\b(?:taget|faaet|givet) (?:\w+ ){{0,3}}(?:{PILLS}|blodfortyndende)\b(?: \w+){{0,2}} (?:to gange|tre gange|dobbelt)\b",
        r"\b(?:drukket|drak|slugt|spist) (?:\w+ )?(?:afloebsrens|klorin|gift|rottegift|rengoeringsmiddel|opvaskemiddel|lampeolie|sprit)\b|\bafloebsrens\b",
        # Not eating or drinking, fluid lost, high fever with confusion.
        rf"\b(?:{NOT}|ikke roert)\s+(?:\w+\s+){{0,2}}?(?:spist|drukket|drikke|spise|faaet noget at (?:spise|drikke)|roert maden|holde noget|holdt noget)\b(?! (?:kaffe|morgenmad|frokost|aftensmad|middag|alkohol|oel|vin|sodavand|min frokost))(?! endnu)(?=.{{0,60}}\b(?:dage|doegn|siden|forgaars|uge|weekenden)\b)|\b(?:dage|doegn)\b.{{0,40}}\b(?:vil|kan) ikke (?:drikke|spise)\b|\b(?:dage|doegn)\b.{{0,40}}\b(?:spiser|drikker)(?: og (?:spiser|drikker))? (?:ingenting|intet|ikke noget)\b",
        r"\bikke (?:tisset|lavet vand|haft affoering)\b.*\b(?:siden|dage|doegn)\b|\bkan (?:ikke|ikke mere) holde (?:en slurk|noget) (?:vand )?i (?:mig|sig)\b|\balt kommer op igen\b|\bkastet op hele (?:natten|dagen)\b|\bkaffegrums\w*|\bikke (?:ladt|ladet|tisset|lavet) vandet\b|\b(?:maven|mave\w*) (?:er )?(?:helt )?haard\b.{0,30}\bondt\b|\b(?:noget|maden|en bid|et stykke|\w*koed|\w*broed|kiks\w*|pille\w*|tablet\w*) (?:\w+ )?sidder fast\b",
        either(
            r"diarre|opkast|kastet op|kaster op|braekket (?:mig|sig)|tynd mave",
            r"doegn|dage|hele natten|kan ikke holde",
            6,
        ),
        r"\b(?:ind|ud)toerret\b|\bdehydrer\w*|\btoer i munden\b.*\b(?:svag|sloev|forvirret)\b",
        either(
            r"forvirret|fjern|uklar|sloev|doesig|i vildelse|omtaaget|underlig|vaek i hovedet|kender (?:mig|os) ikke|ikke kender (?:mig|os)",
            rf"feber|brandvarm|glohed|varm|{BODYCOLD}|toerstig|tisser og tisser|svedig|sveder|sved|drivvaad|ryster af kulde|kan ikke (?:faa|holde) varmen|ikke (?:kan )?blive varm|kulderystelser|ikke drukket|ikke spist|insulin\w*|blodsukker\w*|sloev|forvirret",
            10,
        ),
        r"\b(?:3[89]|4[0-2])(?: grader)? i feber\b|\b(?:hoej|voldsom) feber\b|\bglohed\b|\bbrandvarm\b|\bkulderystelser\b",
        either(r"haevet|haever|roed|roedt", r"varm\w*|feber|kulderystelser|stikker", 5),
        r"\bblodsukker\w*\b(?: \w+){0,3} (?:paa |er |kun )?(?:[0-3]|2[5-9]|3\d)(?:[,.] ?\d)?\b(?! (?:dage|gange|gang|x|om|timer|uger|maaneder|aar|kr))|\bblodsukker\w*\b.{0,30}\b(?:hi|lo|i bund|meget (?:hoejt|lavt)|faretruende|under \d)\b|\binsulinchok\b|\bsukkerchok\b|\binsulin\w* uden at spise\b|\b(?:apparat\w*|maaler\w*|blodsukker\w*|sensor\w*)\b(?: \w+){0,2} (?:viser|siger|staar paa|bipper) (?:bare |kun |helt )?(?:hi|lo|high|low|err|fejl)\b",
        # A blow to the head with warning signs.
        either(r"slog|slaaet|slag mod|stoedt|stoedte|faldet", r"hovedet", 3)
        + r".*\b(?:kaster op|braekker|bloeder|forvirret|omtaaget|svarer|sloev|bule|doesig)\b",
        # Sudden or severe pain.
        either(
            r"pludselig",
            r"ondt|smerte\w*|lammet|blind|forvirret|hvidt|skaev|hovedpine|svimmel|slap|haevet|blaat|blaa",
            5,
        ),
        r"\bsaa ondt (?:\w+ ){0,3}at (?:jeg|hun|han) (?:graeder|skriger|(?:ikke kan|kan ikke) (?:staa|gaa|sidde|ligge|rejse|bevaege|traekke))\b|\b(?:voldsom|kraftig)\w* (?:smerte\w*|ondt|jag)\b|\buudholdelig\w* (?:smerte\w*|ondt)\b|\bsmerte\w* (?:er )?uudholdelig\w*|\bskriger af smerte\b|\bkoldt og hvidt\b",
        r"\bser stjerner\b.*\b(?:ikke faaet|ikke spist|siden)\b|\bkan (?:naesten )?ikke holde oejnene aabne\b",
    ],
    DANGER: [
        # Fire, smoke, embers, sparks, burning smells.
        r"\b(?:roeg|brand)alarm\w* (?:\w+ ){0,2}(?:piber|hyler|bipper|gaar|gik|ringer)\b(?!.*\b(?:ingen (?:roeg|brand|ild)|batteri\w*|ristede|riste|falsk alarm|foelsom)\b)|\balarm\w* (?:\w+ ){0,3}(?:piber|hyler|bipper)\b|\bbraendt hul\b|\b(?:pande|gryde\w*|komfur\w*|kogeplade\w*)\b.{0,60}\b(?:faldet i soevn|glemt)\b",
        r"\bbrand\b|\bbraender\b|\bbraend\b|\bildebrand\b|\bild\b|\bflamme\w*|\bfanget ild\b|\blys lue\b|\bgloed\w*|\bulmer\b|\bulmende\b",
        r"\b(?:der er|der kommer|der staar|kommer|fuld af|fyldt med|se|ser|lugter af|lugt af|tyk|tykt|sort|meget|masser af|stiger)\b(?: \w+)? roeg(?:en)?\b|\broeg(?:en)? (?:i|fra|ud|over|overalt|alle vegne|under|kommer|stiger|siver|vaelter)\b|^roeg\b|\broegudvikling\b|\b(?:begyndt at|staar og) ryge\b|\bryger (?:fra|ud)\b|\bsvedent\b|\b(?:sort|tyk|tykt|graa) os\b|\bfyldt med (?:os|roeg|damp)\b|\bsod\b",
        r"\b(?:lugt\w*|lug|stinker|stank)\b(?: \w+){0,3} (?:af |som )?(?:braendt|braend\w*|smeltet|svovl|gas|raadne aeg|roeg|plastik|gummi)\w*",
        r"\b(?:braendt|svedet|svovl|gas|roeg)\w* lugt\b",
        r"\btaendt\w*\b.{0,40}\b(?:blus|komfur\w*|kogeplade\w*|pladen)\b.{0,40}\b(?:viskestykke\w*|avis\w*|grydelap\w*|papir\w*|plastik\w*|ovenpaa)\b|\btaendt (?:for )?alle (?:blus|plader|kogeplader)\b",
        r"\b(?:slaar|slog|kommer|spruder|flyver) (?:\w+ ){0,2}gnister\b|\bgnister (?:fra|ud|af)\b|\bknitrer\b.{0,20}\b(?:vaeggen|loftet|stikkontakt\w*|ledning\w*|kontakt\w*|lampen)\b",
        either(
            r"ledning\w*|stikkontakt\w*|stik|lampe\w*|kabel\w*|oplader\w*|elkedel\w*|plastik|\w*apparat\w*",
            r"smelt\w*|gloed\w*|gnist\w*|knitr\w*|braendt|ryger",
            4,
        ),
        either(
            r"brag|eksplosion\w*|eksploder\w*", r"fyr\w*|kedel\w*|gas\w*|over det hele|stinker", 6
        ),
        either(
            r"benzin\w*|gasflaske\w*|gasbeholder\w*|fortynder|terpentin",
            r"ryger|taend\w*|cigaret\w*|ild|gnist\w*|stearinlys",
            8,
        ),
        r"\bdis\b.{0,20}\b(?:stikker|svier) i oejnene\b|\bsaette ild\b",
        # Gas and carbon monoxide.
        r"\bgaslugt\b|\bgasudslip\b|\bkulilte\w*|\braadne aeg\b|\bsvovl\b",
        r"\bgas\w*\b(?: \w+){0,2} (?:lugt\w*|lugter|siver|udslip|laek\w*|staar aaben|staar aabent|er aaben|stod aaben)\b|\b(?:siver|laekker) gas\b",
        either(
            r"aabnet|aabner|aaben|aabent|taendt|drejet|skruet",
            r"gas|gassen|gaskomfur\w*|gashane\w*|knapperne|blus|alle blus",
            5,
        )
        + r"(?=.*\b(?:uden at taende|lugt\w*|alle|staar)\b)",
        either(
            r"(?:olie|gas|pille|traepille)?fyr(?:et)?|fyrrummet|gasfyr\w*|kedlen|braendeovn\w*|kakkelovn\w*",
            r"hovedpine|kvalme|svimmel|sloev|brummer",
            12,
        ),
        # A whole household with headache or nausea at once is carbon monoxide until shown otherwise.
        r"\b(?:hele familien|alle sammen|vi alle|vi har alle|begge to)\b(?: \w+){0,3} (?:hovedpine|kvalme|ondt i hovedet)\b",
        # Water, storm and the house giving way; power and oxygen; stuck in a lift; cold home.
        either(
            r"vand|vandet",
            r"op af gulvet|over hele|i hele|i stuen|i kaelderen|loeber ind|vaelter (?:ind|ud|ned)|stroemmer (?:ind|ud|ned)|siver ind|ind under (?:doeren|hoveddoeren|doerene)|fosser|drypper|stiger|staar (?:helt )?op (?:ad|til)",
            3,
        ),
        # Water on its way to the electrics.
        either(
            r"vand|vandet|vaad|vaadt|badekar\w*|\w*karret",
            r"stikkontakt\w*|eltavle\w*|elskab\w*|elinstallation\w*|i stikket|sat til|haartoerrer\w*|radio\w*|varmeblaeser\w*",
            6,
        ),
        r"\bfanget (?:af|i) (?:vandet|ilden|roegen|sneen|flammerne)\b|\bisen\b(?: \w+){0,3} (?:knager|brister|braekker|giver efter|er tynd)\b",
        r"\boversvoem\w*|\b\w*roer(?:et)? er sprunget\b|\bsprunget et \w*roer\b|\bdrypper fra loftet\b|\bunder vand\b|\b(?:badekar\w*|\w*karret|toilet\w*) er loebet over\b|\bgaaet over (?:sine|sin|dens) bredder\b|\bregner ned (?:i|gennem)\b",
        either(
            r"storm\w*|revne\w*|puds|loftet|taget er|taget af|gennem taget",
            r"revet|blaest|drysser|styrt\w*|falder ned|falde ned|faldet ned|knaekket|knager|giver sig|skrider",
            5,
        ),
        either(
            r"stroemafbrydelse|stroemsvigt|ingen stroem|stroemmen (?:er )?(?:gaaet|gik|vaek)|uden stroem",
            r"ilt\w*|respirator\w*|elevator\w*|noedkald\w*|moerkt|koldt|kan ikke",
            12,
        ),
        # Shut in by a door or lock that has jammed.
        either(r"doer\w*|laas\w*", r"gaaet i baglaas|klemt fast", 4),
        r"\b(?:kan|kunne) (?:ikke|ikk) komme ud\b(?! af (?:sengen|stolen|sofaen|badet|bilen))(?! at| paa).{0,40}\b(?:baglaas|sidder fast|ingen (?:hoerer|svarer)|i (?:\w+ )?timer)\b",
        r"\biltapparat\w*\b.{0,20}\b(?:i staa|virker ikke|stoppet|slukket)\b|\bfast i elevator\w*|\belevator\w* (?:sidder fast|er gaaet i staa|stoppet)\b",
        r"\bfyret er gaaet ud\b|\bingen varme\b|\b[0-9] grader (?:i|inde)\b",
        # Locked out in the cold, undressed outdoors.
        either(
            r"kan ikke komme ind|vil ikke komme ind|naegter at komme ind|laast (?:mig |sig )?(?:selv )?ude|smaekket (?:mig |sig )?ude|smaekkede bag|staar udenfor|staar uden for",
            rf"{COLD}|{UNDRESSED}",
            8,
        ),
        either(
            UNDRESSED,
            rf"gaar rundt|ude paa|udenfor|gaden|vejen|parkering\w*|hjemmefra|vaek|{COLD}|staar",
            8,
        ),
        r"\bligger (?:\w+ )?(?:ude )?i sneen\b|\b(?:ude )?paa isen\b",
        # A person who is lost or missing.
        either(r"faret|fare", r"vild", 1),
        rf"\b(?:han|hun|mor|far|mormor|morfar|farmor|farfar|borgeren|beboeren|(?:min|vores|hans|hendes) (?:{KIN})|fru \w+|hr \w+)\b(?: \w+){{0,3}} forsvundet\b|\bforsvundet fra\b|\bikke til at finde\b|\b(?:ved|vidste|husker|aner|anede) (?:jeg|hun|han|ae|a) ikke (?:laengere )?hvor (?:jeg|hun|han|ae|a) (?:er|bor|er henne)\b|\b(?:jeg|ae|a|hun|han|mor|far|borgeren) er blevet vaek\b(?! fra (?:\w+ )?(?:traening\w*|hold\w*|moede\w*|arbejde\w*|undervisning\w*))|\b(?:glemt|ved ikke|vidste ikke|husker ikke|aner ikke|anede ikke|kan ikke huske|kan ikke finde ud af?) (?:hvor|hvilken (?:by|gade|vej|bus|station)) (?:hun|han|jeg|ae|a) (?:bor|er|var|er henne|var henne)\b|\bkan ikke (?:selv )?huske (?:sin|min|hans|hendes) adresse\b|\bkan ikke genkende (?:noget|nogen|omgivelserne|stedet)\b",
        rf"\bkan ikke (?:finde|se) (?!(?:\w+ ){{0,4}}(?:laengere|mere)\b)(?:hjem|vej hjem|vejen hjem|tilbage|(?:min|vores|sin) (?:{KIN})\b|mor|far|mormor|morfar|farmor|farfar|hende|ham|borgeren|beboeren)\b|\bikke (?:kan )?finde (?:vej|hjem|tilbage)\b(?!(?: \w+){{0,3}} (?:laengere|mere)\b)",
        either(
            r"(?<!\btelefon )(?<!\btelefonen )(?<!\bmobil )vaek|gaaet (?:ud|vaek|hjemmefra|fra)|gaar ud|ikke kommet tilbage|er koert|ikke i (?:sin |sit )?(?:lejlighed\w*|seng\w*|vaerelse\w*|huset|hjemmet|stue\w*|bolig\w*)|gaaet ud ad|vandret|vandrer|forladt|forlod|ikke hjemme|stak af|stukket af|ikke kommet hjem|kravlet ud|klatret ud|koert (?:afsted|vaek)|koert ud i (?:\w+ )?(?:sne\w*|storm\w*|moerke\w*|natten|kulden|glat\w*)|gaar rundt derude|frataget koerekort\w*",
            LOST_CONTEXT,
            12,
        ),
        rf"\b(?:gaaet (?:ud|hjemmefra|fra|vaek)|gik ud|vandret|vandrer|stukket af|stak af|forladt|forlod)\b.*\b(?:{UNDRESSED}|{NIGHT}|demens|dement|alzheimer)\b",
        r"\bfundet (?:\w+ )?(?:rollator\w*|stok\w*|taske\w*|sko|jakke\w*|cykel)\b.*\bmen ikke\b|\b(?:gaaet|vaek|forsvundet|stukket af|gaaet sin vej) fra (?:plejehjemmet|plejecent\w*|afdelingen|dagcent\w*|hospitalet|sygehuset|bostedet)\b|\bnogen (?:der )?(?:har )?(?:proever|forsoeger|proevede|proevet|forsoegt|vil|staar og) (?:at )?(?:komme ind|bryde ind|aabne|kigge ind|ruske)\b",
        either(r"hamrer|hamre|sparker|rusker|ruske", r"doer\w*|vindue\w*", 3),
        rf"\b(?:nogen|en mand|en fremmed|fremmede|en person|to maend)\b(?: \w+){{0,4}} (?:i|ved|uden for|udenfor) (?:min|mit|mine|vores|hendes|hans) \w+ (?:{NIGHT})\b",
        # Intruders.
        r"\bindbrud\w*|\btyv(?:en|ene|eri\w*)?\b|\b(?:bryde|bryder|brudt|brudte) (?:ind|op)\b|\bsmadret (?:\w+ )?(?:ruden|ruder|vinduet|doeren|\w*ruden|\w*doeren)\b|\bfremmed (?:mand|kvinde|person|maend)\b|\bfremmed\w*\b(?: \w+){0,3} (?:i|inde i) (?:mit|min|vores|hendes|hans|borgerens) (?:hus|lejlighed|stue|have|koekken|sovevaerelse)\w*|\b(?:fuld|beruset|ukendt) (?:mand|kvinde|person)\b",
        r"\blyser ind\b|\b(?:kigger|kigget|kiggede) ind (?:ad|gennem|af) (?:\w+ )?vindue\w*|\bproever (?:han |hun |de )?(?:doeren|haandtaget|at aabne)\b|\bnogen (?:gaa|gaar|gik) rundt\b|\bvil ind\b.*\bligner ikke\b|\bvil ikke gaa\b.*\bikke kender\b|\bikke kender\b.*\bvil ikke gaa\b|\b(?:sagde|siger|sagt|siger at) (?:at )?(?:de|han|hun) (?:er|var) fra\b.*\b(?:vil ind|ligner ikke|staar|er inde|er kommet ind|lukket (?:ham|hende|dem) ind|bange)\b",
        # Weapons, threats and attacks on staff, a dog attacking.
        # A weapon counts when it is held or used against someone, not on a hunt or in the kitchen.
        either(
            r"\w*kniv(?!skarp)\w*|\w*gevaer\w*|\w*pistol\w*|revolver\w*|vaaben\w*|oekse|saks|hammer|koelle|balltrae|baseballbat|jernstang|jernroer|machete\w*",
            r"truer|truet|truede|truende|vifter|peger|trukket|trak|fundet \w+ frem|taget \w+ frem|hentet|i haanden|staar med|stikke|stikker|stak|skyde|skyder|skudt|svinger|svingede|svinge|efter (?:mig|os)|mod (?:mig|os)|foelger efter|venter|siger|raaber|aggressiv",
            6,
        ),
        near(r"truer|truet|truede|trussel|trusler|truende", STAFF.replace("mig|os|", ""), 6),
        rf"\b(?:en |den )?(?:borger(?:en|ens \w+)?|beboer(?:en|ens \w+)?|\w+ paa stue \d+|soennen|den paaroerende|en paaroerende)\b(?: \w+){{0,10}}? (?:truer|truede|truende|aggressiv|slaar|slog|slaaet|sparker|sparkede|sparket|spytter|spyttet|kaster|kastede|kastet|smider|smed|skubber|skubbede|skubbet|bidt|raabte at (?:han|hun) ville|(?:vil|ville) (?:slaa|taeske|stikke|draebe|banke|skade|smide)|skyder|draeber|har laast|laaste|staar i doeren|stillet sig)\b(?: \w+){{0,4}} (?:efter |paa |til |foran )?(?:{STAFF})\b",
        r"\b(?:en|nogen|to|flere) (?:fremmed\w* |ukendt\w* |fuld\w* )?(?:mand|maend|kvinde|person\w*|unge|nogen)\b(?: \w+){0,6} (?:truer|truede|truet|raaber at (?:han|hun|de) vil)\b",
        either(r"aggressiv\w*|truende", r"doeren|mig|os|lukket inde|stillet sig", 5),
        either(
            r"har laast|laaste|laaser|spaerret",
            r"(?:ikke maa|maa ikke) (?:gaa|komme ud)|ikke slipper ud",
            8,
        ),
        r"\b(?:taeske|banke|slaa|stikke|draebe) (?:mig|os)\b(?=.*\b(?:borger\w*|beboer\w*|venter|gangen)\b)|\bventer paa mig med\b|\blaast mig inde\b.*\b(?:raaber|vil have)\b|\blukket inde hos\b",
        r"\b(?:borger\w*|beboer\w*|paaroerende)\b.{0,30}\b(?:\w*pistol\w*|\w*gevaer\w*|revolver\w*|vaaben\w*)\b(?!.*\b(?:plomberet|deaktiveret|kan ikke skyde|paa vaeggen|uden ammunition)\b)",
        r"\bhund\w*\b.{0,40}\b(?:gaar loes paa|angriber|angreb|bidt|bider|bed) (?:\w+ ){0,2}(?:mig|hende|ham|os|borgeren|min (?:haand|arm|ben|fod)|i (?:haanden|armen|benet|foden))\b",
        r"\bstroemstoed\b|\bfaaet stoed\b",
        # Something left burning: an open stove, a candle or a hot plate beside paper or cloth.
        either(
            r"braendeovn\w*|kamin\w*|stearinlys\w*|levende lys|\w*blus|kogeplade\w*|komfur\w*|pladen|varmeblaeser\w*|ovnen",
            r"avis\w*|papir\w*|gardin\w*|viskestykke\w*|grydelap\w*|dug|dugen|plastik\w*|taeppe\w*|toej\w*",
            8,
        )
        + r"(?=.*\b(?:taendt\w*|aaben|aabne|sover|soev\w*|fuld blus|braend\w*|ryger|begyndt|op ad|lige foran|ovenpaa)\b)",
        r"\b(?:begyndt|begynder|ved|staar og) (?:at )?braende\b|\b(?:nu |og |saa )ryger det\b|\bdet ryger\b(?! (?:jeg|han|hun|vi|de|du|man|ikke)\b)|\b(?:gryde\w*|pande\w*|komfur\w*|kogeplade\w*|ovn\w*|broedrister\w*|elkedel\w*|fjernsyn\w*|tv\w*) (?:\w+ )?ryger\b|\btom\w* gryde\b.{0,30}\b(?:taendt|paa|varm|gloende)\b|\btaendt\b.{0,30}\btom\w* gryde\b",
        either(
            r"gas\w*|komfur\w*|kogeplade\w*|hane\w*|blus",
            r"kan ikke (?:\w+ )?slukke\w*|vil ikke (?:\w+ )?slukke\w*|gaar ikke (?:ud|af)|siver|stroemmer ud",
            6,
        ),
        # A driver who should not drive: against the traffic, demented at the wheel.
        r"\bmod koerselsretningen\b|\bspoegelsesbilist\w*|\bforkert vej (?:ind )?paa motorvejen\b",
        either(
            r"(?:taget|tog) (?:\w+ )?(?:bil)?noeglerne|er koert|koert afsted|koerer (?:stadig )?bil|sat sig bag rattet",
            r"dement\w*|demens\w*|alzheimer|kan ikke se|blind|forvirret|frataget",
            12,
        ),
        # A stranger inside; hiding from him; a dog that bars the way.
        r"\b(?:en mand|en kvinde|en person|nogen|to maend|en ukendt|en fremmed)\b(?: \w+){0,2} (?:inde )?i (?:min|mit|vores|hendes|hans|mors|fars) (?:lejlighed|hus|stue|koekken|sovevaerelse|entre|gang)\w*(?=.*\b(?:laast (?:mig|os|sig) inde|gemt (?:mig|os|sig)|bange|ukendt|kender ikke|ved ikke hvem)\b)|\blaast (?:mig|os|sig) inde (?:paa|i) (?:badevaerelset|toilettet|sovevaerelset|\w+)\b(?=.*\b(?:mand|nogen|fremmed|person|indbrud\w*)\b)",
        r"\bhund\w*\b.{0,40}\b(?:viser taender|knurrer|glefser|angrib\w*)\b(?=.*\b(?:kan ikke komme|toer ikke|bange|bider|bidt)\b)",
        r"\b(?:slaar|slog|hamrer|banker|sparker) (?:\w+ )?paa (?:ruderne|ruden|vinduerne|vinduet)\b(?=.*\b(?:vil ind|jernroer|koelle|balltrae|hammer|sten)\b)",
        r"\bledt (?:efter (?:hende|ham|ham|borgeren) )?i (?:en|\d+|over en|flere) (?:time|timer|halv time)\b",
    ],
    VIOLENCE: [
        # Blows and rough handling.
        rf"\b(?<!\bjeg )(?<!\bae )(?<!jeg har )(?<!jeg havde )(?<!saa jeg )(?:slaar|slog|slaaet|slaas|sparker|sparkede|sparket|skubber|skubbede|skubbet|kvaeler|kvalte|kvalt|banker|bankede|banke|taever|taevede|taesker|niver|nev|rusker|ruskede|river|rev|hiver|hev|hevet|vrider|vredet|dasker|daskede|knalder|knaldede|spytter|spyttede|bider|bed|griber|greb|grebet|sparke|slaa|hive|tvinger|tvang|tvunget)\b(?: (?:ud efter|efter|til|paa|ind i|ned|op|haardt|\w+ efter)){{0,2}} (?:{WHO})\b",
        r"\b(?:tager|tog|taget|grebet|griber|greb|holder|holdt|klemmer|klemt) (?:\w+ )?(?:mig|mae|hende|ham|borgeren) (?:\w+ )?(?:om|i) (?:halsen|struben|haaret|nakken|armen|haandled\w*)\b|\bhevet (?:hende|ham|mig)\b.*\bhaar\w*",
        r"\b(?:kaster|kastet|kastede|smider|smed|smidt)\b(?: \w+){0,3} (?:efter|paa|i hovedet paa) (?:mig|mae|hende|ham|os|borgeren)\b|\bslaar ud efter\b",
        r"\b(?:give|giver|gav|givet|faaet|fik)\b(?: \w+){0,3} (?:et |en )?(?:haardt |ordentligt )?(?:nap|klask|lussing|skalle|spark|knytnaeve\w*|puf|skub|flad|oerefigen|tjat|slag i (?:ansigtet|hovedet|maven))\b|\blussing\w*|\btaesk\b|\bhaardhaendet\b|\b(?:grov|groft|brutal|haardhaendet) (?:ved|mod|over for) (?:mig|hende|ham|borgeren|min \w+|sin \w+)\b|\bmishandl\w*|\bvold\b|\bvoldelig\w*|\boverfald\w*",
        r"\b(?:bliver|blev|blevet) (?:\w+ )?(?:slaaet(?! ud)|sparket|truet|skubbet|kaldt|mishandlet|udnyttet|kvalt|banket|taevet|slaebt|revet|nevet)\b|\b(?:siger|synes|mener)\b.{0,40}\b(?:jeg|hun|han|du) (?:skal|burde|skulle|bare kan|hellere maa) (?:vaere doed|doe)\b|\b(?:siger|kalder|synes|mener)\b(?: \w+){0,3} (?:jeg|hun|han|du) er en byrde\b",
        # Threats and coercion.
        r"\b(?:bliver|blevet|blev|er|var|foeler mig|foeler sig) truet\b|\btruet (?:mig|hende|ham|os|borgeren|med)\b|\btru(?:er|ede)\b(?! med at (?:flytte|komme|besoege|aflyse|sige op|klage|koebe|saelge|rejse|gifte|melde|begynde|starte|bage|synge|tage (?:mig|os) med|invitere|ringe til (?:kommunen|avisen)|skrive|stoppe|holde op)\b)|\btrussel\b|\btrusler\b",
        r"\b(?:vil|skal|gaar til at|truer med at) (?:braekke|slaa|draebe|smide|sparke|skade|koere|spaerre) (?:mine|min|mig|dig|hende|ham|os)\b|\bslaar (?:mig|hende|ham) ihjel\b",
        either(
            r"hvis (?:jeg|du|hun|han) (?:fortaeller|fortalte|siger|sagde|ringer|ringede|sladrer|ikke goer|ikke gjorde|ikke giver)",
            r"faerdig|slaar|slaa|draebe|smide|braekke|ender|straffe|doed|ihjel|som (?:han|hun) siger|(?:aldrig|ikke) (?:mere )?(?:faa |faar )?lov (?:til )?at|(?:aldrig|ikke) (?:mere )?se (?:mine|sine|dine)",
            8,
        ),
        r"\b(?<!\bjeg )(?<!jeg har )(?<!vi har )(?:fik|faaet|faar|presset|presser|tvang|tvunget|tvinger|overtalt|overtaler|lokket|narret|narrede) (?:mig|hende|ham|min \w+|sin \w+|mor|far|mormor|morfar|farmor|farfar|borgeren) til at (?:skrive|underskrive|overdrage|give|laane|saelge|overfoere|saette (?:hans|hendes|deres) navn|aendre|flytte penge)\b|\bskrive (?:\w+ )?over paa\b|\bskrive under paa\b.*\b(?:ikke forstod|ikke forstaar|ikke vidste)\b",
        r"\btvinger (?:mig|hende|ham)\b|\btvunget (?:mig|hende|ham)\b|\bmed magt\b|\bholde kaeft\b|\blaere (?:mig|hende|ham) en lektie\b",
        # Money and belongings taken.
        rf"\b(?<!\bjeg )(?<!\bae )(?:tager|tog|taget|stjaeler|stjal|stjaalet|saelger|solgt|toemmer|toemt|beholder|brugt|haever|haevet|tager af|stikker af med|overtaget|overtager)\b(?! (?:sig af|haand om|vare paa))(?: \w+){{0,2}}? (?:alle |halvdelen af |resten af )?(?:mine|min|mit|hendes|hans|mors|fars|vores|sin mors|sin fars|borgerens)\b(?: \w+)? (?:{MONEY})\b(?! med (?!sig)| for at koebe)(?!.*\b(?:bedt (?:ham|hende|dem) om det|efter aftale|tilladelse|for at hjaelpe)\b)",
        r"\b(?:tager|tog|taget|stjaeler|stjal|stjaalet|haever|haevet)\b (?:\w+ )?(?:kontanterne|pengene|pensionen|smykkerne|pinkoden|dankortet)\b(?: \w+){0,3} (?:hendes|hans|min|mors|fars|borgerens|fra)\b|\b(?:penge|pengene|smykker|smykkerne|ting) (?:\w+ )?(?:fra|af) (?:min|hendes|hans|mors|fars) (?:konto|pung|taske)\b|\bpenge fra (?:min|hendes|hans|mors|fars) \w+\b",
        r"\b(?:(?:er|var) )?(?:alle |alt )?(?:mine|min|hendes|hans|mors|fars) (?:penge|pension|opsparing|smykker|kontanter)\w* (?:(?:er|var) )?(?:\w+ )?(?:vaek|forsvundet|brugt op)\b",
        either(
            r"hvis (?:jeg|hun|han|du) ikke (?:overfoerer|giver|betaler|laaner|skriver under|goer som)",
            r"penge|kr|kroner|plejehjem|gaden|smide|slaa|ender",
            8,
        ),
        either(
            r"laant|laaner|laante",
            r"ikke (?:vil )?(?:betale|betalt|give|faaet) (?:\w+ )?tilbage|aldrig (?:betalt|faaet)|(?:ser|faar|set) (?:aldrig|ikke) (?:\w+ ){0,4}(?:igen|tilbage)|vil (?:hun|han|de) have (?:mere|flere)|\d+[. ]?000|tusind",
            8,
        ),
        either(
            r"koder|kode|koden|pinkode\w*|mitid|nemid|kortnummer|kontonummer|dankort\w*",
            r"gav (?:ham|hende|dem)|givet (?:ham|hende|dem)|fra banken|haevet|svindel\w*|snydt|ny kode|adgang|rasende|presser|kraever|forlanger",
            8,
        ),
        either(
            r"konto\w*|netbank\w*|pension\w*|penge\w*|opsparing\w*|kode\w*|mitid",
            r"ikke selv (?:kan|maa|faar)|ikke (?:maa|faar lov)|uden at spoerge|uden lov|adgang til|lavet en ny|skiftet|ingen penge|ikke raad til mad",
            8,
        ),
        either(
            r"(?:sagde|siger|paastod) (?:at )?(?:han|hun|de) (?:var|er) fra",
            r"vaek|koder|kode|haevet|gav (?:ham|hende|dem)|overfoert|penge",
            12,
        ),
        r"\bresten af (?:maden|pengene|pensionen)\b.{0,30}\b(?:spiser|tager|beholder|bruger)\b|\bstyrer (?:hun|han|de) (?:alle )?(?:mine|hendes|hans) penge\b|\bkun giver (?:mig|hende|ham)\b",
        r"\b(?:putter|puttet|kommer) (?:noget|piller|medicin\w*|sovemedicin) i (?:min|hendes|hans) (?:kaffe|mad|te|drikke|vand|saft)\b|\bgiver (?:hende|ham|mig) (?:sove\w*|beroligende|piller|medicin)\w*\b(?: \w+){0,3} (?:saa|for at)\b",
        # Restraint, isolation, control.
        r"\b(?<!\bjeg )(?<!jeg har )(?<!\bden bliver )(?<!\bden er )(?<!hunden er )(?<!hunden bliver )(?:laast|laaser|lukker|lukket|spaerret|spaerrer|holdt|holder) (?:(?:mig|hende|ham|os|borgeren|mor|far|(?:min|sin|hans|hendes|vores) \w+) )?inde\b|\bbundet (?:mig |hende |ham |borgeren )?(?:fast\b|til (?:stolen|sengen|en stol|radiator\w*|sengegaerdet|koerestolen))|\b(?:sidder|ligger|var|blevet|har vaeret|er) bundet\b(?! til (?:huset|hjemmet))|\bindespaerret\b|\bspaerret inde\b|\bhiver (?:mig|hende|ham) i\b|\bholdt (?:indenfor|fanget)\b|\bholder (?:hende|ham|mig|borgeren) (?:fast|sulten|inde|nede)\b|\bskiftet laasen\b|\btvangs(?:fodr|medicin)\w*",
        r"\b(?<!jeg )(?<!ikke )(?<!havde )(?:spiser|tager|stjaeler|spist) (?:min|hendes|hans|mors|fars) mad\b|\bikke (?:bliver |blevet )?fodret\b|\b(?:jeg|hun|han|mor|far) (?:maa|faar) ikke (?:lov til at )?(?:ringe|se|tale med|besoege|gaa ud|forlade)\b|\b(?:jeg|hun|han|mor|far) maa ikke (?:gaa ud|ringe til|se (?:mine|sine|hendes|hans)|komme i (?:min|sin) egen|forlade|tale med|have besoeg)\b|\b(?:laeser|aabner|tjekker) (?:alle )?(?:mine|hendes|hans) (?:breve|post|beskeder|sms\w*)\b",
        r"\b(?:smed|smidt|smadrede|smadret|tog|tager|gemmer|gemt|taget|sparket|sparker|revet|rev|river) (?:alle )?(?:min|mit|mine|hendes|hans) (?:telefon|mobil|noedkald\w*|hoereapparat\w*|briller|rollator|stok|koerestol|gangstativ|noegler|noeglen)\b|\b(?:vil ikke|naegter at) give (?:mig|hende|ham) (?:mine|sine|hendes|hans|min|sin|noget) (?:mad|\w*medicin|\w*piller|vand|briller|hoereapparat\w*)\b|\b(?:smidt|smider|smed|kastet|kaster) (?:mig|hende|ham|borgeren) (?:paa|ned|ud|i|ind)\b|\bingen (?:giver|hjaelper|vasker|skifter|passer paa) (?:hende|ham|mig|borgeren)\b|\btager (?:min|hendes|hans) telefon\b",
        rf"\b(?:laegger|lagde) sig (?:oven ?paa|ovenpaa) (?:mig|hende|ham)\b|\bseksuel\w*|\boverg(?:reb|ribende)\w*|\b(?:roerer|roert) ved (?:{WHO})\b|\b(?:befamler|befamlet|beroerer|beroert) (?:ved )?(?:{WHO})\b|\bvoldt(?:aeg|ag)\w*|\bmisbrug\w*",
        # Neglect: left sitting without food, not washed for weeks, food withheld as punishment.
        r"\b(?:lader|lod|ladet) (?:\w+ ){0,2}(?:sidde|ligge|vaere)\b(?: \w+){0,4} (?:uden (?:mad|vand|at (?:skifte|vaske|spise|drikke))|i (?:sin |sit )?(?:urin|tis|ble|affoering)|vaad|sulten|toerstig)\b",
        rf"\b{NOT} (?:vasket|skiftet|badet|vendt|fodret) (?:{WHO})\b(?: \w+){{0,2}} (?:i|siden) (?:\w+ )?(?:uger|uge|dage|doegn)\b|\b{NOT} (?:giver|gav) (?:hende|ham|mig|borgeren|mor|far) (?:noget )?(?:\w*mad|at spise|at drikke|vand|medicin\w*|smertestillende)\b(?!.*\b(?:selv|det laver|det klarer)\b)",
        # Touching, theft, veiled threats, keeping it secret.
        r"\b(?:roert|roerer|roere|beroert|befamlet)\b(?: \w+){0,3} mellem (?:benene|laarene)\b|\b(?:givet|gav|giver|faaet|fik|faar) (?:\w+ )?en paa (?:skrinet|kassen|frakken|lampen|tuden|kaeften|munden|oeret)\b",
        r"\b(?<!\bjeg )(?:stjaeler|stjal|stjaalet|stjaele)\b(?:(?: \w+){0,3} fra (?:mig|hende|ham|borgeren|os)\b| (?:\w+ )?(?:mine|min|mit|hendes|hans|borgerens|mors|fars)\b(?! (?:plads|hjerte|tur|opmaerksomhed)))",
        r"\b(?:haevet|haever|haevede|brugt|bruger|brugte)\b(?: \w+){0,2} (?:paa|fra|med) (?:hendes|hans|min|mit|mors|fars|borgerens) (?:kort|dankort|konto|kreditkort|netbank|mobilepay)\b(?!.*\b(?:for (?:hende|ham|mig)|til (?:hende|ham|mig)|handle\w*|indkoeb\w*|efter aftale|bedt (?:ham|hende|dem) om)\b)",
        r"\bellers sker der (?:noget|ulykker|noget slemt)\b(?! med)|\b(?:(?:maa|toer|tør) (?:ikke|ik)|ikke (?:maa|toer|tør)) (?:fortaelle|sige)(?: \w+){0,2} (?:til nogen|hvem (?:der )?(?:har gjort|gjorde|goer|slog|slaar)|hvad (?:han|hun|de) (?:goer|gjorde|har gjort))\b(?!.*\b(?:overraskelse\w*|foedselsdag\w*|gave\w*)\b)",
        r"\b(?:rykker|rykkede|flaar|flaaede|slaeber|slaebte) (?:hende|ham|mig|borgeren|mor|far) (?:\w+ ){0,3}(?:op af|ud af|ned af|i armen|i haaret|rundt)\b",
        # Insults and humiliation, fear of a person.
        r"\b(?:kalder|kaldte|kaldt) (?:mig|hende|ham) (?:for )?(?:en |et )?(?:gammel |dum |dumme |klam |grim |fed |tyk |ubrugelig |skoer )*(?:gammel|dum|dumme|klam|grim|fed|tyk|ubrugelig|skoer|sindssyg|kaelling|heks|idiot|luder|so|svin|taabe|spasser|byrde|affald|lort)\b|\bkaldt grimme ting\b|\bgjort grin med\b|\bgammel (?:kaelling|heks)\b|\b(?:raaber|raabte|skaelder|skaeldte|skriger) (?:\w+ )?(?:af|ad|paa) (?:mig|hende|ham)\b",
        rf"\bbange for (?:ham|hende|(?:min|sin|sit|hans|hendes|vores|en bestemt|den nye|en) (?:nye |egen )?(?:{KIN}|plejer\w*|\w*hjaelper\w*|nabo\w*|nattevagt\w*|mand|kvinde))\b|\btoer ikke (?:vaere hjemme|sove|sige fra|sige noget|sige det)\b|\bgemmer sig\b|\baf skraek naar\b",
        r"\b(?:siger|synes|mener) (?:at )?(?:han|hun|jeg) fortjener det\b|\b(?:han|hun) har gjort det foer\b|\bingen (?:kan|vil) (?:sige|forklare)\b.*\bhvordan\b|\bsom ingen kan forklare\b",
        # Marks of violence.
        r"\bblaat oeje\b|(?<!man faar )(?<!man faar lettere )(?<!let )(?<!nemt )(?<!tit )\bblaa maerker\b(?! lettere)(?!.*\bblodfortyndende\b)|\bblaamaerke\w*|\bmaerker (?:over det hele|om haandled\w*|paa halsen)\b|\baftryk af en haand\b|\bmaerker\b.{0,30}\bligner (?:fingre|en haand)\b",
        r"\bmaerker (?:paa|om|ved) (?:overarm\w*|arm\w*|halsen|haandled\w*|inderlaar\w*|laar\w*|kinden|ansigt\w*|ryggen|kroppen)\b|\bgemmer (?:mine|sine|hendes|hans) maerker\b|\b(?:flaenge|skrab\w*|skramme\w*)\b.*\bingen\b",
        # Neglect and withholding.
        rf"\b(?:faar|faaet|giver|givet|gives)\s+(?:\w+\s+)?{NOT}\s+(?:noget\s+|min\s+|sin\s+|mine\s+|sine\s+|hendes\s+|hans\s+)?(?:mad|medicin\w*|piller|vand|at spise|smertestillende)\b",
        r"\bfaar ikke (?:sine|sin|sit|mine|min|mit) (?:hoereapparat\w*|briller|rollator|medicin\w*|mad|noedkald\w*|smertestillende)\b|\bvil ikke lade (?:os|hjemmeplejen|personalet|mig) (?:give|hjaelpe|komme|tilkalde)\b|\b(?:forbudt|forbyder|forbod) (?:os|hjemmeplejen|personalet|hjaelperne|mig|dem) (?:at |til at )?(?:give|hjaelpe|tilkalde|ringe)\b(?!.*\blaege\w*)|\bnaegter at (?:hjaelpe|give|lade)\b",
        r"\bgemmer (?:\w+ )?(?:medicin\w*|piller\w*)\b.*\bvaek\b",
        rf"\b{NOT}\s+(?:faaet|faar)\s+(?:\w+\s+)?(?:mad|medicin\w*|piller|at spise|skiftet|vasket|hjaelp)\b.*\b(?:dage|gemmer|straf|vaek|siden|naegter)\b",
        r"\bingen mad\b|\bsulten som straf\b|\bkoeleskabet er tomt\b|\bfaar kun\b(?: \w+){1,2}, resten\b",
        r"\b(?:sidder|ligger|ligget|siddet|ligge) (?:\w+ )?(?:i (?:sin |hendes |hans |egen |sin egen |den samme )*(?:urin|tis|affoering|lort|boesse|ble)|vaad)\b",
        r"\bomsorgssvigt\w*|\bforsoemt\w*|\bvanroegt\w*|\btynd og beskidt\b|\bbeskidt og tynd\b|\bingen har vaeret der\b|\b(?:koldt|kold) (?:vaerelse|lejlighed|stue) uden\b|\buden (?:sengetoej|dyne)\b",
        r"\b(?<!\bjeg )(?<!jeg har )(?:slukket|slukker|lukket|lukker) (?:for )?(?:varmen|stroemmen)\b(?!.*\b(?:sommer\w*|varmt|for varmt|ferie\w*)\b)",
        # Neglect: left lying wet or soiled, left alone for weeks, food or heat cut off by a relative.
        r"\b(?:laa|ligger|ligget|sidder|sad|siddet) (?:\w+ )?i (?:en |den |sin |min |hendes |hans )?(?:vaade|vaad|beskidte|snavsede) seng\w*\b|\bseng\w* (?:\w+ )?fuld af (?:tis|urin|lort|affoering|afføring)\b|\b(?:laa|ligger|ligget|sidder|sad|siddet) (?:\w+ )?i (?:min |mine |sin |sit |mit |hendes |hans )?(?:egen |eget )?(?:urin|tis|affoering|lort|boesse|ble)\b",
        r"\befterladt\b(?: \w+){0,3} (?:alene|uden)\b.{0,80}\b(?:ferie|uge|uger|dage|doegn|kan ikke selv|kan hverken)\b|\b(?:lader|lod|ladet) (?:mig|hende|ham|borgeren|mor|far) (?:sidde|ligge)\b(?: \w+){0,4} i (?:\w+ )?(?:timer|time|timevis|hele natten|hele dagen)\b",
        rf"\b(?:sidder|sad|bor|lever) i (?:moerke|moerket|kulde|kulden)\b.{{0,40}}\b(?:fordi|da|for at spare)\b|\b(?:iskold\w*|kold\w*) (?:lejlighed|stue|hus|vaerelse)\b.{{0,60}}\b(?:manden|konen|soennen|datteren|(?:min|hans|hendes) (?:{KIN}))\b|\b(?:maa|faar) ikke (?:lov (?:til )?at )?bruge (?:toilettet|telefonen|koekkenet|varmen)\b",
        r"\b(?:faar|faaet|giver (?:hende|ham|mig)|maa) kun (?:faa )?(?:vand|\w*broed|toert broed|rester|havregryn)\b.{0,60}\b(?:siger|mener|fordi|straf|for tyk|spare)\b|\bikke (?:faaet|faar) (?:sin|sine|min|mine|hendes|hans) (?:medicin\w*|piller|mad|insulin)\b(?: \w+){0,4} (?:fordi|siden|i (?:en|to|tre|flere) (?:uge|uger|dage))\b|\bingen penge til mad\b|\blaaser (?:koeleskabet|koekkenet|maden|fryseren)\b",
        r"\b(?:liggesaar|mager|udmagret|afkraeftet)\w*\b.{0,80}\b(?:smider (?:os|hjemmeplejen|personalet|hjaelperne) ud|vil ikke lade|ikke skal have (?:hjemmepleje|hjaelp)|afbestilt|naegter)\b",
        # Touched in a way she did not want; told to keep it secret; pinched, shouted at.
        rf"\b(?:roerer|roert|roerte|roere|beroerer|beroert|befamler|befamlet|famler) (?:ved )?(?:{WHO})\b(?: \w+){{0,2}} (?:paa en (?:\w+ )?maade|forneden|intimt|mellem|paa brysterne|hvor)\b",
        r"\b(?:ikke (?:skal|maa|faar lov (?:til )?at)|skal ikke|maa ikke) (?:sige|fortaelle) (?:noget |det |det her )?(?:til nogen|til nogen som helst|til min \w+|til jer)\b(?!.*\b(?:overraskelse\w*|foedselsdag\w*|gave\w*)\b)",
        r"\b(?:bliver|blev|blevet) (?:\w+ )?(?:knebet|nevet|skaeldt ud|raabt ad|hevet i|ruskt)\b|\b(?:skreg|skriger|skreget|raabte|raaber|skaeldte|skaelder) (?:\w+ )?(?:ad|paa|af) (?:den gamle|sin mor|sin far|sin \w+|borgeren|mor|far)\b",
        r"\b(?:vil ikke|naegter at) lade (?:mig|os|hende|ham) (?:gaa|komme ud|forlade)\b|\b(?:lukker|lader) (?:mig|hende|ham|os) (?:ikke|aldrig) (?:ud|gaa)\b|\b(?:toer ikke|ikke toer) (?:at )?vaere alene med\b",
        r"\b(?:bundet|bandt|binder|binde|spaendt|spaendte|spaender|spaende|fastspaendt|surret|tapet)\b(?: (?:mig|hende|ham|borgeren|mor|far|(?:min|hans|hendes|sin) \w+))? fast\b(?!.*\b(?:sele|selen|sikkerhedssele\w*|bilen|bussen|flextrafik\w*|paa cyklen)\b)",
        r"\b(?<!\bjeg )(?<!jeg har )(?:tager|tog|taget) (?:\w+ )?(?:telefonen|mobilen|noeglerne|rollatoren|stokken|briller\w*) (?:\w+ )?fra (?:mig|hende|ham|borgeren|mor|far)\b|\b(?:jeg|hun|han|mor|far) (?:maa|faar) ikke lov (?:til )?at (?:ringe|se|tale med|besoege|gaa ud|forlade)\b",
        r"\b(?:braekket|braekkede) (?:min|mit|mine|hendes|hans|mors|fars) (?:\w+ )?(?:finger|fingre|arm|armen|haandled|ribben|naese|kaebe|ben)\w*|\b(?:vred|vrider|vredet) (?:den|armen|fingeren|haanden|haandleddet|min arm|hendes arm) om\b",
        r"\b(?:tredje|fjerde|anden) gang\b.{0,60}\b(?:maerke\w*|blaa\w*|braekket|ribben|brandmaerk\w*|saar|skramme\w*)\b|\b(?:maerke\w*|blaa\w*|braekket|ribben|brandmaerk\w*|skramme\w*)\b.{0,80}\b(?:tredje|fjerde|anden) gang\b|\b(?:sikker paa|mistaenker|tror) at (?:hans|hendes|min|sin) (?:kone|mand|soen|datter|samlever|\w+) (?:gjorde det|har gjort det|slaar|slog)\b|\bgaaet ind i en doer\b",
        rf"\b(?:penge|pengene|kontanter\w*|smykker\w*) (?:\w+ )?(?:fra|af) (?:(?:{KIN})s|\w+s) (?:konto|pung|taske|netbank)\b|\bhaevet (?:\d+[. ]?)+ ?(?:kr|kroner)\b.{{0,60}}\b(?:ved ikke noget|ikke selv|uden at|kan ikke forklare)\b",
        r"\b(?:laan\w*|gaeld\w*|skylder)\b.{0,60}\b(?:nye venner|de siger (?:han|hun|jeg) skylder|skylder dem|presset|kraever|ikke forstod)\b|\bnye venner\b.{0,80}\b(?:laan\w*|skrevet under|skylder|penge)\b",
        r"\b(?:goer|goere|gjort|gjorde|vil goere) (?:mig|hende|ham|os|dig) fortraed\b",
    ],
}
# Harmless idioms and everyday phrases that contain a danger word; taken out before matching.
IDIOMS = [
    r"\bdoed ?traet\w*",
    r"\b(?:har haft|havde|efter|indlagt med|opereret for|behandlet for) (?:en |et |sin |sit |min |mit |hans |hendes )?(?:blodprop\w*|slagtilfaelde\w*|hjerteanfald\w*|hjertestop|apopleksi)\b",
    r"\b(?:doe|doer|doed|doede) af (?:grin|kedsomhed|skam|nysgerrighed|sult|varme|kulde|spaending)\b",
    r"\bved at doe af\b",
    r"\bvil doe for\b",
    r"\b(?:vil|ville) hellere doe end (?:at )?(?:spise|drikke|smage|se|hoere|synge|danse|vaske|spille|have (?:\w+ )?paa)\b",
    r"\b(?:keder|kede) (?:mig|sig) ihjel\b",
    r"\b(?:lugter (?:lidt )?(?:af )?)?roeg fra (?:\w+ )?(?:pejs\w*|braendeovn\w*|grill\w*|skorsten\w*|baal\w*|roegeri\w*)\b",
    r"\b(?:lugter|dufter|lugtede|duftede) (?:saa |helt )?(?:dejligt|godt|hyggeligt|skoent|laekkert) af (?:\w+ )?(?:roeg|braendt\w*|baal|grill\w*)\b",
    r"\b(?:saette|saetter|sat|montere|monterer|monteret|installere|installeret|koebe|koebt|koeber|bestille|teste|tjekke) (?:\w+ ){0,2}(?:kulilte|co|roeg|brand|gas) ?(?:alarm|maaler|detektor|melder)\w*",
    r"\bpejs\w*",
    r"\b(?:ingen|ikke nogen|ikke noget|ikke) (?:roeg|brand|ild|gas|gaslugt|flammer|gnister)\b",  # "der er ingen røg"
    r"\b(?:haven|plaenen|marken|vejen|gaden|stien|bedet|bedene|parkeringspladsen) (?:er|var|bliver|blev) (?:helt )?oversvoemme\w*",
    r"\b(?:braender|braendte|braendt) (?:mig|sig)\b(?! selv)(?!(?: \w+){0,4} (?:med vilje|med (?:en )?cigaret\w*|for at))",
    r"\b(?:sneen|isen|frosten|kulden|regnen|smerte\w*|hovedpinen|feberen|lysten|glaeden|kat|katten|hund|hunden|fugl\w*|undulat\w*|noegle\w*|briller\w*|pung\w*|taske\w*|brev\w*|telefon\w*|mobil\w*|ring\w*) (?:\w+ )?(?:er|var) (?:blevet )?(?:forsvundet|vaek)\b",
    r"\bskub\w* (?:mig|hende|ham) (?:rundt )?i (?:koerestol\w*|rollator\w*)\b",
    r"\bbraender (?:\w+ ){0,2}(?:for|efter|paa med|inde med)\b",
    r"\bsankthans\w*|\b(?:braender|braende|braendte|braendt) (?:\w+ ){0,3}(?:heksen|baalet|baal|haveaffald\w*|affald\w*|grene|blade) af\b",
    r"\bbraendende (?:lyst|oenske|interesse)\b|\b(?:braende|braender|braendt|braendte) (?:helt )?(?:sammen|ud)\b",
    r"\bbraender (?:lidt |helt )?i (?:mine |min |mit |sine |hans |hendes )?(?:laar\w*|ben\w*|muskl\w*|oejn\w*|foedder|fodsaaler|haender|huden|halsen|maven|underarm\w*|arm\w*|ryg\w*|skulder\w*|lunger\w*)\b",
    r"\bgloedende (?:interesse|fan|tilhaenger)\b",
    rf"\bild i (?:mig|ham|hende|os|(?:min|hans|hendes) (?:{KIN}|lyst\w*)|lysten|roeven|bagdelen|braendeovnen|kaminen|grillen|baalet|ovnen)\b(?!s)",
    r"\b(?:laar\w*|ben\w*|muskl\w*|oejn\w*|foedder|fodsaaler|haender|huden|kinder\w*|oerer\w*|maven|halsen|knae\w*) (?:\w+ )?braender\b",
    r"\bbraendt\w* (?:pandekage\w*|\w*kage\w*|\w*boller|kiks|popcorn|mad|maden|toast|broed\w*|groed\w*|suppe|sovs|ris|kartofl\w*|frikadelle\w*|\w*steg\w*|i kanten)\b",
    r"\bfaret vild i (?:\w+ ){0,2}(?:papir\w*|system\w*|regl\w*|regler|brev\w*|skema\w*|formular\w*|ansoegning\w*|mail\w*|appen|internettet|computer\w*|telefon\w*|alle de)\b",
    r"\bmit liv i (?:egne|mine egne) haender\b",
    r"\bsom en kniv\b|\bkniv og gaffel\b|\bsmoerekniv\b|\bkniven for struben\b",
    r"\bbrandforsikring\b|\bbrandoevelse\w*",
    r"\b(?:holde|holdt|stoppe) op med at ryge\b",
    r"\b(?:det|den|de \w+|\w+ (?:med|fra) \w+) (?:er |var )?(?:ved at |lige ved at )?(?:tage|tager|tog|kommer til at tage) livet af (?:mig|os)\b",
    # "det var ved at slå mig ihjel at gå", "de trapper slår mig ihjel": effort, not a threat.
    r"\b(?:det|den|de \w+|\w*traening\w*|\w*trappe\w*|\w*oevelse\w*|\w*turen|varmen|kulden|vejret|arbejdet) (?:er |var )?(?:ved at |lige ved at |naesten )?(?:slaa|slaar|slog) (?:mig|dig|ham|hende|os) ihjel\b",
    r"\b(?:kan|kunne) (?:ikke|naesten ikke) faa vejret\b(?= (?:\w+ ){0,6}(?:grin\w*|griner|latter|sjov\w*))|\b(?:falder|faldt|faldet|segnede|segner|doer|doede) (?:helt )?(?:sammen |om )?af grin\b|\bfald\w* (?:helt )?i staver\b",
    r"\b(?:ligger|sidder|laa|sad) (?:\w+ )?paa (?:gulvet|maatten|maatte) og (?:laver|traener|straekker|leger|laeser|ser|lytter)\b",
    r"\bdet (?:er|var|ville vaere) (?:jo |rent |det rene )?selvmord at\b",
    r"\bdet (?:slaar|slog) mig\b",
    r"\b(?:knae\w*|ryg\w*|ben\w*|hoved\w*|ryggen|hoften|skulder\w*|gigt\w*|rygning\w*|sprut\w*|alkohol\w*|sukker\w*|maden|kedsomhed\w*|stress\w*|det|den) (?:slaar|slog) (?:mig|dig|ham|hende) ihjel\b",
    r"\b(?:mine |hans |hendes |min |mit )?(?:knae\w*|ben\w*|ryg\w*|hjerne\w*|krop\w*|hofte\w*|arm\w*|fod|foedder\w*|oejne\w*|lunger\w*|hoved\w*|bil\w*|computer\w*|telefon\w*) (?:vil|kan|gider) (?:ikke|ik) (?:mere|laengere)\b",
    r"\bslaa\w* (?:mig|sig|dig) selv i hovedet over\b|\bkunne (?:slaa|sparke|bide|kvaele|skyde) (?:mig|dig|sig) selv\b",
    # "jeg kunne slå ham ihjel" / "kvæle ham": the conditional of exasperation, not a threat.
    r"\b(?:jeg|ae|a|vi) (?:kunne|ku) (?:\w+ )?(?:have )?(?:slaa|slaaet|kvaele|kvalt|draebe|draebt|myrde|myrdet|skyde|skudt) (?:ham|hende|dig|dem|jer|(?:min|mine|vores|hans|hendes) \w+)(?: ihjel)?\b",
    r"\b(?:det var )?lige foer (?:jeg|hun|han) (?:besvimede|faldt|doede|fik et hjerteanfald)\b|\b(?:fik|faa|faar) (?:naesten|naermest|lige ved at faa) (?:et )?(?:hjerteanfald|hjerteslag|hjertestop|chok|slag)\b|\bnaesten (?:besvimede|doede)\b",
    r"\b(?:faa|faar|faaet) (?:\w+ )?vejret gennem naesen\b|\btilstoppet naese\b",
    r"\b(?:hvor|hvordan) (?:gemmer|opbevarer) man\b",
    r"\b(?:slaar|slog|slaaet|vinder over|taber til) (?:\w+ ){1,3}i (?:skak|kort|ludo|banko|matador|yatzy|dam|petanque|bowling|krydsord|\w*spil\w*)\b",
    r"\b(?:lige ved|lige foer|ved) at (?:falde|snuble|vaelte)\b|\b(?:lige foer|naer) (?:jeg|hun|han) faldt\b",
    r"\b(?:ondt|et stik|stik|et sting|et jag) i hjertet (?:over|at|naar|for|af|ved|hver gang|da)\b|\b(?:det )?(?:goer|gjorde|gjort|maa goere|goere) ondt (?:\w+ ){0,3}i hjertet\b",
    r"\b(?:telefon\w*|mobil\w*|computer\w*|skaerm\w*|tablet\w*|ipad\w*|pc\w*) (?:\w+ )?(?:vil|kan) ikke (?:vaagne|starte|taende)\w*(?: op)?\b",
    r"\bgaar (?:helt )?doed i\b|\b(?:telefon\w*|batteri\w*|mobil\w*|computer\w*|fjernbetjening\w*|pelargonie\w*|plante\w*|blomst\w*) (?:\w+ )?(?:er|var) (?:helt )?doed\w*",
    r"\bfaaet nok af (?:regn\w*|vejret|\w*vejr|kulden|varmen|det pjat|de oevelser)\b",
    r"\bslaaet (?:\w+ )?ud af kurs\b|\bkoerer (?:mig|hende|ham) (?:helt )?i saenk\b|\bgaaet (?:helt )?i (?:ring|sort)\b|\bude at svoemme\b|\brender hovedet mod en mur\b",
    r"\bslaaet (?:graesset|plaenen)\b",
    r"\bhar ondt i roeven\b",
    r"\bmed (?:en |min |sin )?(?:gas ?grill|gasgrill)\b|\bgas ?grill\b|\bgasmaaler\w*|\bgaskomfur\w*(?= naar| hvis)",
]
# Clauses that speak of the past, of a hypothesis or of a chronic limit. They are taken out before
# the medical and danger patterns: "jeg havde en blodprop i 2019", "hvis hun falder", "kan ikke
# løfte tunge ting efter operationen" are not an emergency now.
PAST = r"\bi sommer(?:s)?\b|\bi vinters\b|\bfor (?:\w+ ){0,2}(?:aar|aarstid|maaneder|maaned|aartier)\w* siden\b|\bfor (?:laenge|lang tid|mange aar) siden\b|\bsidste (?:aar|vinter|sommer|foraar|efteraar|jul|maaned)\b|\bi (?:19|20)\d\d\b|\bsom (?:barn|ung|dreng|pige)\b|\bi (?:foraaret|efteraaret)\b|\btidligere i aar\b|(?<!siden )\bi (?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)\b|\bi sidste uge\b|\bengang (?:laa|faldt|havde|fik|blev|var)\b"
HYPOTHESIS = r"\bregler (?:for|om)\b|\bretningslinje\w*|\bprocedure\w*|\binformere om\b|\bhvis\b(?! (?:jeg|du|vi|hun|han|i) ikke\b)|\bellers (?:falder|kan|vil|bliver|risikerer|kommer)\b|\btegn(?:ene)? paa\b|\bsymptom\w* paa\b|\bkursus\b|\bfoerstehjaelp\b|\bforebyg\w*|\bundgaa\b|\bfor en sikkerheds skyld\b|\bbange for at (?:falde|snuble|vaelte|braekke)\b|\b(?:program|udsendelse|artikel|foredrag|film|bog|dokumentar|serie)\w* om\b"
CHRONIC = r"\bi (?:mange|flere|\d+|alle) aar\b|\bi aarevis\b|\bhele livet\b|\bi lang tid\b|\bi mere end\b|\befter (?:operationen|amputationen|\w*operation\w*|mit \w+|sit \w+|hans \w+|hendes \w+)\b|\bpaa grund af\b|\bpga\b|\bmed min (?:kol|astma|gigt|sukkersyge|diabetes|parkinson|sklerose)\b|\bdet har (?:jeg|hun|han) haft\b|\bdet er (?:min|hans|hendes) (?:astma|kol|gigt|lunger)\b|\bnaar (?:jeg|hun|han) (?:gaar op ad|gaar paa|traener|cykler|loeber|laver oevelser)\b|\b(?:under|efter) (?:traeningen|oevelserne|gaaturen)\b|\bdet er normalt\b|\b(?:nok|kraefter) til at\b|\bdet har (?:jeg|hun|han) (?:haft|vaeret) (?:laenge|i \w+)\b|\b(?:af|fra|pga) (?:sin|min|hans|hendes) (?:sukkersyge|diabetes|gigt|kol|astma|parkinson|sklerose|neuropati)\b|\baf at (?:gaa|stoevsuge|traene|cykle|loefte|baere|gaa op|gaa paa)\b|\buden at (?:blive|faa|vaere)\b|\b(?:under|efter) (?:traening\w*|oevelse\w*|gaatur\w*|motion\w*)\b|\bmed (?:kol|astma|gigt|sukkersyge|diabetes|parkinson|sklerose)\b|\bdet er (?:kendt|velkendt)\b|\blaegen (?:ved det|kender (?:det|til det)|har set (?:det|hende|ham))\b"
# A fall or symptom already taken care of: "kom op med min hjælp, har ingen smerter", "er på sygehuset nu".
RESOLVED = any_of(
    r"\bkun ude i\b",
    r"\bkom (?:hurtigt )?(?:ind|hjem|tilbage|op) (?:igen )?(?:med|efter|selv)\b",
    r"\ber (?:kommet )?hjem(?:me)? igen\b",
    r"\ber fundet\b",
    r"\bfundet igen\b",
    r"\bhar ingen smerter\b",
    r"\b(?:er|var) overstaaet\b",
    r"\bdet gaar fint\b",
    r"\bgik (?:helt )?fint\b",
    r"\bfaar god pleje\b",
    r"\ber (?:nu )?(?:paa|indlagt paa) (?:sygehuset|hospitalet|skadestuen)\b",
    r"\ber indlagt\b",
    r"\b(?:sygeplejersken|laegen) har (?:set|tilset)\b",
)
# A question about procedure or a course, not a case: "hvad er proceduren hvis en borger en dag siger ...".
PROCEDURE = any_of(
    r"\bprocedure\w*",
    r"\bretningslinje\w*",
    r"\b(?:kursus|kurset|temadag|undervisning|oplaeg) om\b",
    r"\bforebyggelse\w*",
    r"\bteam ?moede\w*",
    r"\bopsummere\b",
    r"\bgenerelle regler\b",
    r"\bspoerger bare\b",
    r"\bvil gerne vaere forberedt\b",
    r"\bhvis (?:en|vores|nogle|mine|min) (?:borger|beboer|patient|bruger|person|aeldre|paaroerende)\w*(?: \w+)? (?:en dag|engang|nogensinde|skulle)\b",
    r"\b(?:hvis|naar) (?:en|vores) (?:borger|beboer|patient)\w* (?:engang )?(?:skulle|siger|fortaeller)\b",
)
# Teasing between people who get on: "kalder mig en gammel heks og griner, det er for sjov".
JOKE = any_of(
    r"\bfor sjov\b",
    r"\bi sjov\b",
    r"\bfor spoeg\b",
    r"\bi spoeg\b",
    r"\bdrille\w*",
    r"\bvi har det godt sammen\b",
)

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})
_COMPILED = {kind: [re.compile(p) for p in patterns] for kind, patterns in PATTERNS.items()}
_IDIOMS = [re.compile(p) for p in IDIOMS]
# A threat with a condition ("han stikker mig hvis jeg ikke går") is a threat now, not a hypothesis.
THREAT = r"\btru\w*|\b(?:vil|skal) (?:slaa|stikke|skyde|draebe|banke|taeske|smide)\b|\b(?:stikker|slaar|skyder|draeber|banker|taesker) (?:mig|os|dig|jer|hjemmeplejen|personalet|hjaelper\w*)\b"
_PAST, _HYPOTHESIS, _CHRONIC = re.compile(PAST), re.compile(HYPOTHESIS), re.compile(CHRONIC)
_RESOLVED, _PROCEDURE, _JOKE = re.compile(RESOLVED), re.compile(PROCEDURE), re.compile(JOKE)
# What stays an emergency whatever else the sentence says.
ACUTE = r"\bkan (?:ikke|ikk) (?:komme op|rejse (?:mig|sig))\b|\bbloeder\b|\bbevidstloes\w*|\bsvarer (?:\w+ )?ikke\b|\bsegne\w*|\bkollaps\w*|\bbesvim\w*|\bfaldet om\b|\bfaldt om\b|\bpuls\w* (?:er )?(?:svag|vaek)\b|\bingen puls\b|\breagerer ikke\b|\bkramper\b|\b(?:nu|lige nu)\b"
_ACUTE = re.compile(ACUTE)
_STILL = re.compile(
    r"\bkan (?:ikke|ikk) (?:komme op|rejse (?:mig|sig))\b|\bbloeder\b|\bbevidstloes\w*|\bsvarer (?:\w+ )?ikke\b|\bikke kommet (?:hjem|tilbage)\b"
)
_NOW = re.compile(r"\b(?:nu|lige nu|i aften|i nat)\b|\bgoer ondt\b|\bbange\b|\bblaa\w*")
# Someone on the floor now is not a chronic limit, whatever else the sentence says ("sidder på gulvet
# og har ikke kræfter til at komme op").
ON_THE_FLOOR = r"\b(?:ligger|ligget|sidder|siddet|liggende) (?:\w+ ){0,3}?(?:paa|nede paa|ude i) (?:\w*gulvet|jorden|sneen|trappen)\b"
_ON_THE_FLOOR = re.compile(ON_THE_FLOOR + "|" + ACUTE.replace(r"|\b(?:nu|lige nu)\b", ""))
_THREAT = re.compile(THREAT)
# "min datter siger jeg burde være død" is abuse spoken to the person, not her own wish: not suicide.
_ABUSE_SPEECH = re.compile(
    r"\b(?<!\bjeg )(?:siger|sagde|sagt|raaber|raabte|skriger|skreg|synes|mener)(?: til mig)?(?: at)? (?:jeg|du) (?:burde|skulle|skal|bare kan|hellere maa|kan lige saa godt) (?:\w+ )?(?:vaere doed|doe|forsvinde)\b"
)
# Dialect, chat and dropped-letter forms read as the standard word ("a ka it" → "a kan ikke").
DIALECT = {
    "it": "ikke", "ik": "ikke", "ikk": "ikke", "ek": "ikke", "ikek": "ikke",
    "ka": "kan", "ku": "kunne", "sku": "skulle", "ska": "skal",
    "ta": "tage", "ha": "have", "mer": "mere", "mae": "mig", "mej": "mig", "dae": "dig",
    "faet": "faaet", "ett": "ikke", "mi": "min", "komm": "komme", "vaer": "vaere", "brukket": "braekket",
    "hjaep": "hjaelp", "hjelp": "hjaelp", "hjlp": "hjaelp", "hjaelpp": "hjaelp", "sadan": "saadan", "nogn": "nogen", "dr": "der", "noej": "noget",
    "maerk": "maerke", "find": "finde", "lug": "lugte", "blyw": "blive", "lev": "leve", "slaewt": "slaebt",
}  # fmt: skip
# Distinctive key words read through one typo ("selvmor", "bevistløs"). Only these: a general
# typo rule turns ordinary words into alarms ("troede" is one letter from "truede").
TYPO_KEYS = frozenset(
    [
        "selvmord",
        "selvmordstanker",
        "sovepiller",
        "tabletter",
        "morfinen",
        "bevidstloes",
        "blodprop",
        "slagtilfaelde",
        "aandenoed",
        "stakaandet",
        "brystet",
        "brystsmerter",
        "hjertestop",
        "hjerteanfald",
        "vejret",
        "besvimet",
        "kollapset",
        "kramper",
        "forvirret",
        "bloeder",
        "bloedning",
        "omsorgssvigt",
        "mishandlet",
        "voldtaget",
        "overgreb",
        "seksuelt",
        "gaslugt",
        "kulilte",
        "oversvoemmelse",
        "forsvundet",
        "alzheimer",
        "demens",
        "dement",
        "reagerer",
        "vaagner",
        "knivstik",
        "kniven",
        "jagtgevaer",
        "pinkoden",
        "bankkonto",
        "fuldmagt",
        "indbrud",
        "flammer",
    ]
)


# A key word plus one of these is another form of the word, not a typo: it stays as typed.
INFLECTION_ENDINGS = frozenset("rents")


def fold(text: str) -> str:
    """Lowercase, æ/ø/å as ae/oe/aa, accents dropped, stretched letters shortened."""
    text = unicodedata.normalize("NFKC", text).lower()
    # Stretched letters first, while "ø" is still one letter ("døøø"); digits stay ("40.000").
    text = re.sub(r"([^\W\d_])\1{2,}", r"\1", text).translate(_FOLD)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _one_edit_apart(a: str, b: str) -> bool:
    """Levenshtein distance 1, or one swap of neighbours (Damerau)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i, j = [*diff, 0, 0][:2]
        return len(diff) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _inflection(a: str, b: str) -> bool:
    """One word is the other plus an inflection ending ("vaagne"/"vaagner", "kniv"/"kniven")."""
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short) and long_[len(short) :] in INFLECTION_ENDINGS


@lru_cache(maxsize=20000)
def _canonical_word(word: str) -> str:
    if word in DIALECT:
        return DIALECT[word]
    if len(word) < 5 or word in TYPO_KEYS:
        return word
    for key in TYPO_KEYS:
        if (
            abs(len(key) - len(word)) <= 1
            and key[0] == word[0]
            and _one_edit_apart(word, key)
            and not _inflection(word, key)
        ):
            return key
    return word


def normalise(text: str) -> str:
    """Folded words with typos and dialect read as the key word, harmless idioms taken out."""
    words = re.findall(r"[a-z0-9]+|[,.!?;]", fold(text))
    line = " ".join(_canonical_word(w) for w in words)
    line = re.sub(r" ([,.!?;])", r"\1", line)
    for idiom in _IDIOMS:
        line = idiom.sub(" ", line)
    return re.sub(r"  +", " ", line).strip()


def _without(
    line: str, marker: re.Pattern[str], split: str, keep: re.Pattern[str] | None = None
) -> str:
    """`line` without the parts (split at `split`) in which `marker` occurs, unless `keep` does."""
    parts = re.split(f"({split})", line)
    return "".join(
        p if i % 2 or not marker.search(p) or (keep and keep.search(p)) else " "
        for i, p in enumerate(parts)
    )


def present(line: str, chronic: bool = False) -> str:
    """The line without clauses of the past and of hypotheses (and of chronic limits)."""
    # The past reaches only its own clause ("faldt sidste vinter og brækkede hoften, men nu …");
    # a hypothesis or a chronic limit colours its whole sentence ("hvis jeg falder, kan jeg ikke …").
    line = _without(line, _PAST, r"[,.!?;]| og (?!(?:var|havde|blev|fik|kunne|laa)\b)| men | saa ")
    line = _without(line, _HYPOTHESIS, r"[.!?;]", keep=_THREAT)
    line = _without(line, _RESOLVED, r"[.!?;]", keep=_STILL)
    return _without(line, _CHRONIC, r"[.!?;]", keep=_ON_THE_FLOOR) if chronic else line


def detect(text: str) -> str | None:
    """The kind of danger the message speaks of, or None. Suicide is checked first: its help
    (Livslinien) is the one that must not be missed; the others all start with 112."""
    # A question about procedure or a course is not a case, unless it speaks of now.
    line = _without(normalise(text), _PROCEDURE, r"[.!?;]", keep=_NOW)
    # Suicide and violence read the whole line: an attempt or a beating in the past is a risk now.
    target = {
        SUICIDE: _ABUSE_SPEECH.sub(" ", line),
        MEDICAL: present(line, chronic=True),
        DANGER: present(line),
        VIOLENCE: _without(line, _JOKE, r"[.!?;]", keep=_NOW),
    }
    for kind in KINDS:
        if any(pattern.search(target[kind]) for pattern in _COMPILED[kind]):
            return kind
    return None
