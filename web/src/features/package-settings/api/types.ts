// Hand-written from functions/LoftsDesArts.Http/Packages/PackageContracts.cs (PackageSettingsRequest and
// PackageSettingsResponse) until the committed OpenAPI document has them.

export interface LocalizedTextContract {
  fr: string | null;
  en: string | null;
}

/** Hours emails may go out in, `HH:mm` in the building's time zone. */
export interface SendingHours {
  from: string | null;
  to: string | null;
}

/** GET/PUT /api/buildings/{b}/package-settings: `version` is null until management first saves them. */
export interface PackageSettings {
  version: string | null;
  deskHours: LocalizedTextContract;
  pickupLocation: LocalizedTextContract;
  reminderDays: number[];
  finalNoticeDay: number;
  returnDay: number;
  overdueAfterDays: number;
  sendingHours: SendingHours;
  photoRetentionDays: number;
}

/** The whole settings with the version read; a stale version is refused with 412 `stale`. */
export type PackageSettingsRequest = PackageSettings;
