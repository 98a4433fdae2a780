-- 009_meeting_status: a 3GPP meeting's status as its calendar row gives it: 'cancelled'
-- (the title says CANCELLED, e.g. the in-person RAN1#100 of 2020) or 'scheduled'. NULL for
-- meetings known only from an imported file. A cancelled meeting is kept, never counted
-- as held (not in the voting-rights window, not in meeting counts).
ALTER TABLE threegpp_meetings ADD COLUMN status VARCHAR;
