"""The JSON Schema of a plan, generated from the models (never written by hand)."""

from __future__ import annotations

import json

SCHEMA_ID = "https://plangen.invalid/schemas/plan.schema.json"


def plan_schema() -> dict:
    from plangen.plan.models import Plan  # late: the schema line below is written by `import`, which needs no model

    schema = Plan.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def schema_json() -> str:
    """The schema as committed in schemas/plan.schema.json."""
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"


# The first line of a YAML plan plangen writes: editors with the YAML language server complete keys
# from the schema beside it, which plangen does not write unasked (only the named output is written).
SCHEMA_LINE = ("# yaml-language-server: $schema=plan.schema.json\n"
               "# (lược đồ: lệnh `plangen schema > plan.schema.json` ghi nó cạnh tệp này)")
