import { loadCompany } from '../../src/sandbox/companies.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { audit, statuses } from './helpers.js';
test('probe', async () => {
  for (const name of ['demo', 'ready']) {
    const sb = await startSandbox({ company: loadCompany(name) });
    const t = Date.now();
    const r = await audit(sb);
    console.log(name, Date.now() - t, r.verdict, JSON.stringify(statuses(r)), JSON.stringify(r.run.stats), sb.stats.requests,
      JSON.stringify(sb.received.map(f => `${f.request}:${f.name}:${f.object ?? f.application ?? ''}`)));
    await sb.close();
  }
});
