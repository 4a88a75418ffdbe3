namespace NanoMqtt.Session
{
    /// <summary>
    /// Hands out packet ids 1..65535 in a cycle, skipping ids still in use, and never restarts at 1
    /// after a reboot: ids are reserved in blocks whose end is journaled before the first id of a
    /// block is used, and a reboot continues from the last reserved end.
    /// </summary>
    public sealed class PacketIdAllocator
    {
        private readonly int _block;
        private int _next = 1;
        private int _reservedEnd = 1;

        /// <summary>An allocator reserving <paramref name="block"/> ids per journal record.</summary>
        public PacketIdAllocator(int block)
        {
            _block = block < 1 ? 1 : block;
        }

        /// <summary>The id the next allocation starts from.</summary>
        public int Next
        {
            get { return _next; }
        }

        /// <summary>End of the reserved block (exclusive), as journaled.</summary>
        public int ReservedEnd
        {
            get { return _reservedEnd; }
        }

        /// <summary>Restores the journaled reservation: allocation resumes at its end.</summary>
        public void Restore(int reservedEnd)
        {
            _reservedEnd = reservedEnd;
            _next = reservedEnd;
        }

        /// <summary>Back to a fresh start (id 1, nothing reserved).</summary>
        public void Reset()
        {
            _next = 1;
            _reservedEnd = 1;
        }

        /// <summary>
        /// The next free id (per <paramref name="inUse"/>), or 0 when all 65,535 are in use.
        /// <paramref name="newReservedEnd"/> is non-zero when the id starts a new block: journal it
        /// with <see cref="Reserve"/> before using the id.
        /// </summary>
        public ushort Peek(IPacketIdsInUse inUse, out int newReservedEnd)
        {
            newReservedEnd = 0;
            int candidate = _next;
            for (int tries = 0; tries < 65535; tries++)
            {
                if (!inUse.IsInUse((ushort)candidate))
                {
                    // Outside [next, reservedEnd): the reservation must move past it first.
                    if (Distance(_next, candidate) >= Distance(_next, _reservedEnd)) newReservedEnd = Wrap(candidate + _block);
                    return (ushort)candidate;
                }
                candidate = Wrap(candidate + 1);
            }
            return 0;
        }

        /// <summary>Records that ids up to <paramref name="reservedEnd"/> (exclusive) may be used.</summary>
        public void Reserve(int reservedEnd)
        {
            _reservedEnd = reservedEnd;
        }

        /// <summary>Marks <paramref name="packetId"/> as handed out.</summary>
        public void Take(ushort packetId)
        {
            _next = Wrap(packetId + 1);
        }

        private static int Distance(int from, int to)
        {
            return (to - from + 65535) % 65535;
        }

        private static int Wrap(int id)
        {
            return id > 65535 ? id - 65535 : id;
        }
    }

    /// <summary>Tells the allocator which ids the session still holds.</summary>
    public interface IPacketIdsInUse
    {
        /// <summary>True when <paramref name="packetId"/> is in flight.</summary>
        bool IsInUse(ushort packetId);
    }
}
