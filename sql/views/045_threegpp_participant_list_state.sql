-- threegpp_participant_list_state: for every 3GPP meeting that was held and left a trace
-- (a TDoc list, a chair's report, or a participant list or record of one), whether its
-- delegates can be counted and from what. state: 'loaded' (participants rows exist),
-- 'unreadable' (a list was found but not understood and no earlier rows exist: detail names
-- the file and the headers it saw), 'missing' (no list: none in the Report zip, none linked
-- by the calendar, or none ever loaded). list_kind: what the counted list records (signed,
-- registered, checked_in, end_of_meeting, unstated). basis: the words the delegation views
-- carry for this meeting. latest_state: the latest attempt, when it differs from state (an
-- unreadable newer list beside rows loaded before). reported_delegates, reported_basis: the
-- chair's report's own count and what it says it counted ('electronic check-in',
-- 'registered', 'paper list'; NULL when its wording is none of these: the sentence is in
-- threegpp_reports), to hold the list against. They can differ in kind: RAN1#87's list is
-- named "signed" while its report counts 491 electronic check-ins.
CREATE OR REPLACE VIEW threegpp_participant_list_state AS
WITH rows_loaded AS (
    SELECT meeting, count(*) AS participants, min(list_kind) AS list_kind
    FROM threegpp_participants
    GROUP BY meeting
),
traced AS (
    SELECT meeting FROM threegpp_tdocs
    UNION SELECT meeting FROM threegpp_reports
    UNION SELECT meeting FROM threegpp_participants
    UNION SELECT meeting FROM threegpp_participant_lists
)
SELECT m.meeting,
       m.group_code,
       d.meeting_date AS dated,
       CASE WHEN r.meeting IS NOT NULL THEN 'loaded'
            ELSE coalesce(nullif(l.state, 'loaded'), 'missing') END AS state,
       coalesce(r.list_kind, l.list_kind) AS list_kind,
       r.participants,
       l.file_name,
       CASE WHEN l.state IS NULL AND r.meeting IS NULL THEN 'no participant list loaded'
            ELSE l.detail END AS detail,
       CASE WHEN r.meeting IS NOT NULL
                THEN 'participant list: ' || coalesce(r.list_kind, 'unstated')
            WHEN l.state = 'unreadable' THEN 'no count: participant list unreadable'
            ELSE 'no count: no participant list' END AS basis,
       CASE WHEN r.meeting IS NOT NULL AND l.state IS DISTINCT FROM 'loaded' THEN l.state END
           AS latest_state,
       rep.delegates AS reported_delegates,
       CASE WHEN rep.delegate_sentence ILIKE '%check-in%' THEN 'electronic check-in'
            WHEN rep.delegate_sentence ILIKE '%registered%' THEN 'registered'
            WHEN rep.delegate_sentence ILIKE '%paper%'
              OR rep.delegate_sentence ILIKE '%sign%in%sheet%' THEN 'paper list'
       END AS reported_basis
FROM threegpp_meetings AS m
JOIN traced AS t USING (meeting)
JOIN threegpp_meeting_dates AS d USING (meeting)
LEFT JOIN rows_loaded AS r USING (meeting)
LEFT JOIN threegpp_participant_lists AS l USING (meeting)
LEFT JOIN threegpp_reports AS rep USING (meeting)
WHERE m.status IS DISTINCT FROM 'cancelled';
