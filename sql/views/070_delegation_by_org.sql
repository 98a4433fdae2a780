-- delegation_by_org: how many delegates each organization, as registered, sent to each
-- meeting (Futurewei and Huawei apart), with its corporate group and share of the meeting.
-- A delegate with a joint affiliation counts half for each organization, so delegates can
-- be fractional; each meeting's delegates still add up to its head count.
CREATE OR REPLACE VIEW delegation_by_org AS
SELECT body, meeting, org, org_group,
       sum(weight) AS delegates,
       coalesce(sum(weight) FILTER (WHERE onsite), 0) AS onsite,
       coalesce(sum(weight) FILTER (WHERE remote), 0) AS remote,
       sum(weight) / sum(sum(weight)) OVER (PARTITION BY body, meeting) AS share
FROM participation_resolved
GROUP BY body, meeting, org, org_group;
