"""Organizations: raw affiliation strings to organizations, corporate groups and countries.

rules (the pure resolution layers: alias, main-name prefix, fuzzy), reference (the curated
CSVs in warehouse/reference/, read and checked), resolve (writing the reference and the
resolutions into the warehouse), lookup (`sdo orgs resolve`), evaluation (against the
hand-labelled set), countries (free-text country strings to ISO codes).

May import warehouse.store and scrapers; nothing above.
"""
