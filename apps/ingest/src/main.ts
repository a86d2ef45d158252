// Runs ingest on its own.
import { runStandalone } from '@klimavagt/platform';
import { IngestModule } from './ingest.module';

runStandalone('ingest', (config) => IngestModule.forRoot(config), (config) => config.INGEST_PORT, (config) => ({
  jsonBodyLimit: config.INGEST_BODY_LIMIT,
}));
