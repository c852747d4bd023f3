import type { Role } from "@/lib/accounts/roles";
import type { MenuGroup } from "@/lib/menu-groups";

export interface MenuItem {
  href: string;
  label: string;
  /** where the compact (phone) menu lists it (lib/menu-groups.ts); none for "Inicio" */
  group?: MenuGroup;
}

const ACCOUNT: MenuItem[] = [
  { href: "/cuenta/contrasena", label: "Cambiar Contraseña", group: "cuenta" },
  { href: "/cuenta/seguridad", label: "Seguridad de la cuenta", group: "cuenta" },
];

const API_KEYS: MenuItem = { href: "/claves-api", label: "Claves de API", group: "integracion" };
/** The agents' own systems: API keys and, for the parties of an order, webhooks. */
const INTEGRATION: MenuItem[] = [API_KEYS, { href: "/webhooks", label: "Webhooks", group: "integracion" }];

const HELP: MenuItem[] = [{ href: "/contacto", label: "Contacto", group: "ayuda" }];

/** The menu of each role, with the manual's option names. A role sees only what it may do. */
export const MENU: Record<Role, MenuItem[]> = {
  COMPRADOR: [
    { href: "/", label: "Inicio" },
    { href: "/compras/generar", label: "Generación de Orden de Pedido Simple - Granel", group: "compras" },
    { href: "/ordenes", label: "Orden de Pedido", group: "consulta" },
    { href: "/compras/anulacion", label: "Corrección de Orden de Pedido: Anulación de Transacciones", group: "anular" },
    { href: "/compras/cierre", label: "Cierre de Orden de Pedido", group: "cerrar" },
    ...ACCOUNT,
    ...INTEGRATION,
    ...HELP,
  ],
  VENDEDOR: [
    { href: "/", label: "Inicio" },
    { href: "/ventas", label: "Órdenes por Atender", group: "ventas" },
    { href: "/ordenes", label: "Orden de Pedido", group: "consulta" },
    ...ACCOUNT,
    ...INTEGRATION,
    ...HELP,
  ],
  OPERADOR_PLANTA: [
    { href: "/", label: "Inicio" },
    { href: "/despachos", label: "Despachos por Registrar", group: "despachos" },
    { href: "/ordenes", label: "Orden de Pedido", group: "consulta" },
    ...ACCOUNT,
    ...INTEGRATION,
    ...HELP,
  ],
  REGULADOR: [
    { href: "/", label: "Inicio" },
    { href: "/verificacion", label: "Consulta de Código de Autorización", group: "consulta" },
    { href: "/regulador/movimientos", label: "Movimientos", group: "consulta" },
    { href: "/regulador/tablero", label: "Tablero", group: "fiscalizacion" },
    { href: "/regulador/cumplimiento", label: "Cumplimiento", group: "fiscalizacion" },
    { href: "/auditoria", label: "Auditoría", group: "fiscalizacion" },
    ...ACCOUNT,
    API_KEYS,
    ...HELP,
  ],
  ADMINISTRADOR: [
    { href: "/", label: "Inicio" },
    { href: "/registro", label: "Registro de Hidrocarburos", group: "registro" },
    { href: "/usuarios", label: "Usuarios", group: "registro" },
    { href: "/correos", label: "Correos", group: "avisos" },
    { href: "/verificacion", label: "Consulta de Código de Autorización", group: "consulta" },
    { href: "/regulador/movimientos", label: "Movimientos", group: "consulta" },
    { href: "/regulador/tablero", label: "Tablero", group: "fiscalizacion" },
    { href: "/regulador/cumplimiento", label: "Cumplimiento", group: "fiscalizacion" },
    { href: "/auditoria", label: "Auditoría", group: "fiscalizacion" },
    ...ACCOUNT,
    API_KEYS,
    ...HELP,
  ],
};
