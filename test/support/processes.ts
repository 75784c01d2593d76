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

/** Polls `check` until it returns a value, or fails after `timeoutMs` naming what it waited for. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
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

/** `env` is added to this process's environment. */
export function startManaged(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Managed {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
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
