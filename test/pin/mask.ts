/**
 * What differs between two runs of the same audit: clock times, durations and the sandbox's
 * ephemeral port. Everything else in a report must be the same byte for byte.
 */
export function maskVolatile(text: string): string {
  return text
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z?/g, '<TIMESTAMP>')
    .replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/g, '<TIME> UTC')
    .replace(/"durationMs": [\d.]+/g, '"durationMs": <MS>')
    .replace(/"durationMs":[\d.]+/g, '"durationMs":<MS>')
    .replace(/time="[\d.]+"/g, 'time="<S>"')
    .replace(/\b\d+(\.\d+)? (ms|s)\b/g, '<DURATION>')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<PORT>');
}
