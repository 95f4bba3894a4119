/**
 * Sampler commands as they cross to a sampler worker: each observation travels once. Every
 * `suggest` and `fit` command carries the whole history, and structured-cloning it for each of
 * them cost the page's main thread about 1 s per 1000-run experiment, growing with the square of
 * the runs (`npm run bench:ui -- --profile`: comlink's postMessage). The sender remembers which
 * observation objects (the scheduler makes one per ended run record and keeps it) a worker already
 * has; a command carries only the new ones and the history's order as their numbers. The receiver
 * in the worker keeps every observation it was sent and rebuilds the command as it was.
 *
 * One sender per worker, one receiver in it; messages to a worker arrive in the order sent, so
 * the receiver always has what the sender counts on.
 */
import type { Observation } from '../sampling';
import type { SamplerCommand } from './types';

/** The history of a command as sent: observations new to the worker, and every entry's number. */
export interface HistoryDelta {
  /** Observations the worker has not been sent before; they get the next numbers, in this order. */
  readonly added: readonly Observation[];
  /** The history: the number of each observation, in history order. */
  readonly order: Int32Array;
}

/** A sampler command with its history replaced by a delta. */
export type WireSamplerCommand =
  | { readonly type: 'suggest'; readonly batch: Omit<Extract<SamplerCommand, { type: 'suggest' }>['batch'], 'history'>; readonly history: HistoryDelta }
  | { readonly type: 'fit'; readonly size: number; readonly snapshot: Omit<Extract<SamplerCommand, { type: 'fit' }>['snapshot'], 'history'>; readonly history: HistoryDelta };

/** The page's side: turns commands into wire commands for one worker. */
export class HistorySender {
  private readonly numbers = new Map<Observation, number>();

  /** The wire form of `command`; from now on the worker is counted as having its observations. */
  encode(command: SamplerCommand): WireSamplerCommand {
    if (command.type === 'suggest') {
      const { history, ...batch } = command.batch;
      return { type: 'suggest', batch, history: this.delta(history) };
    }
    const { history, ...snapshot } = command.snapshot;
    return { type: 'fit', size: command.size, snapshot, history: this.delta(history) };
  }

  private delta(history: readonly Observation[]): HistoryDelta {
    const added: Observation[] = [];
    const order = new Int32Array(history.length);
    history.forEach((observation, i) => {
      let number = this.numbers.get(observation);
      if (number === undefined) {
        number = this.numbers.size;
        this.numbers.set(observation, number);
        added.push(observation);
      }
      order[i] = number;
    });
    return { added, order };
  }
}

/** The worker's side: rebuilds the commands one sender encoded. */
export class HistoryReceiver {
  private readonly known: Observation[] = [];

  /** The command `wire` was made from. */
  decode(wire: WireSamplerCommand): SamplerCommand {
    const history = this.history(wire.history);
    if (wire.type === 'suggest') return { type: 'suggest', batch: { ...wire.batch, history } };
    return { type: 'fit', size: wire.size, snapshot: { ...wire.snapshot, history } };
  }

  private history(delta: HistoryDelta): Observation[] {
    this.known.push(...delta.added);
    return Array.from(delta.order, (number) => {
      const observation = this.known[number];
      if (observation === undefined) throw new Error(`sampler worker: observation ${number} was never sent (${this.known.length} known)`);
      return observation;
    });
  }
}
