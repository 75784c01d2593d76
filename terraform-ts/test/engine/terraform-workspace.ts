import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { MOTO_ENV } from "../../../harness/moto";
import { toolPath } from "../../../harness/tools";
import { ENGINE_OVERRIDE_FILE, engineOverride } from "./engine-override";

interface PlannedChange {
  readonly address: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before: Record<string, unknown> | null;
    readonly after: Record<string, unknown> | null;
  };
}

export interface TerraformRun {
  readonly status: number | null;
  readonly output: string;
  readonly seconds: number;
}

/** A scratch directory holding one stack, configured for the mirror and a moto endpoint. */
export class TerraformWorkspace {
  public readonly dir: string;
  private readonly env: NodeJS.ProcessEnv;

  /**
   * The stack's cdk.tf.json, copied unchanged, plus the engine override file (engine-override.ts);
   * `withEngineOverride: false` leaves the stack exactly as users get it, its S3 backend included.
   */
  constructor(stackJsonPath: string, motoEndpoint: string, options = { withEngineOverride: true }) {
    this.dir = mkdtempSync(path.join(tmpdir(), `engine-${path.basename(path.dirname(stackJsonPath))}-`));
    copyFileSync(stackJsonPath, path.join(this.dir, "cdk.tf.json"));
    if (options.withEngineOverride) {
      this.writeJson(ENGINE_OVERRIDE_FILE, engineOverride(readFileSync(stackJsonPath, "utf8")));
    }
    const { AWS_PROFILE: _ignoredProfile, ...inherited } = process.env;
    this.env = {
      ...inherited,
      ...MOTO_ENV,
      // Every AWS API of every provider alias (the DR region included) goes to moto: the provider's AWS
      // SDK reads the global endpoint variable, so no per-service endpoint list can miss a service.
      AWS_ENDPOINT_URL: motoEndpoint,
      // The mirror-only CLI config tools.sh wrote; the machine's TF_CLI_CONFIG_FILE names nothing.
      TF_CLI_CONFIG_FILE: toolPath("terraform", "cli.tfrc"),
      CHECKPOINT_DISABLE: "1",
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
    };
  }

  /** "address: update (attr, ...)" for every change a saved plan would make, for failure messages. */
  async plannedChanges(planFile: string): Promise<string[]> {
    const shown = await this.run(["show", "-json", "-no-color", planFile], 2 * 60_000);
    const plan = JSON.parse(shown.output) as { resource_changes?: PlannedChange[] };
    return (plan.resource_changes ?? [])
      .filter(({ change }) => !["no-op", "read"].includes(change.actions.join()))
      .map(({ address, change }) => {
        const before = change.before ?? {};
        const after = change.after ?? {};
        const changed = Object.keys({ ...before, ...after }).filter(
          (key) => key !== "tags_all" && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
        );
        return `${address}: ${change.actions.join("/")} (${changed.join(", ")})`;
      });
  }

  /** Deletes the scratch directory (the provider in it is a symlink into the mirror). */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  writeJson(name: string, content: unknown): void {
    writeFileSync(path.join(this.dir, name), `${JSON.stringify(content, null, 2)}\n`);
  }

  /** Runs `terraform <args>` here (pass -no-color); kills it by PID after `timeoutMs` (an apply that hangs). */
  run(args: readonly string[], timeoutMs: number): Promise<TerraformRun> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      // Its own process group, so a timeout also ends the provider plugin it started.
      const child = spawn(toolPath("bin", "terraform"), [`-chdir=${this.dir}`, ...args], {
        env: this.env,
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      let output = "";
      child.stdout.on("data", (chunk) => {
        output += chunk;
      });
      child.stderr.on("data", (chunk) => {
        output += chunk;
      });
      const timer = setTimeout(() => {
        output += `\n[engine test] terraform ${args[0]} killed after ${timeoutMs / 1000} s\n`;
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      }, timeoutMs);
      child.once("error", reject);
      child.once("close", (status) => {
        clearTimeout(timer);
        resolve({ status, output, seconds: (performance.now() - started) / 1000 });
      });
    });
  }
}

/** The counts Terraform prints last: "Plan: 153 to add, 0 to change, 0 to destroy.", "Resources: 153 added", ... */
export function resultSummary(output: string): string {
  const lines = [
    /Plan: \d+ to add, \d+ to change, \d+ to destroy/,
    /Apply complete! Resources: [^.]*/,
    /Destroy complete! Resources: [^.]*/,
    /No changes\./,
  ].flatMap((pattern) => pattern.exec(output)?.[0] ?? []);
  return lines.join("; ");
}

/** "Plan: 158 to add, 0 to change, 0 to destroy." -> { add: 158, change: 0, destroy: 0 } */
export function planSummary(output: string): { add: number; change: number; destroy: number } | undefined {
  const match = /Plan: (\d+) to add, (\d+) to change, (\d+) to destroy/.exec(output);
  return match === null ? undefined : { add: Number(match[1]), change: Number(match[2]), destroy: Number(match[3]) };
}
