/** The names of the files the settings rule (settings.ts) looks for. */
export const CONFIG_FILE = '.flowvaultrc.json';
export const BASELINE_FILE = '.flowvault-baseline.json';
