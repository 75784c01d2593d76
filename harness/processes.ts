import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

/** A port nobody listens on right now, from the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject()));
    });
  });
}

/** Polls `check` every `intervalMs` until it returns a value, or fails after `timeoutMs` naming what it waited for. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${lastError}` : ""}`);
}

/** A child process the suite started and must stop by PID. */
export interface Managed {
  readonly pid: number;
  readonly process: ChildProcess;
  /** Everything it printed, for failure messages. */
  output(): string;
}

/** How much of a process' output is kept for failure reports: the most recent part matters. */
const KEPT_OUTPUT_CHARS = 4 * 1024 * 1024;

export interface StartOptions {
  /** Replaces the environment (pass `{ ...process.env, ... }` to extend it). */
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

export function startManaged(command: string, args: string[], options: StartOptions = {}): Managed {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env: options.env, cwd: options.cwd });
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  let output = "";
  const keep = (chunk: Buffer) => {
    output += chunk;
    // Long runs (Argo CD logs every reconciliation) must not grow without bound.
    if (output.length > 2 * KEPT_OUTPUT_CHARS) output = output.slice(-KEPT_OUTPUT_CHARS);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return { pid: child.pid, process: child, output: () => output };
}

/** SIGTERM by PID, SIGKILL after 5 s; resolves once the process is gone. */
export async function stopManaged(managed: Managed | undefined): Promise<void> {
  if (managed === undefined || managed.process.exitCode !== null || managed.process.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => managed.process.once("exit", () => resolve()));
  process.kill(managed.pid, "SIGTERM");
  const timer = setTimeout(() => process.kill(managed.pid, "SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
