import { Document, stringify } from "yaml";

/**
 * YAML for rendered manifests, byte for byte what `yaml`'s
 * `stringify(value, { lineWidth: 0 })` prints, in a fraction of the time.
 *
 * Why not just the library: profiled, its generic document model (a node per
 * value, a context object per scalar) was 45 % of a render and 60 % at 200
 * workload-envs. Manifests are plain JSON data in block style, so a direct
 * writer covers them; whatever it is not sure about (control characters,
 * strings with leading or trailing whitespace around newlines, document
 * markers, keys longer than YAML's implicit-key limit, shared objects) goes
 * to the library unchanged. test/render/yaml.test.ts holds the writer to the
 * library on generated documents and on every rendered manifest.
 */
export function toYaml(value: unknown): string {
  return fastYaml(value) ?? stringify(value, { lineWidth: 0 });
}

/** The direct writer alone: the YAML text, or undefined for a document it leaves to the library. */
export function fastYaml(value: unknown): string | undefined {
  if (!isCollection(value)) return undefined;
  const out: string[] = [];
  const seen = new Set<object>();
  if (!writeCollection(value, "", out, seen)) return undefined;
  return `${out.join("")}\n`;
}

type Collection = readonly unknown[] | Readonly<Record<string, unknown>>;

const INDENT_STEP = "  ";

function isCollection(value: unknown): value is Collection {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== "object") return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Empty as the library sees it: keys whose value is undefined are not written. */
function isEmpty(collection: Collection): boolean {
  if (Array.isArray(collection)) return collection.length === 0;
  for (const key in collection) if ((collection as Record<string, unknown>)[key] !== undefined) return false;
  return true;
}

/**
 * Writes a non-empty collection's lines at `indent`; the first line carries
 * no indent (the caller has already written it, or a "- " in front of it).
 * Returns false for anything the library must write.
 */
function writeCollection(collection: Collection, indent: string, out: string[], seen: Set<object>): boolean {
  // The library turns a repeated object into an anchor and aliases: leave those to it.
  if (seen.has(collection)) return false;
  seen.add(collection);
  if (isEmpty(collection)) {
    out.push(Array.isArray(collection) ? "[]" : "{}");
    return true;
  }
  const inner = `${indent}${INDENT_STEP}`;
  let first = true;
  if (Array.isArray(collection)) {
    for (const item of collection as readonly unknown[]) {
      if (item === undefined) return false;
      out.push(first ? "- " : `\n${indent}- `);
      first = false;
      if (!writeValue(item, inner, "item", out, seen)) return false;
    }
    return true;
  }
  const mapping = collection as Readonly<Record<string, unknown>>;
  for (const key in mapping) {
    const item = mapping[key];
    if (item === undefined) continue;
    const written = keyScalar(key);
    if (written === undefined) return false;
    out.push(first ? "" : `\n${indent}`, written, ":");
    first = false;
    if (!writeValue(item, inner, "pair", out, seen)) return false;
  }
  return true;
}

/**
 * Writes a value after "key:" (a pair) or "- " (a sequence item); `inner` is
 * the indent of the value's own lines.
 */
function writeValue(value: unknown, inner: string, at: "pair" | "item", out: string[], seen: Set<object>): boolean {
  if (isCollection(value)) {
    if (isEmpty(value)) {
      out.push(at === "pair" ? " " : "", Array.isArray(value) ? "[]" : "{}");
      return true;
    }
    // A mapping in a sequence item starts on the dash's line; in a pair, on the next line.
    if (at === "pair") out.push(`\n${inner}`);
    return writeCollection(value, inner, out, seen);
  }
  const scalar = valueScalar(value, inner);
  if (scalar === undefined) return false;
  out.push(at === "pair" ? " " : "", scalar);
  return true;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point (the library double-quotes them).
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
/** Plain style is ambiguous or invalid (the library's own test, stringifyString.js). */
const INDICATORS = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
/** YAML refuses an implicit key longer than this; the library then writes an explicit `? key`. */
const MAX_IMPLICIT_KEY = 1024;

/** Strings the core schema would read back as something else ("true", "1", "null", "1e3", ...). */
const readsAsOtherType = (() => {
  const { compat, tags } = new Document().schema;
  const tests = [...tags, ...(compat ?? [])].flatMap((tag) =>
    tag.default && tag.tag !== "tag:yaml.org,2002:str" && "test" in tag && tag.test instanceof RegExp ? [tag.test] : [],
  );
  return (value: string) => tests.some((test) => test.test(value));
})();

/** A one-line string: plain when that reads back as the same string, else quoted as the library quotes. */
function lineScalar(value: string): string {
  if (!INDICATORS.test(value) && !readsAsOtherType(value)) return value;
  if (value.includes('"') && !value.includes("'")) return `'${value}'`;
  return JSON.stringify(value);
}

/**
 * Keys and one-line values repeat across manifests (labels, names, ports): each is decided once. Bounded,
 * so a render of thousands of workloads does not hold every string it ever wrote.
 */
const MEMO_LIMIT = 50_000;
function memoized(compute: (value: string) => string | undefined): (value: string) => string | undefined {
  const memo = new Map<string, string | undefined>();
  return (value) => {
    if (memo.has(value)) return memo.get(value);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    const written = compute(value);
    memo.set(value, written);
    return written;
  };
}

const keyScalar = memoized((key) => {
  if (key.includes("\n") || UNSAFE.test(key) || DOCUMENT_MARKER.test(key)) return undefined;
  const written = lineScalar(key);
  return written.length > MAX_IMPLICIT_KEY ? undefined : written;
});

const oneLineValue = memoized((value) =>
  UNSAFE.test(value) || DOCUMENT_MARKER.test(value) ? undefined : lineScalar(value),
);

function valueScalar(value: unknown, inner: string): string | undefined {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return undefined;
    return Object.is(value, -0) ? "-0" : JSON.stringify(value);
  }
  if (typeof value !== "string") return undefined;
  if (!value.includes("\n")) return oneLineValue(value);
  return UNSAFE.test(value) || DOCUMENT_MARKER.test(value) ? undefined : literalBlock(value, inner);
}

/**
 * A multi-line string as a literal block: `|-` without a final newline, `|`
 * with exactly one; lines indented, empty lines left empty. Leading spaces or
 * newlines, trailing whitespace and several final newlines need indicators
 * the library handles.
 */
function literalBlock(value: string, inner: string): string | undefined {
  if (/^[ \n]/.test(value) || /[\t ]\n|[\t ]$|\n\n$/.test(value) || value === "\n") return undefined;
  const clip = value.endsWith("\n");
  const body = clip ? value.slice(0, -1) : value;
  return `|${clip ? "" : "-"}\n${inner}${body.replace(/\n+/g, `$&${inner}`)}`;
}
