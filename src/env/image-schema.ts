import { z } from "zod";

/**
 * A container image. `latest` is refused: a moving tag makes the rendered
 * output lie about what runs, and Argo Rollouts would never see a change.
 */
export const imageSchema = z
  .strictObject({
    repository: z
      .string()
      .regex(
        /^[a-z0-9]+([._-][a-z0-9]+)*(\.[a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/,
        "must be an image repository without tag or digest",
      ),
    tag: z
      .string()
      .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, "must be a valid image tag")
      .refine((tag) => tag !== "latest", "must pin a version: 'latest' is refused")
      .optional(),
    digest: z
      .string()
      .regex(/^sha256:[a-f0-9]{64}$/, "must be sha256:<64 lower-case hex digits>")
      .optional(),
  })
  .refine((image) => image.tag !== undefined || image.digest !== undefined, {
    message: "needs a tag or a digest",
  });

export type ImageConfig = z.output<typeof imageSchema>;
