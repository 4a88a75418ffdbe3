namespace NanoMqtt.Session
{
    /// <summary>
    /// What one connection resends after the broker kept the session: PUBRELs first, then the
    /// PUBLISHes (with DUP), each in original order and at most once. A resent PUBLISH takes send
    /// quota like a new one, so it waits while the Receive Maximum window is full.
    /// </summary>
    public sealed class ResendSchedule
    {
        private readonly InflightTable _inflight;
        private readonly ushort[] _ids;
        private int _count;
        private int _next;

        /// <summary>A schedule over <paramref name="inflight"/>, as large as its capacity.</summary>
        public ResendSchedule(InflightTable inflight)
        {
            _inflight = inflight;
            _ids = new ushort[inflight.Capacity];
        }

        /// <summary>Resends still to go on this connection.</summary>
        public int Remaining
        {
            get { return _count - _next; }
        }

        /// <summary>Schedules every in-flight message once, in resend order, but the first
        /// <paramref name="unsentCount"/> of <paramref name="unsent"/>: never written, they are no resend.</summary>
        public void Fill(ushort[] unsent, int unsentCount)
        {
            Clear();
            for (int i = 0; i < _inflight.Count; i++)
            {
                if (_inflight.GetState(i) == InflightTable.AwaitingPubComp) _ids[_count++] = _inflight.GetPacketId(i);
            }
            for (int i = 0; i < _inflight.Count; i++)
            {
                ushort id = _inflight.GetPacketId(i);
                if (_inflight.GetState(i) != InflightTable.AwaitingPubComp && !Holds(unsent, unsentCount, id)) _ids[_count++] = id;
            }
        }

        private static bool Holds(ushort[] ids, int count, ushort id)
        {
            for (int k = 0; k < count; k++)
            {
                if (ids[k] == id) return true;
            }
            return false;
        }

        /// <summary>Nothing more to resend (the connection is gone).</summary>
        public void Clear()
        {
            _count = 0;
            _next = 0;
        }

        /// <summary>The next packet id to resend, false when none is due within <paramref name="window"/>;
        /// <paramref name="unsent"/> in-flight messages outside the schedule are not written yet either.</summary>
        public bool TryNext(int window, int unsent, out ushort packetId)
        {
            packetId = 0;
            if (_next >= _count) return false;
            if (IsPublish(_next) && _inflight.Count - PendingPublishes() - unsent >= window) return false;
            packetId = _ids[_next++];
            return true;
        }

        // True when entry k is a PUBLISH still to go (not a PUBREL, not completed meanwhile).
        private bool IsPublish(int k)
        {
            int i = _inflight.IndexOf(_ids[k]);
            return i >= 0 && _inflight.GetState(i) != InflightTable.AwaitingPubComp;
        }

        // In-flight messages whose PUBLISH is still to be resent (they hold no quota yet).
        private int PendingPublishes()
        {
            int n = 0;
            for (int k = _next; k < _count; k++)
            {
                if (IsPublish(k)) n++;
            }
            return n;
        }
    }
}
