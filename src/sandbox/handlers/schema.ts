/** The metadata functions: `lookup` and `inspect` describe an object's fields (`inspect *` lists the objects). */
import { STANDARD_OBJECTS } from '../objects.js';
import { attr, childText, XmlWriter } from '../xml.js';
import { bool, requireObject, type Handler } from './context.js';

export const lookup: Handler = (node, ctx, fn) => {
  const obj = requireObject(ctx, fn, childText(node, 'object'));
  const w = new XmlWriter();
  w.open('data', { listtype: 'All', count: 1 });
  w.open('Type', { Name: obj.name, DocumentType: childText(node, 'docparid') ?? '' });
  w.open('Fields');
  for (const f of obj.fields) {
    w.open('Field');
    w.leaf('ID', f.ID).leaf('LABEL', f.LABEL).leaf('DESCRIPTION', f.DESCRIPTION).leaf('REQUIRED', bool(f.REQUIRED)).leaf('READONLY', bool(f.READONLY)).leaf('DATATYPE', f.DATATYPE);
    if (f.VALIDVALUES && f.VALIDVALUES.length > 0) {
      w.open('VALIDVALUES');
      for (const v of f.VALIDVALUES) w.leaf('VALIDVALUE', v);
      w.close('VALIDVALUES');
    }
    w.leaf('ISCUSTOM', bool(f.ISCUSTOM));
    w.close('Field');
  }
  w.close('Fields');
  w.empty('Relationships');
  w.close('Type');
  w.close('data');
  return { xml: w.toString(), rows: 0 };
};

export const inspect: Handler = (node, ctx, fn) => {
  const name = (childText(node, 'object') ?? '').trim();
  const detail = attr(node, 'detail') === '1' || attr(node, 'detail') === 'true';
  const w = new XmlWriter();
  if (name === '*') {
    // Lists every object regardless of permissions and subscriptions, as documented.
    const names = [...new Set([...STANDARD_OBJECTS, ...ctx.company.objects.keys()])].sort();
    w.open('data', { listtype: 'All', count: names.length });
    for (const n of names) w.leaf('type', ctx.company.object(n)?.label ?? n, { typename: n });
    w.close('data');
    return { xml: w.toString(), rows: 0 };
  }
  const obj = requireObject(ctx, fn, name);
  w.open('data', { listtype: 'All', count: 1 });
  w.open('Type', { Name: obj.name });
  w.open('Fields');
  for (const f of obj.fields) {
    if (!detail) {
      w.leaf('Field', f.ID);
      continue;
    }
    w.open('Field');
    w.leaf('Name', f.ID).leaf('GroupName', '').leaf('dataType', f.DATATYPE).leaf('externalDataName', f.ID).leaf('isRequired', bool(f.REQUIRED)).leaf('isReadOnly', bool(f.READONLY)).leaf('maxLength', '').leaf('DisplayLabel', f.LABEL).leaf('Description', f.DESCRIPTION).leaf('id', f.ID).leaf('isCustom', bool(f.ISCUSTOM));
    if (f.VALIDVALUES && f.VALIDVALUES.length > 0) {
      w.open('validValues');
      for (const v of f.VALIDVALUES) w.leaf('validValue', v);
      w.close('validValues');
    }
    w.close('Field');
  }
  w.close('Fields');
  w.close('Type');
  w.close('data');
  return { xml: w.toString(), rows: 0 };
};
