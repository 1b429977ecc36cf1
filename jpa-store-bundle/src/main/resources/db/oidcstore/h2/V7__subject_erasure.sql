-- oidc-store durable tier, schema version 7: erasure of a subject (OidcStore.eraseSubject).
-- Every eraseSubject deletes with DELETE ... WHERE <subject column> = ? inside one transaction; a
-- statement without an index on that column would scan, and on InnoDB lock, the whole table. Grants,
-- refresh tokens, access-token rows, opaque tokens and sessions have such an index since version 1;
-- this version adds one to the four tables that lack it, and the subject column of interactions
-- (Interaction.subject: who the login has identified so far, NULL before). Each index costs one
-- more index write per insert of its table; nothing else reads them.
ALTER TABLE oidc_interaction ADD COLUMN subject VARCHAR(512);
CREATE INDEX oidc_interaction_subject_ix ON oidc_interaction (subject);
CREATE INDEX oidc_authorization_code_subject_ix ON oidc_authorization_code (subject);
CREATE INDEX oidc_device_authorization_subject_ix ON oidc_device_authorization (approval_subject);
CREATE INDEX oidc_ciba_request_subject_ix ON oidc_ciba_request (subject);
