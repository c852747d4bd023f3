/**
 * The log's redaction: one walk over what a line carries, replacing the value of every secret key
 * (compared without case) at any depth. It copies only the objects on the way to a secret, so a
 * line without one is written as it came. pino's own `redact` did the same with path patterns
 * (`*.*.password`…) and cost about 140 µs a line, most of a request's logging; this walk costs
 * about a microsecond (npm run bench:logging).
 */
import { stdSerializers } from "pino";

export const CENSOR = "[REDACTED]";
/** Deeper than this, a value is censored whole: a log line has no business that deep. */
export const MAX_DEPTH = 8;

export function secretKeySet(keys: readonly string[]): ReadonlySet<string> {
  return new Set(keys.map((key) => key.toLowerCase()));
}

/** `value` with every secret key's value censored; the same object when there is none. */
export function redactSecrets<T>(value: T, secrets: ReadonlySet<string>): T {
  return walk(value, secrets, 0) as T;
}

function walk(value: unknown, secrets: ReadonlySet<string>, depth: number): unknown {
  if (value === null || typeof value !== "object") return value;
  if (depth > MAX_DEPTH) return CENSOR;
  // an Error's message, stack and own fields only reach JSON once serialized: serialize it here,
  // so its fields are walked like any object's
  if (value instanceof Error) return walkObject(stdSerializers.err(value) as object, secrets, depth, true);
  if (ArrayBuffer.isView(value) || typeof (value as { toJSON?: unknown }).toJSON === "function") return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item = walk(value[i], secrets, depth + 1);
      if (item !== value[i]) (copy ??= value.slice())[i] = item;
    }
    return copy ?? value;
  }
  return walkObject(value, secrets, depth, false);
}

function walkObject(value: object, secrets: ReadonlySet<string>, depth: number, fresh: boolean): object {
  let copy: Record<string, unknown> | null = null;
  const source = value as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    const field = source[key];
    const redacted = secrets.has(key.toLowerCase()) ? (field === undefined ? undefined : CENSOR) : walk(field, secrets, depth + 1);
    if (redacted === field) continue;
    copy ??= fresh ? source : { ...source };
    copy[key] = redacted;
  }
  return copy ?? value;
}
