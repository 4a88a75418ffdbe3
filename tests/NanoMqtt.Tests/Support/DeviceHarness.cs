using System.Collections;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Storage;

namespace NanoMqtt.Tests.Support
{
    /// <summary>
    /// The device run against the broker model, with the bookkeeping the invariants need: what the
    /// engine accepted, what it reported dropped, what was injected.
    /// </summary>
    public class DeviceHarness : EngineHarness
    {
        public readonly BrokerModel Broker = new BrokerModel();

        public readonly ArrayList Accepted = new ArrayList();
        public readonly ArrayList AcceptedQoS = new ArrayList();
        public readonly ArrayList AcceptedNumbers = new ArrayList();
        public readonly ArrayList Dropped = new ArrayList();
        /// <summary>Messages a publish interrupted by a power cut may have dropped (the outbox's oldest).</summary>
        public readonly ArrayList MaybeDropped = new ArrayList();
        public readonly ArrayList Injected = new ArrayList();
        public readonly ArrayList InjectedQoS = new ArrayList();
        public int SessionLostEvents;
        public int ProtocolErrors;

        private readonly byte[] _out = new byte[4096];
        private bool _reconnect;

        public DeviceHarness(SessionConfig config)
            : base(config)
        {
        }

        public override void Restart()
        {
            Broker.Drop();
            Broker.Rules.Rebooted();
            base.Restart();
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

        /// <summary>The round of the next <see cref="Pump"/> at which the journal is compacted and the pump
        /// stops, as the power would right after (-1: none).</summary>
        public int CompactAtRound = -1;
        /// <summary>Rounds the last <see cref="Pump"/> took.</summary>
        public int Rounds;

        /// <summary>Moves packets both ways until nothing moves (reconnecting when the engine asks).</summary>
        public void Pump()
        {
            for (int round = 0; round < 100000; round++)
            {
                Rounds = round;
                if (round == CompactAtRound)
                {
                    if (Engine.Journal.Compact() != JournalStatus.Ok) throw new System.Exception("compaction refused at round " + round);
                    return;
                }
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
                TakeEvents();
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
            // A cut inside a publish may have dropped the oldest queued message only when the
            // outbox had no room for this one (every harness message has the same topic, so the new
            // record's size follows from the oldest's).
            string victim = null;
            Outbox o = Engine.State.Outbox;
            if (o.Count > 0)
            {
                int i = AcceptedNumbers.IndexOf((int)o.GetMessageNumber(0));
                int size = i >= 0 ? o.GetSize(0) + payload.Length - ((string)Accepted[i]).Length : 0;
                if (i >= 0 && !o.HasRoomFor(size)) victim = (string)Accepted[i];
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
                Broker.Rules.Accepted(payload);
                AcceptedQoS.Add((int)qos);
                AcceptedNumbers.Add((int)(Engine.State.NextMessageNumber - 1));
            }
            TakeEvents();
            return r;
        }

        public void Inject(string payload, byte qos)
        {
            Injected.Add(payload);
            InjectedQoS.Add((int)qos);
            Broker.Inject(payload, qos);
        }

        protected override void Observe(SessionEvent e, int argument)
        {
            if (e == SessionEvent.ReconnectRequired) _reconnect = true;
            if (e == SessionEvent.SessionLost) SessionLostEvents++;
            if (e == SessionEvent.MessageDropped)
            {
                int i = AcceptedNumbers.IndexOf(argument);
                if (i >= 0) Dropped.Add(Accepted[i]);
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
            if (App.EarlyEffects > 0) return "a QoS 2 command was acted on before its packet id was committed to flash";
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
