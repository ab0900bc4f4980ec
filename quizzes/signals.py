from django.dispatch import Signal

#: Sent inside the transaction that grades an attempt (at submission, expiry or when its last
#: essay is marked): ``attempt`` (an Attempt in state graded, with ``passed`` and ``percent``).
attempt_graded = Signal()
