import diff from "microdiff";

/** A rendered object as the review sees it: where it lives and what it is. */
export interface ReviewedObject {
  /** Folder it is rendered into: an env name, or "argocd". */
  readonly scope: string;
  readonly file: string;
  readonly kind: string;
  readonly name: string;
  readonly body: Record<string, unknown>;
}

export interface FieldChange {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

export type ResourceChange =
  | { readonly change: "added"; readonly after: ReviewedObject }
  | { readonly change: "removed"; readonly before: ReviewedObject }
  | {
      readonly change: "changed";
      readonly before: ReviewedObject;
      readonly after: ReviewedObject;
      readonly fields: readonly FieldChange[];
    };

const key = (object: ReviewedObject) => `${object.scope}/${object.file}`;

/** Resources added, removed and changed between two renders, with a field-level diff for changed ones. */
export function compareRenders(base: readonly ReviewedObject[], head: readonly ReviewedObject[]): ResourceChange[] {
  const before = new Map(base.map((object) => [key(object), object]));
  const after = new Map(head.map((object) => [key(object), object]));
  const changes: ResourceChange[] = [];
  for (const [id, object] of after) {
    const old = before.get(id);
    if (old === undefined) {
      changes.push({ change: "added", after: object });
      continue;
    }
    const fields = diff(old.body, object.body).map((entry) => ({
      path: entry.path.join("."),
      before: entry.type === "CREATE" ? undefined : entry.oldValue,
      after: entry.type === "REMOVE" ? undefined : entry.value,
    }));
    if (fields.length > 0) changes.push({ change: "changed", before: old, after: object, fields });
  }
  for (const [id, object] of before) if (!after.has(id)) changes.push({ change: "removed", before: object });
  return changes.sort((a, b) => key(subject(a)).localeCompare(key(subject(b))));
}

/** The object a change is about: the new one, or the removed one. */
export function subject(change: ResourceChange): ReviewedObject {
  return change.change === "removed" ? change.before : change.after;
}
