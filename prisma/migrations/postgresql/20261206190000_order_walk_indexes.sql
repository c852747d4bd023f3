-- migrate:up
-- Movimientos without a slow corner (issue 19): the indexes the regulator's page walks in
-- (requested_at, id) order hold every column its filter checks — state and the three parties —
-- so a long walk of a sparse filter reads index entries only, never an order's row until it is on
-- the page (lib/regulator/order-search.ts reads the page's ids first). They replace the narrower
-- indexes with the same leading columns, so a transition still updates as many indexes as before.
-- The plant's index becomes partial (flow b only): flow-a orders have no plant, and with their
-- NULLs in it the planner's statistics counted ~a quarter of all orders per plant and it scanned
-- the whole table rather than read one plant's orders. `plant_id = ?` and `plant_id IN (…)`
-- imply the predicate on both engines, so every query that used it still does.
-- Mirrors prisma/schema.prisma; tests/db/schema.test.ts checks it.

DROP INDEX "orders_requested_at_idx";
DROP INDEX "orders_state_requested_at_idx";
DROP INDEX "orders_buyer_id_requested_at_idx";
CREATE INDEX "orders_requested_at_id_state_buyer_id_seller_id_plant_id_idx" ON "orders"("requested_at", "id", "state", "buyer_id", "seller_id", "plant_id");
CREATE INDEX "orders_state_requested_at_id_buyer_id_seller_id_plant_id_idx" ON "orders"("state", "requested_at", "id", "buyer_id", "seller_id", "plant_id");
CREATE INDEX "orders_buyer_id_requested_at_id_state_seller_id_plant_id_idx" ON "orders"("buyer_id", "requested_at", "id", "state", "seller_id", "plant_id");
DROP INDEX "orders_plant_id_state_idx";
CREATE INDEX "orders_plant_id_state_idx" ON "orders"("plant_id", "state") WHERE "plant_id" IS NOT NULL;

-- migrate:down
DROP INDEX "orders_requested_at_id_state_buyer_id_seller_id_plant_id_idx";
DROP INDEX "orders_state_requested_at_id_buyer_id_seller_id_plant_id_idx";
DROP INDEX "orders_buyer_id_requested_at_id_state_seller_id_plant_id_idx";
CREATE INDEX "orders_requested_at_idx" ON "orders"("requested_at");
CREATE INDEX "orders_state_requested_at_idx" ON "orders"("state", "requested_at");
CREATE INDEX "orders_buyer_id_requested_at_idx" ON "orders"("buyer_id", "requested_at");
DROP INDEX "orders_plant_id_state_idx";
CREATE INDEX "orders_plant_id_state_idx" ON "orders"("plant_id", "state");
