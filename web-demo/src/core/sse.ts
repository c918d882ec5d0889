/** One parsed Server-Sent Event. */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Reads a `text/event-stream` body (WHATWG SSE parsing: `event:`, `data:`, `id:`, comment lines,
 * CR/LF/CRLF line ends) and calls `onEvent` for each dispatched event and `onActivity` for every
 * chunk (pings included), until the body ends or the read is aborted.
 */
export async function readSse(
  body: ReadableStream<Uint8Array>,
  onEvent: (e: SseEvent) => void,
  onActivity: () => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  const line = (l: string) => {
    if (l === '') {
      if (data.length > 0) onEvent({ event: event || 'message', data: data.join('\n'), ...(id !== undefined ? { id } : {}) });
      event = '';
      data = [];
      id = undefined;
      return;
    }
    if (l.startsWith(':')) return;
    const colon = l.indexOf(':');
    const field = colon < 0 ? l : l.slice(0, colon);
    let value = colon < 0 ? '' : l.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) id = value;
  };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      onActivity();
      buf += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buf.search(/\r\n|\r|\n/)) >= 0) {
        const len = buf[nl] === '\r' && buf[nl + 1] === '\n' ? 2 : 1;
        if (buf[nl] === '\r' && nl + 1 === buf.length) break; // a CR at the end may be half of CRLF
        line(buf.slice(0, nl));
        buf = buf.slice(nl + len);
      }
    }
  } finally {
    reader.releaseLock();
  }
}
