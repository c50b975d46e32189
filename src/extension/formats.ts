/** Format sniffing from the core, re-exported for the host. */
export { looksLikeRobin, detectFormat, isWorkflowJsonPath } from '../core/solution';
export { looksLikeSolutionXml } from '../core/solution/detect';
