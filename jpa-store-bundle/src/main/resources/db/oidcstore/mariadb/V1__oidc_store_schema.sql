-- oidc-store durable tier, schema version 1, MariaDB 10.6+ (InnoDB).
-- Every table uses utf8mb4_nopad_bin so identifier equality and ordering are exact: binary, and
-- NO PAD ('a' and 'a ' differ; utf8mb4_bin would compare them equal). Digest columns are
-- ascii_bin (base64url is case-sensitive; digests have a fixed length, so padding cannot matter).
-- Instants are UTC DATETIME(6). Composite indexes use 255-character prefixes to stay under
-- InnoDB's 3072-byte key limit.
-- The store expects READ COMMITTED isolation (the Java SE pool sets it; see the README).
CREATE TABLE oidc_client (
    client_id                           VARCHAR(512) NOT NULL,
    secret_hash                         TEXT,
    redirect_uris                       TEXT NOT NULL,
    post_logout_redirect_uris           TEXT NOT NULL,
    grant_types                         TEXT NOT NULL,
    response_types                      TEXT NOT NULL,
    scopes                              TEXT NOT NULL,
    token_endpoint_auth_method          TEXT,
    public_client                       BOOLEAN NOT NULL,
    source                              VARCHAR(16) NOT NULL,
    jwks_uri                            TEXT,
    jwks                                MEDIUMTEXT,
    backchannel_logout_uri              TEXT,
    backchannel_logout_session_required BOOLEAN NOT NULL,
    client_name                         TEXT,
    metadata                            MEDIUMTEXT NOT NULL,
    PRIMARY KEY (client_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE oidc_user (
    subject    VARCHAR(512) NOT NULL,
    claims     MEDIUMTEXT NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    PRIMARY KEY (subject)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE oidc_authorization_code (
    code_digest           VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    client_id             VARCHAR(512) NOT NULL,
    subject               VARCHAR(512) NOT NULL,
    grant_id              VARCHAR(512) NOT NULL,
    redirect_uri          TEXT,
    scopes                TEXT NOT NULL,
    resources             TEXT NOT NULL,
    code_challenge        TEXT,
    code_challenge_method TEXT,
    nonce                 TEXT,
    dpop_jkt              TEXT,
    session_id            TEXT,
    auth_time             DATETIME(6),
    acr                   TEXT,
    amr                   TEXT NOT NULL,
    expires_at            DATETIME(6) NOT NULL,
    consumed_at           DATETIME(6),
    created_at            DATETIME(6) NOT NULL,
    PRIMARY KEY (code_digest)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX oidc_authorization_code_expires_ix ON oidc_authorization_code (expires_at);
CREATE INDEX oidc_authorization_code_grant_ix ON oidc_authorization_code (grant_id);
CREATE INDEX oidc_authorization_code_client_ix ON oidc_authorization_code (client_id);

CREATE TABLE oidc_refresh_token (
    token_digest    VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    parent_digest   VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin,
    root_digest     VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    client_id       VARCHAR(512) NOT NULL,
    subject         VARCHAR(512) NOT NULL,
    grant_id        VARCHAR(512) NOT NULL,
    scopes          TEXT NOT NULL,
    resources       TEXT NOT NULL,
    auth_time       DATETIME(6),
    acr             TEXT,
    amr             TEXT NOT NULL,
    nonce           TEXT,
    session_id      TEXT,
    dpop_jkt        TEXT,
    cert_thumbprint TEXT,
    expires_at      DATETIME(6) NOT NULL,
    consumed_at     DATETIME(6),
    revoked         BOOLEAN NOT NULL,
    created_at      DATETIME(6) NOT NULL,
    PRIMARY KEY (token_digest)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX oidc_refresh_token_expires_ix ON oidc_refresh_token (expires_at);
CREATE INDEX oidc_refresh_token_grant_ix ON oidc_refresh_token (grant_id, expires_at);
CREATE INDEX oidc_refresh_token_root_ix ON oidc_refresh_token (root_digest);
CREATE INDEX oidc_refresh_token_parent_ix ON oidc_refresh_token (parent_digest);
CREATE INDEX oidc_refresh_token_client_ix ON oidc_refresh_token (client_id);
CREATE INDEX oidc_refresh_token_subject_client_ix ON oidc_refresh_token (subject(255), client_id(255));

-- Serializes the revocations of one grant's refresh tokens (see JpaRefreshTokenStore): a
-- revocation upserts and thereby locks its grant's row here before touching any token row.
CREATE TABLE oidc_refresh_token_lock (
    grant_id VARCHAR(512) NOT NULL,
    PRIMARY KEY (grant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE oidc_grant (
    grant_id   VARCHAR(512) NOT NULL,
    subject    VARCHAR(512) NOT NULL,
    client_id  VARCHAR(512) NOT NULL,
    scopes     TEXT NOT NULL,
    resources  TEXT NOT NULL,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    expires_at DATETIME(6),
    version    BIGINT NOT NULL,
    PRIMARY KEY (grant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX oidc_grant_subject_client_ix ON oidc_grant (subject(255), client_id(255));
CREATE INDEX oidc_grant_client_ix ON oidc_grant (client_id);
CREATE INDEX oidc_grant_expires_ix ON oidc_grant (expires_at);

CREATE TABLE oidc_access_token (
    jti_digest VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    client_id  VARCHAR(512) NOT NULL,
    subject    VARCHAR(512),
    grant_id   VARCHAR(512),
    scopes     TEXT NOT NULL,
    issued_at  DATETIME(6) NOT NULL,
    expires_at DATETIME(6) NOT NULL,
    revoked    BOOLEAN NOT NULL,
    PRIMARY KEY (jti_digest)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX oidc_access_token_expires_ix ON oidc_access_token (expires_at);
CREATE INDEX oidc_access_token_grant_ix ON oidc_access_token (grant_id);
CREATE INDEX oidc_access_token_client_ix ON oidc_access_token (client_id);
CREATE INDEX oidc_access_token_subject_client_ix ON oidc_access_token (subject(255), client_id(255));

CREATE TABLE oidc_opaque_access_token (
    token_digest    VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    client_id       VARCHAR(512) NOT NULL,
    subject         VARCHAR(512),
    grant_id        VARCHAR(512),
    scopes          TEXT NOT NULL,
    resources       TEXT NOT NULL,
    dpop_jkt        TEXT,
    cert_thumbprint TEXT,
    issued_at       DATETIME(6) NOT NULL,
    expires_at      DATETIME(6) NOT NULL,
    revoked         BOOLEAN NOT NULL,
    PRIMARY KEY (token_digest)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX oidc_opaque_access_token_expires_ix ON oidc_opaque_access_token (expires_at);
CREATE INDEX oidc_opaque_access_token_grant_ix ON oidc_opaque_access_token (grant_id);
CREATE INDEX oidc_opaque_access_token_client_ix ON oidc_opaque_access_token (client_id);
CREATE INDEX oidc_opaque_access_token_subject_client_ix ON oidc_opaque_access_token (subject(255), client_id(255));

CREATE TABLE oidc_grant_tombstone (
    grant_id     VARCHAR(512) NOT NULL,
    revoked_at   DATETIME(6) NOT NULL,
    retain_until DATETIME(6) NOT NULL,
    PRIMARY KEY (grant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX oidc_grant_tombstone_retain_ix ON oidc_grant_tombstone (retain_until);

CREATE TABLE oidc_revoked_jti (
    jti_digest VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    expires_at DATETIME(6) NOT NULL,
    PRIMARY KEY (jti_digest)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX oidc_revoked_jti_expires_ix ON oidc_revoked_jti (expires_at);

CREATE TABLE oidc_session (
    session_id    VARCHAR(512) NOT NULL,
    subject       VARCHAR(512) NOT NULL,
    chooser_group VARCHAR(512),
    auth_time     DATETIME(6) NOT NULL,
    acr           TEXT,
    amr           TEXT NOT NULL,
    client_ids    TEXT NOT NULL,
    created_at    DATETIME(6) NOT NULL,
    updated_at    DATETIME(6) NOT NULL,
    expires_at    DATETIME(6) NOT NULL,
    PRIMARY KEY (session_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX oidc_session_chooser_ix ON oidc_session (chooser_group(255), created_at, session_id(255));
CREATE INDEX oidc_session_subject_ix ON oidc_session (subject);
CREATE INDEX oidc_session_expires_ix ON oidc_session (expires_at);

CREATE TABLE oidc_interaction (
    interaction_id VARCHAR(512) NOT NULL,
    state          MEDIUMBLOB NOT NULL,
    created_at     DATETIME(6) NOT NULL,
    expires_at     DATETIME(6) NOT NULL,
    PRIMARY KEY (interaction_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX oidc_interaction_expires_ix ON oidc_interaction (expires_at);

CREATE TABLE oidc_consumed_jti (
    jti_digest VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    expires_at DATETIME(6) NOT NULL,
    PRIMARY KEY (jti_digest)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX oidc_consumed_jti_expires_ix ON oidc_consumed_jti (expires_at);

CREATE TABLE oidc_pushed_auth_request (
    request_uri_digest VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    client_id          VARCHAR(512) NOT NULL,
    parameters         MEDIUMTEXT NOT NULL,
    created_at         DATETIME(6) NOT NULL,
    expires_at         DATETIME(6) NOT NULL,
    consumed_at        DATETIME(6),
    PRIMARY KEY (request_uri_digest)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX oidc_pushed_auth_request_expires_ix ON oidc_pushed_auth_request (expires_at);
CREATE INDEX oidc_pushed_auth_request_client_ix ON oidc_pushed_auth_request (client_id);
