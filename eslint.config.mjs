import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  { ignores: ["lib/generated/**", ".next/**", "node_modules/**", "tests/.tmp/**", "test-results/**"] },
  // Who may import whom: lib/ is the domain (nothing of the app, the tools or the tests);
  // harness/ is the support code that scripts/ and tests/ share (real servers, PostgreSQL
  // clusters, the lifecycle load, /proc figures), so neither reaches into the other.
  {
    files: ["lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/app/**", "@/components/**", "@/harness/**", "@/scripts/**", "@/tests/**"], message: "lib/ es el dominio: no importa de app/, components/, harness/, scripts/ ni tests/." }] },
      ],
    },
  },
  {
    files: ["harness/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/app/**", "@/scripts/**", "@/tests/**", "**/scripts/**", "**/tests/**"], message: "harness/ lo comparten scripts/ y tests/: no importa de ellos." }] },
      ],
    },
  },
  {
    files: ["scripts/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/tests/**", "**/tests/**"], message: "scripts/ no importa de tests/: el código que comparten está en harness/." }] },
      ],
    },
  },
];

export default config;
