/**
 * fast-check arbitraries from the JSON Schemas of the OpenAPI document: values the schema
 * accepts, and values it refuses (one thing broken: a required property left out, one added,
 * a value of another JSON type, a string off its pattern, a number out of its range). Written
 * here because the published generator (json-schema-fast-check) is built on fast-check 1 and
 * faker 4; the document's schemas use only the handful of keywords below, and an unknown one
 * fails loudly rather than being ignored.
 */
import fc from "fast-check";

export type Schema = Record<string, unknown>;

const KNOWN = new Set([
  "type", "properties", "required", "additionalProperties", "items", "minItems", "maxItems", "enum", "const", "pattern", "format",
  "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "multipleOf", "anyOf", "oneOf", "description", "examples", "$ref", "default",
]);

export class SchemaArbitraries {
  constructor(private readonly document: Schema) {}

  resolve(schema: Schema): Schema {
    if (typeof schema.$ref !== "string") return schema;
    const target = schema.$ref.replace(/^#\//, "").split("/").reduce<unknown>((node, part) => (node as Schema)[part], this.document);
    return this.resolve(target as Schema);
  }

  /** Values `schema` accepts. */
  valid(input: Schema): fc.Arbitrary<unknown> {
    const schema = this.resolve(input);
    for (const keyword of Object.keys(schema)) if (!KNOWN.has(keyword)) throw new Error(`palabra de JSON Schema no soportada: ${keyword}`);
    const union = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
    if (union) return fc.oneof(...union.map((branch) => this.valid(branch)));
    // a list of types (e.g. "string" or "number"): a value of one of them
    if (Array.isArray(schema.type)) return fc.oneof(...(schema.type as string[]).map((type) => this.valid({ ...schema, type })));
    if ("const" in schema) return fc.constant(schema.const);
    if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
    switch (schema.type) {
      case "null":
        return fc.constant(null);
      case "boolean":
        return fc.boolean();
      case "integer":
        return fc.integer({ min: Number(schema.minimum ?? -1_000_000), max: Number(schema.maximum ?? 1_000_000) });
      case "number": {
        const step = Number(schema.multipleOf ?? 0.01);
        const low = schema.exclusiveMinimum !== undefined ? Number(schema.exclusiveMinimum) + step : Number(schema.minimum ?? -1_000_000);
        const high = Number(schema.maximum ?? 1_000_000);
        return fc.integer({ min: Math.round(low / step), max: Math.round(high / step) }).map((n) => Number((n * step).toFixed(2)));
      }
      case "string":
        return this.validString(schema);
      case "array": {
        const min = Number(schema.minItems ?? 0);
        return fc.array(this.valid(schema.items as Schema), { minLength: min, maxLength: Math.min(Number(schema.maxItems ?? 4), min + 3) });
      }
      case "object": {
        const properties = (schema.properties ?? {}) as Record<string, Schema>;
        const required = (schema.required ?? []) as string[];
        return fc.record(Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, this.valid(property)])), {
          requiredKeys: required,
        });
      }
      default:
        throw new Error(`tipo de JSON Schema no soportado: ${JSON.stringify(schema)}`);
    }
  }

  private validString(schema: Schema): fc.Arbitrary<string> {
    const maxLength = schema.maxLength === undefined ? 40 : Number(schema.maxLength);
    const minLength = Number(schema.minLength ?? 0);
    if (typeof schema.pattern === "string") {
      const pattern = new RegExp(schema.pattern);
      return fc.stringMatching(pattern).filter((text) => text.length >= minLength && text.length <= maxLength);
    }
    if (schema.format === "date") return fc.date({ min: new Date("2020-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    if (schema.format === "date-time") return fc.date({ min: new Date("2020-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }).map((d) => d.toISOString());
    return fc.string({ minLength, maxLength });
  }

  /**
   * Values `schema` refuses: a valid value with one thing broken. Some breakages can land on a
   * value that is still valid (another branch of a union accepts it): the caller filters with a
   * validator.
   */
  invalid(input: Schema): fc.Arbitrary<unknown> {
    const schema = this.resolve(input);
    // a list of types: one broken per type (values another type accepts are filtered by the caller)
    if (Array.isArray(schema.type)) return fc.oneof(...(schema.type as string[]).map((type) => this.invalid({ ...schema, type })));
    const wrongType = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.string({ maxLength: 5 }), fc.constant([]), fc.constant({}), fc.constant([2]));
    if (schema.type === "object") {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = (schema.required ?? []) as string[];
      const names = Object.keys(properties);
      const breakages: fc.Arbitrary<unknown>[] = [
        this.valid(schema).map((value) => ({ ...(value as object), desconocido: 1 })),
        wrongType.filter((value) => value === null || typeof value !== "object" || Array.isArray(value)),
      ];
      if (required.length) {
        breakages.push(fc.tuple(this.valid(schema), fc.constantFrom(...required)).map(([value, name]) => {
          const copy = { ...(value as Record<string, unknown>) };
          delete copy[name];
          return copy;
        }));
      }
      if (names.length) {
        breakages.push(
          fc.constantFrom(...names).chain((name) =>
            fc.tuple(this.valid(schema), fc.oneof(wrongType, this.invalid(properties[name]))).map(([value, broken]) => ({ ...(value as object), [name]: broken })),
          ),
        );
      }
      return fc.oneof(...breakages);
    }
    if (schema.type === "array") {
      const item = schema.items as Schema;
      return fc.oneof(
        wrongType.filter((value) => !Array.isArray(value)),
        fc.constant([]),
        fc.tuple(this.valid(schema), this.invalid(item)).map(([value, broken]) => [...(value as unknown[]), broken]),
        fc.array(this.valid(item), { minLength: Number(schema.maxItems ?? 20) + 1, maxLength: Number(schema.maxItems ?? 20) + 2 }),
      );
    }
    if (schema.type === "string") {
      const breakages: fc.Arbitrary<unknown>[] = [wrongType.filter((value) => typeof value !== "string")];
      if (typeof schema.pattern === "string" || schema.enum || schema.format) breakages.push(fc.constantFrom("", "x", "??", "2026-13-45", "ABC_123", " 1 "));
      if (schema.maxLength !== undefined) breakages.push(fc.constant("x".repeat(Number(schema.maxLength) + 1)));
      return fc.oneof(...breakages);
    }
    if (schema.type === "integer" || schema.type === "number") {
      const breakages: fc.Arbitrary<unknown>[] = [fc.constantFrom("1", true, null, [1], 1.5e300)];
      if (schema.minimum !== undefined) breakages.push(fc.constant(Number(schema.minimum) - 1));
      if (schema.exclusiveMinimum !== undefined) breakages.push(fc.constant(Number(schema.exclusiveMinimum)));
      if (schema.maximum !== undefined) breakages.push(fc.constant(Number(schema.maximum) + 1));
      if (schema.type === "integer") breakages.push(fc.constant(1.5));
      if (schema.multipleOf !== undefined) breakages.push(fc.constant(1.005));
      return fc.oneof(...breakages);
    }
    if (schema.type === "boolean") return fc.constantFrom("true", 1, null);
    return wrongType;
  }
}
