import { ROLES, type Role } from "@/lib/accounts/roles";
import { ROUTES, allows, type PageRule, type RoutePath } from "@/lib/auth/permissions";
import type { MenuGroup } from "@/lib/menu-groups";

export interface MenuItem {
  href: string;
  label: string;
  /** where the compact (phone) menu lists it (lib/menu-groups.ts); none for "Inicio" */
  group?: MenuGroup;
}

/**
 * The menu of each role, with the manual's option names: the pages of the permission table
 * (lib/auth/permissions.ts) that have a menu label and that the role may open, in the table's
 * order. A role sees only what it may do, because both come from the same entry.
 */
export function menuOf(role: Role): MenuItem[] {
  return (Object.entries(ROUTES) as [RoutePath, PageRule][])
    .filter(([, rule]) => rule.kind === "page" && rule.menu && allows(rule.access, { role, pending: false }))
    .map(([href, rule]) => ({ href, label: rule.menu!, ...(rule.group ? { group: rule.group } : {}) }));
}

export const MENU: Record<Role, MenuItem[]> = Object.fromEntries(ROLES.map((role) => [role, menuOf(role)])) as Record<Role, MenuItem[]>;
