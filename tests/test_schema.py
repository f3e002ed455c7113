"""The committed JSON Schema is generated from the models and documents every field."""

from __future__ import annotations

import json

from plangen.plan.schema import plan_schema, schema_json

from conftest import EXAMPLES, ROOT

SCHEMA = ROOT / "schemas" / "plan.schema.json"


def test_committed_schema_matches_the_models():
    assert SCHEMA.read_text(encoding="utf-8") == schema_json(), (
        "schemas/plan.schema.json is out of date: run `plangen schema > schemas/plan.schema.json`")


def _fields(schema: dict):
    for name, definition in [("Plan", schema), *schema.get("$defs", {}).items()]:
        for field, spec in definition.get("properties", {}).items():
            yield name, field, spec


def test_every_field_has_a_vietnamese_and_english_description():
    missing = [f"{model}.{field}" for model, field, spec in _fields(plan_schema())
               if "EN:" not in spec.get("description", "")]
    assert not missing, missing


def test_every_example_declares_the_schema():
    for example in EXAMPLES.glob("*.yaml"):
        first = example.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schemas/plan.schema.json", example.name


def test_schema_command_prints_the_schema(capsys):
    from cli_helpers import run_cli

    result = run_cli(capsys, "schema")
    assert result.code == 0
    assert json.loads(result.out)["title"] == "Plan"
