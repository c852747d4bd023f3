/**
 * The benchmark's registry: buyers with ample capacity, flow-a and flow-b sellers, supply plants,
 * one user per agent and an API key for each, made through the same lib/ functions as the portal.
 */
import type { Role } from "@/lib/accounts/roles";
import { createApiKey } from "@/lib/api/keys";
import type { Database } from "@/lib/db/database";
import type { AgentType } from "@/lib/registry/agent-types";
import { completeRuc } from "@/lib/registry/ruc";
import { LOT_VOLUMES } from "./mix";

export interface Party {
  agentId: number;
  userId: number;
  /** API key, `scop_…` */
  key: string;
  /** a seller's registered tank trucks, one per lot of the benchmark's sale (mix.ts LOT_VOLUMES) */
  plates: string[];
}

export interface BenchWorld {
  buyers: Party[];
  sellersA: Party[];
  sellersB: Party[];
  plants: Party[];
}

const BUYERS = 8;
const SELLERS = 2;
/** 100,000 gallons each: far more than the orders one buyer can have open at concurrency 64. */
const BUYER_CAPACITY_HUNDREDTHS = 100_000 * 100;

let serial = 0;

async function party(db: Database, type: AgentType, role: Role, name: string, capacity = 0): Promise<Party> {
  serial++;
  const ruc = completeRuc(`20${String(900_000_00 + serial).padStart(8, "0")}`);
  const agent = await db.prisma.agent.create({
    data: {
      type,
      businessName: `${name} ${serial} S.A.C.`,
      ruc,
      registryNumber: `${String(70_000 + serial)}-038-150516`,
      address: "Av. Argentina 1234",
      department: "Lima",
      province: "Lima",
      district: "Callao",
      storageCapacity: capacity,
      insuranceExpiresOn: "2099-12-31",
    },
  });
  const user = await db.prisma.user.create({
    data: { username: `bench-${serial}`, fullName: `Usuario ${name} ${serial}`, passwordHash: "not-a-login", role, agentId: agent.id },
  });
  const { key } = await createApiKey(db, { userId: user.id, agentId: agent.id, role }, "benchmark");
  const plates: string[] = [];
  if (role === "VENDEDOR") {
    for (let lot = 0; lot < LOT_VOLUMES.length; lot++) {
      const plate = `B${String.fromCharCode(65 + (serial % 26))}N-${100 + lot}`;
      await db.prisma.truck.create({
        data: { plate, registryNumber: `${80_000 + serial * 10 + lot}-038-150516`, ownerAgentId: agent.id, capacity: 20_000 * 100, insuranceExpiresOn: "2099-12-31" },
      });
      plates.push(plate);
    }
  }
  return { agentId: agent.id, userId: user.id, key, plates };
}

export async function seedBenchWorld(db: Database): Promise<BenchWorld> {
  const world: BenchWorld = { buyers: [], sellersA: [], sellersB: [], plants: [] };
  for (let i = 0; i < SELLERS; i++) {
    world.sellersA.push(await party(db, "PLANTA_ENVASADORA", "VENDEDOR", "Envasadora Bench"));
    world.sellersB.push(await party(db, "COMERCIALIZADOR", "VENDEDOR", "Comercializadora Bench"));
    world.plants.push(await party(db, "PLANTA_ABASTECIMIENTO", "OPERADOR_PLANTA", "Planta Bench"));
  }
  for (let i = 0; i < BUYERS; i++) {
    world.buyers.push(await party(db, "CONSUMIDOR_DIRECTO", "COMPRADOR", "Consumidor Bench", BUYER_CAPACITY_HUNDREDTHS));
  }
  return world;
}

/** The parties worker `n` acts as: each worker keeps one buyer, one seller of each flow and one plant. */
export function partiesOf(world: BenchWorld, n: number) {
  return {
    buyer: world.buyers[n % world.buyers.length],
    sellerA: world.sellersA[n % world.sellersA.length],
    sellerB: world.sellersB[n % world.sellersB.length],
    plant: world.plants[n % world.plants.length],
  };
}
