import { spawnSync } from "node:child_process";
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DeleteParametersCommand, PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MOTO_ENV, type MotoServer, startMoto } from "../../harness/moto";
import { freePort } from "../../harness/processes";
import { encodeParameter, SSM_PARAMETERS, SSM_PREFIX } from "../../src/ssm/parameters";
import { tempDir } from "../support/fixtures";

let moto: MotoServer;
let client: SSMClient;
let outputsDir: string;
const committed = (env: string) => readFileSync(join("src/env/outputs", `${env}.json`), "utf8");

function valueAt(outputs: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], outputs);
}

/** Seeds SSM with an env's committed outputs, as terraform-ts publishes them. */
async function seed(env: string): Promise<void> {
  const outputs = JSON.parse(committed(env)) as Record<string, unknown>;
  for (const spec of SSM_PARAMETERS) {
    const value = valueAt(outputs, spec.output);
    await client.send(
      new PutParameterCommand({
        Name: `${SSM_PREFIX(env)}${spec.name}`,
        Type: spec.type,
        Value: encodeParameter(spec, value),
        Overwrite: true,
      }),
    );
  }
}

function resolve(...args: string[]) {
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", "src/main.ts", "resolve", "--outputs", outputsDir, ...args],
    { encoding: "utf8", env: { ...process.env, ...MOTO_ENV } },
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  moto = await startMoto();
  client = new SSMClient({
    endpoint: moto.endpoint,
    region: MOTO_ENV.AWS_REGION,
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  });
  await seed("staging");
  await seed("production");
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await moto?.stop();
});

beforeEach(() => {
  // GIVEN the committed outputs files, copied where resolve may write
  outputsDir = tempDir("outputs");
  for (const env of ["staging", "production"])
    copyFileSync(join("src/env/outputs", `${env}.json`), join(outputsDir, `${env}.json`));
});

describe("resolve against a real SSM API (moto)", () => {
  it("reproduces the committed outputs files from the seeded parameters, over several pages", async () => {
    const outputs = join(outputsDir, "production.json");
    copyFileSync("/dev/null", outputs);
    const { status, stdout } = resolve("--env", "production", "--env", "staging", "--endpoint", moto.endpoint);
    expect(status).toBe(0);
    // 19 parameters, 10 per GetParametersByPath page: only paging finds them all.
    expect(stdout).toContain(
      `resolve production: ${SSM_PARAMETERS.length} of ${SSM_PARAMETERS.length} parameters from /candlefish/production/`,
    );
    expect(stdout, stdout).toMatch(/resolve staging: .* unchanged/);
    expect(readFileSync(outputs, "utf8")).toBe(committed("production"));
  });

  it("prints the diff with --dry-run and writes nothing", async () => {
    await client.send(
      new PutParameterCommand({
        Name: "/candlefish/staging/storage/backup-bucket",
        Type: "String",
        Value: "candlefish-staging-db-backups-v2",
        Overwrite: true,
      }),
    );
    try {
      const { status, stdout } = resolve("--env", "staging", "--endpoint", moto.endpoint, "--dry-run");
      expect(status).toBe(0);
      expect(stdout).toContain("would change");
      expect(stdout).toContain('-  "backupBucket": "candlefish-staging-db-backups-example",');
      expect(stdout).toContain('+  "backupBucket": "candlefish-staging-db-backups-v2",');
      expect(readFileSync(join(outputsDir, "staging.json"), "utf8")).toBe(committed("staging"));
    } finally {
      await seed("staging");
    }
  });

  it("lists every missing parameter by its full name, exits 2 and leaves the file untouched", async () => {
    const missing = ["/candlefish/staging/network/vpc-id", "/candlefish/staging/secrets/redis"];
    await client.send(new DeleteParametersCommand({ Names: missing }));
    try {
      const { status, stderr } = resolve("--env", "staging", "--endpoint", moto.endpoint);
      expect(status).toBe(2);
      for (const name of missing) expect(stderr).toContain(`${name}: missing`);
      expect(stderr).toContain("nothing written");
      expect(readFileSync(join(outputsDir, "staging.json"), "utf8")).toBe(committed("staging"));
    } finally {
      await seed("staging");
    }
  });

  it("names the parameter and the expected type or format of a malformed value", async () => {
    await client.send(
      new PutParameterCommand({
        Name: "/candlefish/staging/network/public-subnet-cidrs",
        Type: "String",
        Value: "10.1.0.0/24",
        Overwrite: true,
      }),
    );
    await client.send(
      new PutParameterCommand({
        Name: "/candlefish/staging/network/vpc-id",
        Type: "String",
        Value: "not-a-vpc",
        Overwrite: true,
      }),
    );
    try {
      const first = resolve("--env", "staging", "--endpoint", moto.endpoint);
      expect(first.status).toBe(2);
      expect(first.stderr).toContain(
        "/candlefish/staging/network/public-subnet-cidrs: is a String, expected a StringList",
      );
      await client.send(
        new PutParameterCommand({
          Name: "/candlefish/staging/network/public-subnet-cidrs",
          Type: "StringList",
          Value: "10.1.0.0/24",
          Overwrite: true,
        }),
      );
      const second = resolve("--env", "staging", "--endpoint", moto.endpoint);
      expect(second.status).toBe(2);
      expect(second.stderr).toContain(
        '/candlefish/staging/network/vpc-id: must be a VPC id such as vpc-0123456789abcdef0 (got "not-a-vpc")',
      );
      expect(readFileSync(join(outputsDir, "staging.json"), "utf8")).toBe(committed("staging"));
    } finally {
      await seed("staging");
    }
  });

  it("refuses a SecureString output and never prints its decrypted value", async () => {
    const secret = "fake-secret-value-for-tests-only";
    await client.send(
      new PutParameterCommand({
        Name: "/candlefish/staging/secrets/database",
        Type: "SecureString",
        Value: secret,
        Overwrite: true,
      }),
    );
    try {
      const { status, stdout, stderr } = resolve("--env", "staging", "--endpoint", moto.endpoint);
      expect(status).toBe(2);
      expect(stderr).toContain(
        "/candlefish/staging/secrets/database: is a SecureString; outputs must not hold secrets",
      );
      expect(`${stdout}${stderr}`).not.toContain(secret);
    } finally {
      await seed("staging");
    }
  });

  it("ignores parameters outside the contract, decrypted or not, without printing them", async () => {
    const extra = "/candlefish/production/extra/api-key";
    const value = "another-fake-value-for-tests";
    await client.send(new PutParameterCommand({ Name: extra, Type: "SecureString", Value: value, Overwrite: true }));
    try {
      const { status, stdout } = resolve("--env", "production", "--endpoint", moto.endpoint);
      expect(status).toBe(0);
      expect(stdout).toContain("(1 not in the contract, ignored)");
      expect(stdout).not.toContain(value);
    } finally {
      await client.send(new DeleteParametersCommand({ Names: [extra] }));
    }
  });

  it("gives up on an unreachable endpoint after bounded retries, saying what it tried", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const started = performance.now();
    const { status, stderr } = resolve("--env", "production", "--endpoint", closed);
    expect(status).toBe(3);
    expect(stderr).toContain(
      `could not reach SSM at ${closed} (GetParametersByPath /candlefish/production/) after 3 attempts`,
    );
    expect(stderr).toContain("nothing written");
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(readFileSync(join(outputsDir, "production.json"), "utf8")).toBe(committed("production"));
  });

  it("explains a missing region instead of printing a stack trace", () => {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "src/main.ts", "resolve", "--outputs", outputsDir, "--env", "staging"],
      {
        encoding: "utf8",
        env: { ...process.env, ...MOTO_ENV, AWS_REGION: "", AWS_DEFAULT_REGION: "" },
      },
    );
    expect(run.status).toBe(3);
    expect(run.stderr).toContain("no AWS region");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
