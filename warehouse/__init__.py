"""The DuckDB warehouse: records in, figures out. One package per concern, in layers; a
package imports only the layers below it (tests/test_import_direction.py checks):

    loads/      a body's refresh or import, all or nothing, then what it derives
    derived/    the derived rebuild: which steps a load's changes touch, and the stored
                tables behind the delegation, contribution and IETF views
    orgs/  nomcom/  blocs/  outputs/
                organizations, the NomCom, 3GPP voting and blocs, what readers get
    store/      the database itself: connect, lock, migrate, upsert, lineage, audit,
                named queries

Every package may import scrapers/ (parsing, staging); none imports flows/ or report/.
"""
