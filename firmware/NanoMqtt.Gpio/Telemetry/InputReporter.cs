using NanoMqtt.Protocol;
using NanoMqtt.Session;

namespace NanoMqtt.Telemetry
{
    /// <summary>
    /// Publishes each input's level on &lt;prefix&gt;/in/&lt;name&gt; (QoS 1, "on"/"off") when it
    /// changes. Debouncing happens in the pin adapter. Changes arrive on the GPIO event thread and
    /// wait in a queue of <see cref="QueueLength"/> for the main loop, the only one that touches
    /// the session: a press and release while the loop is held are both published. A change that
    /// finds the queue full, or is refused, is not lost either: its input's latest level is
    /// published instead. While offline only the latest level per input waits in the outbox.
    /// </summary>
    public sealed class InputReporter
    {
        /// <summary>Changes that wait for the main loop, one each; beyond that only the latest level per input.</summary>
        public const int QueueLength = 16;

        private readonly SliceTable _topics;
        private readonly bool[] _activeLow;
        private readonly bool[] _on;
        private readonly bool[] _dirty;
        private readonly int[] _queuedInput = new int[QueueLength];
        private readonly bool[] _queuedOn = new bool[QueueLength];
        private int _head;
        private int _count;
        private readonly Slice _onText = Slice.FromString("on");
        private readonly Slice _offText = Slice.FromString("off");

        /// <summary>Inputs named <paramref name="names"/> under <paramref name="prefix"/>.</summary>
        public InputReporter(string prefix, string[] names, bool[] activeLow)
        {
            _topics = new SliceTable(names.Length);
            for (int i = 0; i < names.Length; i++) _topics.Set(i, Slice.FromString(prefix + "/in/" + names[i]));
            _activeLow = activeLow;
            _on = new bool[names.Length];
            _dirty = new bool[names.Length];
        }

        /// <summary>Changes the queue could not hold since boot (each input's latest level went out instead).</summary>
        public int Overflows { get; private set; }

        /// <summary>The logical level of input <paramref name="index"/>.</summary>
        public bool IsOn(int index)
        {
            lock (_dirty) return _on[index];
        }

        /// <summary>The pin of input <paramref name="index"/> reads <paramref name="high"/> (after debouncing). Safe from an interrupt thread.</summary>
        public void Changed(int index, bool high)
        {
            bool on = high != _activeLow[index];
            lock (_dirty)
            {
                if (on == _on[index]) return;
                _on[index] = on;
                if (_count == QueueLength)
                {
                    Overflows++;
                    _dirty[index] = true;
                    return;
                }
                int tail = (_head + _count) % QueueLength;
                _queuedInput[tail] = index;
                _queuedOn[tail] = on;
                _count++;
            }
        }

        /// <summary>Input <paramref name="index"/>'s pin reads <paramref name="high"/> at boot: the level is
        /// published once connected, whatever it is (nobody has heard of it since the reset).</summary>
        public void AtBoot(int index, bool high)
        {
            lock (_dirty)
            {
                _on[index] = high != _activeLow[index];
                _dirty[index] = true;
            }
        }

        /// <summary>Every input's level is published again (reports that never reached flash).</summary>
        public void AllDue()
        {
            lock (_dirty)
            {
                for (int i = 0; i < _dirty.Length; i++) _dirty[i] = true;
            }
        }

        /// <summary>Publishes the levels due, then the queued changes in order; returns how many were accepted
        /// (a refused one leaves its input's latest level due).</summary>
        public int PublishReports(SessionEngine engine)
        {
            int n = 0;
            for (int i = 0; i < _topics.Capacity; i++)
            {
                bool on;
                lock (_dirty)
                {
                    if (!_dirty[i]) continue;
                    _dirty[i] = false;
                    on = _on[i];
                    // The latest level says what the changes queued so far would.
                    DropQueued(i);
                }
                n += Publish(engine, i, on, true);
            }
            int input;
            bool level;
            while (TakeQueued(out input, out level)) n += Publish(engine, input, level, !engine.IsConnected);
            return n;
        }

        private void DropQueued(int input)
        {
            int kept = 0;
            for (int k = 0; k < _count; k++)
            {
                int from = (_head + k) % QueueLength;
                if (_queuedInput[from] == input) continue;
                int to = (_head + kept) % QueueLength;
                _queuedInput[to] = _queuedInput[from];
                _queuedOn[to] = _queuedOn[from];
                kept++;
            }
            _count = kept;
        }

        private bool TakeQueued(out int input, out bool on)
        {
            lock (_dirty)
            {
                input = _queuedInput[_head];
                on = _queuedOn[_head];
                if (_count == 0) return false;
                _head = (_head + 1) % QueueLength;
                _count--;
                return true;
            }
        }

        private int Publish(SessionEngine engine, int input, bool on, bool latestOnly)
        {
            Slice payload = on ? _onText : _offText;
            PublishResult r = latestOnly ? engine.PublishLatest(_topics.Get(input), payload, 1, false) : engine.Publish(_topics.Get(input), payload, 1, false);
            if (r == PublishResult.Accepted || r == PublishResult.AcceptedDroppingOlder) return 1;
            // Refused (outbox full, journal full, ending): the latest level is due again.
            lock (_dirty) _dirty[input] = true;
            return 0;
        }
    }
}
