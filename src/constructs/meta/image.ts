import type { ImageConfig } from "../../env";

/** `repo:tag@digest`: the digest pins what runs, the tag tells people what it is. */
export function imageReference(image: ImageConfig): string {
  const tag = image.tag === undefined ? "" : `:${image.tag}`;
  const digest = image.digest === undefined ? "" : `@${image.digest}`;
  return `${image.repository}${tag}${digest}`;
}
