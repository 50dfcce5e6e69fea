/**
 * An EventSource that plays back a recorded progress stream the test hands it, message by message, and can drop
 * the connection as a network would: the hook under test sees what a browser's EventSource would show it.
 */
export class RecordedEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: RecordedEventSource[] = [];

  readyState = RecordedEventSource.CONNECTING;
  onopen: ((e: Event) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  closed = false;

  constructor(readonly url: string) {
    super();
    RecordedEventSource.instances.push(this);
  }

  static latest(): RecordedEventSource {
    return RecordedEventSource.instances[RecordedEventSource.instances.length - 1];
  }

  open() {
    this.readyState = RecordedEventSource.OPEN;
    this.onopen?.(new Event('open'));
  }

  send(view: { version: number }) {
    this.dispatchEvent(new MessageEvent('progress', { data: JSON.stringify(view), lastEventId: String(view.version) }));
  }

  /** The connection lost: the browser gives up on this one (as after a failed reconnect) and reports an error. */
  drop() {
    this.readyState = RecordedEventSource.CLOSED;
    this.onerror?.(new Event('error'));
  }

  close() {
    this.closed = true;
    this.readyState = RecordedEventSource.CLOSED;
  }
}
