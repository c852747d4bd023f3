-- migrate:up
-- The regulator's Tablero and Cumplimiento aggregate a period of orders from indexes alone
-- (covering indexes). The POR CERRAR day index gains days late and the buyer: the compliance report
-- and the late-closure rate group a period's closures by buyer without reading the table; its
-- (state, por_cerrar_day) prefix serves everything the old index did.
DROP INDEX "orders_state_por_cerrar_day_idx";
CREATE INDEX "orders_state_por_cerrar_day_days_late_buyer_id_idx" ON "orders"("state", "por_cerrar_day", "days_late", "buyer_id");
CREATE INDEX "orders_requested_at_state_buyer_id_seller_id_requested_volume_idx" ON "orders"("requested_at", "state", "buyer_id", "seller_id", "requested_volume");

-- migrate:down
DROP INDEX "orders_requested_at_state_buyer_id_seller_id_requested_volume_idx";
DROP INDEX "orders_state_por_cerrar_day_days_late_buyer_id_idx";
CREATE INDEX "orders_state_por_cerrar_day_idx" ON "orders"("state", "por_cerrar_day");
