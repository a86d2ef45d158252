// Boots one app shell: Nest over pino, HTTP on its port (0: one the OS picks, reported), a bounded shutdown on
// SIGTERM/SIGINT; start-up errors end the process cleanly.
import { INestApplication, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { DynamicModule } from '@nestjs/common';
import { createLogger, PinoNestLogger } from '@klimavagt/observability';
import { ConfigError, KlimavagtConfig, loadConfig } from '@klimavagt/config';
import { APP_CLOSE_BOUND_MS, BoundedShutdown, closeApps } from './bounded-shutdown';
import { StartupError } from './infrastructure';
import { HttpErrorFilter } from './http-error.filter';

export interface ServiceOptions {
  app: string;
  /** 0: a port the OS picks; listeningPort() tells which. */
  port: number;
  config: KlimavagtConfig;
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
  // No Nest shutdown hooks: they await app.close() without a bound. The process's owner (runStandalone, the
  // launcher) closes the app through BoundedShutdown.
  // Every app documents its HTTP API: browsable at /docs, machine-readable at /docs/openapi.json.
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(`Klimavagt ${options.app}`).setDescription(`The ${options.app} app's HTTP API`).setVersion('1').build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', yamlDocumentUrl: 'docs/openapi.yaml' });
  await app.listen(options.port, options.config.HTTP_BIND_HOST);
  const url = await app.getUrl();
  logger.info({ url, port: listeningPort(app) }, `${options.app} listening`);
  return app;
}

/** The port an app's HTTP server is bound to (the OS's pick when started on port 0). */
export function listeningPort(app: INestApplication): number {
  return (app.getHttpServer() as { address(): { port: number } }).address().port;
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
  let running: INestApplication | undefined;
  const log = createLogger(app, process.env.LOG_LEVEL ?? 'info');
  const shutdown = new BoundedShutdown({
    log,
    stop: async () => {
      if (!running) return 0;
      const [outcome] = await closeApps([{ name: app, app: running }], log, APP_CLOSE_BOUND_MS);
      return outcome.result === 'closed' ? 0 : 1;
    },
  }).onSignals();
  const start = async () => {
    const config = loadConfig();
    running = await startService(moduleFor(config), { app, port: Number(process.env.PORT ?? portOf(config)), config, ...extra(config) });
    // One plain line whatever the log level: operators and tests learn the port (PORT=0 lets the OS pick).
    process.stdout.write(`klimavagt ${app} listening on port ${listeningPort(running)}\n`);
  };
  start().catch((error: Error) => {
    process.stderr.write(`klimavagt ${app}: cannot start: ${describeStartupError(error)}\n`);
    void shutdown.run('start-up failed', 1);
  });
}

export function describeStartupError(error: Error): string {
  return error instanceof ConfigError || error instanceof StartupError ? error.message : (error.stack ?? error.message);
}
