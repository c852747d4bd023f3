/**
 * The portal's one logger: pino, one JSON object per line on stdout (a log collector reads it as
 * is), with an ISO time, the level's name, and — inside a request — the request id, and who acts
 * once known (request-context.ts). LOG_LEVEL sets the level (default info; debug adds every
 * static file served).
 *
 * Nothing secret reaches a line: the values of the keys below, in any case and at any depth, are
 * replaced with "[REDACTED]" before the line is written (redact.ts, tests/observability/log.test.ts);
 * child loggers' bindings are not walked, so they name components and requests, never secrets.
 * Log what happened (codes, ids, counts), never a request's body or headers as a whole.
 */
import pino, { type Logger, type LoggerOptions } from "pino";
import { redactSecrets, secretKeySet } from "./redact";
import { currentRequest } from "./request-context";

/** Keys whose values never reach a log line: passwords, tokens, secrets, API keys, cookies, second factors. */
export const SECRET_KEYS = [
  "password",
  "newPassword",
  "currentPassword",
  "confirmPassword",
  "passwordHash",
  "temporaryPassword",
  "secret",
  "clientSecret",
  "totpSecret",
  "token",
  "accessToken",
  "refreshToken",
  "csrfToken",
  "sessionToken",
  "authorization",
  "cookie",
  "set-cookie",
  "apiKey",
  "api_key",
  "key",
  "keyHash",
  "x-api-key",
  "otp",
  "totp",
  "totpCode",
  "recoveryCode",
  "recoveryCodes",
  "connectionString",
  "databaseUrl",
  "DATABASE_URL",
  "NEXTAUTH_SECRET",
  "AUTH_CODE_SECRET",
  "SCOP_METRICS_TOKEN",
] as const;

const SECRETS = secretKeySet(SECRET_KEYS);

export function loggerOptions(level = process.env.LOG_LEVEL ?? "info"): LoggerOptions {
  return {
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }), log: (object) => redactSecrets(object, SECRETS) },
    // Inside a request: its id, and who acts once the app knows (a field the line sets itself wins).
    mixin() {
      const request = currentRequest();
      if (!request) return {};
      const fields: Record<string, unknown> = { reqId: request.requestId };
      if (request.role) fields.role = request.role;
      if (request.userId !== undefined) fields.userId = request.userId;
      if (request.apiKeyId !== undefined) fields.apiKeyId = request.apiKeyId;
      return fields;
    },
  };
}

const LOGGER = Symbol.for("scop.logger");
const holder = globalThis as unknown as { [LOGGER]?: { root: Logger; components: Map<string, Logger> } };

/**
 * The process's logger (one for the front door's bundle and Next.js's: kept on globalThis).
 * `component` names the part of the portal that writes the line.
 */
export function log(component?: string): Logger {
  const loggers = (holder[LOGGER] ??= { root: pino(loggerOptions()), components: new Map() });
  if (!component) return loggers.root;
  let child = loggers.components.get(component);
  if (!child) {
    child = loggers.root.child({ component });
    loggers.components.set(component, child);
  }
  return child;
}

/**
 * Sends the process's log lines to `destination` from now on (a script whose own output is on
 * stdout sends them to stderr; tests read what was written).
 */
export function logTo(destination: pino.DestinationStream, level?: string): Logger {
  const root = loggerTo(destination, level);
  holder[LOGGER] = { root, components: new Map() };
  return root;
}

/** A logger of the portal's format writing to `destination`, apart from the process's own. */
export function loggerTo(destination: pino.DestinationStream, level?: string): Logger {
  return pino(loggerOptions(level), destination);
}
