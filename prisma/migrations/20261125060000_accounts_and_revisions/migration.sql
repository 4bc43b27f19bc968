-- Part 3: editors sign in, every change is recorded and can be undone, and two
-- editors never silently overwrite each other.

CREATE TYPE "user_role" AS ENUM ('admin', 'editor');

-- Emails are stored lower-cased by the app, so the plain unique index is a
-- case-insensitive one.
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "user_role" NOT NULL,
    -- scrypt, self-describing: "scrypt$N$r$p$salt$hash" (base64url).
    "password_hash" TEXT NOT NULL,
    "disabled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- The table connect-pg-simple reads and writes (its own layout).
CREATE TABLE "sessions" (
    "sid" VARCHAR NOT NULL,
    "sess" JSON NOT NULL,
    "expire" TIMESTAMP(6) NOT NULL,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("sid")
);
CREATE INDEX "sessions_expire_idx" ON "sessions"("expire");

-- Per-user API tokens: only a SHA-256 of the token is kept (the token is 32
-- random bytes, so a slow hash adds nothing); the prefix lets a user tell
-- their tokens apart.
CREATE TABLE "api_tokens" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "token_prefix" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");
CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens"("user_id");
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Optimistic concurrency: a save names the version it was based on.
ALTER TABLE "speakers" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "topics" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "statements" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;

CREATE TYPE "revision_entity" AS ENUM ('statement', 'speaker', 'topic');
CREATE TYPE "revision_action" AS ENUM ('create', 'update', 'delete', 'restore', 'revert', 'merge', 'unmerge');

-- Every change to a statement, speaker or topic, written in the transaction
-- of the change. A deleted statement lives on only here (the delete's
-- snapshot): that is the trash, and a restore re-inserts it under its id.
CREATE TABLE "revisions" (
    "id" SERIAL NOT NULL,
    "entity" "revision_entity" NOT NULL,
    "entity_id" INTEGER NOT NULL,
    "action" "revision_action" NOT NULL,
    -- The record's version after the change (at the delete, for a delete).
    "version" INTEGER NOT NULL,
    -- Null when the system wrote it (demo data, a merge's cascade).
    "actor_id" INTEGER,
    -- { field: { "from": …, "to": … } } for the fields that changed.
    "diff" JSONB NOT NULL DEFAULT '{}',
    -- The whole record after the change; before it, for a delete.
    "snapshot" JSONB NOT NULL,
    -- For a revert, the revision whose state was restored.
    "reverts_revision_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "revisions_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "revisions_entity_entity_id_id_idx" ON "revisions"("entity", "entity_id", "id" DESC);
CREATE INDEX "revisions_created_at_id_idx" ON "revisions"("created_at" DESC, "id" DESC);
CREATE INDEX "revisions_actor_id_idx" ON "revisions"("actor_id");
CREATE INDEX "revisions_reverts_revision_id_idx" ON "revisions"("reverts_revision_id");
-- The trash: deleted statements, newest first.
CREATE INDEX "revisions_statement_deletes_idx" ON "revisions"("id" DESC) WHERE "entity" = 'statement' AND "action" = 'delete';
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_reverts_revision_id_fkey" FOREIGN KEY ("reverts_revision_id") REFERENCES "revisions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A merged speaker's old slug answers 301 to the speaker it was merged into.
CREATE TABLE "speaker_redirects" (
    "old_slug" TEXT NOT NULL,
    "speaker_id" INTEGER NOT NULL,
    "merge_revision_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "speaker_redirects_pkey" PRIMARY KEY ("old_slug")
);
CREATE INDEX "speaker_redirects_speaker_id_idx" ON "speaker_redirects"("speaker_id");
CREATE INDEX "speaker_redirects_merge_revision_id_idx" ON "speaker_redirects"("merge_revision_id");
ALTER TABLE "speaker_redirects" ADD CONSTRAINT "speaker_redirects_speaker_id_fkey" FOREIGN KEY ("speaker_id") REFERENCES "speakers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "speaker_redirects" ADD CONSTRAINT "speaker_redirects_merge_revision_id_fkey" FOREIGN KEY ("merge_revision_id") REFERENCES "revisions"("id") ON DELETE SET NULL ON UPDATE CASCADE;
