"""The knowledge base in memory: plain, immutable records with the field names of the YAML format.

No I/O here. Reporting lines are not stored on roles: they are derived from the structures' charts
(orgchart.py), as the format requires. Records are NamedTuples: cheap to define at start-up, and ``plain()``
turns any of them into JSON-ready data with the field names; ``from_plain()`` turns that data back.
"""

from typing import NamedTuple

LEVELS = {"operationnel": "Opérationnel", "encadrement": "Encadrement", "direction": "Direction"}
LEVEL_RANK = {"operationnel": 0, "encadrement": 1, "direction": 2}
CHANNELS = {"online": "En ligne", "offline": "Hors ligne"}
MARKETING = {"push": "Push (publicité, démarche poussée)", "pull": "Pull (contenus, démarche attirée)",
             "both": "Push et pull"}
SKILL_KINDS = {"savoir_faire": "Savoir-faire", "savoir_etre": "Savoir-être"}
SKILL_LEVELS = {"notions": "Notions", "maitrise": "Maîtrise", "expertise": "Expertise"}
SKILL_LEVEL_RANK = {"notions": 1, "maitrise": 2, "expertise": 3}
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
APTITUDE_WORDS = {  # how each aptitude word is written for a reader
    "rediger": "rédiger", "parler": "parler", "negocier": "négocier", "creer": "créer", "analyser": "analyser",
    "encadrer": "encadrer", "organiser": "organiser", "animer": "animer", "technique": "technique",
}


class Source(NamedTuple):
    id: str
    title: str
    publisher: str
    date: str | None = None
    kind: str | None = None
    note: str | None = None
    url: str | None = None

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None


class Family(NamedTuple):
    id: str
    label: str
    description: str | None = None


class Skill(NamedTuple):
    """A concept of the skills vocabulary, shared by the roles that point to it."""

    id: str
    label: str
    kind: str  # savoir_faire | savoir_etre
    rome: str | None = None
    esco: str | None = None
    description: str | None = None


class SkillRef(NamedTuple):
    """A role's use of a skill: which one, in the role's own words, and at what level."""

    skill: str
    detail: str | None = None
    level: str | None = None


class Skills(NamedTuple):
    savoir_faire: tuple[SkillRef, ...] = ()
    savoir_etre: tuple[SkillRef, ...] = ()

    def all(self) -> tuple[SkillRef, ...]:
        return self.savoir_faire + self.savoir_etre


class Salary(NamedTuple):
    min: int
    max: int
    currency: str
    label: str
    source: str


class Experience(NamedTuple):
    min_years: int
    source: str


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
    rome_related: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    editorial: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every name written for this role, the title first."""
        return (self.title, self.title_feminine, *self.aliases)


class ChartNode(NamedTuple):
    """A node of an org chart: a role (``role`` set) or a labelled group (``label`` set).

    A role node's line to its manager (the nearest role node above) rests on ``sources``, or on judgment when
    ``editorial``; with neither, on the structure's sources. An ``alternative`` node is another possible place
    of a role whose main place is elsewhere in the same chart: "or, depending on the organisation, here".
    """

    role: str | None = None
    label: str | None = None
    covers: tuple[str, ...] = ()  # other roles this person also takes on in this structure
    note: str | None = None
    children: tuple['ChartNode', ...] = ()
    sources: tuple[str, ...] = ()
    editorial: bool = False
    alternative: bool = False
    condition: str | None = None  # when this line holds, in words


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
    core_roles: tuple[str, ...] = ()  # the roles whose heart this term is (a subset of roles)
    title_of: tuple[str, ...] = ()  # the term is also a job title, worn by these roles
    related: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    note: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term, *((self.expansion,) if self.expansion else ()), *self.aliases)


class Advice(NamedTuple):
    """Guidance for a profile (what a person likes and avoids), from a source: read by ``match``."""

    id: str
    text: str
    likes: tuple[str, ...] = ()
    avoids: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


class KnowledgeBase(NamedTuple):
    """Every record of a parsed base, by id, in the order of the file."""

    version: int
    sources: dict[str, Source]
    families: dict[str, Family]
    roles: dict[str, Role]
    structures: dict[str, Structure]
    glossary: dict[str, Term]
    skills: dict[str, Skill]
    rome: dict[str, tuple[str, str | None]]  # ROME 4.0 code -> (label of the France Travail fiche, note)
    advice: tuple[Advice, ...] = ()
    path: str = ""
    derived: dict | None = None  # facts derived from the records, computed once (names.all_role_rows)


def plain(record):
    """Any record (or structure of records) as JSON-ready data: field names, lists rather than tuples."""
    if hasattr(record, "_asdict"):
        return {name: plain(value) for name, value in zip(record._fields, record)}
    if isinstance(record, (list, tuple)):
        return [plain(value) for value in record]
    if isinstance(record, dict):
        return {key: plain(value) for key, value in record.items()}
    return record


def skill_refs(data) -> tuple[SkillRef, ...]:
    return tuple(SkillRef(**item) for item in data)


def role_from_plain(data: dict) -> Role:
    """The inverse of plain() for a role."""
    skills = data["skills"]
    return Role(**{
        **data,
        **{key: tuple(data[key]) for key in _ROLE_TUPLES},
        "skills": Skills(skill_refs(skills["savoir_faire"]), skill_refs(skills["savoir_etre"])),
        "distinctions": tuple(Distinction(**d) for d in data["distinctions"]),
        "salary": Salary(**data["salary"]) if data["salary"] else None,
        "experience": Experience(**data["experience"]) if data["experience"] else None,
    })


def node_from_plain(data: dict) -> ChartNode:
    return ChartNode(**{**data, "covers": tuple(data["covers"]), "sources": tuple(data["sources"]),
                        "children": tuple(node_from_plain(child) for child in data["children"])})


def term_from_plain(data: dict) -> Term:
    return Term(**{key: tuple(value) if isinstance(value, list) else value for key, value in data.items()})


_ROLE_TUPLES = ("aliases", "missions", "works_with", "comes_from", "evolves_to", "channels", "aptitudes",
                "education", "recruiters", "rome", "rome_related", "terms", "sources", "editorial")
