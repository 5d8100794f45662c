/**
 * One HTTP POST to the gateway, with the limits an untrusted peer requires: a timeout covering
 * headers and the whole body, a cap on the (decompressed) body size enforced while streaming, and
 * transport failures mapped to typed errors that say whether a retry may help.
 */
import { createGunzip, createInflate, createBrotliDecompress } from 'node:zlib';
import { pipeline, type Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { Agent, EnvHttpProxyAgent, request } from './undici.js';
import { IntacctError, MalformedResponseError, NetworkError, TimeoutError } from './errors.js';

export const DEFAULT_MAX_RESPONSE_BYTES = 20 * 1024 * 1024;

/**
 * The dispatcher for gateway traffic: through the corporate proxy named by HTTPS_PROXY /
 * HTTP_PROXY (NO_PROXY honoured, lower-case names too) when set, otherwise direct. TLS certificate
 * verification stays on in both cases.
 */
export function createDispatcher(env: NodeJS.ProcessEnv = process.env): Dispatcher {
  const pick = (name: string): string | undefined => {
    const v = env[name] ?? env[name.toLowerCase()];
    return v && v.trim() !== '' ? v.trim() : undefined;
  };
  const httpsProxy = pick('HTTPS_PROXY');
  const httpProxy = pick('HTTP_PROXY');
  const noProxy = pick('NO_PROXY');
  if (httpsProxy || httpProxy) {
    return new EnvHttpProxyAgent({ httpProxy: httpProxy ?? '', httpsProxy: httpsProxy ?? httpProxy ?? '', noProxy: noProxy ?? '' });
  }
  return new Agent({ keepAliveTimeout: 10_000 });
}

export interface HttpResponse {
  status: number;
  contentType: string;
  retryAfter?: string;
  body: string;
  /** Bytes on the wire (before decompression). */
  bytesReceived: number;
}

export interface PostOptions {
  dispatcher: Dispatcher;
  timeoutMs: number;
  maxResponseBytes: number;
  userAgent: string;
  /** Aborts the request when the overall deadline passes. */
  deadlineSignal?: AbortSignal;
}

const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
]);

const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|ERR_SSL/;

function errorCode(e: unknown): string {
  const err = e as { code?: unknown; cause?: { code?: unknown } };
  const code = typeof err?.code === 'string' ? err.code : typeof err?.cause?.code === 'string' ? err.cause.code : '';
  return code;
}

function mapTransportError(e: unknown, ctx: { host: string; timeoutMs: number; timedOut: boolean; deadline: boolean }): IntacctError {
  if (e instanceof IntacctError) return e;
  if (ctx.deadline) return new TimeoutError('Overall time budget for this operation ran out (deadlineMs)', 'deadline');
  const code = errorCode(e);
  if (ctx.timedOut || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new TimeoutError(`No complete response from ${ctx.host} within ${ctx.timeoutMs} ms (request timeout)`, 'request');
  }
  if (TLS_CODE.test(code)) {
    return new NetworkError(
      `TLS certificate verification failed for ${ctx.host} (${code}); if a corporate proxy inspects TLS, point NODE_EXTRA_CA_CERTS at its CA certificate`,
      code,
      false,
    );
  }
  if (code === 'ECONNREFUSED') return new NetworkError(`Connection to ${ctx.host} refused (ECONNREFUSED); check the endpoint`, code, false);
  if (code === 'ENOTFOUND') return new NetworkError(`Host ${ctx.host} not found (DNS); check the endpoint or proxy settings`, code, false);
  const msg = e instanceof Error ? e.message : String(e);
  const retryable = RETRYABLE_NETWORK_CODES.has(code) || /other side closed|socket hang up|terminated/i.test(msg);
  return new NetworkError(`Connection to ${ctx.host} failed: ${code || msg.slice(0, 120)}`, code || 'UNKNOWN', retryable);
}

function decoderFor(encoding: string): NodeJS.ReadWriteStream | undefined {
  switch (encoding.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string {
  const v = headers[name];
  return Array.isArray(v) ? v.join(', ') : (v ?? '');
}

/** POST `body` to `url`; resolves with the full (decoded) response text or throws a typed error. */
export async function postXml(url: string, body: string, opts: PostOptions): Promise<HttpResponse> {
  const host = new URL(url).host;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, opts.timeoutMs);
  const onDeadline = (): void => controller.abort();
  opts.deadlineSignal?.addEventListener('abort', onDeadline, { once: true });
  let tooLarge = false;
  try {
    const res = await request(url, {
      method: 'POST',
      dispatcher: opts.dispatcher,
      signal: controller.signal,
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
      headers: {
        'content-type': 'application/xml; charset=utf-8',
        accept: 'application/xml, text/xml;q=0.9, */*;q=0.1',
        'accept-encoding': 'gzip, deflate',
        'user-agent': opts.userAgent,
      },
      body,
    });
    const contentType = header(res.headers, 'content-type');
    const encoding = header(res.headers, 'content-encoding');
    let bytesReceived = 0;
    const wire = res.body as Readable;
    wire.on('data', (chunk: Buffer) => {
      bytesReceived += chunk.length;
    });
    const decoder = decoderFor(encoding);
    // pipeline (unlike pipe) forwards a socket error to the decoder, so iteration ends instead of hanging.
    const source = (decoder ? pipeline(wire, decoder, () => undefined) : wire) as AsyncIterable<Buffer>;
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > opts.maxResponseBytes) {
          tooLarge = true;
          break;
        }
        chunks.push(chunk);
      }
    } catch (e) {
      if (!tooLarge && /incorrect header check|invalid|unexpected end/i.test(String((e as Error)?.message)) && errorCode(e).startsWith('Z_')) {
        throw new MalformedResponseError(`Gateway response could not be decompressed (${encoding})`, 'invalid-xml');
      }
      throw e;
    }
    if (tooLarge) {
      controller.abort();
      wire.destroy();
      throw new MalformedResponseError(
        `Gateway response exceeded ${opts.maxResponseBytes} bytes (maxResponseBytes); download stopped — use smaller pages or raise the limit`,
        'too-large',
      );
    }
    const charset = /charset=([^;]+)/i.exec(contentType)?.[1]?.trim().toLowerCase();
    const text = Buffer.concat(chunks).toString(charset === 'iso-8859-1' || charset === 'latin1' ? 'latin1' : 'utf8');
    return { status: res.statusCode, contentType, retryAfter: header(res.headers, 'retry-after') || undefined, body: text, bytesReceived };
  } catch (e) {
    throw mapTransportError(e, { host, timeoutMs: opts.timeoutMs, timedOut, deadline: opts.deadlineSignal?.aborted === true && !timedOut });
  } finally {
    clearTimeout(timer);
    opts.deadlineSignal?.removeEventListener('abort', onDeadline);
  }
}

/** One-line description of a non-XML error body, for HttpError messages. */
export function describeHttpFailure(res: HttpResponse): string {
  const ct = res.contentType || 'no content type';
  const trimmed = res.body.trim();
  const kind = /html/i.test(res.contentType) || /^<(!doctype html|html)/i.test(trimmed)
    ? 'an HTML page (proxy or gateway error page)'
    : trimmed === ''
      ? 'an empty body'
      : `a ${ct} body`;
  return `HTTP ${res.status} from the gateway (${ct}): ${kind}`;
}

