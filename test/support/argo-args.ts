/**
 * Substitutes `{{ args.NAME }}` the way Argo Rollouts' template package does
 * (fasttemplate with `{{`/`}}`, tag trimmed); an unknown tag is an error.
 */
export function resolveArgs(text: string, args: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{(.*?)\}\}/gs, (_match, tag: string) => {
    const key = tag.trim();
    const value = key.startsWith("args.") ? args[key.slice("args.".length)] : undefined;
    if (value === undefined) throw new Error(`failed to resolve {{${tag}}}`);
    return value;
  });
}
