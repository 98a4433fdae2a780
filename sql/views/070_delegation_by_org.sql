-- delegation_by_org: how many delegates each organization, as registered, sent to each
-- meeting (Futurewei and Huawei apart), with its corporate group and share of the meeting.
-- A delegate with a joint affiliation counts half for each organization, so delegates can
-- be fractional; each meeting's delegates still add up to its head count. basis: what was
-- counted ('registrations'; 'participant list: signed' …). A 3GPP meeting held without a
-- readable participant list has one row with org NULL, delegates NULL and a basis saying
-- why ('no count: no participant list', 'no count: participant list unreadable'), so its
-- absence shows instead of passing for a meeting nobody attended.
CREATE OR REPLACE VIEW delegation_by_org AS
SELECT body, meeting, org, org_group,
       sum(weight)::DOUBLE AS delegates,
       coalesce(sum(weight) FILTER (WHERE onsite), 0)::DOUBLE AS onsite,
       coalesce(sum(weight) FILTER (WHERE remote), 0)::DOUBLE AS remote,
       sum(weight) / sum(sum(weight)) OVER (PARTITION BY body, meeting) AS share,
       basis
FROM participation_resolved
GROUP BY body, meeting, org, org_group, basis
UNION ALL
SELECT '3gpp', meeting, NULL, NULL, NULL, NULL, NULL, NULL, basis
FROM threegpp_participant_list_state
WHERE state <> 'loaded';
