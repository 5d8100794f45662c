import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { renderJson, validateResult } from '../../src/render/index.js';
import { reportValidatorSource } from '../../src/render/schema.js';
import { describeSchemaError } from '../../src/util/json-schema.js';
import { redactResult } from '../../src/assemble/redact.js';
import { incompleteResult, readyResult, sampleResult } from './sample-result.js';

describe('report schema', () => {
  const variants = {
    'not ready (every status)': sampleResult(),
    ready: readyResult(),
    'incomplete (no connection)': incompleteResult(),
    redacted: redactResult(sampleResult()),
  };

  test.each(Object.entries(variants))('the JSON written for a %s result validates', (_name, result) => {
    const outcome = validateResult(JSON.parse(renderJson(result)));
    expect(outcome).toEqual(expect.objectContaining({ ok: true }));
  });

  test('an unknown status is refused with its path and the allowed values', () => {
    const data = JSON.parse(renderJson(sampleResult()));
    data.checks[1].status = 'warn';
    const outcome = validateResult(data);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors).toContain('/checks/1/status: must be one of "pass", "fail", "manual", "error", "not-applicable"');
  });

  test('missing and unexpected properties are named', () => {
    const data = JSON.parse(renderJson(sampleResult()));
    delete data.verdict;
    data.checks[0].colour = 'red';
    const outcome = validateResult(data);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors).toEqual(
      expect.arrayContaining(['/: missing required property "verdict"', '/checks/0: unknown property "colour"']),
    );
  });

  test('timestamps, verdicts, severities and schemaVersion are checked', () => {
    const data = JSON.parse(renderJson(sampleResult()));
    data.run.startedAt = 'yesterday';
    data.verdict = 'maybe';
    data.notRun[0].severity = 'critical';
    data.schemaVersion = 2;
    const outcome = validateResult(data);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors).toEqual(
      expect.arrayContaining([
        '/run/startedAt: must match format "date-time"',
        '/verdict: must be one of "ready", "not-ready", "incomplete"',
        '/notRun/0/severity: must be one of "blocker", "warning", "info"',
        '/schemaVersion: must be 1',
      ]),
    );
  });

  test('a sample record may only hold strings, numbers and null', () => {
    const data = JSON.parse(renderJson(sampleResult()));
    const check = data.checks.find((c: { affected?: unknown }) => c.affected);
    check.affected.sample[0].NAME = { nested: true };
    const outcome = validateResult(data);
    expect(outcome.ok).toBe(false);
  });
});

describe('the validator the build generates (ajv standalone code)', () => {
  // Loaded as the build's file is: a CommonJS module requiring ajv's runtime from the package.
  const load = (): ValidateFunction => {
    const module = { exports: {} as ValidateFunction };
    const require = createRequire(join(process.cwd(), 'package.json'));
    new Function('module', 'exports', 'require', reportValidatorSource())(module, module.exports, require);
    return module.exports;
  };

  test('accepts and refuses what the compiled one does, with the same errors', () => {
    const generated = load();
    const broken = JSON.parse(renderJson(sampleResult()));
    broken.checks[1].status = 'warn';
    delete broken.verdict;
    broken.checks[0].colour = 'red';
    broken.generatedAt = 'yesterday';
    const cases = [JSON.parse(renderJson(sampleResult())), JSON.parse(renderJson(incompleteResult())), JSON.parse(renderJson(redactResult(sampleResult()))), broken];
    for (const data of cases) {
      const outcome = validateResult(data);
      expect(generated(data)).toBe(outcome.ok);
      const errors = [...new Set((generated.errors ?? []).map(describeSchemaError))];
      expect(errors).toEqual(outcome.ok ? [] : outcome.errors);
    }
    expect(validateResult(broken).ok).toBe(false);
  });
});
