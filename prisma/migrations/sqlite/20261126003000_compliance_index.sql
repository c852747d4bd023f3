-- migrate:up
-- The compliance report groups CERRADO and POR_CERRAR orders of a period by buyer and days late:
-- with days_late and buyer_id in the index it never reads the table. It covers every query the
-- narrower (state, por_cerrar_day) index served, so that one goes.
CREATE INDEX "orders_state_por_cerrar_day_days_late_buyer_id_idx" ON "orders"("state", "por_cerrar_day", "days_late", "buyer_id");
DROP INDEX "orders_state_por_cerrar_day_idx";

-- migrate:down
CREATE INDEX "orders_state_por_cerrar_day_idx" ON "orders"("state", "por_cerrar_day");
DROP INDEX "orders_state_por_cerrar_day_days_late_buyer_id_idx";
