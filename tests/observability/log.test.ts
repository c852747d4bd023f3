/**
 * The portal's log lines: JSON with the request id on every line written inside a request, who
 * acts once known, and never a secret — at any depth, in arrays, in header
 * names with dashes — while what an operator needs (order codes, usernames, routes) stays.
 */
import { describe, expect, it } from "vitest";
import { log, loggerTo, logTo } from "@/lib/observability/log";
import { MAX_DEPTH, redactSecrets, secretKeySet } from "@/lib/observability/redact";
import { noteActor, runInRequest } from "@/lib/observability/request-context";

function capture(level = "debug") {
  const raw: string[] = [];
  const destination = { write: (line: string) => void raw.push(line) };
  return { logger: loggerTo(destination, level), raw, lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const SECRETS = {
  password: "Scop-Demo-2026",
  token: "tok_4f1c2b9e8d7a6f5e",
  apiKey: "scop_KalvDUqq-pND_2FABnn3BAQtIz8USGv_Rc4cqTGXCJtvt",
  cookie: "next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0",
  otp: "492817",
  secret: "KRSXG5CTINHVAR2MKBCW2T3TMVRXEZLU",
};

describe("log lines", () => {
  it("are JSON with an ISO time and the level's name", () => {
    const { logger, lines } = capture();
    logger.info({ order: "54460617869" }, "acción sobre orden");
    const [line] = lines();
    expect(line).toMatchObject({ level: "info", order: "54460617869", msg: "acción sobre orden" });
    expect(new Date(String(line.time)).toISOString()).toBe(line.time);
  });

  it("never carry a password, token, API key, cookie, second-factor code or secret, at any depth up to four", () => {
    const { logger, raw, lines } = capture();
    logger.info({ ...SECRETS, username: "comprador", code: "54460617869" }, "nivel 0");
    logger.info({ credentials: { username: "comprador", password: SECRETS.password, otp: SECRETS.otp } }, "nivel 1");
    logger.info({ request: { headers: { authorization: `Bearer ${SECRETS.apiKey}`, cookie: SECRETS.cookie, "set-cookie": SECRETS.cookie, "x-api-key": SECRETS.apiKey } } }, "nivel 2");
    logger.info({ a: { b: { c: { newPassword: SECRETS.password, totpSecret: SECRETS.secret, csrfToken: SECRETS.token } } } }, "nivel 3");
    logger.info({ users: [{ username: "admin", password: SECRETS.password }, { username: "regulador", recoveryCodes: ["aaaa-bbbb"] }] }, "lista");
    logger.error({ err: Object.assign(new Error("falló"), { apiKey: SECRETS.apiKey }) }, "error");
    const text = raw.join("");
    for (const value of [...Object.values(SECRETS), "aaaa-bbbb"]) expect(text, value).not.toContain(value);
    const [zero, one, two, three, list] = lines();
    expect(zero).toMatchObject({ password: "[REDACTED]", otp: "[REDACTED]", username: "comprador", code: "54460617869" });
    expect(one.credentials).toEqual({ username: "comprador", password: "[REDACTED]", otp: "[REDACTED]" });
    expect((two.request as { headers: unknown }).headers).toEqual({ authorization: "[REDACTED]", cookie: "[REDACTED]", "set-cookie": "[REDACTED]", "x-api-key": "[REDACTED]" });
    expect(three.a).toEqual({ b: { c: { newPassword: "[REDACTED]", totpSecret: "[REDACTED]", csrfToken: "[REDACTED]" } } });
    expect(list.users).toEqual([{ username: "admin", password: "[REDACTED]" }, { username: "regulador", recoveryCodes: "[REDACTED]" }]);
  });

  it("censor secrets at any depth and in any case, in errors under any key, and leave the caller's object as it was", () => {
    const { logger, raw, lines } = capture();
    const deep = { a: { b: { c: { d: { e: { f: { password: SECRETS.password, code: "54460617869" } } } } } } };
    const headers = { Authorization: `Bearer ${SECRETS.apiKey}`, "Set-Cookie": SECRETS.cookie, accept: "application/json" };
    const failure = Object.assign(new Error("no se pudo conectar"), { connectionString: "postgres://scop:clave@db/scop", code: "ECONNREFUSED" });
    logger.info({ deep, headers }, "profundo");
    logger.warn({ failure }, "fallo");
    const text = raw.join("");
    for (const value of [SECRETS.password, SECRETS.apiKey, SECRETS.cookie, "clave@db"]) expect(text, value).not.toContain(value);
    const [first, second] = lines();
    expect(first).toMatchObject({ deep: { a: { b: { c: { d: { e: { f: { password: "[REDACTED]", code: "54460617869" } } } } } } } });
    expect(first.headers).toEqual({ Authorization: "[REDACTED]", "Set-Cookie": "[REDACTED]", accept: "application/json" });
    expect(second.failure).toMatchObject({ type: "Error", message: "no se pudo conectar", connectionString: "[REDACTED]", code: "ECONNREFUSED" });
    expect(String((second.failure as { stack: string }).stack)).toContain("no se pudo conectar");
    // the walk copies; what the caller logged is untouched
    expect(deep.a.b.c.d.e.f.password).toBe(SECRETS.password);
    expect(headers.Authorization).toContain(SECRETS.apiKey);
    expect(failure.connectionString).toContain("clave@db");
  });

  it("censor whole what lies deeper than a log line should go, rather than walk it unchecked", () => {
    let nested: Record<string, unknown> = { password: SECRETS.password };
    for (let i = 0; i < MAX_DEPTH + 2; i++) nested = { level: nested };
    const { logger, raw } = capture();
    logger.info({ nested }, "muy profundo");
    expect(raw).toHaveLength(1);
    expect(raw[0]).not.toContain(SECRETS.password);
    expect(raw[0]).toContain("[REDACTED]");
  });

  it("pass a line without secrets as it came, without copying it", () => {
    const line = { order: "54460617869", lots: [{ plate: "ABC-123", volume: 100 }], at: new Date(0) };
    expect(redactSecrets(line, secretKeySet(["password"]))).toBe(line);
    const withSecret = { order: "54460617869", lots: [{ plate: "ABC-123", token: "t" }], other: { volume: 1 } };
    const redacted = redactSecrets(withSecret, secretKeySet(["token"]));
    expect(redacted).not.toBe(withSecret);
    expect(redacted.other).toBe(withSecret.other);
    expect(redacted.lots[0]).toEqual({ plate: "ABC-123", token: "[REDACTED]" });
  });

  it("carry the request id inside a request, across awaits and timers, and who acts once the app knows", async () => {
    const { logger, lines } = capture();
    logger.info("fuera");
    await runInRequest({ requestId: "0123456789abcdef", clientAddress: "203.0.113.7" }, async () => {
      logger.info("al llegar");
      await new Promise((resolve) => setTimeout(resolve, 5));
      noteActor({ role: "COMPRADOR", userId: 7 });
      await Promise.resolve();
      logger.info("después de la sesión");
    });
    const [outside, arrived, known] = lines();
    expect(outside.reqId).toBeUndefined();
    expect(arrived).toMatchObject({ reqId: "0123456789abcdef" });
    expect(arrived.role).toBeUndefined();
    expect(known).toMatchObject({ reqId: "0123456789abcdef", role: "COMPRADOR", userId: 7 });
  });

  it("keep two concurrent requests apart", async () => {
    const { logger, lines } = capture();
    const serve = (requestId: string, delay: number) =>
      runInRequest({ requestId }, async () => {
        await new Promise((resolve) => setTimeout(resolve, delay));
        logger.info({ served: requestId }, "listo");
      });
    await Promise.all([serve("aaaaaaaaaaaaaaaa", 10), serve("bbbbbbbbbbbbbbbb", 1)]);
    for (const line of lines()) expect(line.reqId).toBe(line.served);
  });

  it("go through the process's one logger, which names the component", () => {
    const raw: string[] = [];
    logTo({ write: (line: string) => void raw.push(line) }, "info");
    log("orders").info({ order: "54460617869" }, "acción sobre orden");
    log("orders").debug("no se escribe en nivel info");
    expect(raw).toHaveLength(1);
    expect(JSON.parse(raw[0])).toMatchObject({ component: "orders", order: "54460617869" });
  });
});
