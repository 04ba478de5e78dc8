import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TEST_SECRETS_KEYS } from './test-secrets.js';

/** The compiled app (`npm test` builds it first) running as a real process, as `npm start` runs it. */
export interface AppProcess {
  child: ChildProcess;
  port: number;
  output: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

const MAIN = path.resolve('dist/src/main.js');

export function runApp(env: Record<string, string>): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PCP_TEST_') && k !== 'DATABASE_URL'));
  const child = spawn(process.execPath, [MAIN], { env: { ...clean, LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1', SECRETS_KEYS: TEST_SECRETS_KEYS, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => { output += c; });
  child.stderr!.on('data', (c: Buffer) => { output += c; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** Starts the app and waits for its "ready" log line. */
export async function startAppProcess(env: Record<string, string>, timeoutMs = 90_000): Promise<AppProcess> {
  const { child, exited, output } = runApp(env);
  const deadline = Date.now() + timeoutMs;
  let port: number | undefined;
  while (!port) {
    const ready = output().split('\n').find((l) => l.includes('Partner Cooperation Portal ready'));
    if (ready) port = (JSON.parse(ready) as { port: number }).port;
    else if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}:\n${output()}`);
    else if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the app was not ready within ${timeoutMs} ms:\n${output()}`);
    } else await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    port,
    output,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
