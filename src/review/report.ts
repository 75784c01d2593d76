import { type ResourceChange, subject } from "./compare";
import type { RiskFlag } from "./risk-rules";

const MAX_FIELDS = 12;
const MAX_VALUE = 70;

function show(value: unknown): string {
  if (value === undefined) return "∅";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const flat = text.replace(/\s+/g, " ");
  return `\`${flat.length > MAX_VALUE ? `${flat.slice(0, MAX_VALUE - 1)}…` : flat}\``;
}

function describe(change: ResourceChange): string {
  const object = subject(change);
  const title = `**${change.change}** ${object.kind}/${object.name}`;
  if (change.change !== "changed") return `- ${title}`;
  const fields = change.fields
    .slice(0, MAX_FIELDS)
    .map((f) => `  - \`${f.path}\`: ${show(f.before)} → ${show(f.after)}`);
  const more = change.fields.length > MAX_FIELDS ? [`  - … ${change.fields.length - MAX_FIELDS} more fields`] : [];
  return [`- ${title}`, ...fields, ...more].join("\n");
}

/** The Markdown a reviewer reads: risk flags first, then each scope's resources. */
export function markdownReport(base: string, changes: readonly ResourceChange[], flags: readonly RiskFlag[]): string {
  const lines = [`# Rendered changes against \`${base}\``, ""];
  if (flags.length === 0) lines.push("No risk flags.", "");
  else {
    lines.push("## Risk flags", "", "| severity | flag | what |", "| --- | --- | --- |");
    for (const flag of flags)
      lines.push(
        `| ${flag.severity === "high" ? "🔴 high" : "🟠 medium"} | ${flag.rule} | ${flag.message.replace(/\|/g, "\\|")} |`,
      );
    lines.push("");
  }
  if (changes.length === 0) lines.push("No rendered resource changes.");
  const scopes = [...new Set(changes.map((change) => subject(change).scope))];
  for (const scope of scopes) {
    const inScope = changes.filter((change) => subject(change).scope === scope);
    const count = (kind: ResourceChange["change"]) => inScope.filter((change) => change.change === kind).length;
    lines.push(
      `## ${scope}`,
      "",
      `${count("added")} added, ${count("removed")} removed, ${count("changed")} changed`,
      "",
    );
    lines.push(...inScope.map(describe), "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
