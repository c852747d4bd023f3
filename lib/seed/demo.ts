/**
 * The demo data of the README's quick start: the demo registry and users, and orders in every
 * state of both flows, made through the real service functions with a clock set in the recent
 * past, so their movements, capacity and late closures are exactly what the portal would record.
 */
import { hashPassword } from "@/lib/accounts/password";
import type { Database } from "@/lib/db/database";
import { recordConstatacion } from "@/lib/constataciones/record-constatacion";
import { annulOrder } from "@/lib/orders/annul-order";
import { closeOrder } from "@/lib/orders/close-order";
import type { Actor, OrdersContext } from "@/lib/orders/context";
import { dispatchOrder } from "@/lib/orders/dispatch-order";
import { registerOrder } from "@/lib/orders/register-order";
import { rejectOrder } from "@/lib/orders/reject-order";
import type { RegisterOrderInput } from "@/lib/orders/schemas";
import { sellOrder } from "@/lib/orders/sell-order";
import { completeRuc } from "@/lib/registry/ruc";
import { addLimaDays, isLimaDay, limaDay, startOfLimaDay, type LimaDay } from "@/lib/time";
import { importLegacyOrders } from "@/lib/legacy/legacy-import";
import { LEGACY_CSV_HEADER } from "@/lib/legacy/legacy-csv";
import { DEMO_AGENTS, DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_TRUCKS, DEMO_USERS, demoEmail } from "./demo-agents";

export async function isSeeded(db: Database): Promise<boolean> {
  return (await db.prisma.agent.count()) > 0;
}

async function seedRegistry(db: Database, today: LimaDay) {
  const ids = new Map<string, number>();
  for (const agent of DEMO_AGENTS) {
    const created = await db.prisma.agent.create({
      data: {
        type: agent.type,
        businessName: agent.businessName,
        ruc: completeRuc(agent.rucBody),
        registryNumber: agent.registryNumber,
        registryStatus: agent.registryStatus ?? "VIGENTE",
        address: agent.address,
        department: agent.department,
        province: agent.province,
        district: agent.district,
        storageCapacity: (agent.capacityGallons ?? 0) * 100,
        cededBySellerId: agent.cededBy ? ids.get(agent.cededBy) : undefined,
        insuranceExpiresOn: agent.insuranceExpiresOn,
        registryExpiresOn: agent.registryExpiresInDays === undefined ? null : addLimaDays(today, agent.registryExpiresInDays),
      },
    });
    ids.set(agent.key, created.id);
  }
  for (const truck of DEMO_TRUCKS) {
    await db.prisma.truck.create({
      data: {
        plate: truck.plate,
        registryNumber: truck.registryNumber,
        ownerAgentId: ids.get(truck.owner)!,
        capacity: truck.capacityGallons * 100,
        insuranceExpiresOn: truck.insuranceExpiresOn,
        status: truck.status ?? "VIGENTE",
      },
    });
  }
  const actors = new Map<string, Actor>();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const user of DEMO_USERS) {
    const agentId = ids.get(user.agent)!;
    const created = await db.prisma.user.create({
      data: {
        username: user.username,
        fullName: user.fullName,
        role: user.role,
        agentId,
        email: demoEmail(user.username),
        passwordHash,
        ...(user.totp ? { totpSecret: DEMO_TOTP_SECRET, totpEnabledAt: new Date() } : {}),
        ...(user.mustChangePassword ? { mustChangePassword: true } : {}),
      },
    });
    actors.set(user.username, { userId: created.id, agentId, role: user.role });
    if (user.emailNotifications?.length) {
      await db.prisma.emailPreference.createMany({ data: user.emailNotifications.map((type) => ({ userId: created.id, type })) });
    }
  }
  return { ids, actors };
}

/** The trucks each demo seller loads, in turn (Fermiones' also carry what it buys in flow b). */
const PLATES: Record<string, string[]> = {
  vendedor: ["C4F-721", "D2K-845"],
  comercializador: ["T8A-870", "A3X-590"],
  quarks: ["F1X-710", "Q2R-118"],
  hadrones: ["C4F-721", "D2K-845"],
};

const lot = (seller: string, volume: string, n: number, plate?: string) => ({
  volume,
  plate: plate ?? PLATES[seller][n % PLATES[seller].length],
  guiaRemision: `T001-000${String(4100 + n).padStart(5, "0")}`,
  factura: `F001-000${String(2300 + n).padStart(5, "0")}`,
  // Some lots record the density and temperature of the loading ticket, as the real SCOP does.
  ...(n % 3 === 0 ? { density: "0.5420", temperature: "19.0" } : {}),
});

/**
 * A small sample of the legacy SCOP's history, with the five codes the seeds print, as
 * `npm run import:legacy` or the administrator's "Historial SCOP anterior" would import it.
 * Stories after the seeds: the manual's annulled (60019903972) and same-day closed (60020060393)
 * orders of Bosón de Higgs; seed 001's order left SOLICITADO while F1X-710 unloaded
 * (60597068962); seed 002's closure three days late (11954452339); seed 003's 3,100 gal closed
 * after the truck T8A-870 unloaded (60606659822), for the grifo at Av. Universitaria 672, Tumbes.
 */
export function demoLegacyRows(agents: Map<string, { ruc: string; registryNumber: string }>): Record<string, string>[] {
  const party = (prefix: string, key: string) => ({ [`ruc_${prefix}`]: agents.get(key)!.ruc, [`registro_${prefix}`]: agents.get(key)!.registryNumber });
  const empty = Object.fromEntries(LEGACY_CSV_HEADER.map((column) => [column, ""]));
  return [
    { ...empty, codigo: "60019903972", ...party("comprador", "higgs"), ...party("vendedor", "fermiones"), volumen_solicitado: "1500", estado: "ANULADO", movimientos: "SOLICITADO 30/06/2021 19:09:26; ANULADO 30/06/2021 19:54:52" },
    {
      ...empty,
      codigo: "60020060393",
      ...party("comprador", "higgs"),
      ...party("vendedor", "fermiones"),
      volumen_solicitado: "2500",
      estado: "CERRADO",
      movimientos: "SOLICITADO 30/06/2021 20:23:53; VENDIDO 30/06/2021 20:26:26; CERRADO 30/06/2021 20:30:08",
      volumen_vendido: "2500",
      placa: "C4F-721",
      guia_remision: "T001-1203",
      factura: "F001-871",
      volumen_recibido: "2500",
    },
    {
      ...empty,
      codigo: "60597068962",
      ...party("comprador", "higgs"),
      ...party("vendedor", "muones"),
      volumen_solicitado: "2000",
      estado: "CERRADO",
      movimientos: "SOLICITADO 23/05/2017 09:12:40; VENDIDO 11/01/2018 10:05:00; CERRADO 11/01/2018 16:20:00",
      volumen_vendido: "2000",
      placa: "F1X-710",
      guia_remision: "000929",
      factura: "001387",
      volumen_recibido: "2000",
    },
    {
      ...empty,
      codigo: "11954452339",
      ...party("comprador", "fotones"),
      ...party("vendedor", "quarks"),
      volumen_solicitado: "1200",
      estado: "CERRADO",
      movimientos: "SOLICITADO 20/08/2021 08:00:00; VENDIDO 20/08/2021 09:10:00; CERRADO 23/08/2021 17:40:00",
      volumen_vendido: "1200",
      placa: "Q2R-118",
      guia_remision: "0001-0004512",
      factura: "0001-0002210",
      volumen_recibido: "1200",
    },
    {
      ...empty,
      codigo: "60606659822",
      ...party("comprador", "taus"),
      ...party("vendedor", "gluones"),
      ...party("planta", "leptones"),
      volumen_solicitado: "3100",
      estado: "CERRADO",
      movimientos: "SOLICITADO 07/07/2017 08:00:00; VENDIDO 07/07/2017 09:30:00; DESPACHADO 08/07/2017 06:00:00; CERRADO 11/07/2017 10:15:00",
      volumen_vendido: "3100",
      placa: "T8A-870",
      guia_remision: "T002-00000412",
      factura: "F002-00000219",
      volumen_despachado: "3100",
      volumen_recibido: "3100",
    },
  ];
}

/**
 * `today`: the Lima day the demo's "days ago" count from (default: the clock's day). A test run
 * pins it (SCOP_DEMO_DAY) so that a run crossing Lima's midnight finds the data on the days it
 * expects; a step that would fall after the clock's present is moved back to a minute before it.
 */
export async function seedDemo(ctx: OrdersContext<Database>, options: { today?: LimaDay } = {}): Promise<{ orders: number; legacy: number }> {
  const today = options.today ?? limaDay(ctx.now());
  const { ids, actors } = await seedRegistry(ctx.db, today);
  const actor = (username: string) => actors.get(username)!;

  // A virtual clock: each step happens at a chosen Lima time of a day relative to today.
  let current = ctx.now();
  const instant = (daysAgo: number, hour: number, minute = 0) => {
    const dayStart = startOfLimaDay(today).getTime() - daysAgo * 86_400_000;
    return new Date(Math.min(dayStart + (hour * 60 + minute) * 60_000, ctx.now().getTime() - 60_000));
  };
  const at = (daysAgo: number, hour: number, minute = 0) => {
    current = instant(daysAgo, hour, minute);
  };
  const demo: OrdersContext<Database> = { ...ctx, now: () => current };
  let lotNumber = 0;
  let orders = 0;

  const flowA = (seller: string, volume: string, extra: Partial<RegisterOrderInput> = {}): RegisterOrderInput => ({
    sellerType: seller === "quarks" || seller === "muones" ? "DISTRIBUIDOR_A_GRANEL" : "PLANTA_ENVASADORA",
    sellerId: ids.get(seller)!,
    volume,
    deliveryDate: today,
    ...extra,
  });
  const flowB = (seller: string, plant: string, volume: string, extra: Partial<RegisterOrderInput> = {}): RegisterOrderInput => ({
    sellerType: "COMERCIALIZADOR",
    sellerId: ids.get(seller)!,
    plantId: ids.get(plant)!,
    volume,
    deliveryDate: today,
    ...extra,
  });
  const register = async (buyer: string, input: RegisterOrderInput) => {
    orders++;
    return (await registerOrder(demo, actor(buyer), input)).code;
  };
  const sell = (seller: string, code: string, volumes: string[], plate?: string) =>
    sellOrder(demo, actor(seller), { code, lots: volumes.map((volume) => lot(seller, volume, lotNumber++, plate)) });
  const dispatch = (operator: string, code: string, volumes: string[]) =>
    dispatchOrder(demo, actor(operator), { code, lots: volumes.map((volume, i) => ({ position: i + 1, volume })) });
  /** The buyer's closure: what it received of each lot (null: rejected) and when the truck unloaded (the first lot; the others a little after). */
  const close = (buyer: string, code: string, received: (string | null)[], unloadedAt?: Date, nonDeliveryKnownAt?: Date) =>
    closeOrder(demo, actor(buyer), {
      code,
      lots: received.map((volume, i) =>
        volume === null
          ? { position: i + 1, rejected: true as const }
          : { position: i + 1, rejected: false as const, receivedVolume: volume, unloadedAt: unloadedAt && new Date(Math.min(unloadedAt.getTime() + i * 20 * 60_000, current.getTime())) },
      ),
      nonDeliveryKnownAt,
    });

  // Bosón de Higgs (user "comprador"): its history, then what is open today.
  at(6, 8, 15);
  let code = await register("comprador", flowA("fermiones", "2500", { purchaseOrderNumber: "OC-2026-0148", transport: "Transportes Gluón S.R.L." }));
  at(6, 9, 40);
  await sell("vendedor", code, ["2500"]);
  at(6, 15, 5);
  await close("comprador", code, ["2498.75"], instant(6, 14, 20));

  at(5, 10, 0);
  code = await register("comprador", flowA("quarks", "1800"));
  at(5, 11, 30);
  await sell("quarks", code, ["1800"]);
  at(3, 9, 20); // unloaded the day of the sale, closed two days later: a late closure
  await close("comprador", code, ["1800"], instant(5, 15, 0));

  at(4, 7, 50);
  code = await register("comprador", flowB("gluones", "leptones", "3000", { comment: "Entrega en horario de mañana" }));
  at(4, 8, 30);
  await sell("comercializador", code, ["1500", "1500"]);
  at(4, 11, 10);
  await dispatch("operador", code, ["1500", "1495.5"]);
  at(4, 16, 45);
  await close("comprador", code, ["1500", "1495.5"], instant(4, 15, 30));

  at(3, 12, 0);
  code = await register("comprador", flowA("fermiones", "900"));
  at(3, 12, 25);
  await annulOrder(demo, actor("comprador"), { code });

  at(2, 9, 0);
  code = await register("comprador", flowB("gluones", "leptones", "1200"));
  at(2, 9, 45);
  await sell("comercializador", code, ["1200"]);
  at(2, 10, 30);
  await rejectOrder(demo, actor("comprador"), { code, reason: "El pedido ya no es necesario: se reprogramó la producción." });

  at(1, 8, 0);
  code = await register("comprador", flowA("fermiones", "700"));
  at(1, 8, 40);
  await sell("vendedor", code, ["700"], "B7M-312");
  at(1, 14, 0);
  await close("comprador", code, [null], undefined, instant(1, 13, 15)); // every lot rejected at closure: the truck broke down

  at(2, 7, 30); // the buyer learned in the afternoon the truck would not come, and rejected the next morning: a late rejection
  code = await register("comprador2", flowB("gluones", "leptones", "900"));
  at(2, 8, 0);
  await sell("comercializador", code, ["900"]);
  at(1, 9, 30);
  await rejectOrder(demo, actor("comprador2"), { code, reason: "La planta suspendió el despacho: el producto no llegará.", nonDeliveryKnownAt: instant(2, 16, 0) });

  at(1, 9, 10); // sold yesterday, the truck has not arrived yet: the closure is due the day it unloads
  code = await register("comprador", flowA("fermiones", "1500", { purchaseOrderNumber: "OC-2026-0161" }));
  at(1, 10, 5);
  await sell("vendedor", code, ["1500"], "B7M-312");

  at(0, 7, 30); // sold today
  code = await register("comprador", flowA("fermiones", "2000", { transport: "Cisternas del Pacífico S.A.C." }));
  at(0, 8, 10);
  await sell("vendedor", code, ["1200", "800"]);

  at(0, 7, 45);
  code = await register("comprador", flowB("gluones", "leptones", "1000"));
  at(0, 8, 20);
  await sell("comercializador", code, ["1000"]);
  at(0, 9, 0);
  await dispatch("operador", code, ["1000"]);

  at(0, 8, 30);
  code = await register("comprador", flowB("gluones", "leptones", "1200"));
  at(0, 9, 15);
  await sell("comercializador", code, ["600", "600"]);

  at(0, 9, 30);
  code = await register("comprador", flowA("fermiones", "800", { comment: "Descargar por la puerta 2" }));
  // Seed 001's offence: an inspector finds Fermiones' truck unloading while the order still reads SOLICITADO.
  at(0, 9, 50);
  await recordConstatacion(demo, actor("regulador"), {
    code,
    place: "Av. Javier Prado Este 4200, Ate — establecimiento de Bosón de Higgs S.A.C.",
    plate: "c4f 721",
    activity: "DESCARGANDO",
    observations: "El chofer presentó la guía de remisión; la orden figura SOLICITADO en el SCOP.",
  });
  at(0, 9, 35);
  await register("comprador", flowA("fermiones", "1000"));
  at(0, 9, 40);
  await register("comprador", flowB("gluones", "leptones", "1500"));

  // Other agents, so the seller, the plant and the regulator see more than one buyer.
  at(5, 10, 0);
  code = await register("comprador2", flowA("fermiones", "3100"));
  at(5, 10, 30);
  await sell("vendedor", code, ["3100"]);
  at(5, 17, 0);
  await close("comprador2", code, ["3100"], instant(5, 16, 0));
  at(0, 8, 0);
  await register("comprador2", flowA("fermiones", "1500"));

  at(4, 9, 0);
  code = await register("fotones", flowA("quarks", "2400"));
  at(4, 9, 30);
  await sell("quarks", code, ["2400"]);
  at(4, 18, 0);
  await close("fotones", code, ["2390"], instant(4, 17, 10));

  at(2, 15, 0); // sold late in the afternoon, the truck unloaded the next morning and the order was closed then: on time
  code = await register("fotones", flowA("quarks", "1100"));
  at(2, 16, 30);
  await sell("quarks", code, ["1100"]);
  at(1, 9, 0);
  await close("fotones", code, ["1100"], instant(1, 8, 15));

  at(1, 15, 0); // sold yesterday afternoon: its truck arrives today
  code = await register("fotones", flowA("quarks", "1200", { transport: "Transportes Andinos de GLP S.A." }));
  at(1, 17, 30);
  await sell("quarks", code, ["1200"]);

  at(7, 11, 0); // sold a week ago and neither closed nor rejected since: a finding of its own
  code = await register("bariones", flowA("fermiones", "1800"));
  at(7, 11, 45);
  await sell("vendedor", code, ["1800"]);

  at(1, 11, 0); // B7M-312 (3,500 gal) loads 700 + 1,500 + 1,800 = 4,000 gal yesterday: a truck overload in Cumplimiento
  code = await register("bariones", flowA("fermiones", "1800"));
  at(1, 11, 45);
  await sell("vendedor", code, ["1800"], "B7M-312");

  at(3, 6, 30);
  code = await register("fermiones-compras", flowB("hadrones", "mollendo", "15000"));
  at(3, 7, 0);
  await sell("hadrones", code, ["8000", "7000"]);
  at(3, 9, 0);
  await dispatch("mollendo", code, ["8000", "7000"]);
  at(3, 15, 30);
  await close("fermiones-compras", code, ["8000", "6990"], instant(3, 13, 0));

  // The legacy SCOP's sample, imported as an administrator would.
  const admin = actor("admin");
  const agents = new Map(
    (await ctx.db.prisma.agent.findMany({ select: { id: true, ruc: true, registryNumber: true } })).flatMap((agent) =>
      [...ids].filter(([, id]) => id === agent.id).map(([key]) => [key, agent] as const),
    ),
  );
  const { imported } = await importLegacyOrders(ctx.db, { userId: admin.userId, username: "admin", ip: null }, demoLegacyRows(agents), "muestra-scop-anterior.csv", { now: ctx.now() });

  return { orders, legacy: imported };
}

/**
 * SCOP_DEMO_DAY, the demo's reference day when a test run pins it: a Lima day, 'YYYY-MM-DD', not
 * after today nor more than a week before it (a run pins the day it starts on).
 */
export function demoDayFromEnvironment(now: Date, env: Record<string, string | undefined> = process.env): LimaDay | undefined {
  const day = env.SCOP_DEMO_DAY;
  if (day === undefined || day === "") return undefined;
  const today = limaDay(now);
  if (!isLimaDay(day) || day > today || day < addLimaDays(today, -7)) {
    throw new Error(`SCOP_DEMO_DAY debe ser un día de Lima (AAAA-MM-DD) entre ${addLimaDays(today, -7)} y ${today}; se recibió «${day}».`);
  }
  return day;
}
