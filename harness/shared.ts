import { existsSync } from "node:fs";
import { resolve } from "node:path";

/**
 * A folder of ../shared (upstream charts, CRDs), which CI lays next to every clone. Missing, the
 * test fails saying where it looked, instead of passing without checking anything.
 */
export function sharedFolder(name: "charts" | "crds"): string {
  const dir = resolve("..", "shared", name);
  if (!existsSync(dir)) throw new Error(`${dir} is missing: the add-on checks need the upstream ${name} there`);
  return dir;
}
