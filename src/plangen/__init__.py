"""plangen: annual plans (Kế hoạch) of Vietnamese public bodies as data, rendered as official-format
Word documents (Nghị định 30/2020/NĐ-CP).

Library use:

    from plangen.load import load_plan
    from plangen.render import Template
    plan = load_plan("plan.yaml").plan
    docx_bytes = Template().render(plan)
"""

__version__ = "0.1.0"
