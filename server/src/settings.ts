/** Settings pulled from the client (`lighttpd.*`), with defaults for clients that send none. */
export interface ServerSettings {
  readonly validate: { readonly enable: boolean; readonly delay: number };
}

export const DEFAULT_SETTINGS: ServerSettings = {
  validate: { enable: true, delay: 200 },
};

/** Merges what the client sent over the defaults, ignoring values of the wrong type. */
export function normalizeSettings(raw: unknown): ServerSettings {
  const r = (raw ?? {}) as { validate?: { enable?: unknown; delay?: unknown } };
  const enable = typeof r.validate?.enable === 'boolean' ? r.validate.enable : DEFAULT_SETTINGS.validate.enable;
  const delayRaw = r.validate?.delay;
  const delay = typeof delayRaw === 'number' && Number.isFinite(delayRaw) ? Math.min(5000, Math.max(0, delayRaw)) : DEFAULT_SETTINGS.validate.delay;
  return { validate: { enable, delay } };
}
