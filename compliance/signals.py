from django.dispatch import Signal

#: Sent inside the transaction that completes a cycle: ``assignment`` (a completed Assignment).
#: The certificates app listens to issue the certificate.
cycle_completed = Signal()
