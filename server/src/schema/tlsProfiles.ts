/**
 * The server-side TLS profiles of Mozilla's guidelines (https://wiki.mozilla.org/Security/Server_Side_TLS,
 * version 5.7), as the setting `lighttpd.security.tlsProfile` names them: the oldest protocol each allows and
 * the TLS 1.2 cipher suites it keeps (OpenSSL names; TLS 1.3 suites are all acceptable to every profile).
 * `modern` allows TLS 1.3 only; `intermediate` TLS 1.2 with forward-secret AEAD suites; `old` reaches back to
 * TLS 1.0 with CBC suites and 3DES for very old clients. The data is the guideline's lists; the texts are ours.
 */

export type TlsProfileName = 'modern' | 'intermediate' | 'old';

export interface TlsProfile {
  readonly name: TlsProfileName;
  /** The oldest protocol allowed, as OpenSSL's MinProtocol spells it. */
  readonly minProtocol: 'TLSv1' | 'TLSv1.2' | 'TLSv1.3';
  /** The TLS 1.2 (and older) cipher suites the profile keeps, in its order; empty: no TLS 1.2 at all. */
  readonly ciphers: readonly string[];
  /** Who it is for, in our words. */
  readonly audience: string;
}

const INTERMEDIATE = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
  'DHE-RSA-AES128-GCM-SHA256',
  'DHE-RSA-AES256-GCM-SHA384',
  'DHE-RSA-CHACHA20-POLY1305',
];

export const TLS_PROFILES: Readonly<Record<TlsProfileName, TlsProfile>> = {
  modern: { name: 'modern', minProtocol: 'TLSv1.3', ciphers: [], audience: 'clients that all speak TLS 1.3' },
  intermediate: {
    name: 'intermediate',
    minProtocol: 'TLSv1.2',
    ciphers: INTERMEDIATE,
    audience: 'general-purpose servers (clients of the last several years)',
  },
  old: {
    name: 'old',
    minProtocol: 'TLSv1',
    ciphers: [
      ...INTERMEDIATE,
      'ECDHE-ECDSA-AES128-SHA256',
      'ECDHE-RSA-AES128-SHA256',
      'ECDHE-ECDSA-AES128-SHA',
      'ECDHE-RSA-AES128-SHA',
      'ECDHE-ECDSA-AES256-SHA384',
      'ECDHE-RSA-AES256-SHA384',
      'ECDHE-ECDSA-AES256-SHA',
      'ECDHE-RSA-AES256-SHA',
      'DHE-RSA-AES128-SHA256',
      'DHE-RSA-AES256-SHA256',
      'AES128-GCM-SHA256',
      'AES256-GCM-SHA384',
      'AES128-SHA256',
      'AES256-SHA256',
      'AES128-SHA',
      'AES256-SHA',
      'DES-CBC3-SHA',
    ],
    audience: 'servers that must still serve very old clients (Windows XP, Java 6)',
  },
};

export const TLS_PROFILE_NAMES: readonly string[] = ['modern', 'intermediate', 'old', 'off'];

/** The setting's value as a profile, `off`, or undefined for anything else (the default then applies). */
export function normalizeTlsProfile(v: unknown): TlsProfileName | 'off' | undefined {
  return typeof v === 'string' && TLS_PROFILE_NAMES.includes(v.trim().toLowerCase())
    ? (v.trim().toLowerCase() as TlsProfileName | 'off')
    : undefined;
}

export const DEFAULT_TLS_PROFILE: TlsProfileName = 'intermediate';
