// Runs the evaluator on its own.
import { runStandalone } from '@klimavagt/platform';
import { EvaluatorModule } from './evaluator.module';

runStandalone('evaluator', (config) => EvaluatorModule.forRoot(config), (config) => config.EVALUATOR_PORT);
