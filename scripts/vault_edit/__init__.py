"""Edits of a vault that keep it whole: a new note from the template (``new_note.py``) and a
rename that rewrites every link to the renamed note (``rename_note.py``).

Both read the vault with the one model (``vault``); neither parses links again.
"""

from .names import Refusal

__all__ = ["Refusal"]
