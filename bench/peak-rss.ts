/**
 * Preloaded (`node --import`) into each start-up run of the benchmark: at exit, writes this
 * process's peak RSS (kilobytes) to the file named by BENCH_RSS_FILE, so the runner learns a
 * child's peak memory without touching its stdout or stderr.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
