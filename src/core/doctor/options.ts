/** Thresholds of the checks. */
export interface DoctorOptions {
  /** A heartbeat older than this warns that the machine is probably offline. */
  readonly heartbeatStaleMinutes: number;
  /** A secret expiring within this many days warns. */
  readonly secretExpiringDays: number;
}

export const DEFAULT_DOCTOR_OPTIONS: DoctorOptions = Object.freeze({ heartbeatStaleMinutes: 10, secretExpiringDays: 30 });
