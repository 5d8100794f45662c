/**
 * The `--debug-log FILE` writer: every request and response, redacted before it reaches the disk.
 * Writes are synchronous appends so the log is complete even if the process dies mid-run; this is
 * a diagnostics mode, the cost is acceptable.
 */
import { appendFileSync, openSync, closeSync } from 'node:fs';
import { OutputFileError, outputTarget } from '../util/files.js';
import { ConfigurationError } from './errors.js';
import type { SecretScrubber } from './redact.js';

export interface DebugEntry {
  direction: 'request' | 'response' | 'error';
  url: string;
  attempt: number;
  status?: number;
  contentType?: string;
  body?: string;
  message?: string;
}

export class DebugLog {
  /** Set once a write failed: logging stops, the audit goes on. */
  private failed = false;

  private readonly path: string;

  constructor(
    path: string,
    private readonly scrubber: SecretScrubber,
    /** Told once, in one line, when the log can no longer be written (e.g. the disk is full). */
    private readonly onFailure: (message: string) => void = () => undefined,
  ) {
    try {
      // Only a regular file (or a link to one): a FIFO would block the run, a device swallow the log.
      this.path = outputTarget(path, `Debug log ${path}`);
      // Owner-only: even redacted, the log holds company data.
      closeSync(openSync(this.path, 'w', 0o600)); // one log per run
    } catch (e) {
      if (e instanceof OutputFileError) throw new ConfigurationError(e.message);
      throw new ConfigurationError(`Cannot write debug log ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  }

  write(entry: DebugEntry): void {
    if (this.failed) return;
    const head = [
      `--- ${new Date().toISOString()} ${entry.direction.toUpperCase()} attempt ${entry.attempt} ${entry.url}`,
      entry.status !== undefined ? ` HTTP ${entry.status}` : '',
      entry.contentType ? ` ${entry.contentType}` : '',
      entry.message ? ` ${entry.message}` : '',
    ].join('');
    const body = entry.body !== undefined ? `\n${entry.body}` : '';
    try {
      appendFileSync(this.path, `${this.scrubber.redactXml(head + body)}\n`);
    } catch (e) {
      // A diagnostics file must not stop the audit it describes.
      this.failed = true;
      this.onFailure(`Debug log ${this.path} could not be written (${(e as NodeJS.ErrnoException).code ?? String(e)}); it stops here.`);
    }
  }
}
