// Argo CD's objects: AppProjects, Applications and their sync policy. May import: meta/, data/ (the restore drill's namespace), src/addons, src/env.
export * from "./applications";
export * from "./group-kind";
export * from "./platform-project";
export * from "./product-project";
export * from "./sync-policy";
