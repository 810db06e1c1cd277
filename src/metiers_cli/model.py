"""The knowledge base in memory: plain, immutable records with the field names of the YAML format.

No I/O here. Reporting lines are not stored on roles: they are derived from the structures' charts
(see orgchart.py), as the format requires.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    publisher: str
    date: str | None = None
    kind: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Family:
    id: str
    label: str
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Salary:
    min: int
    max: int
    currency: str
    label: str
    source: str


@dataclass(frozen=True, slots=True)
class Experience:
    min_years: int
    source: str


@dataclass(frozen=True, slots=True)
class Skills:
    savoir_faire: tuple[str, ...] = ()
    savoir_etre: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Distinction:
    role: str
    text: str


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    title: str
    title_feminine: str
    family: str
    level: str
    summary: str
    aliases: tuple[str, ...] = ()
    missions: tuple[str, ...] = ()
    skills: Skills = field(default_factory=Skills)
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


@dataclass(frozen=True, slots=True)
class ChartNode:
    """A node of an org chart: a role (``role`` set) or a labelled group (``label`` set)."""

    role: str | None = None
    label: str | None = None
    covers: tuple[str, ...] = ()  # other roles this person also takes on in this structure
    note: str | None = None
    children: tuple[ChartNode, ...] = ()


@dataclass(frozen=True, slots=True)
class Structure:
    id: str
    name: str
    description: str
    chart: tuple[ChartNode, ...]
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Term:
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


@dataclass(slots=True)
class KnowledgeBase:
    version: int
    sources: dict[str, Source]
    families: dict[str, Family]
    roles: dict[str, Role]
    structures: dict[str, Structure]
    glossary: dict[str, Term]
    rome: dict[str, str] = field(default_factory=dict)  # ROME 4.0 code -> label of the France Travail fiche
    path: str = ""
    derived: dict = field(default_factory=dict, repr=False, compare=False)  # memoised views (orgchart, search)
    provided: dict = field(default_factory=dict, repr=False, compare=False)  # name -> loader, from a cache
    structure_names: dict[str, str] | None = None  # set by a cache, so that names don't need the charts

    def view(self, name: str, build):
        """A derived view, computed once: from the cache when it provides it, else built from the records."""
        if name not in self.derived:
            loader = self.provided.pop(name, None)
            self.derived[name] = loader() if loader is not None else build(self)
        return self.derived[name]

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
        ids = list(role.terms)
        ids += [t.id for t in self.glossary.values() if role_id in t.roles and t.id not in ids]
        return [self.glossary[i] for i in ids if i in self.glossary]
