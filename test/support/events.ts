/** StreamedEvent is one server-sent event of Sandpit's /api/v1/events stream. */
export interface StreamedEvent {
  event: string;
  id: string | undefined;
  data: string;
}

/**
 * followEvents reads a server-sent event stream, calling `onEvent` for each event; it resolves
 * when the stream ends (the server closed it, or the request was aborted).
 */
export async function followEvents(res: Response, onEvent: (e: StreamedEvent) => void): Promise<void> {
  let buf = "";
  const decoder = new TextDecoder();
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buf += decoder.decode(chunk, { stream: true });
      let i;
      while ((i = buf.indexOf("\n\n")) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data !== undefined) onEvent({ event, id: /^id: (.*)$/m.exec(block)?.[1], data });
      }
    }
  } catch {
    // Aborted, or the server went away.
  }
}
