-- migrate:up
-- The movement log's registry leaves, completed (issue 18): the agents' registration term
-- (registry_expires_on) joins their changes, as leaf version 2 — the rows written before keep
-- version 1 and their leaves verify as they were signed — and every change of a registered tank
-- truck (its registration, state, plate, registry number, owner, capacity, insurance) becomes a
-- leaf too, written by triggers on "trucks" like the agents' ones. SQLite; the PostgreSQL
-- migration of the same name is its twin.

ALTER TABLE "agent_changes" ADD COLUMN "registry_expires_on" TEXT;
-- 1: recorded before the registration term was (its leaf encodes no term); 2: with it
ALTER TABLE "agent_changes" ADD COLUMN "leaf_version" INTEGER NOT NULL DEFAULT 1;

DROP TRIGGER "agents_log_insert";
DROP TRIGGER "agents_log_update";
CREATE TRIGGER "agents_log_insert" AFTER INSERT ON "agents"
BEGIN
    INSERT INTO "agent_changes" ("agent_id", "changed_at", "type", "business_name", "ruc", "registry_number", "registry_status", "insurance_expires_on", "ceded_by_seller_id", "registry_expires_on", "leaf_version")
    VALUES (NEW."id", strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NEW."type", NEW."business_name", NEW."ruc", NEW."registry_number", NEW."registry_status", NEW."insurance_expires_on", NEW."ceded_by_seller_id", NEW."registry_expires_on", 2);
END;
CREATE TRIGGER "agents_log_update" AFTER UPDATE OF "type", "business_name", "ruc", "registry_number", "registry_status", "insurance_expires_on", "ceded_by_seller_id", "registry_expires_on" ON "agents"
WHEN OLD."type" IS NOT NEW."type" OR OLD."business_name" IS NOT NEW."business_name" OR OLD."ruc" IS NOT NEW."ruc"
  OR OLD."registry_number" IS NOT NEW."registry_number" OR OLD."registry_status" IS NOT NEW."registry_status"
  OR OLD."insurance_expires_on" IS NOT NEW."insurance_expires_on" OR OLD."ceded_by_seller_id" IS NOT NEW."ceded_by_seller_id"
  OR OLD."registry_expires_on" IS NOT NEW."registry_expires_on"
BEGIN
    INSERT INTO "agent_changes" ("agent_id", "changed_at", "type", "business_name", "ruc", "registry_number", "registry_status", "insurance_expires_on", "ceded_by_seller_id", "registry_expires_on", "leaf_version")
    VALUES (NEW."id", strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NEW."type", NEW."business_name", NEW."ruc", NEW."registry_number", NEW."registry_status", NEW."insurance_expires_on", NEW."ceded_by_seller_id", NEW."registry_expires_on", 2);
END;

-- The agents whose registration term is already set: their standing with it, as a version-2 change.
INSERT INTO "agent_changes" ("agent_id", "changed_at", "type", "business_name", "ruc", "registry_number", "registry_status", "insurance_expires_on", "ceded_by_seller_id", "registry_expires_on", "leaf_version")
SELECT "id", strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), "type", "business_name", "ruc", "registry_number", "registry_status", "insurance_expires_on", "ceded_by_seller_id", "registry_expires_on", 2
FROM "agents" WHERE "registry_expires_on" IS NOT NULL ORDER BY "id";

-- The truck registry as it was after each change: who may carry LPG is part of who may trade.
CREATE TABLE "truck_changes" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "truck_id" INTEGER NOT NULL,
    "changed_at" DATETIME NOT NULL,
    "plate" TEXT NOT NULL,
    "registry_number" TEXT NOT NULL,
    "owner_agent_id" INTEGER NOT NULL,
    "capacity" INTEGER NOT NULL,
    "insurance_expires_on" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "leaf_version" INTEGER NOT NULL DEFAULT 2,
    -- PostgreSQL fills this with the inserting transaction's id; SQLite commits in id order: 0 here
    "xact_id" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "truck_changes_truck_id_fkey" FOREIGN KEY ("truck_id") REFERENCES "trucks" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "truck_changes_truck_id_id_idx" ON "truck_changes"("truck_id", "id");

CREATE TRIGGER "trucks_log_insert" AFTER INSERT ON "trucks"
BEGIN
    INSERT INTO "truck_changes" ("truck_id", "changed_at", "plate", "registry_number", "owner_agent_id", "capacity", "insurance_expires_on", "status", "leaf_version")
    VALUES (NEW."id", strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NEW."plate", NEW."registry_number", NEW."owner_agent_id", NEW."capacity", NEW."insurance_expires_on", NEW."status", 2);
END;
-- Not on updated_at alone: a save that changes nothing the registry records writes no leaf.
CREATE TRIGGER "trucks_log_update" AFTER UPDATE OF "plate", "registry_number", "owner_agent_id", "capacity", "insurance_expires_on", "status" ON "trucks"
WHEN OLD."plate" IS NOT NEW."plate" OR OLD."registry_number" IS NOT NEW."registry_number"
  OR OLD."owner_agent_id" IS NOT NEW."owner_agent_id" OR OLD."capacity" IS NOT NEW."capacity"
  OR OLD."insurance_expires_on" IS NOT NEW."insurance_expires_on" OR OLD."status" IS NOT NEW."status"
BEGIN
    INSERT INTO "truck_changes" ("truck_id", "changed_at", "plate", "registry_number", "owner_agent_id", "capacity", "insurance_expires_on", "status", "leaf_version")
    VALUES (NEW."id", strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NEW."plate", NEW."registry_number", NEW."owner_agent_id", NEW."capacity", NEW."insurance_expires_on", NEW."status", 2);
END;
CREATE TRIGGER "truck_changes_no_update" BEFORE UPDATE ON "truck_changes"
BEGIN
    SELECT RAISE(ABORT, 'El historial del registro de cisternas es inmutable: no se puede modificar');
END;
CREATE TRIGGER "truck_changes_no_delete" BEFORE DELETE ON "truck_changes"
BEGIN
    SELECT RAISE(ABORT, 'El historial del registro de cisternas es inmutable: no se puede eliminar');
END;

-- The trucks registered before this migration: their registration now is their first change.
INSERT INTO "truck_changes" ("truck_id", "changed_at", "plate", "registry_number", "owner_agent_id", "capacity", "insurance_expires_on", "status", "leaf_version")
SELECT "id", strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), "plate", "registry_number", "owner_agent_id", "capacity", "insurance_expires_on", "status", 2 FROM "trucks" ORDER BY "id";

-- how far the sequencer has read the truck changes
ALTER TABLE "log_state" ADD COLUMN "truck_change_xact" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "log_state" ADD COLUMN "truck_change_id" INTEGER NOT NULL DEFAULT 0;

-- migrate:down
ALTER TABLE "log_state" DROP COLUMN "truck_change_id";
ALTER TABLE "log_state" DROP COLUMN "truck_change_xact";
DROP TRIGGER "truck_changes_no_delete";
DROP TRIGGER "truck_changes_no_update";
DROP TRIGGER "trucks_log_update";
DROP TRIGGER "trucks_log_insert";
DROP TABLE "truck_changes";
DROP TRIGGER "agents_log_update";
DROP TRIGGER "agents_log_insert";
CREATE TRIGGER "agents_log_insert" AFTER INSERT ON "agents"
BEGIN
    INSERT INTO "agent_changes" ("agent_id", "changed_at", "type", "business_name", "ruc", "registry_number", "registry_status", "insurance_expires_on", "ceded_by_seller_id")
    VALUES (NEW."id", strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NEW."type", NEW."business_name", NEW."ruc", NEW."registry_number", NEW."registry_status", NEW."insurance_expires_on", NEW."ceded_by_seller_id");
END;
CREATE TRIGGER "agents_log_update" AFTER UPDATE OF "type", "business_name", "ruc", "registry_number", "registry_status", "insurance_expires_on", "ceded_by_seller_id" ON "agents"
WHEN OLD."type" IS NOT NEW."type" OR OLD."business_name" IS NOT NEW."business_name" OR OLD."ruc" IS NOT NEW."ruc"
  OR OLD."registry_number" IS NOT NEW."registry_number" OR OLD."registry_status" IS NOT NEW."registry_status"
  OR OLD."insurance_expires_on" IS NOT NEW."insurance_expires_on" OR OLD."ceded_by_seller_id" IS NOT NEW."ceded_by_seller_id"
BEGIN
    INSERT INTO "agent_changes" ("agent_id", "changed_at", "type", "business_name", "ruc", "registry_number", "registry_status", "insurance_expires_on", "ceded_by_seller_id")
    VALUES (NEW."id", strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NEW."type", NEW."business_name", NEW."ruc", NEW."registry_number", NEW."registry_status", NEW."insurance_expires_on", NEW."ceded_by_seller_id");
END;
ALTER TABLE "agent_changes" DROP COLUMN "leaf_version";
ALTER TABLE "agent_changes" DROP COLUMN "registry_expires_on";
