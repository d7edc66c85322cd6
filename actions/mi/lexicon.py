"""Danish word lists and phrase patterns behind the practitioner-utterance rules.

Patterns use the mini language in tokens.Pattern and match lowercase words without punctuation.
The lists are deliberately short and readable: each entry is a cue a supervisor would name.
"""

from __future__ import annotations

from actions.mi.tokens import patterns, prefixes, word_set

# Discourse fillers that carry no MI meaning at the start of a line ("Okay, hvad …").
FILLERS = word_set("og men altså nå nåh jamen ja nej okay ok okej mm mhm hmm øh øhm jo")
HV_WORDS = word_set(
    "hvad hvordan hvorfor hvornår hvilke hvilken hvilket hvem hvor hvorledes hvorfra hvortil "
    "hvorhen hvorpå hvormed"
)
# Finite verbs that open a yes/no question ("Er du …", "Bor du …"); more are caught by their
# present-tense ending, see practice.looks_finite.
FINITE_VERBS = word_set(
    "er var har havde kan kunne vil ville skal skulle må måtte bør burde synes syntes tror "
    "troede gør gjorde bor boede ved vidste tænker tænkte mener mente får fik går gik kommer kom "
    "bruger plejer oplever savner ønsker hjælper sover spiser tager tog husker hører ser forstår "
    "kender mangler tør gider behøver orker prøver prøvede holder passer virker hedder føler "
    "følte fungerer giver betyder bliver blev træner laver klarer klarede"
)
SUBJECTS = word_set("du det der de den han hun man vi i jeg din dit dine dette nogen noget")
SECOND_PERSON = word_set("du dig din dit dine")
# Subordinators: "hvis du skal …" and "når du skal …" are conditions, not advice.
SUBORDINATORS = word_set("hvis når før inden fordi om mens efter da at") | HV_WORDS
# Reporting verbs: "du siger, at du skal …" reflects; "jeg synes, du skal …" persuades.
REPORTING_VERBS = word_set(
    "siger sagde sagt fortæller fortalte fortalt nævner nævnte nævnt mener mente synes syntes "
    "tænker tænkte tror troede føler følte oplever ved håber ønsker frygter"
)
SKIPPABLE_BEFORE_REPORTING = word_set("har havde er var jo også selv godt ikke altid da")

# Imperatives that open advice ("Gå en tur hver dag"). "Fortæl", "beskriv" and "prøv at
# fortælle" are open questions and are checked before this list is used.
IMPERATIVES = word_set(
    "gå tag spis drik husk brug lad kom stop hold sæt stå gør ring lav rejs træn øv sov hvil læg "
    "find skriv sørg giv begynd få start vær undgå glem pas lyt køb bestil tjek følg skynd cykl "
    "dyrk fortsæt bliv bevæg løft gentag kontakt hent flyt prøv overvej spring drop"
)

# The first word of an information-giving sentence: the service, staff or people in general.
INFO_SUBJECT_PREFIXES = prefixes(
    "vores læge sygeplejerske hjemmehjælp personale sundhedsstyrelse anbefaling mål kommune "
    "terapeut ergoterapeut fysioterapeut forløb visitat hjemmepleje træning hjælpemid "
    "rehabilit hverdagsrehab team plan møde aftale næste klokken mange nogle andre forskning "
    "undersøgelse programmet øvelse"
)
INFO_SUBJECT_EXACT = word_set("vi jeg man de der i på om kl")

POSITIVE = word_set(
    "flot flotte godt dejligt sejt sej stærkt stærk modigt modig imponerende imponeret "
    "fantastisk super prisværdigt beundringsværdigt skønt fedt dygtig dygtigt vedholdende "
    "ihærdig flittig målrettet beslutsom handlekraftig ressourcestærk omsorgsfuld ærlig åben "
    "tålmodig kompetent klog kæmper fighter bravo tillykke wow"
)
# Strengths, efforts and abilities that an affirmation names (MITI: "something positive about
# the client"); "godt" is left out on purpose: "du har det godt" praises nothing.
STRENGTHS = prefixes(
    "stærk sej modig vedholdende dygtig flittig ihærdig målrettet beslutsom handlekraftig "
    "ressourcestærk omsorgsfuld opfindsom kreativ nysgerrig ansvarsbevidst præstation indsats "
    "initiativ viljestyrke overskud imponere beundr stolt"
)
STRENGTH_PHRASES = patterns(
    "god|dygtig til",
    "styr på",
    "en ?stærk vilje",
    "holdt fast",
    "holder fast",
    "giver|gav ikke op",
    "gode tanker",
    "ved ?virkelig|rigtig|så meget om",
    "tager|tog ansvar",
    "det viser",
)
PRAISE_WORDS = POSITIVE | word_set("virkelig rigtig så utrolig super godt gået klaret")
# Words of feeling, worry and ambivalence: a reflection that names them adds meaning.
EMOTION_PREFIXES = prefixes(
    "bekymr bange angst frygt trist nedtrykt frustr vred irrit skuffe flov skam ensom usikker "
    "utryg nervøs urolig overvæld magtesløs opgiv modløs håbløs lettet glad stolt tryg savn "
    "længes håb tvivl splittet presset stresset afmægtig sårbar uoverskuelig ydmyg føle følt"
)
EMOTION_WORDS = frozenset(["ked"])  # "ked af det"; a prefix would also match "kedelig"
# "det er svært" restates the citizen's experience even without "du".
EVALUATIVE = word_set(
    "svært svær hårdt hård tungt tung besværligt bøvlet træls anstrengende sværest sværeste "
    "værst værste hårdeste tungeste"
)
# Troubles in the citizen's life ("knæet driller"): the practitioner can only be reflecting.
TROUBLE = word_set("driller generer plager besværer smerter ondt kamp besvær bøvl")

# --- information with permission (MI-consistent) --------------------------------------------
INFO_OBJECTS = "forslag|idéer|ideer|ide|idé|råd|information|viden|tips|erfaringer|muligheder"
ASK_PERMISSION = patterns(
    "må|kan jeg ?godt ?gerne ?lige fortælle|foreslå|give|dele|nævne|vise|sige|anbefale|informere|"
    "forklare|læse|byde|komme",
    "vil|kunne|ville du ?gerne høre|vide",
    "vil|kunne|ville du ?gerne have ?at jeg",
    "kunne|vil|ville du tænke dig at høre|vide|få",
    "har du lyst til at høre|vide|få",
    f"har du lyst til ?nogle|et|lidt|par ?par ?gode {INFO_OBJECTS}",
    f"vil|kunne du ?gerne ?have|høre ?nogle|et|lidt|par ?par ?gode {INFO_OBJECTS}",
    "er det ok|okay|o.k.|i|fint|rart ?orden ?med|for ?dig ?at|hvis jeg",
)
# The citizen asked for it: "Siden du gerne ville høre det: …".
PERMISSION_GIVEN = patterns(
    "siden|da|fordi du ?gerne ?selv ville|vil høre|vide",
    "siden|da|fordi du ?selv spurgte|spørger|bad",
)
# "Hvis du vil, kan jeg …": an offer the citizen may decline.
CONDITIONAL_OFFER = patterns(
    "hvis du ?gerne vil|ønsker|synes",
    "hvis du har lyst",
    "hvis du er interesseret",
    "hvis det er ok|okay|i|fint ?orden ?for|med ?dig",
)
STRONG_OBLIGATION = word_set("bør burde nødt hellere")
# Phrases that hand the decision back to the citizen turn advice into permitted information.
AUTONOMY = patterns(
    "op til dig",
    "dit ?eget valg",
    "du bestemmer",
    "det er dig der bestemmer|vælger|beslutter",
    "du vælger ?selv",
    "du kan selv vælge|bestemme",
    "helt frivilligt",
    "kun hvis du",
    "hvis det giver mening for dig",
    "det er ikke sikkert at det passer til dig",
)

# --- persuasion without permission -----------------------------------------------------------
ADVICE_MODALS = word_set("skal bør burde må skulle")
PERSUASION = patterns(
    "hvis jeg var|er dig",
    "hvis jeg var|er i dit sted",
    "i dit sted ville jeg",
    "jeg vil ?gerne|klart|kraftigt|varmt|altid anbefale|råde|foreslå|opfordre",
    "jeg anbefaler|råder|foreslår|opfordrer",
    "mit råd ?til ?dig er",
    "du er|bliver ?altså|jo|simpelthen|bare|virkelig nødt til",
    "du kunne|kan jo|da|bare|altid|eventuelt|evt",
    "du kunne ?også prøve|overveje|starte|begynde",
    "du kan ?også prøve|overveje",
    "du kan|kunne ikke bare",
    "man bør|burde",
    "man må|skal hellere",
    "det er|var|bliver ?meget|virkelig|rigtig|altså|så|bare vigtigt|nødvendigt|afgørende|bedst|"
    "klogt|sundt at|hvis",
    "det er|var ?en ?rigtig ?god idé at|hvis",
    "det er godt for dig at",
    "det ville|vil|kunne være ?rigtig|virkelig|en ?rigtig god|godt|bedst|klogt|sundt|smart|idé "
    "?idé ?for ?dig at|hvis",
    "det bedste ?du ?kan ?gøre er at",
    "det ville|vil|er ?være ?da|jo|altså ?rigtig ?virkelig dumt|synd|ærgerligt|tosset at|hvis",
    "hvad med at|om",
    "hvad med en|et|lidt",
    "hvad om du",
    "hvorfor ikke",
    "hvorfor * du|i ikke bare|lige",
    "skal|bør|burde du ikke",
    "synes|tror|mener du ikke ?at du|man skal|bør|burde",
    "prøv nu|bare|lige",
    "kom nu",
    "husk at|nu|lige|din|dit|dine|og",
    "lad være",
    "lad os",
)
# Open requests are checked before imperatives: "Fortæl …" and "Prøv at fortælle …" invite.
OPEN_REQUEST = patterns(
    "fortæl|beskriv|uddyb|forklar",
    "prøv ?lige ?at fortælle|beskrive|forklare|uddybe|sætte|sige",
    "sig ?gerne ?lidt|noget ?mere",
    "forestil dig",
    "kan|vil|gider|kunne|ville|må du ?ikke ?godt ?gerne ?lige ?prøve ?at fortælle|beskrive|"
    "forklare|uddybe|sige|sætte",
    "jeg er ?så ?meget nysgerrig ?på|efter",
    "jeg vil|kunne ?gerne|godt ?tænke ?mig ?at høre|vide|forstå ?lidt ?mere",
    "jeg er interesseret i at høre",
    "må|kan jeg ?godt ?lige spørge ?dig ?om " + "|".join(sorted(HV_WORDS)),
)

# --- affirmation -----------------------------------------------------------------------------
_POSITIVE = "|".join(sorted(POSITIVE))
_INTENSIFIERS = "?virkelig|rigtig|så|bare|altså|meget|utrolig|enormt|ret|godt|nok"
AFFIRMATION = patterns(
    "godt|flot gået|klaret|arbejde|kæmpet",
    f"hvor er|var det|du {_INTENSIFIERS} {_POSITIVE}",
    f"det er|var|lyder {_INTENSIFIERS} {_POSITIVE}",
    "det lyder som en ?rigtig|virkelig god|fin|flot|fornuftig",
    "du har ?virkelig|rigtig|allerede|jo|altså|også|godt ?nok kæmpet|knoklet|slidt|klaret|"
    "formået|opnået|nået|vist",
    "du har ?virkelig|rigtig|allerede|jo|også arbejdet hårdt",
    "du har ?virkelig|rigtig|allerede|jo|også holdt ud",
    "du har ?virkelig|rigtig|allerede|jo|også gjort det|en ?rigtig ?godt|flot|stor|flot",
    "du har ?virkelig|rigtig|allerede|jo|også taget et|de|det ?første|stort|vigtigt",
    f"du er {_INTENSIFIERS} ?en ?utrolig ?rigtig {_POSITIVE}",
    "du er god|dygtig til",
    "du kan|må ?godt|virkelig|med ?rette ?være stolt",
    "det kræver ?virkelig|meget|en ?masse mod|styrke|vilje|viljestyrke|kræfter|overskud|mange|"
    "selvdisciplin|disciplin|gåpåmod",
    "det står der respekt om",
    "jeg er ?virkelig|rigtig|så|meget imponeret|stolt",
    "jeg har ?stor|meget respekt",
    "tak fordi du er|var ?så ærlig|åben",
    "du skal have ros|cadeau|tak|et",
    "du skal nok klare|komme|finde|nå",
)
# "Du har virkelig …" praises an effort unless what follows is hardship ("… haft det svært").
EFFORT_FRAME = patterns("du har ?også|jo|altså|allerede virkelig")
# "Du er en, der …" praises a trait unless what follows is a worry (then it is a reflection).
TRAIT_FRAME = patterns(
    "du er|var ?altid|jo|virkelig en ?person|kvinde|mand|type der|som",
    "du har ?altid|jo været en ?person|kvinde|mand|type der|som",
)

# --- complex reflection ----------------------------------------------------------------------
COMPLEX_FRAMES = patterns(
    "det lyder",
    "det virker|føles ?som om|til",
    "jeg fornemmer",
    "jeg kan ?godt mærke|høre|se ?på ?dig at",
    "på den ene|anden side",
    "en del af dig",
    "det vigtigste for dig",
    "vigtigst for dig",
    "det er ?altså|jo|rigtig|virkelig|meget vigtigt|afgørende|værdifuldt for dig",
    "betyder ?rigtig|virkelig|utrolig|så ?meget|noget|alt|en ?del for dig",
    "det der fylder",
    "for dig handler det om",
    "du sætter ?stor|meget pris på",
    "du værdsætter",
    "det giver mening for dig",
    "det må være|have",
    "du må have|være",
    "jeg tænker|gætter ?på at du",
    "det kan være at du",
)
# Markers that make a sentence that already reflects a complex one: both sides, a feeling
# behind the words, or an amplified reading.
COMPLEX_MARKERS = patterns(
    "handler ?det ?for ?dig om",
    "og nu",
    "derfor",
    "og|men samtidig|samtidigt",
    "selvom",
    "selv om",
    "træt af",
    "slet ikke",
    "overhovedet ikke",
    "aldrig nogensinde",
    "ingen som helst",
    "på ingen måde",
)
# Values and meaning: a reflection that names them goes beyond the words.
VALUE_PREFIXES = prefixes("frihed selvstændig værdighed uafhængig mening")
# Normalising is information, though it may name a feeling ("det er helt normalt at …").
NORMALISING = word_set("normalt almindeligt naturligt forventeligt")
# The service and its people: a sentence about them informs, even when it mentions "dig".
SERVICE_PREFIXES = prefixes(
    "forløb terapeut ergoterapeut fysioterapeut hjemmepleje visitation kommune hjælpemid "
    "rehabilitering"
)
# "Hvor mange/længe …?" asks for a number: MITI counts it as a closed question.
HOW_MUCH = word_set("mange længe gammel tit ofte langt lang")
# Reflection frames that only restate: "du siger, at …", "jeg hører, at …".
SUMMARY_FRAMES = patterns("så du|det", "så for dig")  # only first: ", så du …" means "so that"
SIMPLE_FRAMES = patterns(
    "du siger|fortæller|nævner|beskriver|mener|synes|tænker|oplever",
    "jeg hører ?dig ?sige ?at",
    "hvis jeg forstår dig ret|rigtigt|rigtig",
    "jeg forstår ?godt ?at",
)
# Second-person sentences that inform rather than reflect ("Du får besøg af terapeuten").
INFO_ABOUT_YOU = patterns(
    "du får|modtager",
    "du bliver kontaktet|ringet|visiteret|hentet|tilbudt|vurderet|indkaldt",
    "du vil få",
    "du kommer til at få",
    "du kan ?altid|også ringe|kontakte|skrive|få|bestille|henvende|søge|låne|tale",
    "du er ?altid ?meget velkommen",
    "du skal bare sige|ringe|spørge|give",
    "du må gerne|godt",
)
