/** Exports: a lot's trace as EPCIS 2.0, FSMA 204 KDE spreadsheets, EUDR plot geolocation. */
export { exportRoutes, type ExportRouteDeps } from './exportRoutes';
export { traceDocument } from './lotDocument';
export { eudrReport, type EudrReport, type PlotProblem } from './eudr/eudrReport';
export { fsmaRows, type FsmaRequest } from './fsma204/fsmaReport';
export { toCsv, toXlsx } from './fsma204/spreadsheet';
export { ALL_COLUMNS, KDE_COLUMNS, CTES, CTE_SECTION } from './fsma204/kdeColumns';
export { exportPaths } from './openApiPaths';
