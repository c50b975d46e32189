/**
 * Test inputs for older solution exports (PAD 2.35): a `Workflows/*.json` whose
 * `properties.definition.package` is a base64 zip holding `script.robin`, and a solution zip
 * holding that JSON beside a stub, image repository data (PNG bytes in a `.txt`) and a
 * `customizations.xml` without definitions. Built with the project's zip writer.
 */
import { makeZip } from './zip-writer';

/** The hard-coded password planted in the packed script (tests check it never leaks). */
export const PACKED_SECRET = 'Pk9-packed-Pa55';

export const PACKED_SCRIPT = [
  '@@copilotGeneratedAction: \'False\'',
  'SET Server TO $\'\'\'smtp.contoso.com\'\'\'',
  `Email.SendEmail.AuthenticateAndSend SMTPServer: Server Port: 587 EnableSSL: True Username: $'''robot''' Password: $'''${PACKED_SECRET}''' AcceptUntrustedCertificates: False From: $'''a@b.c''' SendTo: $'''d@e.f''' Subject: $'''x''' Body: $'''y''' IsBodyHtml: False`,
  '',
].join('\r\n');

/** 1-based line and column of the secret inside `PACKED_SCRIPT`. */
export function secretPosition(script = PACKED_SCRIPT, secret = PACKED_SECRET): { line: number; column: number } {
  const at = script.indexOf(secret);
  const before = script.slice(0, at).split(/\r\n|\n/);
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** The base64 package: a zip of script.robin and the repositories beside it. */
export function packageBase64(script = PACKED_SCRIPT): string {
  return makeZip([
    { name: 'script.robin', data: script },
    { name: 'controlRepo.appmask', data: '{"Screens":[],"Version":1}' },
    { name: 'imageRepo.imgrepo', data: '{"Folders":[],"Images":[],"Version":1}' },
    { name: 'flow.manifest', data: '{"ModuleReferences":[]}' },
  ]).toString('base64');
}

/** A Workflows JSON of a PAD 2.35 export, its definition packed; the JSON escapes `/` as `\/`, as exporters may. */
export function packedWorkflowJson(script = PACKED_SCRIPT): string {
  const json = JSON.stringify({
    properties: {
      connectionReferences: {},
      definition: { package: packageBase64(script) },
      inputs: { schema: { required: null, properties: {}, type: 'object' } },
      outputs: { schema: { properties: {}, type: 'object' } },
    },
    schemaversion: 'ROBIN_20211012',
  }, null, 2);
  return json.replace(/\//g, '\\/');
}

/** The 205-byte stub of newer exports: nothing packed. */
export const STUB_WORKFLOW_JSON =
  '{"properties":{"definition":{"package":""},"inputs":{"schema":{"required":null,"properties":{},"type":"object"}},"outputs":{"schema":{"properties":{},"type":"object"}}},"schemaversion":"ROBIN_202208_DVRS"}';

/** The start of a PNG image: binary (NUL bytes), as image repository data is. */
export const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);

export const PACKED_JSON_ENTRY = 'Workflows/RPAChallenge-916F7126-0000-0000-0000-000000000001.json';

const CUSTOMIZATIONS = `<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Entities /><Workflows /></ImportExportXml>`;

/** A solution zip: the packed JSON, a stub JSON, two image repository `.txt` entries of PNG data. */
export function solutionZipWithPackage(script = PACKED_SCRIPT): Buffer {
  return makeZip([
    { name: '[Content_Types].xml', data: '<?xml version="1.0" encoding="utf-8"?><Types />' },
    { name: 'customizations.xml', data: CUSTOMIZATIONS },
    { name: PACKED_JSON_ENTRY, data: packedWorkflowJson(script) },
    { name: 'Workflows/Stub-B1B933BF-5746-4C79-9B99-12DA65958023.json', data: STUB_WORKFLOW_JSON },
    { name: 'desktopflowbinaries/0533c8b9-0000/data/ImageRepository_0533c8b9.txt', data: PNG_BYTES },
    { name: 'desktopflowbinaries/06a14f7a-0000/data/ImageRepository_06a14f7a.txt', data: PNG_BYTES },
  ]);
}
