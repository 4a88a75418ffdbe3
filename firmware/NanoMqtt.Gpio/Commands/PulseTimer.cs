namespace NanoMqtt.Commands
{
    /// <summary>
    /// The pulses of the outputs, ended on time whatever the main loop is doing. The main loop
    /// starts and cancels pulses; <see cref="Tick"/> ends the due ones, from a timer thread of its
    /// own (and from the main loop, so nothing depends on that thread). An ended pulse is then
    /// picked up by the main loop (<see cref="TakeEnded"/>) to report the output's state.
    /// </summary>
    public sealed class PulseTimer
    {
        private readonly object _lock = new object();
        private readonly IPins _pins;
        private readonly int[] _pinNumbers;
        private readonly bool[] _activeLow;
        private readonly long[] _ends;
        private readonly bool[] _ended;
        private long _worstLateMs;

        /// <summary>Pulses on the outputs at <paramref name="pinNumbers"/>, written through <paramref name="pins"/>.</summary>
        public PulseTimer(int[] pinNumbers, bool[] activeLow, IPins pins)
        {
            _pins = pins;
            _pinNumbers = pinNumbers;
            _activeLow = activeLow;
            _ends = new long[pinNumbers.Length];
            _ended = new bool[pinNumbers.Length];
        }

        /// <summary>Drives output <paramref name="output"/> on or off, ending a pulse it was in.</summary>
        public void Drive(int output, bool on)
        {
            lock (_lock)
            {
                _ends[output] = 0;
                Write(output, on);
            }
        }

        /// <summary>Turns output <paramref name="output"/> on until <paramref name="endMs"/>, then off.</summary>
        public void Start(int output, long endMs)
        {
            lock (_lock)
            {
                _ends[output] = endMs == 0 ? 1 : endMs;
                Write(output, true);
            }
        }

        /// <summary>True while output <paramref name="output"/> is in a pulse.</summary>
        public bool Pulsing(int output)
        {
            lock (_lock) return _ends[output] != 0;
        }

        /// <summary>Ends the pulses due at <paramref name="nowMs"/>; safe from any thread.</summary>
        public void Tick(long nowMs)
        {
            lock (_lock)
            {
                for (int o = 0; o < _ends.Length; o++)
                {
                    if (_ends[o] == 0 || nowMs < _ends[o]) continue;
                    long late = nowMs - _ends[o];
                    if (late > _worstLateMs) _worstLateMs = late;
                    _ends[o] = 0;
                    _ended[o] = true;
                    Write(o, false);
                }
            }
        }

        /// <summary>True once after a pulse of output <paramref name="output"/> has ended.</summary>
        public bool TakeEnded(int output)
        {
            lock (_lock)
            {
                bool ended = _ended[output];
                _ended[output] = false;
                return ended;
            }
        }

        /// <summary>The latest a pulse has ended past its time since the last call, in ms.</summary>
        public long TakeWorstLateMs()
        {
            lock (_lock)
            {
                long worst = _worstLateMs;
                _worstLateMs = 0;
                return worst;
            }
        }

        private void Write(int o, bool on)
        {
            _pins.Write(_pinNumbers[o], on != _activeLow[o]);
        }
    }
}
