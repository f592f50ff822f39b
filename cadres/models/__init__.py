"""Units (单位) and cadres (干部), with the reference lists their fields draw on: one module per record
family, re-exported here so `from cadres.models import Unit` reads as before."""

from .cadres import Cadre, CadreQuerySet, TrainingRecord
from .records import CadreParticulars, FamilyMember, ResumeEntry, RewardPunishment, particulars_of
from .reference import Degree, Education, Ethnicity, PoliticalStatus, Rank, ReferenceItem
from .units import Unit, UnitQuerySet

__all__ = [
    "Cadre",
    "CadreParticulars",
    "CadreQuerySet",
    "Degree",
    "Education",
    "Ethnicity",
    "FamilyMember",
    "PoliticalStatus",
    "Rank",
    "ReferenceItem",
    "ResumeEntry",
    "RewardPunishment",
    "TrainingRecord",
    "Unit",
    "UnitQuerySet",
    "particulars_of",
]
