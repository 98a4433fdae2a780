-- contributions: one row per TDoc and corporate group that signed it (from the TDoc's
-- Source field; working groups sending liaisons are not companies and are left out).
-- 'fractional' is the group's share of the TDoc: a TDoc signed by Huawei, HiSilicon and
-- ZTE gives Huawei 2/3 and ZTE 1/3. A TDoc is 'treated' when the meeting decided on it:
-- every status except reserved, available, withdrawn, not treated, postponed (deferred)
-- and none; 'approved' means agreed, approved or endorsed. Not contributions: a number
-- only reserved (no document was uploaded under it), and, in a pre-meeting snapshot (a
-- list in which no TDoc has a decision yet, e.g. SA2#127's 250 reserved and 54 available),
-- the uploads the meeting has not seen. In a final list an 'available' TDoc was submitted
-- and stays counted (many 2016-2018 lists were exported before the decisions were typed).
CREATE OR REPLACE VIEW contributions AS
-- computed by each load that changed what it reads: sql/derive/contribution_rows.sql
SELECT * FROM contribution_rows;

-- contributions_by_group: TDocs per corporate group per meeting, with full credit
-- (contributions: TDocs the group signed), fractional credit, how many of those were
-- approved, and the approval rate over the ones the meeting treated.
CREATE OR REPLACE VIEW contributions_by_group AS
SELECT body, meeting, org_group,
       count(*) AS contributions,
       sum(fractional) AS fractional,
       count(*) FILTER (WHERE approved) AS approved,
       count(*) FILTER (WHERE approved) / nullif(count(*) FILTER (WHERE treated), 0) AS approval_rate,
       any_value(hq_country) AS hq_country,
       count(*) FILTER (WHERE treated) AS treated
FROM contributions
GROUP BY body, meeting, org_group;

-- contributions_by_group_type: the same split by TDoc type and status.
CREATE OR REPLACE VIEW contributions_by_group_type AS
SELECT body, meeting, org_group, type, status,
       count(*) AS contributions,
       sum(fractional) AS fractional
FROM contributions
GROUP BY ALL;
