"""The derived rebuild: what every load recomputes from the records it changed.

steps (which steps a load's changes touch, run in one transaction), digests (the
fingerprints of what each step reads: record tables, reference data, code), and the stored
tables behind the views: participation (delegation rows), contributions (co-signature rows
by corporate group), ietf_tables (authorship, leadership seats).

May import warehouse.store, warehouse.orgs, warehouse.nomcom and warehouse.blocs; not
warehouse.loads.
"""
