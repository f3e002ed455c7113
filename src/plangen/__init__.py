"""plangen: annual plans (Kế hoạch) of Vietnamese public bodies as data, rendered as official-format
Word documents (Nghị định 30/2020/NĐ-CP).

Library use:

    from plangen.load import load_plan
    from plangen.render import Template
    plan = load_plan("plan.yaml").plan
    docx_bytes = Template().render(plan)
    plan, review = plangen.import_plan("ke-hoach.docx")   # a Word, PDF or text plan
"""

__version__ = "0.1.0"


def __getattr__(name: str):
    """`plangen.import_plan(path) -> (Plan, review)`, imported on first use (start-up stays light)."""
    if name == "import_plan":
        from plangen.importer import import_plan

        return import_plan
    raise AttributeError(name)
