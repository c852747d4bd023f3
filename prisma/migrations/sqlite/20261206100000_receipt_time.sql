-- migrate:up
-- Issue 13, part A (SQLite): the closure deadline runs from the descarga the buyer declares, a
-- rejection records when the buyer learned the product would not arrive, and inspectors record
-- constataciones. Mirrors prisma/schema.prisma.

ALTER TABLE "lots" ADD COLUMN "unloaded_at" DATETIME;
ALTER TABLE "orders" ADD COLUMN "due_day" TEXT;
ALTER TABLE "orders" ADD COLUMN "lateness_basis" TEXT CHECK ("lateness_basis" IS NULL OR "lateness_basis" IN ('DESCARGA', 'AVISO', 'VENTA_DESPACHO'));
ALTER TABLE "orders" ADD COLUMN "non_delivery_known_at" DATETIME;

-- Orders closed before this change keep their figures, marked as counted from the day of the sale
-- (flow a) or of the dispatch (flow b). A closure that rejected every lot had days late too: they
-- keep them with the same mark, but no due day, because rejections were never findings before.
UPDATE "orders" SET "due_day" = "por_cerrar_day", "lateness_basis" = 'VENTA_DESPACHO' WHERE "state" = 'CERRADO';
UPDATE "orders" SET "lateness_basis" = 'VENTA_DESPACHO' WHERE "state" = 'RECHAZADO' AND "days_late" IS NOT NULL;

-- Cumplimiento: closures and rejections by the day they were due (with how their days late were
-- counted, so the report reads the index alone); open orders by the day they reached POR CERRAR.
DROP INDEX "orders_state_por_cerrar_day_days_late_buyer_id_idx";
CREATE INDEX "orders_state_due_day_days_late_buyer_id_lateness_basis_idx" ON "orders"("state", "due_day", "days_late", "buyer_id", "lateness_basis");
CREATE INDEX "orders_state_por_cerrar_day_buyer_id_idx" ON "orders"("state", "por_cerrar_day", "buyer_id");

CREATE TABLE "constataciones" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "order_id" INTEGER NOT NULL,
    "observed_at" DATETIME NOT NULL,
    "place" TEXT NOT NULL CHECK (length("place") > 0),
    "plate" TEXT NOT NULL CHECK (length("plate") > 0),
    "activity" TEXT NOT NULL CHECK ("activity" IN ('DESCARGANDO', 'CARGANDO', 'EN_TRANSITO')),
    "order_state" TEXT CHECK ("order_state" IS NULL OR "order_state" IN ('SOLICITADO', 'VENDIDO', 'POR_CERRAR', 'CERRADO', 'ANULADO', 'RECHAZADO')),
    "observations" TEXT,
    "recorded_at" DATETIME NOT NULL,
    "user_id" INTEGER NOT NULL,
    "agent_id" INTEGER NOT NULL,
    CONSTRAINT "constataciones_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "constataciones_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "constataciones_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "constataciones_order_id_observed_at_idx" ON "constataciones"("order_id", "observed_at");
CREATE INDEX "constataciones_observed_at_idx" ON "constataciones"("observed_at");
CREATE INDEX "constataciones_user_id_idx" ON "constataciones"("user_id");
CREATE INDEX "constataciones_agent_id_idx" ON "constataciones"("agent_id");

-- A constatación is evidence: append-only whatever the code path, as the movements.
CREATE TRIGGER "constataciones_no_update" BEFORE UPDATE ON "constataciones"
BEGIN
    SELECT RAISE(ABORT, 'Las constataciones son inmutables: no se pueden modificar');
END;
CREATE TRIGGER "constataciones_no_delete" BEFORE DELETE ON "constataciones"
BEGIN
    SELECT RAISE(ABORT, 'Las constataciones son inmutables: no se pueden eliminar');
END;

-- migrate:down
DROP TRIGGER "constataciones_no_delete";
DROP TRIGGER "constataciones_no_update";
DROP TABLE "constataciones";
DROP INDEX "orders_state_por_cerrar_day_buyer_id_idx";
DROP INDEX "orders_state_due_day_days_late_buyer_id_lateness_basis_idx";
CREATE INDEX "orders_state_por_cerrar_day_days_late_buyer_id_idx" ON "orders"("state", "por_cerrar_day", "days_late", "buyer_id");
ALTER TABLE "orders" DROP COLUMN "non_delivery_known_at";
ALTER TABLE "orders" DROP COLUMN "lateness_basis";
ALTER TABLE "orders" DROP COLUMN "due_day";
ALTER TABLE "lots" DROP COLUMN "unloaded_at";
