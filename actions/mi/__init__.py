"""Practice feedback on motivational interviewing (MI, "den motiverende samtale").

Rule-based on purpose: the rules run on the Danish base pipeline (tokens and lookup lemmas, no
tagger or parser), so every label can be explained to the practitioner who gets it.
"""
