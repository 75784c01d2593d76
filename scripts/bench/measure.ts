/**
 * Whole-process timings for the benchmark: wall seconds (hrtime around the
 * process), CPU seconds and peak resident memory (from /usr/bin/time), and
 * medians. Rows are measured interleaved, one run of each per round, so a
 * burst of load from other work on the machine hits every row alike and the
 * ratios between rows stay meaningful.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";

/** One process to time. */
export interface Run {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
}

export interface Row {
  readonly name: string;
  /** The run for round `index` (a row may need a new argument every round, such as a new image tag). */
  readonly run: (index: number) => Run;
  /** Untimed preparation before each run. */
  readonly setup?: (index: number) => void;
}

export interface Sample {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakMb: number;
}

export interface Measured {
  readonly row: Row;
  /** Medians over the rounds. */
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakMb: number;
  readonly samples: readonly Sample[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Runs one process; throws with its output when it fails. */
export function sample(run: Run): Sample {
  const dir = mkdtempSync(join(tmpdir(), "candlefish-time-"));
  const report = join(dir, "time");
  try {
    const started = process.hrtime.bigint();
    const result = spawnSync("/usr/bin/time", ["-o", report, "-f", "%M %U %S", run.command, ...run.args], {
      cwd: run.cwd,
      env: { ...process.env, ...run.env },
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (result.status !== 0) {
      throw new Error(
        `${run.command} ${run.args.join(" ")} failed (${result.status}): ${result.stderr}${result.stdout}`,
      );
    }
    const [peakKb = 0, user = 0, system = 0] =
      readFileSync(report, "utf8").trim().split("\n").at(-1)?.split(" ").map(Number) ?? [];
    return { seconds, cpuSeconds: user + system, peakMb: peakKb / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The 1-minute load average: how busy the machine was around a measurement. */
export const load = () => loadavg()[0] ?? 0;

/**
 * Measures rows interleaved: `warmups` untimed rounds, then `runs` timed
 * rounds of one run of each row. `progress` hears about each round.
 */
export function measureRows(
  rows: readonly Row[],
  options: { runs: number; warmups: number; progress?: (line: string) => void },
): Measured[] {
  const samples = rows.map(() => [] as Sample[]);
  for (let round = 0; round < options.warmups + options.runs; round += 1) {
    rows.forEach((row, index) => {
      row.setup?.(round);
      const measured = sample(row.run(round));
      if (round >= options.warmups) samples[index]?.push(measured);
    });
    options.progress?.(`round ${round + 1}/${options.warmups + options.runs} (load ${load().toFixed(2)})`);
  }
  return rows.map((row, index) => {
    const taken = samples[index] ?? [];
    return {
      row,
      seconds: median(taken.map((s) => s.seconds)),
      cpuSeconds: median(taken.map((s) => s.cpuSeconds)),
      peakMb: median(taken.map((s) => s.peakMb)),
      samples: taken,
    };
  });
}
