import { describe, expect, it } from "vitest";
import { isValidLocation } from "@/lib/registry/geography";
import { isValidRegistryNumber } from "@/lib/registry/registry-number";
import { completeRuc, isValidRuc } from "@/lib/registry/ruc";
import { DEMO_AGENTS } from "@/lib/seed/demo-agents";

describe("demo registry", () => {
  it.each(DEMO_AGENTS.map((agent) => [agent.key, agent] as const))("%s passes the registry form's own checks", (_, agent) => {
    expect(isValidLocation(agent.department, agent.province, agent.district)).toBe(true);
    expect(isValidRegistryNumber(agent.registryNumber)).toBe(true);
    expect(isValidRuc(completeRuc(agent.rucBody))).toBe(true);
  });
});
