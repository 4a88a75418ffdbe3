using System.Collections;
using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Storage;

using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>A set of packet ids in use, for the allocator on its own.</summary>
    public class IdsInUse : IPacketIdsInUse
    {
        public readonly ArrayList Ids = new ArrayList();
        public bool All;

        public bool IsInUse(ushort packetId)
        {
            return All || Ids.Contains((int)packetId);
        }
    }

    /// <summary>
    /// Packet ids: never one in use, 65535 wraps to 1, reserved in blocks whose end is journaled
    /// before the block's first id is used, and after a reboot allocation goes on from that end.
    /// </summary>
    [TestClass]
    public class PacketIdAllocatorTests
    {
        // Peek, journal (Reserve) when asked, Take: what the engine does.
        private static int Allocate(PacketIdAllocator a, IdsInUse inUse, out int reserved)
        {
            ushort id = a.Peek(inUse, out reserved);
            if (id == 0) return 0;
            if (reserved != 0) a.Reserve(reserved);
            a.Take(id);
            return id;
        }

        [TestMethod]
        public void HandsOutInOrderReservingBlocks()
        {
            PacketIdAllocator a = new PacketIdAllocator(4);
            IdsInUse none = new IdsInUse();
            Assert.AreEqual(1, a.Next);
            int reserved;
            string ids = "";
            string reservations = "";
            for (int i = 0; i < 9; i++)
            {
                ids += Allocate(a, none, out reserved) + " ";
                if (reserved != 0) reservations += reserved + " ";
            }
            Assert.AreEqual("1 2 3 4 5 6 7 8 9 ", ids);
            Assert.AreEqual("5 9 13 ", reservations, "one reservation per block of 4");
            Assert.AreEqual(13, a.ReservedEnd);
        }

        [TestMethod]
        public void SkipsIdsInUse()
        {
            PacketIdAllocator a = new PacketIdAllocator(256);
            IdsInUse inUse = new IdsInUse();
            inUse.Ids.Add(1);
            inUse.Ids.Add(2);
            inUse.Ids.Add(4);
            int reserved;
            Assert.AreEqual(3, Allocate(a, inUse, out reserved));
            Assert.AreEqual(5, Allocate(a, inUse, out reserved));
            inUse.All = true;
            Assert.AreEqual(0, (int)a.Peek(inUse, out reserved), "every id in use: none");
            Assert.AreEqual(0, reserved);
        }

        [TestMethod]
        public void WrapsFrom65535To1()
        {
            PacketIdAllocator a = new PacketIdAllocator(4);
            a.Restore(65534);
            IdsInUse inUse = new IdsInUse();
            int reserved;
            Assert.AreEqual(65534, Allocate(a, inUse, out reserved));
            Assert.AreEqual(3, reserved, "the block runs 65534, 65535, 1, 2");
            Assert.AreEqual(65535, Allocate(a, inUse, out reserved));
            Assert.AreEqual(0, reserved);
            Assert.AreEqual(1, a.Next, "never 0");
            Assert.AreEqual(1, Allocate(a, inUse, out reserved));
            Assert.AreEqual(0, reserved, "still inside the block");
            Assert.AreEqual(2, Allocate(a, inUse, out reserved));
            Assert.AreEqual(3, Allocate(a, inUse, out reserved));
            Assert.AreEqual(7, reserved);
        }

        [TestMethod]
        public void WrapSkipsIdsStillHeld()
        {
            PacketIdAllocator a = new PacketIdAllocator(4);
            a.Restore(65535);
            IdsInUse inUse = new IdsInUse();
            inUse.Ids.Add(65535);
            inUse.Ids.Add(1);
            int reserved;
            Assert.AreEqual(2, Allocate(a, inUse, out reserved));
            Assert.AreEqual(6, reserved, "the reservation moves past the id handed out");
        }

        [TestMethod]
        public void RestoreGoesOnFromTheReservedEnd()
        {
            PacketIdAllocator a = new PacketIdAllocator(256);
            a.Restore(513);
            Assert.AreEqual(513, a.Next);
            int reserved;
            Assert.AreEqual(513, Allocate(a, new IdsInUse(), out reserved));
            Assert.AreEqual(769, reserved, "a new block is journaled before 513 is used");
            a.Reset();
            Assert.AreEqual(1, a.Next);
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void RebootGoesOnFromTheJournaledReservation(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Config.PacketIdBlock = 4;
            w.Boot();
            w.FirstOnline();
            for (int i = 1; i <= 2; i++)
            {
                w.Publish("m" + i, 1);
                w.Drain();
                w.Ack(PacketType.PubAck, i + 1);
            }
            Assert.AreEqual(5, w.Engine.State.Ids.ReservedEnd, "ids 1..3 used, 4 reserved");
            w.Lose();
            w.Boot();
            Assert.AreEqual(5, w.Engine.State.Ids.Next, "not 1, not 4: the journaled end");
            w.Online(true);
            w.Publish("m3", 1);
            Assert.AreEqual("PUBLISH m3 5 q1", w.Drain());
            Assert.AreEqual(9, w.Engine.State.Ids.ReservedEnd);
        }

        [TestMethod]
        [DataRow(5, 4)]
        [DataRow(4, 4)]
        [DataRow(5, 256)]
        public void OneIdReserveRecordPerBlock(int version, int block)
        {
            EngineWire w = EngineWire.Create(version);
            w.Config.PacketIdBlock = block;
            // Room for every commit of the 20 messages before the ring of parts needs a compaction.
            w.Config.JournalParts = 60;
            w.Boot();
            int atOpen = w.CountRecords(RecordType.IdReserve);
            Assert.AreEqual(1, atOpen, "a new journal records the starting point");
            w.FirstOnline();
            int compactions = w.Engine.Journal.Compactions;
            for (int i = 1; i <= 20; i++)
            {
                byte qos = (byte)(1 + i % 2);
                w.Publish("m" + i, qos);
                Assert.AreEqual("PUBLISH m" + i + " " + (i + 1) + " q" + qos, w.Drain());
                if (qos == 1)
                {
                    w.Ack(PacketType.PubAck, i + 1);
                }
                else
                {
                    w.Ack(PacketType.PubRec, i + 1);
                    w.Drain();
                    w.Ack(PacketType.PubComp, i + 1);
                }
            }
            Assert.AreEqual(compactions, w.Engine.Journal.Compactions, "no compaction in between (it would rewrite the records)");
            // Ids 1 (SUBSCRIBE) .. 21: a reservation at 1, 5, 9, 13, 17, 21 for blocks of 4; one at 1 for 256.
            int expected = (21 + block - 1) / block;
            Assert.AreEqual(atOpen + expected, w.CountRecords(RecordType.IdReserve));
            Assert.AreEqual(1 + expected * block, w.Engine.State.Ids.ReservedEnd);
        }

        [TestMethod]
        [DataRow(5)]
        [DataRow(4)]
        public void NeverHandsOutAnIdInUseAcrossTheWrap(int version)
        {
            EngineWire w = EngineWire.Create(version);
            w.Config.PacketIdBlock = 4;
            w.Boot();
            w.FirstOnline();
            w.Publish("held", 2);
            Assert.AreEqual("PUBLISH held 2 q2", w.Drain());
            w.Ack(PacketType.PubRec, 2);
            Assert.AreEqual("PUBREL 2", w.Drain());
            // The device has since used almost every id: its journal reserves up to 65534.
            Assert.AreEqual((int)JournalStatus.Ok, (int)w.Engine.Journal.Append(RecordType.IdReserve, new byte[] { 0xFF, 0xFE }, 0, 2));
            w.Lose();
            w.Boot();
            Assert.AreEqual(65534, w.Engine.State.Ids.Next);
            Assert.AreEqual("PUBREL 2", w.Online(true));
            for (int i = 1; i <= 4; i++) w.Publish("w" + i, 1);
            // 65534, 65535, then 1 (free again) and not 2 (still awaiting PUBCOMP).
            Assert.AreEqual("PUBLISH w1 65534 q1, PUBLISH w2 65535 q1, PUBLISH w3 1 q1, PUBLISH w4 3 q1", w.Drain());
            w.Ack(PacketType.PubComp, 2);
            w.Publish("w5", 1);
            Assert.AreEqual("PUBLISH w5 4 q1", w.Drain());
        }
    }
}
