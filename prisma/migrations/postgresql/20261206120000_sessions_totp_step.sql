-- migrate:up
-- Account security (PostgreSQL): every sign-in is a row of user_sessions, so that signing out
-- ends that session on the server (a copied cookie stops working), and users.totp_last_step
-- keeps the last accepted second-factor time step, so a code is accepted once (RFC 6238 §5.2).
-- Mirrors prisma/schema.prisma.

ALTER TABLE "users" ADD COLUMN "totp_last_step" INTEGER;

CREATE TABLE "user_sessions" (
    "id" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "ip" TEXT,
    "user_agent" TEXT,
    "ended_at" TIMESTAMP(3),
    CONSTRAINT "user_sessions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "user_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "user_sessions_user_id_idx" ON "user_sessions"("user_id");

-- migrate:down
DROP TABLE "user_sessions";
ALTER TABLE "users" DROP COLUMN "totp_last_step";
