// Reports on what was observed and alerted: exceedances, annual maxima, severities, coverage gaps, initiative effect, CSV.
export * from './exceedance';
export * from './annual-maxima';
export * from './severity-at';
export * from './coverage-gaps';
export * from './initiative-effect';
export * from './report-csv';
