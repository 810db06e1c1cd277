"""The knowledge base in memory: plain, immutable records with the field names of the YAML format.

No I/O here. Reporting lines are not stored on roles: they are derived from the structures' charts
(see orgchart.py), as the format requires.

The records are NamedTuples rather than dataclasses: every command starts by defining these classes, and a
NamedTuple costs a tenth of a dataclass to define (see bench/RESULTS.md). ``plain()`` turns any of them into
JSON-ready data with the field names.
"""

from __future__ import annotations

from typing import NamedTuple

LEVELS = {"operationnel": "Opérationnel", "encadrement": "Encadrement", "direction": "Direction"}
CHANNELS = {"online": "En ligne", "offline": "Hors ligne"}
MARKETING = {"push": "Push (publicité, démarche poussée)", "pull": "Pull (contenus, démarche attirée)",
             "both": "Push et pull"}
RIASEC = {
    "R": "Réaliste (concret, technique)",
    "I": "Investigateur (analyse, recherche)",
    "A": "Artistique (création, expression)",
    "S": "Social (relation, aide, animation)",
    "E": "Entreprenant (convaincre, diriger)",
    "C": "Conventionnel (méthode, organisation)",
}
APTITUDES = {  # what each aptitude word means, as an infinitive phrase ("vous aimez …")
    "rediger": "écrire et rédiger",
    "parler": "parler en public et convaincre",
    "negocier": "négocier",
    "creer": "créer des images, des concepts, des idées",
    "analyser": "analyser des chiffres et des données",
    "encadrer": "encadrer une équipe",
    "organiser": "organiser, coordonner, planifier",
    "animer": "animer une communauté, un réseau, des relations",
    "technique": "manier les outils web et la technique",
}


class Source(NamedTuple):
    id: str
    title: str
    publisher: str
    date: str | None = None
    kind: str | None = None
    note: str | None = None


class Family(NamedTuple):
    id: str
    label: str
    description: str | None = None


class Salary(NamedTuple):
    min: int
    max: int
    currency: str
    label: str
    source: str


class Experience(NamedTuple):
    min_years: int
    source: str


class Skills(NamedTuple):
    savoir_faire: tuple[str, ...] = ()
    savoir_etre: tuple[str, ...] = ()


class Distinction(NamedTuple):
    role: str
    text: str


class Role(NamedTuple):
    id: str
    title: str
    title_feminine: str
    family: str
    level: str
    summary: str
    aliases: tuple[str, ...] = ()
    missions: tuple[str, ...] = ()
    skills: Skills = Skills()
    distinctions: tuple[Distinction, ...] = ()
    works_with: tuple[str, ...] = ()
    comes_from: tuple[str, ...] = ()
    evolves_to: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    marketing: str | None = None
    aptitudes: tuple[str, ...] = ()
    riasec: str | None = None
    salary: Salary | None = None
    experience: Experience | None = None
    education: tuple[str, ...] = ()
    recruiters: tuple[str, ...] = ()
    rome: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    editorial: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every name a user may type for this role, the title first."""
        return (self.title, self.title_feminine, *self.aliases)


class ChartNode(NamedTuple):
    """A node of an org chart: a role (``role`` set) or a labelled group (``label`` set)."""

    role: str | None = None
    label: str | None = None
    covers: tuple[str, ...] = ()  # other roles this person also takes on in this structure
    note: str | None = None
    children: tuple[ChartNode, ...] = ()


class Structure(NamedTuple):
    id: str
    name: str
    description: str
    chart: tuple[ChartNode, ...]
    sources: tuple[str, ...] = ()


class Term(NamedTuple):
    id: str
    term: str
    definition: str
    expansion: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    note: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term, *((self.expansion,) if self.expansion else ()), *self.aliases)


class KnowledgeBase:
    """Every record of a base, by id, and the views derived from them (computed once, or read from a cache)."""

    __slots__ = ("version", "sources", "families", "roles", "structures", "glossary", "rome", "path", "derived",
                 "provided", "structure_names")

    def __init__(self, version: int, sources: dict[str, Source], families: dict[str, Family],
                 roles: dict[str, Role], structures: dict[str, Structure], glossary: dict[str, Term],
                 rome: dict[str, str] | None = None, path: str = "", structure_names: dict[str, str] | None = None):
        self.version = version
        self.sources = sources
        self.families = families
        self.roles = roles
        self.structures = structures
        self.glossary = glossary
        self.rome = rome or {}  # ROME 4.0 code -> label of the France Travail fiche
        self.path = path
        self.derived: dict = {}  # memoised views (orgchart, search)
        self.provided: dict = {}  # name -> loader of a view, from a cache
        self.structure_names = structure_names  # set by a cache, so that names don't need the charts

    def view(self, name: str, build):
        """A derived view, computed once: from the cache when it provides it, else built from the records."""
        if name not in self.derived:
            loader = self.provided.pop(name, None)
            self.derived[name] = loader() if loader is not None else build(self)
        return self.derived[name]

    def folder(self):
        """fold() with a memory shared by the passes over this base (checks, name and search indexes)."""
        from .text import Folder

        return self.view("folder", lambda kb: Folder())

    def structure_name(self, structure_id: str) -> str:
        if self.structure_names is not None:
            return self.structure_names.get(structure_id, structure_id)
        structure = self.structures.get(structure_id)
        return structure.name if structure else structure_id

    def family_label(self, family_id: str) -> str:
        family = self.families.get(family_id)
        return family.label if family else family_id

    def role_title(self, role_id: str) -> str:
        role = self.roles.get(role_id)
        return role.title if role else role_id

    def terms_of(self, role_id: str) -> list[Term]:
        """The glossary terms a role involves: those it names, then those that name it."""
        role = self.roles[role_id]
        naming = self.view("terms_naming", _terms_naming).get(role_id, ())
        ids = list(role.terms) + [t for t in naming if t not in role.terms]
        return [self.glossary[i] for i in ids if i in self.glossary]


def _terms_naming(kb: KnowledgeBase) -> dict[str, list[str]]:
    """role id -> the glossary terms that name it, in glossary order."""
    naming: dict[str, list[str]] = {}
    for term in kb.glossary.values():
        for role_id in term.roles:
            naming.setdefault(role_id, []).append(term.id)
    return naming


def plain(record):
    """Any record (or structure of records) as JSON-ready data: field names, lists rather than tuples."""
    if hasattr(record, "_asdict"):
        return {name: plain(value) for name, value in zip(record._fields, record)}
    if isinstance(record, (list, tuple)):
        return [plain(value) for value in record]
    if isinstance(record, dict):
        return {key: plain(value) for key, value in record.items()}
    return record
