import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: what the portal answers for (RM 126-2009-PCM, Sello de Accesibilidad Digital). */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

export interface Finding {
  where: string;
  rule: string;
  impact?: string | null;
  help: string;
  nodes: string[];
}

/** axe's WCAG A/AA violations on the page as it is now (empty when there is none). */
export async function wcagViolations(page: Page, where: string): Promise<Finding[]> {
  // Legacy mode runs axe in the page itself instead of finishing each run in a new blank page
  // (half of every analysis' time); it only loses cross-origin frames, and the portal has no
  // frame. Only violations are read, so axe keeps no details of the rules that passed.
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).options({ resultTypes: ["violations"] }).setLegacyMode().analyze();
  return results.violations.map((violation) => ({
    where,
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.slice(0, 5).map((node) => node.target.join(" ")),
  }));
}
