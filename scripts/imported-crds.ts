/** The CRD files whose kinds the charts build, each at the one version they build (folders of ../shared/crds). */
export const IMPORTED_CRDS = [
  { folder: "argo-rollouts", file: "analysis-template-crd.yaml", version: "v1alpha1" },
  { folder: "argo-rollouts", file: "rollout-crd.yaml", version: "v1alpha1" },
  { folder: "external-secrets", file: "externalsecrets.yaml", version: "v1" },
  { folder: "external-secrets", file: "secretstores.yaml", version: "v1" },
  { folder: "prometheus-operator", file: "servicemonitors.yaml", version: "v1" },
  { folder: "prometheus-operator", file: "prometheusrules.yaml", version: "v1" },
  { folder: "argo-cd", file: "application-crd.yaml", version: "v1alpha1" },
  { folder: "argo-cd", file: "appproject-crd.yaml", version: "v1alpha1" },
] as const;
