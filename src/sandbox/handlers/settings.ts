/**
 * The company-level functions: preferences per application, subscribed applications, financial
 * set-up and entities. In an entity session they answer for that entity where Intacct does.
 */
import { Errors } from '../errors.js';
import { attr, childText, XmlWriter } from '../xml.js';
import { bool, fail, type Handler } from './context.js';

const KNOWN_APPLICATIONS = new Set(['GEN', 'ME', 'GL', 'CM', 'AP', 'AR', 'EE', 'PO', 'SO', 'INV', 'PA', 'CS']);

export const getCompanyPrefs: Handler = (node, ctx) => {
  const app = (attr(node, 'application') ?? childText(node, 'application') ?? '').trim().toUpperCase();
  if (app === '') fail(Errors.invalidArgument('get_companyprefs: the application attribute is required'));
  if (!KNOWN_APPLICATIONS.has(app)) fail(Errors.invalidArgument(`get_companyprefs: unknown application '${app}'`));
  const fixture = ctx.company.fixture;
  // An entity session answers from the entity's own preferences when the fixture has them.
  const entityPrefs = ctx.entity ? fixture.entityPreferences?.[ctx.entity]?.[app] : undefined;
  const prefs = entityPrefs ?? fixture.preferences[app] ?? {};
  const entries = Object.entries(prefs);
  const w = new XmlWriter();
  w.open('data', { listtype: 'companypref', count: entries.length });
  for (const [preference, value] of entries) {
    w.open('companypref').leaf('application', app).leaf('preference', preference).leaf('prefvalue', value).close('companypref');
  }
  w.close('data');
  return { xml: w.toString(), rows: 0 };
};

export const getApplications: Handler = (_node, ctx) => {
  const apps = ctx.company.fixture.applications;
  const w = new XmlWriter();
  w.open('data', { listtype: 'application', count: apps.length });
  for (const a of apps) w.leaf('application', a);
  w.close('data');
  return { xml: w.toString(), rows: 0 };
};

export const getFinancialSetup: Handler = (_node, ctx) => {
  const fs = ctx.company.fixture.financialSetup;
  const entity = ctx.entity ? ctx.company.entity(ctx.entity) : undefined;
  const w = new XmlWriter();
  w.open('data').open('financialSetup');
  w.leaf('baseCurrency', entity ? entity.currency : fs.multiBaseCurrency ? '' : fs.baseCurrency)
    .leaf('defaultBook', fs.defaultBook ?? 'ACCRUAL')
    .leaf('firstFiscalMonth', fs.firstFiscalMonth ?? 'January')
    .leaf('multiBaseCurrency', bool(fs.multiBaseCurrency))
    .leaf('multiBook', bool(fs.multiBook ?? false))
    .leaf('multiCurrency', bool(fs.multiCurrency))
    .leaf('multiEntityShared', bool(fs.multiEntityShared ?? ctx.company.fixture.entities.length > 0));
  w.close('financialSetup').close('data');
  return { xml: w.toString(), rows: 0 };
};

export const readEntityDetails: Handler = (_node, ctx) => {
  const fixture = ctx.company.fixture;
  const entities = ctx.entity ? fixture.entities.filter((e) => e.id === ctx.entity) : fixture.entities;
  const w = new XmlWriter();
  w.open('data', { listtype: 'entity', count: entities.length });
  for (const e of entities) {
    w.open('entity')
      .leaf('id', e.id)
      .leaf('name', e.name)
      .leaf('recordno', e.recordno)
      .leaf('currency', e.currency || fixture.financialSetup.baseCurrency)
      .leaf('firstfiscalmonth', fixture.financialSetup.firstFiscalMonth ?? 'January')
      .leaf('firstfiscaltaxmonth', fixture.financialSetup.firstFiscalMonth ?? 'January')
      .leaf('weekstart', 'Sunday')
      .close('entity');
  }
  w.close('data');
  return { xml: w.toString(), rows: 0 };
};
