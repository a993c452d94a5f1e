/**
 * CycloneDX 1.6 XML, for tools that take only XML (older Dependency-Track setups,
 * some procurement portals). Written from the same document model as the JSON
 * encoder, so the two never disagree; element order follows the official XSD, which
 * the tests validate against with xmllint.
 */
import { escapeXml as x } from '../../report/xml-escape.js';
import type { Property } from './bulwark-properties.js';
import { buildCycloneDx } from './cyclonedx-encoder.js';
import type { CdxBom, CdxComponent, CdxDependency, CdxLicenseChoice } from './cyclonedx-types.js';
import type { SbomFormat } from './format-types.js';

const indent = (depth: number) => '  '.repeat(depth);

function leaf(depth: number, tag: string, value: string | number | undefined): string[] {
  return value === undefined ? [] : [`${indent(depth)}<${tag}>${x(String(value))}</${tag}>`];
}

function properties(depth: number, list: readonly Property[] | undefined): string[] {
  if (!list || list.length === 0) return [];
  return [
    `${indent(depth)}<properties>`,
    ...list.map((p) => `${indent(depth + 1)}<property name="${x(p.name)}">${x(p.value)}</property>`),
    `${indent(depth)}</properties>`,
  ];
}

function licenses(depth: number, list: readonly CdxLicenseChoice[] | undefined): string[] {
  if (!list || list.length === 0) return [];
  const items = list.map((choice) => {
    if ('expression' in choice) return `${indent(depth + 1)}<expression>${x(choice.expression)}</expression>`;
    const inner =
      'id' in choice.license ? `<id>${x(choice.license.id)}</id>` : `<name>${x(choice.license.name)}</name>`;
    return `${indent(depth + 1)}<license>${inner}</license>`;
  });
  return [`${indent(depth)}<licenses>`, ...items, `${indent(depth)}</licenses>`];
}

export function componentXml(depth: number, c: CdxComponent): string[] {
  return [
    `${indent(depth)}<component type="${x(c.type)}" bom-ref="${x(c['bom-ref'])}">`,
    ...leaf(depth + 1, 'group', c.group),
    ...leaf(depth + 1, 'name', c.name),
    ...leaf(depth + 1, 'version', c.version),
    ...leaf(depth + 1, 'description', c.description),
    ...licenses(depth + 1, c.licenses),
    ...leaf(depth + 1, 'purl', c.purl),
    ...properties(depth + 1, c.properties),
    `${indent(depth)}</component>`,
  ];
}

function dependencyXml(d: CdxDependency): string[] {
  const inner = (d.dependsOn ?? []).map((ref) => `${indent(3)}<dependency ref="${x(ref)}"/>`);
  return inner.length === 0
    ? [`${indent(2)}<dependency ref="${x(d.ref)}"/>`]
    : [`${indent(2)}<dependency ref="${x(d.ref)}">`, ...inner, `${indent(2)}</dependency>`];
}

export function bomXml(bom: CdxBom, extra: string[] = []): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<bom xmlns="http://cyclonedx.org/schema/bom/1.6" serialNumber="${x(bom.serialNumber)}" version="${bom.version}">`,
    `${indent(1)}<metadata>`,
    ...leaf(2, 'timestamp', bom.metadata.timestamp),
    `${indent(2)}<tools>`,
    `${indent(3)}<components>`,
    ...bom.metadata.tools.components.flatMap((c) => componentXml(4, c)),
    `${indent(3)}</components>`,
    `${indent(2)}</tools>`,
    ...componentXml(2, bom.metadata.component),
    ...properties(2, bom.metadata.properties),
    `${indent(1)}</metadata>`,
    `${indent(1)}<components>`,
    ...bom.components.flatMap((c) => componentXml(2, c)),
    `${indent(1)}</components>`,
    `${indent(1)}<dependencies>`,
    ...bom.dependencies.flatMap(dependencyXml),
    `${indent(1)}</dependencies>`,
    ...extra,
    '</bom>',
  ];
  return `${lines.join('\n')}\n`;
}

export const cyclonedxXml: SbomFormat = {
  name: 'cyclonedx-xml',
  description: 'CycloneDX 1.6 XML',
  encode: (sbom, opts) => bomXml(buildCycloneDx(sbom, opts).bom),
};
