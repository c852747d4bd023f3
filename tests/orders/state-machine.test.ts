/**
 * DESIGN.md's transition table (tests/support/design-table.ts, written out by hand) against the
 * code: first the code's own table (lib/orders/states.ts) entry by entry, then every state ×
 * action × actor on a real database — the allowed ones reach the state the table says and append
 * exactly the event it names; every other one is refused with the right kind of error and
 * changes nothing (order, lots, movements, buyer's committed capacity).
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
import { ACTIONS, ORDER_STATES, TRANSITIONS, isAllowed, isFinal, isOpen, type OrderAction, type OrderState } from "@/lib/orders/states";
import type { Flow } from "@/lib/registry/agent-types";
import { DESIGN_FINAL, DESIGN_OPEN, ROLE_OF, TABLE_ACTIONS, WHO, designOutcome, statesOf, type TableAction } from "../support/design-table";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import {
  lotOn,
  buildWorld,
  flowAOrder,
  flowBOrder,
  seedCerradoOrder,
  seedPorCerrarOrder,
  seedSolicitadoOrder,
  seedVendidoOrder,
  testContext,
  type World,
} from "../support/world";

/** The code's action for each of the table's: closing with every lot rejected is CERRAR. */
const CODE_ACTION: Record<TableAction, OrderAction> = {
  ANULAR: "ANULAR",
  VENDER: "VENDER",
  DESPACHAR: "DESPACHAR",
  CERRAR: "CERRAR",
  CERRAR_TODO_RECHAZADO: "CERRAR",
  RECHAZAR: "RECHAZAR",
};

describe("the code's transition table is DESIGN.md's", () => {
  const rows = (["A", "B"] as const).flatMap((flow) => statesOf(flow).flatMap((state) => TABLE_ACTIONS.map((action) => [flow, state, action] as const)));

  it.each(rows)("flow %s · %s · %s", (flow, state, action) => {
    const expected = designOutcome(flow, state, action);
    const code = CODE_ACTION[action];
    expect(isAllowed(code, state, flow)).toBe(expected !== "refused");
    // Closing with every lot rejected is the one row whose result the action's own entry does not give.
    if (expected !== "refused" && action !== "CERRAR_TODO_RECHAZADO") {
      expect({ to: TRANSITIONS[code].to(flow), event: TRANSITIONS[code].event }).toEqual(expected);
    }
  });

  it("has the actions, the final states and the open states DESIGN.md names", () => {
    expect([...ACTIONS].sort()).toEqual([...new Set(Object.values(CODE_ACTION))].sort());
    expect(ORDER_STATES.filter((state) => isFinal(state))).toEqual(DESIGN_FINAL);
    expect(ORDER_STATES.filter((state) => isOpen(state))).toEqual(DESIGN_OPEN);
  });
});

type Setup = { flow: Flow; state: OrderState; name?: string; make: (ctx: OrdersContext, world: World) => Promise<string> };

/** An order in each state each flow can be in, reached through the services. */
const SETUPS: Setup[] = [
  { flow: "A", state: "SOLICITADO", make: (ctx, w) => seedSolicitadoOrder(ctx, w, "A") },
  { flow: "A", state: "POR_CERRAR", make: (ctx, w) => seedPorCerrarOrder(ctx, w, "A") },
  { flow: "A", state: "CERRADO", make: (ctx, w) => seedCerradoOrder(ctx, w, "A") },
  {
    flow: "A",
    state: "ANULADO",
    make: async (ctx, w) => {
      const code = await seedSolicitadoOrder(ctx, w, "A");
      await annulOrder(ctx, w.actors.buyer, { code });
      return code;
    },
  },
  {
    flow: "A",
    state: "RECHAZADO",
    make: async (ctx, w) => {
      const code = await seedPorCerrarOrder(ctx, w, "A");
      await rejectOrder(ctx, w.actors.buyer, { code, reason: "Producto fuera de especificación" });
      return code;
    },
  },
  { flow: "B", state: "SOLICITADO", make: (ctx, w) => seedSolicitadoOrder(ctx, w, "B") },
  { flow: "B", state: "VENDIDO", make: (ctx, w) => seedVendidoOrder(ctx, w) },
  { flow: "B", state: "POR_CERRAR", make: (ctx, w) => seedPorCerrarOrder(ctx, w, "B") },
  { flow: "B", state: "CERRADO", make: (ctx, w) => seedCerradoOrder(ctx, w, "B") },
  {
    flow: "B",
    state: "ANULADO",
    make: async (ctx, w) => {
      const code = await seedSolicitadoOrder(ctx, w, "B");
      await annulOrder(ctx, w.actors.buyer, { code });
      return code;
    },
  },
  {
    flow: "B",
    state: "RECHAZADO",
    make: async (ctx, w) => {
      const code = await seedVendidoOrder(ctx, w);
      await rejectOrder(ctx, w.actors.buyer, { code, reason: "Producto fuera de especificación" });
      return code;
    },
  },
  {
    name: "RECHAZADO from SOLICITADO (a)",
    flow: "A",
    state: "RECHAZADO",
    make: async (ctx, w) => {
      const code = await seedSolicitadoOrder(ctx, w, "A");
      await rejectOrder(ctx, w.actors.buyer, { code, reason: "El producto no llegará" });
      return code;
    },
  },
];

const ACTOR_NAMES = ["buyer", "otherBuyer", "envasadora", "distribuidor", "comercializador", "planta", "regulator", "admin", "envasadoraBuyer"] as const;
type ActorName = (typeof ACTOR_NAMES)[number];

/** Whether the actor is the order's party for the action: its buyer, its chosen seller, the operator of its plant. */
function isParty(name: ActorName, action: TableAction, flow: Flow): boolean {
  switch (WHO[action]) {
    case "buyer":
      return name === "buyer";
    case "seller":
      return name === (flow === "A" ? "envasadora" : "comercializador");
    case "plant":
      return name === "planta" && flow === "B"; // flow-a orders have no plant
  }
}

async function act(ctx: OrdersContext, actor: Actor, action: TableAction, code: string, test: TestDatabase, world: World) {
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
    case "CERRAR_TODO_RECHAZADO":
      return closeOrder(ctx, actor, { code, lots: positions.map((lot) => ({ position: lot.position, rejected: true as const })) });
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
    TABLE_ACTIONS.flatMap((action) => ACTOR_NAMES.map((actorName) => [setup.name ?? `${setup.state} (${setup.flow.toLowerCase()})`, action, actorName, setup] as const)),
  );

  it.each(cases)("%s · %s · by %s", async (_, action, actorName, setup) => {
    const code = await setup.make(ctx, world);
    const before = await snapshot(test, code, world.agents.buyer.id);
    expect(before.order.state).toBe(setup.state);
    ctx.clock.advance(1_000);

    const roleFits = world.actors[actorName].role === ROLE_OF[WHO[action]];
    const party = isParty(actorName, action, setup.flow);
    const outcome = designOutcome(setup.flow, setup.state, action);
    const error = await act(ctx, world.actors[actorName], action, code, test, world).then(
      () => null,
      (failure: DomainError) => failure,
    );
    const after = await snapshot(test, code, world.agents.buyer.id);

    if (roleFits && party && outcome !== "refused") {
      expect(error).toBeNull();
      expect(after.order.state).toBe(outcome.to);
      expect(after.order.version).toBe(before.order.version + 1);
      expect(after.order.movements).toHaveLength(before.order.movements.length + 1);
      expect(after.order.movements.at(-1)).toMatchObject({
        event: outcome.event,
        state: outcome.to,
        userId: world.actors[actorName].userId,
        agentId: world.actors[actorName].agentId,
      });
      const freed = DESIGN_OPEN.includes(setup.state) && DESIGN_FINAL.includes(outcome.to);
      expect(after.committed).toBe(freed ? before.committed - before.order.requestedVolume : before.committed);
    } else {
      expect(error, "the action must be refused").not.toBeNull();
      expect(error!.name).toBe("DomainError");
      expect(error!.kind).toBe(!roleFits ? "forbidden" : !party ? "not_found" : "conflict");
      expect(error!.message).toMatch(/[áéíóúñ]|orden|autorizado/i);
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
    const { code } = await registerOrder(ctx, world.actors.envasadoraBuyer, flowBOrder(world));
    expect(await test.db.prisma.order.findUniqueOrThrow({ where: { code } })).toMatchObject({
      state: "SOLICITADO",
      flow: "B",
      buyerId: world.agents.envasadora.id,
      sellerId: world.agents.comercializador.id,
      plantId: world.agents.planta.id,
    });
  });
});
