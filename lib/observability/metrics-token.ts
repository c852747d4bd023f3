/**
 * Who may read /api/metrics: a scraper presenting SCOP_METRICS_TOKEN as a bearer token. Without a
 * token in the environment the metrics are off (they tell an outsider the traffic, the refusals
 * and the load). The comparison takes the same time whatever the token sent.
 */
import { createHash, timingSafeEqual } from "node:crypto";

export const MIN_METRICS_TOKEN_LENGTH = 16;

export type MetricsAccess = "granted" | "disabled" | "denied";

const digest = (text: string) => createHash("sha256").update(text).digest();

export function metricsAccess(authorization: string | null, configured = process.env.SCOP_METRICS_TOKEN): MetricsAccess {
  if (!configured || configured.length < MIN_METRICS_TOKEN_LENGTH) return "disabled";
  const sent = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1] ?? "";
  // Hashing first gives equal lengths, so timingSafeEqual never returns early on a length mismatch.
  return timingSafeEqual(digest(sent), digest(configured)) ? "granted" : "denied";
}
