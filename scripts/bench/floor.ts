/**
 * The floor of the database: the mix's transitions done directly on the driver (better-sqlite3 or
 * pg), without the framework or Prisma — the statements the app sends (docs/decisions/0007): one
 * read of the order with what the rules need, then one guarded write (the compare-and-set on
 * (state, version), the capacity, the movement and its outbox event, the lots) written with the
 * app's own Dialect.guardedWrite — one statement on PostgreSQL, outside any transaction; on SQLite
 * the guard and its writes in one transaction. A registration takes its number and writes in one
 * transaction, as the app does. better-sqlite3 is synchronous and
 * SQLite takes one writer, so its floor runs one transition at a time; pg runs `connections`
 * workers over a pool as large as the app's.
 */
import Sqlite from "better-sqlite3";
import pg from "pg";
import { AuthorizationCodeGenerator } from "@/lib/authorization-code/code";
import { NEXT_ORDER_NUMBER, dialectOf, type Engine } from "@/lib/db/engine";
import { GUARD_HELD, render, sql, type Sql } from "@/lib/db/sql";
import { MOVEMENT_EVENT_TYPE } from "@/lib/events/catalog";
import type { MovementEvent } from "@/lib/orders/states";
import { LOT_VOLUMES, ORDER_VOLUME, REJECTION_REASON, lifecycleFor, type Step } from "./mix";
import { latencyHistogram, measurement, type Measurement } from "./measure";
import { partiesOf, type BenchWorld } from "./world";

type Row = Record<string, unknown>;
type Query = (sql: string, params?: unknown[]) => Promise<Row[]>;

interface Driver {
  /** one transaction; `work` sends its statements through `query` */
  transaction<T>(work: (query: Query) => Promise<T>): Promise<T>;
  /** `work`'s statements on one connection, each on its own (PostgreSQL); in one transaction on SQLite, whose guarded write needs one */
  statements<T>(work: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const hundredths = (gallons: string) => Math.round(Number(gallons) * 100);

export function sqliteDriver(path: string): Driver {
  const db = new Sqlite(path);
  // The app's pragmas (lib/db/serialized-sqlite-adapter.ts): the same durability.
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  const statements = new Map<string, Sqlite.Statement>();
  const query: Query = async (sql, params = []) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    const values = params.map((value) => (typeof value === "boolean" ? Number(value) : value));
    return statement.reader ? (statement.all(...values) as Row[]) : (statement.run(...values), []);
  };
  const driver: Driver = {
    statements: (work) => driver.transaction(work),
    async transaction(work) {
      db.exec("BEGIN IMMEDIATE");
      try {
        const result = await work(query);
        db.exec("COMMIT");
        return result;
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      }
    },
    async close() {
      db.close();
    },
  };
  return driver;
}

export function postgresDriver(url: string, poolSize: number): Driver {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const queryOn =
    (client: pg.PoolClient): Query =>
    async (sql, params = []) => {
      let n = 0;
      return (await client.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows;
    };
  return {
    async statements(work) {
      const client = await pool.connect();
      try {
        return await work(queryOn(client));
      } finally {
        client.release();
      }
    },
    async transaction(work) {
      const client = await pool.connect();
      const query = queryOn(client);
      try {
        await client.query("BEGIN");
        const result = await work(query);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

interface Order {
  id: number;
  code: string;
}

class Refused extends Error {}

type Guarded = (query: Query) => Promise<boolean>;

/**
 * A guarded write as the app writes it (lib/db/sql.ts writeGuarded), with the engine's own
 * statements (engine.ts Dialect.guardedWrite): one data-modifying CTE on PostgreSQL, the guard and
 * then its writes on SQLite. True when the guard changed a row.
 */
function guarded(engine: Engine, guard: Sql, writes: Sql[]): Guarded {
  const dialect = dialectOf(engine);
  return async (query) => {
    const run = (statement: Sql) => {
      const { text, values } = render(statement, dialect);
      return query(text, values.map(dialect.bind));
    };
    const [first, ...rest] = dialect.guardedWrite(guard, writes);
    if ((await run(first)).length === 0) return false;
    for (const statement of rest) await run(statement);
    return true;
  };
}

interface Loaded {
  id: number;
  state: string;
  version: number;
  buyer_id: number;
  seller_id: number;
  requested_volume: number;
  /** one per lot (with `lots`) */
  lots: { id: number; position: number; sold_volume: number }[];
  /** the trucks with the asked plates, by plate (with `plates`) */
  trucks: Map<string, number>;
}

/**
 * The order, as the app reads it: in one statement with what the rules need — the parties'
 * registry status (checked VIGENTE), the lots, the trucks with the plates in use.
 */
async function load(query: Query, code: string, needs: { parties?: boolean; lots?: boolean; plates?: string[] } = {}): Promise<Loaded> {
  const plates = needs.plates ?? [];
  const rows = await query(
    `SELECT o.id, o.state, o.version, o.buyer_id, o.seller_id, o.requested_volume
       ${needs.parties ? ", b.registry_status AS buyer_status, s.registry_status AS seller_status, p.registry_status AS plant_status, b.insurance_expires_on" : ""}
       ${needs.lots ? ", l.id AS lot_id, l.position, l.sold_volume" : ""}
       ${plates.length ? ", t.id AS truck_id, t.plate AS truck_plate, t.capacity, t.status, t.insurance_expires_on AS truck_insurance" : ""}
     FROM orders o
       ${needs.parties ? "JOIN agents b ON b.id = o.buyer_id JOIN agents s ON s.id = o.seller_id LEFT JOIN agents p ON p.id = o.plant_id" : ""}
       ${needs.lots ? "LEFT JOIN lots l ON l.order_id = o.id" : ""}
       ${plates.length ? `LEFT JOIN trucks t ON t.owner_agent_id IN (o.seller_id, o.buyer_id) AND t.plate IN (${plates.map(() => "?").join(", ")})` : ""}
     WHERE o.code = ?`,
    [...plates, code],
  );
  if (!rows.length) throw new Refused("orden no encontrada");
  const [first] = rows;
  if (needs.parties && [first.buyer_status, first.seller_status, first.plant_status ?? "VIGENTE"].some((status) => status !== "VIGENTE")) {
    throw new Refused("agente no vigente");
  }
  const lots = new Map<number, Loaded["lots"][number]>();
  const trucks = new Map<string, number>();
  for (const row of rows) {
    if (row.lot_id != null) lots.set(Number(row.lot_id), { id: Number(row.lot_id), position: Number(row.position), sold_volume: Number(row.sold_volume) });
    if (row.truck_id != null) trucks.set(String(row.truck_plate), Number(row.truck_id));
  }
  return {
    ...(first as unknown as Omit<Loaded, "lots" | "trucks">),
    lots: [...lots.values()].sort((a, b) => a.position - b.position),
    trucks,
  };
}

/** The compare-and-set on (state, version): the guard of every transition's write. */
function compareAndSet(order: Loaded, to: string, set: Sql, at: string): Sql {
  return sql`UPDATE orders SET state = ${to}, version = version + 1, updated_at = ${at}${set} WHERE id = ${order.id} AND state = ${order.state} AND version = ${order.version} RETURNING id`;
}

/** The movement and its outbox event, as the app writes them with the compare-and-set (lib/orders/movements.ts). */
function movement(orderId: number, event: string, state: string, actor: { userId: number; agentId: number }, at: string, detail?: string): Sql[] {
  return [
    sql`INSERT INTO movements (order_id, event, state, occurred_at, user_id, agent_id, detail)
      SELECT ${orderId}, ${event}, ${state}, ${at}, ${actor.userId}, ${actor.agentId}, ${detail ?? null} WHERE ${GUARD_HELD}`,
    sql`INSERT INTO outbox_events (type, order_id, agent_id, occurred_at, data)
      SELECT ${MOVEMENT_EVENT_TYPE[event as MovementEvent]}, ${orderId}, ${actor.agentId}, ${at}, ${null} WHERE ${GUARD_HELD}`,
  ];
}

function release(order: Loaded): Sql {
  return sql`UPDATE agents SET committed_volume = committed_volume - ${order.requested_volume} WHERE id = ${order.buyer_id} AND ${GUARD_HELD}`;
}

async function write(query: Query, write: Guarded) {
  if (!(await write(query))) throw new Refused("la orden cambió");
}

/**
 * One transition of the mix: a function of the driver's `query`, and whether it needs a
 * transaction of its own (a registration: the number and the write; the others are one read and
 * one guarded write, a single statement on PostgreSQL).
 */
function transition(engine: Engine, world: BenchWorld, codes: AuthorizationCodeGenerator, n: number, flow: "A" | "B", step: Step, order: Order | null) {
  const parties = partiesOf(world, n);
  const seller = flow === "A" ? parties.sellerA : parties.sellerB;
  const now = () => new Date().toISOString();
  // Lima is UTC−5 all year.
  const limaToday = () => new Date(Date.now() - 5 * 3_600_000).toISOString().slice(0, 10);
  return async (query: Query): Promise<Order | null> => {
    if (step === "register") {
      const ids = flow === "A" ? [parties.buyer.agentId, seller.agentId] : [parties.buyer.agentId, seller.agentId, parties.plant.agentId];
      const agents = await query(`SELECT id, registry_status, insurance_expires_on FROM agents WHERE id IN (${ids.map(() => "?").join(", ")})`, ids);
      if (agents.length !== ids.length || agents.some((row) => row.registry_status !== "VIGENTE")) throw new Refused("agente no vigente");
      const volume = hundredths(ORDER_VOLUME);
      // the app's own statement for the engine (lib/db/engine.ts), as the driver gets it
      const [{ value }] = await query(render(NEXT_ORDER_NUMBER, dialectOf(engine)).text);
      const id = Number(value);
      const code = codes.codeFor(id);
      const at = now();
      const reserved = await guarded(
        engine,
        sql`UPDATE agents SET committed_volume = committed_volume + ${volume}
          WHERE id = ${parties.buyer.agentId} AND storage_capacity - committed_volume >= ${volume} AND NOT EXISTS (SELECT 1 FROM orders WHERE code = ${code}) RETURNING id`,
        [
          sql`INSERT INTO orders (id, code, flow, buyer_id, seller_id, plant_id, requested_volume, delivery_date, state, version, requested_at, updated_at)
            SELECT ${id}, ${code}, ${flow}, ${parties.buyer.agentId}, ${seller.agentId}, ${flow === "B" ? parties.plant.agentId : null}, ${volume}, ${"2026-12-31"}, ${"SOLICITADO"}, ${0}, ${at}, ${at}
            WHERE ${GUARD_HELD}`,
          ...movement(id, "SOLICITADO", "SOLICITADO", parties.buyer, at),
        ],
      )(query);
      if (!reserved) throw new Refused("capacidad insuficiente");
      return { id, code };
    }
    const at = now();
    if (step === "sale") {
      const plates = LOT_VOLUMES.map((_, index) => seller.plates[index]);
      const current = await load(query, order!.code, { parties: true, plates });
      const to = flow === "A" ? "POR_CERRAR" : "VENDIDO";
      const lots = LOT_VOLUMES.map((volume, index) => {
        const truck = current.trucks.get(plates[index]);
        if (truck === undefined) throw new Refused("cisterna no registrada");
        return sql`INSERT INTO lots (order_id, position, sold_volume, plate, truck_id, guia_remision, factura, load_day)
          SELECT ${current.id}, ${index + 1}, ${hundredths(volume)}, ${plates[index]}, ${truck}, ${"T001-00000001"}, ${"F001-00000001"}, ${flow === "A" ? "2026-12-01" : null}
          WHERE ${GUARD_HELD}`;
      });
      await write(query, guarded(engine, compareAndSet(current, to, sql`, sold_at = ${at}`, at), [...movement(current.id, "VENDIDO", to, seller, at), ...lots]));
    } else if (step === "dispatch") {
      const current = await load(query, order!.code, { parties: true, lots: true, plates: seller.plates.slice(0, LOT_VOLUMES.length) });
      const lots = current.lots.map(
        (lot) => sql`UPDATE lots SET dispatched_volume = ${lot.sold_volume}, dispatched_at = ${at}, load_day = ${"2026-12-01"} WHERE id = ${lot.id} AND ${GUARD_HELD}`,
      );
      await write(
        query,
        guarded(engine, compareAndSet(current, "POR_CERRAR", sql`, dispatched_at = ${at}, por_cerrar_at = ${at}`, at), [
          ...movement(current.id, "DESPACHADO", "POR_CERRAR", parties.plant, at),
          ...lots,
        ]),
      );
    } else if (step === "close") {
      const current = await load(query, order!.code, { lots: true });
      // As closeOrder: the descarga declared now, due today (Lima), on time.
      const lots = current.lots.map((lot) => sql`UPDATE lots SET received_volume = ${lot.sold_volume}, unloaded_at = ${at} WHERE id = ${lot.id} AND ${GUARD_HELD}`);
      const set = sql`, ended_at = ${at}, due_day = ${limaToday()}, days_late = 0, lateness_basis = 'DESCARGA'`;
      await write(query, guarded(engine, compareAndSet(current, "CERRADO", set, at), [release(current), ...movement(current.id, "CERRADO", "CERRADO", parties.buyer, at), ...lots]));
    } else if (step === "annul") {
      const current = await load(query, order!.code);
      await write(query, guarded(engine, compareAndSet(current, "ANULADO", sql`, ended_at = ${at}`, at), [release(current), ...movement(current.id, "ANULADO", "ANULADO", parties.buyer, at)]));
    } else {
      const current = await load(query, order!.code);
      const set = sql`, ended_at = ${at}, rejection_reason = ${REJECTION_REASON}, non_delivery_known_at = ${at}, due_day = ${limaToday()}, days_late = 0, lateness_basis = 'AVISO'`;
      await write(
        query,
        guarded(engine, compareAndSet(current, "RECHAZADO", set, at), [
          release(current),
          ...movement(current.id, "RECHAZADO", "RECHAZADO", parties.buyer, at, REJECTION_REASON),
          sql`UPDATE lots SET rejected = ${true} WHERE order_id = ${current.id} AND ${GUARD_HELD}`,
        ]),
      );
    }
    return order;
  };
}

let lifecycles = 0;

/** `workers` lifecycles at a time for `seconds`, each transition timed. */
export async function measureFloor(
  engine: Engine,
  driver: Driver,
  world: BenchWorld,
  codes: AuthorizationCodeGenerator,
  { workers, seconds }: { workers: number; seconds: number },
): Promise<Measurement> {
  const histogram = latencyHistogram();
  let succeeded = 0;
  let failed = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const n = lifecycles++;
      const { flow, steps } = lifecycleFor(0, n);
      let order: Order | null = null;
      for (const step of steps) {
        if (performance.now() >= deadline) break;
        const begun = performance.now();
        try {
          const work = transition(engine, world, codes, n, flow, step, order);
          order = await (step === "register" ? driver.transaction(work) : driver.statements(work));
          succeeded++;
          histogram.recordValue(Math.max(1, Math.round((performance.now() - begun) * 1000)));
        } catch (error) {
          if (!(error instanceof Refused)) throw error;
          failed++;
          break;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  const outcome = measurement(histogram, succeeded, failed, (performance.now() - started) / 1000);
  histogram.destroy();
  return outcome;
}
