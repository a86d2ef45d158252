// The DMI Open Data client: observations, station lists and DKSS sea-level forecasts over one retrying transport.
import { DmiClientOptions, resolveDmiClientOptions } from './dmi-client-options';
import { DmiHttp, DmiHttpDeps } from './dmi-http';
import { DmiObservationFeature, DmiStationFeature } from './dmi-responses';
import { DmiFeaturePage, fetchFeaturePages } from './feature-pages';
import { DmiObservationApi, DmiObservationQuery, observationItemsUrl } from './observations';
import { checkObservationFeature, checkStationFeature } from './response-validation';
import {
  DkssCollection,
  ForecastRun,
  forecastInstancesUrl,
  parseForecastRuns,
  parseSeaLevelForecast,
  SeaLevelForecast,
  SeaLevelForecastQuery,
  seaLevelPositionUrl,
} from './sea-level-forecast';
import { currentStation, DmiStation, stationItemsUrl } from './stations';

export type DmiObservationPage = DmiFeaturePage<DmiObservationFeature>;

export class DmiClient {
  readonly options: DmiClientOptions;
  private readonly http: DmiHttp;

  constructor(options: Partial<DmiClientOptions> = {}, deps: DmiHttpDeps = {}) {
    this.options = resolveDmiClientOptions(options);
    this.http = new DmiHttp(this.options, deps);
  }

  /**
   * Observation pages, newest first as DMI orders them. Pages are yielded as they arrive so a poller can
   * publish page by page instead of holding a whole storm's worth of values in memory.
   */
  fetchObservationPages(
    api: DmiObservationApi,
    query: DmiObservationQuery,
  ): AsyncGenerator<DmiObservationPage, void, undefined> {
    const limit = query.limit ?? this.options.pageLimit;
    const url = observationItemsUrl(this.options.baseUrl, api, query, limit);
    return fetchFeaturePages<DmiObservationFeature>(this.http, url, limit, checkObservationFeature);
  }

  /** The current record (validTo null) of every station the API lists, active or not. */
  async fetchStations(api: DmiObservationApi): Promise<DmiStation[]> {
    const limit = this.options.pageLimit;
    const url = stationItemsUrl(this.options.baseUrl, api, limit);
    const stations: DmiStation[] = [];
    for await (const page of fetchFeaturePages<DmiStationFeature>(
      this.http,
      url,
      limit,
      checkStationFeature,
    )) {
      for (const feature of page.features) {
        const station = currentStation(feature);
        if (station) stations.push(station);
      }
    }
    return stations;
  }

  /** DKSS sea level (metres) at the model grid point nearest to lon/lat. EDR answers are not paged. */
  async fetchSeaLevelForecast(query: SeaLevelForecastQuery): Promise<SeaLevelForecast> {
    const response = await this.http.getJson(seaLevelPositionUrl(this.options.baseUrl, query));
    return parseSeaLevelForecast(response, query);
  }

  /** Model runs DMI still serves for a collection; pass one's instanceId to pin a forecast to a known run. */
  async listForecastRuns(collection: DkssCollection): Promise<ForecastRun[]> {
    const response = await this.http.getJson(forecastInstancesUrl(this.options.baseUrl, collection));
    return parseForecastRuns(response);
  }
}
