using System.Collections.Generic;
using System.Linq;
using CsCheck;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoMqtt.Session;
using CG = CsCheck.Gen;

namespace NanoMqtt.Host.Tests.Session
{
    /// <summary>
    /// The session's id tables against a plain set, over generated sequences of operations (CsCheck:
    /// a failing sequence shrinks to the shortest that still fails, printed with its seed).
    /// </summary>
    [TestClass]
    public class StateTablePropertyTests
    {
        // Ids near both ends, so runs meet, split and touch 1 and 65535.
        private static readonly Gen<ushort> Ids = CG.OneOf(CG.UShort[1, 12], CG.UShort[65530, 65535]);

        /// <summary>
        /// Incoming QoS 2 ids held as runs: the table holds exactly what the set holds, Add and Remove
        /// do what CanAdd and CanRemove said, a refusal only comes from a table whose runs are all in
        /// use, and the runs stay ordered, apart and within their number.
        /// </summary>
        [TestMethod]
        public void TheIncomingQoS2TableHoldsWhatASetHolds()
        {
            CG.Select(CG.Int[1, 4], CG.Select(CG.Bool, Ids).Array[0, 60]).Sample((runs, ops) =>
            {
                var table = new IncomingQoS2Table(runs);
                var model = new HashSet<ushort>();
                foreach (var (add, id) in ops)
                {
                    if (add)
                    {
                        bool can = table.CanAdd(id);
                        Assert.AreEqual(can, table.Add(id), "Add does what CanAdd said for " + id);
                        if (can) model.Add(id);
                        else Assert.AreEqual(runs, table.Runs, "Add of " + id + " refused with a run free");
                    }
                    else
                    {
                        bool can = table.CanRemove(id);
                        Assert.AreEqual(can, table.Remove(id), "Remove does what CanRemove said for " + id);
                        if (can) Assert.IsTrue(model.Remove(id), "removed " + id + ", which was not held");
                        else if (model.Contains(id)) Assert.AreEqual(runs, table.Runs, "Remove of " + id + " refused with a run free");
                    }
                    Check(table, model, runs);
                }
            }, iter: 5000);
        }

        private static void Check(IncomingQoS2Table table, HashSet<ushort> model, int runs)
        {
            Assert.AreEqual(model.Count, table.Count, "count");
            Assert.IsTrue(table.Runs <= runs, "runs within their number");
            var spans = Enumerable.Range(0, table.Runs).Select(k => (First: (int)table.First(k), Last: (int)table.Last(k))).OrderBy(r => r.First).ToArray();
            for (int k = 0; k < spans.Length; k++)
            {
                Assert.IsTrue(spans[k].First >= 1 && spans[k].First <= spans[k].Last, "run " + spans[k] + " is ordered and holds no id 0");
                // Apart by a gap: two runs that touch would hold one run's ids in two.
                if (k > 0) Assert.IsTrue(spans[k - 1].Last + 1 < spans[k].First, "runs " + spans[k - 1] + " and " + spans[k] + " overlap or touch");
            }
            foreach (ushort id in Enumerable.Range(1, 12).Concat(Enumerable.Range(65530, 6)).Select(i => (ushort)i))
                Assert.AreEqual(model.Contains(id), table.Contains(id), "Contains(" + id + ")");
        }

        private sealed class InUse : IPacketIdsInUse
        {
            public readonly HashSet<ushort> Ids = new HashSet<ushort>();

            public bool IsInUse(ushort packetId) => Ids.Contains(packetId);
        }

        /// <summary>
        /// The packet id allocator over any sequence of takes, releases and reboots: it never hands
        /// out 0 or an id in use, and never an id twice short of a wrap, a reboot between included:
        /// it goes on past the block it journaled, never from 1 (a broker may still hold those ids).
        /// </summary>
        [TestMethod]
        public void TheAllocatorNeverHandsOutAnIdInUseOrOneHandedOutBeforeAReboot()
        {
            var step = CG.Int[0, 9];
            CG.Select(CG.Int[1, 8], step.Array[1, 80]).Sample((block, steps) =>
            {
                var a = new PacketIdAllocator(block);
                var inUse = new InUse();
                var held = new List<ushort>();
                var handedOut = new HashSet<ushort>();
                int journaled = a.ReservedEnd;
                foreach (int s in steps)
                {
                    if (s == 0)
                    {
                        // Power cut: what was journaled is all the new allocator knows.
                        a = new PacketIdAllocator(block);
                        a.Restore(journaled);
                        continue;
                    }
                    if (s <= 2 && held.Count > 0)
                    {
                        inUse.Ids.Remove(held[0]);
                        held.RemoveAt(0);
                        continue;
                    }
                    ushort id = a.Peek(inUse, out int reservedEnd);
                    Assert.AreNotEqual((ushort)0, id, "an id while fewer than 65,535 are in use");
                    Assert.IsFalse(inUse.IsInUse(id), "id " + id + " is in use");
                    Assert.IsTrue(handedOut.Add(id), "id " + id + " handed out twice short of a wrap");
                    if (reservedEnd != 0)
                    {
                        a.Reserve(reservedEnd);
                        journaled = reservedEnd;
                    }
                    a.Take(id);
                    inUse.Ids.Add(id);
                    held.Add(id);
                }
            }, iter: 5000);
        }
    }
}
