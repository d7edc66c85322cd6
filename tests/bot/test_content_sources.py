"""bot/faq_sources.md names the source behind every FAQ answer, and every quote is really there.

A citation is written `NNN (l. linje): »citat«` or `NNN: »citat«`, NNN being a seed file in
../shared/seeds/ (000 … 004). A quote matches when its words occur in that file in that order;
case, punctuation and the PDF extraction's hyphenation, line breaks and tabs are ignored.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from actions.faq.catalog import FAQ_QUESTIONS

ROOT = Path(__file__).resolve().parents[2]
SOURCES = (ROOT / "bot" / "faq_sources.md").read_text(encoding="utf-8")
SEEDS = ROOT.parent / "shared" / "seeds"
CITATION = re.compile(r"\b(00[0-4])(?: \(l\. \d+\))?: »([^«]+)«")


def _words(text: str) -> str:
    text = re.sub(r"-[ \t]*\n\s*", "", text)  # "hver-\ndagsrehabilitering"
    return " " + " ".join(re.findall(r"[^\W_]+", text.lower())) + " "


def sections() -> dict[str, str]:
    found = re.split(r"^### (\w+)\s*$", SOURCES, flags=re.M)
    return dict(zip(found[1::2], found[2::2], strict=True))


def test_every_faq_id_has_a_section_with_a_quoted_source() -> None:
    by_id = sections()
    assert set(by_id) == set(FAQ_QUESTIONS), set(by_id) ^ set(FAQ_QUESTIONS)
    for faq_id, text in by_id.items():
        assert CITATION.search(text), f"{faq_id}: no »quote« from a seed file"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here")
def test_every_quote_is_in_the_named_seed_file() -> None:
    seeds = {
        path.name[:3]: _words(path.read_text(encoding="utf-8")) for path in SEEDS.glob("*.txt")
    }
    citations = CITATION.findall(SOURCES)
    assert len(citations) >= len(FAQ_QUESTIONS)
    missing = [(seed, quote) for seed, quote in citations if _words(quote) not in seeds[seed]]
    assert not missing, missing


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here")
def test_the_line_numbers_point_near_the_quote() -> None:
    lines = {p.name[:3]: p.read_text(encoding="utf-8").split("\n") for p in SEEDS.glob("*.txt")}
    for seed, line, quote in re.findall(r"\b(00[0-4]) \(l\. (\d+)\): »([^«]+)«", SOURCES):
        start = int(line) - 1
        window = "\n".join(lines[seed][max(0, start - 3) : start + 30])
        assert _words(quote) in _words(window), (seed, line, quote)
