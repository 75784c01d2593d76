import type { LaunchContext } from "../fast/context";
import { runDiff } from "./diff";
import { runPromote } from "./promote";
import { RELEASE_EXIT, runSetImage } from "./set-image";

interface ReleaseFlags {
  env?: string[];
  tag?: string;
  digest?: string;
  from?: string;
  to?: string;
  "ignore-soak"?: boolean;
}

/** After a change, the same report a PR shows: what it does to the rendered output, with risk flags. */
async function report(code: number, context: LaunchContext | undefined): Promise<number> {
  if (code !== RELEASE_EXIT.ok) return code;
  await runDiff({ repoRoot: process.cwd(), base: "HEAD", context }, console);
  return RELEASE_EXIT.ok;
}

export async function setImage(flags: ReleaseFlags, help: string, context?: LaunchContext): Promise<number> {
  const env = flags.env?.[0];
  if (env === undefined || flags.env?.length !== 1 || flags.tag === undefined) {
    console.error(`set-image needs one --env NAME and --tag TAG\n\n${help}`);
    return RELEASE_EXIT.invalid;
  }
  const options = { env, tag: flags.tag, digest: flags.digest, repoRoot: process.cwd(), context };
  return report(await runSetImage(options, console), context);
}

export async function promote(flags: ReleaseFlags, help: string, context?: LaunchContext): Promise<number> {
  if (flags.from === undefined || flags.to === undefined) {
    console.error(`promote needs --from ENV and --to ENV\n\n${help}`);
    return RELEASE_EXIT.invalid;
  }
  const ignoreSoak = flags["ignore-soak"] ?? false;
  const options = { from: flags.from, to: flags.to, ignoreSoak, repoRoot: process.cwd(), now: new Date(), context };
  return report(await runPromote(options, console), context);
}
