/** Millicores of a CPU quantity the schema accepted ("250m", "1", "0.5"). */
export function cpuMillicores(quantity: string): number {
  return quantity.endsWith("m") ? Number(quantity.slice(0, -1)) : Number(quantity) * 1000;
}

const binaryUnits: Record<string, number> = { Mi: 2 ** 20, Gi: 2 ** 30 };

/** Bytes of a binary memory quantity the schema accepted ("512Mi", "1Gi"). */
export function memoryBytes(quantity: string): number {
  const unit = quantity.slice(-2);
  return Number(quantity.slice(0, -2)) * (binaryUnits[unit] ?? Number.NaN);
}

/** The /tmp emptyDir every container gets: the volume and the rules that compare against it read this one number. */
export const TMP_VOLUME_MEBIBYTES = 256;
