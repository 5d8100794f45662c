/**
 * Reading a file the user hands the tool (config, credentials, report, baseline, snapshot) with
 * bounds, so no input can block, exhaust memory or overflow the stack: only regular files are
 * read (a FIFO is opened without blocking and refused), the size is checked before reading, gzip
 * is inflated with an output limit, and JSON nesting is limited before it is parsed. Every refusal
 * is an `InputFileError` whose `detail` says, in one line, what is wrong with the file; each
 * reader puts it in its own words and exit code.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { jsonErrorPosition } from './json-position.js';

const MiB = 2 ** 20;

/** Sizes no honest input comes near (a report is a few MB; a snapshot of a large company tens). */
export const INPUT_LIMITS = {
  /** A report, baseline or snapshot, and a snapshot once inflated. */
  data: 256 * MiB,
  /** A config file or the credentials file. */
  settings: 16 * MiB,
  /** JSON nesting: reports and snapshots need about ten levels. */
  depth: 64,
} as const;

export type InputProblem = 'missing' | 'folder' | 'not-a-file' | 'too-large' | 'unreadable' | 'damaged-gzip' | 'not-json' | 'too-deep';

export class InputFileError extends Error {
  readonly kind = 'usage' as const;
  override readonly name = 'InputFileError';
  constructor(
    readonly path: string,
    readonly reason: InputProblem,
    /** What is wrong, without the path: e.g. "is a FIFO (named pipe), not a regular file". */
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}

/** What a non-regular file is, in words. */
export function describeKind(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * MiB) return `${(bytes / (1024 * MiB)).toFixed(1).replace(/\.0$/, '')} GB`;
  return bytes >= MiB ? `${Math.round(bytes / MiB)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * The bytes of a regular file of at most `maxBytes`. A FIFO or device is opened non-blocking and
 * refused unread; a size over the limit is refused before reading.
 */
export function readInputFile(path: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw openError(path, err);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new InputFileError(path, 'folder', 'is a folder, not a file');
    if (!st.isFile()) throw new InputFileError(path, 'not-a-file', `is ${describeKind(st)}, not a regular file`);
    if (st.size > maxBytes) throw tooLarge(path, st.size, maxBytes);
    // Read at most one byte past the limit, so a file that grows while being read is caught too.
    const buffer = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > maxBytes) throw tooLarge(path, length, maxBytes);
      if (length === buffer.length) break;
    }
    return buffer.subarray(0, length);
  } catch (err) {
    if (err instanceof InputFileError) throw err;
    throw new InputFileError(path, 'unreadable', `cannot be read (${codeOf(err)})`);
  } finally {
    closeSync(fd);
  }
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Inflates gzip data, refusing (without allocating it) output beyond `maxBytes`. */
export function inflateInput(path: string, bytes: Buffer, maxBytes: number): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new InputFileError(path, 'too-large', `inflates to more than ${formatSize(maxBytes)}, the limit for an input file`);
    }
    throw new InputFileError(path, 'damaged-gzip', `the gzip data cannot be decompressed (${firstLine(err)})`);
  }
}

/** UTF-8 text of the bytes, without a byte-order mark. */
export function inputText(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Parses JSON whose nesting is at most `maxDepth`. Errors never quote the text (it may hold a
 * secret): they give the line and column, or the top-level key under which nesting went too deep.
 */
export function parseInputJson(path: string, text: string, maxDepth: number = INPUT_LIMITS.depth): unknown {
  const deep = nestingBeyond(text, maxDepth);
  if (deep) {
    const under = deep.topKey !== undefined ? ` (under "${deep.topKey.slice(0, 60)}")` : '';
    throw new InputFileError(path, 'too-deep', `nests values more than ${maxDepth} levels deep${under}, beyond what any input needs`);
  }
  try {
    return JSON.parse(text);
  } catch {
    const at = jsonErrorPosition(text);
    throw new InputFileError(path, 'not-json', `not valid JSON${at ? ` at line ${at.line}, column ${at.column}` : ''}`);
  }
}

/**
 * Whether `text` opens more than `maxDepth` arrays/objects at once, in one pass without recursion
 * (strings skipped). Reports the key of the top-level object it happened under, for the message.
 */
function nestingBeyond(text: string, maxDepth: number): { topKey?: string } | undefined {
  let depth = 0;
  let topKey: string | undefined;
  let lastString: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i + 1;
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c /* \ */) i++;
      lastString = text.slice(start, Math.min(i, start + 200));
    } else if (c === 0x3a /* : */) {
      if (depth === 1) topKey = lastString;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > maxDepth) return topKey !== undefined ? { topKey } : {};
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return undefined;
}

function openError(path: string, err: unknown): InputFileError {
  const code = codeOf(err);
  // ENOTDIR: a folder on the way is a file, so the file cannot exist either.
  if (code === 'ENOENT' || code === 'ENOTDIR') return new InputFileError(path, 'missing', 'no such file');
  if (code === 'EISDIR') return new InputFileError(path, 'folder', 'is a folder, not a file');
  if (code === 'ELOOP') return new InputFileError(path, 'unreadable', 'is a symbolic link that loops (or too many links deep)');
  if (code === 'ENXIO') return new InputFileError(path, 'not-a-file', 'is a socket or device, not a regular file');
  return new InputFileError(path, 'unreadable', `cannot be read (${code})`);
}

function tooLarge(path: string, size: number, maxBytes: number): InputFileError {
  return new InputFileError(path, 'too-large', `is ${formatSize(size)}, larger than ${formatSize(maxBytes)}, the limit for this file`);
}

function codeOf(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? firstLine(err);
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.trim();
}
