"""Domain vocabularies. Values are the Danish domain terms the clients send and receive."""

from __future__ import annotations

from enum import Enum


class OccupationArea(str, Enum):
    """COPM occupational performance area."""

    EGENOMSORG = "egenomsorg"
    PRODUKTIVITET = "produktivitet"
    FRITID = "fritid"


class FunctionArea(str, Enum):
    """FSIII funktionsevnetilstande for hjemmepleje (the 13 home-care areas)."""

    PERSONLIG_PLEJE = "Personlig pleje"
    SPISE_OG_DRIKKE = "Spise og drikke"
    SUNDHEDSKOMPETENCE = "Sundhedskompetence"
    LAVE_HUSLIGT_ARBEJDE = "Lave husligt arbejde"
    LAVE_MAD = "Lave mad"
    INDKOEB = "Indkøb"
    FORFLYTTE_SIG = "Forflytte sig"
    MOBILITET_OG_BEVAEGELSE = "Mobilitet og bevægelse"
    KOMMUNIKATION = "Kommunikation"
    HUKOMMELSE = "Hukommelse"
    KOGNITIVE_FUNKTIONER = "Kognitive funktioner"
    TRIVSEL = "Trivsel"
    ENERGI_OG_HANDLEKRAFT = "Energi og handlekraft"


class GoalStatus(str, Enum):
    AKTIV = "aktiv"
    OPNAAET = "opnaaet"
    DELVIST_OPNAAET = "delvist_opnaaet"
    IKKE_OPNAAET = "ikke_opnaaet"
    AFBRUDT = "afbrudt"


class Responsible(str, Enum):
    BORGER = "borger"
    KONTAKTPERSON = "kontaktperson"
    TERAPEUT = "terapeut"
    PAAROERENDE = "paaroerende"
    ANDET = "andet"


class TrafficLight(str, Enum):
    GROEN, GUL, ROED = "groen", "gul", "roed"


class TokenScope(str, Enum):
    READ = "read"
    WRITE = "write"
    SERVICE = "service"  # acts only on behalf of a signed-in person (X-On-Behalf-Of)


class StaffRole(str, Enum):
    VISITATOR = "visitator"
    TERAPEUT = "terapeut"
    KONTAKTPERSON = "kontaktperson"
    LEDER = "leder"
    ADMIN = "admin"


class AuthMethod(str, Enum):
    PASSWORD = "password"
    OIDC = "oidc"


class Permission(str, Enum):
    READ_CITIZENS = "read_citizens"  # citizen, assessments, goals, export, FHIR, plan
    WRITE_RECORDS = "write_records"  # citizens, assessments, re-assessments, goals, evaluations
    READ_ACCESS_LOG = "read_access_log"
    READ_REPORTS = "read_reports"  # aggregated quality indicators (leders)
    MANAGE_USERS = "manage_users"
    ERASE_CITIZENS = "erase_citizens"


class AuditAction(str, Enum):
    CREATE = "create"
    READ = "read"
    UPDATE = "update"
    DELETE = "delete"
    ERASE = "erase"
    EXPORT = "export"
