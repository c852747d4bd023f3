/**
 * The groups of the menu, named as the buyer's manual names its chapters ("2. COMPRAS",
 * "3. CONSULTA", "4. ANULAR", "5. CERRAR") and, for the other roles, after what they do. Each
 * menu item (lib/navigation.ts) names its group; the phone's compact menu shows the groups under
 * these headings, in the order the role's items first name them. Which items a role sees is
 * not decided here.
 */
export const MENU_GROUP_LABELS = {
  compras: "Compras",
  ventas: "Ventas",
  despachos: "Despachos",
  consulta: "Consulta",
  anular: "Anular",
  cerrar: "Cerrar",
  fiscalizacion: "Fiscalización",
  registro: "Registro",
  avisos: "Avisos",
  cuenta: "Mi cuenta",
  integracion: "Integración",
  ayuda: "Ayuda",
} as const;

export type MenuGroup = keyof typeof MENU_GROUP_LABELS;

export interface GroupedItems<Item> {
  /** absent for the items outside any group ("Inicio") */
  group?: MenuGroup;
  label?: string;
  items: Item[];
}

/** The items in groups, each group where its first item is; items without a group stay apart. */
export function groupMenu<Item extends { group?: MenuGroup }>(items: readonly Item[]): GroupedItems<Item>[] {
  const groups: GroupedItems<Item>[] = [];
  for (const item of items) {
    const group = item.group;
    const existing = group ? groups.find((entry) => entry.group === group) : undefined;
    if (existing) existing.items.push(item);
    else groups.push(group ? { group, label: MENU_GROUP_LABELS[group], items: [item] } : { items: [item] });
  }
  return groups;
}
