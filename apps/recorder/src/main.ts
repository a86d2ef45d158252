// Runs the recorder on its own (one instance per pod; scale out with more instances in the same consumer group).
import { runStandalone } from '@klimavagt/platform';
import { RecorderModule } from './recorder.module';

runStandalone('recorder', (config) => RecorderModule.forRoot(config), (config) => config.RECORDER_PORT);
