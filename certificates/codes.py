"""Certificate codes: unguessable, typable from paper, with a check character.

A code is 11 random characters plus one check character from a 32-letter alphabet without the
look-alikes 0/O and 1/I (55 random bits). The check character is Luhn mod N over the alphabet,
so a single mistyped character or two swapped neighbours are caught before any database query.
Codes are stored as 12 characters and printed in groups of four: ``ABCD-EFGH-JKLM``.
"""

from __future__ import annotations

import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
_INDEX = {char: i for i, char in enumerate(ALPHABET)}
_N = len(ALPHABET)
RANDOM_LENGTH = 11
CODE_LENGTH = RANDOM_LENGTH + 1
GROUP = 4


def _check_char(body: str) -> str:
    """Luhn mod N: double every second value from the right, fold, and complement."""
    total = 0
    factor = 2
    for char in reversed(body):
        addend = factor * _INDEX[char]
        total += addend // _N + addend % _N
        factor = 1 if factor == 2 else 2
    return ALPHABET[(_N - total % _N) % _N]


def code_generate() -> str:
    """A fresh random code with its check character (12 characters, no separators)."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return body + _check_char(body)


def code_normalise(raw: str) -> str | None:
    """The stored form of a typed code, or None when it is malformed or the check fails.

    Case, spaces and hyphens are forgiven; anything else outside the alphabet is not.
    """
    if not isinstance(raw, str) or len(raw) > 40:
        return None
    code = "".join(raw.split()).replace("-", "").upper()
    if len(code) != CODE_LENGTH or any(char not in _INDEX for char in code):
        return None
    if _check_char(code[:-1]) != code[-1]:
        return None
    return code


def code_display(code: str) -> str:
    """``ABCDEFGHJKLM`` → ``ABCD-EFGH-JKLM``."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))
