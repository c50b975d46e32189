/** The help texts of `flow-vault`. */

export const MAIN_USAGE = `Usage: flow-vault <command> [options]

Finds hard-coded passwords, keys and tokens in Power Automate for desktop flows.

Commands:
  lint [paths...]   Lint flow files, folders, globs and solution zips (default: .)
  doctor [paths...] Check machine registration and the Key Vault credentials flows use
  rules             List the rules with their ids and descriptions
  help [command]    Show help for a command

Options:
  -h, --help        Show help
  --version         Print the version

Run "flow-vault help lint" for the lint options and exit codes.
`;

export const LINT_USAGE = `Usage: flow-vault lint [options] [paths...]

Lints desktop-flow definitions for hard-coded secrets. Each path may be a file, a folder or a
glob (quote globs so that the shell leaves them alone). Folders are searched recursively for
*.robin, *.powerautomate, *.flow, *.pad, *.txt files that hold Robin script (and the files of
robinFileGlobs in .flowvaultrc.json that do), customizations.xml, Workflows/*.json and *.zip
solution exports; node_modules and .git are skipped; binary files are counted, not linted.
Default path: the current folder.

Output:
  -f, --format NAME      stylish (default), json or sarif (SARIF 2.1.0)
  -o, --output FILE      Write the report to FILE instead of standard output
  --quiet                Report errors only (warnings and infos are neither shown nor counted)
  --max-warnings N       Exit 1 when there are more than N warnings
  --color, --no-color    Force or disable colours (default: on when the output is a terminal)
  --no-progress          No progress line on standard error for large trees

Configuration:
  -c, --config FILE      Use FILE for every file (default: each file's nearest
                         .flowvaultrc.json, in its folder or above)
  -b, --baseline FILE    Baseline of accepted findings for every file (default: the one
                         the config names, else .flowvault-baseline.json beside the config;
                         with no config, the nearest .flowvault-baseline.json upward)
  --no-baseline          Ignore the baseline file
  --write-baseline       Accept every current finding into the baseline file and exit 0

Speed:
  -j, --concurrency N    Threads that lint: a number, or auto (the default: one thread
                         per 64 MB of input, at most one per CPU core). The environment
                         variable FLOW_VAULT_CONCURRENCY sets it too. The report is the same.

  -h, --help             Show this help

Exit codes:
  0  No findings of error severity, and no more warnings than --max-warnings allows
  1  At least one error finding, or more warnings than --max-warnings (warnings alone do
     not fail the run unless --max-warnings is given)
  2  Usage error, a configuration or baseline that cannot be read, or a file that cannot
     be read

Problems inside a file (a statement that does not parse, a refused zip entry) are reported for
that file and do not stop the run. Secret values are never printed: every format shows only
where a secret is and what kind it is.
`;

export const RULES_USAGE = `Usage: flow-vault rules [--format stylish|json]

Lists every rule: its id, default severity, whether it has a quick fix in the editor, and what
it finds.
`;

export const DOCTOR_USAGE = `Usage: flow-vault doctor [options] [paths...]

Checks what must hold before a desktop flow's Get credential actions work: the machine's
registration, group and status, this computer's Power Automate service, proxy and network
(Windows), the environment and tenant, and for each credential its Key Vault reference, the
resource provider, the Dataverse service principal's access, the vault's network and the secret.
Paths are flow files, folders, globs and solution zips: the credentials their Get credential
actions name are checked. With no paths and no --credential, the flows of the current folder
name them, or, when they name none, every credential of the environment is checked.

Where:
  -e, --environment URL|NAME   The Power Platform environment (its URL or name; default: the
                               only one the identity can see)
  -m, --machine NAME           The machine that runs the flows (default: this computer's name)
  -c, --credential NAME        A credential to check (repeat for more)
  --cloud public|china|usgov   The cloud (default: public)
  -t, --tenant ID              The tenant (default: AZURE_TENANT_ID, or the sign-in's tenant)

Output:
  -f, --format NAME            text (default), json ({ checks, summary }; schema in
                               schemas/doctor-report.schema.json) or markdown (a support ticket)
  --timeout SECONDS            How long each read may take (default 15); a read that takes
                               longer is reported as timed out and the other checks still run
  --color, --no-color          Force or disable colours
  -h, --help                   Show this help

Sign-in: a service principal from AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET or
AZURE_CLIENT_CERTIFICATE_PATH (a PEM file, as @azure/identity reads them), else the Azure CLI's
account ("az login").

Exit codes:
  0  No check failed (warnings and skipped checks do not fail the run)
  1  At least one check failed
  2  Usage error, sign-in failed, or the environment could not be chosen

Nothing printed holds a secret value: checks read secrets' attributes, never their values.
`;
