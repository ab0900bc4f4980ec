from django.dispatch import Signal

#: Sent inside the transaction that completes a cycle: ``assignment`` (a completed Assignment).
cycle_completed = Signal()
