/**
 * A full garbage collection, on purpose. A worklist request's answer is several megabytes of XML
 * that is garbage as soon as its records are spooled, and V8 would collect it only when the old
 * generation next fills: some 20 MB of peak memory at a million invoices for nothing. `gc` comes
 * from a context of its own, so the flag that exposes it is on only while that context is made.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

export function collectGarbage(): void {
  if (gc === undefined) {
    setFlagsFromString('--expose-gc');
    try {
      gc = runInNewContext('gc') as () => void;
    } finally {
      setFlagsFromString('--no-expose-gc');
    }
  }
  gc();
}
