"""Ralph's LRS API (``ralph.api:app``) with its file-system backend, as the service leg runs it.

Ralph 5.1.0's file-system LRS backend writes every POST to the same file
(``<directory>/fs_lrs.jsonl``) with its data backend's default operation, "create", which
refuses a file that exists: only the first POST after start-up is stored, every later one
answers 500 "Statements bulk indexation failed". Appending is what an LRS on one file must do,
so this module makes "append" that backend's default before the app is imported; nothing else
of Ralph changes (its validation, duplicate-id handling, queries and auth are its own).

Run with: ``.ralph-venv/bin/uvicorn lrs:app --app-dir scripts/ralph`` (tests/services/ralph.py).
"""

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

from ralph.api import app  # noqa: E402

__all__ = ["app"]
