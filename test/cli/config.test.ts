/**
 * The config file: validated against the shipped schema, every problem reported as one line
 * with the key's path and what was expected, and never a place for passwords.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { loadConfig } from '../../src/cli/config.js';
import { UsageError } from '../../src/cli/errors.js';
import { tempDir } from './helpers.js';

const dir = tempDir('preflight-config-');

function configError(content: unknown): string {
  const file = join(dir, `c${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  try {
    loadConfig(file, dir);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected the config to be rejected');
}

describe('config file validation', () => {
  test.each([
    [{ failOn: 'sometimes' }, /failOn: must be one of blocker, warning, info, never \(got "sometimes"\)/],
    [{ concurrency: '2' }, /concurrency: must be an integer \(got "2"\)/],
    [{ concurrency: 0 }, /concurrency: must be >= 1/],
    [{ format: 'pdf' }, /format: must be one of html, json, md, junit \(got "pdf"\)/],
    [{ format: ['html', 'xml'] }, /format\[1\]: must be one of html, json, md, junit \(got "xml"\)/],
    [{ syncFrom: '2024-02-30' }, /syncFrom: must be a real date written YYYY-MM-DD/],
    [{ syncFrom: '2017-12-31' }, /syncFrom must not be before 2018-01-01/],
    [{ severity: { 'ar.customer-id-sequence': 'critical' } }, /severity\.ar\.customer-id-sequence: must be one of blocker, warning, info/],
    [{ severity: { 'Not An Id': 'info' } }, /severity: "Not An Id" is not a check id/],
    [{ waivers: [{ check: 'ar.customer-id-sequence', expires: '2030-01-01' }] }, /waivers\[0\]: missing required key "reason"/],
    [{ waivers: [{ check: 'ar.customer-id-sequence', reason: 'known' }] }, /waivers\[0\]: missing required key "expires"/],
    [{ waivers: [{ check: 'ar.customer-id-sequence', reason: 'x', expires: 'next year' }] }, /waivers\[0\]\.expires: must be a real date written YYYY-MM-DD \(got "next year"\)/],
    [{ attestations: [{ check: 'so.subtotal-dimensions-from-lines', date: '2025-01-01' }] }, /attestations\[0\]: missing required key "by"/],
    [{ catalog: { customerIdSequence: { candidates: [] } } }, /catalog\.customerIdSequence\.candidates: must list at least 1 item/],
    [{ catalog: { customerIdSequence: { kind: 'bool' } } }, /catalog\.customerIdSequence\.kind: must be one of flag, non-empty/],
    [{ failsOn: 'blocker' }, /failsOn: unknown key \(expected one of: .*failOn/],
    [{ waivers: [{ check: 'ar.x', reason: 'r', expires: '2030-01-01', until: 'x' }] }, /waivers\[0\]\.until: unknown key/],
  ])('%j → %s', (content, expected) => {
    expect(configError(content)).toMatch(expected);
  });

  test('several problems: the first, and how many more', () => {
    expect(configError({ failOn: 'x', concurrency: 0, out: 5 })).toMatch(/: failOn: must be one of .* \(and 2 more problems\)\.$/);
  });

  test('a password in the config says where passwords belong, without echoing it', () => {
    const message = configError({ failOn: 'blocker', connection: { userPassword: 'hunter2-secret' } });
    expect(message).toMatch(/"connection\.userPassword" — passwords never go in the config file; set INTACCT_SENDER_PASSWORD and INTACCT_USER_PASSWORD/);
    expect(message).not.toContain('hunter2');
  });

  test('invalid JSON gives the line and column, not the file content', () => {
    const message = configError('{\n  "failOn": "blocker",\n  "skip": [secret-token]\n}');
    expect(message).toMatch(/not valid JSON at line 3, column \d+/);
    expect(message).not.toContain('secret-token');
  });

  test('a missing file says so', () => {
    expect(() => loadConfig('nope.json', dir)).toThrow(/Config file nope\.json: file not found/);
  });

  test('a valid config loads; paths are relative to the config file', () => {
    const sub = tempDir('preflight-config-dir-');
    const file = join(sub, 'preflight.json');
    writeFileSync(
      file,
      JSON.stringify({
        $schema: './node_modules/intacct-preflight/schemas/config.schema.json',
        checks: ['ar.*'],
        severity: { 'ap.account-labels-disabled': 'blocker' },
        syncFrom: '2021-04-01',
        catalog: { customerIdSequence: { candidates: ['CUSTOMERSEQ'], verified: true } },
        checksDirs: ['my-checks'],
        waivers: [{ check: 'ar.customer-id-sequence', reason: 'sequence set up on go-live day', expires: '2099-01-01', owner: 'ops' }],
        attestations: [{ check: 'so.subtotal-dimensions-from-lines', by: 'Jo Consultant', date: '2025-03-01', note: 'seen in UI' }],
        failOn: 'warning',
        format: ['html', 'junit'],
        out: 'reports',
        concurrency: 4,
        maxFunctions: 20,
        timeout: 30,
      }),
    );
    const { config, path } = loadConfig(file, '/');
    expect(path).toBe(file);
    expect(config.checksDirs).toEqual([join(sub, 'my-checks')]);
    expect(config.out).toBe(join(sub, 'reports'));
    expect(config.failOn).toBe('warning');
  });
});

describe('the schema editors use', () => {
  const schema = JSON.parse(readFileSync(join(process.cwd(), 'schemas', 'config.schema.json'), 'utf8')) as Record<string, unknown>;

  test('is a draft 2020-12 schema with an $id, that ajv compiles in strict mode', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(String(schema.$id)).toMatch(/^https:\/\/.*config\.schema\.json$/);
    const ajv = new Ajv2020({ strict: true });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  test('has no property for passwords', () => {
    expect(JSON.stringify(schema.properties)).not.toMatch(/password/i);
  });
});
