/**
 * The same charts as `npm run synth`, as a plain cdk8s app for `cdk8s synth`
 * (cdk8s-cli). Only the benchmark uses it, to compare the two ways of rendering.
 */
import { App, YamlOutputType } from "cdk8s";
import { Construct } from "constructs";
import { composeCharts } from "./charts";
import { loadEnvironments, parseEnvConfig } from "./env";

const app = new App({ yamlOutputType: YamlOutputType.FILE_PER_APP });
for (const [name, input] of Object.entries(loadEnvironments(process.cwd()))) {
  composeCharts(new Construct(app, name), parseEnvConfig(name, input));
}
app.synth();
