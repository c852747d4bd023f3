-- migrate:up
-- The order lifecycle (SQLite). Mirrors prisma/schema.prisma; tests/db/schema.test.ts checks it.

CREATE TABLE "agents" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "type" TEXT NOT NULL CHECK ("type" IN ('CONSUMIDOR_DIRECTO', 'RED_DE_DISTRIBUCION', 'GASOCENTRO', 'PLANTA_ENVASADORA', 'DISTRIBUIDOR_A_GRANEL', 'COMERCIALIZADOR', 'PLANTA_ABASTECIMIENTO', 'OSINERGMIN')),
    "business_name" TEXT NOT NULL,
    "ruc" TEXT NOT NULL CHECK (length("ruc") = 11 AND "ruc" NOT GLOB '*[^0-9]*'),
    "registry_number" TEXT NOT NULL,
    "registry_status" TEXT NOT NULL DEFAULT 'VIGENTE' CHECK ("registry_status" IN ('VIGENTE', 'SUSPENDIDO', 'CANCELADO')),
    "address" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "province" TEXT NOT NULL,
    "district" TEXT NOT NULL,
    "storage_capacity" INTEGER NOT NULL DEFAULT 0 CHECK ("storage_capacity" >= 0),
    "committed_volume" INTEGER NOT NULL DEFAULT 0 CHECK ("committed_volume" >= 0),
    "ceded_by_seller_id" INTEGER,
    "insurance_expires_on" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "agents_ceded_by_seller_id_fkey" FOREIGN KEY ("ceded_by_seller_id") REFERENCES "agents" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "agents_ruc_key" ON "agents"("ruc");
CREATE UNIQUE INDEX "agents_registry_number_key" ON "agents"("registry_number");
CREATE INDEX "agents_ceded_by_seller_id_idx" ON "agents"("ceded_by_seller_id");
CREATE INDEX "agents_type_registry_status_idx" ON "agents"("type", "registry_status");
CREATE INDEX "agents_department_province_district_idx" ON "agents"("department", "province", "district");

CREATE TABLE "users" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "username" TEXT NOT NULL,
    "full_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" TEXT NOT NULL CHECK ("role" IN ('COMPRADOR', 'VENDEDOR', 'OPERADOR_PLANTA', 'REGULADOR', 'ADMINISTRADOR')),
    "agent_id" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "must_change_password" BOOLEAN NOT NULL DEFAULT false,
    "session_version" INTEGER NOT NULL DEFAULT 0,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "users_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "users_username_key" ON "users"("username");
CREATE INDEX "users_agent_id_idx" ON "users"("agent_id");

CREATE TABLE "orders" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL CHECK (length("code") = 11 AND "code" NOT GLOB '*[^0-9]*'),
    "flow" TEXT NOT NULL CHECK ("flow" IN ('A', 'B')),
    "buyer_id" INTEGER NOT NULL,
    "seller_id" INTEGER NOT NULL,
    "plant_id" INTEGER,
    "requested_volume" INTEGER NOT NULL CHECK ("requested_volume" > 0),
    "purchase_order_number" TEXT,
    "delivery_date" TEXT NOT NULL,
    "comment" TEXT,
    "transport" TEXT,
    "state" TEXT NOT NULL CHECK ("state" IN ('SOLICITADO', 'VENDIDO', 'POR_CERRAR', 'CERRADO', 'ANULADO', 'RECHAZADO')),
    "version" INTEGER NOT NULL DEFAULT 0,
    "requested_at" DATETIME NOT NULL,
    "sold_at" DATETIME,
    "dispatched_at" DATETIME,
    "por_cerrar_at" DATETIME,
    "por_cerrar_day" TEXT,
    "ended_at" DATETIME,
    "days_late" INTEGER CHECK ("days_late" IS NULL OR "days_late" >= 0),
    "rejection_reason" TEXT,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "orders_flow_plant_check" CHECK (("flow" = 'A' AND "plant_id" IS NULL) OR ("flow" = 'B' AND "plant_id" IS NOT NULL)),
    CONSTRAINT "orders_buyer_id_fkey" FOREIGN KEY ("buyer_id") REFERENCES "agents" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "orders_seller_id_fkey" FOREIGN KEY ("seller_id") REFERENCES "agents" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "orders_plant_id_fkey" FOREIGN KEY ("plant_id") REFERENCES "agents" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "orders_code_key" ON "orders"("code");
CREATE INDEX "orders_buyer_id_state_idx" ON "orders"("buyer_id", "state");
CREATE INDEX "orders_buyer_id_requested_at_idx" ON "orders"("buyer_id", "requested_at");
CREATE INDEX "orders_seller_id_state_idx" ON "orders"("seller_id", "state");
CREATE INDEX "orders_plant_id_state_idx" ON "orders"("plant_id", "state");
CREATE INDEX "orders_requested_at_idx" ON "orders"("requested_at");
CREATE INDEX "orders_state_requested_at_idx" ON "orders"("state", "requested_at");
CREATE INDEX "orders_state_por_cerrar_day_idx" ON "orders"("state", "por_cerrar_day");

CREATE TABLE "lots" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "order_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL CHECK ("position" >= 1),
    "sold_volume" INTEGER NOT NULL CHECK ("sold_volume" > 0),
    "plate" TEXT NOT NULL,
    "guia_remision" TEXT NOT NULL,
    "factura" TEXT NOT NULL,
    "dispatched_volume" INTEGER CHECK ("dispatched_volume" IS NULL OR ("dispatched_volume" > 0 AND "dispatched_volume" <= "sold_volume")),
    "dispatched_at" DATETIME,
    "dispatched_plate" TEXT,
    "received_volume" INTEGER CHECK ("received_volume" IS NULL OR ("received_volume" > 0 AND "received_volume" <= "sold_volume")),
    "rejected" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "lots_received_or_rejected_check" CHECK (NOT ("rejected" AND "received_volume" IS NOT NULL)),
    CONSTRAINT "lots_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "lots_order_id_position_key" ON "lots"("order_id", "position");
CREATE INDEX "lots_plate_idx" ON "lots"("plate");

CREATE TABLE "movements" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "order_id" INTEGER NOT NULL,
    "event" TEXT NOT NULL CHECK ("event" IN ('SOLICITADO', 'VENDIDO', 'DESPACHADO', 'CERRADO', 'ANULADO', 'RECHAZADO')),
    "state" TEXT NOT NULL CHECK ("state" IN ('SOLICITADO', 'VENDIDO', 'POR_CERRAR', 'CERRADO', 'ANULADO', 'RECHAZADO')),
    "occurred_at" DATETIME NOT NULL,
    "user_id" INTEGER NOT NULL,
    "agent_id" INTEGER NOT NULL,
    "detail" TEXT,
    CONSTRAINT "movements_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "movements_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "movements_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "movements_order_id_occurred_at_idx" ON "movements"("order_id", "occurred_at");
CREATE INDEX "movements_occurred_at_idx" ON "movements"("occurred_at");
CREATE INDEX "movements_event_occurred_at_idx" ON "movements"("event", "occurred_at");
CREATE INDEX "movements_user_id_idx" ON "movements"("user_id");
CREATE INDEX "movements_agent_id_idx" ON "movements"("agent_id");

-- History is append-only whatever the code path: the database itself refuses to rewrite it.
CREATE TRIGGER "movements_no_update" BEFORE UPDATE ON "movements"
BEGIN
    SELECT RAISE(ABORT, 'Los movimientos son inmutables: no se pueden modificar');
END;
CREATE TRIGGER "movements_no_delete" BEFORE DELETE ON "movements"
BEGIN
    SELECT RAISE(ABORT, 'Los movimientos son inmutables: no se pueden eliminar');
END;

CREATE TABLE "counters" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" INTEGER NOT NULL
);
INSERT INTO "counters" ("name", "value") VALUES ('order_number', 0);

-- migrate:down
DROP TABLE "counters";
DROP TRIGGER "movements_no_delete";
DROP TRIGGER "movements_no_update";
DROP TABLE "movements";
DROP TABLE "lots";
DROP TABLE "orders";
DROP TABLE "users";
DROP TABLE "agents";
