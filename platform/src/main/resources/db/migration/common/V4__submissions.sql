-- Strategy submissions and the trial ledger (DESIGN §10). Portable SQL (H2 2.x and PostgreSQL 12+).
-- A submission is one request; a trial is one distinct content hash that was evaluated (the same
-- content submitted again is the same trial). The verdict is stored per content hash in the trial, so
-- the same content always gets the same verdict and the sealed holdout is evaluated once.

CREATE TABLE strategy_submission (
    id            VARCHAR(36)              NOT NULL PRIMARY KEY,
    author        VARCHAR(64)              NOT NULL,
    family        VARCHAR(64)              NOT NULL,
    filename      VARCHAR(100)             NOT NULL,
    content_hash  VARCHAR(64)              NOT NULL,
    source        TEXT                     NOT NULL,
    status        VARCHAR(20)              NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE,
    verdict_json  TEXT,
    CONSTRAINT strategy_submission_status_check
        CHECK (status IN ('QUEUED', 'RUNNING', 'ACCEPTED', 'REJECTED', 'INVALID', 'LOOKAHEAD', 'TIMEOUT',
                          'MEMORY_LIMIT', 'SANDBOX_VIOLATION'))
);
CREATE INDEX strategy_submission_author_idx ON strategy_submission (author, created_at, id);
CREATE INDEX strategy_submission_status_idx ON strategy_submission (status, created_at, id);
CREATE INDEX strategy_submission_hash_idx ON strategy_submission (content_hash);

CREATE TABLE trial (
    content_hash   VARCHAR(64)              NOT NULL PRIMARY KEY,
    family         VARCHAR(64)              NOT NULL,
    author         VARCHAR(64)              NOT NULL,
    daily_sharpe   DOUBLE PRECISION,
    observations   INTEGER                  NOT NULL,
    status         VARCHAR(20)              NOT NULL,
    verdict_json   TEXT                     NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX trial_family_idx ON trial (family);
