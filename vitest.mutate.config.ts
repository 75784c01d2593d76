import { defineConfig } from "vitest/config";

/** The specs that cover the rule code, for npm run mutate (stryker.config.mjs): unit suites only, no tools. */
export default defineConfig({
  test: {
    include: [
      "test/env/**/*.test.ts",
      "test/review/risk-flags.test.ts",
      "test/slo/**/*.test.ts",
      "test/render/invalid-config.property.test.ts",
      "test/render/synth.test.ts",
    ],
    testTimeout: 60_000,
  },
});
