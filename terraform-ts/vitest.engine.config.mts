import { defineConfig } from "vitest/config";

/**
 * The engine tests (test/engine): the synthesized stacks through terraform init/validate/plan/apply/destroy
 * against moto. Minutes, not seconds, so `npm test` here leaves them out and scripts/infra-test.sh runs
 * them with this config; one file at a time, since every stack starts its own moto and Terraform.
 */
export default defineConfig({
  test: {
    include: ["test/engine/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 20 * 60_000,
    hookTimeout: 5 * 60_000,
  },
});
