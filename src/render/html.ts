/**
 * report.html: one self-contained page (inline CSS and script, the full JSON embedded) that opens
 * from a ticket attachment on a machine with no network. Record values come from customers' data,
 * so everything from the result goes through Handlebars' escaping; only our own CSS, script and
 * the pre-escaped JSON are inserted raw. A Content-Security-Policy allows no external resource and
 * no script but ours, a second line of defence should an escape ever be missed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Handlebars from 'handlebars';
import type { AuditResult } from '../model/result.js';
import { packageRoot, readAsset } from '../package.js';
import { buildHtmlView } from './html-view.js';
import { renderJson } from './json.js';

interface Compiled {
  page: Handlebars.TemplateDelegate;
  css: string;
  script: string;
  csp: string;
}

let compiled: Compiled | undefined;
// Handlebars is loaded only when an HTML report is rendered (a json-only run starts without it).
const require = createRequire(import.meta.url);

/** The templates precompiled by the build (scripts/generate.mjs), when this module runs from dist/. */
type Spec = Parameters<typeof Handlebars.template>[0];
interface Precompiled {
  /** Every templates/*.hbs page, by name (report, fleet). */
  pages: Record<string, Spec>;
  partials: Record<string, Spec>;
}

function precompiled(): Precompiled | undefined {
  const file = fileURLToPath(new URL('./templates.generated.cjs', import.meta.url));
  return existsSync(file) ? (require(file) as Precompiled) : undefined;
}

/** One Handlebars environment for every page, with the partials registered once. */
let environment: { hbs: typeof Handlebars; built: Precompiled | undefined } | undefined;

function handlebars(): NonNullable<typeof environment> {
  if (environment) return environment;
  const built = precompiled();
  if (built) {
    const hbs = (require('handlebars/runtime') as typeof Handlebars).create();
    for (const [name, spec] of Object.entries(built.partials)) hbs.registerPartial(name, hbs.template(spec));
    return (environment = { hbs, built });
  }
  const hbs = (require('handlebars') as typeof Handlebars).create();
  const partialsDir = join(packageRoot(), 'templates', 'partials');
  for (const file of readdirSync(partialsDir).filter((f) => f.endsWith('.hbs')).sort()) {
    hbs.registerPartial(file.slice(0, -'.hbs'.length), readAsset(`templates/partials/${file}`));
  }
  return (environment = { hbs, built: undefined });
}

/**
 * A page template (templates/NAME.hbs): precompiled by the build (only Handlebars' runtime is
 * loaded), else compiled from templates/. Callers compile each page once per process.
 */
export function pageTemplate(name: 'report' | 'fleet'): Handlebars.TemplateDelegate {
  const { hbs, built } = handlebars();
  if (built) {
    const spec = built.pages[name];
    if (!spec) throw new Error(`templates/${name}.hbs was not precompiled by the build (scripts/generate.mjs)`);
    return hbs.template(spec);
  }
  // scripts/generate.mjs precompiles with these same options
  return hbs.compile(readAsset(`templates/${name}.hbs`), { strict: false, preventIndent: true });
}

function templates(): Compiled {
  if (compiled) return compiled;
  // blank lines go now, before hashing: the page's own blank-line clean-up must not change the script
  const script = withoutBlankLines(readAsset('templates/report.js').trim());
  if (/<\/script/i.test(script)) throw new Error('templates/report.js must not contain "</script"');
  compiled = {
    page: pageTemplate('report'),
    css: readAsset('templates/report.css').trim(),
    script,
    csp: contentSecurityPolicy(script),
  };
  return compiled;
}

/** No external resource and no script but `script` itself (by its hash): shared by every page we write. */
export function contentSecurityPolicy(script: string): string {
  const scriptHash = createHash('sha256').update(script, 'utf8').digest('base64');
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `script-src 'sha256-${scriptHash}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** `json`: the result's renderJson, when the caller has it already (it is embedded as is). */
export function renderHtml(result: AuditResult, json = renderJson(result)): string {
  const t = templates();
  return pageWithJson((slot) => t.page({ ...buildHtmlView(result), css: t.css, script: t.script, csp: t.csp, json: slot }), json);
}

export function withoutBlankLines(text: string): string {
  return text.replace(/\n[ \t]*(?=\n)/g, '');
}

const JSON_SLOT = '\u0000preflight-json\u0000';

/**
 * A page rendered with `JSON_SLOT` where its embedded JSON goes, without the blank lines template
 * tags leave behind (so the file reads cleanly as source too), then the JSON put in its place. The
 * JSON (JSON.stringify's, which never writes a blank line) is the bulk of the page and is neither
 * templated nor scanned for blank lines: the same bytes as cleaning the whole page, for less work.
 * The slot is the page's last (the JSON follows everything taken from the result).
 */
export function pageWithJson(render: (slot: string) => string, json: string): string {
  const page = withoutBlankLines(render(JSON_SLOT));
  const at = page.lastIndexOf(JSON_SLOT);
  if (at < 0) throw new Error('the page template has no place for the embedded JSON');
  return page.slice(0, at) + embeddableJson(json) + page.slice(at + JSON_SLOT.length);
}

const JSON_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * JSON placed inside <script type="application/json">: escaping `<`, `>` and `&` as \u003c etc.
 * keeps a value like "</script><img onerror=…>" from closing the element, and the escapes are
 * still valid JSON, so `JSON.parse(element.textContent)` gives back the exact result.
 */
export function embeddableJson(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => JSON_ESCAPES[c]!);
}
