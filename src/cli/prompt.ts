/**
 * Asks for a password on the terminal without echoing it. Only used when stdin is a TTY: in CI
 * a missing password is a usage error instead of a hang waiting for input.
 */
import type { CliIo } from './io.js';
import { InterruptedError } from './errors.js';

export function canPrompt(io: CliIo): boolean {
  return io.stdin.isTTY === true && typeof io.stdin.setRawMode === 'function';
}

export function promptHidden(io: CliIo, question: string): Promise<string> {
  const { stdin, stderr } = io;
  return new Promise<string>((resolve, reject) => {
    let value = '';
    stderr.write(question);
    stdin.setRawMode?.(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    const finish = (err?: Error) => {
      stdin.removeListener('data', onData);
      io.signal?.removeEventListener('abort', onAbort);
      stdin.setRawMode?.(false);
      stdin.pause();
      stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onAbort = () => finish(new InterruptedError());
    const onData = (chunk: string | Buffer) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003') return finish(new InterruptedError()); // Ctrl+C in raw mode
        if (ch === '\u0004' && value === '') return finish(); // Ctrl+D on an empty line
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
    io.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
