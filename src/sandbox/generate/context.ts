/** What every table builder of a generated company shares: its draws and its currencies. */
import type { Draws } from './draws.js';

export interface GenContext {
  draws: Draws;
  baseCurrency: string;
  /** The base currency first, then the foreign ones (contacts and documents hold an index into it). */
  currencies: string[];
}
