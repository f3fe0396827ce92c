/** Types of the generated schema tables (see scripts/gen-schema.mjs). */

/** lighttpd's T_CONFIG_* value types, lower-cased. */
export type DirectiveType =
  | 'string'
  | 'short'
  | 'int'
  | 'boolean'
  | 'array'
  | 'array-kvany'
  | 'array-kvarray'
  | 'array-kvstring'
  | 'array-vlist';

/**
 * server: only honoured at global scope; connection: may be set in any condition;
 * socket: global scope or directly inside `$SERVER["socket"] == ...`.
 */
export type DirectiveScope = 'server' | 'connection' | 'socket';

export interface DirectiveInfo {
  readonly key: string;
  /** Primary module, or "core" for keys the server itself consumes. */
  readonly module: string;
  /** Every module that consumes the key (TLS keys are shared by all TLS modules). */
  readonly modules: readonly string[];
  readonly type: DirectiveType;
  readonly scope: DirectiveScope;
  readonly since: string;
  readonly deprecated?: string;
  /** Name of an entry in ENUMS describing allowed values. */
  readonly enum?: string;
  readonly typeVariants?: Readonly<Record<string, string>>;
}

export interface RemovedDirectiveInfo {
  readonly key: string;
  readonly module: string;
  readonly removedIn: string;
  readonly note: string;
}

export interface ModuleInfo {
  readonly name: string;
  readonly status: 'current' | 'removed';
  readonly since: string;
  readonly purpose: string | null;
  readonly keys: readonly string[];
  readonly removedIn?: string;
  readonly replacement?: string | null;
  readonly implicitLoad?: string;
  readonly builtin?: boolean;
}

export interface ModuleLoadingInfo {
  readonly implicit: Readonly<Record<string, string>>;
  readonly builtinSince: string | null;
  readonly builtinModules: readonly string[];
  readonly orderingConstraints: readonly { rule: string; severity: string; since: string | null }[];
}
