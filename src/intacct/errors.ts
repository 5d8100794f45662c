/**
 * Typed errors of the Intacct client. Every error says where it came from (`kind`), whether
 * repeating the request could help (`retryable`), and carries a one-line message that never
 * contains a password or session id: messages are built from gateway text that has been passed
 * through the client's secret scrubber, never from request bodies.
 */

/** One `<error>` element of a gateway `<errormessage>`. */
export interface GatewayErrorDetail {
  errorno: string;
  description: string;
  description2: string;
  correction: string;
}

export type IntacctErrorKind =
  | 'control'
  | 'authentication'
  | 'function'
  | 'http'
  | 'network'
  | 'timeout'
  | 'malformed'
  | 'read-only'
  | 'config';

/** Collapse whitespace so a message always fits on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `errorno description description2 correction`, skipping empty parts and repeated text. */
export function describeGatewayErrors(errors: GatewayErrorDetail[]): string {
  const parts: string[] = [];
  for (const e of errors) {
    for (const piece of [e.errorno, e.description, e.description2, e.correction]) {
      const text = oneLine(piece ?? '');
      if (text && !parts.includes(text)) parts.push(text);
    }
  }
  return parts.join(' — ');
}

export abstract class IntacctError extends Error {
  abstract readonly kind: IntacctErrorKind;
  /** True when sending the same request again may succeed (transient). */
  retryable = false;
  /** HTTP attempts made before giving up, when retries were involved. */
  attempts?: number;

  constructor(message: string) {
    super(oneLine(message));
    this.name = new.target.name;
  }

  /** Record the attempts made and say so in the message. */
  noteAttempts(attempts: number): this {
    if (attempts > 1 && this.attempts === undefined) {
      this.attempts = attempts;
      this.message = `${this.message} (gave up after ${attempts} attempts)`;
    }
    return this;
  }
}

export type ControlFailureReason = 'sender-credentials' | 'sender-not-authorised' | 'other';

/** The gateway refused the request's control block: nothing was executed. */
export class ControlError extends IntacctError {
  readonly kind = 'control' as const;
  constructor(
    message: string,
    readonly reason: ControlFailureReason,
    readonly errors: GatewayErrorDetail[],
    retryable = false,
  ) {
    super(message);
    this.retryable = retryable;
  }
}

export type AuthenticationFailureReason =
  | 'user-credentials'
  | 'sender-not-authorised'
  | 'company'
  | 'entity'
  | 'other';

/** Sign-in (login or session) failed: no function ran. */
export class AuthenticationError extends IntacctError {
  readonly kind = 'authentication' as const;
  constructor(
    message: string,
    readonly reason: AuthenticationFailureReason,
    readonly errors: GatewayErrorDetail[],
  ) {
    super(message);
  }
}

/** One function failed; its neighbours in the same request are unaffected. */
export class FunctionError extends IntacctError {
  readonly kind = 'function' as const;
  readonly errorno: string;
  readonly description: string;
  readonly description2: string;
  readonly correction: string;
  constructor(
    message: string,
    readonly errors: GatewayErrorDetail[],
    /** True when the gateway says the user lacks permission for the object or function. */
    readonly permission: boolean,
    /** Name of the function that failed (e.g. `query`). */
    readonly functionName: string,
    /** The object the function read, when known. */
    readonly object?: string,
    retryable = false,
  ) {
    super(message);
    const first = errors[0] ?? { errorno: '', description: '', description2: '', correction: '' };
    this.errorno = first.errorno;
    this.description = first.description;
    this.description2 = first.description2;
    this.correction = first.correction;
    this.retryable = retryable;
  }
}

/** The gateway (or a proxy in front of it) answered with an HTTP error status. */
export class HttpError extends IntacctError {
  readonly kind = 'http' as const;
  constructor(
    message: string,
    readonly status: number,
    readonly contentType: string,
    retryable: boolean,
    /** Delay the server asked for (Retry-After), in milliseconds. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.retryable = retryable;
  }
}

/** The connection failed (reset, refused, DNS, TLS). */
export class NetworkError extends IntacctError {
  readonly kind = 'network' as const;
  constructor(
    message: string,
    readonly code: string,
    retryable: boolean,
  ) {
    super(message);
    this.retryable = retryable;
  }
}

/** A request took longer than its timeout, or the overall deadline ran out. */
export class TimeoutError extends IntacctError {
  readonly kind = 'timeout' as const;
  constructor(
    message: string,
    readonly scope: 'request' | 'deadline',
  ) {
    super(message);
    // A single slow request may be a blip; an exhausted overall budget is final.
    this.retryable = scope === 'request';
  }
}

export type MalformedReason =
  | 'not-xml'
  | 'invalid-xml'
  | 'doctype'
  | 'too-large'
  | 'too-deep'
  | 'shape'
  | 'missing-result';

/** The response could not be trusted as a gateway answer. */
export class MalformedResponseError extends IntacctError {
  readonly kind = 'malformed' as const;
  constructor(
    message: string,
    readonly reason: MalformedReason,
  ) {
    super(message);
    // Broken or cut-off bodies are usually transient (proxies, dropped connections) and every
    // request is a read, so repeating is safe. Hostile or oversized bodies will not improve.
    this.retryable = reason === 'invalid-xml' || reason === 'not-xml' || reason === 'shape';
  }
}

/** Something other than a read function was about to be sent. Nothing was sent. */
export class ReadOnlyViolationError extends IntacctError {
  readonly kind = 'read-only' as const;
  constructor(readonly functionName: string) {
    super(
      `Refused to send "${functionName.slice(0, 80)}": intacct-preflight only sends read functions (allowlist in src/intacct/allowlist.ts); nothing was sent`,
    );
  }
}

/** Bad options, endpoint, credentials file or function arguments: the user must fix something. */
export class ConfigurationError extends IntacctError {
  readonly kind = 'config' as const;
}

export function isIntacctError(e: unknown): e is IntacctError {
  return e instanceof IntacctError;
}
