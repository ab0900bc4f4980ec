"""Signals other apps listen to (sent by guidelines.services)."""

from django.dispatch import Signal

#: A jurist decided a GuidelineChange material or editorial: ``change``, ``kind``, ``user``. Sent
#: inside the decision's transaction, so a receiver's writes land with it or not at all.
change_decided = Signal()
