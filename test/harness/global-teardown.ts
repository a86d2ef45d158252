// Stops what global-setup started, so a test run leaves no process behind.
import { harnessState } from './harness-state';

export default async function globalTeardown(): Promise<void> {
  await harnessState.kafka?.stop();
  harnessState.postgres?.stop();
}
