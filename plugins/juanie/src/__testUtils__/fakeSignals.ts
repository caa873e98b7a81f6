import type { SignalApi } from '@backstage/plugin-signals-react';

type Listener = Parameters<SignalApi['subscribe']>[1];

/** A signal API whose messages the test sends with `publish`. */
export function fakeSignals() {
  const listeners = new Map<string, Set<Listener>>();
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      const listener = onMessage as Listener;
      const set = listeners.get(channel) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(channel, set);
      return { unsubscribe: () => set.delete(listener) };
    },
  };
  const publish = (channel: string, message: Parameters<Listener>[0]) =>
    listeners.get(channel)?.forEach(listener => listener(message));
  return { api, publish };
}
