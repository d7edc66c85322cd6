"""`rasa data validate --fail-on-warnings`, stricter: any warning it prints fails the check.

Rasa 3.6's validator cannot see two legitimate uses of a response, so those warnings alone are
tolerated, each checked against the project rather than waved through:
- "The utterance 'utter_ask_<slot>' is not used in any story or rule." when <slot> is a required
  slot of a form (the form action asks with it), or 'utter_X' when code in actions/ names it
  in a string literal (e.g. `response="utter_X"`);
- "duplicated intents ... across multiple domain files: <names>" when every name is a retrieval
  intent of the NLU data: Rasa merges those into the domain itself and then reports the domain's
  own declaration (which its docs require) as a duplicate.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
COMMAND = [
    str(ROOT / ".venv-bot" / "bin" / "rasa"), "data", "validate",
    "--config", "bot/config.yml", "--domain", "bot/domain",
    "--data", "data/nlu", "data/rules", "data/stories", "--fail-on-warnings",
]  # fmt: skip
UNUSED = re.compile(r"The utterance '(utter_[\w/]+)' is not used in any story or rule\.")
DUPLICATE = re.compile(r"duplicated intents have been found across multiple domain files: (.+)$")


def form_asks() -> set[str]:
    asks = set()
    for path in (ROOT / "bot" / "domain").glob("*.yml"):
        for form in (yaml.safe_load(path.read_text()) or {}).get("forms", {}).values():
            asks |= {f"utter_ask_{slot}" for slot in form.get("required_slots", [])}
    return asks


def responses_sent_by_actions() -> set[str]:
    pattern = re.compile(r"""["'](utter_[\w/]+)["']""")
    sources = (path.read_text() for path in (ROOT / "actions").rglob("*.py"))
    return {name for source in sources for name in pattern.findall(source)}


def retrieval_intents() -> set[str]:
    names = set()
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        for block in (yaml.safe_load(path.read_text()) or {}).get("nlu", []):
            if "/" in block.get("intent", ""):
                names.add(block["intent"].split("/")[0])
    return names


def main() -> int:
    run = subprocess.run(COMMAND, cwd=ROOT, capture_output=True, text=True)
    output = run.stdout + run.stderr
    allowed_unused = form_asks() | responses_sent_by_actions()
    retrieval = retrieval_intents()
    problems = []
    for line in output.splitlines():
        if "UserWarning" not in line and " WARNING " not in line:
            continue
        unused, duplicate = UNUSED.search(line), DUPLICATE.search(line)
        if unused and unused.group(1) in allowed_unused:
            continue
        if duplicate and {n.strip() for n in duplicate.group(1).split(",")} <= retrieval:
            continue
        problems.append(re.sub(r"\x1b\[[0-9;]*m", "", line).strip())
    if run.returncode != 0 or problems:
        print(output)
        print(f"rasa data validate: FAILED (exit {run.returncode})")
        print("\n".join(problems))
        return 1
    print("rasa data validate: passed with no warnings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
