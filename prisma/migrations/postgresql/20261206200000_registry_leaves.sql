-- migrate:up
-- The movement log's registry leaves, completed (issue 18): the agents' registration term
-- (registry_expires_on) joins their changes, as leaf version 2 — the rows written before keep
-- version 1 and their leaves verify as they were signed — and every change of a registered tank
-- truck (its registration, state, plate, registry number, owner, capacity, insurance) becomes a
-- leaf too, written by triggers on "trucks" like the agents' ones. PostgreSQL; the SQLite
-- migration of the same name is its twin.

ALTER TABLE "agent_changes" ADD COLUMN "registry_expires_on" TEXT;
-- 1: recorded before the registration term was (its leaf encodes no term); 2: with it
ALTER TABLE "agent_changes" ADD COLUMN "leaf_version" INTEGER NOT NULL DEFAULT 1;

CREATE OR REPLACE FUNCTION "agents_log_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "agent_changes" ("agent_id", "changed_at", "type", "business_name", "ruc", "registry_number", "registry_status", "insurance_expires_on", "ceded_by_seller_id", "registry_expires_on", "leaf_version")
    VALUES (NEW."id", clock_timestamp() AT TIME ZONE 'UTC', NEW."type", NEW."business_name", NEW."ruc", NEW."registry_number", NEW."registry_status", NEW."insurance_expires_on", NEW."ceded_by_seller_id", NEW."registry_expires_on", 2);
    RETURN NULL;
END;
$$;
DROP TRIGGER "agents_log_update" ON "agents";
CREATE TRIGGER "agents_log_update" AFTER UPDATE OF "type", "business_name", "ruc", "registry_number", "registry_status", "insurance_expires_on", "ceded_by_seller_id", "registry_expires_on" ON "agents"
    FOR EACH ROW WHEN (
        OLD."type" IS DISTINCT FROM NEW."type" OR OLD."business_name" IS DISTINCT FROM NEW."business_name" OR OLD."ruc" IS DISTINCT FROM NEW."ruc"
        OR OLD."registry_number" IS DISTINCT FROM NEW."registry_number" OR OLD."registry_status" IS DISTINCT FROM NEW."registry_status"
        OR OLD."insurance_expires_on" IS DISTINCT FROM NEW."insurance_expires_on" OR OLD."ceded_by_seller_id" IS DISTINCT FROM NEW."ceded_by_seller_id"
        OR OLD."registry_expires_on" IS DISTINCT FROM NEW."registry_expires_on")
    EXECUTE FUNCTION "agents_log_change"();

-- The agents whose registration term is already set: their standing with it, as a version-2 change.
INSERT INTO "agent_changes" ("agent_id", "changed_at", "type", "business_name", "ruc", "registry_number", "registry_status", "insurance_expires_on", "ceded_by_seller_id", "registry_expires_on", "leaf_version")
SELECT "id", clock_timestamp() AT TIME ZONE 'UTC', "type", "business_name", "ruc", "registry_number", "registry_status", "insurance_expires_on", "ceded_by_seller_id", "registry_expires_on", 2
FROM "agents" WHERE "registry_expires_on" IS NOT NULL ORDER BY "id";

-- The truck registry as it was after each change: who may carry LPG is part of who may trade.
CREATE TABLE "truck_changes" (
    "id" SERIAL NOT NULL,
    "truck_id" INTEGER NOT NULL,
    "changed_at" TIMESTAMP(3) NOT NULL,
    "plate" TEXT NOT NULL,
    "registry_number" TEXT NOT NULL,
    "owner_agent_id" INTEGER NOT NULL,
    "capacity" INTEGER NOT NULL,
    "insurance_expires_on" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "leaf_version" INTEGER NOT NULL DEFAULT 2,
    -- the inserting transaction's id (see movements.xact_id)
    "xact_id" BIGINT NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    CONSTRAINT "truck_changes_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "truck_changes_truck_id_fkey" FOREIGN KEY ("truck_id") REFERENCES "trucks" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "truck_changes_truck_id_id_idx" ON "truck_changes"("truck_id", "id");
-- the sequencer's read: truck changes after its cursor, in transaction order
CREATE INDEX "truck_changes_xact_id_id_idx" ON "truck_changes"("xact_id", "id");

CREATE FUNCTION "trucks_log_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "truck_changes" ("truck_id", "changed_at", "plate", "registry_number", "owner_agent_id", "capacity", "insurance_expires_on", "status", "leaf_version")
    VALUES (NEW."id", clock_timestamp() AT TIME ZONE 'UTC', NEW."plate", NEW."registry_number", NEW."owner_agent_id", NEW."capacity", NEW."insurance_expires_on", NEW."status", 2);
    RETURN NULL;
END;
$$;
CREATE TRIGGER "trucks_log_insert" AFTER INSERT ON "trucks" FOR EACH ROW EXECUTE FUNCTION "trucks_log_change"();
-- Not on updated_at alone: a save that changes nothing the registry records writes no leaf.
CREATE TRIGGER "trucks_log_update" AFTER UPDATE OF "plate", "registry_number", "owner_agent_id", "capacity", "insurance_expires_on", "status" ON "trucks"
    FOR EACH ROW WHEN (
        OLD."plate" IS DISTINCT FROM NEW."plate" OR OLD."registry_number" IS DISTINCT FROM NEW."registry_number"
        OR OLD."owner_agent_id" IS DISTINCT FROM NEW."owner_agent_id" OR OLD."capacity" IS DISTINCT FROM NEW."capacity"
        OR OLD."insurance_expires_on" IS DISTINCT FROM NEW."insurance_expires_on" OR OLD."status" IS DISTINCT FROM NEW."status")
    EXECUTE FUNCTION "trucks_log_change"();

CREATE FUNCTION "truck_changes_are_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'El historial del registro de cisternas es inmutable: no se puede modificar ni eliminar'
        USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER "truck_changes_no_update_or_delete" BEFORE UPDATE OR DELETE ON "truck_changes"
    FOR EACH ROW EXECUTE FUNCTION "truck_changes_are_immutable"();
CREATE TRIGGER "truck_changes_no_truncate" BEFORE TRUNCATE ON "truck_changes"
    FOR EACH STATEMENT EXECUTE FUNCTION "truck_changes_are_immutable"();
REVOKE UPDATE, DELETE, TRUNCATE ON "truck_changes" FROM PUBLIC;

-- The trucks registered before this migration: their registration now is their first change.
INSERT INTO "truck_changes" ("truck_id", "changed_at", "plate", "registry_number", "owner_agent_id", "capacity", "insurance_expires_on", "status", "leaf_version")
SELECT "id", clock_timestamp() AT TIME ZONE 'UTC', "plate", "registry_number", "owner_agent_id", "capacity", "insurance_expires_on", "status", 2 FROM "trucks" ORDER BY "id";

-- how far the sequencer has read the truck changes
ALTER TABLE "log_state" ADD COLUMN "truck_change_xact" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "log_state" ADD COLUMN "truck_change_id" INTEGER NOT NULL DEFAULT 0;

-- migrate:down
ALTER TABLE "log_state" DROP COLUMN "truck_change_id";
ALTER TABLE "log_state" DROP COLUMN "truck_change_xact";
DROP TRIGGER "trucks_log_update" ON "trucks";
DROP TRIGGER "trucks_log_insert" ON "trucks";
DROP FUNCTION "trucks_log_change"();
DROP TABLE "truck_changes";
DROP FUNCTION "truck_changes_are_immutable"();
DROP TRIGGER "agents_log_update" ON "agents";
CREATE TRIGGER "agents_log_update" AFTER UPDATE OF "type", "business_name", "ruc", "registry_number", "registry_status", "insurance_expires_on", "ceded_by_seller_id" ON "agents"
    FOR EACH ROW WHEN (
        OLD."type" IS DISTINCT FROM NEW."type" OR OLD."business_name" IS DISTINCT FROM NEW."business_name" OR OLD."ruc" IS DISTINCT FROM NEW."ruc"
        OR OLD."registry_number" IS DISTINCT FROM NEW."registry_number" OR OLD."registry_status" IS DISTINCT FROM NEW."registry_status"
        OR OLD."insurance_expires_on" IS DISTINCT FROM NEW."insurance_expires_on" OR OLD."ceded_by_seller_id" IS DISTINCT FROM NEW."ceded_by_seller_id")
    EXECUTE FUNCTION "agents_log_change"();
CREATE OR REPLACE FUNCTION "agents_log_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "agent_changes" ("agent_id", "changed_at", "type", "business_name", "ruc", "registry_number", "registry_status", "insurance_expires_on", "ceded_by_seller_id")
    VALUES (NEW."id", clock_timestamp() AT TIME ZONE 'UTC', NEW."type", NEW."business_name", NEW."ruc", NEW."registry_number", NEW."registry_status", NEW."insurance_expires_on", NEW."ceded_by_seller_id");
    RETURN NULL;
END;
$$;
ALTER TABLE "agent_changes" DROP COLUMN "leaf_version";
ALTER TABLE "agent_changes" DROP COLUMN "registry_expires_on";
