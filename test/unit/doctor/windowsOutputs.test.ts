import * as assert from 'assert';
import { parseServiceConfig, parseServiceState, parseWinHttpProxy } from '../../../src/core/doctor';
import { fixture } from './facts';

describe('doctor/windowsOutputs: recorded outputs of sc.exe and netsh', () => {
  it('reads the service configuration: start type, account, binary', () => {
    assert.deepStrictEqual(parseServiceConfig(fixture('sc-qc-default.txt')), {
      installed: true,
      startTypeCode: 2,
      startType: 'AUTO_START',
      account: 'NT SERVICE\\UIFlowService',
      binaryPath: '"C:\\Program Files (x86)\\Power Automate Desktop\\UIFlowService.exe"',
      displayName: 'Power Automate service',
    });
    const domain = parseServiceConfig(fixture('sc-qc-domain-account.txt'));
    assert.ok(domain?.installed && domain.account === 'CONTOSO\\svc-rpa');
    const disabled = parseServiceConfig(fixture('sc-qc-disabled.txt'));
    assert.ok(disabled?.installed && disabled.startTypeCode === 4 && disabled.startType === 'DISABLED');
  });

  it('knows a service that is not installed (error 1060) from sc qc and sc query', () => {
    assert.deepStrictEqual(parseServiceConfig(fixture('sc-not-installed.txt')), { installed: false });
    assert.deepStrictEqual(parseServiceState(fixture('sc-not-installed.txt')), { installed: false });
  });

  it('reads the running, stopped and start-pending states by their codes', () => {
    assert.deepStrictEqual(parseServiceState(fixture('sc-query-running.txt')), { installed: true, stateCode: 4, state: 'RUNNING', exitCode: 0 });
    assert.deepStrictEqual(parseServiceState(fixture('sc-query-stopped.txt')), { installed: true, stateCode: 1, state: 'STOPPED', exitCode: 1067 });
    assert.deepStrictEqual(parseServiceState(fixture('sc-query-start-pending.txt')), { installed: true, stateCode: 2, state: 'START_PENDING', exitCode: 0 });
  });

  it('reads the WinHTTP proxy: direct, or server and bypass list, in English and German', () => {
    assert.deepStrictEqual(parseWinHttpProxy(fixture('netsh-proxy-direct.txt')), { direct: true });
    assert.deepStrictEqual(parseWinHttpProxy(fixture('netsh-proxy-server.txt')), { direct: false, server: 'proxy.contoso.com:8080', bypass: '<local>;*.contoso.com' });
    assert.deepStrictEqual(parseWinHttpProxy(fixture('netsh-proxy-direct-de.txt')), { direct: true });
    assert.deepStrictEqual(parseWinHttpProxy(fixture('netsh-proxy-server-de.txt')), { direct: false, server: 'proxy.contoso.de:3128', bypass: '(keine)' });
  });

  it('returns undefined for output it does not recognise', () => {
    assert.strictEqual(parseServiceConfig('Access is denied.'), undefined);
    assert.strictEqual(parseServiceState('[SC] OpenSCManager FAILED 5:\r\n\r\nAccess is denied.'), undefined);
    assert.strictEqual(parseWinHttpProxy(''), undefined);
    assert.strictEqual(parseWinHttpProxy('garbage'), undefined);
  });
});
