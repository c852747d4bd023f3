/**
 * Bulk load into PostgreSQL with node-postgres: each batch is one multi-row
 * `INSERT … SELECT FROM unnest($1::int[], …)` per table (COPY would need pg-copy-streams). While
 * loading, commits do not wait for the WAL flush (synchronous_commit=off, this session only) and,
 * when the order tables start empty, their secondary indexes are dropped and rebuilt by finish().
 */
import pg from "pg";
import type { OrderBatch } from "./orders";
import type { LargeAgent, LargeTruck, LargeUser } from "./registry";
import type { BulkWriter, ExistingData } from "./writer";

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export class PostgresBulkWriter implements BulkWriter {
  readonly batchSize = 10_000;
  readonly #client: pg.Client;
  #connected = false;
  #droppedIndexes: { indexname: string; indexdef: string }[] = [];

  constructor(url: string) {
    this.#client = new pg.Client({ connectionString: url });
  }

  async #db(): Promise<pg.Client> {
    if (!this.#connected) {
      await this.#client.connect();
      this.#connected = true;
    }
    return this.#client;
  }

  async inspect(): Promise<ExistingData> {
    const db = await this.#db();
    const { rows } = await db.query<{ orders: string; max_id: number; last_value: string | null }>(`
      SELECT (SELECT count(*) FROM orders) AS orders, (SELECT coalesce(max(id), 0) FROM orders) AS max_id,
             (SELECT last_value FROM pg_sequences WHERE schemaname = current_schema() AND sequencename = 'orders_id_seq') AS last_value`);
    const row = rows[0];
    const sequence = Number(row.last_value ?? 0);
    const column = async (sql: string) => new Set((await db.query<{ v: string }>(sql)).rows.map((r) => r.v));
    return {
      orders: Number(row.orders),
      nextOrderId: Math.max(Number(row.max_id), sequence) + 1,
      taken: {
        rucs: await column("SELECT ruc AS v FROM agents"),
        registryNumbers: await column("SELECT registry_number AS v FROM agents UNION SELECT registry_number AS v FROM trucks"),
        usernames: await column("SELECT username AS v FROM users"),
        plates: await column("SELECT plate AS v FROM trucks WHERE status <> 'CANCELADO'"),
      },
    };
  }

  async insertAgents(agents: LargeAgent[], now: Date): Promise<number[]> {
    const db = await this.#db();
    await db.query("BEGIN");
    try {
      const ids: number[] = [];
      // Sellers come before the buyers whose tanks they cede (buildRegistry's order), so one pass
      // resolves cededBy; inserted in chunks that each resolve against the ids already known.
      for (let start = 0; start < agents.length; start += 2_000) {
        const chunk = agents.slice(start, start + 2_000);
        const { rows } = await db.query<{ id: number }>(
          `INSERT INTO agents (type, business_name, ruc, registry_number, registry_status, address, department, province,
             district, storage_capacity, committed_volume, ceded_by_seller_id, insurance_expires_on, created_at, updated_at)
           SELECT t.type, t.name, t.ruc, t.reg, t.status, t.address, t.dep, t.prov, t.dist, t.cap, 0, t.ceded, t.ins, $13, $13
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                       $9::text[], $10::int[], $11::int[], $12::text[]) WITH ORDINALITY
                AS t(type, name, ruc, reg, status, address, dep, prov, dist, cap, ceded, ins, n)
           ORDER BY t.n RETURNING id`,
          [
            chunk.map((a) => a.type), chunk.map((a) => a.businessName), chunk.map((a) => a.ruc), chunk.map((a) => a.registryNumber),
            chunk.map((a) => a.registryStatus), chunk.map((a) => a.address), chunk.map((a) => a.department),
            chunk.map((a) => a.province), chunk.map((a) => a.district), chunk.map((a) => a.storageCapacity),
            chunk.map((a) => (a.cededBy === null ? null : ids[a.cededBy])), chunk.map((a) => a.insuranceExpiresOn), now.toISOString(),
          ],
        );
        // RETURNING's order is not guaranteed: map back by RUC.
        const byRuc = new Map((await db.query<{ id: number; ruc: string }>("SELECT id, ruc FROM agents WHERE id = ANY($1::int[])", [rows.map((r) => r.id)])).rows.map((r) => [r.ruc, r.id]));
        for (const agent of chunk) ids.push(byRuc.get(agent.ruc)!);
      }
      await db.query("COMMIT");
      return ids;
    } catch (error) {
      await db.query("ROLLBACK");
      throw error;
    }
  }

  async insertUsers(users: LargeUser[], agentIds: number[], passwordHash: string, now: Date): Promise<number[]> {
    const db = await this.#db();
    await db.query(
      `INSERT INTO users (username, full_name, password_hash, role, agent_id, active, must_change_password, session_version, created_at, updated_at)
       SELECT t.u, t.f, $5, t.r, t.a, true, false, 0, $6, $6 FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS t(u, f, r, a)`,
      [users.map((u) => u.username), users.map((u) => u.fullName), users.map((u) => u.role), users.map((u) => agentIds[u.agent]), passwordHash, now.toISOString()],
    );
    const { rows } = await db.query<{ id: number; username: string }>("SELECT id, username FROM users WHERE username = ANY($1::text[])", [users.map((u) => u.username)]);
    const byName = new Map(rows.map((r) => [r.username, r.id]));
    return users.map((u) => byName.get(u.username)!);
  }

  async insertTrucks(trucks: LargeTruck[], agentIds: number[], now: Date): Promise<number[]> {
    const db = await this.#db();
    await db.query(
      `INSERT INTO trucks (plate, registry_number, owner_agent_id, capacity, insurance_expires_on, status, created_at, updated_at)
       SELECT t.p, t.r, t.o, t.c, t.i, t.s, $7, $7 FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::text[], $6::text[]) AS t(p, r, o, c, i, s)`,
      [trucks.map((t) => t.plate), trucks.map((t) => t.registryNumber), trucks.map((t) => agentIds[t.owner]), trucks.map((t) => t.capacity),
        trucks.map((t) => t.insuranceExpiresOn), trucks.map((t) => t.status), now.toISOString()],
    );
    // Registry numbers are unique: map back by them (RETURNING's order is not guaranteed).
    const { rows } = await db.query<{ id: number; registry_number: string }>("SELECT id, registry_number FROM trucks WHERE registry_number = ANY($1::text[])", [trucks.map((t) => t.registryNumber)]);
    const byNumber = new Map(rows.map((r) => [r.registry_number, r.id]));
    return trucks.map((t) => byNumber.get(t.registryNumber)!);
  }

  async begin(emptyTables: boolean): Promise<void> {
    const db = await this.#db();
    await db.query("SET synchronous_commit = off");
    await db.query("SET maintenance_work_mem = '256MB'");
    if (!emptyTables) return;
    this.#droppedIndexes = (
      await db.query<{ indexname: string; indexdef: string }>(
        `SELECT i.indexname, i.indexdef FROM pg_indexes i
         WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[])
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
        [["orders", "lots", "movements", "constataciones"]],
      )
    ).rows;
    await db.query("BEGIN");
    for (const index of this.#droppedIndexes) await db.query(`DROP INDEX "${index.indexname}"`);
    await db.query("COMMIT");
  }

  async write(batch: OrderBatch): Promise<void> {
    const db = await this.#db();
    const o = batch.orders;
    const l = batch.lots;
    const m = batch.movements;
    await db.query("BEGIN");
    try {
      await db.query(
        `INSERT INTO orders (id, code, flow, buyer_id, seller_id, plant_id, requested_volume, purchase_order_number, delivery_date,
           comment, transport, state, version, requested_at, sold_at, dispatched_at, por_cerrar_at, por_cerrar_day, ended_at,
           due_day, days_late, lateness_basis, non_delivery_known_at, rejection_reason, updated_at)
         SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[], $7::int[], $8::text[], $9::text[],
           $10::text[], $11::text[], $12::text[], $13::int[], $14::timestamp(3)[], $15::timestamp(3)[], $16::timestamp(3)[],
           $17::timestamp(3)[], $18::text[], $19::timestamp(3)[], $20::text[], $21::int[], $22::text[], $23::timestamp(3)[],
           $24::text[], $25::timestamp(3)[])`,
        [
          o.id, o.code, o.flow, o.buyerId, o.sellerId, o.plantId, o.requestedVolume, o.purchaseOrderNumber, o.deliveryDate,
          o.comment, o.transport, o.state, o.version, o.requestedAt.map(iso), o.soldAt.map(isoOrNull), o.dispatchedAt.map(isoOrNull),
          o.porCerrarAt.map(isoOrNull), o.porCerrarDay, o.endedAt.map(isoOrNull), o.dueDay, o.daysLate, o.latenessBasis,
          o.nonDeliveryKnownAt.map(isoOrNull), o.rejectionReason, o.updatedAt.map(iso),
        ],
      );
      if (l.orderId.length) {
        await db.query(
          `INSERT INTO lots (order_id, position, sold_volume, plate, truck_id, guia_remision, factura, density, temperature,
             dispatched_volume, dispatched_at, dispatched_plate, dispatched_truck_id, load_day, received_volume, unloaded_at, rejected)
           SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::int[], $6::text[], $7::text[], $8::int[], $9::int[],
             $10::int[], $11::timestamp(3)[], $12::text[], $13::int[], $14::text[], $15::int[], $16::timestamp(3)[], $17::boolean[])`,
          [l.orderId, l.position, l.soldVolume, l.plate, l.truckId, l.guiaRemision, l.factura, l.density, l.temperature,
            l.dispatchedVolume, l.dispatchedAt.map(isoOrNull), l.dispatchedPlate, l.dispatchedTruckId, l.loadDay, l.receivedVolume, l.unloadedAt.map(isoOrNull), l.rejected],
        );
      }
      await db.query(
        `INSERT INTO movements (order_id, event, state, occurred_at, user_id, agent_id, detail)
         SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::timestamp(3)[], $5::int[], $6::int[], $7::text[])`,
        [m.orderId, m.event, m.state, m.occurredAt.map(iso), m.userId, m.agentId, m.detail],
      );
      const c = batch.constataciones;
      if (c.orderId.length) {
        await db.query(
          `INSERT INTO constataciones (order_id, observed_at, place, plate, activity, order_state, recorded_at, user_id, agent_id)
           SELECT * FROM unnest($1::int[], $2::timestamp(3)[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamp(3)[], $8::int[], $9::int[])`,
          [c.orderId, c.observedAt.map(iso), c.place, c.plate, c.activity, c.orderState, c.recordedAt.map(iso), c.userId, c.agentId],
        );
      }
      await db.query("COMMIT");
    } catch (error) {
      await db.query("ROLLBACK");
      throw error;
    }
  }

  async #restoreIndexes(db: pg.Client) {
    for (const index of this.#droppedIndexes) await db.query(index.indexdef);
    this.#droppedIndexes = [];
  }

  async finish(lastOrderId: number, committed: Map<number, number>): Promise<void> {
    const db = await this.#db();
    await db.query("BEGIN");
    try {
      await this.#restoreIndexes(db);
      await db.query("SELECT setval(pg_get_serial_sequence('orders', 'id'), greatest($1::bigint, (SELECT coalesce(max(id), 1) FROM orders)))", [lastOrderId]);
      const entries = [...committed].filter(([, volume]) => volume > 0);
      await db.query(
        `UPDATE agents a SET committed_volume = a.committed_volume + t.v FROM unnest($1::int[], $2::int[]) AS t(id, v) WHERE a.id = t.id`,
        [entries.map(([id]) => id), entries.map(([, volume]) => volume)],
      );
      await db.query("COMMIT");
    } catch (error) {
      await db.query("ROLLBACK");
      throw error;
    }
    await db.query("SET synchronous_commit = on");
    await db.query("ANALYZE orders, lots, movements, agents");
  }

  async abort(): Promise<void> {
    const db = await this.#db();
    await db.query("ROLLBACK").catch(() => undefined);
    if (this.#droppedIndexes.length) await this.#restoreIndexes(db);
  }

  async close(): Promise<void> {
    if (this.#connected) await this.#client.end();
  }
}
