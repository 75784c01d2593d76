import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Minutes against moto and the Terraform engine: vitest.engine.config.mts (npm run test:engine).
    exclude: ["test/engine/**"],
    // Synthesizing a full stack with the AWS provider bindings takes a few seconds on a cold cache.
    testTimeout: 60_000,
  },
});
