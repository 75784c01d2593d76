import path from "node:path";
import { buildApp } from "./app";

/**
 * Synthesizes without the cdktf CLI (which wants network access for its
 * telemetry and provider checks): `app.synth()` writes the same
 * cdktf.out/stacks/<stack>/cdk.tf.json that terraform or OpenTofu plan.
 */
process.env.CHECKPOINT_DISABLE = "1";
const outdir = path.resolve(__dirname, "..", "cdktf.out");
buildApp(outdir).synth();
console.log(`synthesized to ${path.relative(process.cwd(), outdir) || "."}`);
