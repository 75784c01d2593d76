/**
 * `tsx src/main.ts <command>`: the CLI without the launcher's caches (tests,
 * and the base of a diff against a commit that predates bin/candlefish.cjs).
 * What users type goes through bin/candlefish.cjs (npm run synth, ...).
 */
import { runCli } from "./cli/run-cli";

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
