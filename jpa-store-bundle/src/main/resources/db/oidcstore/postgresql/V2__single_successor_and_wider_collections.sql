-- oidc-store durable tier, schema version 2, PostgreSQL.
-- A refresh token has at most one successor: a unique index on the child's parent reference lets
-- the engine refuse a second child of one parent, whatever the code path or the concurrency.
--
-- Chains that already forked under version 1 (a parent with several children) are evidence that
-- two parties held live tokens of one chain; which of them is legitimate cannot be known, so the
-- migration denies both: every token of a forked chain (same root) is revoked, as on a replay.
-- Then every child of a forked parent but the earliest (created_at, then token_digest) drops its
-- parent reference (parent_digest = NULL), so that the unique index can be built; it stays a
-- member of its chain through root_digest, which revocation and the GC use.
UPDATE oidc_refresh_token SET revoked = TRUE
 WHERE revoked = FALSE
   AND root_digest IN (SELECT root_digest FROM (
        SELECT root_digest FROM oidc_refresh_token WHERE parent_digest IS NOT NULL
         GROUP BY root_digest, parent_digest HAVING COUNT(*) > 1) forked);

UPDATE oidc_refresh_token SET parent_digest = NULL
 WHERE token_digest IN (SELECT token_digest FROM (
        SELECT token_digest, ROW_NUMBER() OVER (PARTITION BY parent_digest
                                                ORDER BY created_at, token_digest) AS successor_rank
          FROM oidc_refresh_token WHERE parent_digest IS NOT NULL) ranked
        WHERE successor_rank > 1);

DROP INDEX oidc_refresh_token_parent_ix;
CREATE UNIQUE INDEX oidc_refresh_token_parent_ux ON oidc_refresh_token (parent_digest);
