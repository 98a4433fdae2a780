-- Stage the rows of the co-signature networks of $meetings (NULL: every meeting) once
-- (cosignature_network_rows_in joins the organization tables), for the node, edge and
-- document counts read from it next.
CREATE OR REPLACE TEMP TABLE network_rows AS
SELECT * FROM cosignature_network_rows_in($min_documents, $meetings::VARCHAR[])
