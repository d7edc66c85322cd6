"""Which Danish spaCy pipeline the assistant uses, and how the offline fallback is built.

The production model is ``da_core_news_sm`` 3.4.x. Where it cannot be installed (no route to
spaCy's release page), the project builds a Danish base pipeline itself: ``spacy.blank("da")``
with the lookup lemmatizer from ``spacy-lookups-data``. Every pipeline has an *identity* (name,
version and a content hash); a trained model records it, and serving refuses another one.

CLI::

    python -m bot.nlu.spacy_pipeline prepare   # build the base pipeline if the model is absent
    python -m bot.nlu.spacy_pipeline which     # say which pipeline is in use
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from dataclasses import dataclass
from pathlib import Path

PRODUCTION_MODEL = "da_core_news_sm"
PRODUCTION_SERIES = "3.4."
BASE_NAME = "rehab_da_base"
BASE_VERSION = "1.0.0"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
BASE_DIR = Path(os.environ.get("DA_SPACY_BASE_DIR", PROJECT_ROOT / "build" / "spacy" / BASE_NAME))
# Forces a choice, e.g. to test the base pipeline on a machine that has the production model.
FORCE_ENV = "DA_SPACY_PIPELINE"


class PipelineUnavailable(RuntimeError):
    """No usable Danish pipeline is installed or built."""


@dataclass(frozen=True)
class PipelineChoice:
    kind: str  # "production" or "base"
    load_target: str  # what spacy.load() takes: a package name or a directory
    identity: str  # name@version#hash; stored in the trained model
    description: str


def _production_installed() -> str | None:
    if importlib.util.find_spec(PRODUCTION_MODEL) is None:
        return None
    from importlib.metadata import PackageNotFoundError, version

    try:
        installed = version(PRODUCTION_MODEL)
    except PackageNotFoundError:
        return None
    return installed if installed.startswith(PRODUCTION_SERIES) else None


def _directory_hash(directory: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        digest.update(path.relative_to(directory).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _production_choice(version: str) -> PipelineChoice:
    return PipelineChoice(
        kind="production",
        load_target=PRODUCTION_MODEL,
        identity=f"{PRODUCTION_MODEL}@{version}",
        description=f"{PRODUCTION_MODEL} {version} (spaCy's trained Danish pipeline)",
    )


def _base_choice() -> PipelineChoice:
    if not (BASE_DIR / "meta.json").exists():
        raise PipelineUnavailable(
            f"The Danish base pipeline is not built at {BASE_DIR}. Run `make install` "
            f"(or `python -m bot.nlu.spacy_pipeline prepare`)."
        )
    return PipelineChoice(
        kind="base",
        load_target=str(BASE_DIR),
        identity=f"{BASE_NAME}@{BASE_VERSION}#{_directory_hash(BASE_DIR)}",
        description=(
            f"{BASE_NAME} {BASE_VERSION}: spacy.blank('da') + lookup lemmatizer from "
            f"spacy-lookups-data, built offline because {PRODUCTION_MODEL} is absent"
        ),
    )


def resolve() -> PipelineChoice:
    """The pipeline this machine provides: the production model if installed, else the base."""
    forced = os.environ.get(FORCE_ENV, "").strip()
    installed = _production_installed()
    if forced == "base":
        return _base_choice()
    if forced and forced != PRODUCTION_MODEL:
        raise PipelineUnavailable(f"{FORCE_ENV}={forced!r}: use 'base' or '{PRODUCTION_MODEL}'.")
    if installed:
        return _production_choice(installed)
    if forced == PRODUCTION_MODEL:
        raise PipelineUnavailable(
            f"{FORCE_ENV} asks for {PRODUCTION_MODEL} {PRODUCTION_SERIES}x, which is not installed."
        )
    return _base_choice()


def build_base(target: Path = BASE_DIR) -> Path:
    """Builds blank Danish + lookup lemmatizer and saves it; deterministic, needs no network."""
    import spacy

    nlp = spacy.blank("da")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the Danish lookup table from spacy-lookups-data
    nlp.meta.update(
        name=BASE_NAME,
        version=BASE_VERSION,
        description="Danish base pipeline: blank tokenizer + lookup lemmatizer",
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    return target


def prepare() -> PipelineChoice:
    if not _production_installed() and not (BASE_DIR / "meta.json").exists():
        build_base()
    return resolve()


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "which"
    try:
        choice = prepare() if command == "prepare" else resolve()
    except PipelineUnavailable as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 1
    print(f">> Danish spaCy pipeline in use: {choice.description} [{choice.identity}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
