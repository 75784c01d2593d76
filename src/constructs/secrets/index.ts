// Secrets from AWS Secrets Manager: the SecretStore, ExternalSecrets, their names, the IRSA ServiceAccounts. May import: meta/.
export * from "./external-secret";
export * from "./secret-names";
export * from "./secret-store";
export * from "./workload-service-account";
