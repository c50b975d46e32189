/**
 * API keys in the path of a URL (secret-in-url): key-shaped segments after a key word, a version
 * or `/api/` are reported at their exact range; resource ids, hashes, dates, versions, slugs,
 * file names and SharePoint/Graph paths are not.
 */
import * as assert from 'node:assert/strict';
import { lintText } from '../../../src/core/lint';
import { pathKeys } from '../../../src/core/lint/url-path-keys';
import { assertFindings, assertQuiet, lintRobin, makeCustomizations, rangeOf } from './helpers';

const RULE = 'secret-in-url';

const invoke = (url: string): string => `Web.InvokeWebService.InvokeWebService Url: $'''${url}''' Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False Cookies=> Cookies UserAgent: $'''Mozilla''' Encoding: Web.EncodingType.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> Headers Response=> Response StatusCode=> StatusCode`;
const download = (url: string): string => `Web.DownloadFromWeb.DownloadToFolder Url: $'''${url}''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False UserAgent: $'''''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False DestinationFolder: $'''C:\\Temp''' DownloadedFile=> File`;
const browse = (url: string): string => `WebAutomation.GoToWebPage.GoToWebPage BrowserInstance: Browser Url: $'''${url}''' WaitForPageToLoadTimeout: 60`;

/** Labelled positives: [statement, the key it holds]. */
const KEYS: readonly (readonly [string, string])[] = [
  // 24 hex digits after a version segment (exchangerate-api.com's shape).
  [invoke('https://v6.exchangerate-api.com/v6/3f1e0c9a7b2d4e6f8a0b1c2d/latest/USD'), '3f1e0c9a7b2d4e6f8a0b1c2d'],
  // 32 hex digits after /api/.
  [invoke('https://weather.example.com/api/9b2e4f6a8c0d1e3f5a7b9c1d3e5f7a9b/forecast/London'), '9b2e4f6a8c0d1e3f5a7b9c1d3e5f7a9b'],
  // 40 hex digits after /v1/, in a download.
  [download('https://data.example.net/v1/0a1b2c3d4e5f60718293a4b5c6d7e8f901234567/export.csv'), '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567'],
  // Upper-case hex after /v1.0/.
  [invoke('https://rates.example.com/v1.0/7F3A9C1E5B2D4F6A8C0E1B3D5F7A9C2E/rates'), '7F3A9C1E5B2D4F6A8C0E1B3D5F7A9C2E'],
  // base62 with upper case, lower case and digits after /v2/.
  [invoke('https://api.example.io/v2/Xk7pQ2mR9sT4vW1yZ3bN6cD8/items'), 'Xk7pQ2mR9sT4vW1yZ3bN6cD8'],
  // Lower case and digits after /api/, in a browser URL.
  [browse('https://dash.example.com/api/k4j8h2g6f1d9s3a7q5w0e2r8t6y4u1i3/view'), 'k4j8h2g6f1d9s3a7q5w0e2r8t6y4u1i3'],
  // After /key/ (IFTTT webhooks' shape).
  [invoke('https://maker.ifttt.com/trigger/door_open/with/key/bNq3xYp8LkT0aZcV2sR7uW'), 'bNq3xYp8LkT0aZcV2sR7uW'],
  // A GUID after /apikey/ is the key.
  [invoke('https://status.example.com/apikey/a81f2c9e-4d7b-4e1a-9c3f-6b2d8e0f1a7c/status'), 'a81f2c9e-4d7b-4e1a-9c3f-6b2d8e0f1a7c'],
  // After /token/, base64url.
  [invoke('https://push.example.com/token/Lr5_tY8-kP2wQ9zX4vB7nM1c/send'), 'Lr5_tY8-kP2wQ9zX4vB7nM1c'],
  // A name=value path segment.
  [invoke('https://api.example.com/data/apikey=Qx81LmZ2pT7r/latest'), 'Qx81LmZ2pT7r'],
  // A URL inside a script.
  [`Scripting.RunPowershellScript.RunScript Script: $'''Invoke-RestMethod -Uri "https://v6.exchangerate-api.com/v6/ab12cd34ef56ab78cd90ef12/latest/EUR"''' ScriptOutput=> o`, 'ab12cd34ef56ab78cd90ef12'],
  // A URL variable without a scheme.
  ["SET EndpointUrl TO $'''api.example.com/v3/Zr8TqL2wX5nB7vK1mP4sY9dC/quotes?symbol=MSFT'''", 'Zr8TqL2wX5nB7vK1mP4sY9dC'],
];

/** Labelled negatives: URLs whose paths hold no key. */
const NOT_KEYS: readonly string[] = [
  // Resource ids and GUIDs.
  'https://management.azure.com/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv?api-version=2023-07-01',
  'https://graph.microsoft.com/v1.0/users/0b1f6471-1bf0-4dda-aec3-cb9272f09590/messages',
  'https://graph.microsoft.com/v1.0/0b1f6471-1bf0-4dda-aec3-cb9272f09590/users',
  'https://api.example.com/api/v2/orders/5f8d0d55b54764421b7156c9',
  'https://prod-12.westeurope.logic.azure.com:443/workflows/9b2e4f6a8c0d1e3f5a7b9c1d3e5f7a9b/triggers/manual/paths/invoke?api-version=2016-06-01&sv=1.0&sig=%Sig%',
  'https://kv.vault.azure.net/secrets/DbPassword/9b2e4f6a8c0d1e3f5a7b9c1d3e5f7a9b?api-version=7.4',
  'https://kv.vault.azure.net/keys/RsaSigningKey2048/3f1e0c9a7b2d4e6f8a0b1c2d3e4f5a6b',
  // Numeric ids.
  'https://api.example.com/v1/123456789012345678901234/orders',
  'https://api.example.com/v1/orders/98765432109876543210',
  // Content hashes in CDN paths, package versions, git SHAs.
  'https://cdn.example.com/v1/assets/app.3f1e0c9a7b2d.js',
  'https://cdn.example.com/api/app.3f1e0c9a7b2d4e6f8a0b1c2d.min.js',
  'https://cdn.jsdelivr.net/npm/pkg@1.2.3/dist/pkg.min.js',
  'https://github.com/contoso/flows/commit/0a1b2c3d4e5f60718293a4b5c6d7e8f901234567',
  'https://github.com/contoso/flows/blob/0a1b2c3d4e5f60718293a4b5c6d7e8f901234567/README.md',
  'https://raw.githubusercontent.com/contoso/flows/0a1b2c3d4e5f60718293a4b5c6d7e8f901234567/flow.robin',
  // Dates and versions.
  'https://api.example.com/v1/2024-01-15/rates',
  'https://api.example.com/v1.2.3/rates',
  'https://api.example.com/api/v1.2.3-beta.4/',
  // Slugs with words, function names.
  'https://blog.example.com/api/my-long-article-title-here-2024',
  'https://news.example.com/v2/introducing-the-new-release-2024-edition',
  'https://fn.azurewebsites.net/api/ProcessInvoicesV2Handler?code=%FunctionKey%',
  'https://docs.example.com/key/getting-started-guide',
  'https://auth.example.com/token/RefreshAccessTokenEndpoint',
  // Base64-looking image names.
  'https://cdn.example.com/v1/iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB.png',
  'https://img.example.com/thumbs/Zm9vYmFyYmF6cXV4MTIzNDU2',
  'https://img.example.com/v1/images/aGVsbG8gd29ybGQgaGVsbG8/large',
  // SharePoint and Graph paths.
  "https://contoso.sharepoint.com/sites/Finance/_api/web/lists/GetByTitle('Invoices')/items",
  'https://graph.microsoft.com/v1.0/sites/contoso.sharepoint.com,2C712604-1370-44E7-A1F5-426573FDA80A,2D2244C3-251A-49EA-93A8-39E1C3A060FE/drives/b!BhRxLHATQ0Sh9UJlc_2oCsNEIi0aUepJkAjZHowCaC4/items/01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K',
  'https://graph.microsoft.com/v1.0/me/drive/items/01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K/content',
  // Interpolated keys and placeholders.
  'https://v6.exchangerate-api.com/v6/%ApiKey%/latest/USD',
  'https://v6.exchangerate-api.com/v6/%Credential.Password%/latest/USD',
  'https://v6.exchangerate-api.com/v6/YOUR-API-KEY/latest/USD',
  'https://maker.ifttt.com/trigger/door_open/with/key/XXXXXXXXXXXXXXXXXXXXXX',
  'https://maker.ifttt.com/trigger/door_open/with/key/{your_key_here}',
];

describe('lint rule secret-in-url: keys in URL paths', () => {
  it('positive: key-shaped segments after a version, /api/, /key/, /apikey/, /token/, and apikey= segments', () => {
    const text = KEYS.map(([statement]) => statement).join('\n');
    const r = lintRobin(text);
    assertFindings(text, r, KEYS.map(([, key]) => ({ ruleId: RULE, secret: key, severity: 'error' as const, kind: 'api-key' as const })));
    const exchange = r.findings.find((f) => f.range.start === rangeOf(text, KEYS[0][1]).start);
    assert.equal(exchange?.message, "Hard-coded key in the path of a URL, after '/v6/' (argument 'Url' of Web.InvokeWebService.InvokeWebService). Keep it in a credential and interpolate it.");
    assert.equal(exchange?.placement, 'embedded');
  });

  it('negative: resource ids, GUIDs, numeric ids, hashes, dates, versions, slugs, image names, SharePoint/Graph paths', () => {
    for (const url of NOT_KEYS) {
      const r = lintRobin(invoke(url));
      assert.deepEqual(r.findings.map((f) => `${f.ruleId}: ${f.message}`), [], url);
    }
  });

  it('each negative holds no key for pathKeys either, whatever statement holds it', () => {
    for (const url of NOT_KEYS) {
      const path = url.slice(url.indexOf('/', url.indexOf('://') + 3) + 1).split(/[?#]/)[0];
      assert.deepEqual(pathKeys(path, 0, path.length), [], url);
    }
  });

  it('positive: inside a solution, at the exact file range', () => {
    const url = 'https://v6.exchangerate-api.com/v6/5c7e9a1b3d5f7e9a1c3b5d7f/latest/EUR';
    const xml = makeCustomizations([{ name: 'Rates', definition: invoke(url) + '\r\n' }]);
    const r = lintText('solution/customizations.xml', xml);
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.range]), [[RULE, rangeOf(xml, '5c7e9a1b3d5f7e9a1c3b5d7f')]]);
    assert.ok(!r.findings[0].message.includes('5c7e9a1b3d5f7e9a1c3b5d7f'));
  });

  it('negative: prose with a URL, and key-shaped paths that are not URLs (a file path, a text without scheme outside a URL argument)', () => {
    assertQuiet(lintRobin([
      "SET Note TO $'''See https://docs.example.com/v1/reference for the rates API'''",
      "SET Path TO $'''C:\\\\Flows\\\\v6\\\\3f1e0c9a7b2d4e6f8a0b1c2d\\\\out.csv'''",
      "Text.SplitText.Split Text: $'''v6/3f1e0c9a7b2d4e6f8a0b1c2d''' StandardDelimiter: Text.StandardDelimiter.NewLine DelimiterTimes: 1 Result=> Parts",
    ].join('\n')));
  });
});
