import { freePort, type Managed, startManaged, stopManaged, waitFor } from "./processes";
import { toolPath } from "./tools";

/** A real SSM API on loopback: moto's server from the pinned tool virtualenv. */
export interface MotoServer {
  readonly endpoint: string;
  readonly pid: number;
  stop(): Promise<void>;
  /** The requests moto answered with 4xx/5xx and the exceptions it logged, for failure messages. */
  errors(): string;
}

const ERROR_LINE = /" [45]\d\d -$|^\w*(Error|Exception)\b/;

/** `env` configures moto itself, e.g. MOTO_IAM_LOAD_MANAGED_POLICIES=true (AWS-managed IAM policies exist). */
export async function startMoto(env: NodeJS.ProcessEnv = {}): Promise<MotoServer> {
  const port = await freePort();
  const server: Managed = startManaged(
    toolPath("venv", "bin", "moto_server"),
    ["-H", "127.0.0.1", "-p", String(port)],
    { env: { ...process.env, ...env } },
  );
  const endpoint = `http://127.0.0.1:${port}`;
  await waitFor("moto's server", async () => ((await fetch(`${endpoint}/moto-api/`)).ok ? true : undefined), 30_000);
  return {
    endpoint,
    pid: server.pid,
    stop: () => stopManaged(server),
    errors: () =>
      server
        .output()
        .split("\n")
        .filter((line) => ERROR_LINE.test(line))
        .join("\n"),
  };
}

/** What the SDK and the resolve CLI need to talk to moto: fake credentials, a region, nothing from ~/.aws. */
export const MOTO_ENV = {
  AWS_ACCESS_KEY_ID: "testing",
  AWS_SECRET_ACCESS_KEY: "testing",
  AWS_REGION: "us-east-1",
  AWS_CONFIG_FILE: "/dev/null",
  AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
  AWS_EC2_METADATA_DISABLED: "true",
} as const;
