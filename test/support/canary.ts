/**
 * One distinctive secret value, planted everywhere Flow Vault reads secrets (flows, solution XML,
 * solution zips, a Key Vault secret in the fake cloud), and looked for everywhere Flow Vault writes
 * (reports, stderr, baselines, logs, the fake cloud's request log, the workbench's text). Every
 * test stage takes it from here. Nothing may print it: `findCanary` says where it leaked, never
 * what it saw.
 */
import { makeZip } from './zip-writer';

/**
 * Letters, digits and a dash: the same in Robin, JSON, XML and URLs, so any escaping still shows
 * it. No word in it, and an upper-case letter in every 6-character piece, so that no path, hex
 * fingerprint or message can hold a piece by chance.
 */
export const CANARY = 'Zq7vK3mW-x9TpL2nR8bY4';

/** A leak of part of the value counts too (a "masked" value that keeps its ends, a cut-off quote). */
const PIECE = 6;

/** Whether `text` holds the canary or any 6-character piece of it. */
export function hasCanary(text: string): boolean {
  for (let i = 0; i + PIECE <= CANARY.length; i++) {
    if (text.includes(CANARY.slice(i, i + PIECE))) return true;
  }
  return false;
}

/** Throws, naming only `where`, when `text` holds the canary or a piece of it. */
export function assertNoCanary(where: string, text: string): void {
  if (hasCanary(text)) throw new Error(`the canary secret (or a piece of it) leaked into ${where}`);
}

/** A flow with the canary as a password argument, in a connection string and in a variable. */
export function canaryRobin(eol = '\n'): string {
  return [
    '# Sends the nightly report. The password is planted here for the leak tests.',
    `SET ReportPassword TO $'''${CANARY}'''`,
    `Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp.example.com''' Port: 587 EnableSSL: True Username: $'''robot@example.com''' Password: $'''${CANARY}''' From: $'''robot@example.com''' To: $'''ops@example.com''' Subject: $'''Nightly report''' Body: $'''See attachment''' IsBodyHtml: False`,
    `Database.Connect.Connect ConnectionString: $'''Server=db.example.com;Database=Ops;User ID=robot;Password=${CANARY};''' Connection=> SqlConnection`,
    '',
  ].join(eol);
}

/** Robin that does not parse, with the canary in the broken statement (error messages must not quote it). */
export function canaryBrokenRobin(): string {
  return [`FTP.OpenSecureConnection.ConnectWithSftpUsernameAndPassword Host: $'''h''' Password: $'''${CANARY}`, `IF ${CANARY} = THEN`, ''].join('\n');
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An unpacked solution's customizations.xml whose desktop flow holds the canary flow. */
export function canaryCustomizationsXml(): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    '  <Workflows>',
    '    <Workflow WorkflowId="{6f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b}" Name="Nightly report">',
    '      <Type>1</Type>',
    '      <Category>6</Category>',
    '      <UIFlowType>2</UIFlowType>',
    `      <Definition>${xmlEscape(JSON.stringify(canaryRobin('\r\n')))}</Definition>`,
    '    </Workflow>',
    '    <Workflow WorkflowId="{7a1b2c3d-4e5f-4a6b-9c8d-1e2f3a4b5c6d}" Name="Broken definition">',
    '      <Type>1</Type>',
    '      <Category>6</Category>',
    '      <UIFlowType>2</UIFlowType>',
    // Not JSON (a bad escape right after the value): the decoding error must not quote it.
    `      <Definition>"SET Pwd TO $'''${CANARY}''' \\q"</Definition>`,
    '    </Workflow>',
    '  </Workflows>',
    '</ImportExportXml>',
    '',
  ].join('\r\n');
}

/** The files of a workspace with the canary in every form Flow Vault reads, by relative path. */
export function canaryFiles(): { path: string; data: Buffer }[] {
  const xml = canaryCustomizationsXml();
  return [
    { path: 'canary/nightly-report.robin', data: Buffer.from(canaryRobin(), 'utf8') },
    { path: 'canary/copied-from-designer.txt', data: Buffer.from(canaryRobin('\r\n'), 'utf8') },
    { path: 'canary/broken.robin', data: Buffer.from(canaryBrokenRobin(), 'utf8') },
    { path: 'canary/solution/customizations.xml', data: Buffer.from(xml, 'utf8') },
    {
      path: 'canary/NightlyReport_1_0_0_0.zip',
      data: makeZip([
        { name: 'solution.xml', data: '<ImportExportXml><SolutionManifest><UniqueName>NightlyReport</UniqueName></SolutionManifest></ImportExportXml>' },
        { name: 'customizations.xml', data: xml },
        { name: 'Workflows/NightlyReport-6F0C1A2B-3C4D-4E5F-8A9B-0C1D2E3F4A5B.json', data: '{"properties":{"definition":{}}}' },
      ]),
    },
  ];
}

/** Where the fake cloud keeps the canary as a Key Vault secret's value (the demo scenario's vault). */
export const CANARY_SECRET = { vault: 'kv-contoso-rpa-prod', name: 'nightly-report-smtp' } as const;
