// Labels, sync waves and image references every construct stamps on its objects. May import: nothing of src/constructs.
export * from "./image";
export * from "./labels";
export * from "./sync-wave";
