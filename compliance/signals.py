from django.dispatch import Signal

#: Sent inside the transaction that completes a cycle: ``assignment`` (a completed Assignment).
cycle_completed = Signal()

#: Sent inside the transaction that records a new "Læst og forstået": ``acknowledgement``.
guideline_acknowledged = Signal()
