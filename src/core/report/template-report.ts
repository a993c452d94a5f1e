/**
 * `--format template --template '…'`: a report shaped by the user, as Trivy's Go
 * templates allow, with Handlebars (`{{#each findings}}{{id}} {{package.name}}{{/each}}`).
 * The data is the JSON report (docs/report-json.md), so the fields are documented
 * and stable. Output is not HTML-escaped, as Go's text/template does not; use the
 * `escapeXml` helper when writing markup. Handlebars loads only for this format.
 */
import { createRequire } from 'node:module';
import type HandlebarsModule from 'handlebars';
import { BulwarkError } from '../errors.js';
import { buildJsonReport } from './json-report.js';
import type { ReportFormat } from './report-types.js';
import { escapeXml } from './xml-escape.js';

const require = createRequire(import.meta.url);

function engine(): typeof HandlebarsModule {
  const handlebars = (require('handlebars') as typeof HandlebarsModule).create();
  handlebars.registerHelper({
    upper: (s: unknown) => String(s ?? '').toUpperCase(),
    lower: (s: unknown) => String(s ?? '').toLowerCase(),
    join: (list: unknown, separator: unknown) =>
      Array.isArray(list) ? list.join(typeof separator === 'string' ? separator : ', ') : '',
    json: (value: unknown) => JSON.stringify(value),
    escapeXml: (s: unknown) => escapeXml(String(s ?? '')),
    eq: (a: unknown, b: unknown) => a === b,
  });
  return handlebars;
}

export const templateReport: ReportFormat = {
  name: 'template',
  description: 'your own text, from --template (Handlebars over the JSON report)',
  write(result, opts = {}) {
    if (!opts.template)
      throw new BulwarkError('USAGE', '--format template needs --template TEXT or --template @FILE');
    const handlebars = engine();
    let render: HandlebarsModule.TemplateDelegate;
    try {
      render = handlebars.compile(opts.template, { noEscape: true, strict: false });
      return render(buildJsonReport(result, opts));
    } catch (err) {
      if (err instanceof BulwarkError) throw err;
      const why = (err as Error).message.split('\n')[0];
      throw new BulwarkError('USAGE', `--template: ${why}`, { cause: err });
    }
  },
};
