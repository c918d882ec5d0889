/** A typed event emitter whose listeners cannot break each other (a throwing listener is reported, not fatal). */
export class Emitter<M> {
  private readonly listeners = new Map<keyof M, Set<(v: never) => void>>();

  on<K extends keyof M>(event: K, fn: (value: M[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const f = fn as (v: never) => void;
    set.add(f);
    return () => {
      set!.delete(f);
    };
  }

  emit<K extends keyof M>(event: K, value: M[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const fn of [...set]) {
      try {
        (fn as (v: M[K]) => void)(value);
      } catch (e) {
        setTimeout(() => {
          throw e;
        }, 0);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
