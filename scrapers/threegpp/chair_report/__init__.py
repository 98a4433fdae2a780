"""3GPP chair's final reports (``Final_Report_RAN1-87.docx``): who co-signed what, who
raised a hand for or against it, and who chaired.

The TDoc list only names a document's submitter ("Huawei, HiSilicon"); the report lists the
document as it was presented, with every co-signer gathered during the week. R1-1613211 (the
2016 Polar proposal) has 55 there. So the report, not the TDoc list, is the record of
co-signing, and this parser reads it.

How the RAN1 reports are laid out (checked on RAN1#86bis and #87):

* Page 1: ``Title:\\tFinal Report of 3GPP TSG RAN WG1 #87 v1.0.0`` then ``\\t(Reno, USA, …)``.
  The page *header* names the meeting that approved the report (RAN1#88 for the #87 report),
  so it is never used to tell which meeting a report covers.
* Headings carry no numbers in their text (Word numbers them), so agenda items come from the
  table of contents, falling back to counting headings.
* A listed document is one paragraph ``R1-1613211<TAB>title<TAB>sources[<TAB>(Revision of …)]``.
  Some lines lost a tab: ``WF on DCI design for Case 1 and 2 LG Electronics, LG Uplus, …``;
  those are split where a party named elsewhere in the same report begins.
* Stances sit next to a document or an alternative: ``Also supported by …``, ``Support: …``,
  ``Object: …``, ``Objections: …``, ``No: …`` (under ``Alt 1:``), the show of hands of a
  ``Question:`` block, and a few sentences (``Huawei has a concern …``, ``objected by ZTE``,
  ``Bureau Veritas and CGC withdrew their support``). Bare company lists under an
  alternative carry no stance word and are not recorded.
* Ad-hoc and session chairs appear as the source of their notes (``Ad-Hoc chair (Nokia,
  Samsung)``); their names are never stored. The reports of electing meetings (RAN1#90,
  #105-e, #113, #121) print the Elections item in tables or tab-separated text, read by
  scrapers/threegpp/chair_report/elections.py: the candidates there are the only people
  named in a row.

Security: python-docx parses with ``resolve_entities=False`` and lxml does not fetch over the
network, but a DOCTYPE has no place in OOXML, so any part declaring one is refused outright.

The package, one file per part of the report it reads, over one shared paragraph model:

* paragraphs.py: the docx opened behind the zip guard, its paragraphs (text and style),
  heading levels, a top-level section as blocks, the listing line, the text helpers.
* front.py: the ``Title:`` line, the venue, the meeting, the delegate sentence.
* listings.py: agenda items and listed documents, the documents and co-signers frames.
* stances.py: support, objections, concerns and shows of hands.
* chairs.py: the chairs and vice-chairs, and ad-hoc and session chairs, by organisation.
* elections.py: the Elections item (its own Block/Line/Table model).
* report.py: parse_chair_report, which runs them all into a ChairReport.

May import: its own modules, scrapers.threegpp.meeting_names and sources, scrapers.zip_guard;
nothing from warehouse/, report/ or flows/. Of the package, the readers import only
paragraphs, paragraphs only the Block model of elections, and report.py all of them: no
import runs in a circle.
"""

from scrapers.threegpp.chair_report.chairs import CHAIR_SCHEMA
from scrapers.threegpp.chair_report.elections import ELECTION_SCHEMA
from scrapers.threegpp.chair_report.listings import DOCUMENT_SCHEMA
from scrapers.threegpp.chair_report.paragraphs import ChairReportError
from scrapers.threegpp.chair_report.report import ChairReport, parse_chair_report
from scrapers.threegpp.chair_report.stances import HANDS_SCHEMA

__all__ = [
    "CHAIR_SCHEMA",
    "DOCUMENT_SCHEMA",
    "ELECTION_SCHEMA",
    "HANDS_SCHEMA",
    "ChairReport",
    "ChairReportError",
    "parse_chair_report",
]
