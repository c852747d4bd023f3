-- migrate:up
-- Issue 13, part A (PostgreSQL): the closure deadline runs from the descarga the buyer declares, a
-- rejection records when the buyer learned the product would not arrive, and inspectors record
-- constataciones. Mirrors prisma/schema.prisma.

ALTER TABLE "lots" ADD COLUMN "unloaded_at" TIMESTAMP(3);
ALTER TABLE "orders" ADD COLUMN "due_day" TEXT;
ALTER TABLE "orders" ADD COLUMN "lateness_basis" TEXT CHECK ("lateness_basis" IS NULL OR "lateness_basis" IN ('DESCARGA', 'AVISO', 'VENTA_DESPACHO'));
ALTER TABLE "orders" ADD COLUMN "non_delivery_known_at" TIMESTAMP(3);

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
    "id" SERIAL NOT NULL,
    "order_id" INTEGER NOT NULL,
    "observed_at" TIMESTAMP(3) NOT NULL,
    "place" TEXT NOT NULL CHECK (length("place") > 0),
    "plate" TEXT NOT NULL CHECK (length("plate") > 0),
    "activity" TEXT NOT NULL CHECK ("activity" IN ('DESCARGANDO', 'CARGANDO', 'EN_TRANSITO')),
    "order_state" TEXT CHECK ("order_state" IS NULL OR "order_state" IN ('SOLICITADO', 'VENDIDO', 'POR_CERRAR', 'CERRADO', 'ANULADO', 'RECHAZADO')),
    "observations" TEXT,
    "recorded_at" TIMESTAMP(3) NOT NULL,
    "user_id" INTEGER NOT NULL,
    "agent_id" INTEGER NOT NULL,
    CONSTRAINT "constataciones_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "constataciones_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "constataciones_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "constataciones_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "constataciones_order_id_observed_at_idx" ON "constataciones"("order_id", "observed_at");
CREATE INDEX "constataciones_observed_at_idx" ON "constataciones"("observed_at");
CREATE INDEX "constataciones_user_id_idx" ON "constataciones"("user_id");
CREATE INDEX "constataciones_agent_id_idx" ON "constataciones"("agent_id");

-- A constatación is evidence: append-only whatever the code path and whatever the role, as the
-- movements (a trigger binds the table's owner too; the revoked rights bind everyone else).
CREATE FUNCTION "constataciones_are_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Las constataciones son inmutables: no se pueden modificar ni eliminar'
        USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER "constataciones_no_update_or_delete" BEFORE UPDATE OR DELETE ON "constataciones"
    FOR EACH ROW EXECUTE FUNCTION "constataciones_are_immutable"();
CREATE TRIGGER "constataciones_no_truncate" BEFORE TRUNCATE ON "constataciones"
    FOR EACH STATEMENT EXECUTE FUNCTION "constataciones_are_immutable"();
REVOKE UPDATE, DELETE, TRUNCATE ON "constataciones" FROM PUBLIC;

-- migrate:down
DROP TABLE "constataciones";
DROP FUNCTION "constataciones_are_immutable"();
DROP INDEX "orders_state_por_cerrar_day_buyer_id_idx";
DROP INDEX "orders_state_due_day_days_late_buyer_id_lateness_basis_idx";
CREATE INDEX "orders_state_por_cerrar_day_days_late_buyer_id_idx" ON "orders"("state", "por_cerrar_day", "days_late", "buyer_id");
ALTER TABLE "orders" DROP COLUMN "non_delivery_known_at";
ALTER TABLE "orders" DROP COLUMN "lateness_basis";
ALTER TABLE "orders" DROP COLUMN "due_day";
ALTER TABLE "lots" DROP COLUMN "unloaded_at";
