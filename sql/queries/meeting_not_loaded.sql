-- Whether the 3GPP meeting $meeting is missing from the warehouse, with the loaded
-- meetings of its group (newest first) to name instead: one row when it is missing, none
-- when it is loaded.
SELECT list(meeting ORDER BY coalesce(start_date, dated) DESC NULLS LAST, meeting)
           AS loaded_in_group
FROM meetings
WHERE body = '3gpp'
  AND group_code = $group
HAVING NOT EXISTS (SELECT 1 FROM meetings WHERE body = '3gpp' AND meeting = $meeting)
