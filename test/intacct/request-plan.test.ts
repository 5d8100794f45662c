/** How execute() splits a batch into requests (src/intacct/request-plan.ts). */
import type { ReadFunction } from '../../src/intacct/functions.js';
import { planRequests } from '../../src/intacct/request-plan.js';

const scan = (object: string): ReadFunction => ({ function: 'query', object, select: ['RECORDNO'] });
const lookup = (object: string): ReadFunction => ({ function: 'lookup', object });

describe('planRequests', () => {
  test('a batch without large scans is one request, or consecutive runs of the batch limit', () => {
    const fns = [lookup('CUSTOMER'), scan('CUSTOMER'), scan('GLDETAIL'), scan('GLDETAIL'), lookup('VENDOR')];
    expect(planRequests(fns, 50, 2)).toEqual([[0, 1, 2, 3, 4]]);
    expect(planRequests(fns, 2, 2)).toEqual([[0, 1], [2, 3], [4]]);
    expect(planRequests([], 50, 2)).toEqual([]);
  });

  test('a batch of several large scans goes out as one request per slot, each object\'s scans dealt out evenly', () => {
    const fns = [scan('ARINVOICE'), lookup('X'), scan('APBILL'), scan('ARINVOICE'), scan('APBILL'), scan('CUSTOMER'), scan('ARINVOICE'), scan('APBILL')];
    const requests = planRequests(fns, 50, 2);
    expect(requests).toHaveLength(2);
    // every function once, each request in the batch's order
    expect(requests.flat().sort((a, b) => a - b)).toEqual(fns.map((_, i) => i));
    for (const r of requests) expect([...r].sort((a, b) => a - b)).toEqual(r);
    const count = (r: number[], object: string) => r.filter((i) => (fns[i] as { object: string }).object === object).length;
    for (const object of ['ARINVOICE', 'APBILL']) {
      expect(requests.map((r) => count(r, object)).sort()).toEqual([1, 2]);
    }
    expect(planRequests(fns, 50, 1)).toEqual([fns.map((_, i) => i)]);
  });

  test('the batch limit still holds when a batch is spread', () => {
    const fns = Array.from({ length: 7 }, () => scan('GLDETAIL'));
    const requests = planRequests(fns, 3, 2);
    expect(requests.map((r) => r.length).sort()).toEqual([2, 2, 3]);
    expect(requests.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
