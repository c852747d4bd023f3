/**
 * The request id of the page or request that just failed, in the browser. The front door sends
 * each response's id in `Server-Timing: rid;desc="…"` as well as in X-Request-Id, because a page
 * cannot read its own responses' headers but can read their Server-Timing through the Performance
 * API (same origin, secure context: HTTPS or localhost). Entries are recorded from the first load
 * on (the browser's own buffer keeps only 250), and the error page takes the last page load or
 * fetch — a navigation's RSC request, a server action — that started before the error showed.
 */
const KEEP = 100;
const RID = /^[A-Za-z0-9._-]{8,64}$/;

interface Seen {
  start: number;
  id: string;
}

let seen: Seen[] = [];
let tracking = false;
const listeners = new Set<() => void>();

function record(entries: PerformanceEntryList) {
  let added = false;
  for (const entry of entries) {
    const timing = entry as PerformanceResourceTiming;
    if (entry.entryType === "resource" && timing.initiatorType !== "fetch" && timing.initiatorType !== "xmlhttprequest") continue;
    const id = timing.serverTiming?.find((metric) => metric.name === "rid")?.description;
    if (!id || !RID.test(id)) continue;
    seen.push({ start: entry.startTime, id });
    added = true;
  }
  if (!added) return;
  seen.sort((a, b) => a.start - b.start);
  if (seen.length > KEEP) seen = seen.slice(-KEEP);
  for (const listener of listeners) listener();
}

/** Starts recording (once per page load). */
export function trackRequestIds(): void {
  if (tracking || typeof performance === "undefined") return;
  tracking = true;
  record(performance.getEntriesByType("navigation"));
  if (typeof PerformanceObserver === "undefined") return;
  new PerformanceObserver((list) => record(list.getEntries())).observe({ type: "resource", buffered: true });
}

/** The id of the last request that started at or before `time` (performance.now() units). */
export function requestIdBefore(time: number): string | null {
  for (let i = seen.length - 1; i >= 0; i--) if (seen[i].start <= time) return seen[i].id;
  return null;
}

/** Calls `listener` whenever a request id is recorded; returns the unsubscribe. */
export function onRequestId(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
