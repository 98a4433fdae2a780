-- 019_ietf_leadership_by_group: the IETF meeting-day rows of leadership_by_group, summed
-- per group, role and corporate group by the derived rebuild from
-- ietf_leadership_seats_at_meetings: summing a million seat rows on every query took
-- ~0.5 s at ten times the real history. seats stays an exact decimal here.
CREATE TABLE ietf_leadership_by_group_at_meetings (
    body        VARCHAR NOT NULL,
    group_code  VARCHAR,
    role        VARCHAR,
    org_group   VARCHAR,
    hq_country  VARCHAR,
    seats       DECIMAL(38, 18),
    as_of       DATE NOT NULL,
    meeting     VARCHAR
);
