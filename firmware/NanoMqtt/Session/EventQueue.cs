namespace NanoMqtt.Session
{
    /// <summary>Events for the application and the link driver, oldest first; when full the oldest is overwritten and counted.</summary>
    public sealed class EventQueue
    {
        private readonly byte[] _events;
        private readonly int[] _arguments;
        private int _head;
        private int _count;

        /// <summary>Events overwritten because nobody read them.</summary>
        public int Overwritten;

        /// <summary>A queue of <paramref name="capacity"/> events.</summary>
        public EventQueue(int capacity)
        {
            _events = new byte[capacity];
            _arguments = new int[capacity];
        }

        /// <summary>Events waiting.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>Adds an event.</summary>
        public void Add(SessionEvent e, int argument)
        {
            if (_count == _events.Length)
            {
                _head = (_head + 1) % _events.Length;
                _count--;
                Overwritten++;
            }
            int i = (_head + _count) % _events.Length;
            _events[i] = (byte)e;
            _arguments[i] = argument;
            _count++;
        }

        /// <summary>Takes the oldest event; false when none.</summary>
        public bool TryTake(out SessionEvent e, out int argument)
        {
            e = 0;
            argument = 0;
            if (_count == 0) return false;
            e = (SessionEvent)_events[_head];
            argument = _arguments[_head];
            _head = (_head + 1) % _events.Length;
            _count--;
            return true;
        }
    }
}
