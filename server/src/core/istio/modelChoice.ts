import type { IstioModel } from '../model/types';
import { compareIstioVersions, minorVersionOf } from './versions';

/** How the Istio version the user targets relates to the model its resources are checked against. */
export interface IstioVersionContext {
  /** The pinned Istio version (major.minor); undefined when the user asked for "latest". */
  target?: string;
  /**
   * The newest model older than the target, when the target falls between two models: `model` (the newer one) does
   * the checking, and a field it has that this one lacks may or may not exist in the target.
   */
  olderModel?: IstioModel;
  /** The target predates every model, so the oldest one stands in for it. */
  beforeOldestModel?: boolean;
}

export interface IstioModelChoice extends IstioVersionContext {
  model: IstioModel;
}

/** A model the runtime can load, with the Istio version (major.minor) it was generated from. */
export interface IstioModelEntry {
  version: string;
  load: () => IstioModel;
}

/**
 * Picks the model for the targeted Istio version from `entries` (newest first), loading only what it returns:
 * "latest", an unreadable version or one at least as new as the newest model gets the newest model; an exact match
 * gets its own; one between two models gets the newer with the older beside it; one older than all gets the oldest.
 */
export function chooseIstioModel(setting: string | undefined, entries: readonly IstioModelEntry[]): IstioModelChoice {
  const target = setting && setting.trim() !== 'latest' ? minorVersionOf(setting) : undefined;
  const newest = entries[0];
  if (!target || compareIstioVersions(target, newest.version) >= 0) {
    return target ? { model: newest.load(), target } : { model: newest.load() };
  }
  for (let i = 1; i < entries.length; i++) {
    const entry = entries[i];
    const order = compareIstioVersions(target, entry.version);
    if (order === 0) return { model: entry.load(), target };
    if (order > 0) return { model: entries[i - 1].load(), target, olderModel: entry.load() };
  }
  return { model: entries[entries.length - 1].load(), target, beforeOldestModel: true };
}

/** "1.18.0" → "1.18", for messages that speak of minor versions. */
export function modelMinorVersion(model: IstioModel): string {
  return minorVersionOf(model.source.istioVersion) ?? model.source.istioVersion;
}
