/**
 * The command line's shape (yargs): commands, options and help text. Handlers only record which
 * command was chosen with which arguments; main.ts runs it, so parsing never prints or exits and
 * the whole command line can be driven in-process by tests.
 */
import yargs, { type Argv } from 'yargs';
import { exitCodesHelp } from './exit-codes.js';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_FAIL_ON,
  DEFAULT_FLEET_OUT,
  DEFAULT_JOBS,
  DEFAULT_MAX_FUNCTIONS,
  DEFAULT_OUT,
  DEFAULT_TIMEOUT_SECONDS,
  EARLIEST_SYNC_FROM,
} from './options.js';

export type CommandName = 'audit' | 'render' | 'diff' | 'checks' | 'explain' | 'prefs' | 'sandbox' | 'fleet' | 'fleet-merge';

/** Parsed arguments as yargs hands them over (camelCase keys; repeated scalars become arrays). */
export type RawArgs = Record<string, unknown>;

export interface Selection {
  command: CommandName;
  args: RawArgs;
}

const CONNECTION_GROUP = 'Connection (passwords come from INTACCT_SENDER_PASSWORD / INTACCT_USER_PASSWORD, the profile file or a prompt):';
const LIMITS_GROUP = 'Limits:';
const OUTPUT_GROUP = 'Output:';
const CHECKS_GROUP = 'Checks:';
const HISTORY_GROUP = 'Snapshots and baselines:';
const INTEGRATION_GROUP = 'How Re-Leased is set up (config key "integration"; its entity defaults to --entity-id):';

function connectionOptions<T>(y: Argv<T>): Argv<T> {
  return y
    .option('endpoint', { type: 'string', group: CONNECTION_GROUP, describe: 'Gateway URL (https; http only to 127.0.0.1) [env INTACCT_ENDPOINT_URL]', requiresArg: true })
    .option('company-id', { type: 'string', group: CONNECTION_GROUP, describe: 'Company id [env INTACCT_COMPANY_ID]', requiresArg: true })
    .option('user-id', { type: 'string', group: CONNECTION_GROUP, describe: 'Web Services user id [env INTACCT_USER_ID]', requiresArg: true })
    .option('sender-id', { type: 'string', group: CONNECTION_GROUP, describe: 'Web Services sender id [env INTACCT_SENDER_ID]', requiresArg: true })
    .option('entity-id', { type: 'string', group: CONNECTION_GROUP, describe: 'Entity to audit (multi-entity companies) [env INTACCT_ENTITY_ID]', requiresArg: true })
    .option('profile', { type: 'string', group: CONNECTION_GROUP, describe: 'Profile in ~/.intacct/credentials.ini [env INTACCT_PROFILE]', requiresArg: true })
    .option('concurrency', { type: 'number', group: LIMITS_GROUP, describe: 'HTTP requests in flight', defaultDescription: String(DEFAULT_CONCURRENCY), requiresArg: true })
    .option('max-functions', { type: 'number', group: LIMITS_GROUP, describe: 'Functions per HTTP request', defaultDescription: String(DEFAULT_MAX_FUNCTIONS), requiresArg: true })
    .option('timeout', { type: 'number', group: LIMITS_GROUP, describe: 'Timeout of one HTTP request, seconds', defaultDescription: String(DEFAULT_TIMEOUT_SECONDS), requiresArg: true })
    .option('debug-log', { type: 'string', group: LIMITS_GROUP, describe: 'Write every request and response (secrets redacted) to FILE', requiresArg: true });
}

function configOption<T>(y: Argv<T>): Argv<T> {
  return y.option('config', { type: 'string', describe: 'Config file (JSON; schema: schemas/config.schema.json)', requiresArg: true });
}

function checksDirOption<T>(y: Argv<T>): Argv<T> {
  return y.option('checks-dir', { type: 'string', array: true, group: CHECKS_GROUP, describe: 'Folder of user checks (repeatable)', requiresArg: true });
}

export function buildParser(version: string, width: number, select: (s: Selection) => void): Argv {
  const chosen = (command: CommandName) => (args: RawArgs) => select({ command, args });
  return yargs()
    .scriptName('intacct-preflight')
    .locale('en')
    .exitProcess(false)
    .strict()
    .parserConfiguration({ 'greedy-arrays': false, 'duplicate-arguments-array': true })
    .usage('$0 [command] [options]\n\nRead-only go-live readiness audit of a Sage Intacct company for the Re-Leased integration.')
    .option('quiet', { alias: 'q', type: 'boolean', global: true, describe: 'No progress or summary; errors only' })
    .option('verbose', { type: 'boolean', global: true, describe: 'More detail; stack traces for internal errors' })
    .conflicts('quiet', 'verbose')
    .command(
      ['audit', '$0'],
      'Audit a company and write the readiness report (default command)',
      (y) =>
        checksDirOption(configOption(connectionOptions(y)))
          .option('format', { type: 'string', array: true, group: OUTPUT_GROUP, describe: 'html, json, md, junit (repeat or comma-separate)', defaultDescription: 'html,json', requiresArg: true })
          .option('out', { type: 'string', group: OUTPUT_GROUP, describe: 'Report folder; "-" writes the one format asked for to stdout', defaultDescription: `./${DEFAULT_OUT}/`, requiresArg: true })
          .option('fail-on', { type: 'string', group: OUTPUT_GROUP, describe: 'Lowest severity that fails the gate: blocker, warning, info, never', defaultDescription: DEFAULT_FAIL_ON, requiresArg: true })
          .option('redact', { type: 'boolean', group: OUTPUT_GROUP, describe: 'Replace customer and vendor names and ids with pseudonyms' })
          .option('worklists', { type: 'boolean', group: OUTPUT_GROUP, describe: 'Also write every affected record of each data check that found some: worklists/<check-id>.csv and worklists/index.csv beside the reports' })
          .option('checks', { type: 'string', array: true, group: CHECKS_GROUP, describe: 'Run only these checks (ids or globs, e.g. "ar.*")', requiresArg: true })
          .option('skip', { type: 'string', array: true, group: CHECKS_GROUP, describe: 'Do not run these checks (ids or globs); use a waiver to accept a finding', requiresArg: true })
          .option('sync-from', { type: 'string', group: CHECKS_GROUP, describe: `First date of the sync window, YYYY-MM-DD (not before ${EARLIEST_SYNC_FROM})`, defaultDescription: EARLIEST_SYNC_FROM, requiresArg: true })
          .option('top-level-syncing', { type: 'boolean', group: INTEGRATION_GROUP, describe: 'Re-Leased creates records at the top level; --no-top-level-syncing: in the connected entity', defaultDescription: 'on without an entity, off with one' })
          .option('order-entry', { type: 'boolean', group: INTEGRATION_GROUP, describe: 'Re-Leased posts sales through Order Entry; --no-order-entry: AR invoices directly', defaultDescription: 'by subscription and setting' })
          .option('purchasing', { type: 'boolean', group: INTEGRATION_GROUP, describe: 'Re-Leased posts purchases through Purchasing; --no-purchasing: AP bills directly', defaultDescription: 'by subscription and setting' })
          .option('currency', { type: 'string', group: INTEGRATION_GROUP, describe: "The Re-Leased account's currency (e.g. AUD): every contact and transaction is compared with it", defaultDescription: "each entity's base currency", requiresArg: true })
          .option('dimensions', { type: 'string', array: true, group: INTEGRATION_GROUP, describe: 'Dimensions Re-Leased sends on lines (repeat or comma-separate)', defaultDescription: 'LOCATION', requiresArg: true })
          .option('connected-on', { type: 'string', group: INTEGRATION_GROUP, describe: 'Date the integration was connected, YYYY-MM-DD', defaultDescription: 'not yet', requiresArg: true })
          .option('demo', { type: 'boolean', describe: 'Audit the built-in demo company (no credentials needed)' })
          .option('snapshot', { type: 'string', group: HISTORY_GROUP, describe: 'Also save what the checks were evaluated on to FILE (gzip JSON, no passwords; pseudonymised with --redact)', requiresArg: true })
          .option('from-snapshot', { type: 'string', group: HISTORY_GROUP, describe: 'Re-evaluate a saved snapshot offline: no credentials, no network', requiresArg: true })
          .option('baseline', { type: 'string', group: HISTORY_GROUP, describe: 'An earlier report.json: the report shows what changed since, first', requiresArg: true })
          .option('fail-on-new', { type: 'boolean', group: HISTORY_GROUP, describe: 'With --baseline: the gate fails only on checks (at or above --fail-on) that are new or got worse' })
          .option('allow-other-company', { type: 'boolean', group: HISTORY_GROUP, describe: 'With --baseline: accept a baseline of another company or entity' })
          .example('$0 --demo', 'See a full report of the demo company')
          .example('$0 audit --profile acme --format html,json,junit', 'Audit with the [acme] profile of ~/.intacct/credentials.ini')
          .example('$0 audit --format json --out - | jq .verdict', 'JSON to stdout for a pipeline')
          .example('$0 audit --worklists', 'Also list every affected record, one CSV file per check, for the people who fix them')
          .example('$0 audit --baseline last/report.json --fail-on-new --snapshot snapshot.json.gz', 'Nightly monitoring: fail only on new problems, keep what was read')
          .example('$0 audit --from-snapshot snapshot.json.gz', "Reproduce a customer's report offline from their snapshot"),
      chosen('audit'),
    )
    .command(
      'fleet',
      'Audit every company of a manifest: a report per company and one index (fleet merge: one index from shards)',
      (y) =>
        y
          .command(
            'merge <dirs..>',
            'Build one index from the output folders of fleet --shard runs',
            (m) =>
              m
                .positional('dirs', { type: 'string', array: true, describe: 'Output folders of the shards (each with its fleet.json)' })
                .option('out', { type: 'string', describe: 'Folder of the merged index (the company reports are copied into it)', defaultDescription: `./${DEFAULT_FLEET_OUT}/`, requiresArg: true })
                .example('$0 fleet merge shard-1 shard-2 shard-3 --out fleet', 'One index, as one run would have written it'),
            chosen('fleet-merge'),
          )
          .command(
            '$0 <manifest>',
            'Audit the companies of MANIFEST (JSON or YAML; schema: schemas/fleet.schema.json)',
            (f) =>
              checksDirOption(f)
                .positional('manifest', { type: 'string', describe: 'The fleet manifest (JSON or YAML)' })
                .option('out', { type: 'string', group: OUTPUT_GROUP, describe: 'Output folder: index.html, fleet.json, fleet.md and a folder per company', defaultDescription: `./${DEFAULT_FLEET_OUT}/`, requiresArg: true })
                .option('jobs', { type: 'number', describe: 'Companies audited at a time', defaultDescription: String(DEFAULT_JOBS), requiresArg: true })
                .option('shard', { type: 'string', describe: 'Audit only the K-th of N deterministic parts of the manifest, e.g. 2/4', requiresArg: true })
                .option('format', { type: 'string', array: true, group: OUTPUT_GROUP, describe: "Each company's reports: html, json, md, junit (report.json is always written: it is the next run's baseline)", defaultDescription: 'html,json', requiresArg: true })
                .option('fail-on', { type: 'string', group: OUTPUT_GROUP, describe: 'Lowest severity that fails a company\'s gate: blocker, warning, info, never', defaultDescription: DEFAULT_FAIL_ON, requiresArg: true })
                .option('fail-on-new', { type: 'boolean', group: OUTPUT_GROUP, describe: "A company's gate fails only on checks that are new or got worse since its previous report in OUT" })
                .option('redact', { type: 'boolean', group: OUTPUT_GROUP, describe: 'Replace customer and vendor names and ids with pseudonyms' })
                .option('checks', { type: 'string', array: true, group: CHECKS_GROUP, describe: 'Run only these checks (ids or globs)', requiresArg: true })
                .option('skip', { type: 'string', array: true, group: CHECKS_GROUP, describe: 'Do not run these checks (ids or globs)', requiresArg: true })
                .option('sync-from', { type: 'string', group: CHECKS_GROUP, describe: 'First date of the sync window, YYYY-MM-DD', defaultDescription: EARLIEST_SYNC_FROM, requiresArg: true })
                .option('concurrency', { type: 'number', group: LIMITS_GROUP, describe: 'HTTP requests in flight per company (at most 2, Intacct\'s limit)', defaultDescription: String(DEFAULT_CONCURRENCY), requiresArg: true })
                .option('max-functions', { type: 'number', group: LIMITS_GROUP, describe: 'Functions per HTTP request', defaultDescription: String(DEFAULT_MAX_FUNCTIONS), requiresArg: true })
                .option('timeout', { type: 'number', group: LIMITS_GROUP, describe: 'Timeout of one HTTP request, seconds', defaultDescription: String(DEFAULT_TIMEOUT_SECONDS), requiresArg: true })
                .example('$0 fleet portfolio.json --jobs 8', 'Audit every company of portfolio.json, 8 at a time')
                .example('$0 fleet portfolio.yaml --shard 2/4 --out shard-2', 'One part of four, e.g. in a CI matrix job')
                .epilogue('Exit code: 1 if any company fails its gate; otherwise 3 if any could not be audited; otherwise 2 if any is incomplete; otherwise 0. 4: a bad manifest, config or credentials (before any company is contacted). 130: interrupted.'),
            chosen('fleet'),
          ),
      () => undefined,
    )
    .command(
      'diff <old> <new>',
      'Compare two saved report.json files: what is new, worse, resolved',
      (y) =>
        y
          .positional('old', { type: 'string', describe: 'The earlier report.json' })
          .positional('new', { type: 'string', describe: 'The later report.json' })
          .option('format', { type: 'string', describe: 'md or json', default: 'md', requiresArg: true })
          .option('out', { type: 'string', describe: 'File to write; "-" or absent = stdout', requiresArg: true })
          .option('allow-other-company', { type: 'boolean', describe: 'Compare reports of different companies or entities' })
          .example('$0 diff before/report.json after/report.json', 'Markdown summary of the changes')
          .epilogue('Exit code 0 when the comparison was printed, 4 when a file is not a usable report.'),
      chosen('diff'),
    )
    .command(
      'render <result>',
      'Re-render a saved report.json offline',
      (y) =>
        y
          .positional('result', { type: 'string', describe: 'A report.json written by audit' })
          .option('format', { type: 'string', describe: 'html, md, junit or json', default: 'html', requiresArg: true })
          .option('out', { type: 'string', describe: 'File to write; "-" or absent = stdout', requiresArg: true })
          .option('redact', { type: 'boolean', describe: 'Replace customer and vendor names and ids with pseudonyms' }),
      chosen('render'),
    )
    .command(
      'checks',
      'List the checks (id, severity, title)',
      (y) => checksDirOption(configOption(y)).option('json', { type: 'boolean', describe: 'Print JSON' }),
      chosen('checks'),
    )
    .command(
      'explain <id>',
      'Why a check matters, how to fix it, and its docs',
      (y) => checksDirOption(configOption(y)).positional('id', { type: 'string', describe: 'Check id, e.g. ar.customer-id-sequence' }),
      chosen('explain'),
    )
    .command(
      'prefs <app>',
      "Print a company's get_companyprefs for one application (to confirm the settings catalog)",
      (y) =>
        connectionOptions(configOption(y))
          .positional('app', { type: 'string', describe: 'Application, e.g. AR, AP, SO, PO, GEN, ME' })
          .option('json', { type: 'boolean', describe: 'Print JSON' }),
      chosen('prefs'),
    )
    .command(
      'sandbox',
      'Serve a fixture company on 127.0.0.1 and print its endpoint and test credentials',
      (y) =>
        y
          .option('company', { type: 'string', describe: 'Fixture company name (demo, ready, …) or JSON file', default: 'demo', requiresArg: true })
          .option('port', { type: 'number', describe: 'Port on 127.0.0.1 (0 = random)', default: 0, requiresArg: true })
          .option('latency', { type: 'number', describe: 'Milliseconds added to every request', default: 0, requiresArg: true })
          .option('list', { type: 'boolean', describe: 'List the fixture companies and exit' })
          .option('fleet', { type: 'number', describe: 'Serve N generated companies instead (some ready, some not, one refusing sign-in)', requiresArg: true })
          .option('manifest', { type: 'string', describe: 'With --fleet: write their fleet manifest to FILE', requiresArg: true }),
      chosen('sandbox'),
    )
    .epilogue(
      `${exitCodesHelp()}\n\nCredentials: INTACCT_SENDER_ID, INTACCT_SENDER_PASSWORD, INTACCT_COMPANY_ID, INTACCT_ENTITY_ID, INTACCT_USER_ID, INTACCT_USER_PASSWORD, INTACCT_ENDPOINT_URL, or ~/.intacct/credentials.ini with --profile (INTACCT_PROFILE). Proxy: HTTPS_PROXY / NO_PROXY. Colour: NO_COLOR / FORCE_COLOR.`,
    )
    .fail((msg, err) => {
      throw err ?? new ParseError(msg);
    })
    .help()
    .alias('help', 'h')
    .version(version)
    .wrap(width);
}

/** A command line yargs could not make sense of. */
export class ParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParseError';
  }
}
