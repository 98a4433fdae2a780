"""3GPP records: meeting names and calendars, TDoc lists (tdoc_list) and their Source field
(sources), TdocsByAgenda pages, participant lists (participants, participant_files), the
chair's reports (chair_report/), the member list (membership); files turns one downloaded
file into a batch of frames, source is the live crawl.

May import scrapers (http, archive, zip_guard, shares, staging); nothing from warehouse/ or
flows/.
"""
