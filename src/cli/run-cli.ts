import { parseArgs } from "node:util";
import { isEnvConfigError } from "../env/errors";
import type { LaunchContext } from "../fast/context";
import { EXIT } from "./apply-plan";
import { synthCommand } from "./synth-command";

/** The usage text; loads the env registry for the env names, so only a run that prints it pays for that. */
async function usage(): Promise<string> {
  const { ENV_NAMES } = await import("../env/registry.js");
  return `candlefish-gitops: render typed env config into plain Kubernetes YAML

Usage:
  npm run synth [-- --env NAME ...] [-- --check] [-- --out DIR]
  npm run resolve -- --env NAME [--env NAME ...] [--endpoint URL] [--dry-run]
  npm run diff -- --base REF [--fail-on high|medium]
  npm run set-image -- --env NAME --tag TAG [--digest sha256:...]
  npm run promote -- --from staging --to production [--ignore-soak]

Commands:
  synth            render every env into <out>/<env>/<kind>-<name>.yaml and Argo CD's objects into
                   <argocd-out>/ (root.yaml, apps/); with --env, only those envs (argocd/ untouched)
  synth --check    render in memory (or take the cached render of the same inputs) and compare with the
                   output on disk; exit 1 listing missing, stale or changed files
  diff             render REF (from the cache if its code and env JSON were rendered before, else in a
                   temporary git worktree) and the working tree; print a Markdown report of
                   added/removed/changed resources with risk flags; exit 1 only with --fail-on
  set-image        point an env at an image (src/env/images/<env>.json), re-render, print the diff report
  promote          copy the source env's image (by digest) into the target after its soak time, re-render,
                   print the diff report; exit 3 when a release rule refuses
  resolve          read /candlefish/<env>/ from SSM into src/env/outputs/<env>.json (AWS SDK config chain:
                   AWS_REGION, AWS_PROFILE, ...); exit 2 on missing or malformed parameters, 3 on AWS errors

Options:
  --env NAME       an env to render (repeatable); known: ${ENV_NAMES.join(", ")}
  --out DIR        output root (default: dist)
  --argocd-out DIR Argo CD output (default: argocd)
  --endpoint URL   resolve: an SSM-compatible endpoint instead of AWS (e.g. a local moto server)
  --dry-run        resolve: print the diff it would write, write nothing
  --outputs DIR    resolve: where the outputs files are (default: src/env/outputs)
  -h, --help       this text

Run through npm (bin/candlefish.cjs), builds and renders are cached by content in .cache/candlefish: a
command whose code and env JSON did not change since the last run does not render again
(CANDLEFISH_TRACE=1 says what was reused, CANDLEFISH_RENDER=1 renders anyway, CANDLEFISH_CACHE=DIR moves it).

Exit codes: 0 done, 1 drift (--check) or a --fail-on flag (diff), 2 invalid input or usage,
3 refused (resolve: AWS unreachable or refusing; promote: a release rule), 70 unexpected (DEBUG=1 shows
the stack).`;
}

async function main(argv: string[], context: LaunchContext | undefined): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${await usage()}`);
    return EXIT.invalidConfig;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(await usage());
    return EXIT.ok;
  }
  const command = positionals.length === 1 ? positionals[0] : undefined;
  // Each command loads its own modules: a cached synth should not pay for cdk8s, git worktrees or the AWS SDK.
  if (command === "synth") {
    const request = {
      repoRoot: process.cwd(),
      envs: values.env ?? [],
      outRoot: values.out,
      argocdRoot: values["argocd-out"],
      check: values.check ?? false,
    };
    return synthCommand(request, context, console);
  }
  if (command === "diff") {
    const failOn = values["fail-on"];
    if (values.base === undefined || (failOn !== undefined && failOn !== "high" && failOn !== "medium")) {
      console.error(`diff needs --base REF and --fail-on high|medium if given\n\n${await usage()}`);
      return EXIT.invalidConfig;
    }
    const { runDiff } = await import("./diff.js");
    return runDiff({ repoRoot: process.cwd(), base: values.base, failOn, context }, console);
  }
  if (command === "set-image" || command === "promote") {
    const { setImage, promote } = await import("./release-commands.js");
    const help = await usage();
    return command === "set-image" ? setImage(values, help, context) : promote(values, help, context);
  }
  if (command === "resolve") {
    const envs = values.env ?? [];
    if (envs.length === 0) {
      console.error(`resolve needs --env NAME\n\n${await usage()}`);
      return EXIT.invalidConfig;
    }
    // The AWS SDK is evaluated only here.
    const { runResolve } = await import("./resolve.js");
    return runResolve(
      { envs, endpoint: values.endpoint, dryRun: values["dry-run"] ?? false, outputsDir: values.outputs },
      console,
    );
  }
  console.error(`unknown command: ${positionals.join(" ") || "(none)"}\n\n${await usage()}`);
  return EXIT.invalidConfig;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      env: { type: "string", multiple: true },
      out: { type: "string", default: "dist" },
      "argocd-out": { type: "string", default: "argocd" },
      check: { type: "boolean" },
      endpoint: { type: "string" },
      base: { type: "string" },
      tag: { type: "string" },
      digest: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      "ignore-soak": { type: "boolean" },
      "fail-on": { type: "string" },
      "dry-run": { type: "boolean" },
      outputs: { type: "string", default: "src/env/outputs" },
      help: { type: "boolean", short: "h" },
    },
  });
}

/** Exit code for a failure that is not a user mistake (sysexits EX_SOFTWARE). */
const UNEXPECTED = 70;

/**
 * Runs one command and returns its exit code. The launcher (bin/candlefish.cjs)
 * calls this with its context; `tsx src/main.ts` runs it without one (no caches).
 */
export async function runCli(argv: string[], context?: LaunchContext): Promise<number> {
  try {
    return await main(argv, context);
  } catch (error) {
    // A user mistake that slipped past a command's own checks still gets one clear line, not a stack trace.
    if (isEnvConfigError(error)) {
      for (const problem of error.problems) console.error(problem);
      return EXIT.invalidConfig;
    }
    console.error(`candlefish-gitops: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.DEBUG) console.error(error);
    return UNEXPECTED;
  }
}
