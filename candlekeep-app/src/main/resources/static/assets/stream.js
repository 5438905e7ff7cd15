// The page's one connection to the live feed (/api/v1/stream), shared by the views. The token goes in the first
// message, never in the URL (which ends up in logs). Subscriptions survive a lost connection: they are sent again
// when it is back.

const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30000;

/**
 * @param token the bearer token
 * @param onStatus called with 'connecting', 'open' or 'closed' whenever that changes
 */
export function createStream(token, onStatus = () => {}) {
  const listeners = new Map(); // "SYMBOL|channel" -> Set of callbacks
  let socket = null;
  let authenticated = false;
  let retryMs = RETRY_FIRST_MS;
  let retryTimer = null;
  let closed = false;

  const key = (symbol, channel) => symbol + '|' + channel;

  function connect() {
    if (closed || socket) {
      return;
    }
    onStatus('connecting');
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(scheme + '//' + location.host + '/api/v1/stream', ['candlekeep']);
    socket.onopen = () => socket.send(JSON.stringify({ action: 'auth', token }));
    socket.onmessage = (event) => receive(JSON.parse(event.data));
    socket.onclose = () => {
      socket = null;
      authenticated = false;
      onStatus('closed');
      if (!closed && listeners.size > 0) {
        retryTimer = setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      }
    };
  }

  function receive(message) {
    switch (message.type) {
      case 'authenticated':
        authenticated = true;
        retryMs = RETRY_FIRST_MS;
        onStatus('open');
        resubscribeAll();
        return;
      case 'quote':
        return deliver(key(message.symbol, 'quote'), message);
      case 'bar':
        return deliver(key(message.symbol, 'bar:' + message.timeframe), message);
      case 'snapshot':
        return deliver(key(message.symbol, message.channel), message);
      case 'error':
        if (message.symbol) {
          for (const [k, callbacks] of listeners) {
            if (k.startsWith(message.symbol + '|')) {
              callbacks.forEach((callback) => callback(message));
            }
          }
        } else {
          console.warn('[stream]', message.detail);
        }
        return;
      default:
        return; // heartbeat, subscribed
    }
  }

  function deliver(k, message) {
    const callbacks = listeners.get(k);
    if (callbacks) {
      callbacks.forEach((callback) => callback(message));
    }
  }

  function send(action, symbol, channels) {
    if (socket && authenticated && channels.length > 0) {
      socket.send(JSON.stringify({ action, symbols: [symbol], channels }));
    }
  }

  function resubscribeAll() {
    const bySymbol = new Map();
    for (const k of listeners.keys()) {
      const [symbol, channel] = k.split('|');
      bySymbol.set(symbol, [...(bySymbol.get(symbol) || []), channel]);
    }
    bySymbol.forEach((channels, symbol) => send('subscribe', symbol, channels));
  }

  return {
    /**
     * Subscribes to `channels` ('quote', 'bar:1h', ...) of `symbol`; `callback` gets each message of them
     * (snapshots, updates, errors about the symbol). Answers the function that ends this subscription.
     */
    subscribe(symbol, channels, callback) {
      const fresh = [];
      for (const channel of channels) {
        const k = key(symbol, channel);
        if (!listeners.has(k)) {
          listeners.set(k, new Set());
          fresh.push(channel);
        }
        listeners.get(k).add(callback);
      }
      connect();
      send('subscribe', symbol, fresh);
      return () => {
        const gone = [];
        for (const channel of channels) {
          const callbacks = listeners.get(key(symbol, channel));
          if (callbacks && callbacks.delete(callback) && callbacks.size === 0) {
            listeners.delete(key(symbol, channel));
            gone.push(channel);
          }
        }
        send('unsubscribe', symbol, gone);
      };
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      listeners.clear();
      if (socket) {
        socket.close(1000);
      }
    },
  };
}
