using NanoMqtt.Link;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Storage;

namespace NanoMqtt.Client
{
    /// <summary>
    /// The persistent-session MQTT client for nanoFramework apps: M2Mqtt's surface (connect,
    /// publish, a message callback, events) over a session that lives in a journal on flash, so
    /// messages accepted at QoS 1/2 and the broker's commands survive link loss and power loss.
    /// Subscriptions are declared in <see cref="SessionConfig.Subscriptions"/>; the broker keeps
    /// them with the session and they are sent again only when they change or the session is lost.
    /// Call <see cref="Poll"/> from the app's loop: every callback runs inside it.
    /// </summary>
    public sealed class MqttSessionClient : IMessageHandler
    {
        private readonly SessionEngine _engine;
        private readonly LinkDriver _link;
        private readonly IMessageHandler _effects;
        private bool _opened;

        /// <summary>A client whose messages reach <see cref="MessageReceived"/> at least once (a power cut
        /// before the message is recorded brings it again).</summary>
        public MqttSessionClient(SessionConfig session, LinkConfig link, IFileStore files, ITransport transport, IClock clock, IRandom random)
            : this(session, link, files, transport, clock, random, null)
        {
        }

        /// <summary>
        /// A client whose QoS 2 messages have an exactly-once effect: <paramref name="effects"/>'
        /// <see cref="IMessageHandler.Deliver"/> returns the effect, which is recorded with the packet
        /// id before the broker is told; <see cref="IMessageHandler.Commit"/> applies it;
        /// <see cref="IMessageHandler.Restore"/> gives it back at boot.
        /// </summary>
        public MqttSessionClient(SessionConfig session, LinkConfig link, IFileStore files, ITransport transport, IClock clock, IRandom random, IMessageHandler effects)
        {
            _effects = effects;
            _engine = new SessionEngine(session, files, this);
            _link = new LinkDriver(_engine, session, link, transport, clock, random);
            _link.Pause();
        }

        /// <summary>A message from the broker.</summary>
        public event MessageReceivedHandler MessageReceived;
        /// <summary>Every session and link event.</summary>
        public event SessionEventHandler EventRaised;
        /// <summary>A connection was accepted.</summary>
        public event ConnectedHandler Connected;

        /// <summary>The engine (tables and figures).</summary>
        public SessionEngine Engine
        {
            get { return _engine; }
        }

        /// <summary>The link driver (state, last error, attempts).</summary>
        public LinkDriver Link
        {
            get { return _link; }
        }

        /// <summary>True while connected.</summary>
        public bool IsConnected
        {
            get { return _link.State == LinkState.Online; }
        }

        /// <summary>Session Present of the last accepted connection.</summary>
        public bool SessionPresent { get; private set; }

        /// <summary>Session Expiry the broker granted (5.0), or the one asked for.</summary>
        public uint GrantedSessionExpiry
        {
            get { return _engine.GrantedSessionExpiry; }
        }

        /// <summary>Replays the journal (effects come back before any network). The first
        /// <see cref="Connect"/>, <see cref="Publish(Slice, Slice, byte, bool)"/> or <see cref="EndSession"/> does it if needed.</summary>
        public JournalOpenResult Open()
        {
            _opened = true;
            return _engine.Open();
        }

        /// <summary>Starts connecting (and reconnecting with backoff whenever the link drops).</summary>
        public void Connect()
        {
            if (!_opened) Open();
            _link.Resume();
        }

        /// <summary>Closes the connection cleanly; the session is kept (with the broker and on flash).</summary>
        public void Disconnect()
        {
            _link.Pause();
        }

        /// <summary>
        /// QoS 1/2: stored on flash before this returns Accepted, then sent (now or after reconnect).
        /// QoS 0: sent now if connected (<see cref="PublishResult.Sent"/>), else dropped (<see cref="PublishResult.NotConnected"/>).
        /// </summary>
        public PublishResult Publish(Slice topic, Slice payload, byte qos, bool retain)
        {
            if (qos == 0) return _link.PublishAtMostOnce(topic, payload, retain);
            if (!_opened) Open();
            return _engine.Publish(topic, payload, qos, retain);
        }

        /// <summary>As <see cref="Publish(Slice, Slice, byte, bool)"/> for a string topic (allocates its bytes).</summary>
        public PublishResult Publish(string topic, byte[] payload, byte qos, bool retain)
        {
            return Publish(Slice.FromString(topic), Slice.Of(payload), qos, retain);
        }

        /// <summary>Subscribes to <paramref name="filter"/> at <paramref name="qos"/>: now if connected, else
        /// at the next connection; the broker keeps it with the session.</summary>
        public SubscriptionResult Subscribe(string filter, byte qos)
        {
            return _engine.Subscribe(Slice.FromString(filter), qos);
        }

        /// <summary>Unsubscribes from <paramref name="filter"/>: now if connected, else at the next connection.</summary>
        public SubscriptionResult Unsubscribe(string filter)
        {
            return _engine.Unsubscribe(Slice.FromString(filter));
        }

        /// <summary>Ends the session on purpose: local state is dropped and the broker is told.</summary>
        public void EndSession()
        {
            if (!_opened) Open();
            _link.Resume();
            _engine.EndSession();
        }

        /// <summary>Does what is due: connecting, reading and writing, keep-alive; raises the callbacks.</summary>
        public void Poll()
        {
            _link.Poll();
            SessionEvent e;
            int argument;
            while (_link.TryGetEvent(out e, out argument))
            {
                if (e == SessionEvent.Connected)
                {
                    SessionPresent = argument == 1;
                    if (Connected != null) Connected(this, SessionPresent);
                }
                if (EventRaised != null) EventRaised(this, e, argument);
            }
        }

        int IMessageHandler.Deliver(PublishPacket message, byte[] effect, int offset, int capacity)
        {
            int n = _effects != null ? _effects.Deliver(message, effect, offset, capacity) : 0;
            if (MessageReceived != null) MessageReceived(this, message);
            return n;
        }

        void IMessageHandler.Commit()
        {
            if (_effects != null) _effects.Commit();
        }

        void IMessageHandler.Forget()
        {
            if (_effects != null) _effects.Forget();
        }

        void IMessageHandler.Restore(byte[] effect, int offset, int length)
        {
            if (_effects != null) _effects.Restore(effect, offset, length);
        }
    }
}
