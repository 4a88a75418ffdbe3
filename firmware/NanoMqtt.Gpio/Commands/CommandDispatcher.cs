using NanoMqtt.Link;
using NanoMqtt.Protocol;
using NanoMqtt.Session;

namespace NanoMqtt.Commands
{
    /// <summary>
    /// Turns delivered commands into output levels. The level a command leads to is the effect the
    /// session engine journals (with the packet id for QoS 2) before <see cref="Commit"/> drives
    /// the pin, so a QoS 2 command is applied once across power loss and outputs come back at boot
    /// through <see cref="Restore"/>. The commands of one read are delivered first and driven
    /// together: each sees the level the ones before it lead to (two toggles cancel out), and the
    /// last one for an output is what its pin does. Reports wait for <see cref="PublishReports"/>: each output's
    /// retained state on &lt;prefix&gt;/out/&lt;name&gt;/state (only the latest level, due at boot
    /// and after every change), errors on &lt;prefix&gt;/status (<see cref="ErrorReports"/>).
    /// Nothing is allocated per command.
    /// </summary>
    public sealed class CommandDispatcher : IMessageHandler, IMessageRefusals
    {
        private readonly IClock _clock;
        private readonly CommandTopic _topic;
        private readonly bool[] _levels;
        private readonly SliceTable _stateTopics;
        private readonly SliceTable _names;
        private readonly Slice _statusTopic;
        private readonly Slice _on = Slice.FromString("on");
        private readonly Slice _off = Slice.FromString("off");
        private readonly bool[] _stateDue;

        // Commands delivered and not yet driven (Commit), per output: the level each leads to, and
        // the pulse length when it is a pulse.
        private readonly bool[] _staged;
        private readonly bool[] _stagedLevels;
        private readonly int[] _stagedPulseMs;
        private int _stagedCount;

        /// <summary>Commands under <paramref name="prefix"/> for outputs (name, pin, active-low, initial level), driven at once to their initial level.</summary>
        public CommandDispatcher(string prefix, string[] names, int[] pins, bool[] activeLow, bool[] initial, IPins pinDriver, IClock clock)
        {
            _clock = clock;
            _topic = new CommandTopic(prefix, names);
            Pulses = new PulseTimer(pins, activeLow, pinDriver);
            _levels = new bool[names.Length];
            _stateDue = new bool[names.Length];
            _staged = new bool[names.Length];
            _stagedLevels = new bool[names.Length];
            _stagedPulseMs = new int[names.Length];
            _stateTopics = new SliceTable(names.Length);
            _names = new SliceTable(names.Length);
            _statusTopic = Slice.FromString(prefix + "/status");
            for (int i = 0; i < names.Length; i++)
            {
                _stateTopics.Set(i, Slice.FromString(prefix + "/out/" + names[i] + "/state"));
                _names.Set(i, Slice.FromString(names[i]));
                Drive(i, initial[i]);
            }
            StatesDue();
        }

        /// <summary>The outputs' pulses; <see cref="PulseTimer.Tick"/> may run on a timer thread.</summary>
        public readonly PulseTimer Pulses;

        /// <summary>Error reports waiting for the status topic, and their counts.</summary>
        public readonly ErrorReports Errors = new ErrorReports();

        /// <summary>Commands applied.</summary>
        public int Applied { get; private set; }
        /// <summary>Commands refused.</summary>
        public int Refused { get; private set; }

        /// <summary>Every output's state is published again (at boot; when the broker may hold another one).</summary>
        public void StatesDue()
        {
            for (int o = 0; o < _stateDue.Length; o++) _stateDue[o] = true;
        }

        /// <summary>An error of the app's own for the status topic (not a refused command).</summary>
        public void Report(string text)
        {
            if (Errors.Begin()) Errors.Add(text);
        }

        /// <inheritdoc/>
        public void TooLarge(Slice topic, int size, int limit)
        {
            Refused++;
            if (!Errors.Begin()) return;
            Errors.Add("error: message of ");
            Errors.Add(size);
            Errors.Add(" bytes on ");
            Errors.Add(topic);
            Errors.Add(" over max-packet ");
            Errors.Add(limit);
        }

        /// <summary>The recorded level of output <paramref name="index"/> (on = true).</summary>
        public bool Level(int index)
        {
            return _levels[index];
        }

        /// <summary>True while output <paramref name="index"/> is in a pulse.</summary>
        public bool Pulsing(int index)
        {
            return Pulses.Pulsing(index);
        }

        /// <inheritdoc/>
        public int Deliver(PublishPacket message, byte[] effect, int offset, int capacity)
        {
            Properties p = message.Properties;
            if (p.Has(PropertyId.MessageExpiryInterval) && p.MessageExpiryInterval == 0) return Refuse(-1, CommandError.Expired);
            CommandError error;
            int output = _topic.Match(message.Topic, out error);
            if (output < 0) return Refuse(-1, error);
            CommandKind kind;
            int pulseMs;
            error = CommandParser.Parse(message.Payload, out kind, out pulseMs);
            if (error != CommandError.None) return Refuse(output, error);
            // The recorded level of a pulse is the one after it; the pulse itself is not restored.
            bool level = kind == CommandKind.On || (kind == CommandKind.Toggle && !Commanded(output));
            _staged[output] = true;
            _stagedLevels[output] = level;
            _stagedPulseMs[output] = kind == CommandKind.Pulse ? pulseMs : 0;
            _stagedCount++;
            if (capacity < 2) return 0;
            effect[offset] = (byte)output;
            effect[offset + 1] = (byte)(level ? 1 : 0);
            return 2;
        }

        /// <inheritdoc/>
        public void Commit()
        {
            for (int o = 0; o < _staged.Length; o++)
            {
                if (!_staged[o]) continue;
                _staged[o] = false;
                _stateDue[o] = true;
                if (_stagedPulseMs[o] > 0)
                {
                    _levels[o] = false;
                    Pulses.Start(o, _clock.NowMs + _stagedPulseMs[o]);
                    continue;
                }
                Drive(o, _stagedLevels[o]);
            }
            Applied += _stagedCount;
            _stagedCount = 0;
        }

        /// <inheritdoc/>
        public void Forget()
        {
            for (int i = 0; i < _staged.Length; i++) _staged[i] = false;
            _stagedCount = 0;
        }

        /// <inheritdoc/>
        public void Restore(byte[] effect, int offset, int length)
        {
            int o = effect[offset];
            if (length < 2 || o >= _levels.Length) return;
            Drive(o, effect[offset + 1] == 1);
        }

        // The level output o is commanded to, counting what is delivered and not yet driven.
        private bool Commanded(int o)
        {
            return _staged[o] ? _stagedLevels[o] : _levels[o];
        }

        // A refused command is reported when it is delivered (a power cut before its group is on
        // flash makes the broker deliver it again, and it is reported again).
        private int Refuse(int output, CommandError error)
        {
            Refused++;
            ReportError(output, error);
            return 0;
        }

        /// <summary>Ends pulses that are due (if the timer thread has not) and reports the ended ones; call from the main loop.</summary>
        public void Tick()
        {
            Pulses.Tick(_clock.NowMs);
            for (int o = 0; o < _levels.Length; o++)
            {
                if (Pulses.TakeEnded(o)) _stateDue[o] = true;
            }
        }

        /// <summary>Publishes the states that are due (QoS 1, retained, the latest only) and the error reports.</summary>
        public void PublishReports(SessionEngine engine)
        {
            for (int o = 0; o < _stateDue.Length; o++)
            {
                if (!_stateDue[o]) continue;
                bool shown = Pulses.Pulsing(o) || _levels[o];
                PublishResult r = engine.PublishLatest(_stateTopics.Get(o), shown ? _on : _off, 1, true);
                if (r == PublishResult.Accepted || r == PublishResult.AcceptedDroppingOlder) _stateDue[o] = false;
            }
            Errors.Publish(engine, _statusTopic);
        }

        private void Drive(int o, bool on)
        {
            _levels[o] = on;
            Pulses.Drive(o, on);
        }

        private void ReportError(int output, CommandError error)
        {
            if (!Errors.Begin()) return;
            Errors.Add("error: ");
            switch (error)
            {
                case CommandError.WrongTopic: Errors.Add("not a command topic"); break;
                case CommandError.UnknownOutput: Errors.Add("unknown output"); break;
                case CommandError.BadPayload: Errors.Add("bad payload (on, off, 1, 0, true, false, toggle, pulse:<ms>)"); break;
                case CommandError.TooLong: Errors.Add("payload too long"); break;
                case CommandError.BadPulse: Errors.Add("pulse needs 1..60000 ms"); break;
                case CommandError.Expired: Errors.Add("command expired"); break;
            }
            if (output < 0) return;
            Errors.Add(" on ");
            Errors.Add(_names.Get(output));
        }
    }
}
