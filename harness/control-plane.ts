import { rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { join } from "node:path";
import { stringify } from "yaml";
import { openssl, selfSigned } from "./certificates";
import { tempDir } from "./files";
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
  /** The admin token in the kubeconfig, for components registered by token (an Argo CD cluster Secret). */
  readonly token: string;
  call(method: string, path: string, body?: string, contentType?: string): Promise<KubeResponse>;
  stop(): Promise<void>;
}

export async function startControlPlane(): Promise<ControlPlane> {
  const dir = tempDir("control-plane");
  // Throwaway keys for service account tokens; the cluster lives for one test file.
  openssl("genrsa", "-out", join(dir, "sa.key"), "2048");
  openssl("rsa", "-in", join(dir, "sa.key"), "-pubout", "-out", join(dir, "sa.pub"));
  writeFileSync(join(dir, "tokens.csv"), `${TOKEN},admin,admin,system:masters\n`);
  const aggregation = aggregationCertificates(dir);

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
      // The aggregation layer, so an extension API server (the rehearsal's metrics-server) can be
      // registered with an APIService and trust the users the API server forwards to it.
      `--requestheader-client-ca-file=${aggregation.frontProxyCa}`,
      `--requestheader-allowed-names=${FRONT_PROXY_CLIENT}`,
      "--requestheader-username-headers=X-Remote-User",
      "--requestheader-group-headers=X-Remote-Group",
      "--requestheader-extra-headers-prefix=X-Remote-Extra-",
      `--proxy-client-cert-file=${aggregation.proxyClientCert}`,
      `--proxy-client-key-file=${aggregation.proxyClientKey}`,
      // Published for extension API servers, which read it at start; no client here uses certificates.
      `--client-ca-file=${aggregation.clientCa}`,
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
    return { url, kubeconfig, serviceAccountKey: join(dir, "sa.key"), token: TOKEN, call, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

const FRONT_PROXY_CLIENT = "front-proxy-client";

interface AggregationCertificates {
  readonly frontProxyCa: string;
  readonly proxyClientCert: string;
  readonly proxyClientKey: string;
  readonly clientCa: string;
}

/**
 * Throwaway CAs for the aggregation layer: the front-proxy CA and the client certificate the API
 * server proxies to extension API servers with, and a client CA (unused by any client here) that
 * extension API servers expect to find published.
 */
function aggregationCertificates(dir: string): AggregationCertificates {
  const frontProxyCa = selfSigned(dir, "front-proxy-ca");
  const clientCa = selfSigned(dir, "client-ca");
  const [key, request, cert] = ["key", "csr", "crt"].map((ext) => join(dir, `${FRONT_PROXY_CLIENT}.${ext}`));
  openssl(
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-subj",
    `/CN=${FRONT_PROXY_CLIENT}`,
    "-keyout",
    `${key}`,
    "-out",
    `${request}`,
  );
  openssl(
    "x509",
    "-req",
    "-days",
    "2",
    "-in",
    `${request}`,
    "-CA",
    frontProxyCa.cert,
    "-CAkey",
    frontProxyCa.key,
    "-CAcreateserial",
    "-out",
    `${cert}`,
  );
  return {
    frontProxyCa: frontProxyCa.cert,
    proxyClientCert: `${cert}`,
    proxyClientKey: `${key}`,
    clientCa: clientCa.cert,
  };
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
