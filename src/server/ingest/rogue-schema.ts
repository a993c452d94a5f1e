/** The `rogue` object of container details (see rogue.ts for what each list means). */
import { Type } from 'typebox';

const Vuln = Type.Object({ qid: Type.Integer(), id: Type.String(), severity: Type.Integer() });
const Soft = Type.Object({ name: Type.String(), version: Type.String() });

export const RogueReport = Type.Object(
  {
    vulnerabilities: Type.Object({
      new: Type.Array(Vuln, { description: 'in the container, not in its image' }),
      fixed: Type.Array(Vuln, { description: 'in the image, not in the container' }),
      varied: Type.Array(Vuln, { description: 'in both, found in different packages or versions' }),
    }),
    software: Type.Object({
      new: Type.Array(Soft, { description: 'in the container, not in its image' }),
      removed: Type.Array(Soft, { description: 'in the image, not in the container' }),
    }),
  },
  { description: 'null until both the container and its image have an SBOM' },
);
