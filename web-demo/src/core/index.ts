export { RestreamStudio } from './studio.js';
export { RestreamError, ClientCodes, isRestreamError } from './errors.js';
export { COMMENT_CAP } from './comments.js';
export type {
  Broadcast,
  BroadcastState,
  Comment,
  Connection,
  GoLiveParams,
  Job,
  JobStatus,
  Overlay,
  Platform,
  RestreamErrorLike,
  RestreamOptions,
  SendResult,
  StudioEvents,
  StudioState,
  Viewers,
} from './types.js';
