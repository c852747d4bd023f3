/**
 * A small world of agents and users for the order tests, and factories that bring an order to
 * each state through the real service functions (so every invariant holds as in production).
 */
import type { Role } from "@/lib/accounts/roles";
import { AuthorizationCodeGenerator } from "@/lib/authorization-code/code";
import type { Database } from "@/lib/db/database";
import type { Actor, OrdersContext } from "@/lib/orders/context";
import { closeOrder } from "@/lib/orders/close-order";
import { dispatchOrder } from "@/lib/orders/dispatch-order";
import { registerOrder } from "@/lib/orders/register-order";
import type { RegisterOrderInput } from "@/lib/orders/schemas";
import { sellOrder } from "@/lib/orders/sell-order";
import type { AgentType } from "@/lib/registry/agent-types";
import { completeRuc } from "@/lib/registry/ruc";

export const TEST_CODE_SECRET = "test-secret-for-authorization-codes";

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public current = new Date("2026-03-10T15:00:00Z")) {}
  now = () => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(iso: string) {
    this.current = new Date(iso);
  }
}

export function testContext(db: Database, clock = new TestClock()): OrdersContext<Database> & { clock: TestClock } {
  return { db, codes: new AuthorizationCodeGenerator(TEST_CODE_SECRET), now: clock.now, clock };
}

let rucSerial = 0;

function nextRuc(): string {
  rucSerial++;
  return completeRuc(`20${String(process.pid % 1000).padStart(3, "0")}${String(rucSerial).padStart(5, "0")}`);
}

export interface AgentSpec {
  type: AgentType;
  name: string;
  capacityGallons?: number;
  cededBySellerId?: number;
  insuranceExpiresOn?: string | null;
  registryStatus?: string;
}

export async function createAgent(db: Database, spec: AgentSpec) {
  const ruc = nextRuc();
  return db.prisma.agent.create({
    data: {
      type: spec.type,
      businessName: spec.name,
      ruc,
      registryNumber: `${ruc.slice(-5)}-038-150516`,
      registryStatus: spec.registryStatus ?? "VIGENTE",
      address: "Av. Principal 123",
      department: "Lima",
      province: "Lima",
      district: "Ate",
      storageCapacity: Math.round((spec.capacityGallons ?? 0) * 100),
      cededBySellerId: spec.cededBySellerId,
      insuranceExpiresOn: spec.insuranceExpiresOn === undefined ? "2030-12-31" : spec.insuranceExpiresOn,
    },
  });
}

export async function createActor(db: Database, agentId: number, role: Role): Promise<Actor> {
  const user = await db.prisma.user.create({
    data: {
      username: `u${agentId}-${role.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`,
      fullName: `Usuario ${role}`,
      passwordHash: "not-a-real-hash",
      role,
      agentId,
    },
  });
  return { userId: user.id, agentId, role };
}

let worldSerial = 0;

export type TruckOwner = "envasadora" | "distribuidor" | "comercializador";
const OWNER_LETTER: Record<TruckOwner, string> = { envasadora: "E", distribuidor: "D", comercializador: "C" };

/** A plate unique to this world: owner letter, the world's serial in base 36, the truck's number. */
function worldPlate(serial: number, owner: TruckOwner, index: number): string {
  return `${OWNER_LETTER[owner]}${serial.toString(36).toUpperCase().padStart(2, "0").slice(-2)}-${100 + index}`;
}

export interface TruckSpec {
  plate: string;
  ownerAgentId: number;
  capacityGallons?: number;
  insuranceExpiresOn?: string;
  status?: string;
}

let truckSerial = 0;

export async function createTruck(db: Database, spec: TruckSpec) {
  truckSerial++;
  return db.prisma.truck.create({
    data: {
      plate: spec.plate,
      registryNumber: `${800_000 + truckSerial}-038-150516`,
      ownerAgentId: spec.ownerAgentId,
      capacity: Math.round((spec.capacityGallons ?? 20_000) * 100),
      insuranceExpiresOn: spec.insuranceExpiresOn ?? "2030-12-31",
      status: spec.status ?? "VIGENTE",
    },
  });
}

export async function buildWorld(db: Database) {
  const serial = worldSerial++;
  const envasadora = await createAgent(db, { type: "PLANTA_ENVASADORA", name: "Envasadora Fermiones S.A.C.", capacityGallons: 50_000 });
  const distribuidor = await createAgent(db, { type: "DISTRIBUIDOR_A_GRANEL", name: "Distribuidora Quarks S.A.C." });
  const comercializador = await createAgent(db, { type: "COMERCIALIZADOR", name: "Comercializadora Gluones S.A." });
  const planta = await createAgent(db, { type: "PLANTA_ABASTECIMIENTO", name: "Planta Callao Leptones" });
  const buyer = await createAgent(db, { type: "CONSUMIDOR_DIRECTO", name: "Bosón de Higgs S.A.C.", capacityGallons: 10_000 });
  const otherBuyer = await createAgent(db, { type: "GASOCENTRO", name: "Grifo Tau E.I.R.L.", capacityGallons: 5_000 });
  const regulator = await createAgent(db, { type: "OSINERGMIN", name: "Osinergmin" });
  // Five registered trucks of 20,000 gal for each seller, with plates unique to this world.
  const owners = { envasadora, distribuidor, comercializador };
  const trucks = {} as Record<TruckOwner, Awaited<ReturnType<typeof createTruck>>[]>;
  for (const owner of Object.keys(owners) as TruckOwner[]) {
    trucks[owner] = [];
    for (let index = 0; index < 5; index++) {
      trucks[owner].push(await createTruck(db, { plate: worldPlate(serial, owner, index), ownerAgentId: owners[owner].id }));
    }
  }

  return {
    trucks,
    agents: { envasadora, distribuidor, comercializador, planta, buyer, otherBuyer, regulator },
    actors: {
      buyer: await createActor(db, buyer.id, "COMPRADOR"),
      otherBuyer: await createActor(db, otherBuyer.id, "COMPRADOR"),
      envasadora: await createActor(db, envasadora.id, "VENDEDOR"),
      envasadoraBuyer: await createActor(db, envasadora.id, "COMPRADOR"),
      distribuidor: await createActor(db, distribuidor.id, "VENDEDOR"),
      comercializador: await createActor(db, comercializador.id, "VENDEDOR"),
      planta: await createActor(db, planta.id, "OPERADOR_PLANTA"),
      regulator: await createActor(db, regulator.id, "REGULADOR"),
      admin: await createActor(db, regulator.id, "ADMINISTRADOR"),
    },
  };
}
export type World = Awaited<ReturnType<typeof buildWorld>>;

export function flowAOrder(world: World, volume: number | string = "1000"): RegisterOrderInput {
  return { sellerType: "PLANTA_ENVASADORA", sellerId: world.agents.envasadora.id, volume, deliveryDate: "2026-03-11" };
}

export function flowBOrder(world: World, volume: number | string = "1000"): RegisterOrderInput {
  return {
    sellerType: "COMERCIALIZADOR",
    sellerId: world.agents.comercializador.id,
    plantId: world.agents.planta.id,
    volume,
    deliveryDate: "2026-03-11",
  };
}

/** The documents of a lot (any lot: they are not checked against anything). */
export const DOCUMENTS = { guiaRemision: "T001-00000001", factura: "F001-00000001" };

/** A lot's plate and documents on the `index`-th registered truck of `owner`. */
export function lotOn(world: World, owner: TruckOwner, index = 0) {
  return { plate: world.trucks[owner][index].plate, ...DOCUMENTS };
}

type Ctx = OrdersContext;

export async function seedSolicitadoOrder(ctx: Ctx, world: World, flow: "A" | "B" = "A", volume = "1000") {
  const { code } = await registerOrder(ctx, world.actors.buyer, flow === "A" ? flowAOrder(world, volume) : flowBOrder(world, volume));
  return code;
}

/** Flow b, sold, waiting for the plant's dispatch. */
export async function seedVendidoOrder(ctx: Ctx, world: World, volume = "1000") {
  const code = await seedSolicitadoOrder(ctx, world, "B", volume);
  await sellOrder(ctx, world.actors.comercializador, { code, lots: [{ ...lotOn(world, "comercializador"), volume }] });
  return code;
}

export async function seedPorCerrarOrder(ctx: Ctx, world: World, flow: "A" | "B" = "A", lots: string[] = ["600", "400"]) {
  const volume = String(lots.reduce((sum, lot) => sum + Number(lot), 0));
  const code = await seedSolicitadoOrder(ctx, world, flow, volume);
  const seller = flow === "A" ? world.actors.envasadora : world.actors.comercializador;
  const owner = flow === "A" ? "envasadora" : "comercializador";
  await sellOrder(ctx, seller, { code, lots: lots.map((v, i) => ({ ...lotOn(world, owner, i % 5), volume: v })) });
  if (flow === "B") {
    await dispatchOrder(ctx, world.actors.planta, { code, lots: lots.map((v, i) => ({ position: i + 1, volume: v })) });
  }
  return code;
}

export async function seedCerradoOrder(ctx: Ctx, world: World, flow: "A" | "B" = "A") {
  const code = await seedPorCerrarOrder(ctx, world, flow, ["500"]);
  await closeOrder(ctx, world.actors.buyer, { code, lots: [{ position: 1, rejected: false, receivedVolume: "500" }] });
  return code;
}
