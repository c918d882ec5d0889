import * as React from 'react';
import { RestreamStudio } from '../core/studio.js';
import { SERVER_STATE } from '../core/util.js';
import type {
  Comment,
  Connection,
  GoLiveParams,
  Job,
  Overlay,
  RestreamErrorLike,
  RestreamOptions,
  SendResult,
  StudioState,
  Viewers,
} from '../core/types.js';

export { RestreamStudio } from '../core/studio.js';
export { RestreamError, ClientCodes, isRestreamError } from '../core/errors.js';
export { COMMENT_CAP } from '../core/comments.js';
export type * from '../core/types.js';

export interface UseRestreamResult {
  connections: Connection[];
  job: Job | null;
  viewers: Viewers;
  comments: Comment[];
  error: RestreamErrorLike | null;
  /** Whether the event stream is open right now. */
  streamOpen: boolean;
  connect(platform: string): Promise<Connection | undefined>;
  disconnect(platform: string): Promise<void>;
  listConnections(): Promise<Connection[]>;
  arm(opts: { destinations: string[] }): void;
  goLive(params: GoLiveParams): Promise<Job>;
  stopLive(): Promise<Job>;
  refreshJob(): Promise<Job | null>;
  sendChat(message: string, platforms?: string[]): Promise<SendResult[]>;
  updateOverlay(opts: Overlay): Promise<Job>;
  clearError(): void;
  /** The controller underneath (pass it to `useLiveChat` / `useViewers`). */
  studio: RestreamStudio;
}

type Subscribe = (fn: () => void) => () => void;

/** React 18+ has useSyncExternalStore; on React 17 an effect-based equivalent does the same job. */
function useStoreShim<T>(subscribe: Subscribe, getSnapshot: () => T): T {
  const [, bump] = React.useReducer((n: number) => n + 1, 0);
  const value = getSnapshot();
  React.useEffect(() => {
    bump(); // a change between render and subscription is not lost
    return subscribe(bump);
  }, [subscribe]);
  return value;
}

const useStore: <T>(subscribe: Subscribe, getSnapshot: () => T, getServerSnapshot: () => T) => T =
  (React as { useSyncExternalStore?: typeof React.useSyncExternalStore }).useSyncExternalStore ?? useStoreShim;

const serverState = (): StudioState => SERVER_STATE;

function optionsKey(o: RestreamOptions): string {
  return JSON.stringify([o.apiBase, o.publishableKey ?? null, o.userId ?? null, o.tokenEndpoint ?? null, o.timeoutMs ?? null]);
}

/**
 * One studio per component and set of options. Nothing starts during render (server rendering
 * touches no browser global): the effect holds the studio, which opens its stream and restores
 * connections and the current job; unmounting releases it, which closes the stream and clears its
 * timers (StrictMode's mount, unmount, mount leaves exactly one stream).
 */
export function useRestream(options: RestreamOptions): UseRestreamResult {
  const key = optionsKey(options);
  const ref = React.useRef<{ key: string; studio: RestreamStudio } | null>(null);
  if (ref.current === null || ref.current.key !== key) ref.current = { key, studio: new RestreamStudio(options) };
  const studio = ref.current.studio;
  React.useEffect(() => studio.hold(), [studio]);
  const state = useStore(studio.subscribe, studio.getSnapshot, serverState);
  return React.useMemo(
    () => ({
      ...state,
      connect: studio.connect,
      disconnect: studio.disconnect,
      listConnections: studio.listConnections,
      arm: studio.arm,
      goLive: studio.goLive,
      stopLive: studio.stopLive,
      refreshJob: studio.refreshJob,
      sendChat: studio.sendChat,
      updateOverlay: studio.updateOverlay,
      clearError: studio.clearError,
      studio,
    }),
    [state, studio],
  );
}

/** The linked accounts, with connect/disconnect. */
export function useConnections(options: RestreamOptions): {
  connections: Connection[];
  connect(platform: string): Promise<Connection | undefined>;
  disconnect(platform: string): Promise<void>;
  refresh(): Promise<Connection[]>;
} {
  const r = useRestream(options);
  return { connections: r.connections, connect: r.connect, disconnect: r.disconnect, refresh: r.listConnections };
}

function useSlice<T>(studio: RestreamStudio, pick: (s: StudioState) => T): T {
  React.useEffect(() => studio.hold(), [studio]);
  const get = React.useCallback(() => pick(studio.getSnapshot()), [studio, pick]);
  const getServer = React.useCallback(() => pick(SERVER_STATE), [pick]);
  return useStore(studio.subscribe, get, getServer);
}

const pickComments = (s: StudioState) => s.comments;
const pickViewers = (s: StudioState) => s.viewers;

/** Merged chat of a studio (e.g. `useRestream(...).studio`): the latest 200, oldest first, and `send`. */
export function useLiveChat(studio: RestreamStudio): {
  comments: Comment[];
  send(message: string, platforms?: string[]): Promise<SendResult[]>;
} {
  const comments = useSlice(studio, pickComments);
  const send = React.useCallback((m: string, p?: string[]) => studio.sendChat(m, p), [studio]);
  return { comments, send };
}

/** Merged viewer counts of a studio. */
export function useViewers(studio: RestreamStudio): { viewers: Viewers } {
  return { viewers: useSlice(studio, pickViewers) };
}
