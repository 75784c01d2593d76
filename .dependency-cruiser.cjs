/**
 * Import rules of the repository (npm run lint:imports, inside npm test). The layers, bottom up:
 * src/ (the product) never imports tests, scripts or the rehearsal; nothing outside test/ imports test/;
 * no import cycle anywhere in src/, type-only imports included.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: "no-cycles-in-src",
      severity: "error",
      comment: "Shape, rules and their composition read in one direction (src/env: shape <- rules <- schema).",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "src-stays-product",
      severity: "error",
      comment: "The product renders config; tests, scripts and the rehearsal use it, never the reverse.",
      from: { path: "^src/" },
      to: { path: "^(test|scripts|rehearsal|harness)/" },
    },
    {
      name: "harness-stays-below",
      severity: "error",
      comment: "The harness starts real components for tests, the rehearsal and benchmarks; it imports none of them.",
      from: { path: "^harness/" },
      to: { path: "^(test|scripts|rehearsal)/" },
    },
    {
      name: "only-tests-import-tests",
      severity: "error",
      comment: "test/ holds test helpers only; shared machinery lives in its own folder.",
      from: { pathNot: "^test/" },
      to: { path: "^test/" },
    },
    {
      name: "constructs-meta",
      severity: "error",
      comment: "src/constructs/meta/ may import no other construct folder (see its index.ts).",
      from: { path: "^src/constructs/meta/" },
      to: { path: "^src/constructs/(?!(meta)/)" },
    },
    {
      name: "constructs-secrets",
      severity: "error",
      comment: "src/constructs/secrets/ may import meta (see its index.ts).",
      from: { path: "^src/constructs/secrets/" },
      to: { path: "^src/constructs/(?!(secrets|meta)/)" },
    },
    {
      name: "constructs-pod",
      severity: "error",
      comment: "src/constructs/pod/ may import meta, secrets (see its index.ts).",
      from: { path: "^src/constructs/pod/" },
      to: { path: "^src/constructs/(?!(pod|meta|secrets)/)" },
    },
    {
      name: "constructs-network",
      severity: "error",
      comment: "src/constructs/network/ may import meta, pod (see its index.ts).",
      from: { path: "^src/constructs/network/" },
      to: { path: "^src/constructs/(?!(network|meta|pod)/)" },
    },
    {
      name: "constructs-analysis",
      severity: "error",
      comment: "src/constructs/analysis/ may import meta, pod, network (see its index.ts).",
      from: { path: "^src/constructs/analysis/" },
      to: { path: "^src/constructs/(?!(analysis|meta|pod|network)/)" },
    },
    {
      name: "constructs-rollout",
      severity: "error",
      comment: "src/constructs/rollout/ may import meta, pod, secrets, network, analysis (see its index.ts).",
      from: { path: "^src/constructs/rollout/" },
      to: { path: "^src/constructs/(?!(rollout|meta|pod|secrets|network|analysis)/)" },
    },
    {
      name: "constructs-data",
      severity: "error",
      comment: "src/constructs/data/ may import meta, pod, secrets (see its index.ts).",
      from: { path: "^src/constructs/data/" },
      to: { path: "^src/constructs/(?!(data|meta|pod|secrets)/)" },
    },
    {
      name: "constructs-monitoring",
      severity: "error",
      comment: "src/constructs/monitoring/ may import meta, network (see its index.ts).",
      from: { path: "^src/constructs/monitoring/" },
      to: { path: "^src/constructs/(?!(monitoring|meta|network)/)" },
    },
    {
      name: "constructs-namespace",
      severity: "error",
      comment: "src/constructs/namespace/ may import meta, pod (see its index.ts).",
      from: { path: "^src/constructs/namespace/" },
      to: { path: "^src/constructs/(?!(namespace|meta|pod)/)" },
    },
    {
      name: "constructs-argocd",
      severity: "error",
      comment: "src/constructs/argocd/ may import meta, data (see its index.ts).",
      from: { path: "^src/constructs/argocd/" },
      to: { path: "^src/constructs/(?!(argocd|meta|data)/)" },
    },
    {
      name: "charts-import-concepts",
      severity: "error",
      comment: "A chart imports a concept's index, not its files.",
      from: { path: "^src/charts/" },
      to: { path: "^src/constructs/[a-z]+/(?!index\\.ts$)" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|dist|argocd|imports|\\.cache|terraform-ts)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
