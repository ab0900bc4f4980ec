from django.dispatch import Signal

#: Sent inside the transaction that creates a certificate: ``certificate``.
certificate_issued = Signal()
