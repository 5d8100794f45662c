/**
 * The sandbox's cost model: a fixed, documented rule so that performance results reflect round
 * trips and rows scanned, and cannot be tuned away by a faster sandbox machine.
 *
 *   server time of a function = 5 ms + 0.1 ms per 1,000 rows it examines
 *   server time of a request  = the sum over its functions (they run one after another)
 *   response time             = latencyMs + server time of the request
 *
 * "Rows examined": there are no indexes, so query, readByQuery, read and get_list examine every
 * row of their object (including rows the session cannot see); readMore examines only the rows it
 * returns (the result set was built by readByQuery); lookup, inspect, get_companyprefs,
 * get_applications, getFinancialSetup, readEntityDetails and getAPISession examine none. A
 * refused or failed function still costs the 5 ms base. When the cost model is on, the server
 * holds the response until the modelled time has passed since the request arrived (if the real
 * computation took longer, the response simply goes out when it is ready).
 */

export const BASE_MS_PER_FUNCTION = 5;
export const MS_PER_THOUSAND_ROWS = 0.1;

/** Modelled server time of one function that examined `rows` rows. */
export function functionServerMs(rows: number): number {
  return BASE_MS_PER_FUNCTION + (MS_PER_THOUSAND_ROWS * rows) / 1000;
}

/** Modelled server time of a request whose functions examined these row counts, in order. */
export function modelledServerTimeMs(rowsPerFunction: readonly number[]): number {
  let total = 0;
  for (const rows of rowsPerFunction) total += functionServerMs(rows);
  return total;
}
