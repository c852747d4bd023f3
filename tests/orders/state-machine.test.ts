/**
 * Every state × action × actor: the allowed ones reach the state of DESIGN.md's table and append
 * exactly one movement; every other one is refused with the right kind of error and changes
 * nothing (order, lots, movements, buyer's committed capacity).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DomainError } from "@/lib/errors";
import { annulOrder } from "@/lib/orders/annul-order";
import { closeOrder } from "@/lib/orders/close-order";
import type { Actor, OrdersContext } from "@/lib/orders/context";
import { dispatchOrder } from "@/lib/orders/dispatch-order";
import { registerOrder } from "@/lib/orders/register-order";
import { rejectOrder } from "@/lib/orders/reject-order";
import { sellOrder } from "@/lib/orders/sell-order";
import { ACTION_ACTOR, ACTIONS, TRANSITIONS, isAllowed, type OrderAction, type OrderState } from "@/lib/orders/states";
import type { Flow } from "@/lib/registry/agent-types";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import {
  lotOn,
  buildWorld,
  flowAOrder,
  flowBOrder,
  seedPorCerrarOrder,
  seedSolicitadoOrder,
  seedVendidoOrder,
  testContext,
  type World,
} from "../support/world";

type Setup = { name: string; flow: Flow; state: OrderState; make: (ctx: OrdersContext, world: World) => Promise<string> };

const SETUPS: Setup[] = [
  { name: "SOLICITADO (a)", flow: "A", state: "SOLICITADO", make: (ctx, w) => seedSolicitadoOrder(ctx, w, "A") },
  { name: "SOLICITADO (b)", flow: "B", state: "SOLICITADO", make: (ctx, w) => seedSolicitadoOrder(ctx, w, "B") },
  { name: "VENDIDO (b)", flow: "B", state: "VENDIDO", make: (ctx, w) => seedVendidoOrder(ctx, w) },
  { name: "POR CERRAR (a)", flow: "A", state: "POR_CERRAR", make: (ctx, w) => seedPorCerrarOrder(ctx, w, "A") },
  { name: "POR CERRAR (b)", flow: "B", state: "POR_CERRAR", make: (ctx, w) => seedPorCerrarOrder(ctx, w, "B") },
  {
    name: "CERRADO (a)",
    flow: "A",
    state: "CERRADO",
    make: async (ctx, w) => {
      const code = await seedPorCerrarOrder(ctx, w, "A", ["500"]);
      await closeOrder(ctx, w.actors.buyer, { code, lots: [{ position: 1, rejected: false, receivedVolume: "500" }] });
      return code;
    },
  },
  {
    name: "ANULADO (b)",
    flow: "B",
    state: "ANULADO",
    make: async (ctx, w) => {
      const code = await seedSolicitadoOrder(ctx, w, "B");
      await annulOrder(ctx, w.actors.buyer, { code });
      return code;
    },
  },
  {
    name: "RECHAZADO (b)",
    flow: "B",
    state: "RECHAZADO",
    make: async (ctx, w) => {
      const code = await seedVendidoOrder(ctx, w);
      await rejectOrder(ctx, w.actors.buyer, { code, reason: "Producto fuera de especificación" });
      return code;
    },
  },
];

const ACTOR_NAMES = ["buyer", "otherBuyer", "envasadora", "distribuidor", "comercializador", "planta", "regulator", "admin", "envasadoraBuyer"] as const;
type ActorName = (typeof ACTOR_NAMES)[number];

/** Which actor is the order's party for each action. */
function isParty(name: ActorName, action: OrderAction, flow: Flow): boolean {
  const party = ACTION_ACTOR[action].party;
  if (party === "buyer") return name === "buyer";
  if (party === "seller") return name === (flow === "A" ? "envasadora" : "comercializador");
  return name === "planta" && flow === "B"; // flow-a orders have no plant
}

async function act(ctx: OrdersContext, actor: Actor, action: OrderAction, code: string, test: TestDatabase, world: World) {
  const lots = await test.db.prisma.lot.findMany({ where: { order: { code } }, orderBy: { position: "asc" } });
  const positions = lots.length ? lots : [{ position: 1, soldVolume: 10_000 }];
  switch (action) {
    case "ANULAR":
      return annulOrder(ctx, actor, { code });
    case "VENDER": {
      const { flow } = await test.db.prisma.order.findUniqueOrThrow({ where: { code } });
      return sellOrder(ctx, actor, { code, lots: [{ ...lotOn(world, flow === "A" ? "envasadora" : "comercializador"), volume: "100" }] });
    }
    case "DESPACHAR":
      return dispatchOrder(ctx, actor, { code, lots: positions.map((lot) => ({ position: lot.position, volume: lot.soldVolume / 100 })) });
    case "CERRAR":
      return closeOrder(ctx, actor, {
        code,
        lots: positions.map((lot) => ({ position: lot.position, rejected: false as const, receivedVolume: lot.soldVolume / 100 })),
      });
    case "RECHAZAR":
      return rejectOrder(ctx, actor, { code, reason: "No se recibió el producto" });
  }
}

async function snapshot(test: TestDatabase, code: string, buyerId: number) {
  const order = await test.db.prisma.order.findUniqueOrThrow({ where: { code }, include: { lots: { orderBy: { position: "asc" } }, movements: { orderBy: { id: "asc" } } } });
  const buyer = await test.db.prisma.agent.findUniqueOrThrow({ where: { id: buyerId } });
  return { order, committed: buyer.committedVolume };
}

describe.each(ENGINES)("state × action × actor on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  let ctx: ReturnType<typeof testContext>;

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    world = await buildWorld(test.db);
    ctx = testContext(test.db);
    // Room for every order this file leaves open.
    await test.db.prisma.agent.update({ where: { id: world.agents.buyer.id }, data: { storageCapacity: 1_000_000_000 } });
  });
  afterAll(() => test.drop());

  const cases = SETUPS.flatMap((setup) =>
    ACTIONS.flatMap((action) => ACTOR_NAMES.map((actorName) => [setup.name, action, actorName, setup] as const)),
  );

  it.each(cases)("%s · %s · by %s", async (_, action, actorName, setup) => {
    const code = await setup.make(ctx, world);
    const before = await snapshot(test, code, world.agents.buyer.id);
    expect(before.order.state).toBe(setup.state);
    ctx.clock.advance(1_000);

    const roleFits = world.actors[actorName].role === ACTION_ACTOR[action].role;
    const party = isParty(actorName, action, setup.flow);
    const allowed = party && isAllowed(action, setup.state, setup.flow);
    const outcome = await act(ctx, world.actors[actorName], action, code, test, world).then(
      () => null,
      (error: DomainError) => error,
    );
    const after = await snapshot(test, code, world.agents.buyer.id);

    if (allowed) {
      expect(outcome).toBeNull();
      const expected = TRANSITIONS[action].to(setup.flow);
      expect(after.order.state).toBe(expected);
      expect(after.order.version).toBe(before.order.version + 1);
      expect(after.order.movements).toHaveLength(before.order.movements.length + 1);
      expect(after.order.movements.at(-1)).toMatchObject({
        event: TRANSITIONS[action].event,
        state: expected,
        userId: world.actors[actorName].userId,
        agentId: world.actors[actorName].agentId,
      });
      const stillOpen = ["SOLICITADO", "VENDIDO", "POR_CERRAR"].includes(expected);
      expect(after.committed).toBe(stillOpen ? before.committed : before.committed - before.order.requestedVolume);
    } else {
      expect(outcome, "the action must be refused").not.toBeNull();
      expect(outcome!.name).toBe("DomainError");
      expect(outcome!.kind).toBe(!roleFits ? "forbidden" : !party ? "not_found" : "conflict");
      expect(outcome!.message).toMatch(/[áéíóúñ]|orden|autorizado/i);
      expect(after).toEqual(before);
    }
  });

  it("only a buyer may register, and only with sellers of its flows", async () => {
    for (const name of ["envasadora", "comercializador", "planta", "regulator", "admin"] as const) {
      await expect(registerOrder(ctx, world.actors[name], flowAOrder(world))).rejects.toMatchObject({ kind: "forbidden" });
    }
    // A Planta Envasadora buys only in flow b.
    const fromDistribuidor = { ...flowAOrder(world), sellerType: "DISTRIBUIDOR_A_GRANEL" as const, sellerId: world.agents.distribuidor.id };
    await expect(registerOrder(ctx, world.actors.envasadoraBuyer, fromDistribuidor)).rejects.toMatchObject({ code: "COMPRA_NO_PERMITIDA" });
    // Nor from itself.
    await expect(registerOrder(ctx, world.actors.envasadoraBuyer, flowAOrder(world))).rejects.toMatchObject({ code: "VENDEDOR_NO_EXISTE" });
    await expect(registerOrder(ctx, world.actors.envasadoraBuyer, flowBOrder(world))).resolves.toMatchObject({ code: expect.any(String) });
  });
});
