import pino from 'pino';
import { NestPinoLogger } from './nest-pino-logger.js';

/** A real pino writing JSON lines into an array. */
function capture(level = 'trace'): { logger: NestPinoLogger; lines: Array<Record<string, any>> } {
  const lines: Array<Record<string, any>> = [];
  const root = pino({ level }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger: new NestPinoLogger(root), lines };
}

describe('NestPinoLogger', () => {
  it('writes a thrown error as pino err with its stack, and the context', () => {
    const { logger, lines } = capture();
    logger.error(new Error('boom'), 'ExceptionsHandler');
    expect(lines).toEqual([expect.objectContaining({ level: 50, msg: 'boom', context: 'ExceptionsHandler', err: expect.objectContaining({ message: 'boom', stack: expect.stringContaining('Error: boom') }) })]);
  });

  it("reads Nest's error(message, stack, context) form", () => {
    const { logger, lines } = capture();
    logger.error('could not start', 'Error: x\n    at main (main.js:1:1)', 'Bootstrap');
    expect(lines[0]).toMatchObject({ level: 50, msg: 'could not start', context: 'Bootstrap', err: { stack: 'Error: x\n    at main (main.js:1:1)' } });
  });

  it('maps the other levels and keeps an object message as fields', () => {
    const { logger, lines } = capture();
    logger.log('ready', 'NestApplication');
    logger.warn({ msg: 'slow', ms: 12 }, 'Pool');
    logger.debug('detail');
    logger.verbose('noise');
    expect(lines.map((l) => [l.level, l.msg, l.context])).toEqual([
      [30, 'ready', 'NestApplication'],
      [40, 'slow', 'Pool'],
      [20, 'detail', undefined],
      [10, 'noise', undefined],
    ]);
    expect(lines[1]!.ms).toBe(12);
  });

  it('writes nothing below LOG_LEVEL', () => {
    const { logger, lines } = capture('warn');
    logger.log('ready');
    logger.debug('detail');
    expect(lines).toEqual([]);
  });
});
