/**
 * One worker for the same user modules across the plans of one command: the command line judges
 * the settings (loading the modules) and then runs the audit (loading them again), and a module's
 * top-level code should run once, in one worker, not twice. A worker no plan holds is ended
 * shortly after (at once when it was stopped); it never keeps the process alive meanwhile.
 */
import { UserCheckHost } from './user-host.js';
import type { LoadedModule } from './user-protocol.js';

/** How long an unheld worker waits for the next plan of the same modules. */
const LINGER_MS = 2_000;

interface Entry {
  host: UserCheckHost;
  /** Modules loaded into it, by file. */
  loaded: Map<string, LoadedModule>;
  holders: number;
  timer?: NodeJS.Timeout;
}

const pool = new Map<string, Entry>();

export interface HeldHost {
  host: UserCheckHost;
  loaded: Map<string, LoadedModule>;
  release(): Promise<void>;
}

/** The worker for `key` (the module files as they are now, and the time limit), started on first ask. */
export function holdHost(key: string, timeoutMs?: number): HeldHost {
  let entry = pool.get(key);
  if (entry?.host.stopped) {
    pool.delete(key);
    entry = undefined;
  }
  if (!entry) {
    entry = { host: new UserCheckHost(timeoutMs), loaded: new Map(), holders: 0 };
    pool.set(key, entry);
  }
  const held = entry;
  clearTimeout(held.timer);
  held.holders += 1;
  let released = false;
  return {
    host: held.host,
    loaded: held.loaded,
    release: async () => {
      if (released) return;
      released = true;
      held.holders -= 1;
      if (held.holders > 0) return;
      if (held.host.stopped) return end(key, held);
      held.timer = setTimeout(() => void end(key, held), LINGER_MS);
      held.timer.unref();
    },
  };
}

async function end(key: string, entry: Entry): Promise<void> {
  if (pool.get(key) === entry) pool.delete(key);
  await entry.host.close();
}
