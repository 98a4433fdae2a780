-- authorship: one row per author of an IETF draft or RFC (per organization, when the
-- affiliation is joint), with the document's year, the author's organization and its
-- corporate group on the document's date, the author's normalised country, and the
-- author's fractional credit: a document with four authors gives each 1/4 (a joint
-- affiliation splits that further). An RFC is dated by its publication (the datatracker's
-- published_rfc event, a Pacific-time date); a draft by its latest revision.
CREATE OR REPLACE VIEW authorship AS
-- computed by each load that changed what it reads: sql/derive/ietf_authorship.sql
SELECT * FROM ietf_authorship;

-- authorship_by_group: per year and corporate group, the distinct authors writing for it,
-- the documents it co-authored, and its fractional credit (the sum of its authors' 1/n
-- shares, so the groups of a year add up to the year's documents), split drafts / RFCs.
CREATE OR REPLACE VIEW authorship_by_group AS
-- computed with authorship: sql/derive/ietf_authorship_by_group.sql
SELECT * FROM ietf_authorship_by_group;

-- authorship_by_country: the same by the country authors typed, normalised to ISO alpha-2
-- (NULL: unknown, never guessed). Each author counts once per document, under the country
-- on that document; and once per year in 'authors', under the country they gave most that
-- year — so a traveller is never counted in several countries and shares add up to 100 %.
CREATE OR REPLACE VIEW authorship_by_country AS
-- computed with authorship: sql/derive/ietf_authorship_by_country.sql
SELECT * FROM ietf_authorship_by_country;
