import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { blobId, DATA_PATHS, filesBelow, isCode, isData, keyOf } from "../../bin/fingerprint.cjs";

/** Where a render puts its output, relative to the folder that holds argocd/: it is written into the Applications. */
export interface RenderLayout {
  readonly dist: string;
  readonly apps: string;
}

/** The layout of output written to `outRoot` with Argo CD's objects in `argocdRoot`. */
export function renderLayout(outRoot: string, argocdRoot: string): RenderLayout {
  const base = dirname(argocdRoot);
  return { dist: relative(base, outRoot), apps: relative(base, join(argocdRoot, "apps")) };
}

/**
 * The key of a render: the code's key, every committed env JSON file by
 * content, and the layout. `overrides` replaces files' content before they
 * are written (set-image keys the render of the image it is about to write).
 */
export function renderKey(
  codeKey: string,
  repoRoot: string,
  layout: RenderLayout,
  overrides: ReadonlyMap<string, string> = new Map(),
): string {
  const data = new Map(
    filesBelow(repoRoot, DATA_PATHS).map((path) => [path, blobId(readFileSync(join(repoRoot, path)))] as const),
  );
  for (const [path, content] of overrides) data.set(path, blobId(Buffer.from(content)));
  return combine(codeKey, keyOf("data", data), layout);
}

function combine(codeKey: string, dataKey: string, layout: RenderLayout): string {
  return keyOf("render", [
    ["code", codeKey],
    ["data", dataKey],
    ["layout", JSON.stringify(layout)],
  ]);
}

/** What a commit's render key needs to know about it. */
export interface CommittedKey {
  readonly key: string;
  /** The commit's package-lock.json is this checkout's: its node_modules are the ones the commit would install. */
  readonly sameLockFile: boolean;
}

/**
 * The render key of a commit, from `git ls-tree` (blob ids are content
 * hashes): equal to the working tree's key exactly when the code and env
 * JSON are byte for byte the same, with no checkout.
 */
export function committedRenderKey(repoRoot: string, ref: string, layout: RenderLayout): CommittedKey {
  const listing = execFileSync("git", ["ls-tree", "-r", "-z", "--full-tree", ref], {
    cwd: repoRoot,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const code = new Map<string, string>();
  const data = new Map<string, string>();
  for (const line of listing.split("\0")) {
    const match = /^\d+ blob ([0-9a-f]+)\t(.+)$/s.exec(line);
    if (match?.[1] === undefined || match[2] === undefined) continue;
    if (isData(match[2])) data.set(match[2], match[1]);
    else if (isCode(match[2])) code.set(match[2], match[1]);
  }
  let lockFile = "";
  try {
    lockFile = blobId(readFileSync(join(repoRoot, "package-lock.json")));
  } catch {
    // No lock file here: nothing the commit's could match.
  }
  return {
    key: combine(keyOf("code", code), keyOf("data", data), layout),
    sameLockFile: code.get("package-lock.json") === lockFile,
  };
}
