/**
 * A fictional national registry for the large seed: agents of every type, in proportions like
 * those of the Registro de Hidrocarburos (many small buyers, fewer Plantas Envasadoras and
 * Distribuidores a Granel, a handful of Productores/Comercializadores and Plantas de
 * Abastecimiento), with valid RUCs, registry numbers, Peruvian locations and capacities.
 */
import type { Role } from "@/lib/accounts/roles";
import type { AgentType } from "@/lib/registry/agent-types";
import { DEPARTMENTS } from "@/lib/registry/geography";
import { registryNumber } from "@/lib/registry/registry-number";
import { completeRuc } from "@/lib/registry/ruc";
import { Prng } from "@/lib/prng";

export interface LargeAgent {
  type: AgentType;
  businessName: string;
  ruc: string;
  registryNumber: string;
  registryStatus: "VIGENTE" | "SUSPENDIDO";
  address: string;
  department: string;
  province: string;
  district: string;
  /** hundredths of a gallon */
  storageCapacity: number;
  /** index into the same list of the seller that ceded its tanks in use */
  cededBy: number | null;
  insuranceExpiresOn: string | null;
}

export interface LargeUser {
  username: string;
  fullName: string;
  role: Role;
  agent: number;
}

/** A registered tank truck of the large seed. */
export interface LargeTruck {
  plate: string;
  registryNumber: string;
  /** index into the agents */
  owner: number;
  /** hundredths of a gallon */
  capacity: number;
  insuranceExpiresOn: string;
  status: "VIGENTE" | "SUSPENDIDO" | "CANCELADO";
}

export interface LargeRegistry {
  agents: LargeAgent[];
  users: LargeUser[];
  trucks: LargeTruck[];
}

/** What already exists in the target database, so that an --append run never collides. */
export interface Taken {
  rucs: Set<string>;
  registryNumbers: Set<string>;
  usernames: Set<string>;
  /** plates of live (not cancelled) truck registrations */
  plates: Set<string>;
}

/** How many tank trucks each seller type inscribes, and the capacities they come in (gallons). */
const FLEET: Partial<Record<AgentType, { trucks: [number, number]; capacities: number[] }>> = {
  PLANTA_ENVASADORA: { trucks: [3, 8], capacities: [4_500, 6_000, 8_000, 10_000, 12_000, 13_200] },
  DISTRIBUIDOR_A_GRANEL: { trucks: [1, 4], capacities: [3_000, 4_500, 6_000, 8_000, 10_000] },
  COMERCIALIZADOR: { trucks: [12, 30], capacities: [8_000, 10_000, 12_000, 13_200] },
};
const PLATE_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";
const PLATE_ALNUM = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";

/** Activity codes of the registry number, one per agent type (as in the demo registry). */
const ACTIVITY: Record<AgentType, number> = {
  CONSUMIDOR_DIRECTO: 60,
  RED_DE_DISTRIBUCION: 71,
  GASOCENTRO: 81,
  PLANTA_ENVASADORA: 38,
  DISTRIBUIDOR_A_GRANEL: 45,
  COMERCIALIZADOR: 21,
  PLANTA_ABASTECIMIENTO: 12,
  OSINERGMIN: 0,
};

/** Storage capacity range in gallons of each buyer type. */
const CAPACITY_GALLONS: Partial<Record<AgentType, [number, number]>> = {
  CONSUMIDOR_DIRECTO: [1_500, 12_000],
  RED_DE_DISTRIBUCION: [1_500, 10_000],
  GASOCENTRO: [2_000, 12_000],
  PLANTA_ENVASADORA: [30_000, 150_000],
  DISTRIBUIDOR_A_GRANEL: [15_000, 45_000],
};

const SUFFIXES = ["S.A.C.", "S.A.", "E.I.R.L.", "S.R.L."];
const WORDS = [
  "Andina", "del Pacífico", "Huascarán", "Los Cóndores", "Santa Rosa", "El Sol", "Amazonas", "Costa Verde",
  "Los Incas", "Misti", "Titicaca", "Paracas", "Chavín", "Nazca", "Vilcanota", "Mantaro", "Rímac", "Ucayali",
  "San Martín", "La Esperanza", "Los Álamos", "Cordillera Blanca", "Pachacútec", "Las Lomas", "Sipán",
  "Kuntur", "Inti", "Wayra", "Qori", "Illari", "Sumaq", "Ayni", "Pukara", "Tambo Real", "Moray", "Kallpa",
];
const PREFIXES: Record<AgentType, string[]> = {
  CONSUMIDOR_DIRECTO: ["Industrias", "Agroindustrias", "Avícola", "Panificadora", "Textil", "Cerámicos", "Pesquera", "Hotel", "Clínica", "Lavandería Industrial", "Minera", "Alimentos"],
  RED_DE_DISTRIBUCION: ["Red de Gas", "Gas Residencial", "Redes de GLP"],
  GASOCENTRO: ["Grifo", "Estación de Servicios", "Gasocentro", "Servicentro"],
  PLANTA_ENVASADORA: ["Planta Envasadora", "Envasadora de Gas", "Gas Envasado"],
  DISTRIBUIDOR_A_GRANEL: ["Distribuidora a Granel", "Granel", "Transportes de GLP"],
  COMERCIALIZADOR: ["Comercializadora", "Productora", "Importadora de GLP", "Refinería"],
  PLANTA_ABASTECIMIENTO: ["Planta de Abastecimiento"],
  OSINERGMIN: ["Osinergmin"],
};
const STREETS = ["Av.", "Jr.", "Calle", "Carretera", "Psje."];
const STREET_NAMES = ["Los Pinos", "Grau", "Bolognesi", "Túpac Amaru", "Industrial", "Los Laureles", "Arequipa", "Panamericana Norte", "Panamericana Sur", "Central", "San Martín", "Mariscal Castilla", "Las Gardenias", "Huayna Cápac"];
const FIRST_NAMES = ["Rosa", "Jorge", "Carmen", "Luis", "Ana", "Miguel", "Patricia", "Diego", "Lucía", "Pedro", "Elena", "Raúl", "Sofía", "Julio", "Milagros", "César", "Gladys", "Víctor", "Yolanda", "Hugo"];
const LAST_NAMES = ["Quispe", "Huamán", "Ramírez", "Flores", "Rojas", "Mendoza", "Castillo", "Chávez", "Vargas", "Paredes", "Gutiérrez", "León", "Castro", "Vega", "Herrera", "Soto", "Sánchez", "Torres", "Espinoza", "Cárdenas", "Mamani", "Condori", "Apaza", "Ccori"];
/** Terminals where LPG is received by sea or from the gas plants, with their districts. */
const SUPPLY_PLANTS = [
  ["Callao", "Callao", "Callao"],
  ["Ica", "Pisco", "Paracas"],
  ["Arequipa", "Islay", "Mollendo"],
  ["Piura", "Talara", "Pariñas"],
  ["Lambayeque", "Chiclayo", "Puerto Eten"],
  ["La Libertad", "Trujillo", "Salaverry"],
  ["Lima", "Barranca", "Supe Puerto"],
  ["Ancash", "Santa", "Chimbote"],
  ["Moquegua", "Ilo", "Ilo"],
  ["Cusco", "La Convención", "Echarati"],
] as const;

/** How many agents of each type for a seed of `orders` orders. */
export function agentCounts(orders: number): Record<AgentType, number> {
  const buyers = Math.min(6_000, Math.max(40, Math.round(orders / 200)));
  return {
    CONSUMIDOR_DIRECTO: Math.max(6, Math.round(buyers * 0.42)),
    GASOCENTRO: Math.max(6, Math.round(buyers * 0.36)),
    RED_DE_DISTRIBUCION: Math.max(3, Math.round(buyers * 0.08)),
    PLANTA_ENVASADORA: Math.max(4, Math.round(buyers * 0.09)),
    DISTRIBUIDOR_A_GRANEL: Math.max(3, Math.round(buyers * 0.05)),
    COMERCIALIZADOR: Math.min(14, Math.max(3, Math.round(buyers / 300))),
    PLANTA_ABASTECIMIENTO: Math.min(SUPPLY_PLANTS.length, Math.max(3, Math.round(buyers / 400))),
    OSINERGMIN: 1,
  };
}

const lima = DEPARTMENTS.find((department) => department.name === "Lima");

function location(prng: Prng) {
  // About a third of the registry is in Lima and Callao; the rest spread over the country.
  const department = lima && prng.chance(0.35) ? lima : prng.pick(DEPARTMENTS);
  const province = prng.pick(department.provinces);
  const district = province.districts.length ? prng.pick(province.districts) : province.name;
  return { department: department.name, province: province.name, district };
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function buildRegistry(orders: number, seed: number, now: Date, taken: Taken): LargeRegistry {
  const prng = new Prng(seed ^ 0x5eed);
  const counts = agentCounts(orders);
  const agents: LargeAgent[] = [];
  const users: LargeUser[] = [];
  let serial = prng.int(0, 89_999_999);
  let registryCode = prng.int(10_000, 60_000);

  const nextRuc = () => {
    for (;;) {
      serial = (serial + 7_654_321) % 90_000_000; // a full cycle: every body is different
      const ruc = completeRuc(`20${10_000_000 + serial}`);
      if (!taken.rucs.has(ruc)) {
        taken.rucs.add(ruc);
        return ruc;
      }
    }
  };
  const nextRegistryNumber = (type: AgentType) => {
    for (;;) {
      registryCode += prng.int(1, 7);
      const inscribed = new Date(Date.UTC(prng.int(2004, 2024), prng.int(0, 11), prng.int(1, 28)));
      const number = registryNumber(registryCode, ACTIVITY[type], inscribed);
      if (!taken.registryNumbers.has(number)) {
        taken.registryNumbers.add(number);
        return number;
      }
    }
  };
  const user = (agent: number, role: Role) => {
    let username = `${role.toLowerCase().replace("_", "")}.${agent + 1}`;
    for (let n = 2; taken.usernames.has(username); n++) username = `${role.toLowerCase().replace("_", "")}.${agent + 1}-${n}`;
    taken.usernames.add(username);
    users.push({ username, fullName: `${prng.pick(FIRST_NAMES)} ${prng.pick(LAST_NAMES)} ${prng.pick(LAST_NAMES)}`, role, agent });
  };

  const add = (type: AgentType, fixed?: { name: string; department: string; province: string; district: string }) => {
    const where = fixed ?? location(prng);
    const range = CAPACITY_GALLONS[type];
    const buys = range !== undefined;
    const index = agents.length;
    agents.push({
      type,
      businessName: fixed?.name ?? `${prng.pick(PREFIXES[type])} ${prng.pick(WORDS)} ${prng.pick(SUFFIXES)}`,
      ruc: nextRuc(),
      registryNumber: nextRegistryNumber(type),
      // A few small buyers are suspended (they keep their history, but open nothing new).
      registryStatus: (type === "CONSUMIDOR_DIRECTO" || type === "GASOCENTRO") && prng.chance(0.01) ? "SUSPENDIDO" : "VIGENTE",
      address: `${prng.pick(STREETS)} ${prng.pick(STREET_NAMES)} ${prng.int(100, 4_999)}`,
      department: where.department,
      province: where.province,
      district: where.district,
      storageCapacity: buys ? Math.round(prng.int(range[0] / 500, range[1] / 500) * 500 * 100) : 0,
      cededBy: null,
      insuranceExpiresOn: buys ? isoDay(now.getTime() + prng.int(60, 720) * 86_400_000) : null,
    });
    return index;
  };

  add("OSINERGMIN", { name: "Osinergmin — Supervisión SCOP", department: "Lima", province: "Lima", district: "Magdalena del Mar" });
  for (let i = 0; i < counts.PLANTA_ABASTECIMIENTO; i++) {
    const [department, province, district] = SUPPLY_PLANTS[i];
    add("PLANTA_ABASTECIMIENTO", { name: `Planta de Abastecimiento ${district} — Terminal ${WORDS[i]}`, department, province, district });
  }
  for (const type of ["COMERCIALIZADOR", "PLANTA_ENVASADORA", "DISTRIBUIDOR_A_GRANEL", "RED_DE_DISTRIBUCION", "GASOCENTRO", "CONSUMIDOR_DIRECTO"] as const) {
    for (let i = 0; i < counts[type]; i++) add(type);
  }
  // Some Gasocentros and Consumidores Directos use tanks ceded in use by a Planta Envasadora.
  const envasadoras = agents.flatMap((agent, index) => (agent.type === "PLANTA_ENVASADORA" ? [index] : []));
  for (const agent of agents) {
    if ((agent.type === "GASOCENTRO" || agent.type === "CONSUMIDOR_DIRECTO") && prng.chance(0.12)) agent.cededBy = prng.pick(envasadoras);
  }

  // Each seller's registered tank trucks: current-format plates, unique among live registrations,
  // each with its own registry number (the owner's code, its activity, the truck's inscription date).
  const trucks: LargeTruck[] = [];
  const nextPlate = () => {
    for (;;) {
      const plate = `${prng.pick([...PLATE_LETTERS])}${prng.pick([...PLATE_ALNUM])}${prng.pick([...PLATE_LETTERS])}-${prng.int(100, 999)}`;
      if (!taken.plates.has(plate)) {
        taken.plates.add(plate);
        return plate;
      }
    }
  };
  agents.forEach((agent, index) => {
    const fleet = FLEET[agent.type];
    if (!fleet) return;
    const count = prng.int(fleet.trucks[0], fleet.trucks[1]);
    for (let i = 0; i < count; i++) {
      // The largest capacity first, so every fleet can carry its largest lots.
      const gallons = i === 0 ? fleet.capacities[fleet.capacities.length - 1] : prng.pick(fleet.capacities);
      const x = prng.next();
      trucks.push({
        plate: nextPlate(),
        registryNumber: nextRegistryNumber(agent.type),
        owner: index,
        capacity: gallons * 100,
        insuranceExpiresOn: isoDay(now.getTime() + prng.int(30, 720) * 86_400_000),
        // A few are suspended or cancelled today; their past lots stay theirs.
        status: i > 0 && x < 0.01 ? "SUSPENDIDO" : i > 0 && x < 0.015 ? "CANCELADO" : "VIGENTE",
      });
    }
  });

  agents.forEach((agent, index) => {
    switch (agent.type) {
      case "OSINERGMIN":
        user(index, "REGULADOR");
        user(index, "ADMINISTRADOR");
        break;
      case "PLANTA_ABASTECIMIENTO":
        user(index, "OPERADOR_PLANTA");
        break;
      case "COMERCIALIZADOR":
        user(index, "VENDEDOR");
        break;
      case "PLANTA_ENVASADORA":
      case "DISTRIBUIDOR_A_GRANEL":
        user(index, "VENDEDOR");
        user(index, "COMPRADOR");
        break;
      default:
        user(index, "COMPRADOR");
    }
  });
  return { agents, users, trucks };
}
