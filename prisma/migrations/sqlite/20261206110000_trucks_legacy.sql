-- migrate:up
-- Registered tank trucks (cisternas), lots that name them, density and temperature per lot, and
-- orders imported from the legacy SCOP (SQLite). Mirrors prisma/schema.prisma.

CREATE TABLE "trucks" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "plate" TEXT NOT NULL CHECK (length("plate") BETWEEN 6 AND 8),
    "registry_number" TEXT NOT NULL,
    "owner_agent_id" INTEGER NOT NULL,
    "capacity" INTEGER NOT NULL CHECK ("capacity" > 0),
    "insurance_expires_on" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'VIGENTE' CHECK ("status" IN ('VIGENTE', 'SUSPENDIDO', 'CANCELADO')),
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "trucks_owner_agent_id_fkey" FOREIGN KEY ("owner_agent_id") REFERENCES "agents" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "trucks_registry_number_key" ON "trucks"("registry_number");
CREATE INDEX "trucks_owner_agent_id_plate_idx" ON "trucks"("owner_agent_id", "plate");
CREATE INDEX "trucks_status_plate_idx" ON "trucks"("status", "plate");
-- One live registration per plate: a plate is inscribed again only after the old one is CANCELADO.
CREATE UNIQUE INDEX "trucks_live_plate_key" ON "trucks"("plate") WHERE "status" <> 'CANCELADO';

CREATE TABLE "legacy_imports" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "file_name" TEXT NOT NULL,
    "imported_at" DATETIME NOT NULL,
    "user_id" INTEGER NOT NULL,
    "orders" INTEGER NOT NULL CHECK ("orders" > 0),
    CONSTRAINT "legacy_imports_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "legacy_imports_user_id_idx" ON "legacy_imports"("user_id");

ALTER TABLE "orders" ADD COLUMN "legacy_import_id" INTEGER CONSTRAINT "orders_legacy_import_id_fkey" REFERENCES "legacy_imports" ("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE INDEX "orders_legacy_import_id_idx" ON "orders"("legacy_import_id");
CREATE INDEX "orders_buyer_id_seller_id_sold_at_idx" ON "orders"("buyer_id", "seller_id", "sold_at");

ALTER TABLE "lots" ADD COLUMN "truck_id" INTEGER CONSTRAINT "lots_truck_id_fkey" REFERENCES "trucks" ("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "lots" ADD COLUMN "dispatched_truck_id" INTEGER CONSTRAINT "lots_dispatched_truck_id_fkey" REFERENCES "trucks" ("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "lots" ADD COLUMN "density" INTEGER CHECK ("density" IS NULL OR "density" BETWEEN 4000 AND 7000);
ALTER TABLE "lots" ADD COLUMN "temperature" INTEGER CHECK ("temperature" IS NULL OR "temperature" BETWEEN -300 AND 700);
ALTER TABLE "lots" ADD COLUMN "load_day" TEXT;
-- The orders of a plate, as sold or as dispatched, read from the plate indexes alone (Movimientos' plate filter).
DROP INDEX "lots_plate_idx";
CREATE INDEX "lots_plate_order_id_idx" ON "lots"("plate", "order_id");
CREATE INDEX "lots_dispatched_plate_order_id_idx" ON "lots"("dispatched_plate", "order_id");
CREATE INDEX "lots_truck_id_idx" ON "lots"("truck_id");
CREATE INDEX "lots_dispatched_truck_id_idx" ON "lots"("dispatched_truck_id");
CREATE INDEX "lots_load_day_truck_id_dispatched_truck_id_sold_volume_dispatched_volume_idx"
    ON "lots"("load_day", "truck_id", "dispatched_truck_id", "sold_volume", "dispatched_volume");

-- Lots sold before this migration loaded on their sale day (flow a) or dispatch day (flow b).
UPDATE "lots" SET "load_day" = (
    SELECT CASE WHEN o."flow" = 'A' THEN date(o."sold_at", '-5 hours') ELSE date("lots"."dispatched_at", '-5 hours') END
    FROM "orders" o WHERE o."id" = "lots"."order_id");

-- migrate:down
DROP INDEX "lots_load_day_truck_id_dispatched_truck_id_sold_volume_dispatched_volume_idx";
DROP INDEX "lots_dispatched_truck_id_idx";
DROP INDEX "lots_truck_id_idx";
DROP INDEX "lots_dispatched_plate_order_id_idx";
DROP INDEX "lots_plate_order_id_idx";
CREATE INDEX "lots_plate_idx" ON "lots"("plate");
ALTER TABLE "lots" DROP COLUMN "load_day";
ALTER TABLE "lots" DROP COLUMN "temperature";
ALTER TABLE "lots" DROP COLUMN "density";
ALTER TABLE "lots" DROP COLUMN "dispatched_truck_id";
ALTER TABLE "lots" DROP COLUMN "truck_id";
DROP INDEX "orders_buyer_id_seller_id_sold_at_idx";
DROP INDEX "orders_legacy_import_id_idx";
ALTER TABLE "orders" DROP COLUMN "legacy_import_id";
DROP TABLE "legacy_imports";
DROP TABLE "trucks";
