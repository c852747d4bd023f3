-- migrate:up
-- Keys for the HTTP API and the stored outcomes of idempotent POSTs (PostgreSQL).
-- Mirrors prisma/schema.prisma; tests/db/schema.test.ts checks it.

CREATE TABLE "api_keys" (
    "id" SERIAL NOT NULL,
    "agent_id" INTEGER NOT NULL,
    "created_by_user_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL CHECK (length("name") BETWEEN 1 AND 100),
    "role" TEXT NOT NULL CHECK ("role" IN ('COMPRADOR', 'VENDEDOR', 'OPERADOR_PLANTA', 'REGULADOR', 'ADMINISTRADOR')),
    "prefix" TEXT NOT NULL CHECK (length("prefix") = 12),
    "secret_hash" TEXT NOT NULL CHECK (length("secret_hash") = 64),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),
    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "api_keys_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "api_keys_created_by_user_id_fkey" FOREIGN KEY ("created_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys"("prefix");
CREATE INDEX "api_keys_agent_id_created_at_idx" ON "api_keys"("agent_id", "created_at");
CREATE INDEX "api_keys_created_by_user_id_idx" ON "api_keys"("created_by_user_id");

CREATE TABLE "idempotency_records" (
    "id" SERIAL NOT NULL,
    "api_key_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL CHECK (length("key") BETWEEN 1 AND 200),
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status" INTEGER NOT NULL DEFAULT 0,
    "response_body" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "idempotency_records_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "idempotency_records_api_key_id_key_key" ON "idempotency_records"("api_key_id", "key");
CREATE INDEX "idempotency_records_created_at_idx" ON "idempotency_records"("created_at");

-- migrate:down
DROP TABLE "idempotency_records";
DROP TABLE "api_keys";
