using System.Collections;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Storage;

namespace NanoMqtt.Tests.Support
{
    /// <summary>
    /// A device (engine over a fault-injecting flash) wired to a broker model, with the bookkeeping
    /// the invariants need: what the engine accepted, what it reported dropped, what was injected.
    /// </summary>
    /// <summary>Builds the application afresh at each boot (its RAM does not survive power loss).</summary>
    public delegate IMessageHandler ApplicationFactory();

    public class DeviceHarness
    {
        public readonly FaultyFlash Flash = new FaultyFlash();
        public readonly BrokerModel Broker = new BrokerModel();
        public readonly RecordingHandler App = new RecordingHandler();
        public readonly SessionConfig Config;
        public SessionEngine Engine;
        /// <summary>When set, the application each boot gets; otherwise <see cref="App"/>.</summary>
        public ApplicationFactory Applications;
        /// <summary>The application of the current boot.</summary>
        public IMessageHandler Application;
        public JournalOpenResult LastOpen;

        public readonly ArrayList Accepted = new ArrayList();
        public readonly ArrayList AcceptedQoS = new ArrayList();
        public readonly ArrayList AcceptedNumbers = new ArrayList();
        public readonly ArrayList Dropped = new ArrayList();
        /// <summary>Messages a publish interrupted by a power cut may have dropped (the outbox's oldest).</summary>
        public readonly ArrayList MaybeDropped = new ArrayList();
        public readonly ArrayList Injected = new ArrayList();
        public readonly ArrayList InjectedQoS = new ArrayList();
        public readonly ArrayList Events = new ArrayList();
        public int SessionLostEvents;
        public int ProtocolErrors;
        public int Reboots;

        private readonly byte[] _out = new byte[4096];
        private bool _reconnect;

        public DeviceHarness(SessionConfig config)
        {
            Config = config;
        }

        public static SessionConfig DefaultConfig(MqttVersion version)
        {
            SessionConfig c = new SessionConfig();
            c.Version = version;
            c.ClientId = "nanomqtt-0011223344ff";
            c.Subscriptions = new string[] { "dev/cmd/#" };
            c.SubscriptionOptions = new byte[] { 2 };
            c.JournalBytes = 8192;
            c.AppStateKeys = 64;
            c.EffectCapacity = 16;
            return c;
        }

        /// <summary>Power on: a new engine over what the flash holds.</summary>
        public void Boot()
        {
            Flash.Reboot();
            Restart();
        }

        /// <summary>The firmware starts again over the same flash (a reset; power stayed on).</summary>
        public void Restart()
        {
            Broker.Drop();
            App.PowerLost();
            Application = Applications != null ? Applications() : App;
            Engine = new SessionEngine(Config, Flash, Application);
            LastOpen = Engine.Open();
            Reboots++;
        }

        /// <summary>Power lost mid-way: the link goes with it.</summary>
        public void PowerCut()
        {
            Broker.Drop();
        }

        public void Connect()
        {
            Broker.Drop();
            int n = Engine.BeginConnect(_out, 0);
            Broker.FromClient(_out, 0, n);
            Pump();
        }

        public void DropLink()
        {
            Engine.ConnectionLost();
            Broker.Drop();
        }

        /// <summary>Moves packets both ways until nothing moves (reconnecting when the engine asks).</summary>
        public void Pump()
        {
            for (int round = 0; round < 100000; round++)
            {
                bool moved = false;
                int n = Engine.NextOutput(_out, 0);
                if (n > 0)
                {
                    moved = true;
                    Broker.FromClient(_out, 0, n);
                }
                byte[] b = Broker.Take();
                if (b != null)
                {
                    moved = true;
                    int used;
                    SessionStatus st = Engine.Receive(b, 0, b.Length, out used);
                    if (st != SessionStatus.Ok && st != SessionStatus.NeedMoreData)
                    {
                        ProtocolErrors++;
                        DropLink();
                    }
                }
                DrainEvents();
                if (_reconnect)
                {
                    _reconnect = false;
                    Broker.Drop();
                    Engine.ConnectionLost();
                    n = Engine.BeginConnect(_out, 0);
                    Broker.FromClient(_out, 0, n);
                    moved = true;
                }
                if (!moved) return;
            }
            throw new System.Exception("pump did not settle");
        }

        public PublishResult Publish(string payload, byte qos)
        {
            string victim = null;
            if (Engine.State.Outbox.Count > 0)
            {
                int i = AcceptedNumbers.IndexOf((int)Engine.State.Outbox.GetMessageNumber(0));
                if (i >= 0) victim = (string)Accepted[i];
            }
            PublishResult r;
            try
            {
                r = Engine.Publish(Slice.FromString("dev/state"), Slice.FromString(payload), qos, false);
            }
            catch (PowerCutException)
            {
                if (victim != null) MaybeDropped.Add(victim);
                throw;
            }
            if (r == PublishResult.Accepted || r == PublishResult.AcceptedDroppingOlder)
            {
                Accepted.Add(payload);
                AcceptedQoS.Add((int)qos);
                AcceptedNumbers.Add((int)(Engine.State.NextMessageNumber - 1));
            }
            DrainEvents();
            return r;
        }

        public void Inject(string payload, byte qos)
        {
            Injected.Add(payload);
            InjectedQoS.Add((int)qos);
            Broker.Inject(payload, qos);
        }

        public void DrainEvents()
        {
            SessionEvent e;
            int arg;
            while (Engine.TryGetEvent(out e, out arg))
            {
                Events.Add((int)e);
                if (e == SessionEvent.ReconnectRequired) _reconnect = true;
                if (e == SessionEvent.SessionLost) SessionLostEvents++;
                if (e == SessionEvent.MessageDropped)
                {
                    int i = AcceptedNumbers.IndexOf(arg);
                    if (i >= 0) Dropped.Add(Accepted[i]);
                }
            }
        }

        /// <summary>State worth printing when an invariant breaks.</summary>
        public string Describe()
        {
            string events = "";
            for (int i = 0; i < Events.Count; i++) events += Events[i] + ",";
            return "open " + (int)LastOpen + ", deliveries " + App.Deliveries + ", applied " + App.Applied.Count
                + ", broker pending " + Broker.PendingForClient + ", session present " + Broker.LastSessionPresent
                + ", connects " + Broker.Connects + ", protocol errors " + ProtocolErrors + ", inflight " + Engine.State.Inflight.Count
                + ", outbox " + Engine.State.Outbox.Count + ", events " + events;
        }

        public bool Saw(SessionEvent e)
        {
            return Events.Contains((int)e);
        }

        /// <summary>
        /// Null when every guarantee holds: nothing accepted is lost (unless dropped by policy and
        /// reported), QoS 2 reaches the broker once (when <paramref name="exactlyOnceOut"/>),
        /// injected commands are applied (QoS 2 exactly once), the broker saw no rule broken, and
        /// the journal stayed in its bound.
        /// </summary>
        public string CheckInvariants(bool exactlyOnceOut)
        {
            if (Broker.Violation != null) return "broker: " + Broker.Violation;
            if (App.Duplicates > 0) return "QoS 2 command applied twice: " + App.FirstDuplicate;
            for (int i = 0; i < Accepted.Count; i++)
            {
                string p = (string)Accepted[i];
                int n = Broker.CountDelivered(p);
                bool mayMiss = Dropped.Contains(p) || MaybeDropped.Contains(p);
                if (n == 0 && !mayMiss) return "accepted message lost: " + p;
                if (exactlyOnceOut && (int)AcceptedQoS[i] == 2 && n > 1) return "QoS 2 message reached the broker " + n + " times: " + p;
            }
            for (int i = 0; i < Injected.Count; i++)
            {
                string p = (string)Injected[i];
                if ((int)InjectedQoS[i] == 2 && App.CountApplied(p) != 1) return "QoS 2 command applied " + App.CountApplied(p) + " times: " + p;
                if (!App.AtLeastOnce.Contains(p)) return "command never delivered: " + p;
            }
            if (Engine.Journal.Length > Config.JournalBytes) return "journal over its bound: " + Engine.Journal.Length;
            if (Flash.TotalBytes > 2 * Config.JournalBytes) return "flash holds " + Flash.TotalBytes + " bytes";
            return null;
        }
    }
}
