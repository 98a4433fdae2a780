-- NomCom path 3 input: who is listed on which document.
SELECT document, person_key FROM ietf_document_authors WHERE person_key IS NOT NULL
