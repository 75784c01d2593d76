import { defineConfig } from "vitest/config";

/** The specs that cover the rule code, for npm run mutate (stryker.config.mjs): unit suites only, no tools. */
export default defineConfig({
  test: {
    include: ["test/env/**/*.test.ts", "test/review/risk-*.test.ts", "test/slo/**/*.test.ts"],
    testTimeout: 60_000,
  },
});
