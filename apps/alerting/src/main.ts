// Runs the alerting app on its own.
import { runStandalone } from '@klimavagt/platform';
import { AlertingModule } from './alerting.module';

runStandalone('alerting', (config) => AlertingModule.forRoot(config), (config) => config.ALERTING_PORT);
