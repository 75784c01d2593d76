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
      name: "only-tests-import-tests",
      severity: "error",
      comment: "test/ holds test helpers only; shared machinery lives in its own folder.",
      from: { pathNot: "^test/" },
      to: { path: "^test/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|dist|argocd|imports|\\.cache|terraform-ts)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
