// The demo (`npm start`, scripts/demo.sh): Flow Vault installed from its VSIX into a real VS Code
// (code-server), on a copy of the example flows, at http://127.0.0.1:PORT until Ctrl+C, with a
// local fake Azure cloud signed in as a demo service principal.
//
// Env: PORT (default 8080, else a free port), FLOW_VAULT_DEMO_WORKSPACE (a folder to copy
// instead of examples/).
import * as path from 'path';
import { startFakeCloudForVsCode } from '../fake-azure/forVsCode';
import { VsCodeSession } from '../vscode-server/session';
import { repoRoot, tail } from '../vscode-server/util';

async function main(): Promise<void> {
  const preferredPort = Number(process.env.PORT) || 8080;
  const source = path.resolve(process.env.FLOW_VAULT_DEMO_WORKSPACE || path.join(repoRoot, 'examples'));
  const session = new VsCodeSession({ prefix: 'fv-demo-', workspaceSource: source, preferredPort });
  session.closeOnSignals();

  // The fake Azure cloud starts here, before VS Code, and its endpoints and test CA reach the
  // extension host through the environment passed to start() below. Flow Vault signs in with
  // the demo service principal that FLOW_VAULT_DEMO_SP names, so the Key Vault and Credentials
  // views are populated without an Azure account. (It stops with this process.)
  const cloud = await startFakeCloudForVsCode();
  console.log(`Fake Azure cloud (demo scenario) on ${cloud.fake.proxyUrl}; Flow Vault signs in as service principal ${cloud.fake.credentials.name}.`);

  try {
    const server = await session.start(cloud.env);
    if (server.options.port !== preferredPort) {
      console.log(`(port ${preferredPort} is taken: using ${server.options.port})`);
    }
    console.log('');
    console.log(`Flow Vault is running in VS Code at ${server.workbenchUrl()}`);
    console.log('');
    console.log(`  Workspace: ${session.workspace} (a copy of ${path.relative(repoRoot, source) || source}; edits stay in the copy and go at exit)`);
    console.log(`  Log:       ${session.logFile}`);
    console.log('  Press Ctrl+C to stop.');
    // Keep running until Ctrl+C (closeOnSignals ends everything); say so if VS Code dies first.
    for (;;) {
      await new Promise((r) => setTimeout(r, 1000));
      if (!server.alive()) {
        console.error(`\nVS Code stopped unexpectedly. Last lines of its log:\n${tail(session.logFile)}`);
        await session.close();
        process.exit(1);
      }
    }
  } catch (err) {
    console.error(`The demo could not start: ${err instanceof Error ? err.message : String(err)}`);
    await session.close();
    await cloud.close();
    process.exit(1);
  }
}

void main();
