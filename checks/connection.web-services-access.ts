/**
 * connection.web-services-access — can Re-Leased's kind of connection sign in at all?
 *
 * The engine signs in before any check runs. When sign-in fails it reports this check as `error`
 * with the one-line reason (which credential or authorisation, and where to fix it) and every other
 * check as not run. When this check is evaluated, the session works: it confirms so with one cheap
 * read and shows who the audit signed in as (never a password or session id).
 */
import { cannotRead, defineCheck, docs, facts, failureEvidence, read, type Evidence } from '../src/kit/index.js';

export default defineCheck({
  meta: {
    id: 'connection.web-services-access',
    title: 'Web Services sender and user can sign in',
    severity: 'blocker',
    category: 'connection',
    why:
      'Re-Leased talks to Intacct through the XML Web Services gateway with a sender ID authorised for the company and a ' +
      'Web Services user; if either is refused, nothing syncs.',
    remediation: [
      'Subscribe to Web Services: Company > Admin > Subscriptions > Web Services.',
      'Authorise the sender ID: Company > Setup > Configuration > Company > Security > Web Services authorizations (status Active; sender IDs are case-sensitive).',
      'Create or check the Web Services user: Company > Admin > Users (user type Business; a Web Services only user cannot sign in to the UI and its password does not expire).',
      'In a multi-entity company, give the user access to the entity Re-Leased will use (Company > Admin > Users > Entity access), and clear "Restrict access to top level only" if it blocks entity sign-in.',
    ],
    docs: [docs.wsAuthorizations, docs.wsUsers, docs.apiSessions, docs.releasedConnect],
    version: 1,
  },

  // A refusal of this one read still proves the session works, so the check judges its failure.
  needs: () => ({ applications: read(facts.applications(), 'anything through the session', { onError: 'evaluate' }) }),

  evaluate: ({ applications: apps }, ctx) => {
    const s = ctx.session;
    const evidence: Evidence[] = [];
    if (s) {
      evidence.push({ source: 'getAPISession', field: 'companyid', observed: s.companyId });
      evidence.push({ source: 'getAPISession', field: 'userid', observed: s.userId });
      evidence.push({
        source: 'getAPISession',
        field: 'locationid',
        observed: s.entityId ?? null,
        note: s.entityId ? `session at entity ${s.entityId}` : 'session at the top level',
      });
      if (s.endpointHost) evidence.push({ source: 'getAPISession', field: 'endpoint', observed: s.endpointHost });
    }
    if (!apps.ok) {
      // A refusal of this one function still proves the session works; an outage does not.
      if (apps.error.kind === 'connection' || apps.error.kind === 'transport' || apps.error.kind === 'not-gathered') {
        return cannotRead(apps, 'anything through the session', { extra: evidence });
      }
      evidence.push(failureEvidence(apps));
    } else {
      evidence.push({ source: 'get_applications', observed: apps.value.join(', '), note: 'a read through the session succeeded' });
    }
    const who = s ? ` as ${s.userId} to company ${s.companyId}${s.entityId ? ` at entity ${s.entityId}` : ' (top level)'}` : '';
    return {
      status: 'pass',
      summary: `Signed in${who} through Web Services: the sender is authorised and the user's credentials are valid.`,
      evidence,
    };
  },
});
