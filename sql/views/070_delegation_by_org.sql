-- delegation_by_org: how many delegates each organization, as registered, sent to each
-- meeting (Futurewei and Huawei apart), with its corporate group and share of the meeting.
-- A delegate with a joint affiliation counts half for each organization, so delegates can
-- be fractional; each meeting's delegates still add up to its head count. basis: what was
-- counted ('registrations'; 'participant list: signed' …). A 3GPP meeting held without a
-- readable participant list has one row with org NULL, delegates NULL and a basis saying
-- why ('no count: no participant list', 'no count: participant list unreadable'), so its
-- absence shows instead of passing for a meeting nobody attended. delegates, onsite and
-- remote are exact decimals (a person's parts add up to exactly 1: scrapers/shares.py), so
-- any sum of them is exact; people counts whole persons, each under the first
-- organization they listed.
CREATE OR REPLACE VIEW delegation_by_org AS
SELECT body, meeting, org, org_group,
       sum(weight) AS delegates,
       coalesce(sum(weight) FILTER (WHERE onsite), 0) AS onsite,
       coalesce(sum(weight) FILTER (WHERE remote), 0) AS remote,
       sum(weight) / sum(sum(weight)) OVER (PARTITION BY body, meeting) AS share,
       basis,
       count(*) FILTER (WHERE part = 1) AS people
FROM participation_resolved
GROUP BY body, meeting, org, org_group, basis
UNION ALL
SELECT '3gpp', meeting, NULL, NULL, NULL, NULL, NULL, NULL, basis, NULL
FROM threegpp_participant_list_state
WHERE state <> 'loaded';
