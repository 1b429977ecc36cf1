-- oidc-store durable tier, schema version 6: rotation grace (RefreshRetryResponses). A successor's
-- row may carry its parent's token response, sealed again by the store (AES-GCM under the pepper,
-- bound to the parent's digest: at most 65,536 bytes from the provider plus 28 of nonce and tag,
-- hence MEDIUMBLOB: a BLOB holds 65,535), and until when it may be served (never after the
-- parent's expiry). Written by the successor's INSERT, cleared by its consume and by revocations,
-- deleted with the row (GC, erasure). Two nullable columns appended (an instant ADD COLUMN on
-- MariaDB 10.3+ and MySQL 8.0.12+); existing rows keep NULL (no response), no index: the response
-- is found through the unique index on parent_digest. Hot statements never select the blob.
ALTER TABLE oidc_refresh_token ADD COLUMN retry_response MEDIUMBLOB NULL, ADD COLUMN retry_until DATETIME(6) NULL;
