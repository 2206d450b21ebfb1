"""``python -m headway`` runs the CLI."""

from headway.cli.app import main

main()
