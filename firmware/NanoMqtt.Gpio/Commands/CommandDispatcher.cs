using NanoMqtt.Link;
using NanoMqtt.Protocol;
using NanoMqtt.Session;

namespace NanoMqtt.Commands
{
    /// <summary>
    /// Turns delivered commands into output levels. The level a command leads to is the effect the
    /// session engine journals (with the packet id for QoS 2) before <see cref="Commit"/> drives
    /// the pin, so a QoS 2 command is applied once across power loss and outputs come back at boot
    /// through <see cref="Restore"/>. State changes and errors are queued as reports for
    /// <see cref="PublishReports"/>: retained states on &lt;prefix&gt;/out/&lt;name&gt;/state,
    /// errors on &lt;prefix&gt;/status. Nothing is allocated per command.
    /// </summary>
    public sealed class CommandDispatcher : IMessageHandler
    {
        private const int ReportCapacity = 16;

        private readonly IPins _pins;
        private readonly IClock _clock;
        private readonly CommandTopic _topic;
        private readonly int[] _pinNumbers;
        private readonly bool[] _activeLow;
        private readonly bool[] _levels;
        private readonly long[] _pulseEnds;
        private readonly SliceTable _stateTopics;
        private readonly SliceTable _names;
        private readonly Slice _statusTopic;
        private readonly Slice _on = Slice.FromString("on");
        private readonly Slice _off = Slice.FromString("off");
        private readonly byte[] _errorText = new byte[96];
        private readonly int[] _reportOutputs = new int[ReportCapacity];
        private readonly byte[] _reportErrors = new byte[ReportCapacity];
        private int _reportCount;

        private int _pendingOutput;
        private CommandKind _pendingKind;
        private CommandError _pendingError;
        private bool _pendingLevel;
        private int _pendingPulseMs;

        /// <summary>Commands under <paramref name="prefix"/> for outputs (name, pin, active-low, initial level), driven at once to their initial level.</summary>
        public CommandDispatcher(string prefix, string[] names, int[] pins, bool[] activeLow, bool[] initial, IPins pinDriver, IClock clock)
        {
            _pins = pinDriver;
            _clock = clock;
            _topic = new CommandTopic(prefix, names);
            _pinNumbers = pins;
            _activeLow = activeLow;
            _levels = new bool[names.Length];
            _pulseEnds = new long[names.Length];
            _stateTopics = new SliceTable(names.Length);
            _names = new SliceTable(names.Length);
            _statusTopic = Slice.FromString(prefix + "/status");
            for (int i = 0; i < names.Length; i++)
            {
                _stateTopics.Set(i, Slice.FromString(prefix + "/out/" + names[i] + "/state"));
                _names.Set(i, Slice.FromString(names[i]));
                Drive(i, initial[i]);
            }
        }

        /// <summary>Commands applied.</summary>
        public int Applied { get; private set; }
        /// <summary>Commands refused.</summary>
        public int Refused { get; private set; }
        /// <summary>Reports lost because nobody published them in time.</summary>
        public int ReportsLost { get; private set; }

        /// <summary>The recorded level of output <paramref name="index"/> (on = true).</summary>
        public bool Level(int index)
        {
            return _levels[index];
        }

        /// <summary>True while output <paramref name="index"/> is in a pulse.</summary>
        public bool Pulsing(int index)
        {
            return _pulseEnds[index] != 0;
        }

        /// <inheritdoc/>
        public int Deliver(PublishPacket message, byte[] effect, int offset, int capacity)
        {
            _pendingOutput = -1;
            _pendingError = CommandError.None;
            Properties p = message.Properties;
            if (p.Has(PropertyId.MessageExpiryInterval) && p.MessageExpiryInterval == 0)
            {
                _pendingError = CommandError.Expired;
                return 0;
            }
            int output = _topic.Match(message.Topic, out _pendingError);
            if (output < 0) return 0;
            _pendingOutput = output;
            _pendingError = CommandParser.Parse(message.Payload, out _pendingKind, out _pendingPulseMs);
            if (_pendingError != CommandError.None) return 0;
            _pendingLevel = _pendingKind == CommandKind.On || (_pendingKind == CommandKind.Toggle && !_levels[output]);
            if (capacity < 2) return 0;
            effect[offset] = (byte)output;
            effect[offset + 1] = (byte)(_pendingLevel ? 1 : 0);
            return 2;
        }

        /// <inheritdoc/>
        public void Commit()
        {
            if (_pendingError != CommandError.None)
            {
                Refused++;
                Report(_pendingOutput, _pendingError);
                return;
            }
            if (_pendingOutput < 0) return;
            Applied++;
            int o = _pendingOutput;
            if (_pendingKind == CommandKind.Pulse)
            {
                // The recorded level is the one after the pulse; the pulse itself is not restored.
                _levels[o] = false;
                Write(o, true);
                long end = _clock.NowMs + _pendingPulseMs;
                _pulseEnds[o] = end == 0 ? 1 : end;
                Report(o, CommandError.None);
                return;
            }
            _pulseEnds[o] = 0;
            Drive(o, _pendingLevel);
            Report(o, CommandError.None);
        }

        /// <inheritdoc/>
        public void Restore(byte[] effect, int offset, int length)
        {
            int o = effect[offset];
            if (length < 2 || o >= _levels.Length) return;
            Drive(o, effect[offset + 1] == 1);
        }

        /// <summary>Ends pulses that are due; call from the main loop.</summary>
        public void Tick()
        {
            long now = _clock.NowMs;
            for (int o = 0; o < _levels.Length; o++)
            {
                if (_pulseEnds[o] == 0 || now < _pulseEnds[o]) continue;
                _pulseEnds[o] = 0;
                Drive(o, _levels[o]);
                Report(o, CommandError.None);
            }
        }

        /// <summary>Publishes queued reports through <paramref name="engine"/> (QoS 1; states retained).</summary>
        public void PublishReports(SessionEngine engine)
        {
            for (int i = 0; i < _reportCount; i++)
            {
                int o = _reportOutputs[i];
                CommandError error = (CommandError)_reportErrors[i];
                if (error == CommandError.None)
                {
                    bool shown = _pulseEnds[o] != 0 || _levels[o];
                    engine.Publish(_stateTopics.Get(o), shown ? _on : _off, 1, true);
                }
                else
                {
                    engine.Publish(_statusTopic, ErrorText(error, o), 1, false);
                }
            }
            _reportCount = 0;
        }

        private void Report(int output, CommandError error)
        {
            if (_reportCount == ReportCapacity)
            {
                ReportsLost++;
                return;
            }
            _reportOutputs[_reportCount] = output;
            _reportErrors[_reportCount] = (byte)error;
            _reportCount++;
        }

        private void Drive(int o, bool on)
        {
            _levels[o] = on;
            Write(o, on);
        }

        private void Write(int o, bool on)
        {
            _pins.Write(_pinNumbers[o], on != _activeLow[o]);
        }

        private Slice ErrorText(CommandError error, int output)
        {
            int n = Put(0, "error: ");
            switch (error)
            {
                case CommandError.WrongTopic: n = Put(n, "not a command topic"); break;
                case CommandError.UnknownOutput: n = Put(n, "unknown output"); break;
                case CommandError.BadPayload: n = Put(n, "bad payload (on, off, 1, 0, true, false, toggle, pulse:<ms>)"); break;
                case CommandError.TooLong: n = Put(n, "payload too long"); break;
                case CommandError.BadPulse: n = Put(n, "pulse needs 1..60000 ms"); break;
                case CommandError.Expired: n = Put(n, "command expired"); break;
            }
            if (output >= 0)
            {
                n = Put(n, " on ");
                Slice name = _names.Get(output);
                int copy = name.Length < _errorText.Length - n ? name.Length : _errorText.Length - n;
                System.Array.Copy(name.Array, 0, _errorText, n, copy);
                n += copy;
            }
            return new Slice(_errorText, 0, n);
        }

        private int Put(int at, string ascii)
        {
            for (int i = 0; i < ascii.Length && at < _errorText.Length; i++) _errorText[at++] = (byte)ascii[i];
            return at;
        }
    }
}
