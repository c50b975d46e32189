import * as assert from 'assert';
import { UsageError } from '../../../src/cli/args';
import { parseDoctorArgs } from '../../../src/cli/doctor-args';
import { accountFromEnvironment } from '../../../src/cli/doctor-signin';
import { AZURE_CLOUDS } from '../../../src/azure/clouds';

describe('cli: flow-vault doctor options and sign-in', () => {
  it('reads every option, with repeated --credential and the cloud names', () => {
    const o = parseDoctorArgs(['-e', 'https://contoso.crm4.dynamics.com', '--machine', 'RPA-VM-01', '-c', 'A', '--credential', 'B c', '--cloud', 'china', '-f', 'json', '--timeout', '2.5', 'flows', 'x.zip']);
    assert.strictEqual(o.environment, 'https://contoso.crm4.dynamics.com');
    assert.strictEqual(o.machine, 'RPA-VM-01');
    assert.deepStrictEqual(o.credentials, ['A', 'B c']);
    assert.strictEqual(o.cloud.name, 'AzureChinaCloud');
    assert.strictEqual(o.format, 'json');
    assert.strictEqual(o.timeoutSeconds, 2.5);
    assert.deepStrictEqual(o.paths, ['flows', 'x.zip']);
    assert.strictEqual(parseDoctorArgs(['--cloud', 'usgov']).cloud.name, 'AzureUSGovernment');
    assert.strictEqual(parseDoctorArgs([]).cloud.name, 'AzureCloud');
    assert.strictEqual(parseDoctorArgs([]).format, 'text');
  });

  it('refuses what it cannot use, saying what to write instead', () => {
    const cases: [string[], RegExp][] = [
      [['--format', 'sarif'], /Use one of: text, json, markdown/],
      [['--cloud', 'mars'], /Use public, china or usgov/],
      [['--timeout', '0'], /greater than 0/],
      [['--timeout', 'soon'], /greater than 0/],
      [['--environment', ' '], /--environment needs a value/],
      [['--credential', ''], /--credential needs a credential name/],
      [['--nope'], /Unknown option/],
    ];
    for (const [args, message] of cases) {
      assert.throws(() => parseDoctorArgs(args), (e: unknown) => e instanceof UsageError && message.test(e.message), args.join(' '));
    }
  });

  it('signs in as the service principal of the AZURE_* variables, else with the Azure CLI', () => {
    const cloud = AZURE_CLOUDS.AzureCloud;
    const tenant = '8f3c2a1e-5b7d-4c9e-a1f2-3d4e5f6a7b8c';
    const client = '3f8b2c6d-9e1a-4b7c-8d5e-0f1a2b3c4d5e';
    const sp = accountFromEnvironment({ AZURE_TENANT_ID: tenant, AZURE_CLIENT_ID: client, AZURE_CLIENT_SECRET: 'x' }, cloud);
    assert.ok('account' in sp && sp.account.kind === 'servicePrincipal' && sp.tenantId === tenant);
    const cert = accountFromEnvironment({ AZURE_TENANT_ID: tenant, AZURE_CLIENT_ID: client, AZURE_CLIENT_CERTIFICATE_PATH: '/tmp/sp.pem' }, cloud);
    assert.ok('account' in cert && cert.account.kind === 'servicePrincipal');
    const cli = accountFromEnvironment({ AZURE_TENANT_ID: tenant }, cloud);
    assert.ok('account' in cli && cli.account.kind === 'azureCli' && cli.tenantId === tenant);
    const half = accountFromEnvironment({ AZURE_CLIENT_ID: client, AZURE_CLIENT_SECRET: 'x' }, cloud);
    assert.ok('error' in half && /AZURE_TENANT_ID is not set/.test(half.error));
    const pw = accountFromEnvironment({ AZURE_TENANT_ID: tenant, AZURE_CLIENT_ID: client, AZURE_CLIENT_CERTIFICATE_PATH: '/tmp/sp.pem', AZURE_CLIENT_CERTIFICATE_PASSWORD: 'p' }, cloud);
    assert.ok('error' in pw && /without a password/.test(pw.error));
    assert.ok(!JSON.stringify(half).includes('"x"'));
  });
});
