import { cpSync, symlinkSync } from "node:fs";
import { join } from "node:path";

/** What the CLI reads and writes in a checkout: the code, the env JSON, the committed output. */
const CHECKOUT = [
  ".gitignore",
  "bin",
  "src",
  "imports",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "dist",
  "argocd",
];

/** A copy of this checkout at `dest`, sharing its node_modules (a symlink), without Git history. */
export function copyCheckout(root: string, dest: string): string {
  for (const path of CHECKOUT) cpSync(join(root, path), join(dest, path), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(dest, "node_modules"), "dir");
  return dest;
}
