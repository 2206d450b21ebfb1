"""The command-line shell over the core."""
