-- migrate:up
-- Registry administration and account security (SQLite): second factor, recovery codes, the
-- audit log and the sign-in rate-limit counters. Mirrors prisma/schema.prisma.

ALTER TABLE "users" ADD COLUMN "totp_secret" TEXT;
ALTER TABLE "users" ADD COLUMN "totp_enabled_at" DATETIME;

CREATE TABLE "recovery_codes" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL,
    "code_hash" TEXT NOT NULL,
    "used_at" DATETIME,
    CONSTRAINT "recovery_codes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "recovery_codes_user_id_idx" ON "recovery_codes"("user_id");

CREATE TABLE "audit_events" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "user_id" INTEGER,
    "username" TEXT NOT NULL,
    "ip" TEXT,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "detail" TEXT,
    CONSTRAINT "audit_events_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "audit_events_at_idx" ON "audit_events"("at");
CREATE INDEX "audit_events_action_at_idx" ON "audit_events"("action", "at");
CREATE INDEX "audit_events_user_id_idx" ON "audit_events"("user_id");

-- The audit log is append-only, like the movements.
CREATE TRIGGER "audit_events_no_update" BEFORE UPDATE ON "audit_events"
BEGIN
    SELECT RAISE(ABORT, 'El registro de auditoría es inmutable: no se puede modificar');
END;
CREATE TRIGGER "audit_events_no_delete" BEFORE DELETE ON "audit_events"
BEGIN
    SELECT RAISE(ABORT, 'El registro de auditoría es inmutable: no se puede eliminar');
END;

CREATE TABLE "rate_limits" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL,
    "expire" DATETIME
);
CREATE INDEX "rate_limits_expire_idx" ON "rate_limits"("expire");

-- migrate:down
DROP TABLE "rate_limits";
DROP TRIGGER "audit_events_no_delete";
DROP TRIGGER "audit_events_no_update";
DROP TABLE "audit_events";
DROP TABLE "recovery_codes";
ALTER TABLE "users" DROP COLUMN "totp_enabled_at";
ALTER TABLE "users" DROP COLUMN "totp_secret";
