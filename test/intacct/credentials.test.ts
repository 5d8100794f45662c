/** Credentials follow the official SDK conventions: option > environment > profile file, per value. */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ConfigurationError, describeMissingCredentials, parseIni, requireCredentials, resolveCredentials } from '../../src/intacct/index.js';

let home: string;
let file: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'ipf-cred-'));
  mkdirSync(join(home, '.intacct'));
  file = join(home, '.intacct', 'credentials.ini');
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function writeProfile(text: string, mode = 0o600): void {
  writeFileSync(file, text);
  chmodSync(file, mode);
}

const PROFILE = `; Intacct SDK profile file
[default]
sender_id = file-sender
sender_password = "file; sender #pw"
company_id = FILECO
user_id = file-user
user_password = 'file-user-pw'   ; trailing comment
endpoint_url = https://file.example.com/ia/xml/xmlgw.phtml

# second profile
[staging]
sender_id=staging-sender
sender_password=staging-pw
company_id=STAGECO-sandbox
user_id=staging-user
user_password=staging-user-pw
entity_id=E100
`;

describe('resolveCredentials', () => {
  it('reads the [default] profile of ~/.intacct/credentials.ini (quoted values keep ; and #)', () => {
    writeProfile(PROFILE);
    const r = resolveCredentials({ env: { HOME: home } });
    expect(r).toMatchObject({
      senderId: 'file-sender',
      senderPassword: 'file; sender #pw',
      companyId: 'FILECO',
      userId: 'file-user',
      userPassword: 'file-user-pw',
      endpoint: 'https://file.example.com/ia/xml/xmlgw.phtml',
      missing: [],
      warnings: [],
      profile: 'default',
      profileFile: file,
    });
    expect(r.sources.senderPassword).toBe('profile');
  });

  it('lets environment variables win over the profile, and explicit options over both, per value', () => {
    writeProfile(PROFILE);
    const r = resolveCredentials({
      env: { HOME: home, INTACCT_SENDER_ID: 'env-sender', INTACCT_USER_PASSWORD: 'env-user-pw', INTACCT_ENDPOINT_URL: 'https://env.example.com/x' },
      explicit: { userPassword: 'option-user-pw' },
    });
    expect(r.senderId).toBe('env-sender');
    expect(r.senderPassword).toBe('file; sender #pw');
    expect(r.userPassword).toBe('option-user-pw');
    expect(r.endpoint).toBe('https://env.example.com/x');
    expect(r.sources).toMatchObject({ senderId: 'env', senderPassword: 'profile', userPassword: 'option', endpoint: 'env', companyId: 'profile' });
  });

  it('treats empty values as unset', () => {
    writeProfile(PROFILE);
    const r = resolveCredentials({ env: { HOME: home, INTACCT_SENDER_ID: '' }, explicit: { companyId: '' } });
    expect(r.senderId).toBe('file-sender');
    expect(r.companyId).toBe('FILECO');
  });

  it('uses the profile named by INTACCT_PROFILE, and an explicit profile over it', () => {
    writeProfile(PROFILE);
    expect(resolveCredentials({ env: { HOME: home, INTACCT_PROFILE: 'staging' } })).toMatchObject({ senderId: 'staging-sender', entityId: 'E100', profile: 'staging' });
    expect(resolveCredentials({ env: { HOME: home, INTACCT_PROFILE: 'staging' }, profile: 'default' }).senderId).toBe('file-sender');
  });

  it('names the profile and the file when a named profile does not exist', () => {
    writeProfile(PROFILE);
    expect(() => resolveCredentials({ env: { HOME: home }, profile: 'prod' })).toThrow(ConfigurationError);
    expect(() => resolveCredentials({ env: { HOME: home }, profile: 'prod' })).toThrow(`Profile "prod" not found in ${file} (profiles: default, staging)`);
    rmSync(file);
    expect(() => resolveCredentials({ env: { HOME: home, INTACCT_PROFILE: 'prod' } })).toThrow(/Profile "prod" not found: credentials file .* does not exist/);
  });

  it('works without any profile file and lists what is missing', () => {
    const r = resolveCredentials({ env: { HOME: home, INTACCT_SENDER_ID: 's', INTACCT_USER_ID: 'u' } });
    expect(r.missing).toEqual(['senderPassword', 'companyId', 'userPassword']);
    expect(() => requireCredentials(r)).toThrow(ConfigurationError);
    expect(describeMissingCredentials(r)).toMatch(/sender password \(INTACCT_SENDER_PASSWORD or sender_password\)/);
  });

  it('reads an explicit profile file path', () => {
    const other = join(home, 'other.ini');
    writeFileSync(other, '[default]\nsender_id = other\n', { mode: 0o600 });
    expect(resolveCredentials({ env: { HOME: home }, profileFile: other }).senderId).toBe('other');
  });

  it('warns when the credentials file is readable by group or others', () => {
    writeProfile(PROFILE, 0o644);
    const r = resolveCredentials({ env: { HOME: home } });
    expect(r.warnings).toEqual([`Credentials file ${file} is readable by other users (mode 644); run: chmod 600 ${file}`]);
    writeProfile(PROFILE, 0o600);
    expect(resolveCredentials({ env: { HOME: home } }).warnings).toEqual([]);
  });

  it('warns about unknown keys (typos) in the profile', () => {
    writeProfile('[default]\nsenderid = x\n');
    expect(resolveCredentials({ env: { HOME: home } }).warnings[0]).toMatch(/Unknown key "senderid"/);
  });

  it.each([
    ['a line that is not key = value', '[default]\nsender_id file-sender\n', 3 - 1],
    ['a key before any section', 'sender_id = x\n', 1],
    ['an unterminated quote', '[default]\n\nsender_password = "abc\n', 3],
  ])('reports %s with file:line', (_name, text, line) => {
    writeProfile(text);
    expect(() => resolveCredentials({ env: { HOME: home } })).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}: `));
  });

  it('reads any file content as sections or a ConfigurationError naming file:line, never anything else', () => {
    const line = fc.oneof(
      fc.constantFrom('[default]', '[x y]', '; c', '# c', '', 'a = b', "k = 'q'", 'k = "q', '=', '[', 'key value'),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        try {
          parseIni(lines.join('\n'), 'creds.ini');
          return true;
        } catch (e) {
          return e instanceof ConfigurationError && /^creds\.ini:\d+: /.test(e.message) && !e.message.includes('\n');
        }
      }),
      { numRuns: 400 },
    );
  });
});
