import { defineConfig } from "vitest/config";

/**
 * Suites that start real tools (Prometheus, promtool, moto, helm, kubeconform, checkov, a control
 * plane) from the tool cache: `npm run test:integration`. The rest is `npm run test:unit`, the inner loop; it
 * runs with one worker per core (`--maxWorkers=100%`): Vitest's default leaves a core free, which on a 2-core
 * machine ran the unit files one at a time (38 s warm instead of 29 s).
 */
const integration = [
  "test/integration/**/*.test.ts",
  "test/promtool/**/*.test.ts",
  "test/ssm/resolve.test.ts",
  "test/review/addon-charts.test.ts",
  "test/validate/kubeconform.test.ts",
  "test/validate/policy-gate.test.ts",
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    projects: [
      {
        extends: true,
        // One module graph per worker, not per file: the code under test keeps no state between calls (no
        // mocks either), and importing cdk8s and zod again for each of ~40 files was most of the run.
        test: { name: "unit", include: ["test/**/*.test.ts"], exclude: integration, isolate: false },
      },
      { extends: true, test: { name: "integration", include: integration } },
    ],
  },
});
