/**
 * Generates the orders of the large seed, one at a time, into column batches that the writers
 * load in bulk. Every order follows the state machine (lib/orders/states.ts) exactly as the
 * services would have recorded it: the same movements, lots, timestamps, capacity and late days.
 */
import type { AuthorizationCodeGenerator } from "@/lib/authorization-code/code";
import type { MovementEvent, OrderState } from "@/lib/orders/states";
import type { AgentType } from "@/lib/registry/agent-types";
import { Prng, WeightedPicker } from "@/lib/prng";

// plates as lib/seed/large/registry.ts writes them (no I, O or Q, as Peruvian plates)
const PLATE_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";
const PLATE_ALNUM = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";

/**
 * Mean volume of an order by buyer type, from Cuadro Nro. 04 of seed 003 (Osinergmin's SCOP data,
 * GLP orders of 01.05.2016–30.06.2016): Planta Envasadora 9,018 gal/OP; Transportistas (here the
 * Distribuidor a Granel, a tank-truck business) 5,113; Estación de Venta al Público (Gasocentro)
 * 1,158; Otras unidades menores (Consumidor Directo, Red de Distribución) 385. Its "Otras unidades
 * Mayores" (500,776 gal/OP: producers and importers receiving cargoes) buy nothing through this
 * portal's orders and are left out. The same table gives the share of orders of each type
 * (57,111 / 24,875 / 9,665 / 4,847 orders), used to pick the buyer type of each order.
 */
export const MEAN_ORDER_GALLONS: Partial<Record<AgentType, number>> = {
  CONSUMIDOR_DIRECTO: 385,
  RED_DE_DISTRIBUCION: 385,
  GASOCENTRO: 1_158,
  PLANTA_ENVASADORA: 9_018,
  DISTRIBUIDOR_A_GRANEL: 5_113,
};
const ORDER_SHARE: [AgentType, number][] = [
  ["CONSUMIDOR_DIRECTO", 57_111 * 0.8],
  ["RED_DE_DISTRIBUCION", 57_111 * 0.2],
  ["GASOCENTRO", 24_875],
  ["PLANTA_ENVASADORA", 9_665],
  ["DISTRIBUIDOR_A_GRANEL", 4_847],
];

/** A registered truck as the generator needs it. */
export interface RuntimeTruck {
  id: number;
  plate: string;
  /** hundredths of a gallon */
  capacity: number;
}

/** An agent as the generator needs it, once inserted. */
export interface RuntimeAgent {
  /** its registered tank trucks (sellers, and the Plantas Envasadoras and Distribuidores that collect in flow b) */
  trucks: RuntimeTruck[];
  id: number;
  type: AgentType;
  vigente: boolean;
  storageCapacity: number;
  committed: number;
  cededBy: number | null;
  /** user ids by role, 0 when the agent has no such user */
  buyerUser: number;
  sellerUser: number;
  plantUser: number;
}

export interface OrderBatch {
  orders: {
    id: number[];
    code: string[];
    flow: string[];
    buyerId: number[];
    sellerId: number[];
    plantId: (number | null)[];
    requestedVolume: number[];
    purchaseOrderNumber: (string | null)[];
    deliveryDate: string[];
    comment: (string | null)[];
    transport: (string | null)[];
    state: string[];
    version: number[];
    requestedAt: number[];
    soldAt: (number | null)[];
    dispatchedAt: (number | null)[];
    porCerrarAt: (number | null)[];
    porCerrarDay: (string | null)[];
    endedAt: (number | null)[];
    dueDay: (string | null)[];
    daysLate: (number | null)[];
    latenessBasis: (string | null)[];
    nonDeliveryKnownAt: (number | null)[];
    rejectionReason: (string | null)[];
    updatedAt: number[];
  };
  lots: {
    orderId: number[];
    position: number[];
    soldVolume: number[];
    plate: string[];
    truckId: number[];
    guiaRemision: string[];
    factura: string[];
    density: (number | null)[];
    temperature: (number | null)[];
    dispatchedVolume: (number | null)[];
    dispatchedAt: (number | null)[];
    dispatchedPlate: (string | null)[];
    dispatchedTruckId: (number | null)[];
    loadDay: (string | null)[];
    receivedVolume: (number | null)[];
    unloadedAt: (number | null)[];
    rejected: boolean[];
  };
  movements: {
    orderId: number[];
    event: string[];
    state: string[];
    occurredAt: number[];
    userId: number[];
    agentId: number[];
    detail: (string | null)[];
  };
  constataciones: {
    orderId: number[];
    observedAt: number[];
    place: string[];
    plate: string[];
    activity: string[];
    orderState: (string | null)[];
    recordedAt: number[];
    userId: number[];
    agentId: number[];
  };
}

export function emptyBatch(): OrderBatch {
  return {
    orders: {
      id: [], code: [], flow: [], buyerId: [], sellerId: [], plantId: [], requestedVolume: [], purchaseOrderNumber: [],
      deliveryDate: [], comment: [], transport: [], state: [], version: [], requestedAt: [], soldAt: [], dispatchedAt: [],
      porCerrarAt: [], porCerrarDay: [], endedAt: [], dueDay: [], daysLate: [], latenessBasis: [], nonDeliveryKnownAt: [],
      rejectionReason: [], updatedAt: [],
    },
    lots: {
      orderId: [], position: [], soldVolume: [], plate: [], truckId: [], guiaRemision: [], factura: [], density: [], temperature: [],
      dispatchedVolume: [], dispatchedAt: [], dispatchedPlate: [], dispatchedTruckId: [], loadDay: [], receivedVolume: [], unloadedAt: [], rejected: [],
    },
    movements: { orderId: [], event: [], state: [], occurredAt: [], userId: [], agentId: [], detail: [] },
    constataciones: { orderId: [], observedAt: [], place: [], plate: [], activity: [], orderState: [], recordedAt: [], userId: [], agentId: [] },
  };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** America/Lima is UTC−5 all year (no daylight saving since 1994): its days are fixed offsets. */
const LIMA_OFFSET = 5 * HOUR;
const limaDayNumber = (ms: number) => Math.floor((ms - LIMA_OFFSET) / DAY);
const startOfLimaDayMs = (day: number) => day * DAY + LIMA_OFFSET;
const dayNames = new Map<number, string>();
function limaDayName(day: number): string {
  let name = dayNames.get(day);
  if (!name) {
    name = new Date(day * DAY).toISOString().slice(0, 10);
    dayNames.set(day, name);
  }
  return name;
}

const REJECTION_REASONS = [
  "El pedido ya no es necesario: se reprogramó la producción.",
  "La cisterna no llegó en el horario acordado.",
  "El precio facturado no corresponde al pactado.",
  "Se registró el pedido con un volumen equivocado.",
];
const TRANSPORTS = ["Transportes Gluón S.R.L.", "Cisternas del Pacífico S.A.C.", "Transportes Andinos de GLP S.A.", "Carga Líquida del Sur E.I.R.L.", "Logística Kallpa S.A.C."];
const COMMENTS = ["Entrega en horario de mañana", "Descargar por la puerta 2", "Coordinar con el jefe de planta", "Entrega antes de las 14:00"];

type Plan = "SOLICITADO" | "VENDIDO" | "POR_CERRAR" | "CERRADO" | "ANULADO" | "RECHAZO" | "RECHAZO_SIN_VENTA" | "CIERRE_RECHAZADO";

/** Where inspectors find trucks: the buyers' establishments and the roads to them. */
const INSPECTION_PLACES = [
  "Av. Pachacútec 6587, Villa María del Triunfo",
  "Av. Universitaria 672, Pampa Grande, Tumbes",
  "Av. Julio C. Tello 300, Juliaca",
  "Panamericana Sur km 32, Lurín",
  "Av. Néstor Gambetta 4550, Callao",
  "Carretera Central km 15, Ate",
];

export interface GeneratorOptions {
  seed: number;
  orders: number;
  firstId: number;
  now: Date;
  /** how far back the orders go */
  days: number;
  codes: AuthorizationCodeGenerator;
  /** the regulator's inspector who records the constataciones, if the registry has one */
  inspector?: { userId: number; agentId: number };
}

export class OrderGenerator {
  readonly #prng: Prng;
  readonly #options: GeneratorOptions;
  readonly #buyersByType = new Map<AgentType, RuntimeAgent[]>();
  readonly #buyerType: WeightedPicker<AgentType>;
  readonly #sellersA: RuntimeAgent[];
  readonly #sellersB: RuntimeAgent[];
  readonly #plants: RuntimeAgent[];
  readonly #byId = new Map<number, RuntimeAgent>();
  readonly #preferred = new Map<number, { a: RuntimeAgent; b: RuntimeAgent; plant: RuntimeAgent }>();
  readonly #documents = new Map<number, { serie: number; guia: number; factura: number }>();
  readonly #nowMs: number;
  readonly #firstDay: number;
  readonly #activeMs: number;
  readonly #fullDays: number;
  readonly #recentWindow: number;
  readonly #lots = [0.8, 0.15, 0.05];

  constructor(agents: RuntimeAgent[], options: GeneratorOptions) {
    this.#options = options;
    this.#prng = new Prng(options.seed);
    for (const agent of agents) {
      this.#byId.set(agent.id, agent);
      if (MEAN_ORDER_GALLONS[agent.type] !== undefined && agent.buyerUser) {
        const list = this.#buyersByType.get(agent.type) ?? [];
        list.push(agent);
        this.#buyersByType.set(agent.type, list);
      }
    }
    this.#buyerType = new WeightedPicker(ORDER_SHARE.filter(([type]) => this.#buyersByType.has(type)));
    this.#sellersA = agents.filter((a) => (a.type === "PLANTA_ENVASADORA" || a.type === "DISTRIBUIDOR_A_GRANEL") && a.sellerUser && a.vigente);
    this.#sellersB = agents.filter((a) => a.type === "COMERCIALIZADOR" && a.sellerUser && a.vigente);
    this.#plants = agents.filter((a) => a.type === "PLANTA_ABASTECIMIENTO" && a.plantUser && a.vigente);
    if (!this.#sellersA.length || !this.#sellersB.length || !this.#plants.length || !this.#buyersByType.size) {
      throw new Error("el registro no tiene compradores, vendedores y plantas de abastecimiento suficientes");
    }
    for (const list of this.#buyersByType.values()) {
      for (const buyer of list) {
        const ceded = buyer.cededBy !== null ? this.#byId.get(buyer.cededBy) : undefined;
        this.#preferred.set(buyer.id, {
          a: ceded ?? this.#prng.pick(this.#sellersA.filter((seller) => seller.id !== buyer.id)),
          b: this.#prng.pick(this.#sellersB),
          plant: this.#prng.pick(this.#plants),
        });
      }
    }

    // Orders are requested between 06:00 and 20:00 Lima time, over the last `days` days up to now.
    this.#nowMs = options.now.getTime() - MINUTE;
    const today = limaDayNumber(this.#nowMs);
    this.#firstDay = today - options.days;
    this.#fullDays = options.days;
    const todayActive = Math.min(14 * HOUR, Math.max(0, this.#nowMs - (startOfLimaDayMs(today) + 6 * HOUR)));
    this.#activeMs = this.#fullDays * 14 * HOUR + todayActive;
    // The newest orders are the ones still open.
    this.#recentWindow = Math.max(60, Math.round(options.orders * 0.004));
  }

  /** The buyers whose committed volume changed, with their open volume (to write at the end). */
  get buyers(): RuntimeAgent[] {
    return [...this.#buyersByType.values()].flat();
  }

  #requestedAt(index: number): number {
    const active = ((index + this.#prng.next()) / this.#options.orders) * this.#activeMs;
    const day = Math.min(this.#fullDays, Math.floor(active / (14 * HOUR)));
    const within = active - day * 14 * HOUR;
    return Math.min(this.#nowMs - 10 * MINUTE, startOfLimaDayMs(this.#firstDay + day) + 6 * HOUR + Math.floor(within));
  }

  #plan(fromEnd: number, buyer: RuntimeAgent): Plan {
    const prng = this.#prng;
    if (fromEnd < this.#recentWindow && buyer.vigente && prng.chance(0.75 * (1 - fromEnd / this.#recentWindow))) {
      const x = prng.next();
      return x < 0.35 ? "SOLICITADO" : x < 0.55 ? "VENDIDO" : "POR_CERRAR";
    }
    // A few orders were received and never closed: what the regulator finds on inspection.
    if (buyer.vigente && prng.chance(0.0005)) return "POR_CERRAR";
    const x = prng.next();
    if (x < 0.04) return "ANULADO";
    if (x < 0.055) return "RECHAZO";
    // Manual §1: rejected before the sale too (the product will not come).
    if (x < 0.06) return "RECHAZO_SIN_VENTA";
    if (x < 0.07) return "CIERRE_RECHAZADO";
    return "CERRADO";
  }

  #volume(buyer: RuntimeAgent): number {
    const mean = MEAN_ORDER_GALLONS[buyer.type]!;
    const gallons = Math.min(this.#prng.logNormal(mean, 0.55), (buyer.storageCapacity / 100) * 0.9);
    const hundredths = this.#prng.chance(0.7) ? Math.round(gallons) * 100 : Math.round(gallons * 100);
    return Math.max(5_000, hundredths);
  }

  /**
   * The registered trucks that may carry the order, as sellOrder requires (lib/orders/trucks.ts):
   * the seller's; in flow b, a buyer that owns trucks (a Planta Envasadora or Distribuidor a
   * Granel) collects with its own most of the time.
   */
  #fleetFor(flow: "A" | "B", seller: RuntimeAgent, buyer: RuntimeAgent): RuntimeTruck[] {
    if (flow === "B" && buyer.trucks.length && this.#prng.chance(0.6)) return buyer.trucks;
    return seller.trucks;
  }

  /** A truck of `fleet` that holds `volume`, at random. */
  #truckFor(fleet: RuntimeTruck[], volume: number): RuntimeTruck {
    const fits = fleet.filter((truck) => truck.capacity >= volume);
    return this.#prng.pick(fits.length ? fits : fleet);
  }

  /** A plate of no registered truck: what an inspector sometimes finds on the road. */
  #plate(): string {
    const p = this.#prng;
    return `${PLATE_LETTERS[p.int(0, PLATE_LETTERS.length - 1)]}${PLATE_ALNUM[p.int(0, PLATE_ALNUM.length - 1)]}${PLATE_LETTERS[p.int(0, PLATE_LETTERS.length - 1)]}-${p.int(100, 999)}`;
  }

  #documentsOf(seller: RuntimeAgent) {
    let docs = this.#documents.get(seller.id);
    if (!docs) {
      docs = { serie: this.#prng.int(1, 9), guia: this.#prng.int(1_000, 90_000), factura: this.#prng.int(1_000, 90_000) };
      this.#documents.set(seller.id, docs);
    }
    return docs;
  }

  /** Appends order number `index` (0-based within this run) to `batch`. */
  generate(index: number, batch: OrderBatch): OrderState {
    const prng = this.#prng;
    const id = this.#options.firstId + index;
    const fromEnd = this.#options.orders - 1 - index;
    const buyerType = this.#buyerType.draw(prng);
    const buyer = prng.pick(this.#buyersByType.get(buyerType)!);
    const preferred = this.#preferred.get(buyer.id)!;
    let plan = this.#plan(fromEnd, buyer);

    // Flow: Plantas Envasadoras and Distribuidores buy only from a Comercializador (flow b);
    // tanks ceded in use are supplied only by their owner (flow a); VENDIDO rests only in flow b.
    let flow: "A" | "B";
    if (buyer.type === "PLANTA_ENVASADORA" || buyer.type === "DISTRIBUIDOR_A_GRANEL") flow = "B";
    else if (buyer.cededBy !== null) flow = "A";
    else flow = plan === "VENDIDO" || prng.chance(0.2) ? "B" : "A";
    if (plan === "VENDIDO" && flow === "A") plan = "POR_CERRAR";

    const volume = this.#volume(buyer);
    const open = plan === "SOLICITADO" || plan === "VENDIDO" || plan === "POR_CERRAR";
    if (open && buyer.committed + volume > buyer.storageCapacity) plan = "CERRADO";

    const seller = flow === "A" ? (buyer.cededBy !== null || prng.chance(0.85) ? preferred.a : prng.pick(this.#sellersA)) : prng.chance(0.85) ? preferred.b : prng.pick(this.#sellersB);
    const plant = flow === "B" ? (prng.chance(0.85) ? preferred.plant : prng.pick(this.#plants)) : null;

    // The events this order went through, with the gap before each.
    let t0 = this.#requestedAt(index);
    const events: { event: MovementEvent; state: OrderState; gap: number; agent: RuntimeAgent; user: number; detail: string | null }[] = [
      { event: "SOLICITADO", state: "SOLICITADO", gap: 0, agent: buyer, user: buyer.buyerUser, detail: null },
    ];
    const sold = plan !== "SOLICITADO" && plan !== "ANULADO" && plan !== "RECHAZO_SIN_VENTA";
    const dispatched = flow === "B" && sold && plan !== "VENDIDO" && !(plan === "RECHAZO" && prng.chance(0.5));
    if (plan === "ANULADO") {
      events.push({ event: "ANULADO", state: "ANULADO", gap: prng.int(5 * MINUTE, 3 * HOUR), agent: buyer, user: buyer.buyerUser, detail: null });
    }
    if (sold) {
      const to: OrderState = flow === "A" ? "POR_CERRAR" : "VENDIDO";
      events.push({ event: "VENDIDO", state: to, gap: prng.int(10 * MINUTE, 5 * HOUR), agent: seller, user: seller.sellerUser, detail: null });
    }
    if (dispatched) {
      events.push({ event: "DESPACHADO", state: "POR_CERRAR", gap: prng.int(30 * MINUTE, 6 * HOUR), agent: plant!, user: plant!.plantUser, detail: null });
    }
    let rejectionReason: string | null = null;
    let closing = false;
    let late = 0;
    // Days the truck travels before it unloads: most the same day, some the next (seed 002's rule
    // then gives the buyer that next day to close).
    const transit = prng.chance(0.85) ? 0 : prng.chance(0.93) ? 1 : 2;
    if (plan === "RECHAZO" || plan === "RECHAZO_SIN_VENTA") {
      rejectionReason = prng.pick(REJECTION_REASONS);
      events.push({ event: "RECHAZADO", state: "RECHAZADO", gap: prng.int(20 * MINUTE, 6 * HOUR), agent: buyer, user: buyer.buyerUser, detail: rejectionReason });
    } else if (plan === "CERRADO" || plan === "CIERRE_RECHAZADO") {
      closing = true;
      if (prng.chance(0.07)) {
        const x = prng.next();
        late = x < 0.7 ? prng.int(1, 2) : x < 0.9 ? prng.int(3, 5) : x < 0.97 ? prng.int(6, 10) : prng.int(11, 30);
      }
      const state: OrderState = plan === "CERRADO" ? "CERRADO" : "RECHAZADO";
      events.push({ event: state, state, gap: 0, agent: buyer, user: buyer.buyerUser, detail: state === "RECHAZADO" ? "Cierre con todos los lotes rechazados" : null });
    }

    // Times: increasing; a closure on the day the truck unloaded (or `late` Lima days after), a
    // rejection mostly the day the buyer learned the product would not come; nothing after now.
    // Too little room before now: the order stays where it has room for.
    const times: number[] = [t0];
    let unloadedAt: number | null = null;
    let knownAt: number | null = null;
    for (let i = 1; i < events.length; i++) {
      const previous = times[i - 1];
      const gap = events[i].gap;
      if (closing && i === events.length - 1) {
        // previous: the sale (flow a) or the dispatch (flow b): the truck leaves then.
        const day = limaDayNumber(previous) + transit;
        const unloaded = transit === 0
          ? Math.min(previous + prng.int(20 * MINUTE, 4 * HOUR), startOfLimaDayMs(day + 1) - 3 * MINUTE)
          : startOfLimaDayMs(day) + prng.int(6 * HOUR, 16 * HOUR);
        unloadedAt = Math.max(previous + MINUTE, unloaded);
        const unloadedDay = limaDayNumber(unloadedAt);
        times.push(late > 0
          ? startOfLimaDayMs(unloadedDay + late) + prng.int(7 * HOUR, 19 * HOUR)
          : Math.max(unloadedAt + MINUTE, Math.min(unloadedAt + prng.int(5 * MINUTE, 4 * HOUR), startOfLimaDayMs(unloadedDay + 1) - MINUTE)));
      } else {
        times.push(previous + gap);
      }
    }
    const rejecting = events[events.length - 1].state === "RECHAZADO";
    if (rejecting) {
      // The buyer learned the product would not come shortly before rejecting; a few rejected days later.
      const end = times[times.length - 1];
      const lateBy = prng.chance(0.05) ? prng.int(1, 3) : 0;
      knownAt = Math.max(t0, lateBy ? end - lateBy * DAY - prng.int(0, 3 * HOUR) : end - prng.int(5 * MINUTE, 2 * HOUR));
    }
    // The newest orders may not have had time for all their events before now: the whole
    // story moves back (requested a little earlier than its id's neighbours, as happens).
    const overshoot = times[times.length - 1] - this.#nowMs;
    if (overshoot > 0) {
      const shift = overshoot + prng.int(0, 10 * MINUTE);
      for (let i = 0; i < times.length; i++) times[i] -= shift;
      if (unloadedAt !== null) unloadedAt -= shift;
      if (knownAt !== null) knownAt -= shift;
      t0 = times[0];
    }
    const last = events[events.length - 1];
    const state = last.state;
    if (state === "VENDIDO" && flow === "A") throw new Error("unreachable: flow a never rests in VENDIDO");
    const isOpen = state === "SOLICITADO" || state === "VENDIDO" || state === "POR_CERRAR";
    if (isOpen) buyer.committed += volume;
    if (isOpen && buyer.committed > buyer.storageCapacity) throw new Error("unreachable: over capacity");

    const at = (event: MovementEvent) => {
      const i = events.findIndex((entry) => entry.event === event);
      return i < 0 ? null : times[i];
    };
    const soldAt = at("VENDIDO");
    const dispatchedAt = at("DESPACHADO");
    const porCerrarAt = flow === "A" ? soldAt : dispatchedAt;
    const porCerrarDay = porCerrarAt === null ? null : limaDayName(limaDayNumber(porCerrarAt));
    const endedAt = state === "CERRADO" || state === "ANULADO" || state === "RECHAZADO" ? times[times.length - 1] : null;
    // closeOrder and rejectOrder record the day the act was due and the Lima days late from it:
    // the earliest descarga (CERRADO), or when the buyer learned the product would not come (RECHAZADO).
    const dueAt = state === "CERRADO" ? unloadedAt : state === "RECHAZADO" ? knownAt : null;
    const dueDay = dueAt === null ? null : limaDayName(limaDayNumber(dueAt));
    const daysLate = dueAt === null || endedAt === null ? null : limaDayNumber(endedAt) - limaDayNumber(dueAt);

    const o = batch.orders;
    o.id.push(id);
    o.code.push(this.#options.codes.codeFor(id));
    o.flow.push(flow);
    o.buyerId.push(buyer.id);
    o.sellerId.push(seller.id);
    o.plantId.push(plant ? plant.id : null);
    o.requestedVolume.push(volume);
    o.purchaseOrderNumber.push(prng.chance(0.3) ? `OC-${limaDayName(limaDayNumber(t0)).slice(0, 4)}-${String(prng.int(1, 9_999)).padStart(4, "0")}` : null);
    o.deliveryDate.push(limaDayName(limaDayNumber(t0) + prng.int(0, 2)));
    o.comment.push(prng.chance(0.05) ? prng.pick(COMMENTS) : null);
    o.transport.push(prng.chance(0.2) ? prng.pick(TRANSPORTS) : null);
    o.state.push(state);
    o.version.push(events.length - 1);
    o.requestedAt.push(t0);
    o.soldAt.push(soldAt);
    o.dispatchedAt.push(dispatchedAt);
    o.porCerrarAt.push(porCerrarAt);
    o.porCerrarDay.push(porCerrarDay);
    o.endedAt.push(endedAt);
    o.dueDay.push(dueDay);
    o.daysLate.push(daysLate);
    o.latenessBasis.push(state === "CERRADO" ? "DESCARGA" : state === "RECHAZADO" ? "AVISO" : null);
    o.nonDeliveryKnownAt.push(state === "RECHAZADO" ? knownAt : null);
    o.rejectionReason.push(last.event === "RECHAZADO" && rejectionReason !== null ? rejectionReason : null);
    o.updatedAt.push(times[times.length - 1]);

    const m = batch.movements;
    for (let i = 0; i < events.length; i++) {
      m.orderId.push(id);
      m.event.push(events[i].event);
      m.state.push(events[i].state);
      m.occurredAt.push(times[i]);
      m.userId.push(events[i].user);
      m.agentId.push(events[i].agent.id);
      m.detail.push(events[i].detail);
    }

    const plates = soldAt !== null ? this.#addLots(batch, id, seller, this.#fleetFor(flow, seller, buyer), volume, state, soldAt, dispatchedAt, flow, unloadedAt, endedAt) : [];
    this.#inspect(batch, id, events, times, plates);
    return state;
  }

  /**
   * About one order in a thousand gets a constatación (seed 002 counts 713 SCOP verifications a
   * year nationwide): the truck seen unloading at its descarga, loading or on the road after the
   * sale; and one in ten of those the offence of seed 001, unloading while the order still read
   * SOLICITADO (seen between its request and its sale). The state stored is the order's at that
   * instant, as recordConstatacion reads it from the movements.
   */
  #inspect(batch: OrderBatch, orderId: number, events: { state: OrderState }[], times: number[], plates: string[]) {
    const inspector = this.#options.inspector;
    const prng = this.#prng;
    if (!inspector || !prng.chance(0.001)) return;
    const soldIndex = events.findIndex((event, i) => i > 0 && (event.state === "VENDIDO" || event.state === "POR_CERRAR"));
    let at: number;
    let activity: string;
    if (soldIndex > 0 && prng.chance(0.1)) {
      at = times[0] + Math.floor((times[soldIndex] - times[0]) * prng.next());
      activity = "DESCARGANDO";
    } else if (soldIndex > 0) {
      at = times[soldIndex] + prng.int(MINUTE, 3 * HOUR);
      activity = prng.pick(["DESCARGANDO", "CARGANDO", "EN_TRANSITO"]);
    } else {
      return;
    }
    if (at > this.#nowMs) return;
    let state: string | null = null;
    for (let i = 0; i < times.length && times[i] <= at; i++) state = events[i].state;
    const c = batch.constataciones;
    c.orderId.push(orderId);
    c.observedAt.push(at);
    c.place.push(prng.pick(INSPECTION_PLACES));
    c.plate.push(plates.length && prng.chance(0.9) ? prng.pick(plates) : this.#plate());
    c.activity.push(activity);
    c.orderState.push(state);
    c.recordedAt.push(Math.min(this.#nowMs, at + prng.int(MINUTE, 20 * MINUTE)));
    c.userId.push(inspector.userId);
    c.agentId.push(inspector.agentId);
  }

  /** Returns the lots' plates. `unloadedAt`: the first lot's descarga, for a closure. */
  #addLots(
    batch: OrderBatch,
    orderId: number,
    seller: RuntimeAgent,
    fleet: RuntimeTruck[],
    requested: number,
    state: OrderState,
    soldAt: number,
    dispatchedAt: number | null,
    flow: "A" | "B",
    unloadedAt: number | null,
    endedAt: number | null,
  ): string[] {
    const plates: string[] = [];
    let firstUnloaded = false;
    // rejectOrder marks every lot rejected, and so does a closure that rejects them all
    const allRejected = state === "RECHAZADO";
    const prng = this.#prng;
    const total = prng.chance(0.9) ? requested : Math.max(100, Math.round(requested * (0.9 + prng.next() * 0.1)));
    const x = prng.next();
    let count = x < this.#lots[0] ? 1 : x < this.#lots[0] + this.#lots[1] ? 2 : 3;
    if (total < count * 1_000) count = 1;
    // Each lot fits a truck of the fleet: an order larger than the largest truck takes more lots.
    const largest = Math.max(...fleet.map((truck) => truck.capacity));
    count = Math.max(count, Math.ceil(total / largest));
    const sizes: number[] = [];
    for (let left = total, position = 1; left > 0; position++) {
      const size = Math.min(left, largest, position >= count ? left : Math.round((total / count) * (0.9 + prng.next() * 0.2)));
      sizes.push(size);
      left -= size;
    }
    count = sizes.length;
    const docs = this.#documentsOf(seller);
    const rejectOne = state === "CERRADO" && count > 1 && prng.chance(0.04) ? prng.int(1, count) : 0;
    const l = batch.lots;
    const loadAt = flow === "A" ? soldAt : dispatchedAt;
    const loadDay = loadAt === null ? null : limaDayName(limaDayNumber(loadAt));
    for (let position = 1; position <= count; position++) {
      const sold = sizes[position - 1];
      const truck = this.#truckFor(fleet, sold);
      const dispatchedVolume = dispatchedAt === null ? null : prng.chance(0.92) ? sold : Math.max(1, sold - prng.int(1, Math.max(1, Math.round(sold * 0.01))));
      let received: number | null = null;
      let unloaded: number | null = null;
      let rejected = false;
      if (allRejected || position === rejectOne) rejected = true;
      else if (state === "CERRADO") {
        const base = dispatchedVolume ?? sold;
        received = prng.chance(0.85) ? base : Math.max(1, base - prng.int(1, Math.max(1, Math.round(base * 0.015))));
        // The first received lot unloads at the order's descarga; the others within the next hours, before the closure.
        unloaded = firstUnloaded ? Math.min(endedAt!, unloadedAt! + prng.int(0, 90 * MINUTE)) : unloadedAt;
        firstUnloaded = true;
      }
      plates.push(truck.plate);
      docs.guia++;
      docs.factura++;
      l.orderId.push(orderId);
      l.position.push(position);
      l.soldVolume.push(sold);
      l.plate.push(truck.plate);
      l.truckId.push(truck.id);
      l.guiaRemision.push(`T00${docs.serie}-${String(docs.guia).padStart(8, "0")}`);
      l.factura.push(`F00${docs.serie}-${String(docs.factura).padStart(8, "0")}`);
      // A third of the loading tickets record density and temperature.
      const measured = prng.chance(0.3);
      l.density.push(measured ? prng.int(5_050, 5_650) : null);
      l.temperature.push(measured ? prng.int(120, 320) : null);
      l.dispatchedVolume.push(dispatchedVolume);
      l.dispatchedAt.push(dispatchedAt);
      // Now and then another registered truck of the fleet loads at the plant in the sale's place.
      const other = dispatchedAt !== null && dispatchedVolume !== null && fleet.length > 1 && prng.chance(0.02) ? this.#truckFor(fleet.filter((t) => t.id !== truck.id), dispatchedVolume) : null;
      const replaced = other !== null && other.capacity >= dispatchedVolume! ? other : null;
      l.dispatchedPlate.push(replaced ? replaced.plate : null);
      l.dispatchedTruckId.push(replaced ? replaced.id : null);
      l.loadDay.push(loadDay);
      l.receivedVolume.push(received);
      l.unloadedAt.push(unloaded);
      l.rejected.push(rejected);
    }
    return plates;
  }
}
