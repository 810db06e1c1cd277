"""Synthetic knowledge bases for the benchmark: N roles as rich as the shipped ones (about 2 KB of YAML each).

Deterministic (seeded), realistic French text recombined from the shipped base, unique titles and aliases,
relations between roles, skills drawn from the shipped vocabulary, org charts and the shipped glossary.
`python bench/synth.py 3000 out.yaml`.
"""

from __future__ import annotations

import copy
import random
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
PREFIXES = [("Chargé", "Chargée"), ("Responsable", "Responsable"), ("Chef de projet", "Cheffe de projet"),
            ("Consultant", "Consultante"), ("Directeur", "Directrice"), ("Coordinateur", "Coordinatrice"),
            ("Analyste", "Analyste"), ("Spécialiste", "Spécialiste"), ("Assistant", "Assistante"),
            ("Manager", "Manager")]
DOMAINS = ["communication", "marketing", "contenus", "réseaux sociaux", "acquisition", "référencement",
           "relations presse", "événementiel", "marque", "fidélisation", "publicité", "médias", "création",
           "études", "partenariats", "influence", "données clients", "expérience client", "commerce en ligne",
           "communication interne", "image", "stratégie digitale", "vidéo", "édition", "mobile", "emailing",
           "sponsoring", "mécénat", "lancement produit", "trade marketing", "e-réputation", "veille",
           "communication financière", "affaires publiques", "design", "rédaction", "planification",
           "achat d'espace", "audience", "CRM"]
SPECIALTIES = ["grand public", "B2B", "international", "régional", "santé", "luxe", "tourisme", "banque",
               "assurance", "industrie", "distribution", "culture", "sport", "éducation", "collectivités",
               "énergie", "transport", "agroalimentaire", "automobile", "télécoms", "immobilier", "mode",
               "cosmétique", "jeux vidéo", "édition", "presse", "musique", "associatif", "startup",
               "pharmacie", "high-tech", "environnement", "recrutement", "franchise", "e-commerce", "hôtellerie",
               "restauration", "aéronautique", "logistique", "services"]
RANKS = ["", "principal", "adjoint", "groupe", "pays", "zone Europe", "national", "international"]


def _pool(roles: list[dict], field: str) -> list[str]:
    out = []
    for role in roles:
        value = role.get(field) or []
        out.extend(value if isinstance(value, list) else [value])
    return out


def titles(n: int, rng: random.Random) -> list[tuple[str, str]]:
    combos = [(p, d, s, r) for r in RANKS for s in SPECIALTIES for d in DOMAINS for p in PREFIXES]
    rng.shuffle(combos)
    out = []
    for (masc, fem), domain, specialty, rank in combos[:n]:
        tail = f" {domain} {specialty}" + (f" {rank}" if rank else "")
        out.append((masc + tail, fem + tail))
    return out


def generate(n: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    base = yaml.safe_load((REPO / "data" / "roles.yaml").read_text(encoding="utf-8"))
    shipped = base["roles"]
    missions, know_how, qualities = _pool(shipped, "missions"), [], []
    for role in shipped:
        know_how += role["skills"]["savoir_faire"]
        qualities += role["skills"]["savoir_etre"]

    def sample(pool, count):
        chosen, seen = [], set()
        for entry in rng.sample(pool, min(len(pool), count * 3)):
            skill = entry["skill"] if isinstance(entry, dict) else entry
            if skill not in seen:
                seen.add(skill)
                chosen.append(copy.deepcopy(entry))
            if len(chosen) == count:
                break
        return chosen
    summaries = [r["summary"] for r in shipped]
    educations, recruiters = _pool(shipped, "education"), _pool(shipped, "recruiters")
    families = [f["id"] for f in base["families"]]
    terms = [t["id"] for t in base["glossary"]]
    codes = [c["code"] for c in base["rome"]]
    names = titles(n, rng)
    ids = [f"metier-{i:05d}" for i in range(n)]
    roles = []
    for i, (rid, (title, feminine)) in enumerate(zip(ids, names)):
        others = rng.sample([x for x in rng.sample(ids, 8) if x != rid], 6)
        role = {
            "id": rid, "title": title, "title_feminine": feminine,
            "aliases": [f"{title} (poste {i})", f"Référent {i} {title.split()[-1]}"],
            "family": rng.choice(families), "level": rng.choice(["operationnel", "encadrement", "direction"]),
            "summary": rng.choice(summaries),
            "missions": rng.sample(missions, 4),
            "skills": {"savoir_faire": sample(know_how, 4), "savoir_etre": sample(qualities, 3)},
            "distinctions": [{"role": others[0], "text": rng.choice(missions)}],
            "works_with": [o for o in others[1:4] if o != rid],
            "comes_from": [o for o in others[4:5] if o != rid],
            "evolves_to": [o for o in others[5:6] if o != rid],
            "channels": rng.choice([["online"], ["offline"], ["online", "offline"]]),
            "marketing": rng.choice(["push", "pull", "both"]),
            "aptitudes": rng.sample(["rediger", "parler", "negocier", "creer", "analyser", "encadrer",
                                     "organiser", "animer", "technique"], 3),
            "riasec": "".join(rng.sample("RIASEC", 3)),
            "education": rng.sample(educations, 1), "recruiters": rng.sample(recruiters, 2),
            "rome_related": rng.sample(codes, 1), "terms": rng.sample(terms, 4),
            "sources": [], "editorial": ["comes_from", "evolves_to", "riasec", "aptitudes"],
        }
        roles.append(role)
    # org charts: groups of 60 roles, three levels deep
    structures = []
    for start in range(0, n, 60):
        members = ids[start:start + 60]
        boss, managers, staff = members[0], members[1:7], members[7:]
        chart = [{"label": "Direction", "children": [{"role": boss, "children": [
            {"role": m, "children": [{"role": s} for s in staff[k::6]]} for k, m in enumerate(managers)]}]}]
        structures.append({"id": f"entite-{start // 60:04d}", "name": f"Entité {start // 60}",
                           "description": "Une entité du groupe.", "chart": chart})
    glossary = base["glossary"]
    for term in glossary:
        term["roles"] = rng.sample(ids, 3)
        term["core_roles"] = term["roles"][:1]
        term.pop("title_of", None)
    used = {(entry["skill"] if isinstance(entry, dict) else entry) for role in roles
            for kind in ("savoir_faire", "savoir_etre") for entry in role["skills"][kind]}
    return {"version": 2, "sources": base["sources"], "families": base["families"], "rome": base["rome"],
            "skills": [skill for skill in base["skills"] if skill["id"] in used], "roles": roles,
            "structures": structures, "glossary": glossary, "advice": base.get("advice", [])}


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    def ignore_aliases(self, data):  # a base never holds YAML aliases: every value written out
        return True


def write(n: int, path: Path) -> Path:
    text = yaml.dump(generate(n), allow_unicode=True, sort_keys=False, width=120, Dumper=_Dumper)
    path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    write(int(sys.argv[1]), Path(sys.argv[2]))
