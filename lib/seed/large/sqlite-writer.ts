/**
 * Bulk load into SQLite with better-sqlite3 prepared statements in large transactions. During
 * the load: WAL with synchronous=OFF and, when the order tables start empty, their secondary
 * indexes dropped (rebuilding them once is far faster than maintaining them row by row). finish()
 * rebuilds the indexes — the unique ones then also prove codes and lot positions unique — and
 * restores synchronous=FULL, the setting the app runs with.
 */
import BetterSqlite3 from "better-sqlite3";
import type { OrderBatch } from "./orders";
import type { LargeAgent, LargeTruck, LargeUser } from "./registry";
import { sqliteInstant, type BulkWriter, type ExistingData } from "./writer";

const ORDER_TABLES = ["orders", "lots", "movements", "constataciones"];

const nullableInstant = (ms: number | null) => (ms === null ? null : sqliteInstant(ms));

export class SqliteBulkWriter implements BulkWriter {
  readonly batchSize = 25_000;
  readonly #db: BetterSqlite3.Database;
  #droppedIndexes: { name: string; sql: string }[] = [];

  constructor(path: string) {
    this.#db = new BetterSqlite3(path, { timeout: 5_000 });
    this.#db.pragma("journal_mode = WAL");
    this.#db.pragma("foreign_keys = ON");
  }

  async inspect(): Promise<ExistingData> {
    const db = this.#db;
    const orders = (db.prepare("SELECT count(*) AS n FROM orders").get() as { n: number }).n;
    const maxId = (db.prepare("SELECT coalesce(max(id), 0) AS n FROM orders").get() as { n: number }).n;
    const counter = db.prepare("SELECT value FROM counters WHERE name = 'order_number'").get() as { value: number } | undefined;
    if (!counter) throw new Error("falta el contador order_number: ¿se migró la base de datos?");
    const column = (sql: string) => new Set((db.prepare(sql).pluck().all() as string[]));
    return {
      orders,
      nextOrderId: Math.max(maxId, counter.value) + 1,
      taken: {
        rucs: column("SELECT ruc FROM agents"),
        registryNumbers: column("SELECT registry_number FROM agents UNION SELECT registry_number FROM trucks"),
        usernames: column("SELECT username FROM users"),
        plates: column("SELECT plate FROM trucks WHERE status <> 'CANCELADO'"),
      },
    };
  }

  async insertAgents(agents: LargeAgent[], now: Date): Promise<number[]> {
    const insert = this.#db.prepare(`INSERT INTO agents (type, business_name, ruc, registry_number, registry_status, address,
      department, province, district, storage_capacity, committed_volume, ceded_by_seller_id, insurance_expires_on, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`);
    const stamp = sqliteInstant(now.getTime());
    return this.#db.transaction(() => {
      const ids: number[] = [];
      for (const a of agents) {
        const cededBy = a.cededBy === null ? null : ids[a.cededBy];
        const { lastInsertRowid } = insert.run(a.type, a.businessName, a.ruc, a.registryNumber, a.registryStatus, a.address,
          a.department, a.province, a.district, a.storageCapacity, cededBy ?? null, a.insuranceExpiresOn, stamp, stamp);
        ids.push(Number(lastInsertRowid));
      }
      return ids;
    })();
  }

  async insertUsers(users: LargeUser[], agentIds: number[], passwordHash: string, now: Date): Promise<number[]> {
    const insert = this.#db.prepare(`INSERT INTO users (username, full_name, password_hash, role, agent_id, active,
      must_change_password, session_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 0, 0, ?, ?)`);
    const stamp = sqliteInstant(now.getTime());
    return this.#db.transaction(() =>
      users.map((u) => Number(insert.run(u.username, u.fullName, passwordHash, u.role, agentIds[u.agent], stamp, stamp).lastInsertRowid)),
    )();
  }

  async insertTrucks(trucks: LargeTruck[], agentIds: number[], now: Date): Promise<number[]> {
    const insert = this.#db.prepare(`INSERT INTO trucks (plate, registry_number, owner_agent_id, capacity, insurance_expires_on, status,
      created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const stamp = sqliteInstant(now.getTime());
    return this.#db.transaction(() =>
      trucks.map((t) => Number(insert.run(t.plate, t.registryNumber, agentIds[t.owner], t.capacity, t.insuranceExpiresOn, t.status, stamp, stamp).lastInsertRowid)),
    )();
  }

  async begin(emptyTables: boolean): Promise<void> {
    const db = this.#db;
    db.pragma("synchronous = OFF");
    db.pragma("cache_size = -262144"); // 256 MiB, for the index rebuilds
    db.pragma("temp_store = MEMORY");
    if (!emptyTables) return;
    this.#droppedIndexes = db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${ORDER_TABLES.map(() => "?").join(", ")})`)
      .all(...ORDER_TABLES) as { name: string; sql: string }[];
    db.transaction(() => {
      for (const index of this.#droppedIndexes) db.exec(`DROP INDEX "${index.name}"`);
    })();
  }

  #insertOrder?: BetterSqlite3.Statement;
  #insertLot?: BetterSqlite3.Statement;
  #insertMovement?: BetterSqlite3.Statement;
  #insertConstatacion?: BetterSqlite3.Statement;

  async write(batch: OrderBatch): Promise<void> {
    const db = this.#db;
    const insertOrder = (this.#insertOrder ??= db.prepare(`INSERT INTO orders (id, code, flow, buyer_id, seller_id, plant_id,
      requested_volume, purchase_order_number, delivery_date, comment, transport, state, version, requested_at, sold_at,
      dispatched_at, por_cerrar_at, por_cerrar_day, ended_at, due_day, days_late, lateness_basis, non_delivery_known_at,
      rejection_reason, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`));
        const insertLot = (this.#insertLot ??= db.prepare(`INSERT INTO lots (order_id, position, sold_volume, plate, truck_id, guia_remision,
      factura, density, temperature, dispatched_volume, dispatched_at, dispatched_plate, dispatched_truck_id, load_day, received_volume, unloaded_at, rejected)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`));
    const insertMovement = (this.#insertMovement ??= db.prepare(`INSERT INTO movements (order_id, event, state, occurred_at,
      user_id, agent_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)`));
    const insertConstatacion = (this.#insertConstatacion ??= db.prepare(`INSERT INTO constataciones (order_id, observed_at, place, plate,
      activity, order_state, recorded_at, user_id, agent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`));
    const o = batch.orders;
    const l = batch.lots;
    const m = batch.movements;
    const c = batch.constataciones;
    db.transaction(() => {
      for (let i = 0; i < o.id.length; i++) {
        insertOrder.run(o.id[i], o.code[i], o.flow[i], o.buyerId[i], o.sellerId[i], o.plantId[i], o.requestedVolume[i],
          o.purchaseOrderNumber[i], o.deliveryDate[i], o.comment[i], o.transport[i], o.state[i], o.version[i],
          sqliteInstant(o.requestedAt[i]), nullableInstant(o.soldAt[i]), nullableInstant(o.dispatchedAt[i]),
          nullableInstant(o.porCerrarAt[i]), o.porCerrarDay[i], nullableInstant(o.endedAt[i]), o.dueDay[i], o.daysLate[i],
          o.latenessBasis[i], nullableInstant(o.nonDeliveryKnownAt[i]), o.rejectionReason[i], sqliteInstant(o.updatedAt[i]));
      }
      for (let i = 0; i < l.orderId.length; i++) {
        insertLot.run(l.orderId[i], l.position[i], l.soldVolume[i], l.plate[i], l.truckId[i], l.guiaRemision[i], l.factura[i],
          l.density[i], l.temperature[i], l.dispatchedVolume[i], nullableInstant(l.dispatchedAt[i]), l.dispatchedPlate[i],
          l.dispatchedTruckId[i], l.loadDay[i], l.receivedVolume[i], nullableInstant(l.unloadedAt[i]), l.rejected[i] ? 1 : 0);
      }
      for (let i = 0; i < m.orderId.length; i++) {
        insertMovement.run(m.orderId[i], m.event[i], m.state[i], sqliteInstant(m.occurredAt[i]), m.userId[i], m.agentId[i], m.detail[i]);
      }
      for (let i = 0; i < c.orderId.length; i++) {
        insertConstatacion.run(c.orderId[i], sqliteInstant(c.observedAt[i]), c.place[i], c.plate[i], c.activity[i], c.orderState[i],
          sqliteInstant(c.recordedAt[i]), c.userId[i], c.agentId[i]);
      }
    })();
  }

  #restoreIndexes() {
    const db = this.#db;
    for (const index of this.#droppedIndexes) db.exec(index.sql);
    this.#droppedIndexes = [];
  }

  async finish(lastOrderId: number, committed: Map<number, number>): Promise<void> {
    const db = this.#db;
    db.transaction(() => {
      this.#restoreIndexes();
      db.prepare("UPDATE counters SET value = max(value, ?) WHERE name = 'order_number'").run(lastOrderId);
      const update = db.prepare("UPDATE agents SET committed_volume = committed_volume + ? WHERE id = ?");
      for (const [agentId, volume] of committed) if (volume) update.run(volume, agentId);
    })();
    db.pragma("analysis_limit = 1000");
    db.exec("ANALYZE");
    db.pragma("synchronous = FULL");
    db.pragma("wal_checkpoint(TRUNCATE)");
  }

  async abort(): Promise<void> {
    try {
      if (this.#droppedIndexes.length) this.#db.transaction(() => this.#restoreIndexes())();
    } finally {
      this.#db.pragma("synchronous = FULL");
    }
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}
