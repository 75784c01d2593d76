import { setTimeout as sleep } from "node:timers/promises";
import type { Kubectl } from "../harness/kubectl";

/** Kinds are read through kubectl; only the fields the stand-ins need. */
interface Item {
  metadata: { name: string; namespace: string; uid: string };
  // biome-ignore lint/suspicious/noExplicitAny: spec and status shapes differ per kind; each stand-in reads its own fields.
  spec: any;
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  status?: any;
}

/** How often the stand-ins look: often enough that Argo CD's health checks never wait long on them. */
const RECONCILE_MS = 2000;

/** Placeholder secret values: obviously not real, and never a credential anywhere. */
const PLACEHOLDER = "rehearsal-placeholder-not-a-secret";

/**
 * The controllers whose add-ons the rehearsal leaves out, reduced to what they write back into
 * the cluster (the part Argo CD's health checks read): the AWS Load Balancer Controller's Ingress
 * status and the External Secrets operator's Secrets and Ready conditions. They act every two
 * seconds on what is missing, like a controller's reconcile loop, and never touch what Argo CD syncs.
 * Like the controllers they watch every namespace: an env deploys into more than its own (the
 * restore drill's namespace has its SecretStore and ExternalSecret).
 */
export class StandIns {
  private running = true;
  private readonly loop: Promise<void>;
  private lastError = "";

  constructor(private readonly kubectl: Kubectl) {
    this.loop = (async () => {
      while (this.running) {
        await this.reconcile().then(
          () => {
            this.lastError = "";
          },
          (error: Error) => {
            // Objects come and go while Argo CD syncs; the next round retries. Kept for failure reports.
            this.lastError = error.message;
          },
        );
        await sleep(RECONCILE_MS, undefined, { ref: false });
      }
    })();
  }

  /** The last reconcile error, if the last round failed. */
  get error(): string {
    return this.lastError;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async reconcile(): Promise<void> {
    await this.loadBalancer();
    await this.externalSecrets();
  }

  /** What the AWS Load Balancer Controller writes once the ALB exists: its DNS name in the status. */
  private async loadBalancer(): Promise<void> {
    for (const ingress of await this.list("ingresses.networking.k8s.io")) {
      if ((ingress.status?.loadBalancer?.ingress ?? []).length > 0) continue;
      const hostname = `${ingress.metadata.name}.${ingress.metadata.namespace}.elb.rehearsal.invalid`;
      await this.patchStatus("ingress", ingress, { loadBalancer: { ingress: [{ hostname }] } });
    }
  }

  /**
   * What the External Secrets operator writes: a validated store, and for each ExternalSecret its
   * target Secret (owned by it, keys as declared, placeholder values) and a Ready condition.
   */
  private async externalSecrets(): Promise<void> {
    for (const store of await this.list("secretstores.external-secrets.io")) {
      if (isReady(store)) continue;
      await this.patchStatus("secretstores.external-secrets.io", store, {
        capabilities: "ReadOnly",
        conditions: [ready("Valid", "store validated")],
      });
    }
    for (const external of await this.list("externalsecrets.external-secrets.io")) {
      if (isReady(external)) continue;
      const keys: string[] = (external.spec.data ?? []).map((entry: { secretKey: string }) => entry.secretKey);
      const secretName: string = external.spec.target?.name ?? external.metadata.name;
      await this.kubectl.apply([
        {
          apiVersion: "v1",
          kind: "Secret",
          metadata: {
            name: secretName,
            namespace: external.metadata.namespace,
            labels: { "reconcile.external-secrets.io/managed": "true" },
            ownerReferences: [
              {
                apiVersion: "external-secrets.io/v1",
                kind: "ExternalSecret",
                name: external.metadata.name,
                uid: external.metadata.uid,
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          },
          type: "Opaque",
          stringData: Object.fromEntries(keys.map((key) => [key, PLACEHOLDER])),
        },
      ]);
      await this.patchStatus("externalsecrets.external-secrets.io", external, {
        binding: { name: secretName },
        refreshTime: new Date().toISOString(),
        conditions: [ready("SecretSynced", "secret synced")],
      });
    }
  }

  private async list(resource: string): Promise<Item[]> {
    return (await this.kubectl.json<{ items: Item[] }>("get", resource, "--all-namespaces")).items;
  }

  private async patchStatus(resource: string, item: Item, status: object): Promise<void> {
    await this.kubectl.run([
      "patch",
      resource,
      item.metadata.name,
      "-n",
      item.metadata.namespace,
      "--subresource=status",
      "--type=merge",
      "-p",
      JSON.stringify({ status }),
    ]);
  }
}

const isReady = (item: Item) =>
  (item.status?.conditions ?? []).some(
    (condition: { type: string; status: string }) => condition.type === "Ready" && condition.status === "True",
  );

const ready = (reason: string, message: string) => ({
  type: "Ready",
  status: "True",
  reason,
  message,
  lastTransitionTime: new Date().toISOString(),
});
