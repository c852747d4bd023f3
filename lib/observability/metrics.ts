/**
 * The portal's Prometheus metrics (prom-client), served at /api/metrics. One registry per process,
 * kept on globalThis: the front door's bundle (server.ts) and Next.js's bundle each load this
 * module, and both must count into the same metrics.
 *
 * Labels take values from fixed sets only (route templates, action names, refusal codes), never
 * from user input, so the number of series stays bounded.
 *
 * To add a metric: declare it in createMetrics(), with the `scop_` prefix, and increment it where
 * the thing happens (`metrics().yourMetric.inc(...)`).
 */
import client from "prom-client";

/** Seconds: from a constant route (~1 ms) to a million-row export (~20 s). */
const HTTP_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const FAST_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** What a PostgreSQL pool looks like to the metrics (pg.Pool has these counters). */
export interface ObservedPool {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  readonly ended?: boolean;
}

function createMetrics() {
  const metrics = declareMetrics();
  // Series that exist from the start at zero, so that a rate over them is defined before the first event.
  for (const action of ["REGISTRAR", "VENDER", "DESPACHAR", "CERRAR", "ANULAR", "RECHAZAR"]) metrics.transitions.inc({ action, result: "ok" }, 0);
  for (const [engine, reason] of [["sqlite", "sqlite_busy"], ["postgresql", "serialization"], ["postgresql", "deadlock"]]) metrics.dbRetries.inc({ engine, reason }, 0);
  for (const format of ["csv", "xlsx"]) {
    for (const outcome of ["completed", "cancelled", "failed"]) metrics.exports.inc({ format, outcome }, 0);
    metrics.exportsInProgress.set({ format }, 0);
  }
  for (const result of ["fanned_out", "retried", "set_aside"]) metrics.outboxEvents.inc({ result }, 0);
  for (const result of ["delivered", "failed"]) metrics.webhookAttempts.inc({ result }, 0);
  for (const result of ["sent", "failed"]) metrics.emailsSent.inc({ result }, 0);
  return metrics;
}

function declareMetrics() {
  const registry = new client.Registry();
  const registers = [registry];
  client.collectDefaultMetrics({ register: registry });
  const pools = new Map<ObservedPool, string>();
  const sqliteLock = { waiting: 0, held: 0 };
  const outbox: { read?: () => Promise<OutboxBacklog>; reading?: Promise<OutboxBacklog | null> } = {};
  /**
   * One read of the database per scrape for the two outbox gauges: the registry collects every
   * metric at once, so both ask while the first read is in flight and share it. A database that
   * does not answer leaves them out of the scrape, which still succeeds.
   */
  const readOutbox = (): Promise<OutboxBacklog | null> => {
    if (!outbox.read) return Promise.resolve(null);
    outbox.reading ??= outbox
      .read()
      .catch(() => null)
      .finally(() => (outbox.reading = undefined));
    return outbox.reading;
  };
  const outboxAge = new client.Gauge({
    name: "scop_outbox_oldest_event_age_seconds",
    help: "Antigüedad del evento más antiguo sin distribuir (0 sin pendientes): el retraso de las notificaciones y los webhooks.",
    registers,
    async collect() {
      this.reset();
      const backlog = await readOutbox();
      if (backlog) this.set(backlog.oldestEventAt === null ? 0 : Math.max(0, (Date.now() - backlog.oldestEventAt.getTime()) / 1000));
    },
  });

  return {
    registry,
    pools,
    sqliteLock,
    outbox,
    httpRequests: new client.Counter({
      name: "scop_http_requests_total",
      help: "Solicitudes HTTP atendidas, por método, ruta (plantilla de Next.js) y código de estado.",
      labelNames: ["method", "route", "status"] as const,
      registers,
    }),
    httpDuration: new client.Histogram({
      name: "scop_http_request_duration_seconds",
      help: "Duración de las solicitudes HTTP, de la llegada al último byte de la respuesta.",
      labelNames: ["method", "route"] as const,
      buckets: HTTP_BUCKETS,
      registers,
    }),
    httpInFlight: new client.Gauge({
      name: "scop_http_requests_in_flight",
      help: "Solicitudes HTTP en curso.",
      registers,
    }),
    requestErrors: new client.Counter({
      name: "scop_request_errors_total",
      help: "Errores que Next.js atrapó al atender una solicitud, por ruta y tipo (render, route, action): una página puede fallar después de enviar su 200.",
      labelNames: ["route", "type"] as const,
      registers,
    }),
    transitions: new client.Counter({
      name: "scop_order_transitions_total",
      help: "Acciones sobre órdenes (registrar, vender, despachar, cerrar, anular, rechazar) por resultado: ok, el código de la negativa, o error.",
      labelNames: ["action", "result"] as const,
      registers,
    }),
    transitionDuration: new client.Histogram({
      name: "scop_order_transition_duration_seconds",
      help: "Duración de cada acción sobre una orden en el servidor (validación, transacción y sincronización).",
      labelNames: ["action"] as const,
      buckets: FAST_BUCKETS,
      registers,
    }),
    apiRefusals: new client.Counter({
      name: "scop_api_refusals_total",
      help: "Respuestas de problema (4xx) de la API v1 por código: clave no válida, límite de solicitudes, JSON, Idempotency-Key, y las negativas de las reglas y del estado de la orden.",
      labelNames: ["code"] as const,
      registers,
    }),
    dbRetries: new client.Counter({
      name: "scop_db_transaction_retries_total",
      help: "Transacciones repetidas por un conflicto de escritura: sqlite_busy (otro proceso tenía el bloqueo), serialization o deadlock (PostgreSQL), timeout.",
      labelNames: ["engine", "reason"] as const,
      registers,
    }),
    sqliteLockWait: new client.Histogram({
      name: "scop_sqlite_lock_wait_seconds",
      help: "Espera por el único escritor de SQLite de este proceso (serialized-sqlite-adapter.ts).",
      buckets: FAST_BUCKETS,
      registers,
    }),
    sqliteLockGauge: new client.Gauge({
      name: "scop_sqlite_lock_callers",
      help: "Llamadas a SQLite que tienen (held) o esperan (waiting) el bloqueo del único escritor.",
      labelNames: ["state"] as const,
      registers,
      collect() {
        this.set({ state: "held" }, sqliteLock.held);
        this.set({ state: "waiting" }, sqliteLock.waiting);
      },
    }),
    poolConnections: new client.Gauge({
      name: "scop_db_pool_connections",
      help: "Conexiones de los pools de PostgreSQL por pool (primary, read, export) y estado: total, idle, y clients waiting (solicitudes esperando una conexión).",
      labelNames: ["pool", "state"] as const,
      registers,
      collect() {
        this.reset();
        for (const [pool, name] of pools) {
          if (pool.ended) {
            pools.delete(pool);
            continue;
          }
          this.inc({ pool: name, state: "total" }, pool.totalCount);
          this.inc({ pool: name, state: "idle" }, pool.idleCount);
          this.inc({ pool: name, state: "waiting" }, pool.waitingCount);
        }
      },
    }),
    outboxEvents: new client.Counter({
      name: "scop_outbox_events_total",
      help: "Eventos del outbox que este proceso distribuyó (fanned_out: en notificaciones, correos y webhooks), o que fallaron (retried: se reintentará; set_aside: apartado tras muchos intentos).",
      labelNames: ["result"] as const,
      registers,
    }),
    outboxBacklog: new client.Gauge({
      name: "scop_outbox_backlog",
      help: "Trabajo pendiente en la base de datos (compartido por todas las instancias): events (eventos sin distribuir), webhooks (entregas pendientes), emails (correos pendientes).",
      labelNames: ["queue"] as const,
      registers,
      async collect() {
        this.reset();
        const backlog = await readOutbox();
        if (!backlog) return;
        this.set({ queue: "events" }, backlog.events);
        this.set({ queue: "webhooks" }, backlog.webhooks);
        this.set({ queue: "emails" }, backlog.emails);
      },
    }),
    outboxAge,
    webhookAttempts: new client.Counter({
      name: "scop_webhook_attempts_total",
      help: "Intentos de entrega de webhooks de este proceso: delivered (respuesta 2xx) o failed (se reintentará o se dio por fallido).",
      labelNames: ["result"] as const,
      registers,
    }),
    webhookLatency: new client.Histogram({
      name: "scop_webhook_attempt_duration_seconds",
      help: "Duración de cada intento de entrega de un webhook (hasta la respuesta o el error).",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    emailsSent: new client.Counter({
      name: "scop_emails_total",
      help: "Correos que este proceso envió por SMTP (sent) o no pudo enviar (failed: se reintentará o se dio por fallido).",
      labelNames: ["result"] as const,
      registers,
    }),
    logSequencerRuns: new client.Histogram({
      name: "scop_log_sequencer_run_seconds",
      help: "Duración de cada turno del secuenciador del registro de movimientos en este proceso (en SQLite incluye su espera por el escritor; lo que la aplicación esperó por él está en scop_log_sequencer_transaction_seconds_total).",
      buckets: FAST_BUCKETS,
      registers,
    }),
    logSequencerTransactions: new client.Counter({
      name: "scop_log_sequencer_transaction_seconds_total",
      help: "Tiempo dentro de las transacciones del secuenciador de este proceso: en SQLite, lo que los escritores de la aplicación esperaron por él.",
      registers,
    }),
    logLeaves: new client.Counter({
      name: "scop_log_leaves_total",
      help: "Hojas que el secuenciador de este proceso añadió al registro de movimientos.",
      registers,
    }),
    logTreeSize: new client.Gauge({
      name: "scop_log_tree_size",
      help: "Tamaño del árbol del registro de movimientos tras el último turno del secuenciador de este proceso.",
      registers,
    }),
    exports: new client.Counter({
      name: "scop_exports_total",
      help: "Exportaciones de Movimientos por formato (csv, xlsx) y resultado (completed, cancelled, failed).",
      labelNames: ["format", "outcome"] as const,
      registers,
    }),
    exportsInProgress: new client.Gauge({
      name: "scop_exports_in_progress",
      help: "Exportaciones de Movimientos en curso.",
      labelNames: ["format"] as const,
      registers,
    }),
    exportRows: new client.Counter({
      name: "scop_export_rows_total",
      help: "Órdenes escritas por las exportaciones terminadas.",
      labelNames: ["format"] as const,
      registers,
    }),
    exportBytes: new client.Counter({
      name: "scop_export_bytes_total",
      help: "Bytes entregados por las exportaciones (antes de la compresión HTTP).",
      labelNames: ["format"] as const,
      registers,
    }),
    exportDuration: new client.Histogram({
      name: "scop_export_duration_seconds",
      help: "Duración de las exportaciones terminadas.",
      labelNames: ["format"] as const,
      buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const METRICS = Symbol.for("scop.metrics");
const holder = globalThis as unknown as { [METRICS]?: Metrics };

export function metrics(): Metrics {
  return (holder[METRICS] ??= createMetrics());
}

/** The work the events worker has pending in the database (lib/events/backlog.ts). */
export interface OutboxBacklog {
  events: number;
  oldestEventAt: Date | null;
  webhooks: number;
  emails: number;
}

/** Reads the outbox's backlog at each scrape (set once, by the process that serves the metrics). */
export function observeOutbox(read: () => Promise<OutboxBacklog>): void {
  metrics().outbox.read ??= read;
}

/** Counts this PostgreSQL pool's connections under `name` until it ends. */
export function observePool(pool: ObservedPool, name: string): void {
  metrics().pools.set(pool, name);
}

/** The text Prometheus scrapes, and its content type. */
export async function exposition(): Promise<{ body: string; contentType: string }> {
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
