/**
 * The worker's first stage: outbox events become, in one transaction per batch, the portal's
 * notifications, the e-mails their users asked for and one delivery per subscribed webhook
 * endpoint, and are marked processed. Being all database work, it happens exactly once per event.
 *
 * Several instances share the queue on PostgreSQL: a batch is claimed with FOR UPDATE SKIP LOCKED,
 * and an event is only taken once every earlier event of its order is processed (NOT EXISTS), so
 * one order's events are fanned out — and their deliveries created — in order even when two
 * instances work at once. On SQLite the one process holds the one connection's write lock.
 * (engine.ts names the difference: claimRows.)
 */
import { claimRows, fromSqlDate, sql, type Sql, type SqlStatements, type SqlValue } from "@/lib/db/sql";
import type { OrdersDatabase } from "@/lib/orders/context";
import type { Role } from "@/lib/accounts/roles";
import {
  MOVEMENT_EVENT_TYPE,
  RECIPIENTS,
  WEBHOOK_AUDIENCE,
  isWebhookEventType,
  type Audience,
  type EventType,
  type NotificationType,
} from "./catalog";
import { emailContent, notificationContent, webhookPayload, type AgentFacts, type EventFacts, type MovementFacts, type OrderFacts } from "./messages";
import { eventSettings } from "./settings";
import { allForIds, insertRows, runForIds } from "./sql-lists";

export interface WorkerContext {
  /** the plain-SQL runner is all the worker uses (on SQLite, the process's one connection) */
  db: OrdersDatabase;
  now: () => Date;
  /** who works (host:pid), written into the delivery log */
  worker: string;
}

export const FAN_OUT_BATCH = 100;
/** A fan-out that keeps failing (a bug, bad data) is set aside after this many attempts. */
const MAX_FAN_OUT_ATTEMPTS = 10;

interface EventRow {
  id: number;
  type: EventType;
  orderId: number | null;
  agentId: number | null;
  occurredAt: unknown;
  data: string | null;
  attempts: number;
}

interface UserRow {
  id: number;
  agentId: number;
  role: Role;
  email: string | null;
  fullName: string;
}

const EVENT_COLUMNS = sql.raw('e.id, e.type, e.order_id AS "orderId", e.agent_id AS "agentId", e.occurred_at AS "occurredAt", e.data, e.attempts');

/** The next `limit` events due whose order has no earlier event pending, claimed for this transaction. */
function claimQuery(now: Date, limit: number): Sql {
  return sql.prepared`SELECT ${EVENT_COLUMNS} FROM outbox_events e
    WHERE e.processed_at IS NULL AND (e.available_at IS NULL OR e.available_at <= ${now})
      AND (e.order_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM outbox_events p WHERE p.order_id = e.order_id AND p.id < e.id AND p.processed_at IS NULL))
    ORDER BY e.id LIMIT ${limit} ${claimRows("e")}`;
}

const ORDER_OF = Object.fromEntries(Object.entries(MOVEMENT_EVENT_TYPE).map(([event, type]) => [type, event])) as Partial<Record<EventType, string>>;

/** Fans out up to `limit` events; returns how many it took. */
export async function fanOut(ctx: WorkerContext, limit = FAN_OUT_BATCH): Promise<number> {
  return ctx.db.sql.transaction(async (tx) => {
    const now = ctx.now();
    const events = await tx.all<EventRow>(claimQuery(now, limit));
    if (events.length === 0) return 0;
    const facts = await loadFacts(tx, events);
    const audiences = await loadAudiences(tx, events, facts);

    const notifications: SqlValue[][] = [];
    const emails: SqlValue[][] = [];
    const deliveries: SqlValue[][] = [];
    const done: number[] = [];
    const failed: { event: EventRow; error: unknown }[] = [];
    const smtp = eventSettings.smtpUrl() !== undefined;
    const publicUrl = eventSettings.publicUrl();

    for (const event of events) {
      try {
        const fact = facts.get(event.id)!;
        const seen = new Set<number>();
        for (const recipient of RECIPIENTS[event.type] ?? []) {
          if (recipient.flow && fact.order?.flow !== recipient.flow) continue;
          for (const user of audiences.users(recipient.audience, recipient.role, fact, event)) {
            if (seen.has(user.id)) continue;
            seen.add(user.id);
            const content = notificationContent(recipient.notification, fact);
            notifications.push([user.id, event.id, recipient.notification, content.title, content.body, content.link, content.orderCode, fact.occurredAt]);
            if (user.email && audiences.wantsEmail(user.id, recipient.notification)) {
              const mail = emailContent(user, recipient.notification, content, publicUrl);
              emails.push([user.id, event.id, user.email, mail.subject, mail.text, smtp ? "PENDIENTE" : "RETENIDO", 0, now, now]);
            }
          }
        }
        if (isWebhookEventType(event.type)) {
          const endpoints = WEBHOOK_AUDIENCE[event.type].flatMap((audience) => audiences.endpoints(audienceAgent(audience, fact, event), event.type));
          if (endpoints.length > 0) {
            const payload = JSON.stringify(webhookPayload(fact, publicUrl));
            const key = event.orderId !== null ? `orden:${event.orderId}` : event.agentId !== null ? `agente:${event.agentId}` : `evento:${event.id}`;
            for (const endpointId of new Set(endpoints)) {
              deliveries.push([endpointId, event.id, event.type, key, fact.order?.code ?? null, payload, "PENDIENTE", 0, now, now]);
            }
          }
        }
        done.push(event.id);
      } catch (error) {
        failed.push({ event, error });
      }
    }

    await insertRows(tx, "notifications", ["user_id", "event_id", "type", "title", "body", "link", "order_code", "created_at"], notifications);
    await insertRows(tx, "email_messages", ["user_id", "event_id", "to_address", "subject", "text", "status", "attempts", "next_attempt_at", "created_at"], emails);
    await insertRows(
      tx,
      "webhook_deliveries",
      ["endpoint_id", "event_id", "type", "ordering_key", "order_code", "payload", "status", "attempts", "next_attempt_at", "created_at"],
      deliveries,
    );
    await runForIds(tx, (ids) => sql.prepared`UPDATE outbox_events SET processed_at = ${now} WHERE id IN ${ids}`, done);
    for (const { event, error } of failed) await setAside(tx, event, error, now);
    return events.length;
  });
}

/** A failed fan-out waits (exponential backoff) and is tried again; after many attempts it is set aside, processed with its error. */
async function setAside(tx: SqlStatements, event: EventRow, error: unknown, now: Date): Promise<void> {
  const attempts = event.attempts + 1;
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
  console.error(`[scop] el evento ${event.id} (${event.type}) no se pudo procesar (intento ${attempts}):`, error);
  const retryAt = new Date(now.getTime() + Math.min(2 ** attempts * 1000, 3_600_000));
  await tx.run(
    sql`UPDATE outbox_events SET attempts = ${attempts}, last_error = ${message}, available_at = ${retryAt},
      processed_at = ${attempts >= MAX_FAN_OUT_ATTEMPTS ? now : null} WHERE id = ${event.id}`,
  );
}

/** When a whole batch fails in the database, its first event is charged an attempt (so a poison event cannot stall the queue). */
export async function chargeFirstPending(ctx: WorkerContext, error: unknown): Promise<void> {
  await ctx.db.sql.transaction(async (tx) => {
    const [event] = await tx.all<EventRow>(claimQuery(ctx.now(), 1));
    if (event) await setAside(tx, event, error, ctx.now());
  });
}

function audienceAgent(audience: Audience, fact: EventFacts, event: EventRow): number | null {
  switch (audience) {
    case "buyer":
      return fact.order?.buyer.id ?? null;
    case "seller":
      return fact.order?.seller.id ?? null;
    case "plant":
      return fact.order?.plant?.id ?? null;
    case "agent":
      return event.agentId;
    case "everyone":
      return null;
  }
}

interface OrderRow {
  id: number;
  code: string;
  flow: "A" | "B";
  buyerId: number;
  sellerId: number;
  plantId: number | null;
  requestedVolume: number;
  deliveryDate: string;
  purchaseOrderNumber: string | null;
  requestedAt: unknown;
}

interface MovementRow {
  orderId: number;
  event: string;
  state: string;
  occurredAt: unknown;
  agentId: number;
  detail: string | null;
}

async function loadFacts(tx: SqlStatements, events: EventRow[]): Promise<Map<number, EventFacts>> {
  const orderIds = events.flatMap((event) => (event.orderId !== null ? [event.orderId] : []));
  const orders = await allForIds<OrderRow>(
    tx,
    (ids) => sql.prepared`SELECT id, code, flow, buyer_id AS "buyerId", seller_id AS "sellerId", plant_id AS "plantId", requested_volume AS "requestedVolume",
       delivery_date AS "deliveryDate", purchase_order_number AS "purchaseOrderNumber", requested_at AS "requestedAt" FROM orders WHERE id IN ${ids}`,
    orderIds,
  );
  const movements = await allForIds<MovementRow>(
    tx,
    (ids) => sql.prepared`SELECT order_id AS "orderId", event, state, occurred_at AS "occurredAt", agent_id AS "agentId", detail FROM movements WHERE order_id IN ${ids}`,
    orderIds,
  );
  const agentIds = [
    ...orders.flatMap((order) => [order.buyerId, order.sellerId, ...(order.plantId !== null ? [order.plantId] : [])]),
    ...movements.map((movement) => movement.agentId),
    ...events.flatMap((event) => (event.agentId !== null ? [event.agentId] : [])),
  ];
  const agents = new Map(
    (
      await allForIds<AgentFacts>(
        tx,
        (ids) =>
          sql.prepared`SELECT id, business_name AS "businessName", ruc, registry_number AS "registryNumber", registry_status AS "registryStatus"
            FROM agents WHERE id IN ${ids}`,
        agentIds,
      )
    ).map((agent) => [agent.id, agent]),
  );
  const agent = (id: number) => {
    const found = agents.get(id);
    if (!found) throw new Error(`el agente ${id} no existe`);
    return found;
  };
  const orderFacts = new Map<number, OrderFacts>(
    orders.map((row) => [
      row.id,
      {
        id: row.id,
        code: row.code,
        flow: row.flow,
        buyer: agent(row.buyerId),
        seller: agent(row.sellerId),
        plant: row.plantId !== null ? agent(row.plantId) : null,
        requestedVolume: Number(row.requestedVolume),
        deliveryDate: row.deliveryDate,
        purchaseOrderNumber: row.purchaseOrderNumber,
        requestedAt: fromSqlDate(row.requestedAt),
      },
    ]),
  );
  const movementOf = new Map<string, MovementFacts>(
    movements.map((row) => [
      `${row.orderId}:${row.event}`,
      { event: row.event, state: row.state, occurredAt: fromSqlDate(row.occurredAt), agent: agent(row.agentId), detail: row.detail },
    ]),
  );

  const facts = new Map<number, EventFacts>();
  for (const event of events) {
    const movementEvent = ORDER_OF[event.type];
    facts.set(event.id, {
      id: event.id,
      type: event.type,
      occurredAt: fromSqlDate(event.occurredAt),
      order: event.orderId !== null ? orderFacts.get(event.orderId) : undefined,
      movement: movementEvent && event.orderId !== null ? movementOf.get(`${event.orderId}:${movementEvent}`) : undefined,
      agent: event.agentId !== null ? agents.get(event.agentId) : undefined,
      data: event.data ? (JSON.parse(event.data) as Record<string, unknown>) : {},
    });
  }
  return facts;
}

/** The users, e-mail preferences and webhook endpoints the batch's events may reach. */
async function loadAudiences(tx: SqlStatements, events: EventRow[], facts: Map<number, EventFacts>) {
  const partyAgents = new Set<number>();
  const nationwideRoles = new Set<Role>();
  for (const event of events) {
    const fact = facts.get(event.id)!;
    const audiences = [...(RECIPIENTS[event.type] ?? []).map((recipient) => recipient.audience), ...(isWebhookEventType(event.type) ? WEBHOOK_AUDIENCE[event.type] : [])];
    for (const audience of audiences) {
      const id = audienceAgent(audience, fact, event);
      if (id !== null) partyAgents.add(id);
    }
    for (const recipient of RECIPIENTS[event.type] ?? []) if (recipient.audience === "everyone") nationwideRoles.add(recipient.role);
  }

  const USER_COLUMNS = sql.raw('id, agent_id AS "agentId", role, email, full_name AS "fullName"');
  const users = await allForIds<UserRow>(tx, (ids) => sql.prepared`SELECT ${USER_COLUMNS} FROM users WHERE active = ${true} AND agent_id IN ${ids}`, partyAgents);
  const byRole = new Map<Role, UserRow[]>();
  for (const role of nationwideRoles) byRole.set(role, await tx.all<UserRow>(sql.prepared`SELECT ${USER_COLUMNS} FROM users WHERE active = ${true} AND role = ${role}`));
  const userIds = [...users, ...[...byRole.values()].flat()].map((user) => user.id);
  const preferences = new Set(
    (
      await allForIds<{ userId: number; type: string }>(
        tx,
        (ids) => sql.prepared`SELECT user_id AS "userId", type FROM email_preferences WHERE user_id IN ${ids}`,
        userIds,
      )
    ).map((row) => `${row.userId}:${row.type}`),
  );
  const endpoints = await allForIds<{ id: number; agentId: number; eventTypes: string }>(
    tx,
    (ids) => sql.prepared`SELECT id, agent_id AS "agentId", event_types AS "eventTypes" FROM webhook_endpoints WHERE enabled = ${true} AND agent_id IN ${ids}`,
    partyAgents,
  );
  const endpointsOf = new Map<number, { id: number; types: Set<string> }[]>();
  for (const endpoint of endpoints) {
    const list = endpointsOf.get(endpoint.agentId) ?? [];
    list.push({ id: endpoint.id, types: new Set(endpoint.eventTypes.split(",")) });
    endpointsOf.set(endpoint.agentId, list);
  }
  const usersOf = new Map<number, UserRow[]>();
  for (const user of users) usersOf.set(user.agentId, [...(usersOf.get(user.agentId) ?? []), user]);

  return {
    users(audience: Audience, role: Role, fact: EventFacts, event: EventRow): UserRow[] {
      if (audience === "everyone") return byRole.get(role) ?? [];
      const agentId = audienceAgent(audience, fact, event);
      return agentId === null ? [] : (usersOf.get(agentId) ?? []).filter((user) => user.role === role);
    },
    wantsEmail: (userId: number, type: NotificationType) => preferences.has(`${userId}:${type}`),
    endpoints: (agentId: number | null, type: string) => (agentId === null ? [] : (endpointsOf.get(agentId) ?? []).filter((e) => e.types.has(type)).map((e) => e.id)),
  };
}
