import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { Socket } from "node:net";
import { join } from "node:path";
import type { ControlPlane } from "../harness/control-plane";
import { tempDir } from "../harness/files";
import type { Kubectl } from "../harness/kubectl";
import { freePort, type Managed, startManaged, stopManaged, waitFor } from "../harness/processes";
import { toolPath } from "../harness/tools";

/** Where Argo CD lives on the hub, as docs/argocd.md installs it. */
export const ARGOCD_NAMESPACE = "argocd";

/**
 * How often the controller compares every Application with Git without being asked. Production
 * uses 3 minutes; the rehearsal says "refresh" after each commit (as a webhook would), so this only
 * bounds how long a missed event can hide.
 */
const APP_RESYNC_SECONDS = 30;

/** The real Argo CD v3.5.1 application controller and repo-server, and the Redis they share. */
export interface ArgoCd {
  logs(): Record<string, string>;
  stop(): Promise<void>;
}

export interface ArgoCdCluster {
  /** The name Applications address the cluster by (`destination.name`). */
  readonly name: string;
  readonly controlPlane: ControlPlane;
}

/**
 * Installs what an Argo CD install puts into its namespace (the base ConfigMaps and Secret from the
 * v3.5.1 module, the AppProject `default` the API server would create), registers the rehearsal's
 * control plane under `cluster.name` with a cluster Secret (`argocd cluster add` writes the same),
 * then runs Redis, the repo-server and the application controller as local processes on loopback,
 * the way Argo CD's own Procfile runs them outside a cluster (ARGOCD_FAKE_IN_CLUSTER).
 */
export async function startArgoCd(kubectl: Kubectl, cluster: ArgoCdCluster): Promise<ArgoCd> {
  await installArgoCdConfig(kubectl, cluster);
  const dir = tempDir("argocd");
  const processes: Record<string, Managed> = {};
  const stop = async () => {
    for (const managed of Object.values(processes).reverse()) await stopManaged(managed);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const redisPort = await freePort();
    processes.redis = startManaged(toolPath("bin", "redis-server"), [
      "--port",
      String(redisPort),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
    ]);
    await waitFor("Redis answers PING", () => redisPing(redisPort));
    const redis = `127.0.0.1:${redisPort}`;
    const env = argoCdEnvironment(dir, cluster.controlPlane.kubeconfig);
    const [repoPort, repoMetrics, controllerMetrics] = [await freePort(), await freePort(), await freePort()];
    processes["repo-server"] = startManaged(
      join(dir, "bin", "argocd-repo-server"),
      [
        "--address=127.0.0.1",
        `--port=${repoPort}`,
        "--metrics-address=127.0.0.1",
        `--metrics-port=${repoMetrics}`,
        `--redis=${redis}`,
        "--logformat=text",
      ],
      { env },
    );
    await waitFor("the repo-server's /healthz", async () =>
      (await fetch(`http://127.0.0.1:${repoMetrics}/healthz`)).ok ? true : undefined,
    );
    processes["application-controller"] = startManaged(
      join(dir, "bin", "argocd-application-controller"),
      [
        `--kubeconfig=${cluster.controlPlane.kubeconfig}`,
        `--namespace=${ARGOCD_NAMESPACE}`,
        `--repo-server=127.0.0.1:${repoPort}`,
        `--redis=${redis}`,
        `--metrics-port=${controllerMetrics}`,
        `--app-resync=${APP_RESYNC_SECONDS}`,
        "--logformat=text",
      ],
      // One shard, named the way the StatefulSet's first pod would be.
      { env: { ...env, HOSTNAME: "argocd-application-controller-0" } },
    );
    await waitFor("the application controller's /healthz", async () =>
      (await fetch(`http://127.0.0.1:${controllerMetrics}/healthz`)).ok ? true : undefined,
    );
    const logs = () =>
      Object.fromEntries(Object.entries(processes).map(([name, managed]) => [`argocd-${name}`, managed.output()]));
    return { logs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * What the processes need outside a pod, all inside the run's own folder: the multi-call binary
 * under the names it dispatches on, the repo-server's GPG wrappers (v3.5.1 runs
 * git-verify-wrapper.sh from PATH on every manifest generation, GPG or not), helm for the add-on
 * charts, and the TLS, SSH, GnuPG and ask-pass paths a pod would have mounted.
 */
function argoCdEnvironment(dir: string, kubeconfig: string): NodeJS.ProcessEnv {
  const bin = join(dir, "bin");
  mkdirSync(bin, { recursive: true });
  for (const name of ["argocd-repo-server", "argocd-application-controller", "argocd-git-ask-pass"]) {
    symlinkSync(toolPath("bin", "argocd"), join(bin, name));
  }
  symlinkSync(toolPath("bin", "helm"), join(bin, "helm"));
  const share = toolPath("share", "argocd");
  for (const wrapper of readdirSync(share).filter((name) => name.endsWith(".sh"))) {
    cpSync(join(share, wrapper), join(bin, wrapper));
  }
  const paths = Object.fromEntries(
    ["tls", "ssh", "gnupg", "tmp", "home"].map((name) => {
      mkdirSync(join(dir, name));
      return [name, join(dir, name)];
    }),
  );
  return {
    ...process.env,
    PATH: `${bin}:${process.env.PATH ?? ""}`,
    KUBECONFIG: kubeconfig,
    ARGOCD_FAKE_IN_CLUSTER: "true",
    ARGOCD_GPG_ENABLED: "false",
    ARGOCD_TLS_DATA_PATH: paths.tls,
    ARGOCD_SSH_DATA_PATH: paths.ssh,
    ARGOCD_GNUPGHOME: paths.gnupg,
    ARGOCD_ASK_PASS_SOCK: join(dir, "askpass.sock"),
    // Each run's clones, helm caches and git config stay in the run's folder.
    TMPDIR: paths.tmp,
    HOME: paths.home,
  };
}

async function installArgoCdConfig(kubectl: Kubectl, cluster: ArgoCdCluster): Promise<void> {
  await kubectl.apply([{ apiVersion: "v1", kind: "Namespace", metadata: { name: ARGOCD_NAMESPACE } }]);
  await kubectl.run(["apply", "-n", ARGOCD_NAMESPACE, "-f", toolPath("share", "argocd")]);
  await kubectl.apply([
    {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "AppProject",
      metadata: { name: "default", namespace: ARGOCD_NAMESPACE },
      spec: {
        sourceRepos: ["*"],
        destinations: [{ server: "*", namespace: "*" }],
        clusterResourceWhitelist: [{ group: "*", kind: "*" }],
      },
    },
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: {
        name: `cluster-${cluster.name}`,
        namespace: ARGOCD_NAMESPACE,
        labels: { "argocd.argoproj.io/secret-type": "cluster" },
      },
      stringData: {
        name: cluster.name,
        server: cluster.controlPlane.url,
        // The rehearsal's API server has a certificate for this run only, on loopback.
        config: JSON.stringify({
          bearerToken: cluster.controlPlane.token,
          tlsClientConfig: { insecure: true },
        }),
      },
    },
  ]);
}

function redisPing(port: number): Promise<true | undefined> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(1000);
    socket.once("error", () => resolve(undefined));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.connect(port, "127.0.0.1", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG") ? true : undefined);
    });
  });
}
