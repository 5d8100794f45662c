/**
 * Scripted and random faults. A queued fault is applied to the next request(s); a function-error
 * fault instead waits for the next request that contains a function on its object (any object
 * when none is named) so it is not used up by a getAPISession. Random faults draw from a seeded
 * generator, so a soak run with the same seed sees the same faults in the same places.
 */
import { sequence } from './prng.js';

export type Fault =
  | { kind: 'http-status'; status: number; body?: 'html' | 'gw-0010' | 'empty'; retryAfterSeconds?: number }
  | { kind: 'reset' }
  /** 'chunked' (default): a well-formed HTTP response whose XML stops half-way; 'close': Content-Length promises more than is sent before the socket closes. */
  | { kind: 'truncate'; mode?: 'chunked' | 'close' }
  | { kind: 'slow-body'; delayMs: number }
  | { kind: 'malformed' }
  | { kind: 'expire-session' }
  | { kind: 'auth-failure' }
  | { kind: 'function-error'; permission: boolean; object?: string };

export type FunctionFault = Extract<Fault, { kind: 'function-error' }>;
export type RequestFault = Exclude<Fault, FunctionFault>;

export interface RandomFaults {
  rate: number;
  kinds: Fault['kind'][];
  seed: number;
}

interface Pending<F> {
  fault: F;
  times: number;
}

export class FaultPlan {
  private readonly requestFaults: Pending<RequestFault>[] = [];
  private readonly functionFaults: Pending<FunctionFault>[] = [];
  private random: { rate: number; kinds: Fault['kind'][]; next: () => number } | null = null;

  queue(fault: Fault, times = 1): void {
    if (!Number.isInteger(times) || times < 1) throw new Error(`queueFault: times must be a whole number ≥ 1, got ${times}`);
    if (fault.kind === 'function-error') this.functionFaults.push({ fault, times });
    else this.requestFaults.push({ fault, times });
  }

  setRandom(opts: RandomFaults | null): void {
    if (!opts) {
      this.random = null;
      return;
    }
    if (!(opts.rate >= 0 && opts.rate <= 1)) throw new Error(`setRandomFaults: rate must be between 0 and 1, got ${opts.rate}`);
    if (opts.kinds.length === 0) throw new Error('setRandomFaults: kinds must not be empty');
    this.random = { rate: opts.rate, kinds: [...opts.kinds], next: sequence(opts.seed) };
  }

  /** Faults for one request: at most one request fault, and function faults to check functions against. */
  take(): { request?: RequestFault; functions: FunctionFault[] } {
    let request: RequestFault | undefined;
    const functions: FunctionFault[] = [];
    const head = this.requestFaults[0];
    if (head) {
      request = head.fault;
      if (--head.times === 0) this.requestFaults.shift();
    } else if (this.random && this.random.next() < this.random.rate) {
      const r = this.random;
      const kind = r.kinds[Math.floor(r.next() * r.kinds.length)]!;
      const f = randomFault(kind, r.next);
      if (f.kind === 'function-error') functions.push(f);
      else request = f;
    }
    return { request, functions };
  }

  /** The queued function fault matching a function on `object`, if any (not yet consumed). */
  functionFaultFor(object: string | undefined): FunctionFault | undefined {
    if (!object) return undefined;
    return this.functionFaults.find((p) => functionFaultApplies(p.fault, object))?.fault;
  }

  /** Called once per request with the function faults that request used. */
  consumeFunctionFaults(used: Set<FunctionFault>): void {
    for (let k = this.functionFaults.length - 1; k >= 0; k--) {
      const p = this.functionFaults[k]!;
      if (used.has(p.fault) && --p.times === 0) this.functionFaults.splice(k, 1);
    }
  }
}

/** True when a function-error fault targets functions on `object` (any object when it names none). */
export function functionFaultApplies(fault: FunctionFault, object: string): boolean {
  return fault.object === undefined || fault.object.toUpperCase() === object.toUpperCase();
}

function randomFault(kind: Fault['kind'], next: () => number): Fault {
  switch (kind) {
    case 'http-status': {
      const choices: Fault[] = [
        { kind: 'http-status', status: 429, body: 'gw-0010' },
        { kind: 'http-status', status: 429, body: 'gw-0010', retryAfterSeconds: 1 },
        { kind: 'http-status', status: 502, body: 'html' },
        { kind: 'http-status', status: 503, body: 'html' },
        { kind: 'http-status', status: 524, body: 'html' },
      ];
      return choices[Math.floor(next() * choices.length)]!;
    }
    case 'slow-body':
      return { kind: 'slow-body', delayMs: 200 };
    case 'function-error':
      return { kind: 'function-error', permission: false };
    case 'truncate':
      return { kind: 'truncate' };
    default:
      return { kind } as Fault;
  }
}

/** The HTML page a proxy or load balancer serves for an HTTP error status. */
export function htmlErrorPage(status: number): string {
  const titles: Record<number, string> = {
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
    524: 'A timeout occurred',
  };
  const title = `${status} ${titles[status] ?? 'Error'}`;
  return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><h1>${title}</h1><p>The server could not complete your request. Please try again later.</p><hr><address>sandbox-proxy</address></body></html>\n`;
}
