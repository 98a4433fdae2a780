-- unaffiliated(org_group): true for the groups that are not an organization at all, the
-- people who typed nothing (Unspecified) and the self-affiliated (Independent): the
-- organizations of kind 'unknown' or 'individual'. Reports show them apart from companies.
CREATE OR REPLACE MACRO unaffiliated(org_group) AS
    org_group IN (SELECT name FROM organizations WHERE kind IN ('unknown', 'individual'));
