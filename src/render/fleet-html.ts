/**
 * index.html of a fleet run: one self-contained page like the report (inline CSS and script, the
 * index embedded as JSON, a CSP that allows nothing external), with every company's row worst
 * first, filters by outcome and verdict, and links to each company's own report.
 */
import type Handlebars from 'handlebars';
import { renderFleetJson } from '../fleet/index-file.js';
import type { FleetIndex } from '../fleet/index-model.js';
import { readAsset } from '../package.js';
import { buildFleetView } from './fleet-view.js';
import { contentSecurityPolicy, pageTemplate, pageWithJson, withoutBlankLines } from './html.js';

let compiled: { page: Handlebars.TemplateDelegate; css: string; script: string; csp: string } | undefined;

function templates(): NonNullable<typeof compiled> {
  if (compiled) return compiled;
  const script = withoutBlankLines(readAsset('templates/fleet.js').trim());
  if (/<\/script/i.test(script)) throw new Error('templates/fleet.js must not contain "</script"');
  compiled = {
    page: pageTemplate('fleet'),
    // The report's look, plus the few rules of the index table.
    css: `${readAsset('templates/report.css').trim()}\n${readAsset('templates/fleet.css').trim()}`,
    script,
    csp: contentSecurityPolicy(script),
  };
  return compiled;
}

export function renderFleetHtml(index: FleetIndex): string {
  const t = templates();
  return pageWithJson((slot) => t.page({ ...buildFleetView(index), css: t.css, script: t.script, csp: t.csp, json: slot }), renderFleetJson(index));
}
