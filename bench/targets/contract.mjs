// contract.mjs: helpers for target servers (no harness imports, safe to use from any target).
// The contract itself is documented in bench/README.md ("Target contract").
import fs from 'node:fs';

/**
 * Write the INFO file atomically (tmp + rename), so the harness never reads half a file.
 * info = { method, path, headers?, variants: [{ headers?, body? }], check?: { status?, bodyIncludes?, header? }, stats? }
 */
export function writeInfo(info, file = process.env.INFO) {
  if (!file) throw new Error('INFO env var not set (this script is started by bench/run.mjs)');
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(info));
  fs.renameSync(tmp, file);
}

/** PORT from the environment (the harness always sets it); listen on 127.0.0.1 only. */
export function benchPort() {
  const port = Number(process.env.PORT);
  if (!Number.isInteger(port) || port <= 0) throw new Error('PORT env var not set (this script is started by bench/run.mjs)');
  return port;
}

/** Exit quietly on SIGTERM/SIGINT (the harness stops targets by PID with SIGTERM). */
export function exitOnSignals(cleanup) {
  for (const s of ['SIGTERM', 'SIGINT']) process.once(s, () => { try { cleanup?.(); } finally { process.exit(0); } });
}
