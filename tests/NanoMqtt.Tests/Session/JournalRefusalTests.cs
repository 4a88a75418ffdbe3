using nanoFramework.TestFramework;
using NanoMqtt.Protocol;
using NanoMqtt.Session;
using NanoMqtt.Storage;
using NanoMqtt.Tests.Support;

namespace NanoMqtt.Tests.Session
{
    /// <summary>Store that refuses every Write once Allowed writes have gone (Allowed &lt; 0: never refuses).</summary>
    public class RefusingStore : IFileStore
    {
        private readonly FaultyFlash _f;
        public int Allowed = -1;
        public RefusingStore(FaultyFlash f) { _f = f; }
        public int Length(string n, int p) { return _f.Length(n, p); }
        public int Read(string n, int p, int pos, byte[] b, int o, int c) { return _f.Read(n, p, pos, b, o, c); }
        public bool Create(string n, int p) { return _f.Create(n, p); }
        public bool Write(byte[] b, int o, int c)
        {
            if (Allowed == 0) return false;
            if (Allowed > 0) Allowed--;
            return _f.Write(b, o, c);
        }
        public bool Commit() { return _f.Commit(); }
        public void Delete(string n, int p) { _f.Delete(n, p); }
    }

    public class RefusingWire : EngineWire
    {
        public RefusingStore Store;
        public RefusingWire(SessionConfig c) : base(c) { }
        public override void Restart()
        {
            if (Store == null) Store = new RefusingStore(Flash);
            App.PowerLost();
            Application = Applications != null ? Applications() : App;
            Engine = new SessionEngine(Config, Store, Application);
            LastOpen = Engine.Open();
            Reboots++;
        }
    }

    /// <summary>A store that refuses, the corrupt record and the torn tail: what is on flash decides, and
    /// nothing is acted on or acknowledged that is not.</summary>
    [TestClass]
    public class JournalRefusalTests
    {
        private static JournalStatus Add(Journal j, int key, int value)
        {
            JournalStatus st = j.BeginRecord(2);
            if (st != JournalStatus.Ok) return st;
            j.RecordBuffer[Journal.PayloadAt] = (byte)key;
            j.RecordBuffer[Journal.PayloadAt + 1] = (byte)value;
            return j.CommitRecord(1, 2, true);
        }

        // Open finds a torn record mid-part and its compaction is refused: a group written after the
        // torn part would never be replayed, so none is until a new base is.
        [TestMethod]
        public void AfterATornTailWhoseCompactionFailedNothingIsCommittedPastIt()
        {
            FaultyFlash flash = new FaultyFlash();
            flash.AtomicCommits = false;
            Journal j = new Journal(flash, "j", 4096, 300, 8);
            j.Open(new KeyValueState());
            Add(j, 1, 10); j.Commit();
            Add(j, 2, 20);
            flash.CutAt(flash.Writes, 5); // second record of the group, 5 bytes land
            try { Add(j, 3, 30); } catch (PowerCutException) { }
            flash.Reboot();
            flash.Capacity = flash.TotalBytes + 30; // room for a small group, not for a new base
            KeyValueState s = new KeyValueState();
            j = new Journal(flash, "j", 4096, 300, 8);
            Assert.AreEqual((int)JournalOpenResult.TailCut, (int)j.Open(s));
            Assert.AreEqual((int)JournalStatus.StorageFailed, (int)s.Put(j, 4, new byte[] { 40 }),
                "nothing may follow the torn part until a new base is written, and the flash has no room for one");
            flash.Capacity = 0;
            Assert.AreEqual((int)JournalStatus.Ok, (int)s.Put(j, 4, new byte[] { 40 }), "room again: the base first, then the record");
            KeyValueState back = new KeyValueState();
            new Journal(flash, "j", 4096, 300, 8).Open(back);
            Assert.AreEqual(s.Describe(), back.Describe(), "a committed record must survive");
        }

        // The read's record refused, releases taken ahead in it: no PUBCOMP leaves for an id still unreleased on flash.
        [TestMethod]
        public void NoPubCompLeavesForAReleaseTheJournalRefused()
        {
            SessionConfig c = EngineHarness.DefaultConfig(MqttVersion.V311);
            c.IncomingQoS2Capacity = 4;
            RefusingWire w = new RefusingWire(c);
            w.Boot();
            w.FirstOnline();
            w.Deliver("a", 2, 1, false); w.Deliver("b", 2, 3, false);
            w.Drain();
            byte[] rx = new byte[c.MaxPacketSize * 2];
            int n = w.Encode(EngineWire.InTopic, "c", 2, 5, rx, 0);
            rx[n++] = 0x62; rx[n++] = 2; rx[n++] = 0; rx[n++] = 1;
            rx[n++] = 0x62; rx[n++] = 2; rx[n++] = 0; rx[n++] = 3;
            w.Store.Allowed = 0; // the read's one record (5 held, 1 and 3 released) is refused
            int used;
            SessionStatus st = w.Engine.Receive(rx, 0, n, out used);
            string sent = w.Drain();
            Assert.AreEqual(2, w.Engine.State.Incoming.Count, "ids 1 and 3 are not released on flash");
            Assert.IsTrue(sent.IndexOf("PUBCOMP") < 0, "status " + (int)st + ", sent: " + sent);
        }
        // Compaction over a store that refuses part-way: the chain on flash stays the journal, the
        // state is rebuilt from it (not left pointing into the abandoned part), and work goes on.
        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        [DataRow(3)]
        public void ACompactionTheStoreRefusesLeavesTheJournalAsItWas(int writesBeforeRefusal)
        {
            FaultyFlash flash = new FaultyFlash();
            RefusingStore store = new RefusingStore(flash);
            KeyValueState state = new KeyValueState();
            Journal j = new Journal(store, "j", 4096, 300, 8);
            j.Open(state);
            for (int key = 0; key < 5; key++) Assert.AreEqual((int)JournalStatus.Ok, (int)state.Put(j, key, new byte[] { (byte)(key + 1), 7 }));
            string before = state.Describe();
            store.Allowed = writesBeforeRefusal;
            Assert.AreEqual((int)JournalStatus.StorageFailed, (int)j.Compact());
            Assert.AreEqual(before, state.Describe(), "the state is the chain's");
            store.Allowed = -1;
            Assert.AreEqual((int)JournalStatus.Ok, (int)state.Put(j, 9, new byte[] { 9 }));
            KeyValueState reopened = new KeyValueState();
            new Journal(flash, "j", 4096, 300, 8).Open(reopened);
            Assert.AreEqual(state.Describe(), reopened.Describe(), "what a reboot finds is what was live");
            Assert.AreEqual((int)JournalStatus.Ok, (int)j.Compact(), "and a later compaction succeeds");
        }

        // A read that fails after its payload landed in the buffer: the record held before is read again from flash.
        [TestMethod]
        public void AFailedReadDoesNotLeaveTheHeldRecordStale()
        {
            FaultyFlash flash = new FaultyFlash();
            Journal j = new Journal(flash, "j", 4096, 300, 8);
            j.Open(new KeyValueState());
            Add(j, 1, 10); j.Commit();
            int a = j.LastRecordOffset;
            Add(j, 2, 20); j.Commit();
            int b = j.LastRecordOffset;
            flash.FlipBit("j", Journal.PartOf(a), Journal.OffsetOf(a) + 7, 0);
            int type, length;
            Assert.IsFalse(j.ReadRecord(a, out type, out length), "a is corrupt");
            Assert.IsTrue(j.ReadRecord(b, out type, out length));
            Assert.AreEqual(2, (int)j.RecordBuffer[Journal.PayloadAt], "record b's key");
        }
    }
}
