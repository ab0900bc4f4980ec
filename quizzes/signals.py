from django.dispatch import Signal

#: Sent inside the transaction that grades an attempt (at submission, expiry or when its last
#: essay is marked): ``attempt`` (an Attempt in state graded, with ``passed`` and ``percent``).
attempt_graded = Signal()

#: Sent inside the transaction that changes a graded attempt's result (a regrade or a jurist's
#: override), only when the score or the outcome changed: ``attempt`` (with its new ``score``,
#: ``max_score`` and ``passed``) and ``change`` (the AttemptGradeChange with old and new).
attempt_regraded = Signal()
