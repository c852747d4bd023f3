/**
 * What the server knows about the request being served, wherever the code runs: the front door
 * (server.ts) opens the context for each request, the app fills in who is acting once it knows,
 * and every log line written meanwhile carries it (log.ts), without passing it through every call.
 *
 * The front door is bundled apart from Next.js's own bundle, so each has its copy of this module:
 * the one AsyncLocalStorage they share is kept on globalThis.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestContext {
  /** the X-Request-Id of the request (lib/http/front-door.ts) */
  readonly requestId: string;
  /** the client's address, as the front door decided it */
  readonly clientAddress?: string;
  /** who acts, once the app has resolved the session or the API key */
  role?: string;
  userId?: number;
  apiKeyId?: number;
  /** set when Next.js caught an error serving it (the digest, or "error"): a page can fail after its 200 was sent */
  error?: string;
}

const STORAGE = Symbol.for("scop.requestContext");
const holder = globalThis as unknown as { [STORAGE]?: AsyncLocalStorage<RequestContext> };
const storage: AsyncLocalStorage<RequestContext> = (holder[STORAGE] ??= new AsyncLocalStorage<RequestContext>());

/** Runs `work` (and everything it starts, synchronously or not) inside this request's context. */
export function runInRequest<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** The context of the request being served; undefined outside a request (startup, timers, scripts). */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/**
 * Runs `work` outside any request: for callbacks of shared resources (a pool's connection, a
 * timer) that were created while some request was being served and would otherwise log under
 * its id.
 */
export function outsideRequest<T>(work: () => T): T {
  return storage.exit(work);
}

/** Records who is acting in the current request (the access log line and later lines show it). */
export function noteActor(actor: { role: string; userId?: number; apiKeyId?: number }): void {
  const context = storage.getStore();
  if (!context) return;
  context.role = actor.role;
  if (actor.userId !== undefined) context.userId = actor.userId;
  if (actor.apiKeyId !== undefined) context.apiKeyId = actor.apiKeyId;
}
