"""The IETF datatracker: paging its Tastypie API (datatracker), per-meeting fetches (source),
cursor-based families (incremental), and one parser per record kind (meetings,
registrations, sessions, documents, groups); emulation serves datatracker-format pages for
tests and benchmarks.

May import scrapers (http, archive, staging, errors); nothing from warehouse/ or flows/.
"""
