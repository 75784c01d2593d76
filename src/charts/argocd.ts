import { Chart } from "cdk8s";
import type { Construct } from "constructs";
import { ADD_ONS } from "../addons/catalog";
import {
  AddOnApplication,
  type EmittedKinds,
  EnvApplication,
  PlatformProject,
  ProductProject,
  RootApplication,
} from "../constructs/argocd";
import type { DeliveryConfig, EnvConfig } from "../env";

export interface ArgoCdProps {
  readonly delivery: DeliveryConfig;
  readonly envs: readonly EnvConfig[];
  readonly kinds: EmittedKinds;
  /** Where each env's manifests are committed, relative to the repository root. */
  readonly distPath: (env: EnvConfig) => string;
  /** Where the Applications below are committed, relative to the repository root. */
  readonly appsPath: string;
}

/** Application name of an env: the website as Argo CD shows it. */
export const envApplicationName = (env: EnvConfig) => `website-${env.name}`;

/** Everything Argo CD needs, except the root: projects, one Application per env, the add-ons per cluster. */
export class ArgoCdAppsChart extends Chart {
  constructor(scope: Construct, props: ArgoCdProps) {
    super(scope, "argocd-apps", { disableResourceNameHashes: true });
    const { delivery, envs } = props;
    new ProductProject(this, "product", { delivery, envs, kinds: props.kinds, applicationOf: envApplicationName });
    new PlatformProject(this, "platform", { delivery, envs, addOns: ADD_ONS });
    for (const env of envs) {
      new EnvApplication(this, `env-${env.name}`, {
        delivery,
        env,
        name: envApplicationName(env),
        path: props.distPath(env),
      });
      for (const addOn of ADD_ONS) new AddOnApplication(this, `${addOn.name}-${env.name}`, { delivery, env, addOn });
    }
  }
}

/** The one object a new Argo CD is given by hand. */
export class ArgoCdRootChart extends Chart {
  constructor(scope: Construct, props: Pick<ArgoCdProps, "delivery" | "appsPath">) {
    super(scope, "argocd-root", { disableResourceNameHashes: true });
    new RootApplication(this, "root", props);
  }
}
