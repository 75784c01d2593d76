// The release gates: pre- and post-promotion AnalysisTemplates, their metrics and the smoke-test Job. May import: meta/, pod/, network/.
export * from "./analysis-metric";
export * from "./analysis-names";
export * from "./post-promotion-analysis";
export * from "./pre-promotion-analysis";
export * from "./smoke-test-job";
