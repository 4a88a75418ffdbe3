using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using NanoMqtt.Host;
using NanoMqtt.Link;
using NanoMqtt.Protocol;
using NanoMqtt.Session;

namespace NanoMqtt.Host.Tests.Brokers
{
    /// <summary>The firmware's core with host adapters: a journal in a temp folder, TCP to a broker.</summary>
    public sealed class TestDevice : IDisposable
    {
        private sealed class Handler : IMessageHandler
        {
            public readonly List<string> Applied = new();
            public readonly List<string> All = new();
            private readonly List<string> _keys = new();
            private readonly List<string> _pending = new();
            public int Deliver(PublishPacket message, byte[] effect, int offset, int capacity)
            {
                string payload = message.Payload.ToString();
                _pending.Add(payload);
                if (message.QoS < 2) return 0;
                int key = _keys.IndexOf(payload);
                if (key < 0)
                {
                    key = _keys.Count;
                    _keys.Add(payload);
                }
                effect[offset] = (byte)key;
                int n = Math.Min(capacity - 1, message.Payload.Length);
                Array.Copy(message.Payload.Array, message.Payload.Offset, effect, offset + 1, n);
                return n + 1;
            }
            public void Commit()
            {
                foreach (string p in _pending)
                {
                    All.Add(p);
                    if (!Applied.Contains(p)) Applied.Add(p);
                }
                _pending.Clear();
            }
            public void Forget() => _pending.Clear();
            public void Restore(byte[] effect, int offset, int length)
            {
                string s = Utf8.ToString(effect, offset + 1, length - 1);
                if (!Applied.Contains(s)) Applied.Add(s);
            }
        }

        private readonly string _folder = Path.Combine(Path.GetTempPath(), "nanomqtt-device-" + Guid.NewGuid().ToString("N"));
        private readonly Handler _handler = new();
        public readonly SessionConfig Session;
        public readonly LinkConfig Link;
        public SessionEngine Engine;
        public LinkDriver Driver;
        public readonly List<SessionEvent> Events = new();
        public bool LastSessionPresent;
        /// <summary>CA certificate for TLS (read at <see cref="PowerOn"/>).</summary>
        public string CaFile;

        public TestDevice(MqttVersion version, int port, string clientId = "nanomqtt-00aabbccddee")
        {
            Session = new SessionConfig
            {
                Version = version,
                ClientId = clientId,
                KeepAliveSeconds = 5,
                WillTopic = $"nanomqtt/{clientId}/status",
                Subscriptions = new[] { $"nanomqtt/{clientId}/out/+/set" },
                AppStateKeys = 64,
                EffectCapacity = 16,
                SubscriptionOptions = new byte[] { 2 },
            };
            Link = new LinkConfig { Host = "127.0.0.1", Port = port, BackoffBaseMs = 50, BackoffCapMs = 400, ConnAckTimeoutMs = 3000, ReadTimeoutMs = 5 };
            PowerOn();
        }

        public string CommandTopic(string output) => $"nanomqtt/{Session.ClientId}/out/{output}/set";

        public IReadOnlyList<string> Applied => _handler.Applied;
        public IReadOnlyList<string> Deliveries => _handler.All;

        /// <summary>Boots from whatever the journal holds.</summary>
        public void PowerOn()
        {
            Engine = new SessionEngine(Session, new DirectoryFileStore(_folder), _handler);
            Engine.Open();
            Driver = new LinkDriver(Engine, Session, Link, new TcpTransport(2000, CaFile), new SystemClock(), new SystemRandom());
        }

        /// <summary>Power lost: the running engine is discarded with its connection.</summary>
        public void PowerCut()
        {
            Driver.SetNetworkAvailable(false);
            Engine = null;
            Driver = null;
        }

        /// <summary>The status topic: the Will says "offline", each accepted connection "online" (retained).</summary>
        public string StatusTopic => Session.WillTopic;

        private void Announce(bool sessionPresent)
        {
            LastSessionPresent = sessionPresent;
            Engine.Publish(Slice.FromString(StatusTopic), Slice.FromString("online"), 1, true);
        }

        /// <summary>Polls until <paramref name="done"/> or the timeout; false on timeout.</summary>
        public bool RunUntil(Func<bool> done, int timeoutMs = 10000)
        {
            var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            while (DateTime.UtcNow < until)
            {
                Driver.Poll();
                while (Driver.TryGetEvent(out var e, out int arg))
                {
                    Events.Add(e);
                    if (e == SessionEvent.Connected) Announce(arg == 1);
                }
                if (done()) return true;
            }
            return false;
        }

        public bool Online(int timeoutMs = 10000)
        {
            Driver.SetNetworkAvailable(true);
            return RunUntil(() => Driver.State == LinkState.Online && Engine.State.Inflight.Count == 0 && Engine.State.PendingSubscribeId == 0, timeoutMs);
        }

        public void Offline()
        {
            Driver.SetNetworkAvailable(false);
        }

        public void Dispose()
        {
            try { Directory.Delete(_folder, true); } catch (IOException) { }
        }
    }
}
