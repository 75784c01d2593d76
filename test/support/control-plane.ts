import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { join } from "node:path";
import { stringify } from "yaml";
import { tempDir } from "./fixtures";
import { freePort, type Managed, startManaged, stopManaged, waitFor } from "./processes";
import { toolPath } from "./tools";

const TOKEN = "rehearsal-admin-token-for-loopback-tests";

export interface KubeResponse {
  readonly status: number;
  readonly body: string;
}

/** A real kube-apiserver and etcd on loopback, started by the test and stopped by PID. */
export interface ControlPlane {
  readonly url: string;
  /** A kubeconfig for other components and kubectl: admin token, loopback only. */
  readonly kubeconfig: string;
  /** The key that signs service account tokens, for kube-controller-manager. */
  readonly serviceAccountKey: string;
  call(method: string, path: string, body?: string, contentType?: string): Promise<KubeResponse>;
  stop(): Promise<void>;
}

export async function startControlPlane(): Promise<ControlPlane> {
  const dir = tempDir("control-plane");
  // Throwaway keys for service account tokens; the cluster lives for one test file.
  spawnSync("openssl", ["genrsa", "-out", join(dir, "sa.key"), "2048"]);
  spawnSync("openssl", ["rsa", "-in", join(dir, "sa.key"), "-pubout", "-out", join(dir, "sa.pub")]);
  writeFileSync(join(dir, "tokens.csv"), `${TOKEN},admin,admin,system:masters\n`);

  const [client, peer, secure] = [await freePort(), await freePort(), await freePort()];
  const etcd = startManaged(toolPath("bin", "etcd"), [
    `--data-dir=${join(dir, "etcd")}`,
    `--listen-client-urls=http://127.0.0.1:${client}`,
    `--advertise-client-urls=http://127.0.0.1:${client}`,
    `--listen-peer-urls=http://127.0.0.1:${peer}`,
    `--initial-advertise-peer-urls=http://127.0.0.1:${peer}`,
    `--initial-cluster=default=http://127.0.0.1:${peer}`,
  ]);
  let apiserver: Managed | undefined;
  const stop = async () => {
    await stopManaged(apiserver);
    await stopManaged(etcd);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor("etcd", async () => ((await fetch(`http://127.0.0.1:${client}/health`)).ok ? true : undefined));
    apiserver = startManaged(toolPath("bin", "kube-apiserver"), [
      `--etcd-servers=http://127.0.0.1:${client}`,
      "--bind-address=127.0.0.1",
      `--secure-port=${secure}`,
      `--cert-dir=${join(dir, "certs")}`,
      "--service-account-issuer=https://kubernetes.default.svc",
      `--service-account-key-file=${join(dir, "sa.pub")}`,
      `--service-account-signing-key-file=${join(dir, "sa.key")}`,
      `--token-auth-file=${join(dir, "tokens.csv")}`,
      "--authorization-mode=RBAC",
      "--service-cluster-ip-range=10.96.0.0/16",
    ]);
    const url = `https://127.0.0.1:${secure}`;
    const call = (method: string, path: string, body?: string, contentType = "application/json") =>
      new Promise<KubeResponse>((resolve, reject) => {
        const req = request(
          `${url}${path}`,
          {
            method,
            // The API server's certificate is self-signed for this run only, on loopback.
            rejectUnauthorized: false,
            headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": contentType, Accept: "application/json" },
          },
          (res) => {
            let data = "";
            res.on("data", (chunk) => {
              data += chunk;
            });
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body: data }));
          },
        );
        req.on("error", reject);
        if (body !== undefined) req.write(body);
        req.end();
      });
    await waitFor(
      "kube-apiserver /readyz",
      async () => ((await call("GET", "/readyz")).body === "ok" ? true : undefined),
      90_000,
    );
    const kubeconfig = join(dir, "kubeconfig");
    writeFileSync(kubeconfig, kubeconfigFor(url));
    return { url, kubeconfig, serviceAccountKey: join(dir, "sa.key"), call, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The server's certificate is self-signed for one run on loopback, hence no verification. */
function kubeconfigFor(server: string): string {
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "rehearsal", cluster: { server, "insecure-skip-tls-verify": true } }],
    users: [{ name: "admin", user: { token: TOKEN } }],
    contexts: [{ name: "rehearsal", context: { cluster: "rehearsal", user: "admin" } }],
    "current-context": "rehearsal",
  });
}
