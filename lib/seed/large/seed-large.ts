/**
 * `npm run seed:large`: a realistic national registry and N orders over the last year, written
 * in bulk (bypassing Prisma and the services, which would take hours for a million orders) but
 * recording exactly what the services would have: see orders.ts. checkIntegrity
 * (lib/orders/integrity.ts) verifies the result.
 */
import { hashPassword } from "@/lib/accounts/password";
import type { AuthorizationCodeGenerator } from "@/lib/authorization-code/code";
import { dialectOf, engineOf } from "@/lib/db/engine";
import { migrate } from "@/lib/db/migrate";
import { ORDER_STATES, type OrderState } from "@/lib/orders/states";
import { DEMO_PASSWORD } from "../demo-agents";
import { OrderGenerator, emptyBatch, type RuntimeAgent } from "./orders";
import { PostgresBulkWriter } from "./postgres-writer";
import { buildRegistry } from "./registry";
import { SqliteBulkWriter } from "./sqlite-writer";
import type { BulkWriter } from "./writer";

export interface SeedLargeOptions {
  url: string;
  orders: number;
  seed?: number;
  /** add to a database that already has orders */
  append?: boolean;
  /** the moment the data ends at (default: now); with the same seed and now, the same data */
  now?: Date;
  days?: number;
  codes: AuthorizationCodeGenerator;
  /** project root, for the migrations and relative SQLite paths */
  root?: string;
  batchSize?: number;
  onStart?: (total: number) => void;
  onProgress?: (done: number) => void;
}

export interface SeedLargeResult {
  agents: number;
  trucks: number;
  users: number;
  orders: number;
  lots: number;
  movements: number;
  firstOrderId: number;
  lastOrderId: number;
  states: Record<OrderState, number>;
  /** orders closed on a later Lima day than the day of their earliest descarga */
  lateClosures: number;
  /** orders rejected on a later Lima day than the day the buyer learned the product would not come */
  lateRejections: number;
  constataciones: number;
}

/** The target already has orders and --append was not given. */
export class SeedRefusedError extends Error {}

export async function seedLarge(options: SeedLargeOptions): Promise<SeedLargeResult> {
  const root = options.root ?? process.cwd();
  const now = options.now ?? new Date();
  const seed = options.seed ?? 1;
  if (!Number.isInteger(options.orders) || options.orders < 1) throw new RangeError("--orders debe ser un entero positivo");
  await migrate(options.url, root);

  const file = dialectOf(engineOf(options.url)).file(options.url, root);
  const writer: BulkWriter = file !== null ? new SqliteBulkWriter(file) : new PostgresBulkWriter(options.url);
  try {
    const existing = await writer.inspect();
    if (existing.orders > 0 && !options.append) {
      throw new SeedRefusedError(
        `La base de datos ya tiene ${existing.orders.toLocaleString("es-PE")} órdenes de pedido: no se cargan datos masivos. ` +
          "Use --append para agregarlos de todos modos, o indique otra base con --database-url.",
      );
    }

    const registry = buildRegistry(options.orders, seed, now, existing.taken);
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const agentIds = await writer.insertAgents(registry.agents, now);
    const userIds = await writer.insertUsers(registry.users, agentIds, passwordHash, now);
    const truckIds = await writer.insertTrucks(registry.trucks, agentIds, now);

    const runtime: RuntimeAgent[] = registry.agents.map((agent, index) => ({
      id: agentIds[index],
      type: agent.type,
      vigente: agent.registryStatus === "VIGENTE",
      storageCapacity: agent.storageCapacity,
      committed: 0,
      cededBy: agent.cededBy === null ? null : agentIds[agent.cededBy],
      buyerUser: 0,
      sellerUser: 0,
      plantUser: 0,
      trucks: [],
    }));
    registry.trucks.forEach((truck, index) => runtime[truck.owner].trucks.push({ id: truckIds[index], plate: truck.plate, capacity: truck.capacity }));
    registry.users.forEach((user, index) => {
      const agent = runtime[user.agent];
      if (user.role === "COMPRADOR") agent.buyerUser = userIds[index];
      if (user.role === "VENDEDOR") agent.sellerUser = userIds[index];
      if (user.role === "OPERADOR_PLANTA") agent.plantUser = userIds[index];
    });

    const inspectorIndex = registry.users.findIndex((user) => user.role === "REGULADOR");
    const inspector = inspectorIndex < 0 ? undefined : { userId: userIds[inspectorIndex], agentId: agentIds[registry.users[inspectorIndex].agent] };

    const firstOrderId = existing.nextOrderId;
    const generator = new OrderGenerator(runtime, {
      seed,
      orders: options.orders,
      firstId: firstOrderId,
      now,
      days: options.days ?? 365,
      codes: options.codes,
      inspector,
    });
    const states = Object.fromEntries(ORDER_STATES.map((state) => [state, 0])) as Record<OrderState, number>;
    let lots = 0;
    let movements = 0;
    let lateClosures = 0;
    let lateRejections = 0;
    let constataciones = 0;
    const batchSize = options.batchSize ?? writer.batchSize;

    await writer.begin(existing.orders === 0);
    try {
      options.onStart?.(options.orders);
      for (let start = 0; start < options.orders; start += batchSize) {
        const batch = emptyBatch();
        const end = Math.min(options.orders, start + batchSize);
        for (let index = start; index < end; index++) states[generator.generate(index, batch)]++;
        lots += batch.lots.orderId.length;
        movements += batch.movements.orderId.length;
        batch.orders.daysLate.forEach((days, i) => {
          if (days === null || days === 0) return;
          if (batch.orders.state[i] === "CERRADO") lateClosures++;
          else lateRejections++;
        });
        constataciones += batch.constataciones.orderId.length;
        await writer.write(batch);
        options.onProgress?.(end);
      }
      await writer.finish(firstOrderId + options.orders - 1, new Map(generator.buyers.map((buyer) => [buyer.id, buyer.committed])));
    } catch (error) {
      await writer.abort().catch(() => undefined);
      throw error;
    }
    return {
      agents: registry.agents.length,
      trucks: registry.trucks.length,
      users: registry.users.length,
      orders: options.orders,
      lots,
      movements,
      firstOrderId,
      lastOrderId: firstOrderId + options.orders - 1,
      states,
      lateClosures,
      lateRejections,
      constataciones,
    };
  } finally {
    await writer.close();
  }
}
