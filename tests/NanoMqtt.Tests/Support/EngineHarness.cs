using System.Collections;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Storage;

namespace NanoMqtt.Tests.Support
{
    /// <summary>Builds the application afresh at each boot (its RAM does not survive power loss).</summary>
    public delegate IMessageHandler ApplicationFactory();

    /// <summary>
    /// The one engine harness: a device (an engine over a fault-injecting flash, its application
    /// rebuilt at every boot) and every event it raised, in order. Its two broker sides derive from
    /// it: <see cref="EngineWire"/> puts the test in the broker's seat one packet at a time,
    /// <see cref="DeviceHarness"/> runs the device against the broker model.
    /// </summary>
    public abstract class EngineHarness
    {
        public readonly FaultyFlash Flash = new FaultyFlash();
        /// <summary>The application when <see cref="Applications"/> is not set.</summary>
        public readonly RecordingHandler App = new RecordingHandler();
        public readonly SessionConfig Config;
        /// <summary>When set, the application each boot gets; otherwise <see cref="App"/>.</summary>
        public ApplicationFactory Applications;
        /// <summary>The application of the current boot.</summary>
        public IMessageHandler Application;
        public SessionEngine Engine;
        public JournalOpenResult LastOpen;
        public int Reboots;

        /// <summary>Every event taken from the engine (as int) and its argument, in order.</summary>
        public readonly ArrayList Events = new ArrayList();
        public readonly ArrayList Arguments = new ArrayList();

        protected EngineHarness(SessionConfig config)
        {
            Config = config;
            App.Flash = Flash;
        }

        /// <summary>The harness's device configuration (one subscription, "dev/cmd/#" at QoS 2).</summary>
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

        /// <summary>Power on (or power back): a new engine over what the flash holds.</summary>
        public void Boot()
        {
            Flash.Reboot();
            Restart();
        }

        /// <summary>The firmware starts again over the same flash (a reset; power stayed on).</summary>
        public virtual void Restart()
        {
            App.PowerLost();
            Application = Applications != null ? Applications() : App;
            Engine = new SessionEngine(Config, Flash, Application);
            LastOpen = Engine.Open();
            Reboots++;
        }

        /// <summary>Takes every pending event from the engine.</summary>
        public void TakeEvents()
        {
            SessionEvent e;
            int argument;
            while (Engine.TryGetEvent(out e, out argument))
            {
                Events.Add((int)e);
                Arguments.Add(argument);
                Observe(e, argument);
            }
        }

        /// <summary>What a broker side does with an event as it is taken.</summary>
        protected virtual void Observe(SessionEvent e, int argument)
        {
        }

        public void ClearEvents()
        {
            TakeEvents();
            Events.Clear();
            Arguments.Clear();
        }

        public bool Saw(SessionEvent e)
        {
            return Events.Contains((int)e);
        }

        public int Count(SessionEvent e)
        {
            int n = 0;
            for (int i = 0; i < Events.Count; i++)
            {
                if ((int)Events[i] == (int)e) n++;
            }
            return n;
        }

        /// <summary>The arguments of every <paramref name="e"/> event, joined with ",".</summary>
        public string ArgumentsOf(SessionEvent e)
        {
            string s = "";
            for (int i = 0; i < Events.Count; i++)
            {
                if ((int)Events[i] != (int)e) continue;
                s = s.Length == 0 ? "" + (int)Arguments[i] : s + "," + (int)Arguments[i];
            }
            return s;
        }
    }
}
