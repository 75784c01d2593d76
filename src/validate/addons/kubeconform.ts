import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface KubeconformResult {
  readonly kubernetesVersion: string;
  readonly resources: number;
  /** One line per invalid object or missing schema: "<file>: <kind>/<name>: <message>". */
  readonly errors: readonly string[];
}

interface Line {
  filename: string;
  kind: string;
  name: string;
  status: string;
  msg: string;
}

/**
 * kubeconform -strict over `targets`, no `-ignore-missing-schemas`: a kind without a schema is an
 * error, so nothing is skipped. Core schemas from the tool cache, custom kinds from `crdSchemaDir`.
 */
export async function kubeconform(
  binary: string,
  coreSchemaDir: string,
  crdSchemaDir: string,
  kubernetesVersion: string,
  targets: readonly string[],
): Promise<KubeconformResult> {
  const args = [
    "-strict",
    "-output",
    "json",
    "-verbose",
    "-kubernetes-version",
    kubernetesVersion,
    "-schema-location",
    `${coreSchemaDir}/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`,
    "-schema-location",
    `${crdSchemaDir}/{{ .ResourceKind }}-{{ .Group }}-{{ .ResourceAPIVersion }}.json`,
    ...targets,
  ];
  // kubeconform exits 1 when something is invalid; its JSON report is on stdout either way.
  const stdout = await run(binary, args, { maxBuffer: 64 * 1024 * 1024 }).then(
    (result) => result.stdout,
    (error: { stdout?: string; message: string }) => {
      if (error.stdout === undefined || error.stdout === "") throw new Error(`kubeconform: ${error.message}`);
      return error.stdout;
    },
  );
  // Empty documents (a template whose condition is false still prints `---` and its source comment)
  // are no resources; kubeconform v0.7.0 reports them with an empty status (pkg/output/json.go, Write).
  const resources = (JSON.parse(stdout) as { resources: Line[] }).resources.filter((line) => line.status !== "");
  return {
    kubernetesVersion,
    resources: resources.length,
    errors: resources
      .filter((line) => line.status !== "statusValid")
      .map((line) => `${line.filename}: ${line.kind}/${line.name}: ${line.msg}`),
  };
}
