// Boots one app shell: Nest over pino, graceful shutdown, HTTP on its port; start-up errors end the process cleanly.
import { INestApplication, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { DynamicModule } from '@nestjs/common';
import { createLogger, PinoNestLogger } from '@klimavagt/observability';
import { ConfigError, KlimavagtConfig, loadConfig } from '@klimavagt/config';
import { StartupError } from './infrastructure';
import { HttpErrorFilter } from './http-error.filter';

export interface ServiceOptions {
  app: string;
  port: number;
  config: KlimavagtConfig;
  /** The single-process launcher handles signals itself. */
  handleSignals?: boolean;
  /** JSON body limit (default 1mb); larger bodies get 413. */
  jsonBodyLimit?: string;
}

export async function startService(module: Type | DynamicModule, options: ServiceOptions): Promise<INestApplication> {
  const logger = createLogger(options.app, options.config.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(module, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
    bodyParser: false,
  });
  app.useGlobalFilters(new HttpErrorFilter(logger));
  app.useBodyParser('json', { limit: options.jsonBodyLimit ?? '1mb' });
  if (options.handleSignals !== false) app.enableShutdownHooks(['SIGINT', 'SIGTERM']);
  // Every app documents its HTTP API: browsable at /docs, machine-readable at /docs/openapi.json.
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(`Klimavagt ${options.app}`).setDescription(`The ${options.app} app's HTTP API`).setVersion('1').build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', yamlDocumentUrl: 'docs/openapi.yaml' });
  await app.listen(options.port, options.config.HTTP_BIND_HOST);
  const url = await app.getUrl();
  logger.info({ url }, `${options.app} listening`);
  return app;
}

/**
 * The `main.ts` of every app: validate config, boot, and on a start-up failure print one clear line and
 * exit non-zero (no stack-trace loop, no half-started process).
 */
export function runStandalone(
  app: string,
  moduleFor: (config: KlimavagtConfig) => DynamicModule,
  portOf: (config: KlimavagtConfig) => number,
  extra: (config: KlimavagtConfig) => Pick<ServiceOptions, 'jsonBodyLimit'> = () => ({}),
): void {
  const start = async () => {
    const config = loadConfig();
    await startService(moduleFor(config), { app, port: Number(process.env.PORT ?? portOf(config)), config, ...extra(config) });
  };
  start().catch((error: Error) => {
    process.stderr.write(`klimavagt ${app}: cannot start: ${describeStartupError(error)}\n`);
    process.exit(1);
  });
}

export function describeStartupError(error: Error): string {
  return error instanceof ConfigError || error instanceof StartupError ? error.message : (error.stack ?? error.message);
}
