import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEMO_SP_ENV, parseDemoServicePrincipal, readDemoServicePrincipal } from '../../../src/azure/auth/demo';

const tenantId = '8f3c2a1e-5b7d-4c9e-a1f2-3d4e5f6a7b8c';
const clientId = '3f8b2c6d-9e1a-4b7c-8d5e-0f1a2b3c4d5e';

describe('azure/auth/demo', () => {
  it('reads the fake cloud first line shape and our own shape', () => {
    const a = parseDemoServicePrincipal({ proxyUrl: 'http://127.0.0.1:1', tenantId, clientId, clientSecret: 's' });
    assert.deepStrictEqual(a?.secret, { kind: 'secret', clientSecret: 's' });
    const b = parseDemoServicePrincipal({ identity: { tenant: tenantId, appId: clientId, certificatePath: '/x.pem', name: 'demo' }, cloud: 'AzureChinaCloud' });
    assert.deepStrictEqual(b?.secret, { kind: 'certificate', certificatePath: '/x.pem' });
    assert.strictEqual(b?.cloud?.name, 'AzureChinaCloud');
    assert.strictEqual(b?.displayName, 'demo');
  });

  it('refuses incomplete or malformed input', () => {
    assert.strictEqual(parseDemoServicePrincipal({ tenantId, clientId }), undefined);
    assert.strictEqual(parseDemoServicePrincipal({ tenantId: 'contoso', clientId, clientSecret: 's' }), undefined);
    assert.strictEqual(parseDemoServicePrincipal('x'), undefined);
  });

  it('reads only the file the process environment names', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fv-demo-'));
    const file = path.join(dir, 'sp.json');
    fs.writeFileSync(file, JSON.stringify({ tenantId, clientId, clientSecret: 's' }));
    try {
      assert.strictEqual(readDemoServicePrincipal({}), undefined);
      assert.strictEqual(readDemoServicePrincipal({ [DEMO_SP_ENV]: file })?.clientId, clientId);
      assert.strictEqual(readDemoServicePrincipal({ [DEMO_SP_ENV]: path.join(dir, 'missing.json') }), undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
