import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { FactStore } from '../../src/gather/store.js';
import {
  buildSnapshot,
  factStoreFromSnapshot,
  readSnapshot,
  snapshotSchema,
  writeSnapshot,
  SnapshotFileError,
  SnapshotVersionError,
} from '../../src/history/snapshot.js';
import { SecretLeakError } from '../../src/history/secrets.js';
import { SNAPSHOT_VERSION } from '../../src/history/snapshot-model.js';
import { makeResult } from './results.js';
import { CATALOG, SENDER_PASSWORD, SESSION_ID, USER_PASSWORD, sampleSnapshot, sampleStore } from './snapshot-data.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'history-snapshot-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SECRETS = [
  { name: 'sender password', value: SENDER_PASSWORD },
  { name: 'user password', value: USER_PASSWORD },
  { name: 'session id', value: SESSION_ID },
];

/** Writes raw bytes and returns the error readSnapshot throws for them. */
function readError(name: string, bytes: Buffer | string): Error {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  try {
    readSnapshot(file);
  } catch (e) {
    return e as Error;
  }
  throw new Error(`${name} was accepted`);
}

function gz(data: unknown): Buffer {
  return gzipSync(Buffer.from(JSON.stringify(data)));
}

describe('snapshot files', () => {
  test('round trip: what is written is read back equal, facts and all', async () => {
    const snapshot = sampleSnapshot();
    const file = join(dir, 'round-trip.snapshot.json.gz');
    await writeSnapshot(file, snapshot, { secrets: SECRETS });
    const back = readSnapshot(file);
    expect(back).toEqual(snapshot);
    expect(back.facts['prefs:AR']).toMatchObject({ ok: true, value: { CUSTOMERSEQUENCE: '' }, data: { records: [expect.any(Object)] } });
    expect(back.facts['sample:AUDITHISTORY|deleted']).toMatchObject({ ok: false, error: { kind: 'permission', errorno: 'BL34000061' } });
  });

  test('the file on disk is gzip-compressed JSON with the format marker and version', async () => {
    const file = join(dir, 'on-disk.snapshot.gz');
    await writeSnapshot(file, sampleSnapshot());
    const bytes = readFileSync(file);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    const json = JSON.parse(gunzipSync(bytes).toString('utf8')) as Record<string, unknown>;
    expect(json).toMatchObject({ format: 'intacct-preflight-snapshot', snapshotVersion: 1, tool: { name: 'intacct-preflight', version: '0.1.0' } });
    expect(json.$schema).toMatch(/schemas\/snapshot\.schema\.json$/);
    // no temporary file is left next to it
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('it holds what the issue lists: versions, company, sync window, catalog, requests as sent', () => {
    const s = sampleSnapshot();
    expect(s.checks).toEqual([
      { id: 'ar.customer-id-sequence', version: 2, origin: 'builtin' },
      { id: 'currency.foreign-currency-contacts', version: 1, origin: 'builtin' },
    ]);
    expect(s.company).toEqual({ id: 'harbour-property', entityId: 'NZ01', endpointHost: 'api.intacct.com' });
    expect(s.syncFrom).toBe('2023-07-01');
    expect(s.catalog).toEqual(CATALOG);
    const sample = s.facts['sample:CUSTOMER|where=foreign|select=CURRENCY,CUSTOMERID,NAME|order=-|limit=25']!;
    expect(sample.request).toMatchObject({
      function: 'query',
      object: 'CUSTOMER',
      sent: { filter: { and: [{ op: 'notequalto', field: 'CURRENCY', value: 'NZD' }, { op: 'isnotnull', field: 'CURRENCY' }] } },
    });
  });

  test('a plain (decompressed) snapshot is read too', () => {
    const file = join(dir, 'plain.json');
    writeFileSync(file, JSON.stringify(sampleSnapshot()));
    expect(readSnapshot(file)).toEqual(sampleSnapshot());
  });

  test('the published schema is a valid JSON Schema that accepts a written snapshot', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const validate = ajv.compile(snapshotSchema());
    expect(validate(JSON.parse(JSON.stringify(sampleSnapshot())))).toBe(true);
  });

  test('factStoreFromSnapshot gives the engine the same fact results and metadata', () => {
    const store = factStoreFromSnapshot(sampleSnapshot());
    const original = sampleStore();
    expect(store).toBeInstanceOf(FactStore);
    expect([...store.results().keys()].sort()).toEqual([...original.results().keys()].sort());
    for (const [key, result] of original.results()) expect(store.get(key)).toEqual(result);
    expect(store.entry('prefs:AR')!.data).toEqual(original.entry('prefs:AR')!.data);
    expect(store.meta).toMatchObject({
      companyId: 'harbour-property',
      entityId: 'NZ01',
      syncFrom: '2023-07-01',
      gatheredAt: '2025-03-14T09:14:03.120Z',
      context: { entities: ['NZ01', 'AU01'], session: { userId: 'RELEASED_WS' } },
    });
  });

  test('buildSnapshot keeps known fields only: a credential riding along on an input object is dropped', () => {
    const company = { id: 'harbour-property', senderPassword: SENDER_PASSWORD } as unknown as { id: string };
    const session = { companyId: 'harbour-property', userId: 'u', sessionId: SESSION_ID } as unknown as { companyId: string; userId: string };
    const snapshot = buildSnapshot({
      toolVersion: '0.1.0',
      source: 'live',
      company,
      syncFrom: '2023-07-01',
      context: { session },
      checks: [],
      catalog: {},
      facts: new Map(),
    });
    const text = JSON.stringify(snapshot);
    expect(text).not.toContain(SENDER_PASSWORD);
    expect(text).not.toContain(SESSION_ID);
  });
});

describe('secret guard', () => {
  test('a snapshot containing a known password is refused and nothing is written', async () => {
    const snapshot = sampleSnapshot();
    const fact = snapshot.facts['sample:AUDITHISTORY|deleted']!;
    if (fact.ok) throw new Error('fixture changed');
    fact.error.description2 = `Login failed for password ${USER_PASSWORD}`;
    const file = join(dir, 'leak.snapshot.gz');
    let error: unknown;
    try {
      await writeSnapshot(file, snapshot, { secrets: SECRETS });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SecretLeakError);
    const message = (error as Error).message;
    expect(message).toMatch(/user password appears in the data at \$\.facts\["sample:AUDITHISTORY\|deleted"\]\.error\.description2/);
    expect(message).not.toContain(USER_PASSWORD);
    expect(() => readFileSync(file)).toThrow(/ENOENT/);
  });

  test('a session id inside a fact value is refused too', async () => {
    const snapshot = sampleSnapshot();
    const fact = snapshot.facts['prefs:AR']!;
    if (!fact.ok) throw new Error('fixture changed');
    fact.value = { CUSTOMERSEQUENCE: '', NOTE: `session ${SESSION_ID}` };
    await expect(writeSnapshot(join(dir, 'leak2.gz'), snapshot, { secrets: SECRETS })).rejects.toThrow(/session id appears/);
  });

  test('a property shaped like a credential is refused by the schema even when the value is unknown', async () => {
    const snapshot = { ...sampleSnapshot(), userPassword: 'something' };
    await expect(writeSnapshot(join(dir, 'leak3.gz'), snapshot)).rejects.toThrow(/property name "userPassword" is not allowed/);
  });
});

describe('reading bad files: one line each, saying what is wrong', () => {
  test.each<[string, () => Buffer | string, RegExp]>([
    ['not gzip, not JSON', () => Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01]), /not a snapshot: expected the gzip-compressed JSON file written by `audit --snapshot`/],
    ['gzip cut short', () => gz(sampleSnapshot()).subarray(0, 40), /damaged snapshot: the gzip data cannot be decompressed/],
    ['gzip of something that is not JSON', () => gzipSync(Buffer.from('hello')), /damaged snapshot: not valid JSON/],
    ['a JSON report instead of a snapshot', () => gz(makeResult([])), /this is a JSON report, not a snapshot — use it with `render`, `diff` or `--baseline`/],
    ['some other JSON', () => gz({ hello: 'world' }), /not an intacct-preflight snapshot \(no "format": "intacct-preflight-snapshot"\)/],
    ['a fact without its request', () => {
      const s = sampleSnapshot() as unknown as { facts: Record<string, Record<string, unknown>> };
      delete s.facts['prefs:AR']!.request;
      return gz(s);
    }, /not a valid snapshot: \/facts\/prefs:AR: missing required property "request"$/],
    ['a failed fact without its error', () => {
      const s = sampleSnapshot() as unknown as { facts: Record<string, Record<string, unknown>> };
      delete s.facts['sample:AUDITHISTORY|deleted']!.error;
      return gz(s);
    }, /not a valid snapshot: \/facts\/sample:AUDITHISTORY\|deleted: missing required property "error"$/],
    ['a wrong type', () => gz({ ...sampleSnapshot(), syncFrom: 20230701 }), /not a valid snapshot: \/syncFrom: must be string/],
    ['a missing catalog', () => {
      const { catalog: _c, ...rest } = sampleSnapshot();
      return gz(rest);
    }, /not a valid snapshot: \/: missing required property "catalog"/],
  ])('%s', (name, bytes, message) => {
    const error = readError(`${name.replace(/\W+/g, '-')}.gz`, bytes());
    expect(error).toBeInstanceOf(SnapshotFileError);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
    expect((error as SnapshotFileError).kind).toBe('usage');
  });

  test('a missing file', () => {
    expect(() => readSnapshot(join(dir, 'absent.gz'))).toThrow(/absent\.gz: no such file — give the file written by `audit --snapshot`/);
  });

  test('a snapshot from a newer, incompatible version says which version can read it', () => {
    const error = readError('future.gz', gz({ ...sampleSnapshot(), snapshotVersion: SNAPSHOT_VERSION + 1, tool: { name: 'intacct-preflight', version: '3.0.0' } }));
    expect(error).toBeInstanceOf(SnapshotVersionError);
    expect(error.message).toMatch(
      /snapshot version 2 \(written by intacct-preflight 3\.0\.0\) cannot be read by this intacct-preflight, which reads snapshot version 1 — upgrade: read it with intacct-preflight 3\.0\.0 or later/,
    );
    expect(error.message).not.toContain('\n');
    expect((error as SnapshotVersionError).snapshotVersion).toBe(2);
  });

  test('a snapshotVersion that is not a positive integer is refused', () => {
    const error = readError('old.gz', gz({ ...sampleSnapshot(), snapshotVersion: 0 }));
    expect(error.message).toMatch(/"snapshotVersion" must be a positive integer/);
  });
});
