/**
 * Every action on an order, counted and logged the same way whichever path called it (screens,
 * HTTP API): its result — ok, the refusal's stable code, or error — and its duration, in the
 * metrics (scop_order_transitions_total, scop_order_transition_duration_seconds), and one log
 * line with the order's code. The line carries the request's id, so an order's history can be
 * tied to the requests that made it.
 */
import { isDomainError } from "@/lib/errors";
import { log } from "@/lib/observability/log";
import { metrics } from "@/lib/observability/metrics";
import type { Actor, OrdersContext } from "./context";

export type OrderAction = "REGISTRAR" | "VENDER" | "DESPACHAR" | "CERRAR" | "ANULAR" | "RECHAZAR";

type Service<I, R> = (ctx: OrdersContext, actor: Actor, raw: I) => Promise<R>;

function codeOf(value: unknown): string | undefined {
  const code = (value as { code?: unknown } | null | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

export function metered<I, R>(action: OrderAction, service: Service<I, R>): Service<I, R> {
  return async (ctx, actor, raw) => {
    const started = performance.now();
    let result = "error";
    let code = codeOf(raw);
    try {
      const value = await service(ctx, actor, raw);
      result = "ok";
      code ??= codeOf(value);
      return value;
    } catch (error) {
      if (isDomainError(error)) result = error.code;
      throw error;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      const { transitions, transitionDuration } = metrics();
      transitions.inc({ action, result });
      transitionDuration.observe({ action }, seconds);
      const line = { action, result, order: code, ms: Math.round(seconds * 10_000) / 10 };
      if (result === "ok") log("orders").info(line, "acción sobre orden");
      else log("orders").info(line, "acción sobre orden rechazada");
    }
  };
}
