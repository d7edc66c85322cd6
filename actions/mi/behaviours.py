"""MITI 4.2.1 behaviour counts that the seven codes do not carry on their own.

Affirmations and persuasion without permission are codes of the coder. Emphasising autonomy,
seeking collaboration and confronting are found with short phrase lists on top, because a
colleague should see them counted, and the corpus has too few of them to learn from.
"""

from __future__ import annotations

from actions.mi import lexicon as lex
from actions.mi.practice import asks_permission, clean_line, explain
from actions.mi.tokens import Word, contains, content, patterns, words

# Seeking collaboration: sharing power, or asking before advising (MITI 4.2.1 "Seek").
COLLABORATION = patterns(
    "skal vi ?lige ?sammen",
    "lad os ?lige ?sammen",
    "hvad siger|tænker|synes du ?om ?til at vi",
    "hvordan kan|skal vi",
    "hvad vil du have at vi",
    "hvad kunne vi",
    "vi kunne ?sammen",
    "sammen finde|se|lægge|lave|tale",
    "du kender ?jo dig selv bedst",
    "du ved ?jo ?selv bedst",
    "du er ?jo eksperten|ekspert",
    "hvad vil du gerne starte med",
)
# Confronting: arguing, correcting, shaming, doubting the citizen (MITI 4.2.1 "Confront").
CONFRONTATION = patterns(
    "det passer ikke",
    "det er ikke rigtigt|sandt",
    "det er ?jo forkert",
    "det tror jeg ikke på",
    "det er ?jo noget sludder|vrøvl|pjat",
    "du er|bliver nødt til at indse|forstå|erkende|acceptere",
    "du må ?da ?jo ?indse|forstå|erkende",
    "du kan ikke blive ved",
    "sådan kan det ikke blive ved",
    "det er ?jo din egen skyld",
    "det er ?jo dit eget ansvar",
    "du lyver",
    "tag dig ?nu ?lige sammen",
    "du må|skal ?nu ?altså tage dig sammen",
    "du burde skamme dig",
    "det er ?jo ?helt uansvarligt",
    "du ved ?jo godt at",
    "det ved du ?jo godt",
    "hvorfor har du ?så ikke",
    "det er ?da ?jo ikke så slemt",
)


def _words(text: str) -> list[Word]:
    return content(words(clean_line(text)))  # patterns match words, not commas


def emphasises_autonomy(text: str) -> bool:
    return contains(_words(text), lex.AUTONOMY)


def seeks_collaboration(text: str) -> bool:
    if contains(_words(text), COLLABORATION):
        return True
    return any(asks_permission(result.sentence) for result in explain(text))


def confronts(text: str) -> bool:
    return contains(_words(text), CONFRONTATION)
