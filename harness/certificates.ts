import { spawnSync } from "node:child_process";
import { join } from "node:path";

/** `openssl <args>`; throws with what it printed when it fails. */
export function openssl(...args: string[]): void {
  const result = spawnSync("openssl", args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
}

export interface KeyPair {
  readonly cert: string;
  readonly key: string;
}

/**
 * A throwaway self-signed certificate and key, `<dir>/<name>.crt` and `.key`, valid two days:
 * a CA, or a serving certificate for loopback (`ip`). Runs live minutes; nothing outlives them.
 */
export function selfSigned(dir: string, name: string, { ip }: { ip?: string } = {}): KeyPair {
  const [cert, key] = [join(dir, `${name}.crt`), join(dir, `${name}.key`)];
  const altName = ip === undefined ? [] : ["-addext", `subjectAltName=IP:${ip}`];
  openssl(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "2",
    "-subj",
    `/CN=${name}`,
    ...altName,
    "-keyout",
    key,
    "-out",
    cert,
  );
  return { cert, key };
}
