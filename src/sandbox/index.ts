/** The sandbox gateway's public surface: start a server, load or generate fixture companies. */
export { startSandbox, type Sandbox, type SandboxOptions, type ReceivedFunction, type Fault } from './server.js';
export { loadCompany, listCompanies, validateCompany, FixtureError, companiesDir } from './companies.js';
export { generateCompany, recordCount, type GenerateOptions } from './generate.js';
export { modelledServerTimeMs, functionServerMs } from './cost.js';
export type { CompanyFixture, FixtureObject, FixtureField, FixtureEntity, FixtureTable, FixtureColumn } from './fixture.js';
