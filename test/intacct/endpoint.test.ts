/** Endpoint rules: https anywhere, plain http only to loopback, anything else a clear one-line error. */
import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, DEFAULT_ENDPOINT, IntacctClient, validateEndpoint } from '../../src/intacct/index.js';

const credentials = { senderId: 's', senderPassword: 'sp', companyId: 'c', userId: 'u', userPassword: 'up' };

describe('endpoint rules', () => {
  it('defaults to the Intacct production gateway', () => {
    expect(validateEndpoint(undefined)).toBe('https://api.intacct.com/ia/xml/xmlgw.phtml');
    expect(DEFAULT_ENDPOINT).toBe('https://api.intacct.com/ia/xml/xmlgw.phtml');
  });

  it.each(['https://api.intacct.com/ia/xml/xmlgw.phtml', 'https://gateway.example.org:8443/xml', 'http://127.0.0.1:9999/ia/xml/xmlgw.phtml', 'http://127.1.2.3/x', 'http://localhost:8080/x', 'http://[::1]:8080/x'])(
    'accepts %s',
    (url) => {
      expect(validateEndpoint(url)).toBe(new URL(url).toString());
    },
  );

  it.each([
    ['http://api.intacct.com/ia/xml/xmlgw.phtml', /plain http:\/\/ is only allowed to a loopback address/],
    ['http://10.0.0.5/x', /loopback/],
    ['http://127.0.0.1.evil.example/x', /loopback/],
    ['http://localhost.example.com/x', /loopback/],
    ['ftp://api.intacct.com/x', /only https:\/\/ URLs are allowed/],
    ['api.intacct.com', /not a URL/],
    ['https://user:pw@api.intacct.com/x', /must not contain a user name or password/],
  ])('refuses %s with a one-line ConfigurationError', (url, message) => {
    expect(() => validateEndpoint(url)).toThrow(ConfigurationError);
    expect(() => validateEndpoint(url)).toThrow(message);
  });

  it('is enforced when a client is created, before anything is sent', () => {
    expect(() => new IntacctClient({ endpoint: 'http://example.com/x', credentials })).toThrow(ConfigurationError);
  });

  it('refuses client options that make no sense, with the option named', () => {
    expect(() => new IntacctClient({ credentials, concurrency: 0, endpoint: 'http://127.0.0.1:1/x' })).toThrow(/concurrency/);
    expect(() => new IntacctClient({ credentials, maxFunctionsPerRequest: 1.5, endpoint: 'http://127.0.0.1:1/x' })).toThrow(/maxFunctionsPerRequest/);
    expect(() => new IntacctClient({ credentials: { ...credentials, userPassword: '' }, endpoint: 'http://127.0.0.1:1/x' })).toThrow('Missing Intacct credentials: user password');
    expect(() => new IntacctClient({ credentials, endpoint: 'http://127.0.0.1:1/x', debugLog: '/nonexistent-dir/x/debug.log' })).toThrow(/^Cannot write debug log \/nonexistent-dir\/x\/debug.log: ENOENT$/);
  });
});
