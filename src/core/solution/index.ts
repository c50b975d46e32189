/**
 * Reading solutions: text decoding, format detection, `customizations.xml` desktop flows with
 * exact offset maps, edits mapped back into the XML, solution zips read within limits, and the
 * definition packages of older `Workflows/*.json` files.
 */
export { decodeText, encodeText, type DecodedText, type TextFile, type BinaryFile, type TextEncodingName } from './text';
export { detectFormat, looksLikeRobin, looksLikeSolutionXml, ROBIN_EXTENSIONS, type FileFormat, type DetectOptions } from './detect';
export { readWorkflowPackage, isWorkflowJsonPath, PACKAGE_SCRIPT, PACKED_NOT_EDITABLE, type WorkflowPackage } from './workflowPackage';
export {
  readCustomizations,
  locateInputDefault,
  locateInputValue,
  DESKTOP_FLOW_CATEGORY,
  type CustomizationsResult,
} from './customizations';
export { encodeForDefinition, escapeJsonString, mapDefinitionEdit, decodeDefinition, DefinitionError, DEFAULT_STYLE } from './definition';
export { readZip, DEFAULT_ZIP_LIMITS, type ZipLimits, type ZipOptions, type ZipEntry, type ZipResult } from './zip';
export type { SolutionFlow, EmbeddedDefinition, FlowParameter, FlowParameters, EncodingStyle, TextEdit } from './types';
