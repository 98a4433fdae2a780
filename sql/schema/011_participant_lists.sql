-- 011_participant_lists: what a 3GPP participant list records, and what became of each
-- meeting's list. A list means something different by era: 'signed' (paper sign-in sheets of
-- a physical meeting), 'registered' (everyone registered; the ETSI page, early e-meetings),
-- 'checked_in', 'end_of_meeting' (the list as it stood when the meeting closed), 'unstated'
-- (the file name does not say). Rows loaded before this came from files whose kind was
-- never read, so they are 'unstated'.
ALTER TABLE threegpp_participants ADD COLUMN list_kind VARCHAR;
UPDATE threegpp_participants SET list_kind = 'unstated';

-- One row per meeting: the latest attempt to read its participant list. state 'loaded'
-- (participants rows came from file_name), 'unreadable' (a list was there but its layout
-- was not understood: detail names the file and the headers it saw; rows loaded before
-- are kept), 'missing' (no list: none in the Report zip, or none linked by the calendar).
CREATE TABLE threegpp_participant_lists (
    meeting      VARCHAR PRIMARY KEY,
    state        VARCHAR NOT NULL,
    file_name    VARCHAR,
    list_kind    VARCHAR,
    participants INTEGER,
    detail       VARCHAR,
    raw_sha256   VARCHAR
);
