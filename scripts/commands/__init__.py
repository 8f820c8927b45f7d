"""The command-line tools: each module is a script (``python scripts/commands/NAME.py --help``)."""
