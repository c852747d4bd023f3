/**
 * Server-side request forgery: a webhook URL is the agent's to choose, so the portal refuses any
 * that would make it call inside its own network — loopback, private, link-local, unique-local,
 * carrier-grade NAT, multicast, reserved, or an IPv6 form wrapping one of those. Checked when the
 * endpoint is registered and again at every delivery (DNS can change: a name that resolved to a
 * public address may resolve to 127.0.0.1 tomorrow); the delivery then connects to the very
 * address it checked, never resolving again. Only SCOP_WEBHOOKS_ALLOW_LOCAL=1 (tests, local demos)
 * lifts it, and lets http:// through.
 */
import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { DomainError } from "@/lib/errors";
import { eventSettings } from "../settings";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Name → addresses; the worker and the tests may inject another (DNS that changes its answer). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));

const MAX_URL_LENGTH = 2000;

function refused(message: string): DomainError {
  return new DomainError("invalid", "WEBHOOK_URL_NO_PERMITIDA", message, { url: [message] });
}

/** Whether an address is on the public internet (global unicast). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === "unicast";
}

/** The URL's own checks (scheme, no credentials, length); throws a Spanish refusal. */
export function parseWebhookUrl(raw: string, allowLocal = eventSettings.allowLocalWebhooks()): URL {
  const text = raw.trim();
  if (text.length > MAX_URL_LENGTH) throw refused(`La URL admite como máximo ${MAX_URL_LENGTH} caracteres.`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refused("Ingrese una URL completa, por ejemplo https://erp.suempresa.pe/scop/webhooks.");
  }
  if (url.protocol !== "https:" && !(allowLocal && url.protocol === "http:")) throw refused("La URL debe usar HTTPS (https://…).");
  if (url.username || url.password) throw refused("La URL no debe llevar usuario ni contraseña.");
  if (!url.hostname) throw refused("La URL debe indicar un servidor.");
  url.hash = "";
  return url;
}

/**
 * The address to connect to: every address the host resolves to must be public (unless local
 * ones are allowed), so that no answer of a round-robin name reaches inside.
 */
export async function resolveAllowed(url: URL, resolve: Resolver = systemResolver, allowLocal = eventSettings.allowLocalWebhooks()): Promise<ResolvedAddress> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: ResolvedAddress[];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: ipaddr.parse(host).kind() === "ipv6" ? 6 : 4 }];
  } else {
    try {
      addresses = await resolve(host);
    } catch {
      throw refused(`No se pudo resolver el nombre ${host}: revise la URL.`);
    }
    if (addresses.length === 0) throw refused(`El nombre ${host} no tiene direcciones.`);
  }
  if (!allowLocal) {
    const inside = addresses.find((candidate) => !isPublicAddress(candidate.address));
    if (inside) {
      throw refused(
        `La URL apunta a una dirección interna (${inside.address}: local, privada o de enlace local); use un servidor accesible desde Internet.`,
      );
    }
  }
  return addresses[0];
}
