import { run } from './helpers.js';
test('help', async () => {
  const r = await run(['--help']);
  console.log(r);
  const c = await run(['checks']);
  console.log(c);
  const e = await run(['explain', 'ar.customer-id-sequenc']);
  console.log(e);
});
