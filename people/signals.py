from django.dispatch import Signal

#: Sent inside the import transaction after people or units changed:
#: ``person_ids`` — the existing people whose unit, role, job title, dates or active flag changed;
#: ``new_person_ids`` — the people the import created;
#: ``moved_unit_ids`` — existing units that moved in the tree (their people's audiences may change);
#: ``units_changed`` — True when the unit tree changed;
#: ``rehired`` — person id → (left on, rehired on) for people who had left and are active again;
#: ``today`` — the import's day. Other apps refresh what they derive.
employees_imported = Signal()
