import type { RenderWorkers } from "../render/parallel";

/** What the launcher (bin/candlefish.cjs) hands the CLI it loaded. */
export interface LaunchContext {
  /** Where the caches live: builds, rendered output (.cache/candlefish unless CANDLEFISH_CACHE says otherwise). */
  readonly cacheDir: string;
  /** The content key of the code the running bundle was built from (bin/fingerprint.cjs). */
  readonly codeKey: string;
  /** Worker threads may render envs: the renderer bundle and the script that serves renders from it. */
  readonly renderWorkers?: RenderWorkers;
  /** Tells the launcher the renderer ran, so the code cache it writes covers the renderer too. */
  rendered(): void;
}
