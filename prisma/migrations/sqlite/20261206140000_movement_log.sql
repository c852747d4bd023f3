-- migrate:up
-- The verifiable movement log (lib/log): every movement and every change of the registry that
-- decides who may trade becomes a leaf of an RFC 9162 Merkle tree with signed checkpoints.
-- SQLite. Mirrors prisma/schema.prisma; tests/db/schema.test.ts checks it.

-- PostgreSQL fills this with the inserting transaction's id, so the sequencer only takes
-- movements of finished transactions; SQLite commits one writer at a time, in id order: 0 here.
ALTER TABLE "movements" ADD COLUMN "xact_id" BIGINT NOT NULL DEFAULT 0;

-- The registry as it was after each change that matters to trading: written by triggers, so no
-- code path (the screens, an import, a script) can change an agent's standing without a leaf.
CREATE TABLE "agent_changes" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "agent_id" INTEGER NOT NULL,
    "changed_at" DATETIME NOT NULL,
    "type" TEXT NOT NULL,
    "business_name" TEXT NOT NULL,
    "ruc" TEXT NOT NULL,
    "registry_number" TEXT NOT NULL,
    "registry_status" TEXT NOT NULL,
    "insurance_expires_on" TEXT,
    "ceded_by_seller_id" INTEGER,
    "xact_id" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "agent_changes_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "agent_changes_agent_id_id_idx" ON "agent_changes"("agent_id", "id");

CREATE TRIGGER "agents_log_insert" AFTER INSERT ON "agents"
BEGIN
    INSERT INTO "agent_changes" ("agent_id", "changed_at", "type", "business_name", "ruc", "registry_number", "registry_status", "insurance_expires_on", "ceded_by_seller_id")
    VALUES (NEW."id", strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NEW."type", NEW."business_name", NEW."ruc", NEW."registry_number", NEW."registry_status", NEW."insurance_expires_on", NEW."ceded_by_seller_id");
END;
-- Not on committed_volume: the order transactions' capacity updates list none of these columns.
CREATE TRIGGER "agents_log_update" AFTER UPDATE OF "type", "business_name", "ruc", "registry_number", "registry_status", "insurance_expires_on", "ceded_by_seller_id" ON "agents"
WHEN OLD."type" IS NOT NEW."type" OR OLD."business_name" IS NOT NEW."business_name" OR OLD."ruc" IS NOT NEW."ruc"
  OR OLD."registry_number" IS NOT NEW."registry_number" OR OLD."registry_status" IS NOT NEW."registry_status"
  OR OLD."insurance_expires_on" IS NOT NEW."insurance_expires_on" OR OLD."ceded_by_seller_id" IS NOT NEW."ceded_by_seller_id"
BEGIN
    INSERT INTO "agent_changes" ("agent_id", "changed_at", "type", "business_name", "ruc", "registry_number", "registry_status", "insurance_expires_on", "ceded_by_seller_id")
    VALUES (NEW."id", strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NEW."type", NEW."business_name", NEW."ruc", NEW."registry_number", NEW."registry_status", NEW."insurance_expires_on", NEW."ceded_by_seller_id");
END;
CREATE TRIGGER "agent_changes_no_update" BEFORE UPDATE ON "agent_changes"
BEGIN
    SELECT RAISE(ABORT, 'El historial del registro es inmutable: no se puede modificar');
END;
CREATE TRIGGER "agent_changes_no_delete" BEFORE DELETE ON "agent_changes"
BEGIN
    SELECT RAISE(ABORT, 'El historial del registro es inmutable: no se puede eliminar');
END;
-- The agents registered before this migration: their standing now is their first change.
INSERT INTO "agent_changes" ("agent_id", "changed_at", "type", "business_name", "ruc", "registry_number", "registry_status", "insurance_expires_on", "ceded_by_seller_id")
SELECT "id", strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), "type", "business_name", "ruc", "registry_number", "registry_status", "insurance_expires_on", "ceded_by_seller_id" FROM "agents" ORDER BY "id";

-- Leaf index → what it records (kind and row id). The leaf's bytes are recomputed from that row.
CREATE TABLE "log_leaves" (
    "leaf_index" INTEGER NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL CHECK ("kind" IN ('MOVEMENT', 'AGENT', 'TRUCK')),
    "source_id" INTEGER NOT NULL
);
CREATE UNIQUE INDEX "log_leaves_kind_source_id_key" ON "log_leaves"("kind", "source_id");

-- The tree as C2SP tlog-tiles: 256 hashes of one level per row (the rightmost tile of each level
-- grows until full); every proof is computed from a few of these.
CREATE TABLE "log_tiles" (
    "level" INTEGER NOT NULL,
    "tile_index" INTEGER NOT NULL,
    "hashes" BLOB NOT NULL,
    PRIMARY KEY ("level", "tile_index")
);

-- Every checkpoint the log signed, as published.
CREATE TABLE "log_checkpoints" (
    "tree_size" INTEGER NOT NULL PRIMARY KEY,
    "root_hash" BLOB NOT NULL,
    "note" TEXT NOT NULL,
    "signed_at" DATETIME NOT NULL
);

-- One row: the tree's size, how far each source has been read, and the key the leaves' salts
-- are derived from (lib/log/salts.ts).
CREATE TABLE "log_state" (
    "id" INTEGER NOT NULL PRIMARY KEY CHECK ("id" = 1),
    "tree_size" INTEGER NOT NULL,
    "salt_key" BLOB NOT NULL,
    "movement_xact" BIGINT NOT NULL,
    "movement_id" INTEGER NOT NULL,
    "agent_change_xact" BIGINT NOT NULL,
    "agent_change_id" INTEGER NOT NULL,
    "updated_at" DATETIME NOT NULL
);

-- migrate:down
DROP TABLE "log_state";
DROP TABLE "log_checkpoints";
DROP TABLE "log_tiles";
DROP TABLE "log_leaves";
DROP TRIGGER "agent_changes_no_delete";
DROP TRIGGER "agent_changes_no_update";
DROP TRIGGER "agents_log_update";
DROP TRIGGER "agents_log_insert";
DROP TABLE "agent_changes";
ALTER TABLE "movements" DROP COLUMN "xact_id";
