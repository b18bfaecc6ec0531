/**
 * Payload generators for the contract fuzz suite (fast-check): arbitrary JSON, payloads shaped like a
 * method's argument schema (read through zod's JSON Schema export, `z.toJSONSchema`), and those shapes with
 * one field mutated — strings with `/` and `..`, a reference aimed at a local port, huge strings, wrong
 * types, extra or missing keys. Whether the contract accepts a payload is for the schema itself to say:
 * the suite asks it.
 */
import fc from 'fast-check';
import { z } from 'zod';

/** A JSON Schema node, as far as the generator reads it. */
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  additionalProperties?: JsonSchema | boolean;
}

/** Where hostile values point: paths under `outside` and /tmp names with `marker` must never appear. */
export interface Targets {
  /** A folder outside serve mode's own folders (it must stay empty). */
  outside: string;
  /** A unique word in /tmp paths the payloads name (no /tmp entry holding it may appear). */
  marker: string;
  /** A local TCP port a crafted reference aims at (it must receive no connection). */
  port: number;
}

/** Strings the engine's grammars refuse, or that would leave their place in a URL path or on disk. */
export function hostileStrings(t: Targets): string[] {
  return [
    `a/../../127.0.0.1:${t.port}/x`,
    `127.0.0.1:${t.port}/x`,
    '..',
    '../x',
    'x/..',
    'a//b',
    '/x',
    '%2e%2e',
    'a/%2e%2e/b',
    'a b',
    'a\u0000b',
    '',
    'x?force=true',
    'x#y',
    'Ünïcode',
    '../../../../etc/passwd',
    `${t.outside}/file`,
    `${t.outside}/../${t.marker}-escape`,
    `/tmp/${t.marker}-file`,
    `/tmp/${t.marker}-dir/`,
    '/',
    '/etc/passwd',
    'x'.repeat(5000),
    'y'.repeat(200_000),
  ];
}

/** A string a schema field might take: plausible names and IDs, UUIDs, or hostile strings. */
function stringArb(t: Targets): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...hostileStrings(t)),
    fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{0,15}$/),
    fc.stringMatching(/^[0-9a-f]{12}$/),
    fc.uuid(),
    fc.string({ maxLength: 24 }),
  );
}

/** Any value of the wrong type, for a field. */
function wrongType(t: Targets): fc.Arbitrary<unknown> {
  return fc.oneof(fc.constant(null), fc.integer(), fc.double(), fc.boolean(), fc.constant([]), fc.constant({ $gt: '' }), fc.array(stringArb(t), { maxLength: 3 }));
}

/** Values shaped like `s` (not always valid: strings come from {@link stringArb}). */
function shaped(s: JsonSchema | undefined, t: Targets, depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 4) return fc.jsonValue({ maxDepth: 2 });
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => shaped(a, t, depth + 1)));
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object': {
      const props = s.properties ?? {};
      const model = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, shaped(v, t, depth + 1)]));
      if (!Object.keys(model).length) return fc.dictionary(fc.string({ maxLength: 8 }), stringArb(t), { maxKeys: 3 });
      return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in model) });
    }
    case 'array':
      return fc.array(shaped(s.items, t, depth + 1), { maxLength: 4 });
    case 'string':
      return stringArb(t);
    case 'integer':
      // The cap keeps values small, but never below the schema's own minimum (a memory limit starts at 4 MiB).
      return fc.oneof(fc.integer({ min: s.minimum ?? -10, max: Math.max(s.minimum ?? -10, Math.min(s.maximum ?? 100_000, 100_000)) }), fc.integer());
    case 'number':
      return fc.oneof(fc.double({ noNaN: true }), fc.integer());
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** One field of an object payload replaced by a hostile or wrongly typed value, removed, or a key added. */
function mutated(base: fc.Arbitrary<unknown>, t: Targets): fc.Arbitrary<unknown> {
  return fc
    .tuple(base, fc.nat(), fc.oneof(fc.constantFrom(...hostileStrings(t)), wrongType(t)), fc.constantFrom('replace', 'remove', 'extra'))
    .map(([value, pick, bad, how]) => {
      if (!value || typeof value !== 'object' || Array.isArray(value)) return bad;
      const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      const keys = Object.keys(copy);
      if (how === 'extra' || !keys.length) copy[`extra${pick % 3}`] = bad;
      else if (how === 'remove') delete copy[keys[pick % keys.length]];
      else copy[keys[pick % keys.length]] = bad;
      return copy;
    });
}

/**
 * Payloads for a method whose arguments are `schema`: arbitrary JSON, schema-shaped values, and schema-shaped
 * values with one field mutated (each about a third of the time).
 */
export function payloads(schema: z.ZodType, t: Targets): fc.Arbitrary<unknown> {
  let json: JsonSchema | undefined;
  try {
    json = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as JsonSchema;
  } catch {
    json = undefined;
  }
  const base = shaped(json, t);
  return fc.oneof(fc.jsonValue({ maxDepth: 3 }), base, mutated(base, t));
}
