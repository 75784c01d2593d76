import { App } from "cdktf";
import { ENVIRONMENTS } from "./config/environments";
import { CandlefishStack } from "./stacks/candlefish-stack";

/** One stack per environment in src/config/environments.ts. */
export function buildApp(outdir: string): App {
  const app = new App({ outdir, skipValidation: false });
  for (const env of Object.values(ENVIRONMENTS)) {
    new CandlefishStack(app, env);
  }
  return app;
}
