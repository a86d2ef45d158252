// The kafkajs client: explicit connect/request timeouts, bounded retries, logs through the service's logger.
import { Kafka, logLevel, LogEntry } from 'kafkajs';

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  log?: (level: 'error' | 'warn' | 'info' | 'debug', message: string, extra: Record<string, unknown>) => void;
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

export function createKafka(options: KafkaClientOptions): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    connectionTimeout: options.connectTimeoutMs,
    requestTimeout: options.requestTimeoutMs,
    retry: { initialRetryTime: 300, maxRetryTime: 10_000, retries: 8 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log, namespace }: LogEntry) => {
        const { message, timestamp: _timestamp, logger: _logger, ...extra } = log as LogEntry['log'] & { logger?: string };
        // Bounded producer retries are deliberate (publishes have a deadline; writes are idempotent downstream).
        const expected = /Limiting retries for the idempotent producer/.test(message);
        options.log?.(expected ? 'debug' : (LEVELS[level] ?? 'info'), `kafkajs ${namespace}: ${message}`, extra);
      },
  });
}
