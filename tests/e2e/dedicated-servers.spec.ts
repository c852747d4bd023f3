/**
 * Issue 14's defects that need a server of their own, started here on a fresh SQLite database:
 * - defect 3: a production start refuses the public development secrets (and no secrets, and
 *   `next start` without the front door); a cookie signed with the public secret is nobody;
 * - defect 2: the sign-in lockout, the address lock and the audit log see the socket's address,
 *   whatever X-Forwarded-For a client makes up (the address lock would lock the shared server's
 *   loopback for a day, hence a server of its own);
 * - defect 5's HSTS, sent only behind a trusted proxy that says the client came over HTTPS;
 * - defect 12: a second-factor code signs in once.
 * They use ports E2E_PORT+2 and +3, which the scale tests use later, one test at a time.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { createDatabase } from "@/lib/db/database";
import { startAppServer, type AppServer } from "@/harness/app-server";
import { seedDemoDatabase } from "@/harness/demo-database";
import { landing, signInOverHttp } from "./http-session";

test.describe.configure({ mode: "serial" });

const root = path.resolve(import.meta.dirname, "../..");
const PORT = Number(process.env.E2E_PORT ?? 3100) + 2;
const PUBLIC_NEXTAUTH_SECRET = "dev-only-nextauth-secret-change-me-0123456789";
const REAL_SECRETS = {
  NEXTAUTH_SECRET: "a-real-secret-of-this-test-only-0123456789abcdef",
  AUTH_CODE_SECRET: "another-real-secret-of-this-test-0123456789abcdef",
  WEBHOOK_SECRET_KEY: "a-third-real-secret-of-this-test-0123456789abcd",
  // a valid Ed25519 signing key that is not the demo's (the Go reference's example key)
  SCOP_LOG_SIGNING_KEY: "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz",
};

let databaseFile = "";
let server: AppServer | null = null;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  databaseFile = path.join(root, `data/e2e-dedicated-${process.pid}.db`);
  await seedDemoDatabase(`file:${databaseFile}`);
});
test.afterEach(async () => {
  await server?.kill();
  server = null;
});
test.afterAll(() => {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(databaseFile + suffix, { force: true });
});

/** Runs a command that must refuse to start; answers its exit code and what it printed. */
function refusedStart(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DATABASE_URL: `file:${databaseFile}`, NODE_ENV: "production", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`el servidor no se negó a iniciar en 60 s:\n${output}`));
    }, 60_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const SERVER = [path.join(root, ".next/scop-server.mjs"), "-H", "127.0.0.1", "-p", String(PORT)];

test("defect 3: a production start refuses missing secrets, the public ones, and `next start` without the front door", async () => {
  test.setTimeout(180_000);
  const missing = await refusedStart(SERVER, {});
  expect(missing.code).toBe(1);
  expect(missing.output).toContain("Falta la variable de entorno NEXTAUTH_SECRET");

  const publicSecret = await refusedStart(SERVER, { ...REAL_SECRETS, NEXTAUTH_SECRET: PUBLIC_NEXTAUTH_SECRET });
  expect(publicSecret.code).toBe(1);
  expect(publicSecret.output).toContain("NEXTAUTH_SECRET tiene el valor público de desarrollo");

  const nextStart = await refusedStart([path.join(root, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(PORT)], REAL_SECRETS);
  expect(nextStart.code).toBe(1);
  expect(nextStart.output).toContain("npm start");
});

test("defect 3: with real secrets, a cookie signed with the public development secret is nobody", async () => {
  server = await startAppServer({ databaseUrl: `file:${databaseFile}`, port: PORT, env: { SCOP_DEMO: "", ...REAL_SECRETS } });
  const db = createDatabase(`file:${databaseFile}`);
  const admin = await db.prisma.user.findUniqueOrThrow({ where: { username: "admin" } });
  await db.close();
  const forged = await encode({
    secret: PUBLIC_NEXTAUTH_SECRET,
    token: { userId: admin.id, username: "admin", role: "ADMINISTRADOR", agentId: admin.agentId, sessionVersion: admin.sessionVersion, sessionId: "inventada", signedInAt: Date.now() },
  });
  for (const path of ["/usuarios", "/registro"]) {
    const answer = await landing(server.url, path, `next-auth.session-token=${forged}`);
    expect(answer.status, path).toBe(307);
    expect(answer.location, path).toContain("/ingresar");
  }
  expect((await landing(server.url, "/regulador/movimientos/exportar", `next-auth.session-token=${forged}`)).status).not.toBe(200);
  // the real sign-in works
  const { cookie } = await signInOverHttp(server.url, "comprador");
  expect((await landing(server.url, "/ordenes", cookie)).status).toBe(200);
});

test("defect 5: HSTS only behind a trusted proxy that says HTTPS", async () => {
  server = await startAppServer({ databaseUrl: `file:${databaseFile}`, port: PORT, env: { SCOP_TRUSTED_PROXIES: "loopback" } });
  const https = await fetch(`${server.url}/ingresar`, { headers: { "x-forwarded-proto": "https" } });
  expect(https.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
  expect(https.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  const http = await fetch(`${server.url}/ingresar`);
  expect(http.headers.get("strict-transport-security")).toBeNull();
});

test("defect 12: a second-factor code signs in once", async () => {
  server = await startAppServer({ databaseUrl: `file:${databaseFile}`, port: PORT });
  // at the start of a step, so both attempts fall in it
  await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 200));
  const first = await signInOverHttp(server.url, "regulador", { otp: "totp" });
  expect(first.cookie).not.toBeNull();
  const replay = await signInOverHttp(server.url, "regulador", { otp: "totp" });
  expect(replay.cookie).toBeNull();
  expect(replay.error).toBe("OTP_INVALID");
});

// Last: it locks the loopback address of this database for a day.
test("defect 2: a made-up X-Forwarded-For neither unlocks a user, nor dodges the address lock, nor reaches the audit log", async () => {
  test.setTimeout(300_000);
  server = await startAppServer({ databaseUrl: `file:${databaseFile}`, port: PORT });
  const forged = (i: number) => ({ "x-forwarded-for": `203.0.113.${i % 250}`, "x-real-ip": `198.51.100.${i % 250}` });

  for (let i = 1; i <= 5; i++) expect((await signInOverHttp(server.url, "bloqueo", { password: `equivocada-${i}`, headers: forged(i) })).error).not.toBeNull();
  const locked = await signInOverHttp(server.url, "bloqueo", { headers: forged(99) });
  expect(locked.cookie).toBeNull();
  expect(locked.error).toMatch(/^LOCKED:/);

  const db = createDatabase(`file:${databaseFile}`);
  const addresses = await db.prisma.auditEvent.findMany({ where: { username: "bloqueo" }, select: { ip: true, action: true } });
  expect(addresses.length).toBeGreaterThanOrEqual(6);
  expect(new Set(addresses.map((event) => event.ip))).toEqual(new Set(["127.0.0.1"]));

  // 100 failures a day lock the address, made-up headers or not: then even a right password is refused
  const failuresSoFar = await db.prisma.auditEvent.count({ where: { action: "SIGN_IN_FAILED", ip: "127.0.0.1" } });
  await db.close();
  for (let i = failuresSoFar + 1; i <= 100; i++) {
    const attempt = await signInOverHttp(server.url, `nadie-${i}`, { password: "no-importa", headers: forged(i) });
    expect(attempt.cookie).toBeNull();
  }
  const afterLock = await signInOverHttp(server.url, "comprador", { headers: forged(7) });
  expect(afterLock.cookie).toBeNull();
  expect(afterLock.error).toMatch(/^LOCKED:/);
});
