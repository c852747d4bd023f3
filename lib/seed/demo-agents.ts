/**
 * The demo registry: agents of every type with plausible Peruvian data. Every name is fictional
 * (the manual's own examples, "Bosón de Higgs" and "Fermiones", set the tone).
 */
import type { Role } from "@/lib/accounts/roles";
import type { AgentType } from "@/lib/registry/agent-types";

export interface DemoAgent {
  key: string;
  type: AgentType;
  businessName: string;
  /** first 10 digits; the check digit is computed */
  rucBody: string;
  registryNumber: string;
  registryStatus?: "VIGENTE" | "SUSPENDIDO";
  address: string;
  department: string;
  province: string;
  district: string;
  capacityGallons?: number;
  cededBy?: string;
  insuranceExpiresOn?: string;
  /** a registration granted for a term: it ends this many days after the seed's day */
  registryExpiresInDays?: number;
}

export const DEMO_AGENTS: DemoAgent[] = [
  { key: "osinergmin", type: "OSINERGMIN", businessName: "Osinergmin — Centro de Control SCOP", rucBody: "2037608211", registryNumber: "1-000-010101", address: "Calle Bernardo Monteagudo 222", department: "Lima", province: "Lima", district: "Magdalena del Mar" },
  { key: "fermiones", type: "PLANTA_ENVASADORA", businessName: "Planta Envasadora Fermiones S.A.C.", rucBody: "2051234567", registryNumber: "84408-038-150516", address: "Av. Néstor Gambetta 4580", department: "Callao", province: "Prov. Const. del Callao", district: "Ventanilla", capacityGallons: 60_000, insuranceExpiresOn: "2027-06-30" },
  { key: "neutrino", type: "PLANTA_ENVASADORA", businessName: "Gas Neutrino del Sur S.A.", rucBody: "2045566778", registryNumber: "51207-038-030218", address: "Variante de Uchumayo km 5.5", department: "Arequipa", province: "Arequipa", district: "Cerro Colorado", capacityGallons: 40_000, insuranceExpiresOn: "2027-03-31", registryExpiresInDays: 7 },
  { key: "quarks", type: "DISTRIBUIDOR_A_GRANEL", businessName: "Distribuidora a Granel Quarks E.I.R.L.", rucBody: "2060111222", registryNumber: "90113-045-220719", address: "Jr. Los Cedros 310", department: "Lima", province: "Lima", district: "Ate", capacityGallons: 8_000, insuranceExpiresOn: "2027-01-31" },
  { key: "muones", type: "DISTRIBUIDOR_A_GRANEL", businessName: "Granel Muones del Norte S.A.C.", rucBody: "2048899001", registryNumber: "77451-045-110620", address: "Carretera Panamericana Norte km 985", department: "Piura", province: "Piura", district: "Castilla", capacityGallons: 6_000, insuranceExpiresOn: "2026-12-31" },
  { key: "gluones", type: "COMERCIALIZADOR", businessName: "Comercializadora Gluones S.A.", rucBody: "2050987654", registryNumber: "30214-021-050315", address: "Av. Javier Prado Este 2875", department: "Lima", province: "Lima", district: "San Borja" },
  { key: "hadrones", type: "COMERCIALIZADOR", businessName: "Productora Hadrones del Perú S.A.", rucBody: "2010020030", registryNumber: "10025-011-010199", address: "Av. Paseo de la República 3211", department: "Lima", province: "Lima", district: "San Isidro" },
  { key: "leptones", type: "PLANTA_ABASTECIMIENTO", businessName: "Planta de Abastecimiento Callao — Terminal Leptones", rucBody: "2052468013", registryNumber: "20011-012-141012", address: "Av. Contralmirante Mora 1250", department: "Callao", province: "Prov. Const. del Callao", district: "Callao" },
  { key: "mollendo", type: "PLANTA_ABASTECIMIENTO", businessName: "Planta de Abastecimiento Mollendo — Terminal Piones", rucBody: "2053579124", registryNumber: "20017-012-090913", address: "Av. Mariscal Castilla s/n", department: "Arequipa", province: "Islay", district: "Mollendo" },
  { key: "higgs", type: "CONSUMIDOR_DIRECTO", businessName: "Bosón de Higgs S.A.C.", rucBody: "2060606659", registryNumber: "96071-060-300621", address: "Av. Separadora Industrial 1850", department: "Lima", province: "Lima", district: "Ate", capacityGallons: 12_000, insuranceExpiresOn: "2027-09-30" },
  { key: "fotones", type: "RED_DE_DISTRIBUCION", businessName: "Red de Gas Fotones S.A.C.", rucBody: "2055443322", registryNumber: "88120-071-170822", address: "Calle Los Laureles 455", department: "La Libertad", province: "Trujillo", district: "Victor Larco Herrera", capacityGallons: 9_000, insuranceExpiresOn: "2027-04-30" },
  { key: "taus", type: "GASOCENTRO", businessName: "Grifo Los Taus S.A.C.", rucBody: "2048312765", registryNumber: "9471-081-080317", address: "Av. Universitaria 672", department: "Tumbes", province: "Tumbes", district: "Tumbes", capacityGallons: 5_000, insuranceExpiresOn: "2027-02-28" },
  { key: "bariones", type: "GASOCENTRO", businessName: "Estación de Servicios Bariones E.I.R.L.", rucBody: "2060777888", registryNumber: "93310-081-250923", address: "Av. Tomás Valle 1520", department: "Lima", province: "Lima", district: "Los Olivos", capacityGallons: 4_000, cededBy: "fermiones", insuranceExpiresOn: "2027-05-31" },
  { key: "kaones", type: "CONSUMIDOR_DIRECTO", businessName: "Industrias Kaones S.A.", rucBody: "2044556677", registryNumber: "70021-060-120418", address: "Av. Argentina 3120", department: "Callao", province: "Prov. Const. del Callao", district: "Callao", capacityGallons: 7_500, registryStatus: "SUSPENDIDO", insuranceExpiresOn: "2027-08-31" },
  { key: "positrones", type: "CONSUMIDOR_DIRECTO", businessName: "Agroindustrias Positrones S.A.C.", rucBody: "2047788990", registryNumber: "81234-060-040519", address: "Carretera a Pisco km 3", department: "Ica", province: "Ica", district: "Subtanjalla", capacityGallons: 6_000, insuranceExpiresOn: "2025-12-31" },
];

export interface DemoUser {
  username: string;
  fullName: string;
  role: Role;
  agent: string;
  /** enrolled in the second factor with DEMO_TOTP_SECRET */
  totp?: boolean;
  /** must change its (demo) password at the next sign-in, like a user the administrator made */
  mustChangePassword?: boolean;
  /** notifications it also gets by e-mail (lib/events/catalog.ts) */
  emailNotifications?: string[];
}

/** Demo addresses are on the reserved .example domain (RFC 2606): nothing can ever reach a real inbox. */
export const demoEmail = (username: string) => `${username}@scop-demo.example`;

/** Documented in the README; all share DEMO_PASSWORD. */
export const DEMO_PASSWORD = "Scop-Demo-2026";

/**
 * The second-factor secret of the demo regulator and administrator (README, "Seguridad"):
 * `npx tsx scripts/totp.ts` prints its current code. Public by design — demo data only.
 */
export const DEMO_TOTP_SECRET = "KRSXG5CTINHVAR2MKBCW2T3TMVRXEZLU";

export const DEMO_USERS: DemoUser[] = [
  { username: "comprador", fullName: "Rosa Quispe Huamán", role: "COMPRADOR", agent: "higgs", emailNotifications: ["orden_vendida", "orden_despachada"] },
  { username: "comprador2", fullName: "Jorge Ramírez Torres", role: "COMPRADOR", agent: "taus" },
  { username: "vendedor", fullName: "Carmen Flores Rojas", role: "VENDEDOR", agent: "fermiones", emailNotifications: ["orden_nueva"] },
  { username: "comercializador", fullName: "Luis Mendoza Castillo", role: "VENDEDOR", agent: "gluones" },
  { username: "operador", fullName: "Ana Chávez Salazar", role: "OPERADOR_PLANTA", agent: "leptones" },
  { username: "regulador", fullName: "Miguel Vargas Paredes", role: "REGULADOR", agent: "osinergmin", totp: true },
  { username: "admin", fullName: "Patricia Gutiérrez León", role: "ADMINISTRADOR", agent: "osinergmin", totp: true },
  // For the security journeys: an administrator still to enroll its second factor, a buyer whose
  // password the administrator resets, and one that is locked out by failed sign-ins.
  { username: "admin2", fullName: "Julio Paredes Núñez", role: "ADMINISTRADOR", agent: "osinergmin" },
  { username: "reinicio", fullName: "Marta Salas Rivera", role: "COMPRADOR", agent: "kaones" },
  { username: "bloqueo", fullName: "Óscar Lima Pérez", role: "COMPRADOR", agent: "positrones" },
  // For the security tests (tests/e2e/route-walk.spec.ts, hardening.spec.ts): an inspector who
  // must still change its password (a pending step: it may open only its account pages), a buyer
  // whose password change is locked out, and one who signs out while a copy of its cookie is kept.
  { username: "inspector", fullName: "Teresa Aguilar Ramos", role: "REGULADOR", agent: "osinergmin", mustChangePassword: true },
  { username: "cambio", fullName: "Hugo Medina Salas", role: "COMPRADOR", agent: "higgs" },
  { username: "salida", fullName: "Irene Campos Vidal", role: "COMPRADOR", agent: "taus" },
  // The other agents' users, so every demo order has real actors behind it.
  { username: "fotones", fullName: "Diego Castro Vega", role: "COMPRADOR", agent: "fotones" },
  { username: "bariones", fullName: "Lucía Herrera Soto", role: "COMPRADOR", agent: "bariones" },
  { username: "quarks", fullName: "Pedro Sánchez Ruiz", role: "VENDEDOR", agent: "quarks" },
  { username: "fermiones-compras", fullName: "Elena Torres Medina", role: "COMPRADOR", agent: "fermiones" },
  { username: "hadrones", fullName: "Raúl Espinoza Díaz", role: "VENDEDOR", agent: "hadrones" },
  { username: "mollendo", fullName: "Sofía Ríos Cárdenas", role: "OPERADOR_PLANTA", agent: "mollendo" },
];

/** The demo fleet: registered tank trucks of the sellers (and of Fermiones, which also collects in flow b). */
export interface DemoTruck {
  plate: string;
  registryNumber: string;
  owner: string;
  capacityGallons: number;
  insuranceExpiresOn: string;
  status?: "VIGENTE" | "SUSPENDIDO" | "CANCELADO";
}

export const DEMO_TRUCKS: DemoTruck[] = [
  { plate: "C4F-721", registryNumber: "84408-038-010322", owner: "fermiones", capacityGallons: 10_000, insuranceExpiresOn: "2027-06-30" },
  { plate: "D2K-845", registryNumber: "84408-038-020322", owner: "fermiones", capacityGallons: 10_000, insuranceExpiresOn: "2027-06-30" },
  // Small: on one day of the demo it loads more than it holds, a finding of Cumplimiento.
  { plate: "B7M-312", registryNumber: "84408-038-030322", owner: "fermiones", capacityGallons: 3_500, insuranceExpiresOn: "2027-03-31" },
  { plate: "K9P-404", registryNumber: "84408-038-040322", owner: "fermiones", capacityGallons: 6_000, insuranceExpiresOn: "2027-06-30", status: "SUSPENDIDO" },
  { plate: "E5V-233", registryNumber: "84408-038-050322", owner: "fermiones", capacityGallons: 6_000, insuranceExpiresOn: "2025-11-30" },
  { plate: "T8A-870", registryNumber: "30214-021-060315", owner: "gluones", capacityGallons: 5_000, insuranceExpiresOn: "2027-02-28" },
  { plate: "A3X-590", registryNumber: "30214-021-070315", owner: "gluones", capacityGallons: 5_000, insuranceExpiresOn: "2027-02-28" },
  // Seed 001: F1X-710 was inscribed as 84408-038-150516 for one Distribuidor a Granel, and later as
  // 84408-038-051017 for another. Here its first registration is cancelled, its second live.
  { plate: "F1X-710", registryNumber: "77451-045-150516", owner: "muones", capacityGallons: 3_000, insuranceExpiresOn: "2018-05-31", status: "CANCELADO" },
  { plate: "F1X-710", registryNumber: "90113-045-051017", owner: "quarks", capacityGallons: 3_000, insuranceExpiresOn: "2027-01-31" },
  { plate: "Q2R-118", registryNumber: "90113-045-010620", owner: "quarks", capacityGallons: 4_500, insuranceExpiresOn: "2027-01-31" },
  { plate: "P4N-552", registryNumber: "77451-045-150620", owner: "muones", capacityGallons: 4_000, insuranceExpiresOn: "2026-12-31" },
  { plate: "H7D-990", registryNumber: "10025-011-020199", owner: "hadrones", capacityGallons: 12_000, insuranceExpiresOn: "2027-08-31" },
];
