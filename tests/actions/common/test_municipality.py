"""Municipal specifics come from configuration; unconfigured, the assistant says where to look."""

from __future__ import annotations

from pathlib import Path

from actions.common import municipality


def test_shipped_configuration_invents_nothing() -> None:
    config = municipality.load(municipality.DEFAULT_CONFIG)
    assert config == municipality.Municipality()
    assert config.phrases() == municipality.UNCONFIGURED


def test_configured_values_are_used(tmp_path: Path) -> None:
    path = tmp_path / "kommune.yml"
    path.write_text(
        "kommune: Eksempel Kommune\n"
        "visitation:\n  telefon: '11 22 33 44'\n  telefontid: hverdage kl. 9–11\n"
        "terapeut_kontakt_frist: senest 10 hverdage efter henvendelsen\n"
        "forloeb_varighed: op til 10 uger\n",
        encoding="utf-8",
    )
    phrases = municipality.load(path).phrases()
    assert phrases == {
        "kommune": "Eksempel Kommune",
        "kontakt_visitation": "på telefon 11 22 33 44 (telefontid: hverdage kl. 9–11)",
        "frist_terapeut": "senest 10 hverdage efter henvendelsen",
        "varighed_forloeb": "op til 10 uger",
    }


def test_phone_without_hours_reads_well(tmp_path: Path) -> None:
    path = tmp_path / "kommune.yml"
    path.write_text("visitation:\n  telefon: '11 22 33 44'\n  telefontid: ''\n", encoding="utf-8")
    assert municipality.load(path).phrases()["kontakt_visitation"] == "på telefon 11 22 33 44"


def test_environment_chooses_the_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "other.yml"
    path.write_text("kommune: Anden Kommune\n", encoding="utf-8")
    monkeypatch.setenv("MUNICIPALITY_CONFIG", str(path))
    assert municipality.load().name == "Anden Kommune"


def test_crisis_phrases_without_configuration_point_to_the_website() -> None:
    phrases = municipality.load(municipality.DEFAULT_CONFIG).safety_phrases()
    assert phrases == {
        "livslinien": "70 201 201",
        "kontakt_bekymring": "kontakt kommunen – nummeret står på kommunens hjemmeside",
    }


def test_a_configured_concern_line_is_named_with_the_municipality(tmp_path: Path) -> None:
    path = tmp_path / "kommune.yml"
    path.write_text("kommune: Eksempel Kommune\nbekymring_voksen:\n  telefon: '55 66 77 88'\n"
                    "livslinien: ' '\n", encoding="utf-8")  # fmt: skip
    phrases = municipality.load(path).safety_phrases()
    assert phrases == {"livslinien": "70 201 201",  # blank: the national number stands
                       "kontakt_bekymring": "ring til Eksempel Kommune på 55 66 77 88"}  # fmt: skip
    path.write_text("bekymring_voksen:\n  telefon: 55667788\n", encoding="utf-8")
    assert municipality.load(path).safety_phrases()["kontakt_bekymring"] == (
        "ring til kommunen på 55667788"
    )
