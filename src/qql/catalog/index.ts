/** The one list of QQL entities and their token catalogs. Adding an entity: one file, one line. */
import { containersCatalog } from './containers.js';
import { eventsCatalog } from './events.js';
import { imagesCatalog } from './images.js';
import { registriesCatalog } from './registries.js';
import { sensorsCatalog } from './sensors.js';
import { softwareCatalog } from './software.js';
import type { QqlEntityCatalog } from './types.js';
import { vulnerabilitiesCatalog } from './vulnerabilities.js';

export const qqlCatalogs = {
  images: imagesCatalog,
  containers: containersCatalog,
  events: eventsCatalog,
  sensors: sensorsCatalog,
  registries: registriesCatalog,
  vulnerabilities: vulnerabilitiesCatalog,
  software: softwareCatalog,
} as const satisfies Record<string, QqlEntityCatalog>;

export type QqlEntity = keyof typeof qqlCatalogs;
