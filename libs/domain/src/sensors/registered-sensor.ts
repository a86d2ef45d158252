// A sensor the municipality registered: which station its values are recorded under, and how to convert them.
import type { ParameterId } from '../observations/observation';

export interface RegisteredSensor {
  /** The device's own id (TTN `end_device_ids.device_id`, or the id in our batch format). */
  sensorId: string;
  /** Every observation of this sensor is recorded under this station; its credential is scoped to it. */
  stationId: string;
  /** What a distance sensor measures: the level of the sea or of a stream/basin. */
  levelParameter?: Extract<ParameterId, 'sea_level' | 'water_level'>;
  /** Mount elevation of an ultrasonic sensor, metres DVR90: level = elevation − distance. */
  elevationM?: number;
}
