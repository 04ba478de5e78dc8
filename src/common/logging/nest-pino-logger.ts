import type { LoggerService } from '@nestjs/common';
import type { Logger as Pino } from 'pino';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's logger on the app's pino (the one Fastify logs requests with), so Nest's own lines and every
 * `new Logger(Context)` in the code are JSON lines under LOG_LEVEL. Nest calls `error(message, stack?,
 * context?)`, or `error(err, context?)` with the thrown value; both become pino's `err` field.
 * (In place of nestjs-pino, whose every release for NestJS 12 needs Node 22.)
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    // Nest appends the context (the logger's name) as the last string argument.
    const args = [...rest];
    const context = args.length > 0 && typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
      return;
    }
    // error(message, stack, context): the stack Nest passes as a string.
    const stack = level === 'error' && typeof args[0] === 'string' && args[0].includes('\n    at ') ? args.shift() : undefined;
    if (stack) fields.err = { message: String(message), stack };
    if (typeof message === 'object' && message !== null) {
      const { msg, message: text, ...rest2 } = message as Record<string, unknown>;
      this.pino[level]({ ...fields, ...rest2 }, String(msg ?? text ?? ''));
      return;
    }
    this.pino[level](fields, String(message));
  }
}
