"""docs/roles.schema.json: the JSON Schema that editors use to validate a knowledge base as it is typed.

The schema must accept what the loader accepts structurally and refuse what it refuses: the shipped base and the
test base validate, each broken base below is refused at the place broken (and the loader refuses it too), and
the fields and allowed values declared in the schema are exactly those of the code, so neither can drift alone.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import MINI
from metiers_cli import kb as kb_module
from metiers_cli import model
from metiers_cli.kb import ROLE_FIELDS, TOP_LEVEL, default_path

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "docs" / "roles.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)


def iso_dates(value):
    """The parsed YAML with every date as its ISO text, as an editor sees it (YAML 1.2 has no date type)."""
    if isinstance(value, dict):
        return {key: iso_dates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [iso_dates(item) for item in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def read_base(path: Path):
    return iso_dates(yaml.safe_load(path.read_text(encoding="utf-8")))


MINI_BASE = read_base(MINI)


def errors_of(base) -> list:
    return sorted(VALIDATOR.iter_errors(base), key=lambda e: list(e.absolute_path))


def describe(errors) -> str:
    return "\n".join(f"{'/'.join(map(str, e.absolute_path)) or '(racine)'}: {e.message[:200]}" for e in errors)


def all_errors(errors):
    """The errors and, recursively, those under anyOf/oneOf (their ``context``)."""
    for error in errors:
        yield error
        yield from all_errors(error.context)


def loader_problems(base) -> list:
    """The structural problems the loader finds in ``base`` (written back to YAML and read as metiers reads it)."""
    text = yaml.safe_dump(base, allow_unicode=True, sort_keys=False)
    _, problems, _ = kb_module.build(text, "base.yaml")
    return problems


def defs(name: str) -> dict:
    return SCHEMA["$defs"][name]


# --- the schema itself and the bases that must validate -----------------------------------------------------


def test_schema_is_a_valid_draft_2020_12_schema():
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(SCHEMA)


def test_shipped_base_validates():
    base = read_base(default_path())
    assert base["roles"], "the shipped base should hold roles"
    errors = errors_of(base)
    assert not errors, describe(errors)


def test_mini_fixture_validates():
    errors = errors_of(MINI_BASE)
    assert not errors, describe(errors)


FORMAT_DOC = SCHEMA_PATH.with_name("format.md")


def test_example_of_the_format_reference_validates_and_passes_check(tmp_path):
    # the complete example of docs/format.md: valid for the schema and for metiers check alike
    text = FORMAT_DOC.read_text(encoding="utf-8").split("## Exemple complet", 1)[1]
    example = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "exemple.yaml"
    path.write_text(example, encoding="utf-8")
    errors = errors_of(read_base(path))
    assert not errors, describe(errors)
    base = kb_module.load(path)
    assert len(base.roles) == 2 and len(base.structures) == 1 and len(base.glossary) == 1


def test_starter_base_of_metiers_init_validates():
    from importlib.resources import files

    starter = files("metiers_cli").joinpath("starter.yaml")
    if not starter.is_file():
        pytest.skip("no starter base in this version (metiers init)")
    errors = errors_of(iso_dates(yaml.safe_load(starter.read_text(encoding="utf-8"))))
    assert not errors, describe(errors)


def test_shipped_base_date_is_typed_as_a_date():
    # the only date of the format; PyYAML reads it as a datetime.date, an editor as the text 2017-09-13
    date_schema = defs("source")["properties"]["date"]
    assert date_schema["format"] == "date" and "string" in date_schema["type"]


# --- what the schema refuses ----------------------------------------------------------------------------------


def _set(path: tuple, value) -> Callable:
    def edit(base):
        target = base
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return edit


def _drop(path: tuple) -> Callable:
    def edit(base):
        target = base
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
    return edit


# (edit applied to mini.yaml, where the schema must point, the JSON Schema keyword that must fail there)
REJECTED = {
    "unknown top-level key": (_set(("organigrammes",), []), (), "additionalProperties"),
    "unknown role field": (_set(("roles", 0, "reports_to"), ["stratege"]), ("roles", 0), "additionalProperties"),
    "bad level": (_set(("roles", 0, "level"), "junior"), ("roles", 0, "level"), "enum"),
    "bad channel": (_set(("roles", 0, "channels"), ["online", "web"]), ("roles", 0, "channels", 1), "enum"),
    "bad id pattern": (_set(("roles", 1, "id"), "Redacteur_Web"), ("roles", 1, "id"), "pattern"),
    "role without title": (_drop(("roles", 2, "title")), ("roles", 2), "required"),
    "chart node with neither role nor label": (
        _drop(("structures", 0, "chart", 0, "label")), ("structures", 0, "chart", 0), "oneOf"),
}


def broken(edit: Callable):
    base = copy.deepcopy(MINI_BASE)
    edit(base)
    return base


@pytest.mark.parametrize("case", REJECTED, ids=list(REJECTED))
def test_schema_rejects(case):
    edit, where, keyword = REJECTED[case]
    errors = errors_of(broken(edit))
    # one error, on the way to the broken place (nothing else is refused) ...
    assert len(errors) == 1, describe(errors) or f"{case}: accepted"
    assert where[: len(errors[0].absolute_path)] == tuple(errors[0].absolute_path), describe(errors)
    # ... and it is the expected rule that fails, exactly there (possibly under an anyOf or a oneOf)
    assert any(tuple(e.absolute_path) == where and e.validator == keyword for e in all_errors(errors)), \
        describe(errors)


def test_missing_title_is_named():
    errors = errors_of(broken(REJECTED["role without title"][0]))
    assert any("'title' is a required property" in e.message for e in errors), describe(errors)


@pytest.mark.parametrize("case", REJECTED, ids=list(REJECTED))
def test_loader_rejects_the_same_bases(case):
    # the schema refuses nothing the loader accepts (for these cases)
    assert loader_problems(broken(REJECTED[case][0])), f"{case}: the loader accepts it, the schema does not"


# --- what it accepts: absent, empty and null optional fields are the same ------------------------------------

ACCEPTED = {
    "version omitted": _drop(("version",)),
    "optional list null": _set(("roles", 0, "aliases"), None),
    "optional list empty": _set(("roles", 0, "works_with"), []),
    "one string for a list": _set(("roles", 0, "channels"), "online"),
    "optional text null": _set(("structures", 0, "description"), None),
    "optional text empty": _set(("glossary", 1, "expansion"), ""),
    "skills null": _set(("roles", 1, "skills"), None),
    "salary null": _set(("roles", 2, "salary"), None),
    "salary without currency nor label": _set(
        ("roles", 2, "salary"), {"min": 50000, "max": 70000, "source": "guide"}),
    "marketing null": _set(("roles", 1, "marketing"), None),
    "riasec null": _set(("roles", 1, "riasec"), None),
    "top-level list null": _set(("glossary",), None),
    "source date null": _set(("sources", 0, "date"), None),
    "group node with role null": _set(("structures", 0, "chart", 0, "role"), None),
    "children null": _set(("structures", 0, "chart", 0, "children", 0, "children", 0, "children"), None),
    "covers as one string": _set(("structures", 0, "chart", 0, "children", 0, "children", 0, "covers"), "redacteur"),
}


@pytest.mark.parametrize("case", ACCEPTED, ids=list(ACCEPTED))
def test_schema_accepts_what_the_loader_accepts(case):
    base = broken(ACCEPTED[case])
    assert not loader_problems(base), f"{case}: the loader refuses it"
    errors = errors_of(base)
    assert not errors, describe(errors)


# --- the schema and the code declare the same fields and values -------------------------------------------------


def test_role_fields_match_the_loader():
    declared = set(defs("role")["properties"])
    assert declared == ROLE_FIELDS, (
        f"in the loader only: {sorted(ROLE_FIELDS - declared)}; in the schema only: {sorted(declared - ROLE_FIELDS)}")


@pytest.mark.parametrize(("schema_name", "record"), [
    ("source", model.Source), ("famille", model.Family), ("structure", model.Structure), ("terme", model.Term),
    ("salaire", model.Salary), ("experience", model.Experience), ("competences", model.Skills),
    ("distinction", model.Distinction), ("noeud", model.ChartNode), ("competence", model.Skill),
    ("conseil", model.Advice),
])
def test_record_fields_match_the_model(schema_name, record):
    assert set(defs(schema_name)["properties"]) == set(record._fields)


def test_top_level_keys_match_the_loader():
    assert set(SCHEMA["properties"]) == set(TOP_LEVEL)
    assert SCHEMA["additionalProperties"] is False
    assert set(SCHEMA["properties"]["version"]["enum"]) == set(kb_module.FORMAT_VERSIONS)


def _enum_values(node: dict) -> set:
    if "enum" in node:
        return set(node["enum"]) - {None}
    return set(node["items"]["enum"])


def test_allowed_values_match_the_model():
    role = defs("role")["properties"]
    assert _enum_values(role["level"]) == set(model.LEVELS)
    assert _enum_values(role["marketing"]) == set(model.MARKETING)
    assert set(defs("canal")["enum"]) == set(model.CHANNELS)
    assert set(defs("aptitude")["enum"]) == set(model.APTITUDES)
    assert set(defs("champ-role")["enum"]) == ROLE_FIELDS  # « editorial » names role fields
    assert role["riasec"]["pattern"] == f"^[{''.join(model.RIASEC)}]{{1,3}}$"
    assert set(defs("competence")["properties"]["kind"]["enum"]) == set(model.SKILL_KINDS)
    level = defs("usage-competence")["anyOf"][1]["properties"]["level"]
    assert set(level["enum"]) - {None} == set(model.SKILL_LEVELS)
    assert set(defs("usage-competence")["anyOf"][1]["properties"]) == set(model.SkillRef._fields)
    assert defs("identifiant")["pattern"] == "^[a-z0-9]+(-[a-z0-9]+)*$"
    assert kb_module.ID_PATTERN.pattern == "[a-z0-9]+(?:-[a-z0-9]+)*"


def _objects(node, path=()):
    """Every object schema in the document, with where it is."""
    if isinstance(node, dict):
        if "properties" in node and "additionalProperties" in node:
            yield path, node
        for key, value in node.items():
            yield from _objects(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _objects(value, path + (index,))


def test_every_object_is_closed_and_every_property_described():
    objects = list(_objects(SCHEMA))
    assert len(objects) >= 12
    for path, node in objects:
        assert node["additionalProperties"] is False, path
        for name, prop in node["properties"].items():
            assert prop.get("description", "").strip(), f"{'/'.join(map(str, path))}/{name}: no description"
