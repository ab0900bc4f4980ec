"""HR import: CSV or KMD OPUS XML → people and org units, validated in full, written set-based
and all-or-nothing. ``employees_import`` is the one entry point (command, admin form, task).
"""

from .load import ImportSummary, employees_import
from .rows import ImportInvalid

__all__ = ["ImportInvalid", "ImportSummary", "employees_import"]
