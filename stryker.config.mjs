// Mutation testing of the rule code (npm run mutate): do the specs fail when a rule is wrong?
// Stryker 9.x: 10.x needs Node 22. Not part of npm test (minutes of CPU); reported in docs/mutation.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutate.config.ts" },
  plugins: ["@stryker-mutator/vitest-runner"],
  mutate: ["src/env/rules.ts", "src/env/*-rules.ts", "src/review/risk-rules.ts", "src/slo/condition-evaluator.ts"],
  coverageAnalysis: "perTest",
  // The sandbox copies the checkout: leave out the tool cache, the Terraform project and reports.
  ignorePatterns: [".cache", "terraform-ts", "build", "reports", "wip"],
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  thresholds: { high: 85, low: 85, break: null },
  concurrency: 2,
  tempDirName: ".cache/stryker-tmp",
};
