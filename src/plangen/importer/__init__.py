"""Recognised parts of an existing plan (Word, PDF, text) → plan data → YAML a person would write.

One module per part of the plan (header, body, assignments, tables, ending, appendices), combined
by `reader.py`; `yamlwrite.py` writes the result as YAML.
"""

from plangen.importer.reader import import_file, import_plan, import_source, import_to_yaml

__all__ = ["import_file", "import_plan", "import_source", "import_to_yaml"]
