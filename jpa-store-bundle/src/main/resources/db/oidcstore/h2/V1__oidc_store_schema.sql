-- oidc-store durable tier, schema version 1, H2 2.x.
-- Identifiers compare and sort binary (H2's default), instants are UTC TIMESTAMP(6), collections
-- JSON text, bearer secrets only as 43-character base64url digests.
CREATE TABLE oidc_client (
    client_id                           VARCHAR(512) NOT NULL,
    secret_hash                         CHARACTER VARYING,
    redirect_uris                       CHARACTER VARYING NOT NULL,
    post_logout_redirect_uris           CHARACTER VARYING NOT NULL,
    grant_types                         CHARACTER VARYING NOT NULL,
    response_types                      CHARACTER VARYING NOT NULL,
    scopes                              CHARACTER VARYING NOT NULL,
    token_endpoint_auth_method          CHARACTER VARYING,
    public_client                       BOOLEAN NOT NULL,
    source                              VARCHAR(16) NOT NULL,
    jwks_uri                            CHARACTER VARYING,
    jwks                                CHARACTER VARYING,
    backchannel_logout_uri              CHARACTER VARYING,
    backchannel_logout_session_required BOOLEAN NOT NULL,
    client_name                         CHARACTER VARYING,
    metadata                            CHARACTER VARYING NOT NULL,
    CONSTRAINT oidc_client_pk PRIMARY KEY (client_id)
);

CREATE TABLE oidc_user (
    subject    VARCHAR(512) NOT NULL,
    claims     CHARACTER VARYING NOT NULL,
    updated_at TIMESTAMP(6) NOT NULL,
    CONSTRAINT oidc_user_pk PRIMARY KEY (subject)
);

CREATE TABLE oidc_authorization_code (
    code_digest           VARCHAR(64) NOT NULL,
    client_id             VARCHAR(512) NOT NULL,
    subject               VARCHAR(512) NOT NULL,
    grant_id              VARCHAR(512) NOT NULL,
    redirect_uri          CHARACTER VARYING,
    scopes                CHARACTER VARYING NOT NULL,
    resources             CHARACTER VARYING NOT NULL,
    code_challenge        CHARACTER VARYING,
    code_challenge_method CHARACTER VARYING,
    nonce                 CHARACTER VARYING,
    dpop_jkt              CHARACTER VARYING,
    session_id            CHARACTER VARYING,
    auth_time             TIMESTAMP(6),
    acr                   CHARACTER VARYING,
    amr                   CHARACTER VARYING NOT NULL,
    expires_at            TIMESTAMP(6) NOT NULL,
    consumed_at           TIMESTAMP(6),
    created_at            TIMESTAMP(6) NOT NULL,
    CONSTRAINT oidc_authorization_code_pk PRIMARY KEY (code_digest)
);
CREATE INDEX oidc_authorization_code_expires_ix ON oidc_authorization_code (expires_at);
CREATE INDEX oidc_authorization_code_grant_ix ON oidc_authorization_code (grant_id);
CREATE INDEX oidc_authorization_code_client_ix ON oidc_authorization_code (client_id);

CREATE TABLE oidc_refresh_token (
    token_digest    VARCHAR(64) NOT NULL,
    parent_digest   VARCHAR(64),
    root_digest     VARCHAR(64) NOT NULL,
    client_id       VARCHAR(512) NOT NULL,
    subject         VARCHAR(512) NOT NULL,
    grant_id        VARCHAR(512) NOT NULL,
    scopes          CHARACTER VARYING NOT NULL,
    resources       CHARACTER VARYING NOT NULL,
    auth_time       TIMESTAMP(6),
    acr             CHARACTER VARYING,
    amr             CHARACTER VARYING NOT NULL,
    nonce           CHARACTER VARYING,
    session_id      CHARACTER VARYING,
    dpop_jkt        CHARACTER VARYING,
    cert_thumbprint CHARACTER VARYING,
    expires_at      TIMESTAMP(6) NOT NULL,
    consumed_at     TIMESTAMP(6),
    revoked         BOOLEAN NOT NULL,
    created_at      TIMESTAMP(6) NOT NULL,
    CONSTRAINT oidc_refresh_token_pk PRIMARY KEY (token_digest)
);
CREATE INDEX oidc_refresh_token_expires_ix ON oidc_refresh_token (expires_at);
CREATE INDEX oidc_refresh_token_grant_ix ON oidc_refresh_token (grant_id, expires_at);
CREATE INDEX oidc_refresh_token_root_ix ON oidc_refresh_token (root_digest);
CREATE INDEX oidc_refresh_token_parent_ix ON oidc_refresh_token (parent_digest);
CREATE INDEX oidc_refresh_token_client_ix ON oidc_refresh_token (client_id);
CREATE INDEX oidc_refresh_token_subject_client_ix ON oidc_refresh_token (subject, client_id);

-- Serializes the revocations of one grant's refresh tokens (see JpaRefreshTokenStore): a
-- revocation upserts and thereby locks its grant's row here before touching any token row.
CREATE TABLE oidc_refresh_token_lock (
    grant_id VARCHAR(512) NOT NULL,
    CONSTRAINT oidc_refresh_token_lock_pk PRIMARY KEY (grant_id)
);

CREATE TABLE oidc_grant (
    grant_id   VARCHAR(512) NOT NULL,
    subject    VARCHAR(512) NOT NULL,
    client_id  VARCHAR(512) NOT NULL,
    scopes     CHARACTER VARYING NOT NULL,
    resources  CHARACTER VARYING NOT NULL,
    created_at TIMESTAMP(6) NOT NULL,
    updated_at TIMESTAMP(6) NOT NULL,
    expires_at TIMESTAMP(6),
    version    BIGINT NOT NULL,
    CONSTRAINT oidc_grant_pk PRIMARY KEY (grant_id)
);
CREATE INDEX oidc_grant_subject_client_ix ON oidc_grant (subject, client_id);
CREATE INDEX oidc_grant_client_ix ON oidc_grant (client_id);
CREATE INDEX oidc_grant_expires_ix ON oidc_grant (expires_at);

CREATE TABLE oidc_access_token (
    jti_digest VARCHAR(64) NOT NULL,
    client_id  VARCHAR(512) NOT NULL,
    subject    VARCHAR(512),
    grant_id   VARCHAR(512),
    scopes     CHARACTER VARYING NOT NULL,
    issued_at  TIMESTAMP(6) NOT NULL,
    expires_at TIMESTAMP(6) NOT NULL,
    revoked    BOOLEAN NOT NULL,
    CONSTRAINT oidc_access_token_pk PRIMARY KEY (jti_digest)
);
CREATE INDEX oidc_access_token_expires_ix ON oidc_access_token (expires_at);
CREATE INDEX oidc_access_token_grant_ix ON oidc_access_token (grant_id);
CREATE INDEX oidc_access_token_client_ix ON oidc_access_token (client_id);
CREATE INDEX oidc_access_token_subject_client_ix ON oidc_access_token (subject, client_id);

CREATE TABLE oidc_opaque_access_token (
    token_digest    VARCHAR(64) NOT NULL,
    client_id       VARCHAR(512) NOT NULL,
    subject         VARCHAR(512),
    grant_id        VARCHAR(512),
    scopes          CHARACTER VARYING NOT NULL,
    resources       CHARACTER VARYING NOT NULL,
    dpop_jkt        CHARACTER VARYING,
    cert_thumbprint CHARACTER VARYING,
    issued_at       TIMESTAMP(6) NOT NULL,
    expires_at      TIMESTAMP(6) NOT NULL,
    revoked         BOOLEAN NOT NULL,
    CONSTRAINT oidc_opaque_access_token_pk PRIMARY KEY (token_digest)
);
CREATE INDEX oidc_opaque_access_token_expires_ix ON oidc_opaque_access_token (expires_at);
CREATE INDEX oidc_opaque_access_token_grant_ix ON oidc_opaque_access_token (grant_id);
CREATE INDEX oidc_opaque_access_token_client_ix ON oidc_opaque_access_token (client_id);
CREATE INDEX oidc_opaque_access_token_subject_client_ix ON oidc_opaque_access_token (subject, client_id);

CREATE TABLE oidc_grant_tombstone (
    grant_id     VARCHAR(512) NOT NULL,
    revoked_at   TIMESTAMP(6) NOT NULL,
    retain_until TIMESTAMP(6) NOT NULL,
    CONSTRAINT oidc_grant_tombstone_pk PRIMARY KEY (grant_id)
);
CREATE INDEX oidc_grant_tombstone_retain_ix ON oidc_grant_tombstone (retain_until);

CREATE TABLE oidc_revoked_jti (
    jti_digest VARCHAR(64) NOT NULL,
    expires_at TIMESTAMP(6) NOT NULL,
    CONSTRAINT oidc_revoked_jti_pk PRIMARY KEY (jti_digest)
);
CREATE INDEX oidc_revoked_jti_expires_ix ON oidc_revoked_jti (expires_at);

CREATE TABLE oidc_session (
    session_id    VARCHAR(512) NOT NULL,
    subject       VARCHAR(512) NOT NULL,
    chooser_group VARCHAR(512),
    auth_time     TIMESTAMP(6) NOT NULL,
    acr           CHARACTER VARYING,
    amr           CHARACTER VARYING NOT NULL,
    client_ids    CHARACTER VARYING NOT NULL,
    created_at    TIMESTAMP(6) NOT NULL,
    updated_at    TIMESTAMP(6) NOT NULL,
    expires_at    TIMESTAMP(6) NOT NULL,
    CONSTRAINT oidc_session_pk PRIMARY KEY (session_id)
);
CREATE INDEX oidc_session_chooser_ix ON oidc_session (chooser_group, created_at, session_id);
CREATE INDEX oidc_session_subject_ix ON oidc_session (subject);
CREATE INDEX oidc_session_expires_ix ON oidc_session (expires_at);

CREATE TABLE oidc_interaction (
    interaction_id VARCHAR(512) NOT NULL,
    state          BINARY VARYING(1048576) NOT NULL,
    created_at     TIMESTAMP(6) NOT NULL,
    expires_at     TIMESTAMP(6) NOT NULL,
    CONSTRAINT oidc_interaction_pk PRIMARY KEY (interaction_id)
);
CREATE INDEX oidc_interaction_expires_ix ON oidc_interaction (expires_at);

CREATE TABLE oidc_consumed_jti (
    jti_digest VARCHAR(64) NOT NULL,
    expires_at TIMESTAMP(6) NOT NULL,
    CONSTRAINT oidc_consumed_jti_pk PRIMARY KEY (jti_digest)
);
CREATE INDEX oidc_consumed_jti_expires_ix ON oidc_consumed_jti (expires_at);

CREATE TABLE oidc_pushed_auth_request (
    request_uri_digest VARCHAR(64) NOT NULL,
    client_id          VARCHAR(512) NOT NULL,
    parameters         CHARACTER VARYING NOT NULL,
    created_at         TIMESTAMP(6) NOT NULL,
    expires_at         TIMESTAMP(6) NOT NULL,
    consumed_at        TIMESTAMP(6),
    CONSTRAINT oidc_pushed_auth_request_pk PRIMARY KEY (request_uri_digest)
);
CREATE INDEX oidc_pushed_auth_request_expires_ix ON oidc_pushed_auth_request (expires_at);
CREATE INDEX oidc_pushed_auth_request_client_ix ON oidc_pushed_auth_request (client_id);
