"""The web editor (`plangen web`): plans edited in a browser, the official pages beside the form.

app.py serves it (Starlette, uvicorn), guard.py admits only the browser that opened its address,
routes.py turns requests into calls of the library, forms.py makes the form from the plan's models,
documents.py keeps the open plans (edits, undo, saving), preview.py the check's findings, the quick
view and the exact pages, completion.py the YAML tab's key suggestions. Templates and the vendored
htmx are in templates/ and static/.
"""
