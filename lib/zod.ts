/**
 * The part of zod the portal uses, re-exported one name at a time; lib/validation.ts exports this
 * module's namespace as `z`. Re-exporting zod's own namespace object (`import * as z from "zod";
 * export { z }`) made the bundler keep all of zod, the messages of every language included: about
 * 90 KiB of compressed JavaScript in each page with a form. A name missing here is a type error
 * where it is used: add it.
 */
export {
  NEVER,
  array,
  boolean,
  coerce,
  config,
  custom,
  date,
  discriminatedUnion,
  email,
  enum,
  int,
  iso,
  literal,
  number,
  object,
  preprocess,
  record,
  strictObject,
  string,
  toJSONSchema,
  union,
} from "zod";
export type { ZodError, ZodObject, ZodType, infer, input, output } from "zod";
