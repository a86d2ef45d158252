// Everything the bench starts registers its teardown here; teardowns run newest first on success, failure or a signal.
interface Teardown {
  name: string;
  run: () => Promise<void> | void;
}

const stack: Teardown[] = [];
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

async function runOne(teardown: Teardown): Promise<void> {
  try {
    await teardown.run();
  } catch (error) {
    log(`stopping ${teardown.name} failed: ${(error as Error).message}`);
  }
}

/** Registers a teardown; the returned function runs it early (once) and unregisters it. */
export function onTeardown(name: string, run: () => Promise<void> | void): () => Promise<void> {
  const entry: Teardown = { name, run };
  stack.push(entry);
  return async () => {
    const index = stack.indexOf(entry);
    if (index < 0) return;
    stack.splice(index, 1);
    await runOne(entry);
  };
}

export async function teardownAll(): Promise<void> {
  for (let entry = stack.pop(); entry; entry = stack.pop()) await runOne(entry);
}

let stopping = false;
/** True once a signal started the teardown (errors after that are its consequence, not news). */
export const stoppedBySignal = () => stopping;

/** Ctrl-C, kill and hang-up clean up before exiting; a second signal exits at once. */
export function installSignalHandlers(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(130);
      stopping = true;
      log(`${signal}: stopping everything the bench started`);
      void teardownAll().finally(() => process.exit(130));
    });
  }
}
