// @ts-check
/**
 * What the renderer's code is, as one key: every file the build reads, by
 * content. Plain JavaScript because it runs before anything is compiled; the
 * TypeScript side (src/fast/) imports it so a commit's key (from `git
 * ls-tree`, no checkout) and the working tree's key come from one rule.
 */
"use strict";
const { createHash } = require("node:crypto");
const { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");

/** Folders and files whose content is the code: sources, generated imports, the lock file, build settings. */
const CODE_PATHS = ["bin", "src", "imports", "package.json", "package-lock.json", "tsconfig.json"];
/** Committed JSON that automation edits: read when a command runs, so it keys renders, never the build. */
const DATA_PATHS = ["src/env/images", "src/env/outputs"];

/** A file's id memo is trusted only once the file is this old: an edit inside one timestamp tick is re-read. */
const SETTLED_NS = 2_000_000_000n;

/** @param {string} path @param {readonly string[]} roots */
const isBelow = (path, roots) => roots.some((root) => path === root || path.startsWith(`${root}/`));

/** @param {string} path a '/'-separated path relative to the repository root */
const isCode = (path) => isBelow(path, CODE_PATHS) && !isBelow(path, DATA_PATHS);
/** @param {string} path */
const isData = (path) => isBelow(path, DATA_PATHS);

/**
 * Git's blob id of some bytes: what `git ls-tree` prints for a committed
 * file, so a commit's key needs no checkout.
 * @param {Buffer} content
 */
function blobId(content) {
  return createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
}

/**
 * One key over (path, id) pairs, whatever their order.
 * @param {string} kind what the pairs are (a different kind never collides)
 * @param {Iterable<readonly [string, string]>} entries
 */
function keyOf(kind, entries) {
  const lines = [...entries].map(([path, id]) => `${path}\0${id}\n`).sort();
  return createHash("sha256").update(`${kind}\n`).update(lines.join("")).digest("hex");
}

/**
 * Files below `paths` (folders or files, relative to root), '/'-separated, sorted.
 * @param {string} root @param {readonly string[]} paths
 */
function filesBelow(root, paths) {
  /** @type {string[]} */
  const files = [];
  for (const path of paths) {
    let entries;
    try {
      entries = readdirSync(join(root, path), { recursive: true, withFileTypes: true });
    } catch (error) {
      const code = /** @type {NodeJS.ErrnoException} */ (error).code;
      if (code === "ENOTDIR") files.push(path);
      else if (code !== "ENOENT") throw error;
      continue;
    }
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const relative = `${entry.parentPath.slice(root.length + 1)}/${entry.name}`.replaceAll("\\", "/");
      files.push(relative);
    }
  }
  return files.sort();
}

/**
 * @typedef {{ size: string, mtime: string, ctime: string, ino: string, id: string }} Memo
 *   what a file was when its id was computed (bigint stats as strings)
 */

/**
 * The blob id of every code file. Ids are of content; stats only decide
 * which files to re-read, the way git's index does: a file whose size,
 * mtime, ctime (ns; no tool can set it back, unlike mtime) or inode changed,
 * or that changed less than two seconds before it was last read, is hashed
 * again. The memo belongs to the checkout
 * (<root>/.cache/candlefish/code-files.json), never to a shared cache: a
 * diff's base worktree shares the renders, not the files' stats.
 * @param {string} root the repository root
 * @param {{ settledNs?: bigint }} [options] how old a change must be before its stats are trusted (tests: 0)
 * @returns {Map<string, string>} path → blob id
 */
function codeFileIds(root, options = {}) {
  const settled = options.settledNs ?? SETTLED_NS;
  const memoDir = join(root, ".cache", "candlefish");
  const memoFile = join(memoDir, "code-files.json");
  /** @type {Record<string, Memo>} */
  let memo = {};
  try {
    memo = JSON.parse(readFileSync(memoFile, "utf8"));
  } catch {
    // No memo yet (or a broken one): every file is read.
  }
  const now = BigInt(Date.now()) * 1_000_000n;
  /** @type {Record<string, Memo>} */
  const next = {};
  /** @type {Map<string, string>} */
  const ids = new Map();
  let changed = false;
  for (const path of filesBelow(root, CODE_PATHS).filter(isCode)) {
    const stat = statSync(join(root, path), { bigint: true });
    const seen = memo[path];
    const stats = {
      size: String(stat.size),
      mtime: String(stat.mtimeNs),
      ctime: String(stat.ctimeNs),
      ino: String(stat.ino),
    };
    const same =
      seen !== undefined &&
      seen.size === stats.size &&
      seen.mtime === stats.mtime &&
      seen.ctime === stats.ctime &&
      seen.ino === stats.ino;
    const id = same && seen !== undefined ? seen.id : blobId(readFileSync(join(root, path)));
    ids.set(path, id);
    // ctime moves with every content change (and cannot be set back): the time of the last change.
    if (now - stat.ctimeNs >= settled) {
      next[path] = { ...stats, id };
      changed ||= !same;
    } else changed = true;
  }
  changed ||= Object.keys(memo).length !== Object.keys(next).length;
  if (changed) {
    mkdirSync(memoDir, { recursive: true });
    const temporary = `${memoFile}.${process.pid}`;
    writeFileSync(temporary, JSON.stringify(next));
    renameSync(temporary, memoFile);
  }
  return ids;
}

module.exports = { CODE_PATHS, DATA_PATHS, isCode, isData, blobId, keyOf, filesBelow, codeFileIds };
