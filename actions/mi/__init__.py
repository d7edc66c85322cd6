"""Practice feedback on motivational interviewing (MI, "den motiverende samtale").

The hand-written Danish rules (practice.py, change_talk.py) explain each label and feed the
learned coder (coder.py, trained by train_coder.py from data/mi/) as features; the coder decides
the codes and says when a line can be read two ways.
"""
