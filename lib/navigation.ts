import type { Role } from "@/lib/accounts/roles";

export interface MenuItem {
  href: string;
  label: string;
}

/** The menu of each role, with the manual's option names. A role sees only what it may do. */
export const MENU: Record<Role, MenuItem[]> = {
  COMPRADOR: [
    { href: "/", label: "Inicio" },
    { href: "/compras/generar", label: "Generación de Orden de Pedido Simple - Granel" },
    { href: "/ordenes", label: "Orden de Pedido" },
    { href: "/compras/anulacion", label: "Corrección de Orden de Pedido: Anulación de Transacciones" },
    { href: "/compras/cierre", label: "Cierre de Orden de Pedido" },
    { href: "/cuenta/contrasena", label: "Cambiar Contraseña" },
    { href: "/cuenta/seguridad", label: "Seguridad de la cuenta" },
    { href: "/claves-api", label: "Claves de API" },
    { href: "/webhooks", label: "Webhooks" },
    { href: "/contacto", label: "Contacto" },
  ],
  VENDEDOR: [
    { href: "/", label: "Inicio" },
    { href: "/ventas", label: "Órdenes por Atender" },
    { href: "/ordenes", label: "Orden de Pedido" },
    { href: "/cuenta/contrasena", label: "Cambiar Contraseña" },
    { href: "/cuenta/seguridad", label: "Seguridad de la cuenta" },
    { href: "/claves-api", label: "Claves de API" },
    { href: "/webhooks", label: "Webhooks" },
    { href: "/contacto", label: "Contacto" },
  ],
  OPERADOR_PLANTA: [
    { href: "/", label: "Inicio" },
    { href: "/despachos", label: "Despachos por Registrar" },
    { href: "/ordenes", label: "Orden de Pedido" },
    { href: "/cuenta/contrasena", label: "Cambiar Contraseña" },
    { href: "/cuenta/seguridad", label: "Seguridad de la cuenta" },
    { href: "/claves-api", label: "Claves de API" },
    { href: "/webhooks", label: "Webhooks" },
    { href: "/contacto", label: "Contacto" },
  ],
  REGULADOR: [
    { href: "/", label: "Inicio" },
    { href: "/regulador/movimientos", label: "Movimientos" },
    { href: "/regulador/tablero", label: "Tablero" },
    { href: "/regulador/cumplimiento", label: "Cumplimiento" },
    { href: "/verificacion", label: "Consulta de Código de Autorización" },
    { href: "/cisternas", label: "Cisternas" },
    { href: "/auditoria", label: "Auditoría" },
    { href: "/cuenta/contrasena", label: "Cambiar Contraseña" },
    { href: "/cuenta/seguridad", label: "Seguridad de la cuenta" },
    { href: "/claves-api", label: "Claves de API" },
    { href: "/contacto", label: "Contacto" },
  ],
  ADMINISTRADOR: [
    { href: "/", label: "Inicio" },
    { href: "/registro", label: "Registro de Hidrocarburos" },
    { href: "/cisternas", label: "Cisternas" },
    { href: "/historico", label: "Historial SCOP anterior" },
    { href: "/usuarios", label: "Usuarios" },
    { href: "/correos", label: "Correos" },
    { href: "/auditoria", label: "Auditoría" },
    { href: "/verificacion", label: "Consulta de Código de Autorización" },
    { href: "/cuenta/contrasena", label: "Cambiar Contraseña" },
    { href: "/cuenta/seguridad", label: "Seguridad de la cuenta" },
    { href: "/regulador/movimientos", label: "Movimientos" },
    { href: "/regulador/tablero", label: "Tablero" },
    { href: "/regulador/cumplimiento", label: "Cumplimiento" },
    { href: "/claves-api", label: "Claves de API" },
    { href: "/contacto", label: "Contacto" },
  ],
};
