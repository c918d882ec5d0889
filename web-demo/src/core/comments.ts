import type { Comment } from './types.js';

export const COMMENT_CAP = 200;
/** Ids remembered beyond the visible list, so a late replay of an old comment is still recognised. */
const SEEN_CAP = 2000;

/**
 * The merged chat: deduplicated by `id` (a replay after a reconnect or reload repeats nothing),
 * oldest first, the latest {@link COMMENT_CAP} kept. The list is replaced, never mutated, so
 * snapshots handed out stay valid.
 */
export class CommentLog {
  private list: Comment[] = [];
  private readonly seen = new Set<string>();

  get all(): Comment[] {
    return this.list;
  }

  /** Adds the comments not seen before; returns the new ones that made it into the list, in order. */
  add(incoming: Comment[]): Comment[] {
    const fresh: Comment[] = [];
    for (const c of incoming) {
      if (!c || typeof c.id !== 'string' || this.seen.has(c.id)) continue;
      this.seen.add(c.id);
      fresh.push(c);
    }
    if (fresh.length === 0) return fresh;
    let next = this.list.concat(fresh);
    if (next.some((c, i) => i > 0 && c.timestamp < next[i - 1]!.timestamp)) {
      next = next.slice().sort((a, b) => a.timestamp - b.timestamp); // stable: equal timestamps keep arrival order
    }
    if (next.length > COMMENT_CAP) next = next.slice(next.length - COMMENT_CAP);
    while (this.seen.size > SEEN_CAP) this.seen.delete(this.seen.values().next().value as string);
    this.list = next;
    const kept = new Set(next);
    return fresh.filter((c) => kept.has(c));
  }
}
