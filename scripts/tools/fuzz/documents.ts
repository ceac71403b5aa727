/** Document number i of a run: a mutated seed most of the time, a heavy document in a few fixed slots. */
import { HEAVY, HEAVY_NAMES } from './heavy';
import { mutate } from './mutations';
import { Rng } from './rng';
import type { Seed } from './seeds';

export interface FuzzDocument {
  index: number;
  origin: string;
  mutations: string[];
  text: string;
  extension: 'yaml' | 'json';
  languageId: string;
  heavy: boolean;
}

export interface Schedule {
  count: number;
  /** a heavy document every this many; 0 turns them off */
  heavyEvery: number;
  /** how many 60 MB documents, spread over the run */
  slowHeavy: number;
}

/** The indexes of the slow heavy documents: evenly spread, never the first few, so a quick run shows other faults first. */
function slowSlots(schedule: Schedule): Set<number> {
  const slots = new Set<number>();
  if (schedule.heavyEvery <= 0) return slots;
  for (let k = 1; k <= schedule.slowHeavy; k++) slots.add(Math.floor((schedule.count * k) / (schedule.slowHeavy + 1)));
  return slots;
}

export function makeDocument(seed: number, index: number, seeds: Seed[], schedule: Schedule): FuzzDocument {
  const rng = Rng.forDocument(seed, index);
  if (slowSlots(schedule).has(index)) {
    const made = HEAVY.dump60MB();
    return { index, origin: `heavy:${made.name}`, mutations: [], text: made.text, extension: made.extension, languageId: made.extension, heavy: true };
  }
  if (schedule.heavyEvery > 0 && index % schedule.heavyEvery === schedule.heavyEvery - 1) {
    const name = HEAVY_NAMES[Math.floor(index / schedule.heavyEvery) % HEAVY_NAMES.length];
    const made = HEAVY[name]();
    // Some heavy documents also get a light mutation, so their edges get broken too.
    const mutated = rng.chance(0.3) ? mutate(made.text, rng) : { text: made.text, applied: [] };
    return { index, origin: `heavy:${name}`, mutations: mutated.applied, text: mutated.text, extension: made.extension, languageId: made.extension, heavy: true };
  }
  const base = rng.pick(seeds);
  const { text, applied } = mutate(base.text, rng);
  // Now and then the extension lies about the content, as a renamed file does.
  const extension = rng.chance(0.1) ? (base.extension === 'json' ? 'yaml' : 'json') : base.extension;
  return { index, origin: base.name, mutations: applied, text, extension, languageId: extension, heavy: false };
}
