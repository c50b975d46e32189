/** Where flow files are looked for in a workspace (the workspace scan, the Credentials view's "used by"). */
export const FLOW_GLOBS = ['**/*.robin', '**/*.powerautomate', '**/*.flow', '**/*.pad', '**/*.txt', '**/customizations.xml', '**/Workflows/*.json'];
