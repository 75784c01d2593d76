// How traffic reaches and leaves the pods: the blue/green Services, the ALB Ingress, NetworkPolicies. May import: meta/, pod/.
export * from "./alb-ingress";
export * from "./network-policy";
export * from "./rollout-services";
