/** The fake Dataverse: see service.ts (routing), tables.ts (schema), seed.ts (scenario rows). */
export { DataverseService } from './service';
export type { DataverseHandler, DataverseRequest } from './service';
export { TABLES, tableBySet } from './tables';
export type { Row, TableSchema } from './tables';
