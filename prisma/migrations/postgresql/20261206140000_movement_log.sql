-- migrate:up
-- The verifiable movement log (lib/log): every movement and every change of the registry that
-- decides who may trade becomes a leaf of an RFC 9162 Merkle tree with signed checkpoints.
-- PostgreSQL. Mirrors prisma/schema.prisma; tests/db/schema.test.ts checks it.

-- The inserting transaction's id (xid8 as bigint). A movement's id is drawn at insert, not at
-- commit, so a lower id can commit after a higher one: the sequencer takes only rows whose
-- transaction ended before its snapshot's oldest running one (pg_snapshot_xmin), in (xact_id, id)
-- order, and so never skips a late commit. Rows older than this migration keep 0.
ALTER TABLE "movements" ADD COLUMN "xact_id" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "movements" ALTER COLUMN "xact_id" SET DEFAULT (pg_current_xact_id()::text::bigint);
-- the sequencer's read: movements after its cursor, in transaction order
CREATE INDEX "movements_xact_id_id_idx" ON "movements"("xact_id", "id");

-- The registry as it was after each change that matters to trading: written by triggers, so no
-- code path (the screens, an import, a script) can change an agent's standing without a leaf.
CREATE TABLE "agent_changes" (
    "id" SERIAL NOT NULL,
    "agent_id" INTEGER NOT NULL,
    "changed_at" TIMESTAMP(3) NOT NULL,
    "type" TEXT NOT NULL,
    "business_name" TEXT NOT NULL,
    "ruc" TEXT NOT NULL,
    "registry_number" TEXT NOT NULL,
    "registry_status" TEXT NOT NULL,
    "insurance_expires_on" TEXT,
    "ceded_by_seller_id" INTEGER,
    "xact_id" BIGINT NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    CONSTRAINT "agent_changes_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "agent_changes_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "agent_changes_agent_id_id_idx" ON "agent_changes"("agent_id", "id");
CREATE INDEX "agent_changes_xact_id_id_idx" ON "agent_changes"("xact_id", "id");

CREATE FUNCTION "agents_log_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "agent_changes" ("agent_id", "changed_at", "type", "business_name", "ruc", "registry_number", "registry_status", "insurance_expires_on", "ceded_by_seller_id")
    VALUES (NEW."id", clock_timestamp() AT TIME ZONE 'UTC', NEW."type", NEW."business_name", NEW."ruc", NEW."registry_number", NEW."registry_status", NEW."insurance_expires_on", NEW."ceded_by_seller_id");
    RETURN NULL;
END;
$$;
CREATE TRIGGER "agents_log_insert" AFTER INSERT ON "agents" FOR EACH ROW EXECUTE FUNCTION "agents_log_change"();
-- Not on committed_volume: the order transactions' capacity updates list none of these columns.
CREATE TRIGGER "agents_log_update" AFTER UPDATE OF "type", "business_name", "ruc", "registry_number", "registry_status", "insurance_expires_on", "ceded_by_seller_id" ON "agents"
    FOR EACH ROW WHEN (
        OLD."type" IS DISTINCT FROM NEW."type" OR OLD."business_name" IS DISTINCT FROM NEW."business_name" OR OLD."ruc" IS DISTINCT FROM NEW."ruc"
        OR OLD."registry_number" IS DISTINCT FROM NEW."registry_number" OR OLD."registry_status" IS DISTINCT FROM NEW."registry_status"
        OR OLD."insurance_expires_on" IS DISTINCT FROM NEW."insurance_expires_on" OR OLD."ceded_by_seller_id" IS DISTINCT FROM NEW."ceded_by_seller_id")
    EXECUTE FUNCTION "agents_log_change"();

CREATE FUNCTION "agent_changes_are_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'El historial del registro es inmutable: no se puede modificar ni eliminar'
        USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER "agent_changes_no_update_or_delete" BEFORE UPDATE OR DELETE ON "agent_changes"
    FOR EACH ROW EXECUTE FUNCTION "agent_changes_are_immutable"();
CREATE TRIGGER "agent_changes_no_truncate" BEFORE TRUNCATE ON "agent_changes"
    FOR EACH STATEMENT EXECUTE FUNCTION "agent_changes_are_immutable"();
REVOKE UPDATE, DELETE, TRUNCATE ON "agent_changes" FROM PUBLIC;

-- The agents registered before this migration: their standing now is their first change.
INSERT INTO "agent_changes" ("agent_id", "changed_at", "type", "business_name", "ruc", "registry_number", "registry_status", "insurance_expires_on", "ceded_by_seller_id", "xact_id")
SELECT "id", clock_timestamp() AT TIME ZONE 'UTC', "type", "business_name", "ruc", "registry_number", "registry_status", "insurance_expires_on", "ceded_by_seller_id", 0 FROM "agents" ORDER BY "id";

-- Leaf index → what it records (kind and row id). The leaf's bytes are recomputed from that row.
CREATE TABLE "log_leaves" (
    "leaf_index" INTEGER NOT NULL,
    "kind" TEXT NOT NULL CHECK ("kind" IN ('MOVEMENT', 'AGENT', 'TRUCK')),
    "source_id" INTEGER NOT NULL,
    CONSTRAINT "log_leaves_pkey" PRIMARY KEY ("leaf_index")
);
CREATE UNIQUE INDEX "log_leaves_kind_source_id_key" ON "log_leaves"("kind", "source_id");

-- The tree as C2SP tlog-tiles: 256 hashes of one level per row (the rightmost tile of each level
-- grows until full); every proof is computed from a few of these.
CREATE TABLE "log_tiles" (
    "level" INTEGER NOT NULL,
    "tile_index" INTEGER NOT NULL,
    "hashes" BYTEA NOT NULL,
    CONSTRAINT "log_tiles_pkey" PRIMARY KEY ("level", "tile_index")
);

-- Every checkpoint the log signed, as published.
CREATE TABLE "log_checkpoints" (
    "tree_size" INTEGER NOT NULL,
    "root_hash" BYTEA NOT NULL,
    "note" TEXT NOT NULL,
    "signed_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "log_checkpoints_pkey" PRIMARY KEY ("tree_size")
);

-- One row: the tree's size, how far each source has been read, and the key the leaves' salts
-- are derived from (lib/log/salts.ts).
CREATE TABLE "log_state" (
    "id" INTEGER NOT NULL CHECK ("id" = 1),
    "tree_size" INTEGER NOT NULL,
    "salt_key" BYTEA NOT NULL,
    "movement_xact" BIGINT NOT NULL,
    "movement_id" INTEGER NOT NULL,
    "agent_change_xact" BIGINT NOT NULL,
    "agent_change_id" INTEGER NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "log_state_pkey" PRIMARY KEY ("id")
);

-- migrate:down
DROP TABLE "log_state";
DROP TABLE "log_checkpoints";
DROP TABLE "log_tiles";
DROP TABLE "log_leaves";
DROP TABLE "agent_changes";
DROP FUNCTION "agent_changes_are_immutable"();
DROP TRIGGER "agents_log_update" ON "agents";
DROP TRIGGER "agents_log_insert" ON "agents";
DROP FUNCTION "agents_log_change"();
DROP INDEX "movements_xact_id_id_idx";
ALTER TABLE "movements" DROP COLUMN "xact_id";
