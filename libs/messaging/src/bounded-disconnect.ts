// Owns the bound on leaving Kafka: kafkajs's disconnect waits on a dead or frozen broker for a whole request timeout (or longer).
/** How long a consumer or producer may take to leave Kafka before the app moves on without it. */
export const DISCONNECT_BOUND_MS = 4_000;

/**
 * Runs a kafkajs disconnect but waits at most `boundMs` for it. Resolves true when it finished in time,
 * false when it was abandoned (it keeps running in the background; the process is on its way out) —
 * never throws, so the app's remaining shutdown steps (other consumers, the pool) still run.
 */
export async function disconnectWithin(
  disconnect: () => Promise<void>,
  boundMs = DISCONNECT_BOUND_MS,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const abandoned = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), boundMs);
    timer.unref();
  });
  try {
    return await Promise.race([
      disconnect().then(
        () => true,
        () => true,
      ),
      abandoned,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
