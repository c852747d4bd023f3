-- migrate:up
-- Events, never lost (PostgreSQL): the transactional outbox, the scheduler's runs, the portal's
-- notifications and e-mail preferences, the e-mail outbox, and webhook endpoints with their
-- deliveries and attempts. Users get an e-mail address, agents an optional registration term.
-- Mirrors prisma/schema.prisma; tests/db/schema.test.ts checks it.

ALTER TABLE "users" ADD COLUMN "email" TEXT CHECK ("email" IS NULL OR length("email") BETWEEN 3 AND 254);
ALTER TABLE "agents" ADD COLUMN "registry_expires_on" TEXT;

CREATE TABLE "outbox_events" (
    "id" SERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "order_id" INTEGER,
    "agent_id" INTEGER,
    "occurred_at" TIMESTAMP(3) NOT NULL,
    "data" TEXT,
    "occurrence_key" TEXT,
    "available_at" TIMESTAMP(3),
    "processed_at" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "outbox_events_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "outbox_events_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "outbox_events_occurrence_key_key" ON "outbox_events"("occurrence_key");
CREATE INDEX "outbox_events_processed_at_id_idx" ON "outbox_events"("processed_at", "id");
CREATE INDEX "outbox_events_order_id_id_idx" ON "outbox_events"("order_id", "id");
CREATE INDEX "outbox_events_agent_id_idx" ON "outbox_events"("agent_id");

CREATE TABLE "scheduler_runs" (
    "job" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "ran_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "scheduler_runs_pkey" PRIMARY KEY ("job", "period")
);

CREATE TABLE "notifications" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "event_id" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "order_code" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL,
    "read_at" TIMESTAMP(3),
    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "notifications_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "outbox_events" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "notifications_user_id_event_id_key" ON "notifications"("user_id", "event_id");
CREATE INDEX "notifications_user_id_read_at_idx" ON "notifications"("user_id", "read_at");
CREATE INDEX "notifications_user_id_created_at_idx" ON "notifications"("user_id", "created_at");
CREATE INDEX "notifications_event_id_idx" ON "notifications"("event_id");

CREATE TABLE "email_preferences" (
    "user_id" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    CONSTRAINT "email_preferences_pkey" PRIMARY KEY ("user_id", "type"),
    CONSTRAINT "email_preferences_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

CREATE TABLE "email_messages" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "event_id" INTEGER NOT NULL,
    "to_address" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL CHECK ("status" IN ('PENDIENTE', 'ENVIADO', 'RETENIDO', 'FALLIDO')),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3) NOT NULL,
    "locked_until" TIMESTAMP(3),
    "sent_at" TIMESTAMP(3),
    "last_error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "email_messages_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "email_messages_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "email_messages_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "outbox_events" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "email_messages_user_id_event_id_key" ON "email_messages"("user_id", "event_id");
CREATE INDEX "email_messages_status_next_attempt_at_idx" ON "email_messages"("status", "next_attempt_at");
CREATE INDEX "email_messages_event_id_idx" ON "email_messages"("event_id");

CREATE TABLE "webhook_endpoints" (
    "id" SERIAL NOT NULL,
    "agent_id" INTEGER NOT NULL,
    "created_by_user_id" INTEGER NOT NULL,
    "url" TEXT NOT NULL CHECK (length("url") BETWEEN 8 AND 2000),
    "description" TEXT,
    "event_types" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "previous_secret" TEXT,
    "previous_secret_expires_at" TIMESTAMP(3),
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabled_at" TIMESTAMP(3),
    "disabled_reason" TEXT,
    "failing_since" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "webhook_endpoints_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "webhook_endpoints_created_by_user_id_fkey" FOREIGN KEY ("created_by_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "webhook_endpoints_agent_id_idx" ON "webhook_endpoints"("agent_id");
CREATE INDEX "webhook_endpoints_created_by_user_id_idx" ON "webhook_endpoints"("created_by_user_id");

CREATE TABLE "webhook_deliveries" (
    "id" SERIAL NOT NULL,
    "endpoint_id" INTEGER NOT NULL,
    "event_id" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "ordering_key" TEXT NOT NULL,
    "order_code" TEXT,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL CHECK ("status" IN ('PENDIENTE', 'ENTREGADO', 'FALLIDO')),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3) NOT NULL,
    "locked_until" TIMESTAMP(3),
    "last_status_code" INTEGER,
    "last_latency_ms" INTEGER,
    "last_error" TEXT,
    "delivered_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "webhook_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "webhook_deliveries_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "outbox_events" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "webhook_deliveries_endpoint_id_event_id_key" ON "webhook_deliveries"("endpoint_id", "event_id");
CREATE INDEX "webhook_deliveries_status_next_attempt_at_idx" ON "webhook_deliveries"("status", "next_attempt_at");
CREATE INDEX "webhook_deliveries_endpoint_id_ordering_key_event_id_idx" ON "webhook_deliveries"("endpoint_id", "ordering_key", "event_id");
CREATE INDEX "webhook_deliveries_endpoint_id_id_idx" ON "webhook_deliveries"("endpoint_id", "id");
CREATE INDEX "webhook_deliveries_event_id_idx" ON "webhook_deliveries"("event_id");

CREATE TABLE "webhook_attempts" (
    "id" SERIAL NOT NULL,
    "delivery_id" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "status_code" INTEGER,
    "latency_ms" INTEGER NOT NULL,
    "error" TEXT,
    "worker" TEXT NOT NULL,
    "manual" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "webhook_attempts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "webhook_attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "webhook_attempts_delivery_id_id_idx" ON "webhook_attempts"("delivery_id", "id");

-- migrate:down
DROP TABLE "webhook_attempts";
DROP TABLE "webhook_deliveries";
DROP TABLE "webhook_endpoints";
DROP TABLE "email_messages";
DROP TABLE "email_preferences";
DROP TABLE "notifications";
DROP TABLE "scheduler_runs";
DROP TABLE "outbox_events";
ALTER TABLE "agents" DROP COLUMN "registry_expires_on";
ALTER TABLE "users" DROP COLUMN "email";
