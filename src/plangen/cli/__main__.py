"""`python -m plangen.cli`: the command line without the build server (see launch.py)."""

from plangen.cli.app import main

main()
