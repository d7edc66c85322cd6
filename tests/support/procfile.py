"""The Procfile is the one place that says how each service starts; tests run its lines too."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def procfile(path: Path = ROOT / "Procfile") -> dict[str, str]:
    commands = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, command = line.partition(":")
            commands[name.strip()] = command.strip()
    return commands


def command(name: str) -> list[str]:
    """The Procfile line for `name`, as honcho runs it (a shell; variables set by the test)."""
    return ["/bin/sh", "-c", procfile()[name]]
