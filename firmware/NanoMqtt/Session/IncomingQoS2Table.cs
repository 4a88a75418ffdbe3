namespace NanoMqtt.Session
{
    /// <summary>
    /// Packet ids of incoming QoS 2 messages delivered and not yet released by PUBREL, kept as runs
    /// of consecutive ids. Brokers number a client's messages in order, so a backlog that a broker
    /// sends past the Receive Maximum (Mosquitto 2.0 does) is one run however long it grows, in a
    /// table the size of a few ids. Isolated ids take a run each.
    /// </summary>
    public sealed class IncomingQoS2Table
    {
        // Run k is _runs[2k] (first id) to _runs[2k + 1] (last id), both held.
        private readonly ushort[] _runs;
        private int _used;

        /// <summary>A table of <paramref name="runs"/> runs.</summary>
        public IncomingQoS2Table(int runs)
        {
            _runs = new ushort[2 * (runs > 0 ? runs : 1)];
        }

        /// <summary>Ids held.</summary>
        public int Count
        {
            get
            {
                int count = 0;
                for (int k = 0; k < _used; k++) count += _runs[2 * k + 1] - _runs[2 * k] + 1;
                return count;
            }
        }

        /// <summary>Runs in use (each written as one record when the journal compacts).</summary>
        public int Runs
        {
            get { return _used; }
        }

        /// <summary>First id of run <paramref name="k"/>.</summary>
        public ushort First(int k)
        {
            return _runs[2 * k];
        }

        /// <summary>Last id of run <paramref name="k"/>.</summary>
        public ushort Last(int k)
        {
            return _runs[2 * k + 1];
        }

        /// <summary>True when <paramref name="packetId"/> is held.</summary>
        public bool Contains(ushort packetId)
        {
            return RunOf(packetId) >= 0;
        }

        /// <summary>True when <paramref name="packetId"/> is held or <see cref="Add"/> would take it.</summary>
        public bool CanAdd(ushort packetId)
        {
            return _used * 2 < _runs.Length || RunOf(packetId) >= 0 || Adjacent(packetId) >= 0;
        }

        /// <summary>True when <paramref name="packetId"/> is held and <see cref="Remove"/> would let it go
        /// (releasing an id inside a run splits it in two, which needs a free run).</summary>
        public bool CanRemove(ushort packetId)
        {
            return Removable(RunOf(packetId), packetId);
        }

        /// <summary>Holds <paramref name="packetId"/>; false when no run can take it.</summary>
        public bool Add(ushort packetId)
        {
            if (packetId == 0) return false;
            if (RunOf(packetId) >= 0) return true;
            int k = Adjacent(packetId);
            if (k >= 0)
            {
                if (packetId == _runs[2 * k + 1] + 1) _runs[2 * k + 1] = packetId;
                else _runs[2 * k] = packetId;
                MergeInto(k);
                return true;
            }
            if (_used * 2 == _runs.Length) return false;
            _runs[2 * _used] = packetId;
            _runs[2 * _used + 1] = packetId;
            _used++;
            return true;
        }

        /// <summary>Lets <paramref name="packetId"/> go; false when it is not held or cannot be (see <see cref="CanRemove"/>).</summary>
        public bool Remove(ushort packetId)
        {
            int k = RunOf(packetId);
            if (!Removable(k, packetId)) return false;
            ushort first = _runs[2 * k];
            ushort last = _runs[2 * k + 1];
            if (first == last) RemoveRun(k);
            else if (packetId == first) _runs[2 * k] = (ushort)(first + 1);
            else if (packetId == last) _runs[2 * k + 1] = (ushort)(last - 1);
            else
            {
                _runs[2 * k + 1] = (ushort)(packetId - 1);
                _runs[2 * _used] = (ushort)(packetId + 1);
                _runs[2 * _used + 1] = last;
                _used++;
            }
            return true;
        }

        /// <summary>Empties the table.</summary>
        public void Clear()
        {
            _used = 0;
        }

        private bool Removable(int k, ushort packetId)
        {
            if (k < 0) return false;
            return packetId == _runs[2 * k] || packetId == _runs[2 * k + 1] || _used * 2 < _runs.Length;
        }

        private int RunOf(ushort packetId)
        {
            for (int k = 0; k < _used; k++)
            {
                if (packetId >= _runs[2 * k] && packetId <= _runs[2 * k + 1]) return k;
            }
            return -1;
        }

        // A run that id extends at either end (ids do not wrap inside a run: 65535 and 1 stay apart).
        private int Adjacent(ushort packetId)
        {
            for (int k = 0; k < _used; k++)
            {
                if (packetId == _runs[2 * k + 1] + 1 || packetId + 1 == _runs[2 * k]) return k;
            }
            return -1;
        }

        // Run k grew by one id: a run it now touches joins it.
        private void MergeInto(int k)
        {
            for (int j = 0; j < _used; j++)
            {
                if (j == k) continue;
                if (_runs[2 * j] == _runs[2 * k + 1] + 1) _runs[2 * k + 1] = _runs[2 * j + 1];
                else if (_runs[2 * j + 1] + 1 == _runs[2 * k]) _runs[2 * k] = _runs[2 * j];
                else continue;
                RemoveRun(j);
                return;
            }
        }

        private void RemoveRun(int k)
        {
            _used--;
            _runs[2 * k] = _runs[2 * _used];
            _runs[2 * k + 1] = _runs[2 * _used + 1];
        }
    }
}
