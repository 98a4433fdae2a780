"""The IETF NomCom: who could sit on it and how many seats each group could hold.

eligibility (each year's window and the datatracker's rules, run as
sql/derive/nomcom_eligibility.sql), pool (building the pool tables), seats (the seat odds
under the two-per-sponsor cap, drawn at random with a recorded seed).

May import warehouse.store; nothing above.
"""
