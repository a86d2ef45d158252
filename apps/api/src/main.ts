// Runs the API on its own.
import { runStandalone } from '@klimavagt/platform';
import { ApiModule } from './api.module';

runStandalone('api', (config) => ApiModule.forRoot(config), (config) => config.API_PORT);
