/**
 * The read functions the sandbox executes, by name (getAPISession is handled by the server,
 * because it needs the session store), and the object a function names.
 */
import { attr, childText, type XNode } from '../xml.js';
import type { Handler } from './context.js';
import { GET_LIST_OBJECTS, getList } from './list.js';
import { query, read, readByQuery, readMore } from './records.js';
import { inspect, lookup } from './schema.js';
import { getApplications, getCompanyPrefs, getFinancialSetup, readEntityDetails } from './settings.js';

export type { CallContext, Handler, Outcome } from './context.js';

export const HANDLERS: Record<string, Handler> = {
  readByQuery,
  readMore,
  query,
  read,
  lookup,
  inspect,
  get_companyprefs: getCompanyPrefs,
  get_applications: getApplications,
  getFinancialSetup,
  readEntityDetails,
  get_list: getList,
};

/** The object a function names, for recording and for object-scoped faults. */
export function functionObject(name: string, node: XNode): string | undefined {
  if (name === 'get_list') {
    const o = attr(node, 'object');
    return o ? (GET_LIST_OBJECTS[o.toLowerCase()] ?? o) : undefined;
  }
  const o = childText(node, 'object');
  return o === undefined || o.trim() === '' || o.trim() === '*' ? undefined : o.trim().toUpperCase();
}
