import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parse } from "yaml";
import { childDirs, filesBelow } from "../render/output";
import type { ReviewedObject } from "./compare";

interface Parsed {
  kind?: string;
  metadata?: { name?: string };
}

/** Every rendered object below `<distRoot>/<env>/` and `<argocdRoot>/`. */
export function loadRender(distRoot: string, argocdRoot: string): ReviewedObject[] {
  const sources = [
    ...childDirs(distRoot).map((dir) => ({ scope: basename(dir), dir })),
    { scope: "argocd", dir: argocdRoot },
  ];
  return sources.flatMap(({ scope, dir }) =>
    filesBelow(dir)
      .filter((file) => file.endsWith(".yaml"))
      .map((file) => {
        const body = parse(readFileSync(join(dir, file), "utf8")) as Parsed & Record<string, unknown>;
        return { scope, file, kind: body.kind ?? "?", name: body.metadata?.name ?? "?", body };
      }),
  );
}
