/**
 * The floor of the database: the mix's transitions done directly on the driver (better-sqlite3 or
 * pg), without the framework or Prisma — the same statements a lean service sends: the reads the
 * rules need, the compare-and-set on (state, version), the capacity's conditional update, the
 * movement and the lots, each transition in one transaction. better-sqlite3 is synchronous and
 * SQLite takes one writer, so its floor runs one transition at a time; pg runs `connections`
 * workers over a pool as large as the app's.
 */
import Sqlite from "better-sqlite3";
import pg from "pg";
import { AuthorizationCodeGenerator } from "@/lib/authorization-code/code";
import { NEXT_ORDER_NUMBER, dialectOf, type Engine } from "@/lib/db/engine";
import { render } from "@/lib/db/sql";
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
  return {
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
}

export function postgresDriver(url: string, poolSize: number): Driver {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  return {
    async transaction(work) {
      const client = await pool.connect();
      const query: Query = async (sql, params = []) => {
        let n = 0;
        return (await client.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows;
      };
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

async function agentsVigentes(query: Query, ids: number[]) {
  const rows = await query(`SELECT id, registry_status, insurance_expires_on FROM agents WHERE id IN (${ids.map(() => "?").join(", ")})`, ids);
  if (rows.length !== ids.length || rows.some((row) => row.registry_status !== "VIGENTE")) throw new Refused("agente no vigente");
}

/** The order as the actor may see it, with the state and version the compare-and-set needs. */
async function load(query: Query, code: string) {
  const [order] = await query("SELECT id, state, version, buyer_id, seller_id, requested_volume FROM orders WHERE code = ?", [code]);
  if (!order) throw new Refused("orden no encontrada");
  return order as { id: number; state: string; version: number; buyer_id: number; seller_id: number; requested_volume: number };
}

async function compareAndSet(query: Query, order: { id: number; state: string; version: number }, to: string, set: string, values: unknown[]) {
  const rows = await query(
    `UPDATE orders SET state = ?, version = version + 1, updated_at = ?${set} WHERE id = ? AND state = ? AND version = ? RETURNING id`,
    [to, new Date().toISOString(), ...values, order.id, order.state, order.version],
  );
  if (rows.length !== 1) throw new Refused("la orden cambió");
}

async function movement(query: Query, orderId: number, event: string, state: string, actor: { userId: number; agentId: number }, detail?: string) {
  await query("INSERT INTO movements (order_id, event, state, occurred_at, user_id, agent_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)", [
    orderId,
    event,
    state,
    new Date().toISOString(),
    actor.userId,
    actor.agentId,
    detail ?? null,
  ]);
  // and its outbox event, as the app writes it with the movement (lib/orders/movements.ts)
  const at = new Date().toISOString();
  await query("INSERT INTO outbox_events (type, order_id, agent_id, occurred_at, data) VALUES (?, ?, ?, ?, ?)", [
    MOVEMENT_EVENT_TYPE[event as MovementEvent],
    orderId,
    actor.agentId,
    at,
    null,
  ]);
}

async function release(query: Query, order: { buyer_id: number; requested_volume: number }) {
  await query("UPDATE agents SET committed_volume = committed_volume - ? WHERE id = ?", [order.requested_volume, order.buyer_id]);
}

function transition(engine: Engine, world: BenchWorld, codes: AuthorizationCodeGenerator, n: number, flow: "A" | "B", step: Step, order: Order | null) {
  const parties = partiesOf(world, n);
  const seller = flow === "A" ? parties.sellerA : parties.sellerB;
  const now = () => new Date().toISOString();
  // Lima is UTC−5 all year.
  const limaToday = () => new Date(Date.now() - 5 * 3_600_000).toISOString().slice(0, 10);
  return async (query: Query): Promise<Order | null> => {
    if (step === "register") {
      await agentsVigentes(query, flow === "A" ? [parties.buyer.agentId, seller.agentId] : [parties.buyer.agentId, seller.agentId, parties.plant.agentId]);
      const volume = hundredths(ORDER_VOLUME);
      const reserved = await query(
        "UPDATE agents SET committed_volume = committed_volume + ? WHERE id = ? AND storage_capacity - committed_volume >= ? RETURNING id",
        [volume, parties.buyer.agentId, volume],
      );
      if (reserved.length !== 1) throw new Refused("capacidad insuficiente");
      // the app's own statement for the engine (lib/db/engine.ts), as the driver gets it
      const [{ value }] = await query(render(NEXT_ORDER_NUMBER, dialectOf(engine)).text);
      const id = Number(value);
      const code = codes.codeFor(id);
      const at = now();
      await query(
        "INSERT INTO orders (id, code, flow, buyer_id, seller_id, plant_id, requested_volume, delivery_date, state, version, requested_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'SOLICITADO', 0, ?, ?)",
        [id, code, flow, parties.buyer.agentId, seller.agentId, flow === "B" ? parties.plant.agentId : null, volume, "2026-12-31", at, at],
      );
      await movement(query, id, "SOLICITADO", "SOLICITADO", parties.buyer);
      return { id, code };
    }
    const current = await load(query, order!.code);
    if (step === "sale") {
      await agentsVigentes(query, [current.buyer_id, current.seller_id]);
      const to = flow === "A" ? "POR_CERRAR" : "VENDIDO";
      await compareAndSet(query, current, to, ", sold_at = ?", [now()]);
      await movement(query, current.id, "VENDIDO", to, seller);
      for (const [index, volume] of LOT_VOLUMES.entries()) {
        // The sale's truck check, as lib/orders/trucks.ts reads it.
        const [truck] = await query(`SELECT id, capacity, status, insurance_expires_on FROM trucks WHERE plate = ? AND owner_agent_id IN (?) ORDER BY id DESC`, [
          seller.plates[index],
          seller.agentId,
        ]);
        await query("INSERT INTO lots (order_id, position, sold_volume, plate, truck_id, guia_remision, factura, load_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
          current.id,
          index + 1,
          hundredths(volume),
          seller.plates[index],
          truck.id,
          "T001-00000001",
          "F001-00000001",
          flow === "A" ? "2026-12-01" : null,
        ]);
      }
    } else if (step === "dispatch") {
      await agentsVigentes(query, [parties.plant.agentId, current.buyer_id, current.seller_id]);
      const lots = await query("SELECT id, position, sold_volume FROM lots WHERE order_id = ? ORDER BY position", [current.id]);
      await compareAndSet(query, current, "POR_CERRAR", ", dispatched_at = ?, por_cerrar_at = ?", [now(), now()]);
      await movement(query, current.id, "DESPACHADO", "POR_CERRAR", parties.plant);
      for (const lot of lots) {
        // The dispatch checks again the truck that loads, as lib/orders/trucks.ts reads it.
        await query("SELECT t.id, t.capacity, t.status, t.insurance_expires_on FROM trucks t JOIN lots l ON l.plate = t.plate WHERE l.id = ? AND t.owner_agent_id IN (?, ?)", [
          lot.id,
          current.seller_id,
          current.buyer_id,
        ]);
        await query("UPDATE lots SET dispatched_volume = ?, dispatched_at = ?, load_day = ? WHERE id = ?", [lot.sold_volume, now(), "2026-12-01", lot.id]);
      }
    } else if (step === "close") {
      const lots = await query("SELECT id, position, sold_volume FROM lots WHERE order_id = ? ORDER BY position", [current.id]);
      // As closeOrder: the descarga declared now, due today (Lima), on time.
      await compareAndSet(query, current, "CERRADO", ", ended_at = ?, due_day = ?, days_late = 0, lateness_basis = 'DESCARGA'", [now(), limaToday()]);
      await release(query, current);
      await movement(query, current.id, "CERRADO", "CERRADO", parties.buyer);
      for (const lot of lots) await query("UPDATE lots SET received_volume = ?, unloaded_at = ? WHERE id = ?", [lot.sold_volume, now(), lot.id]);
    } else if (step === "annul") {
      await compareAndSet(query, current, "ANULADO", ", ended_at = ?", [now()]);
      await release(query, current);
      await movement(query, current.id, "ANULADO", "ANULADO", parties.buyer);
    } else {
      await compareAndSet(
        query,
        current,
        "RECHAZADO",
        ", ended_at = ?, rejection_reason = ?, non_delivery_known_at = ?, due_day = ?, days_late = 0, lateness_basis = 'AVISO'",
        [now(), REJECTION_REASON, now(), limaToday()],
      );
      await release(query, current);
      await movement(query, current.id, "RECHAZADO", "RECHAZADO", parties.buyer, REJECTION_REASON);
      await query("UPDATE lots SET rejected = ? WHERE order_id = ?", [true, current.id]);
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
          order = await driver.transaction(transition(engine, world, codes, n, flow, step, order));
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
