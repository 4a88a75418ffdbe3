using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Storage;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>The one writer of session records: layouts read back, the one-buffer contract, and
    /// records written through a compaction that their own write started.</summary>
    [TestClass]
    public class SessionRecordsTests
    {
        private static SessionState _state;
        private static Journal _journal;

        // A fresh flash, journal, state and record writer; the state and journal stay in the fields above.
        private static SessionRecords Open(int journalBytes)
        {
            SessionConfig config = EngineHarness.DefaultConfig(MqttVersion.V500);
            _journal = new Journal(new FaultyFlash(), "r", journalBytes, 300);
            _state = new SessionState(config);
            SessionRecords records = new SessionRecords(_journal, _state);
            _journal.Open(records);
            return records;
        }

        [TestMethod]
        public void MessageReadsBackFieldByField()
        {
            SessionRecords records = Open(4096);
            Slice topic = Slice.FromString("a/\U0001F321");
            Slice payload = Slice.FromString("on");
            Assert.AreEqual((int)JournalStatus.Ok, (int)records.Message(7, 2, true, 0x0102, topic, payload));
            int length;
            Assert.IsTrue(records.ReadMessage(records.LastOffset, out length));
            Assert.AreEqual(SessionRecords.MessageLength(topic, payload), length);
            Assert.AreEqual(2, records.ReadQoS);
            Assert.IsTrue(records.ReadRetain);
            Assert.IsTrue(records.ReadTopic.ContentEquals(topic));
            Assert.IsTrue(records.ReadPayload(length).ContentEquals(payload));
        }

        [TestMethod]
        public void OtherRecordsAreNotReadAsMessages()
        {
            SessionRecords records = Open(4096);
            Assert.AreEqual((int)JournalStatus.Ok, (int)records.Completed(5));
            int length;
            Assert.IsFalse(records.ReadMessage(records.LastOffset, out length));
        }

        [TestMethod]
        public void AMessageCannotBeBuiltFromTheRecordBuffer()
        {
            SessionRecords records = Open(4096);
            records.Message(1, 1, false, 0, Slice.FromString("t"), Slice.FromString("p"));
            int length;
            records.ReadMessage(records.LastOffset, out length);
            Slice topic = records.ReadTopic;
            Assert.ThrowsException(typeof(System.ArgumentException), () => records.Message(2, 1, false, 0, topic, new Slice()));
        }

        [TestMethod]
        public void MessageCopyIsOnlyForCompaction()
        {
            SessionRecords records = Open(4096);
            records.Message(1, 1, false, 0, Slice.FromString("t"), Slice.FromString("p"));
            int at = records.LastOffset;
            Assert.ThrowsException(typeof(System.InvalidOperationException), () => records.MessageCopy(at, 3));
        }

        [TestMethod]
        public void ARecordThatStartsACompactionKeepsItsOwnContent()
        {
            // A small journal: now and then the next message compacts first, and compaction copies
            // the two messages still in flight through the same buffer the new one is built in.
            SessionRecords records = Open(512);
            Slice topic = Slice.FromString("queued");
            byte[] body = new byte[20];
            for (int i = 1; i <= 30; i++)
            {
                body[0] = (byte)i;
                Slice payload = Slice.Of(body);
                Assert.AreEqual((int)JournalStatus.Ok, (int)records.Message((uint)i, 1, false, (ushort)i, topic, payload), "message " + i.ToString());
                _state.Inflight.Add((ushort)i, (uint)i, InflightTable.AwaitingPubAck, records.LastOffset,
                    Journal.RecordOverhead + SessionRecords.MessageLength(topic, payload), 0);
                if (i < 3) continue;
                Assert.AreEqual((int)JournalStatus.Ok, (int)records.Completed((ushort)(i - 2)));
                _state.Inflight.RemoveAt(_state.Inflight.IndexOf((ushort)(i - 2)));
            }
            Assert.IsTrue(_journal.Compactions >= 3, _journal.Compactions.ToString() + " compactions");
            for (int k = 0; k < _state.Inflight.Count; k++)
            {
                int length;
                Assert.IsTrue(records.ReadMessage(_state.Inflight.GetOffset(k), out length));
                Assert.AreEqual((byte)(29 + k), records.ReadPayload(length)[0], "in-flight message " + k.ToString());
                Assert.IsTrue(records.ReadTopic.ContentEquals("queued"));
            }
        }
    }
}
