-- migrate:up
-- The regulator's Tablero aggregates a period of orders from indexes alone (covering indexes).
-- The POR CERRAR day index gains the buyer and days late; its prefix still serves compliance.
DROP INDEX "orders_state_por_cerrar_day_idx";
CREATE INDEX "orders_state_por_cerrar_day_buyer_id_days_late_idx" ON "orders"("state", "por_cerrar_day", "buyer_id", "days_late");
CREATE INDEX "orders_requested_at_state_buyer_id_seller_id_requested_volume_idx" ON "orders"("requested_at", "state", "buyer_id", "seller_id", "requested_volume");

-- migrate:down
DROP INDEX "orders_requested_at_state_buyer_id_seller_id_requested_volume_idx";
DROP INDEX "orders_state_por_cerrar_day_buyer_id_days_late_idx";
CREATE INDEX "orders_state_por_cerrar_day_idx" ON "orders"("state", "por_cerrar_day");
